"""Date mentions: find them in text and normalise to ISO 8601 of the precision stated.

Rules of our own cover what dateparser does not ("the end of 2025", "mid-2026", "the first
half of 2025", "Q3 2025", years alone, "this year", "the same day") and split day-precision
dates ("June 28, 2021") into their parts; dateparser is the fallback for day candidates the
rule cannot split, only on those short strings, with ``languages=["en"]`` and a cache. (Its
first call costs about 0.8 s of loading, which a cold start on one article cannot afford.)
Relative dates resolve against the article's ``published`` date and never against "now".
Month and weekday names, ordinals and the mods of date hedges come from ``patterns/``
(``numbers.json``, ``dates.json``) through :class:`DateGrammar`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.resources import Resources
from extractor.scan import anchor_windows, finditer_near, lowered

YEAR = r"(?:19|20)\d{2}"
REL = r"(?:this|next|last|that|the\s+same|the)\s+year"
WINDOW_BEFORE, WINDOW_AFTER = 60, 40


def date_pattern(months: dict[str, int], weekdays: list[str]) -> str:
    """The date regex (``re.VERBOSE``) for these month and weekday names."""
    MONTH = "|".join(sorted(months, key=len, reverse=True))
    return rf"""
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
          | (?P<wd>(?P<wd_name>{"|".join(weekdays)}))
          | (?P<same>the\s+same\s+day|that\s+day)
          | (?P<rel>(?P<rel_hedge>by\s+|before\s+)?(?:within|during|in|for)?\s*(?P<rel_word>this|next|last|that|the\s+same|the)\s+year)
          | (?P<yr>(?P<yr_hedge>(?:by|before|around|about|approximately)\s+)?(?P<yr_year>{YEAR}))
        )
        (?![\w]|-(?:square|sq|meter|metre|year))
        """


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    mod: str | None
    kind: str  # "day", "month", "year", "part", "relative", "weekday", "same_day"


class DateGrammar:
    """The compiled date grammar of one set of resources.

    Every date mention contains an anchor (a year, a month, a weekday, "year", "day", "Q1"..); the
    full regex runs only in windows around the anchors (:mod:`extractor.scan`), case-sensitively on
    the lower-cased text (case-insensitive literals cost the regex engine 2-3x). A mention starts at
    most WINDOW_BEFORE characters before its anchor ("approximately the beginning of the year") and
    ends within WINDOW_AFTER.
    """

    def __init__(self, res: Resources):
        words = res.dates
        self.months = res.numbers.months
        self.weekdays = tuple(words.weekdays)
        self.ordinal = res.numbers.ordinals
        self.hedge_mod = words.hedges
        self.position_mod = words.positions
        self.part_mod = words.parts
        pattern = date_pattern(self.months, list(self.weekdays))
        self.regex = re.compile(pattern, re.VERBOSE | re.IGNORECASE)
        self.regex_lower = re.compile(pattern.replace("Q(?P<q_num>", "q(?P<q_num>"), re.VERBOSE)
        month = "|".join(sorted(self.months, key=len, reverse=True))
        first = "".join(sorted({w[0] for w in (*self.months, *self.weekdays, "year", "day")} | {"q"}))
        self.anchors_lower = (
            re.compile(r"(?:19|20)\d\d"),
            re.compile(rf"\b(?=[{first}])(?:{month}|{'|'.join(self.weekdays)}|year|day|q[1-4])\b"),
        )
        self.day_parts = re.compile(
            rf"(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{month}))"
            rf"(?:st|nd|rd|th)?\.?,?\s+(?P<y>{YEAR})$", re.IGNORECASE)

    def matches(self, text: str):
        """Regex matches, in order, found only near anchors (the same matches as a full scan, faster).

        The scan runs on the lower-cased text when lower-casing keeps every offset (it does not for a
        few non-ASCII letters); callers take mention text from the original by offsets.
        """
        low = lowered(text)
        if low is None:
            return self.regex.finditer(text)
        return finditer_near(self.regex_lower, low, anchor_windows(low, self.anchors_lower, WINDOW_BEFORE,
                                                                    WINDOW_AFTER))

    def parse_day(self, candidate: str) -> str | None:
        """ISO day of 'June 28, 2021' / '28 June 2021'; dateparser only for shapes the rule does not split.

        >>> from extractor.resources import load_resources
        >>> g = DateGrammar(load_resources())
        >>> g.parse_day("June 28, 2021"), g.parse_day("28th June 2021"), g.parse_day("February 30, 2024")
        ('2021-06-28', '2021-06-28', None)
        """
        m = self.day_parts.match(candidate)
        if m is None:
            return _dateparser_day(candidate)
        month = self.months[(m.group("m1") or m.group("m2")).lower()]
        try:
            return dt.date(int(m.group("y")), month, int(m.group("d1") or m.group("d2"))).isoformat()
        except ValueError:
            return None

    # ------------------------------------------------------------------ find and normalise
    def find(self, text: str, published: dt.date | None) -> list[DateMention]:
        """Every date mention in ``text`` with its ISO value (None when it cannot be resolved).

        >>> from extractor.resources import load_resources
        >>> g, pub = DateGrammar(load_resources()), dt.date(2024, 1, 28)
        >>> [(d.text, d.value, d.mod) for d in g.find("to be completed by the end of 2025", pub)]
        [('by the end of 2025', '2025', 'END')]
        >>> [(d.text, d.value, d.mod) for d in g.find("in June 2027 and in 2026", pub)]
        [('June 2027', '2027-06', None), ('2026', '2026', None)]
        >>> [(d.text, d.value) for d in g.find("in the first half of 2026, Q3 2025, mid-2026", pub)]
        [('the first half of 2026', '2026-H1'), ('Q3 2025', '2025-Q3'), ('mid-2026', '2026')]
        >>> [(d.text, d.value, d.mod) for d in g.find("by the end of the year", pub)]
        [('by the end of the year', '2024', 'END')]
        >>> [(d.text, d.value) for d in g.find("in April this year", dt.date(2025, 6, 9))]
        [('April this year', '2025-04')]
        >>> [(d.text, d.value) for d in g.find("installed on Monday. The same day", dt.date(2021, 6, 29))]
        [('Monday', '2021-06-28'), ('The same day', '2021-06-28')]
        >>> [(d.text, d.value, d.mod) for d in g.find("finished around December 2025", None)]
        [('around December 2025', '2025-12', 'APPROX')]
        >>> [d.value for d in g.find("this year", None)]
        [None]
        >>> g.find("a 24-hour time zone and 30% growth", None)
        []
        """
        out: list[DateMention] = []
        state = _Discourse(published)
        for m in self.matches(text):
            s, e = m.start(), m.end()
            t, s, value, mod, kind = self._normalise(m, text[s:e], s, state)
            t_stripped = t.rstrip()
            e = s + len(t_stripped)
            out.append(DateMention(s, e, text[s:e], value, mod, kind))
            if value and kind in ("day", "weekday"):
                state.last_day = value
            if value and re.match(r"^\d{4}", value) and kind != "relative":
                state.last_year = int(value[:4])
        return out

    def _normalise(self, m: re.Match, t: str, s: int, state: "_Discourse"):
        """(text, start, value, mod, kind) of one match; text and start may drop a leading filler word."""
        for group, rule in (("edge", self._edge), ("half", self._half), ("quarter", self._quarter),
                            ("part", self._part), ("mdy", self._day), ("dmy", self._day),
                            ("mrel", self._month_rel), ("my", self._month_year), ("md", self._month_day),
                            ("wd", self._weekday), ("same", self._same_day), ("rel", self._relative)):
            if m.group(group):
                return rule(m, t, s, state)
        return self._year(m, t, s, state)

    def _hedge(self, hedge: str | None) -> str | None:
        return self.hedge_mod[hedge.strip().lower()] if hedge else None

    def _edge(self, m, t, s, state):
        mod = self.position_mod[m.group("pos").lower()]
        lead = re.match(r"(?:by|before|until|at|in|around|about|approximately)\s+", t, re.IGNORECASE)
        if lead and lead.group(0).strip().lower() not in ("by", "around", "about", "approximately", "before", "until"):
            t, s = t[lead.end():], s + lead.end()
        if m.group("edge_year"):
            value = m.group("edge_year")
        elif m.group("edge_monyear"):
            value = f"{m.group('edge_monyear')}-{self.months[m.group('edge_mon').lower()]:02d}"
        else:
            y = state.year(m.group("edge_rel").rsplit(None, 1)[0])
            value = str(y) if y else None
        return t, s, value, mod, "part"

    def _half(self, m, t, s, state):
        t, s = _strip_lead(t, s, ("in",))
        year = m.group("half_year") or state.year(m.group("half_rel").rsplit(None, 1)[0])
        value = f"{year}-H{1 if m.group('which_half').lower() == 'first' else 2}" if year else None
        return t, s, value, "ON_OR_BEFORE" if t.lower().startswith("by ") else None, "part"

    def _quarter(self, m, t, s, state):
        t, s = _strip_lead(t, s, ("in",))
        if m.group("q_num"):
            year, q = m.group("q_year"), int(m.group("q_num"))
        else:
            q = self.ordinal[m.group("q_word").lower()]
            year = m.group("q_year2") or state.year(m.group("q_rel").rsplit(None, 1)[0])
        value = f"{year}-Q{q}" if year else None
        return t, s, value, "ON_OR_BEFORE" if t.lower().startswith("by ") else None, "part"

    def _part(self, m, t, s, state):
        return t, s, m.group("part_year"), self.part_mod[m.group("part_word").lower()], "part"

    def _day(self, m, t, s, state):
        hedge = m.group("mdy_hedge") or m.group("dmy_hedge")
        core = t[len(hedge):] if hedge else t
        return t, s, self.parse_day(core.strip()), self._hedge(hedge), "day"

    def _month_rel(self, m, t, s, state):
        y = state.year(m.group("mrel_rel").rsplit(None, 1)[0])
        value = f"{y}-{self.months[m.group('mrel_mon').lower()]:02d}" if y else None
        return t, s, value, self._hedge(m.group("mrel_hedge")), "month"

    def _month_year(self, m, t, s, state):
        value = f"{m.group('my_year')}-{self.months[m.group('my_mon').lower()]:02d}"
        return t, s, value, self._hedge(m.group("my_hedge")), "month"

    def _month_day(self, m, t, s, state):
        day = int(m.group("md_day"))
        value = None
        if state.published is not None and 1 <= day <= 31:
            try:
                value = dt.date(state.published.year, self.months[m.group("md_mon").lower()], day).isoformat()
            except ValueError:
                value = None
        return t, s, value, None, "day"

    def _weekday(self, m, t, s, state):
        value = None
        if state.published is not None:
            back = (state.published.weekday() - self.weekdays.index(m.group("wd_name").lower())) % 7
            value = (state.published - dt.timedelta(days=back)).isoformat()
        return t, s, value, None, "weekday"

    def _same_day(self, m, t, s, state):
        return t, s, state.last_day, None, "same_day"

    def _relative(self, m, t, s, state):
        hedge = m.group("rel_hedge")
        t, s = _strip_lead(t, s, ("within", "during", "in", "for"))
        y = state.year(m.group("rel_word"))
        return t, s, str(y) if y else None, "ON_OR_BEFORE" if hedge else None, "relative"

    def _year(self, m, t, s, state):
        return t, s, m.group("yr_year"), self._hedge(m.group("yr_hedge")), "year"


@dataclass
class _Discourse:
    """What earlier dates of the same article tell later ones ("that year", "the same day")."""

    published: dt.date | None
    last_year: int | None = None
    last_day: str | None = None

    def year(self, word: str) -> int | None:
        word = re.sub(r"\s+", " ", word.lower())
        if word in ("that", "the same"):
            if self.last_year is not None:
                return self.last_year
            word = "this"
        if self.published is None:
            return None
        return self.published.year + {"this": 0, "the": 0, "next": 1, "last": -1}[word]


def _strip_lead(text: str, start: int, words: tuple[str, ...]) -> tuple[str, int]:
    """Drop leading filler words ('in', 'within') that are not part of the evidence."""
    m = re.match(rf"(?:(?:{'|'.join(words)})\s+)+", text, re.IGNORECASE)
    if m:
        return text[m.end():], start + m.end()
    return text, start


@lru_cache(maxsize=4096)
def _dateparser_day(candidate: str) -> str | None:
    """ISO day for a short 'June 28, 2021'-like string, via dateparser."""
    import dateparser  # imported lazily: it costs start-up time and most articles never need it

    parsed = dateparser.parse(candidate, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None
