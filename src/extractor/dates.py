"""Date mentions: find them in text and normalise to ISO 8601 of the precision stated.

Rules of our own cover what dateparser does not ("the end of 2025", "mid-2026", "the first
half of 2025", "Q3 2025", years alone, "this year", "the same day") and split day-precision
dates ("June 28, 2021") into their parts; dateparser is the fallback for day candidates the
rule cannot split, only on those short strings, with ``languages=["en"]`` and a cache. (Its
first call costs about 0.8 s of loading, which a cold start on one article cannot afford.)
Relative dates resolve against the article's ``published`` date and never against "now".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.resources import load_resources
from extractor.scan import anchor_windows, finditer_near, lowered

_NUMBERS = load_resources().numbers
MONTHS = _NUMBERS.months
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:19|20)\d{2}"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
REL = r"(?:this|next|last|that|the\s+same|the)\s+year"

DATE_PATTERN = rf"""
    (?<![\w])
    (?:
        (?P<edge>(?:(?:by|before|until|at|in|around|about|approximately)\s+)?(?:the\s+)?
            (?P<pos>end|close|beginning|start|middle)\s+of\s+
            (?:(?P<edge_mon>{MONTH})\s+(?P<edge_monyear>{YEAR})|(?P<edge_year>{YEAR})|(?P<edge_rel>{REL})))
      | (?P<half>(?:(?:by|in)\s+)?(?:the\s+)?(?P<which_half>first|second)\s+half\s+of\s+
            (?:(?P<half_year>{YEAR})|(?P<half_rel>{REL})))
      | (?P<quarter>(?:(?:by|in)\s+)?(?:Q(?P<q_num>[1-4])\s+(?P<q_year>{YEAR})
            |(?:the\s+)?(?P<q_word>first|second|third|fourth)\s+quarter\s+of\s+(?:(?P<q_year2>{YEAR})|(?P<q_rel>{REL}))))
      | (?P<part>(?P<part_word>mid|early|late)[\s-]+(?P<part_year>{YEAR}))
      | (?P<mdy>(?P<mdy_hedge>(?:by|around|about|approximately)\s+)?
            (?:{MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR})
      | (?P<dmy>(?P<dmy_hedge>(?:by|around|about|approximately)\s+)?
            \d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH})\.?,?\s+{YEAR})
      | (?P<mrel>(?P<mrel_hedge>(?:by|around|about|approximately)\s+)?(?P<mrel_mon>{MONTH})\s+(?P<mrel_rel>{REL}))
      | (?P<my>(?P<my_hedge>(?:by|before|around|about|approximately)\s+)?(?P<my_mon>{MONTH}),?\s+(?P<my_year>{YEAR}))
      | (?P<md>(?P<md_mon>{MONTH})\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,.]|\s+(?:major|key|projects|new)\b))
      | (?P<wd>(?P<wd_name>{"|".join(WEEKDAYS)}))
      | (?P<same>the\s+same\s+day|that\s+day)
      | (?P<rel>(?P<rel_hedge>by\s+|before\s+)?(?:within|during|in|for)?\s*(?P<rel_word>this|next|last|that|the\s+same|the)\s+year)
      | (?P<yr>(?P<yr_hedge>(?:by|before|around|about|approximately)\s+)?(?P<yr_year>{YEAR}))
    )
    (?![\w]|-(?:square|sq|meter|metre|year))
    """
DATE_RE = re.compile(DATE_PATTERN, re.VERBOSE | re.IGNORECASE)
# The same regex for lower-cased text: case-insensitive literals cost the regex engine 2-3x.
DATE_RE_LOWER = re.compile(DATE_PATTERN.replace("Q(?P<q_num>", "q(?P<q_num>"), re.VERBOSE)

# Every date mention contains one of these anchors (for lower-cased text); the full regex runs
# only in windows around them (extractor.scan). A mention starts at most WINDOW_BEFORE characters
# before its anchor ("approximately the beginning of the year") and ends within WINDOW_AFTER.
_FIRST = "".join(sorted({w[0] for w in (*MONTHS, *WEEKDAYS, "year", "day")} | {"q"}))
ANCHORS_LOWER = (
    re.compile(r"(?:19|20)\d\d"),
    re.compile(rf"\b(?=[{_FIRST}])(?:{MONTH}|{'|'.join(WEEKDAYS)}|year|day|q[1-4])\b"),
)
WINDOW_BEFORE, WINDOW_AFTER = 60, 40


def _date_matches(text: str):
    """DATE_RE matches, in order, found only near anchors (the same matches as a full scan, faster).

    The scan runs on the lower-cased text when lower-casing keeps every offset (it does not for a
    few non-ASCII letters); callers take mention text from the original by offsets.
    """
    low = lowered(text)
    if low is None:
        return DATE_RE.finditer(text)
    return finditer_near(DATE_RE_LOWER, low, anchor_windows(low, ANCHORS_LOWER, WINDOW_BEFORE, WINDOW_AFTER))


HEDGE_MOD = {"by": "ON_OR_BEFORE", "before": "ON_OR_BEFORE", "around": "APPROX", "about": "APPROX",
             "approximately": "APPROX"}
POSITION_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}
PART_MOD = {"mid": "MID", "early": "START", "late": "END"}
ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    mod: str | None
    kind: str  # "day", "month", "year", "part", "relative", "weekday", "same_day"


DAY_PARTS = re.compile(rf"(?:(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH}))"
                       rf"(?:st|nd|rd|th)?\.?,?\s+(?P<y>{YEAR})$", re.IGNORECASE)


def parse_day(candidate: str) -> str | None:
    """ISO day of 'June 28, 2021' / '28 June 2021'; dateparser only for shapes the rule does not split.

    >>> parse_day("June 28, 2021"), parse_day("28th June 2021"), parse_day("February 30, 2024")
    ('2021-06-28', '2021-06-28', None)
    """
    m = DAY_PARTS.match(candidate)
    if m is None:
        return _dateparser_day(candidate)
    month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
    try:
        return dt.date(int(m.group("y")), month, int(m.group("d1") or m.group("d2"))).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparser_day(candidate: str) -> str | None:
    """ISO day for a short 'June 28, 2021'-like string, via dateparser."""
    import dateparser  # imported lazily: it costs start-up time and most articles never need it

    parsed = dateparser.parse(candidate, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def _relative_year(word: str, published: dt.date | None, last_year: int | None) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word in ("that", "the same"):
        if last_year is not None:
            return last_year
        word = "this"
    if published is None:
        return None
    return published.year + {"this": 0, "the": 0, "next": 1, "last": -1}[word]


def _strip_lead(text: str, start: int, words: tuple[str, ...]) -> tuple[str, int]:
    """Drop leading filler words ('in', 'within') that are not part of the evidence."""
    m = re.match(rf"(?:(?:{'|'.join(words)})\s+)+", text, re.IGNORECASE)
    if m:
        return text[m.end():], start + m.end()
    return text, start


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date mention in ``text`` with its ISO value (None when it cannot be resolved).

    >>> pub = dt.date(2024, 1, 28)
    >>> [(d.text, d.value, d.mod) for d in find_dates("to be completed by the end of 2025", pub)]
    [('by the end of 2025', '2025', 'END')]
    >>> [(d.text, d.value, d.mod) for d in find_dates("in June 2027 and in 2026", pub)]
    [('June 2027', '2027-06', None), ('2026', '2026', None)]
    >>> [(d.text, d.value) for d in find_dates("in the first half of 2026, Q3 2025, mid-2026", pub)]
    [('the first half of 2026', '2026-H1'), ('Q3 2025', '2025-Q3'), ('mid-2026', '2026')]
    >>> [(d.text, d.value, d.mod) for d in find_dates("by the end of the year", pub)]
    [('by the end of the year', '2024', 'END')]
    >>> [(d.text, d.value) for d in find_dates("in April this year", dt.date(2025, 6, 9))]
    [('April this year', '2025-04')]
    >>> [(d.text, d.value) for d in find_dates("installed on Monday. The same day", dt.date(2021, 6, 29))]
    [('Monday', '2021-06-28'), ('The same day', '2021-06-28')]
    >>> [(d.text, d.value, d.mod) for d in find_dates("finished around December 2025", None)]
    [('around December 2025', '2025-12', 'APPROX')]
    >>> [d.value for d in find_dates("this year", None)]
    [None]
    >>> find_dates("a 24-hour time zone and 30% growth", None)
    []
    """
    out: list[DateMention] = []
    last_year: int | None = None
    last_day: str | None = None
    for m in _date_matches(text):
        s, e = m.start(), m.end()
        t = text[s:e]
        value: str | None = None
        mod: str | None = None
        kind = "year"
        if m.group("edge"):
            kind = "part"
            mod = POSITION_MOD[m.group("pos").lower()]
            lead = re.match(r"(?:by|before|until|at|in|around|about|approximately)\s+", t, re.IGNORECASE)
            if lead and lead.group(0).strip().lower() not in ("by", "around", "about", "approximately", "before", "until"):
                t, s = t[lead.end():], s + lead.end()
            if m.group("edge_year"):
                value = m.group("edge_year")
            elif m.group("edge_monyear"):
                value = f"{m.group('edge_monyear')}-{MONTHS[m.group('edge_mon').lower()]:02d}"
            else:
                y = _relative_year(m.group("edge_rel").rsplit(None, 1)[0], published, last_year)
                value = str(y) if y else None
        elif m.group("half"):
            kind = "part"
            t, s = _strip_lead(t, s, ("in",))
            year = m.group("half_year") or _relative_year(m.group("half_rel").rsplit(None, 1)[0], published, last_year)
            value = f"{year}-H{1 if m.group('which_half').lower() == 'first' else 2}" if year else None
            mod = "ON_OR_BEFORE" if t.lower().startswith("by ") else None
        elif m.group("quarter"):
            kind = "part"
            t, s = _strip_lead(t, s, ("in",))
            if m.group("q_num"):
                year, q = m.group("q_year"), int(m.group("q_num"))
            else:
                q = ORDINAL[m.group("q_word").lower()]
                year = m.group("q_year2") or _relative_year(m.group("q_rel").rsplit(None, 1)[0], published, last_year)
            value = f"{year}-Q{q}" if year else None
            mod = "ON_OR_BEFORE" if t.lower().startswith("by ") else None
        elif m.group("part"):
            kind = "part"
            value, mod = m.group("part_year"), PART_MOD[m.group("part_word").lower()]
        elif m.group("mdy") or m.group("dmy"):
            kind = "day"
            hedge = m.group("mdy_hedge") or m.group("dmy_hedge")
            core = t[len(hedge):] if hedge else t
            value = parse_day(core.strip())
            mod = HEDGE_MOD[hedge.strip().lower()] if hedge else None
        elif m.group("mrel"):
            kind = "month"
            hedge = m.group("mrel_hedge")
            y = _relative_year(m.group("mrel_rel").rsplit(None, 1)[0], published, last_year)
            value = f"{y}-{MONTHS[m.group('mrel_mon').lower()]:02d}" if y else None
            mod = HEDGE_MOD[hedge.strip().lower()] if hedge else None
        elif m.group("my"):
            kind = "month"
            hedge = m.group("my_hedge")
            value = f"{m.group('my_year')}-{MONTHS[m.group('my_mon').lower()]:02d}"
            mod = HEDGE_MOD[hedge.strip().lower()] if hedge else None
        elif m.group("md"):
            kind = "day"
            day = int(m.group("md_day"))
            if published is not None and 1 <= day <= 31:
                try:
                    value = dt.date(published.year, MONTHS[m.group("md_mon").lower()], day).isoformat()
                except ValueError:
                    value = None
        elif m.group("wd"):
            kind = "weekday"
            if published is not None:
                back = (published.weekday() - WEEKDAYS.index(m.group("wd_name").lower())) % 7
                value = (published - dt.timedelta(days=back)).isoformat()
        elif m.group("same"):
            kind = "same_day"
            value = last_day
        elif m.group("rel"):
            kind = "relative"
            hedge = m.group("rel_hedge")
            t, s = _strip_lead(t, s, ("within", "during", "in", "for"))
            y = _relative_year(m.group("rel_word"), published, last_year)
            value = str(y) if y else None
            mod = "ON_OR_BEFORE" if hedge else None
        else:
            hedge = m.group("yr_hedge")
            value = m.group("yr_year")
            mod = HEDGE_MOD[hedge.strip().lower()] if hedge else None
        t_stripped = t.rstrip()
        e = s + len(t_stripped)
        out.append(DateMention(s, e, text[s:e], value, mod, kind))
        if value and kind in ("day", "weekday"):
            last_day = value
        if value and re.match(r"^\d{4}", value) and kind != "relative":
            last_year = int(value[:4])
    return out
