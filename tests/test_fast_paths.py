"""The speed-ups must not change what is found: each fast path against the plain scan it replaces.

* AnchoredMatcher (token patterns run only near their anchor word) vs spaCy's Matcher;
* value regexes tried only at digit-run starts (``match_at``) vs ``finditer`` over the whole text;
* date regex in anchor windows over lower-cased text vs the case-insensitive full scan;
* CaselessRegex on lower-cased text vs the IGNORECASE regex.
"""

from __future__ import annotations

import re

import pytest
import spacy
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from extractor.temporal import TemporalTagger
from extractor.anchored import MAX_REPEAT, AnchoredMatcher, find_anchor
from extractor.reader import read_articles
from extractor.resources import load_resources
from extractor.scan import CaselessRegex, lowered, match_at
from extractor.pipeline import WORD_BEFORE_STOP, SentenceSplitter
from extractor.values import DIGITS
from extractor.values import default_grammar as grammar

CORPUS_TEXTS = [a.text for a in read_articles([str(CORPUS)])]
DATES = TemporalTagger(load_resources().temporal)
SPLITTER = SentenceSplitter(load_resources().sentences)

LOC_WORDS = ["Haidian", "District", "Town", "Road", "Street", "5th", "Ring", "10", "Science", "City", "the", "The",
             "and", "of", "Beijing", "E-Town", "Chaoyang", "Avenue", "county", "township", "Yizhuang", ",", ".",
             "Zhongguancun", "New", "Area", "Block", "A", "in", "Xiong'an", "Park", "Lane", "\n"]
NUMBER_WORDS = ["about", "more than", "nearly", "over", "RMB", "US$", "$", "¥", "HK$", "CNY", "USD", "CN¥",
                "1,500", "12.5", "3", "2026",
                "billion", "million", "yuan", "dollars", "square meters", "square-meter", "hectares", "mu", "P",
                "PFLOPS", "EFLOPS", "(", ")", ",", ".", "-", "a", "of", "the", "0.2", "trillion", "km", "E", "x9"]
DATE_WORDS = ["by", "the", "end", "of", "2025", "June", "june", "JUNE", "28", "28th", "Q3", "q3", "first", "half",
              "this", "year", "Year", "mid", "-", "early", "same", "day", "Monday", "in", "within", "before",
              "around", "December", ",", ".", "quarter", "fourth", "that", "2030", "Sept", "20", "approximately"]


def _texts(words):
    seps = st.sampled_from([" ", " ", " ", "", "  ", "\n", ", "])
    return st.lists(st.tuples(st.sampled_from(words), seps), min_size=1, max_size=60).map(
        lambda pairs: "".join(w + s for w, s in pairs))


# ---------------------------------------------------------------------- AnchoredMatcher

@pytest.fixture(scope="module")
def matchers():
    nlp = spacy.blank("en")
    token_patterns = [e["pattern"] for e in load_resources().location_patterns if isinstance(e["pattern"], list)]
    assert token_patterns, "locations.jsonl has token patterns"
    plain, anchored = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    for k, p in enumerate(token_patterns):
        plain.add(f"P{k}", [p])
        anchored.add(f"P{k}", [p])
    return nlp, plain, anchored


def _longest_title_run(doc) -> int:
    best = run = 0
    for t in doc:
        run = run + 1 if t.is_title else 0
        best = max(best, run)
    return best


def test_anchored_matcher_equals_spacy_matcher_on_the_corpus(matchers):
    nlp, plain, anchored = matchers
    for text in CORPUS_TEXTS:
        doc = nlp(text)
        assert sorted(anchored(doc)) == sorted(plain(doc))


@settings(max_examples=200, deadline=None)
@given(_texts(LOC_WORDS))
def test_anchored_matcher_equals_spacy_matcher(matchers, text):
    nlp, plain, anchored = matchers
    doc = nlp(text)
    if _longest_title_run(doc) <= MAX_REPEAT:
        assert sorted(anchored(doc)) == sorted(plain(doc))


def test_anchored_matcher_bounds_a_repeated_token():
    """The one documented difference: a capitalised run longer than MAX_REPEAT is matched from
    MAX_REPEAT tokens before the anchor, not from its start (one pattern alone, so that no other
    pattern's wider window on the same anchor hides the bound)."""
    nlp = spacy.blank("en")
    pattern = [{"IS_TITLE": True, "OP": "+"}, {"ORTH": "District"}]
    plain, anchored = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    plain.add("P", [pattern])
    anchored.add("P", [pattern])
    doc = nlp(" ".join(["Xin"] * (MAX_REPEAT + 5)) + " District")
    assert max(e - s for _, s, e in plain(doc)) == MAX_REPEAT + 6
    assert max(e - s for _, s, e in anchored(doc)) == MAX_REPEAT + 1


def test_pattern_without_anchor_still_runs_everywhere():
    nlp = spacy.blank("en")
    pattern = [{"IS_DIGIT": True}, {"IS_TITLE": True, "OP": "+"}]
    assert find_anchor(pattern) is None
    plain, anchored = Matcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    plain.add("X", [pattern])
    anchored.add("X", [pattern])
    doc = nlp("Built 3 New Towns and 4 Parks in 2025")
    assert sorted(anchored(doc)) == sorted(plain(doc)) != []


def test_location_spans_in_the_pipeline_equal_spacys_span_ruler(extractor):
    """The anchored ruler in the real pipeline gives what spaCy's SpanRuler gives for the same patterns."""
    from extractor.pipeline import keep_hyphenated_words

    nlp = spacy.blank("en")
    keep_hyphenated_words(nlp)  # the same tokeniser as ours
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "loc", "validate": True,
                                                "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
    ruler.add_patterns([dict(p) for p in load_resources().location_patterns])
    for text in CORPUS_TEXTS:
        with extractor.nlp.select_pipes(disable=["gazetteer_places"]):
            ours_doc = extractor.nlp(text)
        their_doc = nlp(text)
        ours = [(s.start_char, s.end_char) for s in ours_doc.spans["loc"]]
        theirs = [(s.start_char, s.end_char) for s in their_doc.spans["loc"]]
        assert ours == theirs


# ---------------------------------------------------------------------- values

def _digit_starts(text):
    return [m.start() for m in DIGITS.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_texts(NUMBER_WORDS))
def test_value_regexes_tried_at_digit_runs_find_what_a_full_scan_finds(text):
    g = grammar()
    runs = _digit_starts(text)
    money_starts = g._money_starts(text, runs)
    for regex, starts in ((g.money, money_starts), (g.area, runs), (g.compute, runs)):
        assert [m.span() for m in match_at(regex, text, starts)] == [m.span() for m in regex.finditer(text)]


@pytest.mark.parametrize("hedge,mod", [(h.phrase, h.mod) for h in load_resources().hedges])
def test_every_hedge_is_found_before_a_value(hedge, mod):
    text = f"The plan invests {hedge}  12.5 billion yuan in it."
    (v,) = grammar().find_values(text)
    assert (v.text, v.mod) == (f"{hedge}  12.5 billion yuan", mod)


def test_a_hedge_inside_an_earlier_value_is_not_reused():
    g = grammar()
    # "about" belongs to nothing here, but the first value ends right before it: it is still a hedge
    values = g.find_values("5 billion yuan about 3 billion yuan")
    assert [(v.text, v.mod) for v in values] == [("5 billion yuan", None), ("about 3 billion yuan", "APPROX")]


# ---------------------------------------------------------------------- dates

def _spans_full_scan(text):
    return [m.span() for m in DATES.regex.finditer(text)]


def test_date_scan_equals_full_scan_on_the_corpus():
    for text in CORPUS_TEXTS:
        assert [m.span() for m in DATES.matches(text)] == _spans_full_scan(text)


@settings(max_examples=300, deadline=None)
@given(_texts(DATE_WORDS))
def test_date_scan_equals_full_scan(text):
    assert [m.span() for m in DATES.matches(text)] == _spans_full_scan(text)


def test_date_scan_falls_back_when_lower_casing_moves_offsets():
    text = "İstanbul: completed by the end of 2025."
    assert lowered(text) is None
    assert [(d.text, d.value) for d in DATES.find(text, None)] == [("by the end of 2025", "2025")]


# ---------------------------------------------------------------------- CaselessRegex

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Projects pROJECTS-x .İ", max_size=80))
def test_caseless_regex_equals_ignorecase(text):
    r = CaselessRegex(r"(?<![\w-])projects(?![\w-])")
    expected = [m.span() for m in re.finditer(r"(?<![\w-])projects(?![\w-])", text, re.IGNORECASE)]
    assert [m.span() for m in r.finditer(text, lowered(text))] == expected


def test_caseless_regex_refuses_upper_case_literals():
    with pytest.raises(ValueError, match="lower-case"):
        CaselessRegex(r"Phase\s+II")
    CaselessRegex(r"\bphase\s+\S+\W(?P<Name>x)")  # escapes and group names are not literals


# ---------------------------------------------------------------------- sentence starts

_OLD_BOUNDARY = re.compile(r"""\n\s*(?=\S)|(?<=[.!?。])\s+(?=["“‘'(]?[A-Z0-9])""")


def _reference_sentence_starts(text):
    """The sentence splitter as first written (regex opening on a look-behind), kept as the reference."""
    p = SPLITTER
    starts = [0]
    for m in _OLD_BOUNDARY.finditer(text):
        if "\n" not in m.group(0):
            word = WORD_BEFORE_STOP.search(text[max(0, m.start() - 15) : m.start()])
            if word is not None:
                w = word.group(1).lower()
                if w in p.company_suffixes and not p.starters.match(text, m.end()):
                    continue
                if w in p.abbreviations and w not in p.company_suffixes:
                    continue
        starts.append(m.end())
    return starts


SENTENCE_WORDS = ["It", "opened", ".", "No.", "1", "Ltd.", "The", "the", "U.S.", "dollars", "!", "?", "。", "\n",
                  "\n\n", "  ", '"', "“Yes”", "(", "A", "2025", "...", "Co.", "This", "i.e.", "x"]


def test_sentence_starts_equal_the_reference_on_the_corpus():
    for text in CORPUS_TEXTS:
        assert SPLITTER.start_chars(text) == _reference_sentence_starts(text)


@settings(max_examples=300, deadline=None)
@given(_texts(SENTENCE_WORDS))
def test_sentence_starts_equal_the_reference(text):
    assert SPLITTER.start_chars(text) == _reference_sentence_starts(text)


def test_removed_patterns_leave_no_anchor_behind():
    nlp = spacy.blank("en")
    m = AnchoredMatcher(nlp.vocab)
    m.add("A", [[{"IS_TITLE": True}, {"ORTH": "District"}]])
    m.add("B", [[{"IS_TITLE": True}, {"ORTH": "Road"}]])
    m.remove("A")
    doc = nlp("Haidian District and Jiuxianqiao Road")
    assert "A" not in m and len(m) == 1
    assert [(s, e) for _, s, e in m(doc)] == [(3, 5)]
    assert len(m.anchors["ORTH"]) == 1
