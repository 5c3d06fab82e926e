"""Benchmark: tokeniser-only vs full extraction throughput, 2 workers, peak RSS, cold start.

    python3 bench/bench.py [--mb 10] [--seed 7]

Builds a varied corpus of at least --mb MB from corpus/ (paragraphs recombined across articles,
every number re-drawn, so that spaCy's tokeniser cache and our caches are not flattered by
repetition), then measures in one run and prints a table. Nothing here is asserted: the figures
go in notes, not in tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extractor.reader import read_articles  # noqa: E402


def build_corpus(path: Path, megabytes: float, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    paragraphs = []
    published = []
    for a in read_articles([str(ROOT / "corpus")]):
        paragraphs.extend(p for p in re.split(r"\n\s*\n", a.text) if p.strip())
        published.append(a.published.isoformat() if a.published else None)

    def vary(m: re.Match) -> str:
        digits = m.group(0)
        return "".join(str(rng.randint(1 if k == 0 else 0, 9)) if c.isdigit() else c for k, c in enumerate(digits))

    size = docs = 0
    target = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as fh:
        while size < target:
            body = "\n\n".join(re.sub(r"\d[\d,.]*", vary, p) for p in rng.sample(paragraphs, rng.randint(3, 9)))
            obj = {"id": f"bench-{docs:07d}", "text": body, "published": rng.choice(published)}
            line = json.dumps(obj, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(body.encode("utf-8"))
            docs += 1
    return size, docs


def tokenizer_only(path: Path) -> float:
    import spacy

    nlp = spacy.blank("en")
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    start = time.perf_counter()
    for t in texts:
        nlp.tokenizer(t)
    return time.perf_counter() - start


def spacy_components_only(path: Path) -> float:
    """Our spaCy pipeline (tokeniser + its components) with no rule code after it: the floor of (b)."""
    from extractor.pipeline import build_nlp
    from extractor.resources import load_resources

    nlp = build_nlp(load_resources())  # a fresh one: the extractor's must not find a warm tokeniser cache
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    start = time.perf_counter()
    for t in texts:
        nlp(t)
    return time.perf_counter() - start


def extraction_in_process(path: Path) -> float:
    from extractor.extract import Extractor

    x = Extractor()
    articles = [a for a in read_articles([str(path)])]
    x.extract(articles[0])  # warm: lazy imports are start-up cost, measured separately
    start = time.perf_counter()
    for a in articles:
        x.extract(a)
    return time.perf_counter() - start


def run_cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB, the largest process) of one `extractor run`."""
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
    rss = int(proc.stderr.strip().splitlines()[-1])
    return wall, rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "bench.jsonl"
        size, docs = build_corpus(src, args.mb, args.seed)
        mb = size / 1e6
        print(f"corpus: {mb:.1f} MB, {docs} documents (seed {args.seed})", flush=True)
        rows = []
        t_tok = tokenizer_only(src)
        rows.append(("(a) tokeniser only, 1 core", t_tok))
        t_spacy = spacy_components_only(src)
        rows.append(("    spaCy pipeline, no rule code", t_spacy))
        t_ext = extraction_in_process(src)
        rows.append(("(b) full extraction, 1 core", t_ext))
        t_run1, rss1 = run_cli([str(src), "-o", str(tmp_path / "o1.jsonl")])
        rows.append(("    extractor run --workers 1", t_run1))
        t_run2, rss2 = run_cli([str(src), "-o", str(tmp_path / "o2.jsonl"), "--workers", "2"])
        rows.append(("(c) extractor run --workers 2", t_run2))
        same = (tmp_path / "o1.jsonl").read_bytes() == (tmp_path / "o2.jsonl").read_bytes()
        one = tmp_path / "one.jsonl"
        with src.open(encoding="utf-8") as fh:
            one.write_text(fh.readline(), encoding="utf-8")
        t_cold, _ = run_cli([str(one), "-o", str(tmp_path / "one_out.jsonl")])

        print(f"{'measure':<34}{'seconds':>9}{'MB/s':>8}{'docs/s':>9}")
        for label, secs in rows:
            print(f"{label:<34}{secs:>9.2f}{mb / secs:>8.2f}{docs / secs:>9.0f}")
        print(f"ratio (b)/(a) throughput: {t_tok / t_ext:.2f} (spaCy pipeline alone, no rule code: {t_tok / t_spacy:.2f})")
        print(f"speed-up workers 2 / workers 1: {t_run1 / t_run2:.2f}x (outputs identical: {same})")
        print(f"(d) peak RSS: workers 1 {rss1 / 1024:.0f} MB, workers 2 (largest process) {rss2 / 1024:.0f} MB")
        print(f"(e) cold start, one article: {t_cold:.2f} s")


if __name__ == "__main__":
    main()
