"""The document gate loses nothing: gated output equals ungated output."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from extractor.article import Article
from extractor.reader import read_articles


def _dump(records) -> list[str]:
    return [json.dumps(r.model_dump(mode="json"), sort_keys=True) for r in records]


def test_gated_output_equals_ungated_on_the_corpus(extractor):
    for a in read_articles([str(CORPUS)]):
        if hasattr(a, "error"):
            continue
        assert _dump(extractor.extract(a)) == _dump(extractor.extract(a, gated=False)), a.id


def test_the_gate_closes_on_prose_with_no_project_word(extractor):
    text = ("Retail sales rose 3.2 percent in May, and exports grew faster than imports. Officials said "
            "consumer confidence improved over the spring.")
    assert not extractor.gate.open(text)
    assert extractor.extract(Article("x", text, dt.date(2024, 6, 1)), gated=False) == []


WORDS = ["The", "new", "Xinhe", "park", "Park", "will", "open", "in", "2025", "projects", "12", "Phase", "II",
         "hospital", "Hospital", "theme-park", "parks", "billion", "yuan", "called", '"Silver', 'Boat"', "Line",
         "3", "district", "sales", "rose", "renovation", "of", "Road", ",", ".", "center", "Centre"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40))
def test_gated_output_equals_ungated_on_generated_text(extractor, words):
    a = Article("g", " ".join(words) + ".", dt.date(2024, 6, 1))
    assert _dump(extractor.extract(a)) == _dump(extractor.extract(a, gated=False))


def test_gated_output_equals_ungated_on_the_bench_inputs(extractor, tmp_path):
    """A sample of each benchmark input (bench/streams.py: varied project news, the news stream over
    standard-library prose, the corpus recombined)."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from streams import build_input

    closed = 0
    for kind in ("varied", "stream", "corpus"):
        build_input(kind, tmp_path / f"{kind}.jsonl", 0.04, seed=11)
        for a in read_articles([str(tmp_path / f"{kind}.jsonl")]):
            closed += not extractor.gate.open(a.text)
            assert _dump(extractor.extract(a)) == _dump(extractor.extract(a, gated=False)), (kind, a.id)
    assert closed > 0  # the stream's other prose closes the gate on some documents
