"""Benchmark on what users run: three inputs, the extractor against its tokeniser and its peers.

    python3 bench/bench.py [--mb 2] [--seed 7] [--repeat 3] [--peer-mb 0.5] [--dask] [--inputs varied,stream,corpus]

Builds the inputs of :mod:`streams` (varied project news, a realistic news stream, the old
corpus-recombined input; deterministic from the seed, nothing downloaded) and measures, for each, in
one run:

* tokeniser only (``spacy.blank("en")``, a fresh one each repetition: a warm cache would flatter it)
  and full extraction (a fresh :class:`Extractor`, records serialised to JSON as ``extractor run``
  does): CPU seconds of this process, the minimum of ``--repeat`` runs, as MB/s; their ratio;
* seconds per MB of each stage (one instrumented run; "glue" is what no stage timer covers);
* ``extractor run`` with ``--workers 1`` and ``--workers 2`` (and ``--dask local:2`` with ``--dask``):
  wall seconds, minimum of ``--repeat``, the outputs checked byte-identical, and the peak RSS of the
  largest process of each;
* peers on the first ``--peer-mb`` MB: a naive spaCy rule pipeline (sentencizer + EntityRuler with
  20 token and 100 phrase patterns + Matcher with 20 patterns) and ``dateparser.search_dates`` if
  installed (``pip install -e ".[bench]"``).

Prints one markdown table. Nothing here is asserted: the figures go in the README, not in tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from streams import build_input  # noqa: E402

from extractor.reader import read_articles  # noqa: E402

STAGES = ("tokeniser", "sentences", "place ruler", "gazetteer", "heads", "gate", "values", "dates", "mentions",
          "groups", "places", "linking", "discourse", "assign", "records", "JSON")


def texts_of(path: Path, limit_bytes: float | None = None) -> list[str]:
    out, size = [], 0
    for line in path.open(encoding="utf-8"):
        text = json.loads(line)["text"]
        out.append(text)
        size += len(text.encode("utf-8"))
        if limit_bytes is not None and size >= limit_bytes:
            break
    return out


def cpu_min(fn, repeat: int) -> float:
    """The least CPU time of ``repeat`` calls of ``fn`` (each sets itself up untimed and returns its
    timed callable)."""
    best = float("inf")
    for _ in range(repeat):
        work = fn()
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def tokeniser_only(texts: list[str]):
    import spacy

    nlp = spacy.blank("en")
    return lambda: [nlp.tokenizer(t) for t in texts]


def full_extraction(articles: list):
    from extractor.extract import Extractor
    from extractor.writer import dumps

    x = Extractor()
    return lambda: [dumps(r.to_json_dict()) for a in articles for r in x.extract(a)]


# --------------------------------------------------------------------------- stages
class StageClock:
    """CPU seconds by stage, from wrappers put around the extractor's parts (this process only)."""

    def __init__(self):
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.depth = 0

    @contextmanager
    def stage(self, name: str):
        self.depth += 1
        start = time.process_time()
        try:
            yield
        finally:
            self.depth -= 1
            if self.depth == 0:  # a stage called inside another counts for the outer one
                self.seconds[name] += time.process_time() - start

    def wrap(self, name: str, fn):
        def timed(*a, **kw):
            with self.stage(name):
                return fn(*a, **kw)
        return timed


def _timed_nlp(nlp, clock: StageClock):
    names = {"extractor_sentences": "sentences", "anchored_span_ruler": "place ruler",
             "gazetteer_places": "gazetteer", "project_heads": "heads"}

    def run(text: str):
        with clock.stage("tokeniser"):
            doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            with clock.stage(names.get(name, name)):
                doc = proc(doc)
        return doc
    return run


def stage_profile(articles: list) -> dict[str, float]:
    """CPU seconds by stage of one instrumented extraction of ``articles`` (plus 'total')."""
    import extractor.extract as extract_module
    from extractor import discourse, linking
    from extractor.extract import Extractor
    from extractor.writer import dumps

    clock = StageClock()
    x = Extractor()
    x.nlp = _timed_nlp(x.nlp, clock)
    x.gate.open = clock.wrap("gate", x.gate.open)
    x.value_finders = tuple(clock.wrap("values", f) for f in x.value_finders)
    x.dates.find = clock.wrap("dates", x.dates.find)
    x.mentions.names = clock.wrap("mentions", x.mentions.names)
    x.groups.groups, x.groups.backrefs = clock.wrap("groups", x.groups.groups), clock.wrap("groups", x.groups.backrefs)
    x.places.places = clock.wrap("places", x.places.places)
    x.assigner.assign = clock.wrap("assign", x.assigner.assign)
    patched = [(m, n, getattr(m, n)) for m, names in (
        (linking, ("cluster_projects", "merge_introduced_aliases", "cluster_groups", "is_strong", "name_heads",
                   "add_acronym_mentions", "split_weak", "defined_acronyms")),
        (discourse, ("sections", "sentence_targets")), (extract_module, ("build_records",))) for n in names]
    for module, name, fn in patched:
        stage = {"linking": "linking", "discourse": "discourse"}.get(module.__name__.rsplit(".", 1)[-1], "records")
        setattr(module, name, clock.wrap(stage, fn))
    try:
        start = time.process_time()
        for a in articles:
            records = x.extract(a)
            with clock.stage("JSON"):
                [dumps(r.to_json_dict()) for r in records]
        total = time.process_time() - start
    finally:
        for module, name, fn in patched:
            setattr(module, name, fn)
    return {**clock.seconds, "glue": total - sum(clock.seconds.values()), "total": total}


# --------------------------------------------------------------------------- peers
def naive_spacy(texts: list[str]):
    """The rule pipeline a newcomer would write: sentencizer, EntityRuler (20 token + 100 phrase
    patterns), Matcher (20 patterns)."""
    import spacy
    from spacy.matcher import Matcher

    from streams import _gazetteer_places, _project_heads

    heads = [h.lower() for h in _project_heads()][:20]
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PROJECT", "pattern": [{"IS_TITLE": True, "OP": "+"}, {"LOWER": h}]} for h in heads]
                       + [{"label": "GPE", "pattern": p} for p in _gazetteer_places()[:100]])
    matcher = Matcher(nlp.vocab)
    units = ["yuan", "dollars", "meters", "hectares", "kilometers", "percent", "projects", "P", "mu", "square"]
    for k, unit in enumerate(units):
        matcher.add(f"V{k}", [[{"LIKE_NUM": True}, {"LOWER": {"IN": ["million", "billion"]}, "OP": "?"},
                               {"LOWER": unit.lower()}]])
        matcher.add(f"D{k}", [[{"LOWER": {"IN": ["by", "in", "before"]}}, {"IS_TITLE": True, "OP": "?"},
                               {"SHAPE": "dddd"}], [{"LOWER": "end"}, {"LOWER": "of"}, {"SHAPE": "dddd"}]])

    def run():
        for doc in nlp.pipe(texts):
            matcher(doc)
    return run


def dateparser_peer(texts: list[str]):
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    search_dates("warm up on 5 May 2021", languages=["en"])
    return lambda: [search_dates(t, languages=["en"]) for t in texts]


# --------------------------------------------------------------------------- extractor run
def run_cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB, the largest process: the run or one of its workers) of one
    ``extractor run``."""
    cmd = [sys.executable, "-c",
           "import resource,subprocess,sys;"
           "r=subprocess.run(sys.argv[1:]);"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
           "sys.exit(r.returncode)",
           sys.executable, "-m", "extractor", "run", *args, "-q"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(proc.stderr)
    return wall, int(proc.stderr.strip().splitlines()[-1]) // 1024


def runs(src: Path, tmp: Path, repeat: int, dask: bool) -> dict[str, tuple[float, int, bool]]:
    """``extractor run`` variants: (least wall seconds, largest peak RSS in MB, output identical to
    --workers 1)."""
    variants = {"workers 1": ["--workers", "1"], "workers 2": ["--workers", "2"]}
    if dask:
        variants["dask local:2"] = ["--dask", "local:2"]
    out: dict[str, tuple[float, int, bool]] = {}
    for name, extra in variants.items():
        dest = tmp / f"{name.replace(' ', '_').replace(':', '')}.jsonl"
        timings = [run_cli([str(src), "-o", str(dest), *extra]) for _ in range(repeat)]
        same = dest.read_bytes() == (tmp / "workers_1.jsonl").read_bytes()
        out[name] = (min(t for t, _ in timings), max(r for _, r in timings), same)
    return out


# --------------------------------------------------------------------------- one input, the table
def measure(kind: str, args, tmp: Path) -> dict:
    from extractor.extract import Extractor

    src = tmp / f"{kind}.jsonl"
    size, docs = build_input(kind, src, args.mb, args.seed)
    mb = size / 1e6
    print(f"{kind}: {mb:.2f} MB, {docs} documents", file=sys.stderr, flush=True)
    texts = texts_of(src)
    articles = list(read_articles([str(src)]))
    gate = Extractor().gate
    row = {"kind": kind, "mb": mb, "docs": docs, "gated": sum(not gate.open(t) for t in texts) / docs}
    if args.runs_only:
        row["runs"] = runs(src, tmp, args.repeat, args.dask)
        return row
    row["tok"] = cpu_min(lambda: tokeniser_only(texts), args.repeat)
    row["full"] = cpu_min(lambda: full_extraction(articles), args.repeat)
    row["stages"] = stage_profile(articles)
    row["runs"] = runs(src, tmp, args.repeat, args.dask)
    peer = texts_of(src, args.peer_mb * 1e6)
    peer_mb = sum(len(t.encode("utf-8")) for t in peer) / 1e6
    row["naive"] = peer_mb / cpu_min(lambda: naive_spacy(peer), args.repeat)
    dp = dateparser_peer(peer)
    row["dateparser"] = peer_mb / cpu_min(lambda: dp, 1) if dp else None
    return row


def table(rows: list[dict]) -> str:
    def line(label: str, cells) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    def per(r: dict, fmt) -> list[str]:
        return [fmt(r) for r in rows]

    out = [line("", [f"**{r['kind']}**" for r in rows]), "|---|" + "---:|" * len(rows),
           line("input", per(rows, lambda r: f"{r['mb']:.1f} MB, {r['docs']:,} docs")),
           line("documents the gate skips", per(rows, lambda r: f"{r['gated']:.0%}")),
           line("tokeniser only, MB/s (CPU)", per(rows, lambda r: f"{r['mb'] / r['tok']:.2f}")),
           line("full extraction, MB/s (CPU)", per(rows, lambda r: f"{r['mb'] / r['full']:.2f}")),
           line("**ratio full / tokeniser**", per(rows, lambda r: f"**{r['tok'] / r['full']:.2f}**"))]
    for stage in (*STAGES, "glue"):
        out.append(line(f"s/MB {stage}", per(rows, lambda r: f"{r['stages'][stage] / r['mb']:.3f}")))
    for name in rows[0]["runs"]:
        out.append(line(f"`extractor run --{name}`, MB/s (wall)", per(
            rows, lambda r: f"{r['mb'] / r['runs'][name][0]:.2f}" + ("" if r["runs"][name][2] else " (output differs!)"))))
        out.append(line(f"  peak RSS, largest process ({name})", per(rows, lambda r: f"{r['runs'][name][1]} MB")))
    for name in list(rows[0]["runs"])[1:]:
        out.append(line(f"speed-up {name} / workers 1", per(
            rows, lambda r: f"{r['runs']['workers 1'][0] / r['runs'][name][0]:.2f}x")))
    out.append(line("peer: naive spaCy rules, MB/s (CPU)", per(rows, lambda r: f"{r['naive']:.2f}")))
    out.append(line("peer: dateparser.search_dates, MB/s (CPU)", per(
        rows, lambda r: f"{r['dateparser']:.3f}" if r["dateparser"] else "not installed")))
    return "\n".join(out)


def runs_table(rows: list[dict]) -> str:
    out = ["| input | run | seconds (wall, min) | MB/s | speed-up | peak RSS, largest process | output |",
           "|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        base = r["runs"]["workers 1"][0]
        for name, (secs, rss, same) in r["runs"].items():
            out.append(f"| {r['kind']} {r['mb']:.1f} MB ({r['gated']:.0%} gated) | `--{name}` | {secs:.1f} | "
                       f"{r['mb'] / secs:.2f} | {base / secs:.2f}x | {rss} MB | {'identical' if same else 'DIFFERS'} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-mb", type=float, default=0.5)
    ap.add_argument("--dask", action="store_true", help="also time extractor run --dask local:2")
    ap.add_argument("--inputs", default="varied,stream,corpus")
    ap.add_argument("--runs-only", action="store_true", help="only the extractor run rows (workers, Dask, RSS)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(kind, args, Path(tmp)) for kind in args.inputs.split(",")]
    import os

    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, seed {args.seed}, min of {args.repeat}; peers on the first "
          f"{args.peer_mb:g} MB\n")
    print(runs_table(rows) if args.runs_only else table(rows))


if __name__ == "__main__":
    main()
