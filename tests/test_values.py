"""Phrase -> value tables for the money, area and computing-power parsers."""

import pytest

from extractor.values import default_grammar as grammar
from extractor.values import parse_area, parse_computing_power, parse_money

MONEY_CASES = [
    ("13.4 billion yuan", 13_400_000_000, "CNY", None),
    ("RMB 1.3 trillion", 1_300_000_000_000, "CNY", None),
    ("700 million yuan", 700_000_000, "CNY", None),
    ("1.2 tln yuan", 1_200_000_000_000, "CNY", None),
    ("approximately 247.8 billion yuan", 247_800_000_000, "CNY", "APPROX"),
    ("about 235.4 billion yuan", 235_400_000_000, "CNY", "APPROX"),
    ("around 480 billion yuan", 480_000_000_000, "CNY", "APPROX"),
    ("nearly 3 billion yuan", 3_000_000_000, "CNY", "APPROX"),
    ("more than 230 billion yuan", 230_000_000_000, "CNY", "MORE_THAN"),
    ("over 100 billion yuan", 100_000_000_000, "CNY", "MORE_THAN"),
    ("exceed RMB 1.3 trillion", 1_300_000_000_000, "CNY", "MORE_THAN"),
    ("up to 5 billion yuan", 5_000_000_000, "CNY", "LESS_THAN"),
    ("less than 2 million yuan", 2_000_000, "CNY", "LESS_THAN"),
    ("more than 50 billion-yuan", 50_000_000_000, "CNY", "MORE_THAN"),
    ("US$695 million", 695_000_000, "USD", None),
    ("$43 billion", 43_000_000_000, "USD", None),
    ("188.2 billion U.S. dollars", 188_200_000_000, "USD", None),
    ("HK$2.5 billion", 2_500_000_000, "HKD", None),
    ("3.2 bn yuan", 3_200_000_000, "CNY", None),
    ("CNY 1,200 million", 1_200_000_000, "CNY", None),
    ("10,795.06 yuan", 10795.06, "CNY", None),
    ("2.5 billion euros", 2_500_000_000, "EUR", None),
    # a hedge opening a sentence is capitalised
    ("About 5 billion yuan", 5_000_000_000, "CNY", "APPROX"),
    ("More than 230 billion yuan", 230_000_000_000, "CNY", "MORE_THAN"),
    ("Nearly 3 billion yuan", 3_000_000_000, "CNY", "APPROX"),
]

MONEY_NO_VALUE = [
    "5 billion doses",
    "several hundred million yuan",
    "35.5% of the investment",
    "a 24-hour zone",
    "1,360 meters",
    "billion yuan",
]


@pytest.mark.parametrize(("text", "value", "currency", "mod"), MONEY_CASES)
def test_money(text, value, currency, mod):
    assert parse_money(text) == (value, currency, mod)


@pytest.mark.parametrize("text", MONEY_NO_VALUE)
def test_money_absent(text):
    assert parse_money(text) is None


AREA_CASES = [
    ("309,000 square meters", 309_000, None),
    ("15,000 square metres", 15_000, None),
    ("about 236,100 square meters", 236_100, "APPROX"),
    ("more than 145,000 square meters", 145_000, "MORE_THAN"),
    ("42,640-square-meter", 42_640, None),
    ("56,000 sqm", 56_000, None),
    ("around 11,000 sqm", 11_000, "APPROX"),
    ("800 sq m", 800, None),
    ("1,200 m²", 1_200, None),
    ("4.2 million square meters", 4_200_000, None),
    ("2.5 million square meters", 2_500_000, None),
    ("361 hectares", 3_610_000, None),
    ("about 41.8 hectares", 418_000, "APPROX"),
    ("150 square km", 150_000_000, None),
    ("3 square kilometres", 3_000_000, None),
    ("30 mu", 20_000.1, None),
    ("10,795.06 square meters", 10_795.06, None),
]

AREA_NO_VALUE = ["1,360 meters in circumference", "5 billion yuan", "300 square", "two hectare plots"]


@pytest.mark.parametrize(("text", "value", "mod"), AREA_CASES)
def test_area(text, value, mod):
    assert parse_area(text) == (value, mod)


@pytest.mark.parametrize("text", AREA_NO_VALUE)
def test_area_absent(text):
    assert parse_area(text) is None


COMPUTE_CASES = [
    ("4,000P", 4000, None),
    ("610P", 610, None),
    ("1,500P", 1500, None),
    ("exceed 4000P", 4000, "MORE_THAN"),
    ("about 2,000 P", 2000, "APPROX"),
    ("10 P (Peta)", 10, None),
    ("100 PFLOPS", 100, None),
    ("2 EFLOPS", 2000, None),
    ("2E", 2000, None),
]

COMPUTE_NO_VALUE = ["1+1+P", "5 PM", "the P platform", "Q3 2025", "2 E-Town parks"]


@pytest.mark.parametrize(("text", "value", "mod"), COMPUTE_CASES)
def test_computing_power(text, value, mod):
    assert parse_computing_power(text) == (value, mod)


@pytest.mark.parametrize("text", COMPUTE_NO_VALUE)
def test_computing_power_absent(text):
    assert parse_computing_power(text) is None


def test_bracketed_conversion_is_not_a_second_amount():
    text = "a total investment of approximately 1.2 trillion yuan (about 188.2 billion U.S. dollars), of which"
    found = [v for v in grammar().find_values(text) if v.slot == "investment"]
    assert [(v.text, v.value) for v in found] == [("approximately 1.2 trillion yuan", 1_200_000_000_000)]


def test_bracketed_area_conversion_is_dropped():
    text = "covers 53,700 square meters (5.37 hectares) of land"
    found = [v.text for v in grammar().find_values(text) if v.slot == "area"]
    assert found == ["53,700 square meters"]


def test_absurd_numbers_are_not_values():
    assert parse_money("99999999999999999999 billion yuan") is None
    assert parse_money("10^400 yuan") == (400, "CNY", None)  # only "400 yuan" is a number here


def test_offsets_are_exact():
    text = "It costs RMB 278 billion ($43 billion) and covers 42,640-square-meter of 4,000P."
    for v in grammar().find_values(text):
        assert text[v.start : v.end] == v.text
