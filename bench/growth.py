"""Time growth of extraction on repetitions that used to be quadratic (issue 13, item 13).

    python3 bench/growth.py [--kb 20 40 80 160]

For each repeated unit, times one extraction of a text of each size and prints seconds and the
ratio to the previous size (about 2 for a doubling when growth is linear, 4 when quadratic).
Figures go in notes; tests assert no times (``tests/test_bounds.py`` checks the bounds themselves).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from extractor.article import Article  # noqa: E402
from extractor.extract import Extractor  # noqa: E402

UNITS = {
    "values in one sentence": "The project will cost about more than 2 billion yuan and ",
    "back-references": "The Xinhe Park project will cost 2 billion yuan. It opened. The park. These projects. ",
    "capitalised run": "Xinhe Park Beijing Road Center Tower ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=int, nargs="+", default=[20, 40, 80, 160])
    args = parser.parse_args()
    x = Extractor()
    x.nlp.max_length = 10_000_000
    for name, unit in UNITS.items():
        previous = None
        for kb in args.kb:
            text = (unit * (kb * 1000 // len(unit) + 1))[: kb * 1000]
            started = time.perf_counter()
            x.extract(Article("growth", text))
            seconds = time.perf_counter() - started
            ratio = f"x{seconds / previous:.1f}" if previous else ""
            print(f"{name:24} {kb:5} KB {seconds:8.2f} s {ratio}".rstrip())
            previous = seconds


if __name__ == "__main__":
    main()
