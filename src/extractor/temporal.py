"""The temporal tagger: date expressions found, normalised and resolved against the document date.

A cascade in the manner of HeidelTime and SUTime:

1. **Find** (:meth:`TemporalTagger.find`): one regex grammar, its words from
   ``patterns/temporal.json`` (month and weekday names, ordinals, hedges, part-of-period words,
   seasons, relative words, Five-Year Plan periods), run only in windows around anchor words.
2. **Normalise** (:meth:`TemporalTagger._normalise`): each match becomes a :class:`Timex`: the
   granularity stated (year, half, quarter, month, day, season), absolute parts, offsets relative
   to the document date, the ``mod`` its hedge or part word gives, and whether its direction must
   come from tense (a bare "in March", "on Sunday").
3. **Resolve** (:func:`resolve`): against ``published`` (the document creation time), with the
   clause's tense choosing the direction of a bare month, day, weekday, quarter or half: "opened
   on Sunday" is the Sunday before, "will open in March" in an article of November is next March.
   Without ``published``, a relative expression keeps ``value=None`` (its text and offsets stay).

Values follow the SPEC: ISO of the precision stated ("2026", "2026-H1", "2025-Q4", "2027-06",
"2024-10-15"), ``mod`` START / MID / END / ON_OR_BEFORE / APPROX as the text hedges. Decisions where
the SPEC is silent (listed in the README): a season is its year with a mod (spring START, summer
MID, autumn and winter END); "within three years" is the year three on, ON_OR_BEFORE; a Five-Year
Plan period is its last year ("by the end of the 14th Five-Year Plan period" = 2025 END, "during"
it = 2025 ON_OR_BEFORE); a range ("2024-2026", "May 2024 to June 2026") is two dates, its ends.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pydantic import BaseModel, ConfigDict

from extractor.scan import anchor_windows, finditer_near, lowered

YEAR = r"(?:19|20)\d{2}"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
WINDOW_BEFORE, WINDOW_AFTER = 70, 60


NAME_BEFORE_YEAR = re.compile(r"\b([A-Z][a-z]+\.?)\s+\Z")
YEAR_LEADERS = frozenset({"in", "by", "since", "until", "till", "before", "after", "from", "to", "of", "the", "and",
                          "or", "for", "during", "through", "early", "late", "mid", "end", "around", "about", "as",
                          "at", "on", "between", "within", "fiscal", "year", "spring", "summer", "autumn", "fall",
                          "winter", "h1", "h2", "q1", "q2", "q3", "q4"})

class TemporalWords(BaseModel):
    """``patterns/temporal.json``."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    months: dict[str, int]
    weekdays: dict[str, int]
    ordinals: dict[str, int]
    half_ordinals: dict[str, int]
    hedges: dict[str, str]
    parts: dict[str, str]
    seasons: dict[str, str]
    relative: dict[str, int]
    future_markers: list[str]
    past_markers: list[str]
    five_year_plans: dict[str, tuple[int, int]]
    number_words: dict[str, int]
    event_words: list[str] = []
    holidays: dict[str, tuple[int, int]] = {}
    lunar_holidays: dict[str, dict[str, tuple[int, int]]] = {}  # name -> year -> (month, day)


def calendar_names(words: TemporalWords) -> frozenset[str]:
    """Month, weekday and season names, lower-cased, that cannot be a word of a name ("on Saturday",
    "from January to July"); the short forms that are also words ("may", "mar", "sun", "sat", "wed")
    are left out."""
    names = set(words.months) | set(words.weekdays) | set(words.seasons)
    return frozenset(n for n in names if n not in ("may", "mar", "sun", "sat", "wed"))


CLAUSE_AFTER = re.compile(r"[^.;,\n]{0,40}")
BACK_RELATIVE = ("that", "the same")  # "that year", "September of the same year": the previous date's year


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised date expression, before resolution against the document date.

    ``gran``: year, half, quarter, month, day, season. ``year``/``month``/``day``/``part``
    (quarter or half number)/``season`` as stated; ``rel_year``, ``rel_month``, ``rel_day``: an offset
    from the document date instead of an absolute value; ``weekday`` (0 = Monday) with
    ``week_rel`` (-1 last, 0 this, 1 next, None bare); ``directed``: the direction must come from the
    clause's tense; ``back``: "that year" / "the same day" take the previous date's.
    """

    gran: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: int | None = None
    season: str | None = None
    rel_year: int | None = None
    rel_month: int | None = None
    rel_day: int | None = None
    weekday: int | None = None
    week_rel: int | None = None
    directed: bool = False
    back: str | None = None
    mod: str | None = None
    dom: bool = False  # "on the 28th": a day of the document date's month (or the one next to it, by tense)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    mod: str | None
    kind: str  # the granularity: year, half, quarter, month, day, season
    relative: bool = False  # resolved against the document date


AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b")


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class TemporalTagger:
    """The compiled grammar of one :class:`TemporalWords`; :meth:`find` is pure per text."""

    def __init__(self, words: TemporalWords):
        self.w = words
        self.hedge_mod = {re.sub(r"\s+", " ", k): v for k, v in words.hedges.items()}
        self.part_mod = {re.sub(r"\s+", " ", k): v for k, v in words.parts.items()}
        self.relative = {re.sub(r"\s+", " ", k): v for k, v in words.relative.items()}
        self.event_after = re.compile(rf"\s+(?:{_alt(words.event_words) if words.event_words else '(?!)'})\b")
        grammar = self._grammar()
        self.regex = re.compile(grammar, re.VERBOSE | re.IGNORECASE)
        # the same grammar for lower-cased text: case-insensitive literals cost the regex engine 2-3x
        self.regex_lower = re.compile(grammar.replace("H[12]|[12]H", "h[12]|[12]h").replace("Q(?P<qc_n>", "q(?P<qc_n>"),
                                      re.VERBOSE)
        self.future_re = re.compile(rf"\b(?:{_alt(words.future_markers)})\b", re.IGNORECASE)
        self.past_re = re.compile(rf"\b(?:{_alt(words.past_markers)})\b", re.IGNORECASE)
        anchor_words = [*words.months, *words.weekdays, *words.seasons, "year", "years", "month", "months",
                        "quarter", "half", "day", "yesterday", "today", "tomorrow", "five-year", "h1", "h2",
                        "q1", "q2", "q3", "q4", "1h", "2h", "year-end", "week", "weeks", "days", "morning", "afternoon", "evening",
                        "tonight", "night", *(h.split()[0] for h in words.holidays)]
        self.anchors = (re.compile(r"(?:19|20)\d\d"), re.compile(rf"\b(?:{_alt(anchor_words)})\b"),
                        re.compile(r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"))  # "on the 28th"
        self.rules = self._rules()

    # ------------------------------------------------------------------ grammar
    def _grammar(self) -> str:
        w = self.w
        full = [m for m in w.months if len(m) > 4 or m in ("may", "june", "july")]
        MONTH = rf"(?:{_alt(full)}|(?:{_alt(set(w.months) - set(full))})\.?)"  # "Dec." keeps its full stop
        WD_FULL = _alt([d for d in w.weekdays if len(d) > 4])  # "Sun" is a surname too often
        WD_ANY = _alt(w.weekdays)
        ORD, HORD = _alt(w.ordinals), _alt(w.half_ordinals)
        REL, PART, SEASON = _alt(self.relative), _alt(self.part_mod), _alt(w.seasons)
        HEDGE = rf"(?:(?P<hedge>{_alt(self.hedge_mod)})\s+)?"
        NUM = rf"(?:\d{{1,2}}|{_alt(w.number_words)})"
        HOLIDAY = _alt(w.holidays).replace("'", "['’]") if w.holidays else r"(?!)"
        LUNAR = _alt(w.lunar_holidays) if w.lunar_holidays else r"(?!)"

        def yref(p: str) -> str:
            return rf"(?:(?P<{p}year>{YEAR})|(?P<{p}rel>{REL})\s+year|the\s+year)"

        return rf"""
        (?<![\w])
        {HEDGE}
        (?:
          (?P<fyp>(?:the\s+)?(?:(?P<fyp_part>{PART})\s+of\s+)?(?:the\s+)?(?P<fyp_n>{_alt(w.five_year_plans)})
              \s+five[\s-]year\s+plan(?:\s+period)?(?:\s*\(\s*{YEAR}\s*[-–]\s*{YEAR}\s*\))?)
        | (?P<ye>(?:the\s+)?(?:(?P<ye_year>{YEAR})\s+)?year(?:['’]s)?[\s-]end)
        | (?P<py>(?:the\s+)?(?P<py_part>{PART})(?:\s+of|[\s-])\s*(?:the\s+)?{yref("py_")})
        | (?P<pm>(?:the\s+)?(?P<pm_part>{PART})(?:\s+of|[\s-])\s*(?:the\s+)?(?:(?P<pm_month>{MONTH})(?:\s*,?\s*(?P<pm_year>{YEAR}))?
              |(?P<pm_rel>{REL})\s+month))
        | (?P<pq>(?:the\s+)?(?P<pq_part>{PART})\s+of\s+(?:the\s+)?(?P<pq_ord>{ORD})\s+quarter(?:\s+of\s+(?:the\s+)?{yref("pq_")})?)
        | (?P<half>(?:the\s+)?(?P<half_ord>{HORD})\s+half(?:\s+of)?(?:\s+(?:the\s+)?{yref("half_")})?)
        | (?P<hc>(?P<hc_n>H[12]|[12]H)(?:\s+(?P<hc_year>{YEAR}))?)
        | (?P<q>(?:the\s+)?(?P<q_ord>{ORD})\s+quarter(?:\s+of)?(?:\s+(?:the\s+)?{yref("q_")})?)
        | (?P<qc>Q(?P<qc_n>[1-4])(?:\s+(?:of\s+)?(?P<qc_year>{YEAR}))?)
        | (?P<hol>(?P<hol_name>{HOLIDAY})(?:\s+(?:of\s+)?(?P<hol_year>{YEAR}))?)
        | (?P<lunar>(?:the\s+)?(?P<lunar_name>{LUNAR})(?:\s+holiday)?\s+(?:of\s+)?(?P<lunar_year>{YEAR}))
        | (?P<dom>(?<=\bon\s)the\s+(?P<dom_n>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?!\s+(?:floor|anniversary|century|session|time|round|day|edition|meeting|plenary|congress|year|batch|stage|phase|station|of\s+(?!this\b|that\b|the\s+month\b|last\b|next\b)[a-z])))
        | (?P<iso>(?P<iso_y>{YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01]))
        | (?P<dot>(?P<dot_y>{YEAR})\.(?P<dot_m>0[1-9]|1[0-2])(?:\.(?P<dot_d>0[1-9]|[12]\d|3[01]))?(?!\d|[.,]\d|\s*(?:%|percent|billion|million|yuan|square|sq|m2|mu|hectares|kilomet|km|meters|metres|p\b)))
        | (?P<mdy>(?:(?:(?P<mdy_wd>{WD_ANY})|today|tomorrow|yesterday),?\s+)?(?P<mdy_mon>{MONTH})(?:\s+|(?<=\.))(?P<mdy_day>{DAY})(?:,?\s+(?P<mdy_year>{YEAR}))?
              (?![\d%]|[.,]\d|\s*(?:%|percent|major|key|projects|new|billion|million|units)\b))
        | (?P<dmy>(?P<dmy_day>{DAY})\s+(?:of\s+)?(?P<dmy_mon>{MONTH})(?:,?\s+(?P<dmy_year>{YEAR}))?)
        | (?P<my>(?P<my_mon>{MONTH}),?\s+(?:of\s+)?(?P<my_year>{YEAR}))
        | (?P<mr>(?P<mr_mon>{MONTH})\s+(?:of\s+)?(?P<mr_rel>{REL})\s+year)
        | (?P<rm>(?:(?P<rm_later>later|earlier)\s+)?(?P<rm_rel>{REL})\s+month)
        | (?P<season>(?:the\s+)?(?:(?P<season_rel>{REL})\s+)?(?P<season_name>{SEASON})(?!\s+festival)(?:\s+(?:of\s+)?(?P<season_year>{YEAR}))?)
        | (?P<wn>(?:(?:within|in|over)\s+(?:the\s+)?(?:next\s+|coming\s+)?)(?P<wn_n>{NUM})\s+(?P<wn_unit>years?|months?)(?:['’]\s*time)?)
        | (?P<yan>the\s+year\s+(?P<yan_dir>after\s+next|before\s+last))
        | (?P<ry>(?:(?P<ry_later>later|earlier)\s+)?(?:(?:within|during|in|for|over)\s+)?(?:the\s+)?(?P<ry_rel>{REL})\s+year)
        | (?P<wy>(?:within|during|in)\s+the\s+year(?!\s+(?:19|20)\d\d))
        | (?P<ago>(?P<ago_n>an?|{NUM})\s+(?P<ago_unit>years?|months?|weeks?|days?)\s+ago)
        | (?P<sameday>(?:on\s+)?(?:(?:the|that)\s+(?:very\s+)?same\s+day|that\s+day))
        | (?P<deictic>(?:yesterday|today|tomorrow)(?:\s+(?:morning|afternoon|evening))?|this\s+(?:morning|afternoon|evening)
              |tonight|last\s+night)
        | (?P<wd>(?:(?P<wd_rel>last|next|this|coming)\s+)?(?P<wd_name>{WD_FULL}))
        | (?P<bm>(?P<bm_prep>(?<=\bin\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\bduring\s)|(?<=\buntil\s))?(?P<bm_mon>{MONTH}))
        | (?P<y>(?:the\s+year\s+)?(?P<y_year>{YEAR}))
        )
        (?![\w]|-(?:square|sq|meter|metre|year|kilomet|hectare|strong|member|seat|room|bed))
        """

    def _rules(self):
        return (("fyp", self._fyp), ("ye", self._year_end), ("py", self._part_year), ("pm", self._part_month),
                ("pq", self._part_quarter), ("half", self._half), ("hc", self._half_code), ("q", self._quarter),
                ("qc", self._quarter_code), ("hol", self._holiday), ("lunar", self._lunar), ("dom", self._day_of_month), ("iso", self._iso), ("dot", self._dotted), ("mdy", self._mdy), ("dmy", self._dmy),
                ("my", self._month_year), ("mr", self._month_rel), ("rm", self._rel_month),
                ("season", self._season), ("wn", self._within_n), ("yan", self._year_after_next),
                ("ry", self._rel_year), ("wy", self._within_year), ("ago", self._ago), ("sameday", self._same_day),
                ("deictic", self._deictic), ("wd", self._weekday), ("bm", self._bare_month), ("y", self._year))

    # ------------------------------------------------------------------ find
    def matches(self, text: str):
        """Grammar matches in text order, searched only near anchor words (the same as a full scan)."""
        low = lowered(text)
        if low is None:
            return self.regex.finditer(text)
        return finditer_near(self.regex_lower, low, anchor_windows(low, self.anchors, WINDOW_BEFORE, WINDOW_AFTER))

    def find(self, text: str, published: dt.date | None) -> list[DateMention]:
        """Every date mention of ``text``, resolved against ``published``.

        >>> from extractor.resources import load_resources
        >>> t, pub = TemporalTagger(load_resources().temporal), dt.date(2024, 11, 10)
        >>> [(d.text, d.value, d.mod) for d in t.find("It will be completed by the end of 2025.", pub)]
        [('by the end of 2025', '2025', 'END')]
        >>> [(d.text, d.value, d.mod) for d in t.find("The hall opened on Sunday.", pub)]
        [('Sunday', '2024-11-10', None)]
        >>> [(d.text, d.value, d.mod) for d in t.find("It will open in late March.", pub)]
        [('late March', '2025-03', 'END')]
        >>> [(d.text, d.value) for d in t.find("in the second half of next year", pub)]
        [('the second half of next year', '2025-H2')]
        >>> [d.value for d in t.find("this year", None)]
        [None]
        """
        out: list[DateMention] = []
        last_year: int | None = None
        last_day: str | None = None
        for m in self.matches(text):
            if not self._accept(text, m):
                continue
            timex = self._normalise(m)
            if timex is None:
                continue
            start, end = self._evidence(text, m, timex)
            tense = self._tense(text, start, end)
            if m.group("wn") and (tense < 0 or AND_A_HALF.match(text, m.end())):
                continue  # "was finished in a year", "in a year and a half": how long it took, no date
            value = resolve(timex, published, tense, last_year, last_day)
            relative = timex.rel_year is not None or timex.rel_month is not None or timex.rel_day is not None \
                or timex.directed or timex.weekday is not None or timex.back is not None
            out.append(DateMention(start, end, text[start:end], value, timex.mod, timex.gran, relative))
            if value and timex.gran == "day":
                last_day = value
            if value and not timex.back:
                last_year = int(value[:4])
        return out

    def _accept(self, text: str, m: re.Match) -> bool:
        """Month and weekday names count only capitalised ("may" is a verb, "Sun" a surname unless
        a date follows); a bare year naming an event ("the 2022 Winter Olympics", "the 2025 Summer
        Davos": ``event_words``) is part of a name."""
        if m.group("y") and self.event_after.match(text, m.end()):
            return False
        if m.group("y") and m.start("y_year") == m.start():
            before = NAME_BEFORE_YEAR.search(text, max(0, m.start() - 30), m.start())
            if before and before.group(1).lower().rstrip(".") not in self.w.months \
                    and before.group(1).lower() not in YEAR_LEADERS:
                return False  # "the events of Beijing 2022", "Expo 2010": a name, not a date
        for group in ("mdy_mon", "dmy_mon", "my_mon", "mr_mon", "pm_month", "bm_mon", "wd_name", "mdy_wd"):
            if m.group(group) and not text[m.start(group)].isupper():
                return False
        if m.group("mdy") and DATELINE_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
                and DATELINE_AFTER.match(text, m.end()):
            return False  # "Xi'an, April 20 (Reporters ...)", "BEIJING, Dec. 26 (Xinhua) --": the report's date
        return True

    def _evidence(self, text: str, m: re.Match, timex: Timex) -> tuple[int, int]:
        """The evidence span: the whole match, but for a leading preposition that carries no mod
        ("in", "during", "on", a "within" before "the year") and trailing spaces."""
        start, end = m.start(), m.end()
        carrier = timex.mod is not None and m.group(0).lower().startswith(("within", "over"))
        lead = LEADING_FILLER.match(text, start, end)
        if lead and not carrier and not (m.group("hedge") and lead.end() <= m.end("hedge")):
            start = lead.end()
        if m.group("y") and timex.mod is None:
            start = max(start, m.start("y_year"))  # "the year 2028"
        if m.group("hedge") and timex.mod is None:
            start = max(start, m.end("hedge"))
            start = SPACES.match(text, start).end()
        return start, end

    def _tense(self, text: str, pos: int, end: int | None = None) -> int:
        """+1 future, -1 past, 0 unknown: from the words of the clause before ``pos``, else (a clause
        with no verb yet: "An event on Sept 2 marked ...") from the words right after ``end``."""
        clause = text[max(0, pos - 90) : pos]
        cut = max(clause.rfind(". "), clause.rfind(";"), clause.rfind("\n"))
        tense = self._tense_of(clause[cut + 1 :])
        if not tense and "\n" not in text[:pos] and HEADLINE_INFINITIVE.search(clause[cut + 1 :]):
            return 1  # a headline's "X to open on Sunday", "Y to start operating in May": what is to come
        if tense or end is None:
            return tense
        after = CLAUSE_AFTER.match(text, end)
        return self._tense_of(after.group(0)) if after else 0

    def _tense_of(self, clause: str) -> int:
        clause = AS_PLANNED.sub(" ", clause)  # "took place on April 1 as planned": no future
        if self.future_re.search(clause):
            return 1
        if self.past_re.search(clause) or PAST_VERB.search(clause):
            return -1
        return 0

    # ------------------------------------------------------------------ normalise
    def _normalise(self, m: re.Match) -> Timex | None:
        hedge = re.sub(r"\s+", " ", m.group("hedge").lower()) if m.group("hedge") else None
        hedge_mod = self.hedge_mod.get(hedge) if hedge else None
        for group, rule in self.rules:
            if m.group(group):
                timex = rule(m)
                if timex is None:
                    return None
                if timex.mod is None and hedge_mod:
                    timex = replace(timex, mod=hedge_mod)
                return timex
        return None

    def _year_ref(self, m: re.Match, p: str) -> dict:
        """The year part of a rule: absolute, relative ("next year"), or the document's ("the year")."""
        if m.group(f"{p}year"):
            return {"year": int(m.group(f"{p}year"))}
        if m.group(f"{p}rel"):
            return self._rel(m.group(f"{p}rel"))
        return {"rel_year": 0, "directed": True}

    def _rel(self, word: str) -> dict:
        """"next" -> one year on; "that", "the same" -> the year of the date stated before."""
        rel = _words(word)
        return {"back": "year"} if rel in BACK_RELATIVE else {"rel_year": self.relative[rel]}

    def _fyp(self, m):
        if not (m.group("fyp_part") or m.group("hedge") or "period" in m.group("fyp").lower()
                or FYP_PREPOSITION.search(m.string, max(0, m.start() - 8), m.start())):
            return None  # "the 14th Five-Year Plan science facilities": a plan's name, no date
        first, last = self.w.five_year_plans[m.group("fyp_n").lower()]
        mod = self.part_mod[m.group("fyp_part").lower()] if m.group("fyp_part") else "ON_OR_BEFORE"
        return Timex("year", year=last, mod=mod)

    def _year_end(self, m):
        year = m.group("ye_year")
        return Timex("year", year=int(year), mod="END") if year else Timex("year", rel_year=0, mod="END")

    def _part_year(self, m):
        if not _part_joined(m, "py_part"):
            return None
        ref = self._year_ref(m, "py_")
        ref.pop("directed", None)
        return Timex("year", mod=self.part_mod[_words(m.group("py_part"))], **ref)

    def _part_month(self, m):
        if not _part_joined(m, "pm_part"):
            return None
        mod = self.part_mod[_words(m.group("pm_part"))]
        if m.group("pm_rel"):
            return Timex("month", rel_month=self.relative[_words(m.group("pm_rel"))], mod=mod)
        month = self.w.months[m.group("pm_month").lower().rstrip(".")]
        year = m.group("pm_year")
        return Timex("month", year=int(year), month=month, mod=mod) if year else \
            Timex("month", month=month, mod=mod, directed=True)

    def _part_quarter(self, m):
        q = self.w.ordinals[m.group("pq_ord").lower()]
        return Timex("quarter", part=q, mod=self.part_mod[_words(m.group("pq_part"))], **self._year_ref(m, "pq_"))

    def _half(self, m):
        return Timex("half", part=self.w.half_ordinals[m.group("half_ord").lower()], **self._year_ref(m, "half_"))

    def _half_code(self, m):
        n = int(m.group("hc_n").upper().strip("H"))
        year = m.group("hc_year")
        return Timex("half", part=n, year=int(year)) if year else Timex("half", part=n, rel_year=0, directed=True)

    def _quarter(self, m):
        return Timex("quarter", part=self.w.ordinals[m.group("q_ord").lower()], **self._year_ref(m, "q_"))

    def _quarter_code(self, m):
        year = m.group("qc_year")
        n = int(m.group("qc_n"))
        return Timex("quarter", part=n, year=int(year)) if year else Timex("quarter", part=n, rel_year=0,
                                                                           directed=True)

    def _iso(self, m):
        return Timex("day", year=int(m.group("iso_y")), month=int(m.group("iso_m")), day=int(m.group("iso_d")))

    def _holiday(self, m):
        """"May Day of 2014", "before National Day": a fixed-date holiday (``holidays``)."""
        name = re.sub(r"\s+", " ", m.group("hol_name").lower()).replace("’", "'")
        month, day = self.w.holidays[name]
        if m.group("hol_year"):
            return Timex("day", year=int(m.group("hol_year")), month=month, day=day)
        return Timex("day", month=month, day=day, directed=True)

    def _lunar(self, m):
        """"the Spring Festival of 2020": a lunar-calendar holiday on its date that year (``lunar_holidays``);
        a year the table does not hold gives the year alone, and without a year none is found."""
        name = re.sub(r"\s+", " ", m.group("lunar_name").lower())
        year = m.group("lunar_year")
        date = self.w.lunar_holidays.get(name, {}).get(year)
        if date is None:
            return Timex("year", year=int(year))
        return Timex("day", year=int(year), month=date[0], day=date[1])

    def _day_of_month(self, m):
        """"(opened) on the 28th": that day of the month of the document date, before or after it by tense."""
        return Timex("day", day=int(m.group("dom_n")), dom=True)

    def _dotted(self, m):
        """"2016.07", "2021.06.30": a fact box's dotted year-month(-day)."""
        year, month = int(m.group("dot_y")), int(m.group("dot_m"))
        if m.group("dot_d"):
            return Timex("day", year=year, month=month, day=int(m.group("dot_d")))
        return Timex("month", year=year, month=month)

    def _day(self, month: str, day: str, year: str | None) -> Timex:
        mon = self.w.months[month.lower().rstrip(".")]
        d = int(re.match(r"\d+", day).group(0))
        if year:
            return Timex("day", year=int(year), month=mon, day=d)
        return Timex("day", month=mon, day=d, directed=True)

    def _mdy(self, m):
        return self._day(m.group("mdy_mon"), m.group("mdy_day"), m.group("mdy_year"))

    def _dmy(self, m):
        return self._day(m.group("dmy_mon"), m.group("dmy_day"), m.group("dmy_year"))

    def _month_year(self, m):
        return Timex("month", year=int(m.group("my_year")), month=self.w.months[m.group("my_mon").lower().rstrip(".")])

    def _month_rel(self, m):
        return Timex("month", month=self.w.months[m.group("mr_mon").lower().rstrip(".")], **self._rel(m.group("mr_rel")))

    def _rel_month(self, m):
        return Timex("month", rel_month=self.relative[_words(m.group("rm_rel"))])

    def _season(self, m):
        name = m.group("season_name").lower()
        if not (m.group("season_rel") or m.group("season_year") or m.group("hedge")
                or SEASON_PREPOSITION.search(m.string, max(0, m.start() - 8), m.start())):
            return None  # "prices fall", "the spring festival" need a date context
        mod = self.w.seasons[name]
        if m.group("season_year"):
            return Timex("season", year=int(m.group("season_year")), season=name, mod=mod)
        if m.group("season_rel"):
            return Timex("season", rel_year=self.relative[_words(m.group("season_rel"))], season=name, mod=mod)
        return Timex("season", rel_year=0, season=name, mod=mod, directed=True)

    def _within_n(self, m):
        raw = m.group("wn_n").lower()
        n = int(raw) if raw.isdigit() else self.w.number_words[raw]
        hedged = m.group(0).lower().startswith(("within", "over"))
        mod = "ON_OR_BEFORE" if hedged else None
        if m.group("wn_unit").lower().startswith("month"):
            return Timex("month", rel_month=n, mod=mod)
        return Timex("year", rel_year=n, mod=mod)

    def _year_after_next(self, m):
        return Timex("year", rel_year=2 if "after" in m.group("yan_dir").lower() else -2)

    def _rel_year(self, m):
        return Timex("year", **self._rel(m.group("ry_rel")))

    def _within_year(self, m):
        return Timex("year", rel_year=0)

    def _ago(self, m):
        """"a month ago", "two years ago", "three days ago": back from the document date, at the unit's
        precision (a week is counted in days)."""
        raw = m.group("ago_n").lower()
        n = 1 if raw in ("a", "an") else int(raw) if raw.isdigit() else self.w.number_words[raw]
        unit = m.group("ago_unit").lower().rstrip("s")
        if unit == "year":
            return Timex("year", rel_year=-n)
        if unit == "month":
            return Timex("month", rel_month=-n)
        return Timex("day", rel_day=-n * (7 if unit == "week" else 1))

    def _same_day(self, m):
        return Timex("day", back="day")

    def _deictic(self, m):
        word = m.group("deictic").lower().split()[0]  # "this morning", "tonight": today; "last night": yesterday
        return Timex("day", rel_day={"yesterday": -1, "last": -1, "today": 0, "this": 0, "tonight": 0, "tomorrow": 1}[word])

    def _weekday(self, m):
        rel = m.group("wd_rel")
        week_rel = {"last": -1, "next": 1, "this": 0, "coming": 1}[rel.lower()] if rel else None
        return Timex("day", weekday=self.w.weekdays[m.group("wd_name").lower()], week_rel=week_rel,
                     directed=week_rel is None)

    def _bare_month(self, m):
        if m.group("bm_prep") is None and not m.group("hedge"):
            return None  # a month name alone ("March") needs "in", "by", "since"
        return Timex("month", month=self.w.months[m.group("bm_mon").lower().rstrip(".")], directed=True)

    def _year(self, m):
        return Timex("year", year=int(m.group("y_year")))


LEADING_FILLER = re.compile(r"(?:(?:in|on|during|for|since|of|at|over|within)\s+)+", re.IGNORECASE)
SPACES = re.compile(r"\s*")
FYP_PREPOSITION = re.compile(r"\b(?:during|in|within|over|throughout)\s+$", re.IGNORECASE)
SEASON_PREPOSITION = re.compile(r"\b(?:in|by|until|before|this|next|last|early|late|mid)\s+(?:the\s+)?$",
                                re.IGNORECASE)
PAST_VERB = re.compile(r"\b(?:[a-z]+ed)\b(?!\s+(?:to|by)\b)")


def _words(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower())


NOUN_PARTS = ("end", "start", "close", "beginning", "middle", "latter part", "last days")


def _part_joined(m: re.Match, group: str) -> bool:
    """"end", "start", "beginning" name a part only with "of" or a hyphen ("the end of 2025",
    "end-2025"); "early", "mid", "late" also with a space ("late 2025")."""
    part = _words(m.group(group))
    if part not in NOUN_PARTS:
        return True
    joint = m.string[m.end(group) : m.end(group) + 4]
    return joint.startswith("-") or bool(re.match(r"\s+of\b", joint))


# ---------------------------------------------------------------------- resolve

def resolve(t: Timex, published: dt.date | None, tense: int, last_year: int | None,
            last_day: str | None) -> str | None:
    """The ISO value of ``t`` at its precision, or None when it needs a document date it lacks.

    >>> pub = dt.date(2024, 11, 10)  # a Sunday
    >>> resolve(Timex("month", month=3, directed=True), pub, 1, None, None)
    '2025-03'
    >>> resolve(Timex("month", month=3, directed=True), pub, -1, None, None)
    '2024-03'
    >>> resolve(Timex("day", weekday=2, directed=True), pub, -1, None, None)
    '2024-11-06'
    >>> resolve(Timex("day", weekday=2, directed=True), pub, 1, None, None)
    '2024-11-13'
    """
    if t.back == "day":
        return last_day
    if t.dom:
        return _day_of_month(t.day, published, tense)
    if t.weekday is not None:
        return _weekday(t, published, tense)
    if t.rel_day is not None:
        return (published + dt.timedelta(days=t.rel_day)).isoformat() if published else None
    if t.rel_month is not None:
        if published is None:
            return None
        months = published.year * 12 + published.month - 1 + t.rel_month
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    year = t.year
    if t.back == "year":
        year = last_year or (published.year if published else None)
        if year is None:
            return None
    if year is None:
        if published is None or (t.rel_year is None and not t.directed):
            return None
        year = published.year + (t.rel_year or 0)
        if t.directed:
            year += _direction(t, published, tense)
    if t.gran in ("year", "season"):
        return f"{year:04d}"  # (four digits, as ISO 8601 and dt.date.isoformat write them)
    if t.gran == "half":
        return f"{year:04d}-H{t.part}"
    if t.gran == "quarter":
        return f"{year:04d}-Q{t.part}"
    if t.gran == "month":
        return f"{year:04d}-{t.month:02d}"
    try:
        return dt.date(year, t.month, t.day).isoformat()
    except ValueError:
        return None


def _direction(t: Timex, published: dt.date, tense: int) -> int:
    """Year offset for an expression without a year ("in March", "Oct 28", "the first quarter",
    "this summer"): future tense takes the next such period on or after the document date, past
    tense the last one on or before it, no tense the one of the document's year."""
    if tense == 0:
        return 0
    if t.gran == "month" or t.gran == "day":
        here = (published.month, published.day if t.gran == "day" else 0)
        there = (t.month, t.day if t.gran == "day" else 0)
    elif t.gran == "quarter":
        here, there = ((published.month - 1) // 3 + 1,), (t.part,)
    elif t.gran == "half":
        here, there = ((published.month - 1) // 6 + 1,), (t.part,)
    elif t.gran == "season":
        here, there = (published.month,), (SEASON_MONTH.get(t.season or "", published.month),)
    else:
        return 0
    if tense > 0 and there < here:
        return 1
    if tense < 0 and there > here:
        return -1
    return 0


SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 12}


# a dateline opening a paragraph: "Xi'an, April 20 (Reporters Zhang and Li)", "BEIJING, Dec. 26 (Xinhua) --"
DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Za-z'’ .-]{1,30},[ \t]*\Z")
DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^)\n]{1,80}\)[ \t]*(?:--|—|–)?|(?:--|—|–))")
AS_PLANNED = re.compile(r"\bas\s+(?:planned|scheduled|expected|projected)\b", re.IGNORECASE)
HEADLINE_INFINITIVE = re.compile(r"\b[A-Za-z][\w'-]*\s+to\s+[a-z]+")  # "Nanhu Bridge to open": a headline's future


def _day_of_month(day: int | None, published: dt.date | None, tense: int) -> str | None:
    """"opened on the 28th" in a paper of June 29: June 28; "will open on the 3rd": the next 3rd on or
    after the document date; a day the month lacks gives no value.

    >>> _day_of_month(28, dt.date(2021, 6, 29), -1), _day_of_month(3, dt.date(2021, 6, 29), 1)
    ('2021-06-28', '2021-07-03')
    """
    if published is None or day is None:
        return None
    month = published.year * 12 + published.month - 1
    if tense > 0 and day < published.day:
        month += 1
    elif tense <= 0 and day > published.day:
        month -= 1
    try:
        return dt.date(month // 12, month % 12 + 1, day).isoformat()
    except ValueError:
        return None


def _weekday(t: Timex, published: dt.date | None, tense: int) -> str | None:
    if published is None or t.weekday is None:
        return None
    diff = t.weekday - published.weekday()
    if t.week_rel == -1:  # "last Friday": the one before the document date
        back = (published.weekday() - t.weekday) % 7 or 7
        return (published - dt.timedelta(days=back)).isoformat()
    if t.week_rel == 1:  # "next Monday": the one after the document date
        return (published + dt.timedelta(days=diff % 7 or 7)).isoformat()
    if t.week_rel is None and tense > 0:  # "will open on Friday": on or after it (a Friday's paper means that day)
        return (published + dt.timedelta(days=diff % 7)).isoformat()
    if t.week_rel == 0:
        return (published + dt.timedelta(days=diff)).isoformat()
    back = (published.weekday() - t.weekday) % 7  # "opened on Sunday": on or before the document date
    return (published - dt.timedelta(days=back)).isoformat()
