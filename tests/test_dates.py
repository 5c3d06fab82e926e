"""The temporal tagger alone: phrase -> ISO value, mod and evidence text, against a published date."""

import datetime as dt

import pytest

from extractor.temporal import TemporalTagger
from extractor.resources import load_resources

PUB = dt.date(2024, 1, 28)
find_dates = TemporalTagger(load_resources().temporal).find

DATE_CASES = [
    ("completed in 2026", "2026", "2026", None),
    ("completed in June 2027", "June 2027", "2027-06", None),
    ("completed in December, 2026", "December, 2026", "2026-12", None),
    ("completed on June 28, 2021", "June 28, 2021", "2021-06-28", None),
    ("completed on 28 June 2021", "28 June 2021", "2021-06-28", None),
    ("by the end of 2025", "by the end of 2025", "2025", "END"),
    ("by the end of the year", "by the end of the year", "2024", "END"),
    ("at the end of this year", "the end of this year", "2024", "END"),
    ("by the end of next year", "by the end of next year", "2025", "END"),
    ("in the first half of 2025", "the first half of 2025", "2025-H1", None),
    ("in the second half of next year", "the second half of next year", "2025-H2", None),
    ("in Q3 2025", "Q3 2025", "2025-Q3", None),
    ("in the fourth quarter of 2026", "the fourth quarter of 2026", "2026-Q4", None),
    ("by mid-2026", "by mid-2026", "2026", "MID"),
    ("in early 2027", "early 2027", "2027", "START"),
    ("this year", "this year", "2024", None),
    ("next year", "next year", "2025", None),
    ("in April this year", "April this year", "2024-04", None),
    ("around December 2025", "around December 2025", "2025-12", "APPROX"),
    ("by 2027", "by 2027", "2027", "ON_OR_BEFORE"),
    ("June 2024-December 2028", "December 2028", "2028-12", None),
]


@pytest.mark.parametrize(("phrase", "text", "value", "mod"), DATE_CASES)
def test_dates(phrase, text, value, mod):
    found = find_dates(phrase, PUB)
    assert found, phrase
    d = found[-1]
    assert (d.text, d.value, d.mod) == (text, value, mod)
    assert phrase[d.start : d.end] == d.text


NO_DATE = ["30% growth", "a 24-hour time zone", "5 billion yuan", "1,500 beds", "No. 1 Factory"]


@pytest.mark.parametrize("text", NO_DATE)
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_relative_dates_without_published_keep_text_but_no_value():
    (d,) = find_dates("by the end of the year", None)
    assert d.text == "by the end of the year" and d.value is None


def test_that_year_takes_the_year_named_before():
    dates = find_dates("In 2019 it planned to finish that year", PUB)
    assert [d.value for d in dates] == ["2019", "2019"]


def test_same_day_follows_the_day_named_before():
    dates = find_dates("installed on Monday in Beijing. The same day, the platform opened.", dt.date(2021, 6, 29))
    assert [(d.text, d.value) for d in dates] == [("Monday", "2021-06-28"), ("The same day", "2021-06-28")]
