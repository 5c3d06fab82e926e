"""Issue 13, item 13: the quadratic paths are bounded, on hypothesis-generated repetitions.

What was quadratic, and what bounds it now (``bench/growth.py`` shows time growing linearly):

* one "sentence" of repeated values ("about more than 2 billion yuan and ...") made every value's
  look-back to its sentence's start (blockers, clause breaks, joint cues) quadratic: sentences are
  cut at ``MAX_SENTENCE_CHARS`` (:func:`extractor.pipeline.bound_sentences`);
* a long run of capitalised words dense with anchors merged into one Matcher window as long as the
  run: windows merge up to ``MAX_WINDOW`` tokens (:mod:`extractor.anchored`);
* an entity named hundreds of times ("The project. It. The park. These projects." repeated) had
  every mention's words recomputed for every back-reference: :meth:`Entity.mention_words` caches them.

No test here measures time: each checks the bound holds, or that the cached path gives the same
records as the uncached one.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor import linking
from extractor.anchored import MAX_WINDOW
from extractor.article import Article
from extractor.names import name_words
from extractor.pipeline import MAX_SENTENCE_CHARS

PATHOLOGICAL = ["about more than 2 billion yuan and ", "The project. It. The park. These projects. ",
                "Xinhe Park Beijing Road Center Tower "]
FRAGMENTS = PATHOLOGICAL + ["The Xinhe Biomedical Industrial Park project will cost 4.5 billion yuan. ",
                            "It will be completed by the end of 2025. ", "Line 17, Line 19 and Line 6 ",
                            "in Daxing District, ", "The park covers 30,000 square meters and ",
                            "Fengtai District held a ceremony for its 2023 projects. ", "the line ",
                            "These 12 key projects ", "THE NEW CHAOYANG STATION HUB AND PLAZA "]

REPETITIONS = st.tuples(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map("".join),
                        st.integers(min_value=1, max_value=400)).map(lambda ur: (ur[0] * ur[1])[:12_000])
SETTINGS = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class WindowRecorder:
    """Stands in for the anchored ruler's windowed Matcher, recording each window's length."""

    def __init__(self, inner):
        self.inner, self.lengths = inner, []

    def __call__(self, span, *args, **kwargs):
        self.lengths.append(len(span))
        return self.inner(span, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@pytest.fixture
def recorder(extractor, monkeypatch):
    matcher = extractor.nlp.get_pipe("anchored_span_ruler").matcher
    rec = WindowRecorder(matcher.windowed)
    monkeypatch.setattr(matcher, "windowed", rec)
    return rec


def dumps(records) -> str:
    return json.dumps([r.to_json_dict() for r in records])


@SETTINGS
@given(text=REPETITIONS)
@example(text=(PATHOLOGICAL[0] * 400)[:12_000])
@example(text=(PATHOLOGICAL[1] * 400)[:12_000])
@example(text=(PATHOLOGICAL[2] * 400)[:12_000])
def test_repetitions_stay_within_the_bounds_and_keep_offsets_valid(extractor, recorder, text):
    recorder.lengths.clear()
    doc = extractor.nlp(text)
    assert max(len(s.text_with_ws) for s in doc.sents) <= MAX_SENTENCE_CHARS
    assert max(recorder.lengths, default=0) <= MAX_WINDOW + 1
    for rec in extractor.extract(Article("rep", text)):
        for value in [rec.name] + [v for slot in ("locations", "investment", "area", "completion")
                                   for v in getattr(rec, slot, None) or []]:
            assert text[value.start:value.end] == value.text


def _uncached(self, which: str) -> frozenset:
    if which == "all":
        return frozenset(w for m in self.mentions for w in name_words(m.text))
    if which == "last":
        return frozenset({w for m in self.mentions for w in name_words(m.text)[-1:]} | {m.head for m in self.mentions})
    return frozenset(linking._kind_word(m.text) for m in self.mentions)


@SETTINGS
@given(text=REPETITIONS)
@example(text=(PATHOLOGICAL[1] * 400)[:12_000])
def test_cached_mention_words_give_the_records_of_the_uncached(extractor, monkeypatch, text):
    cached = dumps(extractor.extract(Article("rep", text, None)))
    with monkeypatch.context() as m:
        m.setattr(linking.Entity, "mention_words", _uncached)
        assert dumps(extractor.extract(Article("rep", text, None))) == cached


def test_a_long_sentence_is_cut_at_a_word_start(extractor):
    text = "about more than 2 billion yuan and " * 300
    starts = [s.start_char for s in extractor.nlp(text).sents]
    assert len(starts) > 1 and all(text[k - 1] == " " for k in starts[1:])
