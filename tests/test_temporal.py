"""The temporal tagger and completion linking on a phrasing table (tests/data/temporal_cases.jsonl),
plus properties: offsets cover the evidence, and a past-tense completion never lands after the
document date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from extractor.article import Article
from extractor.resources import load_resources
from extractor.temporal import TemporalTagger

CASES = [json.loads(line) for line in (ROOT / "tests" / "data" / "temporal_cases.jsonl").read_text().splitlines()[1:]]
TAGGER = TemporalTagger(load_resources().temporal)


def test_the_table_is_large_and_varied():
    assert len(CASES) >= 200
    assert sum(1 for c in CASES if not c["expect"]) >= 30  # starts, approvals, other events
    assert len({c["text"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_phrasing_table(extractor, case):
    text = case["text"]
    records = extractor.extract(Article("case", text, dt.date.fromisoformat(case["published"])))
    got = {r.name.text: [(v.value, v.mod, v.text) for v in r.completion] for r in records if r.kind == "project"}
    if not case["expect"]:
        assert all(not v for v in got.values()), got
        return
    expected: dict[str, list] = {}
    for e in case["expect"]:
        expected.setdefault(e["name"], []).append((e["value"], e["mod"], e["evidence"]))
    for name, values in expected.items():
        owner = next((n for n in got if n == name or name in n), None)
        assert owner is not None, f"no record for {name!r}: {sorted(got)}"
        assert got[owner] == values, owner


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["opened", "was completed", "was put into use", "was delivered", "went into operation"]),
       st.sampled_from(["on Monday", "on Sunday", "in March", "in December", "on Oct 28", "in the first quarter",
                        "in the second half", "last Friday", "this summer", "in early June"]),
       st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_past_completion_never_lands_after_the_document_date(verb, phrase, published):
    for d in TAGGER.find(f"The park {verb} {phrase}.", published):
        assert d.value is not None
        assert d.value[:4] <= str(published.year)
        if len(d.value) == 10:
            assert d.value <= published.isoformat()
        if len(d.value) == 7 and d.value[4] == "-" and d.value[5:].isdigit():
            assert d.value <= published.isoformat()[:7]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["by", "the", "end", "of", "2025", "June", "28", "Q3", "first", "half", "this",
                                 "year", "next", "mid-2026", "Sunday", "within", "three", "years", "late",
                                 "December", "14th", "Five-Year", "Plan", "period", ",", ".", "in", "summer",
                                 "Dec.", "27", "2020", "H1", "month", "early", "yesterday"]),
                min_size=1, max_size=25),
       st.none() | st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_offsets_always_cover_the_evidence(words, published):
    text = " ".join(words)
    for d in TAGGER.find(text, published):
        assert text[d.start : d.end] == d.text and d.text.strip() == d.text and d.text
        assert d.value is None or d.value[:4].isdigit()


def test_relative_dates_without_a_document_date_keep_text_but_no_value():
    found = TAGGER.find("It will open next month, by the end of the year and on Sunday.", None)
    assert [(d.text, d.value) for d in found] == [("next month", None), ("by the end of the year", None),
                                                  ("Sunday", None)]
