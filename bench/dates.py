"""Side-by-side benchmark of date taggers on the completion phrasing table.

    python3 bench/dates.py [--table tests/data/temporal_cases.jsonl]

Every case of ``tests/data/temporal_cases.jsonl`` that expects a completion date, and every
completion date of the corpus gold (its sentence), is run through each tagger with the case's
``published`` date as the reference time:

* ours: :class:`extractor.temporal.TemporalTagger` (find, normalise, resolve);
* dateparser: ``search_dates`` with ``RELATIVE_BASE`` = published;
* recognizers-text-date-time (Microsoft Recognizers, English): the datetime model's ``parse``;
* ctparse: ``ctparse(text, ts=published)``;
* datefinder: ``find_dates(text, base_date=published)``.

A case counts as normalised when one of the dates a tagger returns, written at the precision the
SPEC asks for that case ("2026", "2026-H1", "2025-Q4", "2027-06", "2024-10-15"), equals the
expected value. That is lenient to the libraries: a library that returns 2025-12-31 for "by the
end of 2025" is right at year precision, and no library is asked for the hedge (``mod``); ours is
scored both ways. Libraries that do not install are skipped. The optional libraries install with
``pip install -e ".[bench]"``; the extractor itself never imports them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extractor.resources import load_resources  # noqa: E402
from extractor.temporal import TemporalTagger  # noqa: E402

Tagger = Callable[[str, dt.date], list[str]]  # text, published -> ISO-ish dates found


def at_precision(found: str, expected: str) -> str | None:
    """``found`` (an ISO date, month or year) written at ``expected``'s precision, or None."""
    if found == expected:
        return found  # ("2026-H1" is its own precision)
    year = found[:4]
    if not year.isdigit():
        return None
    if len(expected) == 4:
        return year
    if expected[5] in "HQ":
        if len(found) < 7 or not found[5:7].isdigit():
            return None
        month = int(found[5:7])
        return f"{year}-H{1 if month <= 6 else 2}" if expected[5] == "H" else f"{year}-Q{(month - 1) // 3 + 1}"
    if len(expected) == 7:
        return found[:7] if len(found) >= 7 else None
    return found[:10] if len(found) >= 10 else None


def ours() -> Tagger:
    tagger = TemporalTagger(load_resources().temporal)

    def run(text: str, published: dt.date) -> list[str]:
        return [d.value for d in tagger.find(text, published) if d.value]

    return run


def ours_with_mod() -> Callable[[str, dt.date], list[tuple[str, str | None]]]:
    tagger = TemporalTagger(load_resources().temporal)
    return lambda text, published: [(d.value, d.mod) for d in tagger.find(text, published) if d.value]


def dateparser_tagger() -> Tagger | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None

    def run(text: str, published: dt.date) -> list[str]:
        base = dt.datetime.combine(published, dt.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        return [d.date().isoformat() for _, d in found]

    return run


def recognizers_tagger() -> Tagger | None:
    try:
        from recognizers_date_time import Culture, DateTimeRecognizer
    except ImportError:
        return None
    model = DateTimeRecognizer(Culture.English).get_datetime_model()

    def run(text: str, published: dt.date) -> list[str]:
        out = []
        for r in model.parse(text, dt.datetime.combine(published, dt.time())):
            for v in (r.resolution or {}).get("values", []):
                value = v.get("value") or v.get("start") or v.get("timex")
                if value:
                    out.append(str(value))
        return out

    return run


def ctparse_tagger() -> Tagger | None:
    try:
        import logging

        from ctparse import ctparse
    except ImportError:
        return None
    logging.getLogger("ctparse").setLevel(logging.CRITICAL)  # it logs every sentence it cannot parse

    def run(text: str, published: dt.date) -> list[str]:
        parsed = ctparse(text, ts=dt.datetime.combine(published, dt.time()), timeout=1)
        if parsed is None:
            return []
        r = parsed.resolution
        year = getattr(r, "year", None) or getattr(getattr(r, "start", None), "year", None)
        month = getattr(r, "month", None) or getattr(getattr(r, "start", None), "month", None)
        day = getattr(r, "day", None) or getattr(getattr(r, "start", None), "day", None)
        if not year:
            return []
        return [f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")]

    return run


def datefinder_tagger() -> Tagger | None:
    try:
        import datefinder
    except ImportError:
        return None

    def run(text: str, published: dt.date) -> list[str]:
        base = dt.datetime.combine(published, dt.time())
        try:
            return [d.date().isoformat() for d in datefinder.find_dates(text, base_date=base)]
        except Exception:  # datefinder raises on some inputs (overflowing years)
            return []

    return run


def load_cases(path: Path) -> list[dict]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if "_comment" in d or not d.get("expect") or not d.get("published"):
            continue
        cases.append(d)
    return cases


def corpus_cases(root: Path) -> list[dict]:
    """Every completion value of the corpus gold, as a case: the sentence holding its evidence, the
    article's ``published``, the value. Most of these sentences were labelled by others, before
    the tagger met them (batches n1-n10), so they are a fairer test than the phrasing table."""
    cases = []
    for gold in sorted(root.glob("*/gold.jsonl")):
        folder = gold.parent
        published = {}
        for line in (folder / "articles" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            published[d["id"]] = d.get("published")
        for line in gold.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if not published.get(rec["doc_id"]):
                continue
            text = (folder / "articles" / f"{rec['doc_id']}.txt").read_text(encoding="utf-8")
            for v in rec["completion"]:
                if v.get("start") is None:
                    continue
                a = max(text.rfind(". ", 0, v["start"]), text.rfind("\n", 0, v["start"])) + 1
                b = min(x for x in (text.find(". ", v["end"]), text.find("\n", v["end"]), len(text)) if x >= 0)
                cases.append({"text": text[a : b + 1].strip(), "published": published[rec["doc_id"]],
                              "expect": [{"value": v["value"], "mod": v["mod"]}]})
    return cases


def score(tagger: Tagger, cases: list[dict]) -> tuple[int, int, float]:
    right = total = 0
    start = time.perf_counter()
    for case in cases:
        found = tagger(case["text"], dt.date.fromisoformat(case["published"]))
        for e in case["expect"]:
            total += 1
            right += any(at_precision(f, e["value"]) == e["value"] for f in found)
    return right, total, (time.perf_counter() - start) / max(1, len(cases))


def score_with_mod(cases: list[dict]) -> int:
    run = ours_with_mod()
    right = 0
    for case in cases:
        found = run(case["text"], dt.date.fromisoformat(case["published"]))
        right += sum((e["value"], e["mod"]) in found for e in case["expect"])
    return right


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", type=Path, default=ROOT / "tests" / "data" / "temporal_cases.jsonl")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args(argv)
    taggers = [("ours (extractor.temporal)", ours()), ("dateparser search_dates", dateparser_tagger()),
               ("recognizers-text-date-time", recognizers_tagger()), ("ctparse", ctparse_tagger()),
               ("datefinder", datefinder_tagger())]
    for title, cases in ((f"the phrasing table ({args.table.name})", load_cases(args.table)),
                         ("the corpus gold's completion dates (corpus/*/gold.jsonl)", corpus_cases(args.corpus))):
        print(f"\n{len(cases)} sentences with an expected completion date, from {title}\n")
        print(f"{'tagger':30} {'normalised':>12} {'share':>7} {'ms/case':>8}")
        for name, tagger in taggers:
            if tagger is None:
                print(f"{name:30} {'not installed':>12}")
                continue
            right, total, per_case = score(tagger, cases)
            print(f"{name:30} {right:>5}/{total:<6} {right / total:7.3f} {per_case * 1000:8.2f}")
        with_mod = score_with_mod(cases)
        total = sum(len(c["expect"]) for c in cases)
        print(f"ours, value and mod both right: {with_mod}/{total} ({with_mod / total:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
