"""The SPEC's scoring: one-to-one record matching per article and kind, then value matching per slot.

Projects match by normalised name (or a gold alias), else by the highest token Jaccard
(>= 0.5); groups by equal ``count``, then name overlap. Numbers match within a relative
tolerance of 1e-6 with the same currency/unit, dates by equal value, locations by
normalised equality or containment. Optional gold records are neither false negatives when
missed nor false positives when found; a matched optional record's values are scored.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from extractor.models import SLOTS, RecordBase, Slot, SlotTable
from extractor.names import normalise_name

KINDS = ("project", "project_group")
REL_TOL = 1e-6


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0 if not self.fp else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Score:
    slot_table: SlotTable = SLOTS
    records: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    slots: dict[tuple[str, str], Counts] = field(default_factory=dict)
    mod_total: int = 0
    mod_correct: int = 0
    diffs: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        for k in KINDS:
            for s in self.slot_table:
                self.slots.setdefault((k, s.name), Counts())

    def kind_slots(self, kind: str) -> Counts:
        c = Counts()
        for s in self.slot_table:
            x = self.slots[(kind, s.name)]
            c.tp, c.fp, c.fn = c.tp + x.tp, c.fp + x.fp, c.fn + x.fn
        return c

    @property
    def mod_accuracy(self) -> float:
        return self.mod_correct / self.mod_total if self.mod_total else 1.0

    def as_dict(self) -> dict:
        return {
            "records": {k: v.as_dict() for k, v in self.records.items()},
            "slots": {f"{k}.{s}": v.as_dict() for (k, s), v in self.slots.items()},
            "slots_all": {k: self.kind_slots(k).as_dict() for k in KINDS},
            "mod_accuracy": round(self.mod_accuracy, 4), "mod_total": self.mod_total,
        }


def _jaccard(a: str, b: str) -> float:
    ta, tb = set(normalise_name(a).split()), set(normalise_name(b).split())
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def _name_score(pred: RecordBase, gold: RecordBase) -> float | None:
    """2.0 for an exact (alias) match, the best Jaccard >= 0.5 otherwise, None for no match."""
    gold_names = [gold.name.text] + list(getattr(gold, "aliases", None) or [])
    p = normalise_name(pred.name.text)
    if any(p == normalise_name(g) for g in gold_names):
        return 2.0
    best = max(_jaccard(pred.name.text, g) for g in gold_names)
    return best if best >= 0.5 else None


def _pair_score(pred: RecordBase, gold: RecordBase) -> float | None:
    if pred.kind == "project":
        return _name_score(pred, gold)
    if pred.count != gold.count:
        return None
    gold_names = [gold.name.text] + list(getattr(gold, "aliases", None) or [])
    return 1.0 + max(_jaccard(pred.name.text, g) for g in gold_names)


def match_records(preds: list[RecordBase], golds: list[RecordBase]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best score first (ties: text order)."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p.kind != g.kind:
                continue
            s = _pair_score(p, g)
            if s is not None:
                pairs.append((-s, j, i))
    pairs.sort()
    used_p, used_g, out = set(), set(), []
    for _, j, i in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _value_match(slot: Slot, p, g) -> bool:
    if slot.assign == "place":
        a, b = normalise_name(p.text), normalise_name(g.text)
        return bool(a and b) and (a == b or a in b or b in a)
    if slot.assign == "date":
        return p.value == g.value
    if slot.unit_field and getattr(p, slot.unit_field) != getattr(g, slot.unit_field):
        return False
    return math.isclose(float(p.value), float(g.value), rel_tol=REL_TOL)


def _match_values(slot: Slot, preds: list, golds: list) -> list[tuple[int, int]]:
    used, out = set(), []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if j not in used and _value_match(slot, p, g):
                used.add(j)
                out.append((i, j))
                break
    return out


def score_documents(pred: dict[str, list[RecordBase]], gold: dict[str, list[RecordBase]], *, with_diff: bool = False,
                    slots: SlotTable = SLOTS) -> Score:
    score = Score(slot_table=slots)
    for doc_id in sorted(set(pred) | set(gold)):
        _score_doc(doc_id, pred.get(doc_id, []), gold.get(doc_id, []), score, with_diff)
    return score


def _diff(score: Score, with_diff: bool, **row) -> None:
    if with_diff:
        score.diffs.append(row)


@dataclass
class Alignment:
    """How one article's predictions pair with its gold: records, then values slot by slot."""

    records: dict[int, int]  # predicted record index -> gold record index
    values: dict[tuple[int, str], list[tuple[int, int]]]  # (predicted index, slot) -> value index pairs

    @property
    def matched_gold(self) -> set[int]:
        return set(self.records.values())


def align(preds: list[RecordBase], golds: list[RecordBase], slots: SlotTable = SLOTS) -> Alignment:
    """The one place where records and their values are paired (the scorer and the review read it)."""
    records = dict(match_records(preds, golds))
    values = {(i, slot.name): _match_values(slot, preds[i].values(slot), golds[j].values(slot))
              for i, j in records.items() for slot in slots}
    return Alignment(records, values)


def _score_doc(doc_id: str, preds: list[RecordBase], golds: list[RecordBase], score: Score, with_diff: bool) -> None:
    alignment = align(preds, golds, score.slot_table)
    for i, p in enumerate(preds):
        if i in alignment.records:
            _score_pair(doc_id, p, golds[alignment.records[i]], i, alignment, score, with_diff)
        else:
            _score_unmatched(doc_id, p, "FP", score, with_diff)
    for j, g in enumerate(golds):
        if j not in alignment.matched_gold and not getattr(g, "optional", False):
            _score_unmatched(doc_id, g, "FN", score, with_diff)


def _score_pair(doc_id: str, p: RecordBase, g: RecordBase, i: int, alignment: Alignment, score: Score,
                with_diff: bool) -> None:
    """A matched predicted and gold record: a record TP (unless the gold is optional), values slot by slot."""
    if not getattr(g, "optional", False):
        score.records[p.kind].tp += 1
    for slot in score.slot_table:
        pv, gv = p.values(slot), g.values(slot)
        vpairs = alignment.values[(i, slot.name)]
        c = score.slots[(p.kind, slot.name)]
        c.tp += len(vpairs)
        c.fp += len(pv) - len(vpairs)
        c.fn += len(gv) - len(vpairs)
        hit_p = {a for a, _ in vpairs}
        hit_g = {b for _, b in vpairs}
        ids = {"kind": p.kind, "slot": slot.name, "record": p.record_id, "gold_record": g.record_id}
        for a, b in vpairs:
            if slot.assign != "place":
                score.mod_total += 1
                score.mod_correct += pv[a].mod == gv[b].mod
                if pv[a].mod != gv[b].mod:
                    _diff(score, with_diff, doc_id=doc_id, type="MOD", **ids, text=pv[a].text,
                          detail=f"mod {pv[a].mod} != gold {gv[b].mod}")
        for a, v in enumerate(pv):
            if a not in hit_p:
                _diff(score, with_diff, doc_id=doc_id, type="FP", **ids, text=v.text, detail=_describe(v),
                      name=p.name.text)
        for b, v in enumerate(gv):
            if b not in hit_g:
                _diff(score, with_diff, doc_id=doc_id, type="FN", **ids, text=v.text, detail=_describe(v),
                      name=g.name.text)


def _score_unmatched(doc_id: str, r: RecordBase, kind_of_error: str, score: Score, with_diff: bool) -> None:
    """A record with no partner: it and every value it holds is a false positive (or negative)."""
    field_name = "fp" if kind_of_error == "FP" else "fn"
    ids = {"record": r.record_id, "gold_record": None} if kind_of_error == "FP" else \
        {"record": None, "gold_record": r.record_id}
    counts = score.records[r.kind]
    setattr(counts, field_name, getattr(counts, field_name) + 1)
    _diff(score, with_diff, doc_id=doc_id, type=kind_of_error, kind=r.kind, slot="record", **ids, text=r.name.text,
          detail=f"count={r.count}" if r.count else "")
    for slot in score.slot_table:
        for v in r.values(slot):
            c = score.slots[(r.kind, slot.name)]
            setattr(c, field_name, getattr(c, field_name) + 1)
            _diff(score, with_diff, doc_id=doc_id, type=kind_of_error, kind=r.kind, slot=slot.name, **ids,
                  text=v.text, detail=_describe(v), name=r.name.text)


def _describe(v) -> str:
    if not hasattr(v, "value"):
        return ""
    unit = getattr(v, "currency", None) or getattr(v, "unit", None) or ""  # whichever unit field it has
    return f"{v.value} {unit} mod={v.mod}".strip()


def load_records(paths: list[str], slots: SlotTable = SLOTS) -> dict[str, list[RecordBase]]:
    """RecordBases from JSONL files or folders (every ``gold.jsonl``/``*.jsonl`` below), by doc_id.

    A malformed line raises ValueError naming file and line.
    """
    files: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            found = sorted(p.rglob("gold.jsonl")) or sorted(p.rglob("*.jsonl"))
            files.extend(f for f in found if f.name != "manifest.jsonl")
        else:
            files.append(p)
    out: dict[str, list[RecordBase]] = defaultdict(list)
    for f in files:
        for rec in _read_records(f, slots.record_model):
            out[rec.doc_id].append(rec)
    return dict(out)


def _read_records(path: Path, model: type[RecordBase]):
    """The records of one JSONL file; a bad line raises ValueError with its line number and one
    short reason (the first problem pydantic found)."""
    with path.open(encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            try:
                yield model.model_validate(obj)
            except ValidationError as exc:
                raise ValueError(f"{path}:{lineno}: not a record: {_first_problem(exc)}") from None


def _first_problem(exc: ValidationError) -> str:
    """The first problem pydantic found, on one line.

    >>> from extractor.models import Record
    >>> try: Record.model_validate({"doc_id": "d", "record_id": "d:1", "kind": "x", "name": {"text": "A"}})
    ... except ValidationError as e: print(_first_problem(e))
    kind: Input should be 'project' or 'project_group'
    """
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(x) for x in first.get("loc", ())) or "record"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first.get('msg', 'invalid')}".removesuffix(".") + more


def format_table(score: Score) -> str:
    lines = [f"{'kind':<14}{'slot':<17}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]

    def row(kind: str, slot: str, c: Counts) -> None:
        figures = (f"{'n/a':>8}" * 3 if not (c.tp or c.fp or c.fn)  # nothing predicted, nothing in gold
                   else f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}")
        lines.append(f"{kind:<14}{slot:<17}{c.tp:>5}{c.fp:>5}{c.fn:>5}{figures}")

    for kind in KINDS:
        row(kind, "RECORD", score.records[kind])
        for slot in score.slot_table:
            row(kind, slot.name, score.slots[(kind, slot.name)])
        row(kind, "ALL SLOTS", score.kind_slots(kind))
    lines.append(f"mod accuracy: {score.mod_accuracy:.3f} ({score.mod_correct}/{score.mod_total} matched values)")
    return "\n".join(lines)


def format_diff(score: Score) -> str:
    out = []
    for d in score.diffs:
        who = d.get("record") or d.get("gold_record")
        name = f" [{d['name']}]" if d.get("name") else ""
        out.append(f"{d['type']:<3} {d['doc_id']} {who} {d['kind']}.{d['slot']}{name}: {d['text']!r} {d['detail']}")
    return "\n".join(out)
