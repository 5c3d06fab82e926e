"""Registry build speed and memory: ``python3 bench/registry.py --records 100000``.

Makes N synthetic project records from the corpus gold (each gold project record copied with a
new doc_id; half of the copies keep their name, so they join the project of their original, half
get a made-up distinctive word, so they start a project of their own), streams them into a fresh
registry file, and reports seconds per 100,000 records and peak RSS. Seeded; the same N gives the
same registry. Figures go in the README; tests assert no times.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extractor.canon import PlaceResolver  # noqa: E402
from extractor.matching import default_vocabulary  # noqa: E402
from extractor.registry import build_registry, connect  # noqa: E402
from extractor.resources import load_resources  # noqa: E402
from extractor.scoring import load_records  # noqa: E402

SYLLABLES = ("xin", "he", "yong", "feng", "da", "hua", "long", "jing", "an", "ping", "tai", "shan")


def synthetic(n: int, seed: int = 7):
    gold = load_records([str(ROOT / "corpus")])
    base = [r.to_json_dict() for recs in gold.values() for r in recs if r.kind == "project"]
    rng = random.Random(seed)
    for i in range(n):
        rec = dict(base[i % len(base)])
        doc = f"syn{i // 8:07d}"
        rec.update(doc_id=doc, record_id=f"{doc}:{i % 8 + 1}", aliases=[])
        if rng.random() < 0.5:
            word = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
            rec["name"] = {"text": f"{word} {rec['name']['text']}"}
        yield rec


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    args = ap.parse_args()
    resolver, vocab = PlaceResolver.from_resources(load_resources()), default_vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "registry.sqlite")
        t0 = time.perf_counter()
        summary = build_registry(con, synthetic(args.records), resolver, vocab)
        seconds = time.perf_counter() - t0
        size = (Path(tmp) / "registry.sqlite").stat().st_size / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.records:,} records: {seconds:.1f} s ({seconds * 100_000 / args.records:.1f} s per 100,000), "
          f"{summary.new_projects:,} projects, file {size:.0f} MB, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
