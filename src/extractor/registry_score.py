"""Scores of the registry layer: pairwise "same project" over gold records, and canonical places.

Predicted records are paired with gold records by the scorer's alignment
(:func:`extractor.scoring.align`). For every two gold project records of different articles:
the pair is *linked by the registry* when both have a predicted partner and the two partners
are in one registry project; it is *the same project* when ``corpus/registry.jsonl`` lists both
in one project. Linked and same: a true positive; linked, not same: a false positive; same, not
linked: a false negative. A pair with an optional record that the registry gold does not list is
neither (as the SPEC treats optional records: finding one is no error, missing one neither).

Canonical places are scored like a slot over matched records with a gold place
(``corpus/places.jsonl``): for district and for city, a true positive when the predicted value is
the gold one, a false positive when a value is predicted that is not the gold one, a false
negative when the gold value is not predicted; accuracy counts a record right when the two
agree, both null included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from extractor.models import RecordBase
from extractor.scoring import Counts, align

PLACE_FIELDS = ("district", "city", "province")


@dataclass
class RegistryGold:
    cluster: dict[str, str]  # gold record_id -> project label
    negatives: list[tuple[str, str, str]]  # (record_id, record_id, why)


def load_registry_gold(path: str | Path) -> RegistryGold:
    cluster: dict[str, str] = {}
    negatives = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        data = json.loads(line) if line.strip() else {}
        if "project" in data:
            for rid in data["records"]:
                if rid in cluster:
                    raise ValueError(f"{path}:{lineno}: {rid} is in two projects")
                cluster[rid] = data["project"]
        elif "different" in data:
            a, b = data["different"]
            negatives.append((a, b, data.get("why", "")))
    return RegistryGold(cluster, negatives)


def gold_partners(pred: dict[str, list[RecordBase]], gold: dict[str, list[RecordBase]]) -> dict[str, str]:
    """Gold project record_id -> the record_id of its predicted partner (by the scorer's alignment)."""
    out = {}
    for doc_id, golds in gold.items():
        preds = pred.get(doc_id, [])
        for i, j in align(preds, golds).records.items():
            if golds[j].kind == "project":
                out[golds[j].record_id] = preds[i].record_id
    return out


@dataclass
class PairScore:
    counts: Counts = field(default_factory=Counts)
    false_links: list[tuple[str, str]] = field(default_factory=list)
    missed_links: list[tuple[str, str]] = field(default_factory=list)


def score_pairs(gold: dict[str, list[RecordBase]], partners: dict[str, str], project_of: dict[str, str],
                truth: RegistryGold) -> PairScore:
    """Pairwise precision/recall of "same project" over gold project records of different articles."""
    records = sorted((r for recs in gold.values() for r in recs if r.kind == "project"), key=lambda r: r.record_id)
    score = PairScore()
    for a, b in combinations(records, 2):
        if a.doc_id == b.doc_id or any(getattr(r, "optional", False) and r.record_id not in truth.cluster for r in (a, b)):
            continue  # (an optional record the registry gold does not list: the pair is undecided)
        pa, pb = project_of.get(partners.get(a.record_id, "")), project_of.get(partners.get(b.record_id, ""))
        linked = pa is not None and pa == pb
        same = a.record_id in truth.cluster and truth.cluster.get(a.record_id) == truth.cluster.get(b.record_id)
        if linked and same:
            score.counts.tp += 1
        elif linked:
            score.counts.fp += 1
            score.false_links.append((a.record_id, b.record_id))
        elif same and not (getattr(a, "optional", False) or getattr(b, "optional", False)):
            score.counts.fn += 1
            score.missed_links.append((a.record_id, b.record_id))
    return score


def load_place_gold(path: str | Path) -> dict[str, dict]:
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        data = json.loads(line) if line.strip() else {}
        if "record_id" in data:
            out[data["record_id"]] = data
    return out


@dataclass
class PlaceScore:
    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in PLACE_FIELDS})
    right: dict[str, int] = field(default_factory=lambda: {f: 0 for f in PLACE_FIELDS})
    total: int = 0
    wrong: list[tuple[str, str, object, object]] = field(default_factory=list)

    def accuracy(self, f: str) -> float:
        return self.right[f] / self.total if self.total else 1.0


def score_places(partners: dict[str, str], predicted: dict[str, dict], truth: dict[str, dict]) -> PlaceScore:
    """Canonical places of matched records against the gold places (see the module docstring)."""
    score = PlaceScore()
    for gid, g in sorted(truth.items()):
        if gid not in partners:
            continue
        p = predicted.get(partners[gid], {})
        score.total += 1
        for f in PLACE_FIELDS:
            pv, gv = p.get(f), g.get(f)
            c = score.counts[f]
            score.right[f] += pv == gv
            c.tp += pv is not None and pv == gv
            c.fp += pv is not None and pv != gv
            c.fn += gv is not None and pv != gv
            if pv != gv:
                score.wrong.append((gid, f, pv, gv))
    return score


def format_registry_scores(pairs: PairScore, places: PlaceScore | None, diff: bool = False) -> str:
    c = pairs.counts
    lines = [f"registry pairs      tp {c.tp:>4} fp {c.fp:>4} fn {c.fn:>4}  P {c.precision:.3f}  R {c.recall:.3f}"
             f"  F1 {c.f1:.3f}"]
    if places is not None:
        for f in PLACE_FIELDS:
            x = places.counts[f]
            lines.append(f"place {f:<13} tp {x.tp:>4} fp {x.fp:>4} fn {x.fn:>4}  P {x.precision:.3f}  "
                         f"R {x.recall:.3f}  F1 {x.f1:.3f}  accuracy {places.accuracy(f):.3f} ({places.total} records)")
    if diff:
        lines += [f"FP link {a} ~ {b}" for a, b in pairs.false_links]
        lines += [f"FN link {a} ~ {b}" for a, b in pairs.missed_links]
        if places is not None:
            lines += [f"place {gid} {f}: predicted {p!r}, gold {g!r}" for gid, f, p, g in places.wrong]
    return "\n".join(lines)


def predicted_places(rows: Iterable[tuple[str, str | None, str | None, str | None]]) -> dict[str, dict]:
    return {rid: {"district": d, "city": c, "province": p} for rid, d, c, p in rows}


def evaluate(pred_path: str, gold_paths: list[str], registry_gold: str | None, places_gold: str | None,
             articles: list[str]) -> tuple[PairScore | None, PlaceScore | None]:
    """Build a registry in memory from the predicted records and score it (and its places)."""
    from extractor.canon import PlaceResolver
    from extractor.matching import default_vocabulary
    from extractor.reader import InputProblem, read_articles
    from extractor.registry import build_registry, connect
    from extractor.resources import load_resources
    from extractor.scoring import load_records

    pred, gold = load_records([pred_path]), load_records(gold_paths)
    con = connect(":memory:")
    docs = (a for a in read_articles(articles) if not isinstance(a, InputProblem) and (a.id in pred or a.id in gold))
    records = (r.to_json_dict() for doc in sorted(pred) for r in pred[doc])
    build_registry(con, records, PlaceResolver.from_resources(load_resources()), default_vocabulary(), docs)
    project_of = dict(con.execute("SELECT record_id, project FROM mentions"))
    partners = gold_partners(pred, gold)
    pairs = score_pairs(gold, partners, project_of, load_registry_gold(registry_gold)) if registry_gold else None
    places = None
    if places_gold:
        rows = con.execute("SELECT record_id, district, city, province FROM mentions")
        places = score_places(partners, predicted_places(rows), load_place_gold(places_gold))
    return pairs, places
