"""Value parsers: money, area and computing power (pure functions over short strings), and
finders that locate them in an article with exact offsets.

Number grammar: digits with thousands commas and decimals, an optional scale word
(million, billion, trillion, bn, tln ...), then a unit. A hedge before the number
("about", "more than") becomes the value's ``mod`` and is part of its evidence text.
A value in brackets right after another value of the same slot is a conversion
("($0.2 trillion)") and is not reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from extractor.models import SLOTS, SlotTable
from extractor.resources import Resources, load_resources
from extractor.scan import match_at

# Values above this are not plausible amounts or areas; they are reported as unparseable.
MAX_VALUE = Decimal("1e18")


@dataclass(frozen=True, slots=True)
class ValueMention:
    """A value found in text: ``slot`` is investment, area, computing_power or completion."""

    slot: str
    start: int
    end: int
    text: str
    value: float | int | str | None
    unit: str | None
    mod: str | None


DIGITS = re.compile(r"\d[\d,.]*")
CLASS_ADJECTIVE = re.compile(r"[ \t]+(?:[a-z-]+[ \t]+)?(?:projects|programs|programmes|enterprises|firms|companies)\b")
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.000")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _alternation(words, *, flexible_space: bool = False) -> str:
    """Regex alternation of ``words``, longest first so that 'square metres' beats 'square'."""
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        piece = re.escape(w)
        if flexible_space:
            piece = piece.replace(r"\ ", r"[\s-]")
        parts.append(piece)
    return "|".join(parts)


def to_number(digits: str, scaled: bool = False) -> Decimal | None:
    """Parse digits with thousands commas and a decimal point.

    >>> to_number("10,795.06")
    Decimal('10795.06')
    >>> to_number("1,2,3") is None
    True

    A point before exactly three zeros, or in two or more three-digit groups, separates thousands
    ("700.000 m²", "1.430.000"), as in the European style some sources keep; before a scale word
    ("1.000 billion") the point is a decimal point:

    >>> to_number("700.000"), to_number("1.430.000"), to_number("1.430")
    (Decimal('700000'), Decimal('1430000'), Decimal('1.430'))
    >>> to_number("1.000", scaled=True)
    Decimal('1.000')
    """
    if not scaled and DOT_THOUSANDS.fullmatch(digits):
        return Decimal(digits.replace(".", ""))
    if not re.fullmatch(NUMBER, digits):
        return None
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _plain(value: Decimal, places: int | None = None) -> float | int | None:
    """A JSON number: int when whole, else float; None when absurd."""
    if not value.is_finite() or abs(value) > MAX_VALUE:
        return None
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    if value == value.to_integral_value():
        return int(value)
    result = float(value)
    return result if math.isfinite(result) else None


class ValueGrammar:
    """Compiled regexes for one set of resources; the unit of area and computing power comes from
    the slot table (``Slot.unit``), a currency from ``patterns/units.jsonl``."""

    def __init__(self, res: Resources, slots: SlotTable = SLOTS):
        self.res = res
        self.fixed_unit = {s.name: s.unit for s in slots}
        u = res.units
        self.hedge_mod = {h.phrase.lower(): h.mod for h in res.hedges}
        self.hedge_not_after = {h.phrase.lower(): frozenset(h.not_after) for h in res.hedges if h.not_after}
        # A hedge ("about", "more than") is looked for only right before a value found without it:
        # as an optional prefix of the value regexes it would be tried at every character.
        self.hedge_before = re.compile(rf"(?<![\w])(?:{_alternation(self.hedge_mod)})\Z", re.IGNORECASE)
        self.longest_hedge = max(map(len, self.hedge_mod), default=0)
        scale = rf"(?:\s?(?P<scale>{_alternation(u.scales)})(?![A-Za-z]))?"
        self.money = re.compile(
            rf"""
            (?:
                (?<![\w$])(?P<pre>{_alternation(u.currency_prefixes)})\s?   # RMB 1.3 / US$695
                (?P<num_a>{NUMBER})(?![\d])
                (?:[\s-]?(?P<scale_a>{_alternation(u.scales)})(?![A-Za-z]))?
                (?:\s(?P<suf_a>{_alternation(u.currency_suffixes)})(?![A-Za-z]))?
            |
                (?<![\w.,])(?P<num_b>{NUMBER})                               # 13.4 billion yuan
                (?:[\s-]?(?P<scale_b>{_alternation(u.scales)})(?![A-Za-z]))?          # 10-billion-yuan
                [\s-](?P<suf_b>{_alternation(u.currency_suffixes)})(?![A-Za-z])
            )
            """,
            re.VERBOSE | re.IGNORECASE,  # "1.7 Trillion Yuan" is written too
        )
        self.area = re.compile(
            rf"""
            (?<![\w.,])(?P<num>{NUMBER})                                     # 42,640
            {scale}                                                          # million
            [\s-]?(?P<unit>{_alternation(u.area_units, flexible_space=True)})  # square-meter
            (?![A-Za-z²])
            """,
            re.VERBOSE | re.IGNORECASE,
        )
        spaced = [k for k in u.compute_units if k not in u.attached_compute_units]
        attached = [k for k in u.compute_units if k in u.attached_compute_units]
        self.compute = re.compile(
            rf"""
            (?<![\w.,+])(?P<num>{NUMBER})                                    # 4,000
            (?:[\s-]?(?P<unit>{_alternation([k for k in spaced if len(k) <= 2])}|(?i:{_alternation([k for k in spaced if len(k) > 2])}))
              |(?P<attached>{_alternation(attached) or "(?!)"}))                # P / PFLOPS, petaFLOPS / 2E
            (?![A-Za-z\d])
            (?P<peta>\s?\((?:Peta|peta|PFLOPS)\))?                           # 10 P (Peta)
            """,
            re.VERBOSE,
        )
        self.scales = {k.lower(): Decimal(str(v)) for k, v in u.scales.items()}
        self.prefixes = {k.lower(): v for k, v in u.currency_prefixes.items()}
        self.suffixes = {k.lower(): v for k, v in u.currency_suffixes.items()}
        self.area_units = {re.sub(r"[\s-]+", " ", k.lower()): Decimal(str(v)) for k, v in u.area_units.items()}
        self.compute_units = {k: Decimal(str(v)) for k, v in u.compute_units.items()}
        self.compute_lower = {k.lower(): v for k, v in self.compute_units.items() if len(k) > 2}
        # Every value holds a digit: the regexes are tried only where a run of digits starts, or
        # (money) up to a currency prefix and a space before one (see find_values).
        self.reach_before = max(map(len, u.currency_prefixes), default=0) + 1
        self.prefix_last_chars = {p[-1] for p in u.currency_prefixes}

    # ---- parsers over a single matched string -------------------------------------------
    def _hedge(self, text: str, start: int, floor: int) -> tuple[int, str | None]:
        """Start and mod of a hedge standing right before ``start`` (after ``floor``), if any."""
        j = start
        while j > floor and text[j - 1].isspace():
            j -= 1
        if j == start:
            return start, None
        m = self.hedge_before.search(text, max(floor, j - self.longest_hedge), j)
        if m is None:
            return start, None
        phrase = m.group(0).lower()
        before = text[max(floor, m.start() - 20):m.start()].split()
        if before and before[-1].lower() in self.hedge_not_after.get(phrase, ()):
            return start, None  # "which together add up to 23.68 billion yuan": a sum, not a ceiling
        return m.start(), self.hedge_mod[phrase]

    def money_from_match(self, m: re.Match) -> tuple[float | int | None, str | None]:
        scale = m.group("scale_a") or m.group("scale_b")
        num = to_number(m.group("num_a") or m.group("num_b"), scaled=bool(scale))
        currency = None
        if m.group("pre"):
            currency = self.prefixes[m.group("pre").lower()]
        suffix = m.group("suf_a") or m.group("suf_b")
        if suffix and currency is None:
            currency = self.suffixes[suffix.lower()]
        if num is None or currency is None:
            return None, None
        factor = self.scales[scale.lower()] if scale else Decimal(1)
        return _plain(num * factor, 6), currency

    def area_from_match(self, m: re.Match) -> float | int | None:
        num = to_number(m.group("num"), scaled=bool(m.group("scale")))
        if num is None:
            return None
        unit = re.sub(r"[\s-]+", " ", m.group("unit").lower())
        factor = self.area_units[unit]
        scale = self.scales[m.group("scale").lower()] if m.group("scale") else Decimal(1)
        return _plain(num * scale * factor, 2)

    def compute_from_match(self, m: re.Match) -> float | int | None:
        num = to_number(m.group("num"))
        if num is None:
            return None
        unit = m.group("unit") or m.group("attached")
        factor = self.compute_units.get(unit) or self.compute_lower[unit.lower()]
        return _plain(num * factor, 6)

    # ---- finders over whole texts -------------------------------------------------------
    def _money_starts(self, text: str, runs: list[int]) -> list[int]:
        """Where a money value may start: each digit run, and the few characters before one that a
        currency prefix ends right before (after at most one space): "RMB 1.3", "US$695"."""
        starts: set[int] = set()
        ends = self.prefix_last_chars
        for d in runs:
            starts.add(d)
            j = d - 1 if d > 0 and text[d - 1].isspace() else d
            if j > 0 and text[j - 1] in ends:
                starts.update(range(max(0, d - self.reach_before), d))
        return sorted(starts)

    def find_values(self, text: str) -> list[ValueMention]:
        """Every money, area and computing-power value in ``text``, in text order, conversions dropped."""
        found: list[ValueMention] = []
        # A value's number starts a run of digits (the regexes' look-behinds forbid any other start);
        # a money value may start up to a currency prefix and a space earlier.
        runs = [m.start() for m in DIGITS.finditer(text)]
        if not runs:
            return found
        money_starts = self._money_starts(text, runs)
        for slot, regex, convert, candidates in (
            ("investment", self.money, self.money_from_match, money_starts),
            ("area", self.area, self.area_from_match, runs),
            ("computing_power", self.compute, self.compute_from_match, runs),
        ):
            previous_end = None
            floor = 0
            for m in match_at(regex, text, candidates):
                start, mod = self._hedge(text, m.start(), floor)
                floor = m.end()
                if slot == "investment":
                    value, unit = convert(m)
                else:
                    value, unit = convert(m), self.fixed_unit[slot]
                if value is None or (slot == "investment" and _size_class(text, m)):
                    continue
                is_conversion = previous_end is not None and re.fullmatch(
                    r"\s*\(\s*", text[previous_end:start]
                )
                previous_end = m.end()
                if is_conversion:
                    continue
                found.append(ValueMention(slot, start, m.end(), text[start : m.end()], value, unit, mod))
        found.sort(key=lambda v: (v.start, v.end))
        return _drop_ranges(text, _drop_overlaps(found))


def _size_class(text: str, m: re.Match) -> bool:
    """"48 billion-yuan projects": a hyphenated amount before a plural noun counts projects of a
    size class; it is no amount."""
    suffix = m.start("suf_b")
    return suffix > 0 and text[suffix - 1] == "-" and bool(CLASS_ADJECTIVE.match(text, m.end()))


RANGE_OPEN = re.compile(r"\bbetween\s+\Z", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:and|to|-|–)\s*")


def _drop_ranges(text: str, values: list[ValueMention]) -> list[ValueMention]:
    """"between 500 million yuan and 1 billion yuan": a range, which no slot can hold (a size band of
    projects, not an amount of one); both ends go."""
    gone: set[int] = set()
    for i, (a, b) in enumerate(zip(values, values[1:])):
        if a.slot == b.slot and RANGE_JOIN.fullmatch(text, a.end, b.start) \
                and RANGE_OPEN.search(text, max(0, a.start - 10), a.start):
            gone.update((i, i + 1))
    return [v for i, v in enumerate(values) if i not in gone]


def _drop_overlaps(values: list[ValueMention]) -> list[ValueMention]:
    """Keep the earliest, then longest, of overlapping values ("10 P" inside "10 PFLOPS" cannot both stand)."""
    kept: list[ValueMention] = []
    for v in values:
        if kept and v.start < kept[-1].end:
            if (v.end - v.start) > (kept[-1].end - kept[-1].start) and v.start == kept[-1].start:
                kept[-1] = v
            continue
        kept.append(v)
    return kept


@lru_cache(maxsize=1)
def default_grammar() -> ValueGrammar:
    """The grammar of the installed ``patterns/`` (for the ``parse_*`` helpers; the extractor
    builds its own from the resources it was given)."""
    return ValueGrammar(load_resources())


def _single(slot: str, text: str) -> ValueMention | None:
    for v in default_grammar().find_values(text):
        if v.slot == slot:
            return v
    return None


def parse_money(text: str) -> tuple[float | int, str, str | None] | None:
    """Parse one amount of money: (value in currency units, ISO currency, mod).

    >>> parse_money("13.4 billion yuan")
    (13400000000, 'CNY', None)
    >>> parse_money("RMB 1.3 trillion")
    (1300000000000, 'CNY', None)
    >>> parse_money("approximately 247.8 billion yuan")
    (247800000000, 'CNY', 'APPROX')
    >>> parse_money("more than 50 billion-yuan")
    (50000000000, 'CNY', 'MORE_THAN')
    >>> parse_money("US$695 million")
    (695000000, 'USD', None)
    >>> parse_money("1.2 tln yuan")
    (1200000000000, 'CNY', None)
    >>> parse_money("5 billion doses") is None
    True
    """
    v = _single("investment", text)
    return (v.value, v.unit, v.mod) if v else None  # type: ignore[return-value]


def parse_area(text: str) -> tuple[float | int, str | None] | None:
    """Parse one area into square metres: (value, mod).

    >>> parse_area("309,000 square meters")
    (309000, None)
    >>> parse_area("42,640-square-meter")
    (42640, None)
    >>> parse_area("361 hectares")
    (3610000, None)
    >>> parse_area("about 4.2 million square meters")
    (4200000, 'APPROX')
    >>> parse_area("150 square km")
    (150000000, None)
    >>> parse_area("30 mu")
    (20000.1, None)
    >>> parse_area("1,360 meters") is None
    True
    """
    v = _single("area", text)
    return (v.value, v.mod) if v else None  # type: ignore[return-value]


def parse_computing_power(text: str) -> tuple[float | int, str | None] | None:
    """Parse computing power into petaFLOPS: (value, mod).

    >>> parse_computing_power("4,000P")
    (4000, None)
    >>> parse_computing_power("exceed 4000P")
    (4000, 'MORE_THAN')
    >>> parse_computing_power("10 P (Peta)")
    (10, None)
    >>> parse_computing_power("2 EFLOPS")
    (2000, None)
    >>> parse_computing_power("1+1+P") is None
    True
    """
    v = _single("computing_power", text)
    return (v.value, v.mod) if v else None  # type: ignore[return-value]
