"""Property tests: extraction returns on any text, never raises, and every offset is exact."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.article import Article

WORDS = ["Park", "Center", "Phase", "II", "the", "project", "projects", "160", "1,500", "billion", "yuan", "RMB",
         "square", "meters", "P", "completed", "in", "2026", "June", "by", "end", "of", "District", "(", ")", ",",
         ".", "\n", "it", "about", "more", "than", "including", "and", "“3 100”", "$", "hectares", "-", "’s"]

adversarial = [
    "9" * 5000,
    "1," * 20000,
    " , " * 20000,
    "billion " * 5000,
    ("The Xinhe Park Center Hub " * 8000),  # about 200 KB without a sentence end
    "((((((((((" * 2000 + "))))))))))" * 2000,
    "10^400 yuan and 99999999999999999999 billion yuan",
]


def check(extractor, text, published=dt.date(2024, 1, 28)):
    records = extractor.extract(Article("p", text, published))
    for r in records:
        for _, ev in r.evidence():
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.text
    return records


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_text(extractor, text):
    check(extractor, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=120), st.none() | st.dates())
def test_word_salad_from_the_domain(extractor, words, published):
    check(extractor, " ".join(words), published)


def test_adversarial_strings(extractor):
    for text in adversarial:
        check(extractor, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=30), st.text(alphabet="()x,.9", min_size=200, max_size=700)),
                min_size=1, max_size=6))
def test_long_runs_keep_text_and_offsets(extractor, parts):
    text = "".join(parts)
    assert extractor.nlp(text).text == text
    check(extractor, text)
