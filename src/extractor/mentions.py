"""Project-name mentions in a parsed article.

A project name grows from a head noun (``doc.spans["head"]``: ``patterns/heads.jsonl`` and
``patterns/works_nouns.txt``):

* leftwards over capitalised words, connectors, bracketed parts and a possessor that is itself a
  named institution ("Beijing Anzhen Hospital's Tongzhou Campus", "Xinhua Hospital's branch");
  a lower-case name ("the landscaping improvement project") needs a determiner or a possessor;
* rightwards over a designator ("Line 17", "Terminal 3", "Phase II") and an "of/for <Name>"
  complement ("the north section of Line 17", "the renovation of Xiaoying Road");
* then the rejection rules (:data:`PROPER_REJECTIONS`, :data:`DESCRIPTIVE_REJECTIONS`) may refuse
  it. A works noun ("renovation", "extension") makes a name only with its "of <Name>" complement.

Each name carries the *reading* of its head (``project``, ``either``: a project or the place where
something sits, ``org``: an institution) and whether it stands where a place stands (after "in",
"at", "near", "from ... to", before "to the north"); :mod:`extractor.places` decides with these
which names are places.

Cue lists used here (``patterns/cues.json``): ``org_words``, ``name_stop_words``,
``descriptive_stop_modifiers``, ``existing_modifiers``, ``conversion_verbs``, ``superlatives``, ``locative_words``,
``event_names`` and ``street_words`` (what a name without a head noun cannot be), ``junction_words``
("the intersection of A and B": landmarks), ``programme_names`` (national programmes named like projects:
"East Data West Computing" is never one); word lists: ``function_words.txt``,
``demonyms.txt``, ``heads.jsonl``, ``works_nouns.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from extractor.context import ArticleContext
from extractor.layout import heading_lists
from extractor.gate import APPOSITION_KINDS
from extractor.resources import HeadEntry, Resources
from extractor.scan import literal_first
from extractor.temporal import calendar_names

ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$")
PHASE_NO = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X|\d{1,2}|One|Two|Three|Four|Five)$")  # "Phase II", "Phase One"
CODE = re.compile(r"^(?:\d{1,3}[A-Za-z]?|[A-Z]{1,2}\d{1,3}[A-Za-z]?|I{1,3}|IV|V|VI{0,3}|IX|X)$")  # 17, S1, 3A, II
SIDE_SUFFIXES = frozenset({"East", "West", "North", "South"})  # after a proper head: "Suzhou Museum West"
# a designator's code inside running text ("Lines 5 and 9", "Terminal 2", "Phase II"): read by discourse, references
DESIGNATOR_CODE = re.compile(r"[A-Z]?\d{1,3}[A-Z]?|[IVX]{1,4}")
SHORT_CODE = re.compile(r"^(?:\d{1,3}(?:-\d{1,3})?[A-Za-z]?|[A-Z]{1,2}\d{1,3}[A-Za-z]?)$")  # 17, 23-02, A3
CONNECTORS = {"and", "&", "-", "–"}
POSSESSIVE = ("'s", "’s")
LINK_VERBS = ("links", "link", "linking", "connects", "connect", "connecting", "joins", "joining")
PROPER_COMPOUND = re.compile(r"[A-Z][a-z'’]+-[A-Z]")  # "Hohhot-Zhangjiakou", "Xiong'an-Xinzhou"
EVENT_YEAR = re.compile(r"(?:19|20)\d\d")  # "Beijing 2022", "Hangzhou 2023": a games named by its year
PHASE_RE = re.compile(literal_first("Phase") + r"(?=\s+(?:[IVX]+|One|Two|Three|Four|Five)\b)")
MONEY_INTO = re.compile(r"(?:billion|million|yuan|dollars|\d)\s+into\b", re.IGNORECASE)
PLACE_SUFFIXES = frozenset({"district", "county", "town", "township", "province", "city", "village", "area"})
AREA_OF = frozenset({"area", "heart", "center", "centre", "core", "part", "edge", "side", "outskirts", "corner", "end"})
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
QUOTED_TITLE = re.compile(r"[\"“]([A-Z][^\"“”\n.;:!?]{3,90}?)[\"”]")
PROJECT_WORD_BEFORE = re.compile(r"\b(?:project|platform|programme|program)\s*$")
# "the National Centre for the Performing Arts, which runs the center": an operator, not a project
# "China Railway consortium", "China Railway Sixth Bureau": a company whose name ends in a head word
COMPANY_AFTER = re.compile(r"\s+(?:consortium|bureau|group\s+co|co\.,?\s+ltd|corporation|corp\.?|company|holdings)\b"
                           r"|\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
                           r"\s+(?:engineering\s+)?bureau\b", re.IGNORECASE)
ABOUT_NOUNS = frozenset({"report", "reports", "study", "studies", "assessment", "plan", "plans", "decision", "news",
                         "update", "updates", "information", "comments", "research", "survey", "briefing",
                         "statement", "article", "documentary", "talks", "meeting", "seminar", "forum",
                         "symposium", "conference", "hearing", "consultation", "notice", "approval"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another"})  # "Another Yangtze bridge opens": a description
LINE_WORDS = frozenset({"railway", "line", "expressway", "highway", "metro", "subway"})
COMPANY_WORDS = frozenset({"corporation", "corp", "limited", "ltd", "co", "company", "group", "bank", "inc", "plc"})
AUTHORITY_WORDS = frozenset({"commission", "bureau", "committee", "administration", "ministry", "department",
                             "government", "authority", "agency", "council"})  # "the Daxing branch of the X Commission"
SPEAKER_AFTER = re.compile(r"(?:\s+(?:Group|Corp\.?|Co\.?))?\s+(?:said|says|announced|announces|stated|reported|disclosed)\b")
SPEAKER_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?\Z", re.IGNORECASE)
PHOTO_CREDIT = re.compile(r"\b(?:courtesy\s+of|(?:photo|image|picture)s?\s+(?:provided\s+)?by|provided\s+by|credit:?)\s+(?:the\s+)?\Z",
                           re.IGNORECASE)
AUTHORITY_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,5}?(?:" + "|".join(sorted(AUTHORITY_WORDS)) + r")\b",
                          re.IGNORECASE)
LENGTH_MODIFIER = re.compile(r"\d[\d.,]*-(?:km|kilometer|kilometre|meter|metre|m|mile|lane)", re.IGNORECASE)
PROJECT_EXAMPLES_BEFORE = re.compile(r"\bprojects,?\s+(?:such\s+as|including|like|for\s+example,?|for\s+instance,?|e\.g\.,?|namely)"
                                     r"\s+(?:the\s+)?\Z", re.IGNORECASE)
FACILITY_CENTRES = frozenset({"data", "computing", "supercomputing", "logistics", "distribution"})  # "head of X Data
# Center" runs a facility: the centre is still the works, not an organisation
GENERIC_OWNERS_AFTER = re.compile(r"\s+(?:and|or)\s+(?:[a-z-]+\s+){0,2}(?:companies|firms|enterprises|businesses|institutions)\b")
WORK_AT = frozenset({"construction", "work", "works", "building"})  # "... will go on at X": X is what is built
BEGIN_VERBS = frozenset({"began", "begin", "begins", "begun", "started", "start", "starts", "commenced", "commence", "commences"})
PROCESS_WORDS = frozenset({"construction", "building", "development", "completion", "opening", "launch", "start",
                           "groundbreaking", "operation", "investment", "planning", "design"})  # "Construction of X Park"
OPERATOR_AFTER = re.compile(r",?\s+(?:which|that|who)\s+(?:runs|operates|manages|owns|will\s+run|will\s+operate)\b"
                            r"(?!\s+(?:from|to|between|through|along|across|for|north|south|east|west|\d))")  # (a route: "runs from A to B")
# 'The theater, nicknamed the "Cultural Granary,"': the quoted nickname names the project described
_HEADLESS = r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){1,4})"
# "Tianhe Xingyi, a new-generation supercomputing system, was unveiled", "KK100, a 100-storey skyscraper,":
# a name opening its sentence, described by an apposition whose noun is a kind of project (the
# apposition is found first; the name is what stands between the sentence's start and its comma)
APPOSITION_NAME = r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,5}}?(?:{kinds})\b[^,.;]{{0,40}},"
OPENING_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}")
WORK_ON_NAME = re.compile(r"\b(?:[Ww]ork|[Cc]onstruction)\s+(?:on|of)\s+(?:the\s+)?" + _HEADLESS
                          + r"(?=\s*[,.;]|\s+(?:is|was|will|has|began|started|resumed|in|to)\b)")
OPENING_AFTER_NAME = re.compile(r"(?<=\s)(?:is|was|will|would|are|set|expected|scheduled|due)\s+(?:\w+\s+){0,3}?"
                                r"(?:open|opened|completed|complete|finished|wrap\s+up)\b"
                                r"(?=\s*(?:[,.;]|$|(?:in|on|by|at|before|this|next|later|early|late|to|after|around|"
                                r"soon|fully)\b))")  # intransitive: not "China Mobile will open its centres"
CLAUSE_OPENING = re.compile(r"(?:^|[\n,:;]|\b(?:said|says|that|and|while|but)|\$[\d.,]+(?:\s*(?:[Bb]illion|[Mm]illion|[Tt]rillion|bn))?|['’]s)\s*\Z")
NAME_BEFORE = re.compile(r"(?:^|(?<=[\s,$]))" + _HEADLESS + r"(?:\s+(?:construction|project))?\s+\Z")
# an architecture profile's headline, "<Project> / <Architects>", over its labelled lines ("Architects: ...",
# "Area: 1280 m2"); the gate knows "architects"
PROFILE_TITLE = re.compile(r"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|of|&))*)\s+/\s+[A-Z][^\n]*\n+Architects?:\s")
GROUP_EXAMPLES = re.compile(r"\bprojects,?\s+(?:such\s+as|including|like)\s+")
PLURAL_PROJECTS = re.compile(r"\bthe\s+((?:[A-Z][\w'’-]*\s+)+and\s+(?:[A-Z][\w'’-]*\s+)+)(?:[a-z-]+\s+){0,3}projects\b")
CAPITALISED_RUN = re.compile(r"(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
CREDIT_BEFORE = re.compile(r"\b(?:known|famous|renowned|best\s+known|celebrated)\s+for\s+(?:designing\s+|building\s+)?(?:the\s+)?$"
                           r"|\b(?:who|which)\s+(?:also\s+)?(?:designed|built)\s+(?:the\s+)?$|\bdesigner\s+of\s+(?:the\s+)?$",
                           re.IGNORECASE)
# 'the city nicknamed the "World Factory"', 'a development pattern called "One Zone with Multiple Parks"':
# the nickname of a place, or the name of a pattern or policy, is no works
PLACE_NICKNAMED = re.compile(r"\b(?:city|town|country|province|district|county|capital|region|village|metropolis|pattern|"
                             r"model|strategy|plan|initiative|programme|program|campaign|policy|approach|layout|concept|"
                             r"mode|framework|slogan|vision|philosophy)"
                             r"\s*,?\s+(?:(?:which|that)\s+is\s+)?(?:nicknamed|dubbed|known\s+as|called)\s+(?:the\s+)?\W*$")
NICKNAME_BEFORE = re.compile(r"\b(?:nicknamed|dubbed|known\s+as|(?<!so-)called|named)\s+(?:the\s+)?$", re.IGNORECASE)
MAX_NAME_TOKENS = 24  # a bound on name growth, so that a 200 KB run of capitals stays linear
WORKS_ENTRY = HeadEntry(word="works", reading="project")


@dataclass
class NameMention:
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    form: str  # "proper", "definite", "indefinite", "possessive", "acronym"
    head: str
    sent: int
    complement: tuple[int, int] | None = None  # char span of the "of <Name>" part
    located_in: bool = False
    reading: str = "project"  # "project", "either", "org"
    locative: str | None = None  # "place", "strong" or "road": stands where a place stands
    headless: bool = False  # a name with no head noun ("Universal Beijing will open in May")


@dataclass
class GroupMention:
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    count: int
    modifiers: frozenset[str]
    definite: bool
    sent: int
    scope: str | None = None
    scope_words: frozenset[str] = field(default_factory=frozenset)


@dataclass
class BackRef:
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    target: str  # "project", "group", "pronoun", "collective", "place", "described", "count"
    head: str | None
    sent: int


def is_name_word(tok: Token, function_words: frozenset[str] | None = None) -> bool:
    """A capitalised word that can be part of a proper name: not a capitalised function word ("The",
    "In"; spaCy's stop words when no list is given). "Top" in "Top Scientists Community" is one."""
    t = tok.text
    if not t or not (t[0].isupper() or CAMEL.match(t)):
        return False  # (but "iCloud", "eBay": a brand's inner capital)
    closed = tok.is_stop if function_words is None else tok.lower_ in function_words
    if closed and not (tok.is_upper and len(t) > 1):
        return False
    if SHAPE_WORD.fullmatch(t):
        return False  # "the new L-shaped line", "a U-shaped building": a shape, not a name
    return any(c.isalpha() for c in t)


# "1. Water division in central Yunnan" alone on its line, a paragraph below it
NUMBERED_HEADING = re.compile(r"(?m)^[ \t]*(?:\d{1,2}|[IVX]{1,4})[.)、][ \t]+([A-Z][^\n.:;!?]{2,80}?)[ \t]*\n[ \t]*\n")
SHAPE_WORD = re.compile(r"[A-Z]-(?:shaped|shape|type)")
CAMEL = re.compile(r"[a-z][A-Z][a-z]")  # "iCloud", "eBay", "iFlytek"
LOWER_COMPOUND = re.compile(r"[a-z]+(?:-[a-z]+)+")  # "high-speed", "multi-modal": one modifier
MODEL_CODE = re.compile(r"[A-Z]{1,4}\d{2,5}[A-Z]?")  # "C919", "A380", "ARJ21"
# words that end a complement: verbs, auxiliaries, clause openers
VERBISH = frozenset({"is", "are", "was", "were", "be", "been", "being", "will", "would", "has", "have", "had", "began",
                     "begun", "begin", "begins", "start", "starts", "open", "opens", "can", "could", "should", "may",
                     "might", "must", "which", "that", "who", "where", "when", "while", "as", "than", "said", "says",
                     "went", "came", "took", "got", "made", "saw", "runs", "run", "covers", "cost", "costs", "include",
                     "includes", "became", "becomes", "remains", "stands", "sits", "lies"})
POSSESSOR_NOUNS = frozenset({"country", "nation", "city", "province", "district", "region", "area", "county",
                             "town", "company", "group", "university", "capital"})
DOCUMENT_WORDS = frozenset({"Plan", "Programme", "Program", "Regulations", "Measures", "Opinions", "Guidelines",
                            "Outline", "Notice", "Scheme", "Strategy"})
COMPLEMENT_WORDS = frozenset({"affiliated"})  # "X Hospital affiliated to Y University"


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A candidate name while the rejection rules look at it: tokens ``start .. end - 1``, head
    ``h``, in the sentence starting at token ``ss``; ``complement`` is the "of <Name>" char span;
    ``designated``: a number or code follows the head ("Line 17"); ``plural``: a plural head."""

    start: int
    h: int
    end: int
    ss: int
    complement: tuple[int, int] | None
    designated: bool = False
    plural: bool = False


def _headless_spans(text: str, plural_lists: list[list[tuple[int, int]]],
                    examples: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a name without a head noun stands as a project's: after "work on", before an opening
    ("X will open in 2026"), the examples of a counted group ("80 new projects such as A and B"),
    the coordinated names before a plural "projects" (``plural_lists``: "the A and B projects")."""
    spans = [(m.start(1), m.end(1)) for m in WORK_ON_NAME.finditer(text)]
    for m in OPENING_AFTER_NAME.finditer(text):
        before = NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if before is not None and CLAUSE_OPENING.search(text, max(0, before.start(1) - 25), before.start(1)):
            spans.append((before.start(1), before.end(1)))  # (the subject, not "... of the X Games are due")
    spans.extend(examples)  # (``_project_examples``)
    for runs in plural_lists:
        spans.extend(runs)
    return spans


def normalise_programme(text: str) -> str:
    """A name as ``programme_names`` lists it: lower case, no quotes, one space.

    >>> normalise_programme('"East Data West Computing" ')
    'east data west computing'
    """
    return " ".join(re.sub(r"[\"“”'‘’]", "", text).lower().split())


def _project_examples(text: str) -> list[tuple[int, int]]:
    """The names listed as examples of projects ("80 new projects such as A and B", "projects such as
    the Dongxiao South Road"): each is a project, a road among them too."""
    return [span for m in GROUP_EXAMPLES.finditer(text) for span in _capitalised_list(text, m.end())]


def _capitalised_list(text: str, pos: int, stop: int | None = None) -> list[tuple[int, int]]:
    """The capitalised runs of a list starting at ``pos``: "A B, C D and E F" (up to eight)."""
    out = []
    for _ in range(8):
        m = CAPITALISED_RUN.match(text, pos, stop if stop is not None else len(text))
        if m is None:
            break
        out.append((m.start(1), m.end(1)))
        sep = LIST_SEPARATOR.match(text, m.end())
        if sep is None:
            break
        pos = sep.end()
    return out


class MentionFinder:
    """Finds project-name mentions; holds only compiled resources."""

    def __init__(self, res: Resources):
        self.res = res
        c = res.cues
        self.heads = res.heads
        self.works = (res.works_nouns | {w + "s" for w in res.works_nouns}) - set(res.heads)  # "extensions of X"
        self.part_heads = frozenset(c.route_parts) | res.works_nouns  # "the latest section of X" (not "phase": an
        # unnamed phase's values are its project's)
        self.demonyms = res.demonyms
        self.function_words = res.function_words
        self.org_words = set(c.org_words)
        self.stop_names = set(c.name_stop_words)
        self.stop_modifiers = set(c.descriptive_stop_modifiers)
        self.existing = set(c.existing_modifiers)
        self.conversion = set(c.conversion_verbs)
        self.event_names = frozenset(c.event_names)
        self.streets = frozenset(c.street_words)
        self.junctions = frozenset(c.junction_words)
        self.sights = frozenset(c.sight_nouns)
        self.institutions = frozenset(c.institution_nouns)
        kinds = sorted({w for w, h in res.heads.items() if h.reading in ("project", "either") and w.isalpha()}
                       | set(APPOSITION_KINDS), key=len, reverse=True)
        self.apposition_re = re.compile(APPOSITION_NAME.format(kinds="|".join(kinds)))
        self.attributive = frozenset(c.attributive_plurals)  # "the Kawin sports center": a plural noun as modifier
        self.superlatives = set(c.superlatives)
        self.programmes = frozenset(normalise_programme(p) for p in c.programme_names)
        self.count_words = frozenset(w for w, n in res.temporal.number_words.items() if n >= 2)
        self.calendar = calendar_names(res.temporal)
        self.work_on = set(c.work_on_words)
        self.role_nouns = set(c.role_nouns)
        self.route_parts = frozenset(c.route_parts)
        self.to_heads = frozenset(c.to_complement_heads)
        self.partial_works = frozenset(c.partial_works)
        self.name_adjectives = frozenset(c.name_adjectives)
        self.locatives = set(c.locative_words)
        self.strong_locatives = set(c.strong_locatives)
        self.person_titles = set(c.person_titles)
        self.person_verbs = set(c.person_verbs)
        self.admin_words = set(c.admin_place_words)
        self.institution_words = set(res.heads) | self.org_words
        self.gazetteer = res.gazetteer

    # ------------------------------------------------------------------ project names
    def names(self, ctx: ArticleContext, blocked: set[int]) -> list[NameMention]:
        """Project-name mentions, longest first wins; tokens in ``blocked`` (values) are never part of a name."""
        T = ctx.tok
        heads = sorted({s.start for s in ctx.doc.spans["head"]})
        phase_heads = [i + 1 for i in ctx.tokens_matching(PHASE_RE) if i + 1 < len(ctx)
                       and PHASE_NO.match(T[i + 1].text)]
        found: list[NameMention] = []
        for h in sorted(set(heads) | set(phase_heads)):
            m = self._name_at(ctx, h, blocked)
            if m is not None:
                found.append(m)
        found.extend(self._quoted_names(ctx, found, blocked))
        plural_lists = [_capitalised_list(ctx.text, m.start(1), m.end(1)) for m in PLURAL_PROJECTS.finditer(ctx.text)]
        for runs in plural_lists:  # "the A and B projects" are two: no name spans both
            if len(runs) >= 2:
                found = [n for n in found if not (n.start <= runs[0][1] and n.end >= runs[-1][0])]
        found.extend(self._headless_names(ctx, found, blocked, plural_lists))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[NameMention] = []
        for m in found:
            if kept and m.start < kept[-1].end:
                if m.end - m.start > kept[-1].end - kept[-1].start:
                    kept[-1] = m
                continue
            kept.append(m)
        return [m for m in kept if normalise_programme(m.text) not in self.programmes]

    def _quoted_names(self, ctx: ArticleContext, found: list[NameMention], blocked: set[int]) -> list[NameMention]:
        """A quoted title after a project noun is the project's name: 'the National Major
        Technological Infrastructure Project "High-Efficiency Low-Carbon Gas Turbine Testing
        Apparatus"' (the category and the title make one name), 'the "Smart Brain" project'."""
        out = []
        for m in QUOTED_TITLE.finditer(ctx.text):
            toks = ctx.token_range(m.start(), m.end())
            if not toks or any(i in blocked for i in toks) or len(m.group(1).split()) < 2:
                continue
            before = ctx.text[max(0, m.start() - 30) : m.start()].lower()
            after = ctx.text[m.end() : m.end() + 12].lower()
            category = next((n for n in found if n.head == "project" and 0 <= m.start() - n.end <= 1), None)
            nickname = bool(NICKNAME_BEFORE.search(before))
            if nickname and PLACE_NICKNAMED.search(before):
                continue  # 'the city nicknamed the "World Factory"': a place's nickname (see _place_nickname)
            if category is None and not nickname and not PROJECT_WORD_BEFORE.search(before) \
                    and not (after.lstrip().startswith("project") and not after.lstrip().startswith("projects")):
                continue  # ('"Three Categories of Top 500 Enterprises" projects' qualifies a group)
            start = category.start if category else m.start(1)
            end = m.end() if category else m.start(1) + len(m.group(1).rstrip(",. "))
            first, last = ctx.token_at(start), ctx.token_at(end - 1)
            out.append(NameMention(first, last + 1, start, end, ctx.text[start:end], "proper", "project",
                                   ctx.sent_of[first], None, False, "project", False))
        return out

    def _headless_names(self, ctx: ArticleContext, found: list[NameMention], blocked: set[int],
                        plural_lists: list[list[tuple[int, int]]]) -> list[NameMention]:
        """A capitalised name with no head noun is a project's where the text says so: the object of
        "work on" / "construction of" ("Work on Universal Studios Beijing is expected to ..."), or the
        subject of an opening ("Shanghai Disneyland will open in the spring of 2016")."""
        examples = _project_examples(ctx.text)
        spans = _headless_spans(ctx.text, plural_lists, examples)
        described = set(self._described_openings(ctx.text))
        titled = PROFILE_TITLE.match(ctx.text)  # "Piazza and Art Space / Atelier TeamMinus": a profile's headline
        exempt = {titled.span(1)} if titled else set()  # (its words may be "and", "of")
        exempt |= self._numbered_headings(ctx.text)  # "1. Water division in central Yunnan" / its paragraph
        exempt |= {item for hl in heading_lists(ctx.text) for item in hl.items}  # lines under "Projects ... 2022"
        spans += list(described | exempt)  # "Tianhe Xingyi, a new-generation supercomputing system, was unveiled"
        examples = set(examples)
        out = []
        for start, end in sorted(set(spans)):
            toks = ctx.token_range(start, end)
            while len(toks) > 2 and (toks[0] in blocked or ctx.tok[toks[0]].lower_ in self.function_words
                                     or ctx.tok[toks[0]].text in ("'s", "’s")):
                toks = toks[1:]  # "Disney's $5.5 Billion | Shanghai Disneyland set to open"
            start = ctx.tok[toks[0]].idx if toks else start
            words = ctx.text[start:end].split()
            if (len(toks) < 2 and (start, end) not in described | exempt) or any(i in blocked for i in toks) or any(n.start < end and start < n.end for n in found + out) \
                    or any(w.lower().rstrip(".,") in self.org_words or (w.lower() in self.function_words and (start, end) not in exempt)
                           for w in words) \
                    or words[-1].lower() in self.event_names or (words[-1].lower() in self.streets and (start, end) not in examples) \
                    or self.gazetteer.lookup(ctx.text[start:end]) \
                    or (any(p.start_char <= start and end <= p.end_char for p in ctx.doc.spans["loc"])
                        and not ((start, end) in examples and words[-1].lower() in self.streets)):
                continue  # (not "work on the Haidian District", not "Beijing Investment Group will open")
            out.append(NameMention(toks[0], toks[-1] + 1, start, end, ctx.text[start:end], "proper",
                                   words[-1].lower(), ctx.sent_of[toks[0]], headless=True))
        return out

    def _numbered_headings(self, text: str) -> set[tuple[int, int]]:
        """The names of a numbered list of projects, each a heading line of its own ("1. Water division
        in central Yunnan", "2. Chongqing-Kunming High Speed Rail") with its paragraph below: two such
        lines at least; a heading with no capital past its first word ("I. Infrastructure construction") or
        made of section words only ("2. Investment Estimate") is a topic, not a name."""
        found = [m.span(1) for m in NUMBERED_HEADING.finditer(text)]
        labels = self.res.cues.section_labels
        keep = {(s, e) for s, e in found if any(w[:1].isupper() for w in text[s:e].split()[1:])  # a name in it
                and not all(w.lower().strip("()&,") in labels or w.lower() in self.function_words
                           for w in text[s:e].split() if any(c.isalpha() for c in w))}
        return keep if len(found) >= 2 else set()

    def _described_openings(self, text: str):
        """Spans of names opening a sentence before an apposition of a project kind (one word only
        when it is a code: "KK100")."""
        for m in self.apposition_re.finditer(text):
            dot = text.rfind(". ", 0, m.start())
            start = max(text.rfind("\n", 0, m.start()) + 1, dot + 2 if dot >= 0 else 0)
            name = OPENING_NAME.fullmatch(text, start, m.start())
            if name and (" " in name.group(0) or any(c.isdigit() for c in name.group(0))):
                yield start, m.start()

    def _name_at(self, ctx: ArticleContext, h: int, blocked: set[int]) -> NameMention | None:
        T = ctx.tok
        ss, se = ctx.bounds[h]
        word = T[h].lower_
        entry = self.heads.get(word) or (WORKS_ENTRY if word in self.works else None)
        if entry is not None and entry.plural and h + 1 < se and CODE.match(T[h + 1].text) and T[h].text[0].isupper():
            return None  # "Metro Lines 5 and 9": a list of designated names (see discourse.DESIGNATOR_LIST)
        if word in ("centre", "center", "heart", "core") and T[h].is_lower and h - 2 >= ss and T[h - 1].lower_ == "the" \
                and T[h - 2].lower_ in ("at", "in", "into", "to") and h + 1 < se and T[h + 1].lower_ == "of":
            return None  # "Tianjin sits at the centre of the Bohai-rim Economic Circle": the middle of a place
        if entry is None or h in blocked or (entry.proper_only and T[h].is_lower and not _route_pair_before(T, h, ss)) \
                or self._inside_longer_run(ctx, h, se, entry) or self._modifies_noun(ctx, h, se):
            return None
        start, form = self._extend_left(ctx, h, ss, blocked)
        if form == "proper" and word in self.route_parts:
            start = self._route_start(ctx, start, ss, blocked)  # "the Xili Lake to Shenzhen University section"
        end, complement, designated = self._extend_after_head(ctx, h, se, blocked, entry)
        if form is None and complement is not None and T[h].is_lower:
            form = "definite"  # a headline's "central park of Beijing Daxing ... Zone" drops its article
        if form is None and designated and entry.designator and T[h].is_lower and start < h \
                and T[start].lower_ in ("metro", "subway", "tram", "rail"):
            form = "proper"  # "such as metro line 18": a lower-case line with its number is still its name
        if form is None:
            return None
        if entry is WORKS_ENTRY and not self._works_complement(ctx, h, end, complement):
            return None
        inner = ctx.token_range(*complement) if complement is not None else None
        whole = None  # the complement's own head, when the name is a part of what its complement names
        if inner is not None and ((h == start + 1 and T[start].lower_ == "main" and T[h].lower_ == "line")
                                  or (h == start and T[h].lower_ == "tunnel")
                                  or (h == start and form == "indefinite" and T[h].lower_ in self.route_parts)):
            whole = next((i for i in reversed(inner) if T[i].lower_ in LINE_WORDS | {"subway", "metro"}), None)
            if whole is None:  # "the main line of the Baotou-Yinchuan railway", "the tunnel of Subway Line 17",
                return None  # "a section of the X expressway" (not a named part): the route itself
        elif inner is not None and T[h].lower_ in ("project", "works") and start < h \
                and " ".join(T[i].lower_ for i in range(start, h)) in self.partial_works:
            whole = next((i for i in reversed(inner) if self.heads.get(T[i].lower_) is not None
                          and self.heads[T[i].lower_].reading in ("project", "either")), None)
            # "the main body project of the X Park": a part of the park, whose values are the park's
        if whole is not None:
            h, start, complement = whole, inner.start + (T[inner.start].lower_ == "the"), None
            form = "proper" if T[start].text[:1].isupper() else form
            word = T[h].lower_
            entry = self.heads[word]
        span = NameSpan(start, h, end, ss, complement, designated, entry.plural)
        rules = PROPER_REJECTIONS if form == "proper" else DESCRIPTIVE_REJECTIONS
        if any(rule(self, ctx, span, form) for rule in rules):
            return None
        s_char, e_char = T.char_span(start, end)
        located_in = start - 2 >= ss and T[start - 1].lower_ in ("in", "the") and (
            T[start - 2].lower_ == "located" or (start - 3 >= ss and T[start - 2].lower_ == "in"
                                                    and T[start - 3].lower_ == "located"))
        reading = self._reading(ctx, span, form, entry)
        return NameMention(start, end, s_char, e_char, ctx.text[s_char:e_char], form, word, ctx.sent_of[h],
                           complement, located_in, reading, self._locative(ctx, start, end, ss, se, word))

    def _reading(self, ctx: ArticleContext, span: NameSpan, form: str, entry: HeadEntry) -> str:
        """What a name names: its head's reading ("project", "either", "place"), or "org" where the
        text shows an organisation (a person's title before it, an operator or company after it, a
        branch of a company or authority, a speaker, a university's school, a photo credit)."""
        T = ctx.tok
        start, h, end, ss, complement = span.start, span.h, span.end, span.ss, span.complement
        word = T[h].lower_
        s_char, e_char = T.char_span(start, end)
        facility = _facility_centre(T, start, h)
        reading = "org" if (self._person_title_before(ctx, start, ss) and not facility) or OPERATOR_AFTER.match(ctx.text, e_char) \
            or self._after_sights(ctx, self._before_list(ctx, start, ss), ss, self.institutions) \
            or (T[h].text[:1].isupper() and COMPANY_AFTER.match(ctx.text, e_char)) else entry.reading
        if word in ("branch", "branches", "subsidiary", "office") and complement is not None \
                and (T[end - 1].lower_.rstrip(".") in COMPANY_WORDS
                     or any(T[i].lower_ in AUTHORITY_WORDS for i in ctx.token_range(*complement))):
            reading = "org"  # "the northeast branch of the State Power Investment Corporation Limited": a company's
        if form == "proper" and (SPEAKER_AFTER.match(ctx.text, e_char) or SPEAKER_BEFORE.search(ctx.text, max(0, s_char - 20), s_char)):
            reading = "org"  # "according to China Railway", "China Railway Group announced": who speaks is an organisation
        if word in ("school", "college", "faculty", "department") and start == h and complement is not None \
                and T[end - 1].lower_ not in self.heads \
                and not self.gazetteer.lookup(ctx.text[complement[0] : complement[1]].removeprefix("the ")):
            reading = "org"  # "the School of History", "the College of Life Sciences": a university's unit
        if PHOTO_CREDIT.search(ctx.text, max(0, s_char - 40), s_char):
            reading = "org"  # "Photo: Courtesy of Capital Library of China": who gave the photo
        if word in ("branch", "branches", "office") and complement is None and AUTHORITY_OF.match(ctx.text, e_char):
            reading = "org"  # "the Daxing branch of the municipal planning commission"
        if reading == "org":
            first = T[self._list_start(ctx, start, ss)].idx
            if PROJECT_EXAMPLES_BEFORE.search(ctx.text, max(0, first - 60), first):
                reading = "project"  # "17 projects, for example the X Research Institute of Y University": an example
        last = self.heads.get(T[end - 1].lower_)
        if reading == "org" and complement is not None and last is not None and last.reading in ("either", "project"):
            reading = last.reading  # "China Academy of Art Campus Station" is a station, not the academy
        return reading

    def _modifies_noun(self, ctx: ArticleContext, h: int, se: int) -> bool:
        """"project teams", "park workers": a lower-case head before a role noun (``role_nouns``) modifies it."""
        T = ctx.tok
        nxt = h + 1
        return T[h].is_lower and nxt < se and T[nxt].lower_ in self.role_nouns

    def _inside_longer_run(self, ctx: ArticleContext, h: int, se: int, entry: HeadEntry) -> bool:
        """The head must end a capitalised run: "Data Center Optimization Plan" is not a centre, and
        "Project Xinhe" is no name ending in "project" (but "Line S1" ends in its designator)."""
        T = ctx.tok
        head, nxt = T[h], h + 1
        if nxt >= se or (entry.designator and (CODE.match(T[nxt].text) or T[nxt].text in ("No", "No."))) \
                or ctx.sent_of[h] in ctx.title_case:
            return False  # ("Line 17", "Subway No 11")
        if T[nxt].text in SIDE_SUFFIXES and (nxt + 1 >= se or not T[nxt + 1].text[:1].isupper()):
            return False  # "Suzhou Museum West": the side ends the name
        if self._name_word(T[nxt]) and T[nxt].text != "Phase" and not PHASE_NO.match(T[nxt].text) \
                and head.text[0].isupper():
            return True
        if T[nxt].text == "&" and nxt + 1 < se and T[nxt + 1].text[:1].isupper() and head.text[0].isupper():
            return True  # "Universal Parks & Resorts", "Johnson & Johnson": a longer (company) name
        return head.lower_ == "project" and T[nxt].text[:1].isupper() and self._name_word(T[nxt])

    def _extend_after_head(self, ctx: ArticleContext, h: int, se: int, blocked: set[int],
                           entry: HeadEntry) -> tuple[int, tuple[int, int] | None, bool]:
        """End (exclusive) of the name after its head (a designator "Line 17", "Phase II", "(G, H and
        I blocks) of ...", an "of/for <Name>" complement), the complement's char span, and whether a
        designator was taken."""
        T = ctx.tok
        end = h + 1
        designated = False
        if entry.designator and end + 1 < se and T[end].text in ("No", "No.", "no.") and end + 1 not in blocked:
            k = end + 2 if T[end + 1].text == "." and end + 2 < se else end + 1  # "Subway No 11", "Line No. 5"
            if CODE.match(T[k].text) and k not in blocked:
                end, designated = k + 1, True
        if entry.designator and not designated and end < se and end not in blocked and CODE.match(T[end].text):
            end, designated = end + 1, True
        if end + 1 < se and T[end].lower_ == "phase" and PHASE_NO.match(T[end + 1].text):
            end += 2
        if end < se and end not in blocked and T[h].text[:1].isupper() and T[end].text in SIDE_SUFFIXES \
                and (end + 1 >= se or not T[end + 1].text[:1].isupper()):
            end += 1  # "Suzhou Museum West", "Capital Museum East": a site named by its side
        if end < se and T[end].text == "(":
            close = next((k for k in range(end + 1, min(end + 9, se)) if T[k].text == ")"), None)
            if close is not None and close + 1 < se and T[close + 1].lower_ in ("of", "for"):
                end = close + 1
            elif close == end + 2 and T[h].text[0].isupper() and self.gazetteer.lookup(T[end + 1].text):
                end = close + 1  # "China Mobile Intelligent Computing Center (Harbin)": the site is part of the name
            elif close is not None and T[close - 1].lower_ in ("section", "phase", "segment") or (
                    close is not None and close - 2 > end and T[close - 2].lower_ == "phase"):
                end = close + 1  # "Hefei-Wuhan High-Speed Railway (Anhui Section)", "(Phase I)"
        route = end + 1  # the ends of a route part are places of its own (as a complement's are)
        if T[h].lower_ in self.route_parts:
            spanned = self._route_span(ctx, end, se, blocked, "from", "to", ("of",))
            if spanned is None and T[h].is_lower and h - 1 >= 0 and T[h - 1].lower_ == "the":
                spanned = self._route_span(ctx, end, se, blocked, "from", "to", None)  # "the section from A to B"
                if spanned is not None and (spanned >= se or T[spanned].text in (",", ".", ";", "and", ")")):
                    return spanned, T.char_span(end, spanned), designated  # its ends are its places
                spanned = None  # (unless more follows: "the section from A to B of the X Railway")
            end = spanned or end
        complement = None
        if end < se and (T[end].lower_ in ("of", "for") or (T[end].lower_ == "on" and T[h].text == "Project")
                         or (T[end].lower_ == "on" and T[h].lower_ in ("project", "works") and h >= 1
                             and T[h - 1].lower_ in self.works)  # "a renovation project on Jianguo Road"
                         or (T[end].lower_ == "to" and T[h].lower_ in self.to_heads)):
            comp_end = self._extend_right(ctx, end + 1, se, blocked)
            if comp_end is not None and T[end].lower_ == "for" and comp_end < se and EVENT_YEAR.fullmatch(T[comp_end].text):
                comp_end = None  # "the X Hall for Beijing 2022": what it is built for, an event, is no part of its name
            if comp_end is not None and comp_end < se and T[comp_end].text in POSSESSIVE and T[h].lower_ in ("phase", "stage"):
                comp_end = None  # "the second phase of Samsung's chip plant": Samsung owns the plant the phase is of
            if comp_end is not None and T[end].lower_ == "to" and not self._extension_target(ctx, end + 1, comp_end):
                comp_end = None  # "the extension to Line 6", "to Hengqin"; not "the subway extension to Beijing"
            if comp_end is not None and not (T[h].lower_ in ("station", "terminal", "depot") and any(
                    T[x].lower_ in LINE_WORDS for x in range(max(end + 1, comp_end - 3), comp_end))):
                first = route if route < end else end + 1
                end = comp_end
                if T[h].lower_ in self.route_parts:
                    end = self._route_span(ctx, end, se, blocked, "between", "and", None) or end
                complement = T.char_span(first, end)  # (not "X Station | of the Y Railway": its line)
        return end, complement, designated

    def _route_start(self, ctx: ArticleContext, start: int, ss: int, blocked: set[int]) -> int:
        """Start of "<A> to <B> section": a route part named by both its ends takes the first end and
        "to" into its name (the name found so far starts at B)."""
        T = ctx.tok
        if start - 2 < ss or T[start - 1].lower_ != "to" or (start - 1) in blocked:
            return start
        k = start - 2
        while k >= ss and k not in blocked and T[k].text[:1].isupper() and T[k].is_alpha \
                and T[k].lower_ not in self.function_words and not T[k].is_sent_start:
            k -= 1
        return k + 1 if k + 1 <= start - 2 else start

    def _extension_target(self, ctx: ArticleContext, k: int, end: int) -> bool:
        """What an extension "to" names as part of its name: a project (its head or designator: "Line 6",
        "the X Hospital") or a place below city level ("Hengqin"), not a city ("Beijing")."""
        T = ctx.tok
        if T[end - 1].lower_ in self.heads or CODE.match(T[end - 1].text):
            return True
        k += T[k].lower_ == "the"
        text = ctx.text[T[k].idx : T[end - 1].idx + len(T[end - 1].text)]
        return bool(self.gazetteer.lookup(text)) and not self.gazetteer.is_city_level(text)

    def _route_span(self, ctx: ArticleContext, k: int, se: int, blocked: set[int], opener: str, joiner: str,
                    closers: tuple[str, ...] | None) -> int | None:
        """End of a route part's ends, "section | from Kengzi to Dapeng | of the X" or "section of the X |
        between Dongjiakou and Liangshan": two names joined by ``joiner`` after ``opener`` (a ``closers``
        word must follow when given). The ends are part of the name; they are also its places."""
        T = ctx.tok
        if k >= se or T[k].lower_ != opener:
            return None
        first = self._name_run(ctx, k + 1, se, blocked)
        if first is None or first >= se or T[first].lower_ != joiner:
            return None
        second = self._name_run(ctx, first + 1, se, blocked)
        if second is None or (closers is not None and (second >= se or T[second].lower_ not in closers)):
            return None
        return second

    def _name_run(self, ctx: ArticleContext, k: int, se: int, blocked: set[int]) -> int | None:
        """End of the proper name starting at token k ("the Fifth Ring Road", "Baiyun Airport T3"), or None."""
        T, i = ctx.tok, k
        if i < se and T[i].lower_ == "the":
            i += 1
        begin = i
        while i < se and i not in blocked and (self._name_word(T[i]) or (i > begin and (
                CODE.match(T[i].text) or T[i].text == "-" or T[i].lower_ in self.heads))):
            i += 1
        return i if i > begin else None

    def _works_complement(self, ctx: ArticleContext, h: int, end: int, complement: tuple[int, int] | None) -> bool:
        """A works noun names a project through "of <Name>" ("the renovation of Xiaoying Road"), unless
        <Name> is an administrative area ("the transformation of Mentougou District" is policy)."""
        if complement is None:  # "Guangqu Road East Extension", "the Huijin Road upgrade"
            before = ctx.tok[h - 1] if h > 0 else None
            return ctx.tok[h].text[0].isupper() or (before is not None and before.lower_ in self.streets
                                                    and before.text[0].isupper())
        if GENERIC_OWNERS_AFTER.match(ctx.text, complement[1]):
            return False  # "the headquarters of Internet and financial companies": a kind of owner, no name
        return ctx.tok[end - 1].lower_ not in self.admin_words

    def _locative(self, ctx: ArticleContext, start: int, end: int, ss: int, se: int, head: str) -> str | None:
        """Whether the name stands where a place stands, and how: "strong" after "around", "near",
        "beside" (even a centre is then a landmark), "place" after "in", "at", "between", "from",
        "linking", "to" (after a "from"), "on" (for a road: "on the X expressway"), in a list opened by
        one of these, or before "to the north", "on the south"; None otherwise."""
        T = ctx.tok
        k = self._before_list(ctx, start, ss)
        if k - 2 >= ss and T[k].text in POSSESSIVE and T[k - 1].is_lower and T[k - 2].lower_ == "the":
            k -= 3  # "northwest of the city's Greenheart Forest Park": the determiner phrase is skipped
        word = T[k].lower_ if k >= ss else ""
        if word == "," and k - 1 >= ss:
            word = self._linked_apposition(ctx, k, ss) or word
        if word == "to" and k - 1 >= ss and T[k - 1].lower_ in ("close", "next", "adjacent", "near", "closer"):
            return "strong"  # "close to the X Museum": a landmark
        if word == "of" and k - 1 >= ss and T[k - 1].lower_ in self.junctions:
            return "strong"  # "at the intersection of X Road and Y Expressway": landmarks
        if word == "of" and k - 1 == ss and T[k - 1].lower_ == "part" and self._comma_after(ctx, end, se):
            return "place"  # "Part of the X Heritage Park, the initiative will ...": where it sits
        if word == "of" and k - 1 >= ss and T[k - 1].lower_ in DIRECTIONS:
            return "strong"  # "south of the Pulmonary Hospital": a landmark
        if word == "of" and k - 1 >= ss and T[k - 1].lower_ in AREA_OF and any(
                T[j].lower_ in ("in", "at", "into") for j in range(max(ss, k - 5), k - 1)):
            return "strong"  # "sits in the core area of the national aerospace industry base"
        if word == "of" and any(T[j].lower_ in ("within", "inside", "amid", "amidst") for j in range(max(ss, k - 6), k - 1)):
            return "place"  # "sit within the 'green sea' of the City Green Heart Forest Park": where they sit
        if word in self.strong_locatives or self._after_sights(ctx, k, ss):
            return "strong"
        if word == "by" and k - 1 >= ss and T[k - 1].lower_ in ("bounded", "bordered", "surrounded", "flanked"):
            return "place"  # "the site is bounded by Kaiyuan East Road, Wangxian Road and Dongwu Road"
        if word == "into" and MONEY_INTO.search(ctx.text, max(0, T[k].idx - 30), T[k].idx + 4):
            return None  # "putting HKD30 billion into the Kai Tak Sports Park": what is invested in
        if word == "into" and any(T[j].lower_ in self.conversion for j in range(ss, k)):
            return None  # "turning the old mill into the X Creative Park": what is made
        if word == "at" and any(T[j].lower_ in WORK_AT for j in range(max(ss, k - 6), k)):
            return None  # "construction will go on at the X Park and the Y Center", "work is under way at X": the works
        if word in self.locatives and word != "with":
            if word in ("to", "and"):  # (a ";" closes the clause: "from A to B; and the C Line")
                clause = next((j + 1 for j in range(k - 1, ss - 1, -1) if T[j].text == ";"), ss)
                return "place" if any(T[j].lower_ in ("from", "between", "connecting", "linking")
                                      for j in range(clause, k)) else None
            return "place"
        if word == "with" and any(T[j].lower_ in LINK_VERBS for j in range(max(ss, k - 8), k)):
            return "place"  # "an express line linking Xiong'an with Beijing Daxing International Airport": its far end
        if word == "on" and self.heads.get(head) is not None and self.heads[head].road:
            before = T[k - 1] if k - 1 >= ss else None
            if before is not None and (before.lower_ in self.work_on or before.text == "%"):
                return None  # "work resumes on the X Bridge", "94% on the X Expressway": the works itself
            if before is not None and before.lower_ in ABOUT_NOUNS:
                return None  # "the EIA report on Beijing Subway Line 28": what a document is about
            if before is not None and before.lower_ in ("running", "operating", "operations", "service", "services") \
                    and k - 2 >= ss and T[k - 2].lower_ in BEGIN_VERBS:
                return None  # "trains began running on the X Railway": its opening, the route is the works
            return "road"
        if end < se and T[end].text == "(":  # "Bajia East-West Line (Yuequan Road) to the south"
            end = next((k + 1 for k in range(end + 1, min(end + 8, se)) if T[k].text == ")"), end)
        if end + 2 < se and T[end].lower_ in ("to", "on") and T[end + 1].lower_ in ("the", "its", "their") \
                and T[end + 2].lower_.removesuffix("ern") in DIRECTIONS:
            # "the X Park to the north"; "with the Grand Theatre on its south side": a landmark beside it
            return "strong" if T[end + 1].lower_ in ("its", "their") else "place"
        return None

    def _linked_apposition(self, ctx: ArticleContext, comma: int, ss: int) -> str | None:
        """"which links two transport hubs, A and B": a list after a linking verb's counted object
        stands where the verb's object stands (the verb, or None)."""
        T = ctx.tok
        for j in range(comma - 1, max(ss - 1, comma - 6), -1):
            if T[j].lower_ in LINK_VERBS:
                between = [T[x] for x in range(j + 1, comma)]
                return T[j].lower_ if between and all(t.is_lower and t.is_alpha or t.like_num for t in between) else None
        return None

    def _before_list(self, ctx: ArticleContext, start: int, ss: int) -> int:
        """The token before the list a name opens or stands in, its article skipped."""
        k = self._list_start(ctx, start, ss) - 1
        while k >= ss and ctx.tok[k].lower_ == "the":
            k -= 1
        return k

    def _after_sights(self, ctx: ArticleContext, k: int, ss: int, nouns: frozenset[str] | None = None) -> bool:
        """"attractions such as A, B and the C Park", "sights like X": existing places visitors go to
        (not "new attractions such as ...", which may be works); with ``nouns``, examples of those
        ("institutions such as X Hospital": organisations)."""
        T = ctx.tok
        nouns = self.sights if nouns is None else nouns
        word = T[k].lower_ if k >= ss else ""
        j = k - 2 if word == "as" and k - 1 >= ss and T[k - 1].lower_ == "such" else k - 1 if word in ("like", "including") else None
        if j is None or j < ss:
            return False
        noun = T[j].lower_ if T[j].lower_ in nouns else f"{T[j - 1].lower_} {T[j].lower_}" if j - 1 >= ss else ""
        before = {T[i].lower_ for i in range(max(ss, j - 3), j)}
        return noun in nouns and not before & {"new", "upcoming", "planned"}

    @staticmethod
    def _comma_after(ctx: ArticleContext, end: int, se: int) -> bool:
        """A comma and a new subject after the name ("..., the initiative will"), not a route ("..., from")."""
        T = ctx.tok
        return end + 1 < se and T[end].text == "," and (T[end + 1].lower_ in ("the", "this", "its", "a", "an")
                                                       or T[end + 1].is_title)

    def _list_word(self, ctx: ArticleContext, k: int, ss: int) -> bool:
        """A word of a name in a list: a name word, a code, "-", "'s", or "of"/"and" inside a name."""
        T = ctx.tok
        tok = T[k]
        if self._name_word(tok) or tok.text in ("-", "'s") or CODE.match(tok.text):
            return True
        return tok.lower_ in ("of", "and") and k - 1 >= ss and self._name_word(T[k - 1]) \
            and k + 1 < len(ctx) and self._name_word(T[k + 1])

    def _list_start(self, ctx: ArticleContext, start: int, ss: int) -> int:
        """The first token of the list the name stands in ("linking A, B, C and D": A's start for D)."""
        T = ctx.tok
        k = start - 1
        first = start
        while k >= max(ss, start - 30):
            word = T[k]
            if word.text in (",", "、") or word.lower_ in ("and", "the"):
                k -= 1
                continue
            if self._list_word(ctx, k, ss):
                while k >= ss and self._list_word(ctx, k, ss):
                    k -= 1
                first = k + 1
                continue
            break
        if first == start:
            return start
        k = start - 1
        if T[k].lower_ == "the":
            k -= 1
        if T[k].lower_ in ("and", "or"):
            return first  # "off Line 5 and Line 13": the last item of a list
        if not any(T[j].text in (",", "、") for j in range(first, start)):
            return start
        return first if self._list_goes_on(ctx, start) else start

    def _list_goes_on(self, ctx: ArticleContext, start: int) -> bool:
        """A list ends in "and"/"or" before its last item: the name is that item, or one follows it."""
        T = ctx.tok
        k = start - 1
        if k >= 0 and T[k].lower_ == "the":
            k -= 1
        if k >= 0 and T[k].lower_ in ("and", "or"):
            return True
        se = ctx.bounds[start][1]
        j = start
        while j < min(se, start + 30):
            if T[j].lower_ in ("and", "or"):
                return j + 1 < se and (self._name_word(T[j + 1]) or T[j + 1].lower_ == "the")
            if not (self._list_word(ctx, j, 0) or T[j].text in (",", "、") or T[j].lower_ == "the"):
                return False
            j += 1
        return False

    def _person_title_before(self, ctx: ArticleContext, start: int, ss: int) -> bool:
        """"president of Xinhua Hospital", "director of the X Center", "who heads X Hospital": the
        institution a person works for, not a project."""
        T = ctx.tok
        k = start - 1
        if k >= ss and T[k].lower_ == "the":
            k -= 1
        if k >= ss and T[k].lower_ in self.person_verbs:
            return True  # "Wang Jun, who heads Peking University People's Hospital"
        return k - 1 >= ss and T[k].lower_ == "of" and T[k - 1].lower_ in self.person_titles

    def _is_org(self, ctx: ArticleContext, i: int, ss: int) -> bool:
        return i >= ss and ctx.tok[i].lower_ in self.org_words

    def _possessor_start(self, ctx: ArticleContext, j: int, ss: int) -> int | None:
        """Start of the named institution before the possessive at token ``j`` ("Beijing Anzhen
        Hospital's", "Renmin University of China's"), or None when the possessor is no institution
        ("Beijing's")."""
        T = ctx.tok
        k = j - 1
        start = None
        institution = False
        while k >= max(ss, j - 10):
            tok = T[k]
            inner = start is not None and k - 1 >= ss and self._name_word(T[k - 1]) and (
                tok.lower_ == "of" or tok.text in POSSESSIVE)  # "Sixth People's Hospital", "University of China"
            if self._name_word(tok) or inner:
                start = k if self._name_word(tok) else start
                institution = institution or tok.lower_ in self.institution_words
                k -= 1
                continue
            break
        if start is not None and not institution and j - start <= 2 and not self.gazetteer.lookup(
                ctx.text[T[start].idx : T[j - 1].idx + len(T[j - 1].text)]) and j + 1 < len(ctx) \
                and T[j + 1].text[:1].isupper() and T[start].lower_ not in self.demonyms:
            return start  # "Tencent's Shanghai Headquarters": a company's works keep the company
        return start if institution else None

    def _extend_left(self, ctx: ArticleContext, h: int, ss: int, blocked: set[int]) -> tuple[int, str | None]:
        """Leftmost token of the name and its form ('proper', 'definite', ...), or form None."""
        T = ctx.tok
        i = h - 1
        start = h
        lower_run: list[int] = []
        saw_proper = T[h].text[0].isupper()
        floor = max(ss, h - MAX_NAME_TOKENS)
        while i >= floor:
            tok = T[i]
            edge = self._left_edge(ctx, i, ss, h, blocked)
            if edge == "stop":
                break
            if edge == "take" or self._name_word(tok) or (saw_proper and ROMAN.match(tok.text)) \
                    or self._code_in_name(ctx, i, ss):
                if lower_run and saw_proper and i == ss and edge != "take" and not self.gazetteer.lookup(tok.text):
                    break  # "Visitors walk past | Harbin Railway Station": a capital only as the sentence's first word
                start, saw_proper, lower_run = i, True, []  # ("No 111 national highway": "No" is taken)
                i -= 1
                continue
            if self._inner_punctuation(ctx, i, ss, floor, h, saw_proper and not lower_run):
                i -= 1  # "Co., Ltd.", "Workers' Stadium": punctuation inside a name
                continue
            if tok.text == ")":
                open_ = next((k for k in range(i - 1, max(i - 7, ss - 1), -1) if T[k].text == "("), None)
                if open_ is not None and open_ - 1 >= ss and self._name_word(T[open_ - 1]):
                    start, saw_proper, lower_run = open_ - 1, True, []
                    i = open_ - 2
                    continue
                break
            if tok.text in POSSESSIVE and saw_proper and not lower_run:
                owner = self._possessor_start(ctx, i, ss)
                if owner is not None and not any(k in blocked for k in range(owner, i)):
                    start, i = owner, owner - 1  # "Beijing Anzhen Hospital's Tongzhou Campus"
                    continue
                if i - 1 >= floor and self._name_word(T[i - 1]) and T[h].text[0].isupper() \
                        and not self.gazetteer.lookup(T[i - 1].text):
                    i -= 1  # "Shunyi Children's Hospital": a possessive inside a name, not a place's
                    continue
                break
            if self._inner_connector(ctx, i, ss) or (saw_proper and not lower_run and self._of_inside_name(ctx, i, ss, h)):
                i -= 1  # "A and B Park", "Sino-German Park", "Internet of Things Industrial Base"
                continue
            if self._lower_word(ctx, i, ss, lower_run, saw_proper):
                lower_run.append(i)  # "the new outpatient and emergency comprehensive building"
                i -= 1
                continue
            if not (tok.text in ("-",) and not tok.whitespace_):
                break
            i -= 1
        if saw_proper:
            # A capitalised head alone ("Platform of ...") may still be a name through its complement.
            before = (lower_run[-1] if lower_run else start) - 1
            if before >= ss and T[before].lower_ in INDEFINITE_DETERMINERS:
                return start, "indefinite"  # "A new Beijing Subway line": a description
            return start, "proper"
        return self._lowercase_form(ctx, h, lower_run, ss, floor)

    def _inner_connector(self, ctx: ArticleContext, i: int, ss: int) -> bool:
        """"and", "&" or a closed-up dash joining two words of one name (not "and" after a head, a
        street, a city or a capitalised works noun: "Tianjin and Weifang North Station", "Fuhai Road
        South Extension and Binhaiwan School" are two)."""
        T, tok = ctx.tok, ctx.tok[i]
        if tok.text not in CONNECTORS or i - 1 < ss or not (self._name_word(T[i - 1]) or T[i - 1].is_alpha):
            return False
        if tok.text == "and" and (T[i - 1].lower_ in self.heads or T[i - 1].lower_ in self.streets
                                  or (T[i - 1].lower_ in self.works and T[i - 1].text[:1].isupper()
                                      and not (i + 1 < len(ctx) and T[i + 1].lower_ in self.works))
                                  or self.gazetteer.is_city_level(T[i - 1].text)
                                  or T[i - 1].lower_ in self.admin_words or T[i - 1].lower_ in ("area", "zone")):
            return False  # (nor "the Suoyu Bay Commercial Area and Xianglujiao Logistics Park": a place, then a name)
        return not (tok.text in ("-", "–") and (tok.whitespace_ or T[i - 1].whitespace_))

    def _of_inside_name(self, ctx: ArticleContext, i: int, ss: int, h: int) -> bool:
        """"of" at token ``i`` between two name words, the first no head, works, organisation,
        process word or place ("Internet of Things", not "Bureau of X", "Construction of X")."""
        T = ctx.tok
        if T[i].lower_ != "of" or i - 1 < ss or i + 1 >= h or not T[i + 1].text[:1].isupper():
            return False
        before = T[i - 1]
        return self._name_word(before) and before.lower_ not in self.heads and before.lower_ not in self.works \
            and before.lower_ not in self.org_words and before.lower_ not in PROCESS_WORDS \
            and not self.gazetteer.lookup(before.text)

    def _left_edge(self, ctx: ArticleContext, i: int, ss: int, h: int, blocked: set[int]) -> str | None:
        """"take" for "No" before a number ("No 111 national highway"); "stop" at a value, a stop word
        or a gerund opening the sentence ("Extending Changning People's Hospital is vital")."""
        T, tok = ctx.tok, ctx.tok[i]
        if tok.lower_.rstrip(".") == "no" and tok.text[:1].isupper():
            j = i + 2 if i + 2 < h and T[i + 1].text == "." else i + 1  # "No. 4" is three tokens
            if j < h and T[j].like_num:
                return "take"
        if i in blocked or tok.lower_ in self.stop_names or tok.lower_.rstrip(".") in self.stop_names:
            return "stop"
        if i == ss and tok.lower_.endswith("ing") and tok.is_title and tok.lower_ not in self.heads \
                and not self.gazetteer.lookup(tok.text):
            return "stop"
        return None

    def _lower_word(self, ctx: ArticleContext, i: int, ss: int, lower_run: list[int], saw_proper: bool) -> bool:
        """A lower-case word of a name, or "and" between two of a descriptive name."""
        T, tok = ctx.tok, ctx.tok[i]
        if tok.lower_ == "and":  # (not after a head: "the X center and industrial base" is two projects)
            return not saw_proper and bool(lower_run) and i - 1 >= ss and T[i - 1].is_alpha and T[i - 1].is_lower \
                and T[i - 1].lower_ not in self.function_words and len(lower_run) < 5 \
                and T[i - 1].lower_ not in self.heads
        return (tok.is_alpha or bool(LOWER_COMPOUND.fullmatch(tok.text))) and tok.is_lower \
            and tok.lower_ not in self.function_words and len(lower_run) < 6 and not self._verb_like(ctx, i)

    def _inner_punctuation(self, ctx: ArticleContext, i: int, ss: int, floor: int, h: int, proper_run: bool) -> bool:
        """"Hengshui Fushun ... Co., Ltd. Intelligent Robot Arm Project" (a company inside the name),
        "Workers' Stadium Station" (a plural possessive inside it)."""
        T, tok = ctx.tok, ctx.tok[i]
        if tok.text == "," and i - 1 >= ss and T[i - 1].lower_ in ("co.", "co") and i + 1 < h \
                and T[i + 1].lower_ in ("ltd.", "ltd", "ltd.,"):
            return True
        if tok.text == "." and i - 1 >= floor and T[i - 1].text == "No" and i + 1 < h and SHORT_CODE.match(T[i + 1].text):
            return True  # "No. 4"
        return tok.text in ("'", "’") and proper_run and i - 1 >= floor and T[i - 1].text.endswith("s") \
            and self._name_word(T[i - 1]) and bool(tok.whitespace_)

    def _code_in_name(self, ctx: ArticleContext, i: int, ss: int) -> bool:
        """A number or code inside a name: after a designator head ("Line 17 North Section") or
        between a name word and the head ("Community 23-02 plot", "Block A3 building")."""
        T = ctx.tok
        if not SHORT_CODE.match(T[i].text):
            return False
        k = i - 1
        if k - 1 >= ss and T[k].text == "-" and SHORT_CODE.match(T[k - 1].text):
            k -= 2  # "23-02" is three tokens
        if k < ss:
            return False
        before = self.heads.get(T[k].lower_)
        if T[k].text == "." and k - 1 >= ss and T[k - 1].text == "No":
            return True  # "Beijing No. 4 Experimental School" ("No", ".", "4")
        return bool(before and before.designator) or self._name_word(T[k])

    def _verb_like(self, ctx: ArticleContext, i: int) -> bool:
        """A lower-case locative word, or a participle right before a capitalised word, ends a name
        growing leftwards: "a line connecting Worker's Stadium" (but "a development supporting
        project" is one lower-case name)."""
        w = ctx.tok[i].lower_
        if w in self.locatives or w in self.strong_locatives:
            return True
        return w.endswith(("ing", "ed")) and len(w) > 4 and w not in self.heads and i + 1 < len(ctx) \
            and ctx.tok[i + 1].text[:1].isupper()

    def _name_word(self, tok: Token) -> bool:
        return is_name_word(tok, self.function_words)

    def _lowercase_form(self, ctx: ArticleContext, h: int, lower_run: list[int], ss: int,
                        floor: int) -> tuple[int, str | None]:
        """A lower-case name needs a determiner ("the landscaping project") or a named possessor
        ("Xinhua Hospital's branch", "the district's maintenance base")."""
        T = ctx.tok
        first = lower_run[-1] if lower_run else h
        j = first - 1
        while j >= ss and T[j].text in ("-",):
            j -= 1
        if j < floor:
            return first, None
        det = T[j]
        if det.lower_ in ("the", "this", "that"):
            return first, "definite"
        if det.lower_ in ("a", "an"):
            return first, "indefinite"
        if det.text in POSSESSIVE and j - 1 >= ss and T[j - 1].text[:1].isupper():
            owner = self._possessor_start(ctx, j, ss)
            return (owner if owner is not None else j - 1), "possessive"
        if det.text in POSSESSIVE and j - 2 >= ss and T[j - 1].lower_ in POSSESSOR_NOUNS and T[j - 2].lower_ == "the":
            return first, "definite"  # "the country's seventh national supercomputer center"
        return first, None

    def _connector_ends(self, ctx: ArticleContext, i: int, se: int, last_name: int | None) -> bool:
        """Whether the "of", "and" or "the" at token i ends an "of <Name>" complement."""
        T, tok = ctx.tok, ctx.tok[i]
        if tok.lower_ == "and" and i + 1 < se and (T[i + 1].lower_ in ("the", "a", "an")
                                                  or T[i - 1].lower_ in self.heads or T[i - 1].like_num):
            return True  # "of Art Xiangshan Campus Station | and West Guihua Road Station": two names
        if tok.lower_ == "the" and T[i - 1].is_lower and T[i - 1].lower_ not in ("of", "and"):
            return True  # "... of Sciences started building the X": a new noun phrase
        head = self.heads.get(T[i - 1].lower_)
        # "North Zone of the Satellite Base | of the Innovation Academy": the owner (but a branch or campus
        # is named by its institution: "the Hangtou branch of Longhua Hospital")
        return tok.lower_ == "of" and head is not None and head.reading == "project" and last_name == i - 1 \
            and T[i - 1].lower_ not in ("branch", "campus")

    def _extend_right(self, ctx: ArticleContext, k: int, se: int, blocked: set[int]) -> int | None:
        """End (exclusive) of an 'of/for <Name>' complement starting at token k, or None."""
        T, last_name, lower_streak, i = ctx.tok, None, 0, k
        while i < se and i < k + 14:
            tok = T[i]
            if tok.text == "." and i > k and T[i - 1].text == "No" and i + 1 < se and T[i + 1].like_num:
                i += 1  # "of Beijing No. 4 High School" ("No", ".", "4")
                continue
            if i in blocked or tok.is_punct and tok.text not in ("&", "-", "(", ")") \
                    or tok.lower_.rstrip(".") in self.calendar or (i > k and tok.lower_ in self.stop_names and tok.lower_.rstrip(".") != "no"):
                break  # (a date ends the name: "the middle section of Line 17 | on Saturday, December 27"; so does
                # a stop word: "of the Lize Library | Photo: ...")
            if tok.text in ("'s", "’s") and last_name is not None and i + 1 < se and T[i + 1].is_lower \
                    and self.gazetteer.lookup(ctx.text[T[k].idx + (4 if T[k].lower_ == "the" else 0) : tok.idx].strip()):
                return None  # "the No. 1 launch pad | of China's first commercial launch site": a place's description
            if i > k and T[i - 1].lower_ == "the" and LENGTH_MODIFIER.fullmatch(tok.text) and i + 1 < se \
                    and self._name_word(T[i + 1]):
                i += 1  # "of the 7.8-km Huangxing Avenue": a length before the name is no part of it, nor its end
                continue
            if MODEL_CODE.fullmatch(tok.text):
                last_name, lower_streak = i, 0  # "of the C919 large passenger aircraft": a model code names
                i += 1
                continue
            if (tok.like_num and not (tok.is_alpha and tok.is_title)) or CODE.match(tok.text) and not tok.is_alpha:
                designator = i > k and self.heads.get(T[i - 1].lower_)  # ("East Sixth Ring Road" is all name)
                numbered = i > k and (T[i - 1].lower_.rstrip(".") == "no" or T[i - 1].text == "." and T[i - 2].text == "No")
                if not (designator and designator.designator and CODE.match(tok.text)) and not numbered:
                    break
                last_name, lower_streak = i, 0  # "of Line 17"
                i += 1
                continue
            if tok.text in ("(", ")") or (tok.lower_.rstrip(".") == "no" and i + 1 < se and T[i + 1].like_num):
                i += 1  # "of No 318 national highway": the number that follows is the name
                continue
            name_like = self._name_word(tok) or tok.text in ("R&D",) or (tok.is_upper and tok.is_alpha)
            if name_like or (tok.lower_ in self.heads and last_name is not None):
                last_name, lower_streak = i, 0
            elif tok.lower_ in ("the",) and i == k:
                pass
            elif tok.lower_ in ("of", "and", "the") and i > k:
                if self._connector_ends(ctx, i, se, last_name):
                    break
                lower_streak += 1
            elif (tok.is_alpha or LOWER_COMPOUND.fullmatch(tok.text)) and tok.is_lower:
                lower_streak += 1
                if tok.lower_ in self.locatives and tok.lower_ != "and" and last_name is not None:
                    break  # "of Xuanwu hospital | in Xiongan New Area": where it sits is no part of the name
                if lower_streak > 5 or tok.lower_ in VERBISH or (tok.is_alpha and tok.lower_.endswith("ed")
                                                                 and tok.lower_ not in self.heads):
                    break  # "of Anzhen Hospital | began on Monday": a verb ends the name; "for the final
                    # assembly and manufacturing of the C919 large passenger aircraft" goes on
            elif tok.text in POSSESSIVE and last_name == i - 1 and i + 1 < se and T[i + 1].text[:1].isupper() \
                    and self._name_word(T[i + 1]):
                pass  # "of Peking University People's Hospital": a possessive inside the name
            else:
                break
            i += 1
        return None if last_name is None else self._complement_end(ctx, k, se, last_name + 1)

    @staticmethod
    def _complement_end(ctx: ArticleContext, k: int, se: int, end: int) -> int:
        """Close a bracket the complement opened; leave out a place cut in half ("of No 318 national
        highway | in Yanqing district": the district is not the name's)."""
        T = ctx.tok
        if end < len(ctx) and T[end].text == ")" and any(T[x].text == "(" for x in range(k, end)):
            end += 1
        if end < se and T[end].lower_ in PLACE_SUFFIXES:
            cut = next((x for x in range(end - 1, k, -1) if T[x].lower_ in ("in", "at")), None)
            if cut is not None:
                return cut
        return end




# ---------------------------------------------------------------------- rejection rules
# Each rule looks at a grown candidate name and says whether it is no name after all. A proper
# (capitalised) candidate is refused by any of PROPER_REJECTIONS, a descriptive one ("the ... park")
# by any of DESCRIPTIVE_REJECTIONS.

def _titles(f: MentionFinder, ctx: ArticleContext, span: NameSpan) -> list[Token]:
    return [t for t in ctx.tok.run(span.start, span.h) if f._name_word(t)]


ROUTE_PAIR = re.compile(r"[A-Z][a-z'’]+[-–][A-Z][a-z'’]+")


def _route_pair_before(T, h: int, ss: int) -> bool:
    """"the Shenzhen-Zhongshan link", "the Hong Kong-Zhuhai rail": a lower-case head after a route named
    by its two ends (capitalised words joined by a hyphen) is the route's name, not a verb."""
    if h - 1 >= ss and ROUTE_PAIR.fullmatch(T[h - 1].text):
        return True  # (one token: "Shenzhen-Zhongshan")
    return h - 3 >= ss and T[h - 2].text in ("-", "–") and T[h - 1].text[:1].isupper() and T[h - 3].text[:1].isupper() \
        and T[h - 1].is_alpha and T[h - 3].is_alpha


def _lone_head(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """A capitalised head alone ("Park") is a name only through an "of <Name>" complement or a
    designator ("Line 17")."""
    return span.h == span.start and span.complement is None and not span.designated


def _single_letters(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"5G base stations": a lone letter is no name."""
    titles = _titles(f, ctx, span)
    return bool(titles) and all(len(t.text) == 1 for t in titles) and span.complement is None


def _capital_at_sentence_start(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Light source reaches ...": one capital at sentence start is no evidence of a name."""
    head = ctx.tok[span.h]
    titles = _titles(f, ctx, span)
    opens = span.start == span.ss or ctx.tok[span.start - 1].text == ":"  # "China Focus: New railway helps ..."
    if any(PROPER_COMPOUND.match(t.text) and not any(w.lower() in f.demonyms for w in t.text.split("-"))
           for t in titles):
        return False  # "Nanhu-Beiyuan railway to link ...": a second capital inside the word names it
    if head.is_lower and opens and len(titles) < 2:
        return True
    return opens and len(titles) == 1 and not head.text[0].isupper()


def _inside_lowercase_phrase(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"a large model R&D center": one capital inside a lower-case phrase (several capitals after a
    verb, "include Shanghai Sixth People's Hospital's Lingang branch", are a name)."""
    T = ctx.tok
    prev = span.start - 1
    if prev - 1 >= span.ss and T[prev].lower_ in f.name_adjectives and (
            T[prev - 1].lower_ in ("the", "its", "their") or T[prev - 1].text in POSSESSIVE):
        return False  # "the new Fangshan campus of X", "Tencent's first Guizhou data center"
    return (T[span.h].is_lower and span.start > span.ss and T[prev].is_alpha and T[prev].is_lower
            and T[prev].lower_ not in f.function_words and len(_titles(f, ctx, span)) <= 1)


def _verb_before_head(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Lingang opens new semiconductor base": a verb, not a name."""
    if not ctx.tok[span.h].is_lower:
        return False
    return any((t.is_alpha or LOWER_COMPOUND.fullmatch(t.text)) and t.is_lower and t.text.endswith("s")
               and not t.text.endswith(("ss", "ics")) and t.lower_ not in f.heads and t.lower_ not in f.attributive
               for t in ctx.tok.run(span.start, span.h))  # "logistics", "sports" are nouns; "fast-tracks" a verb


def _facility_centre(T, start: int, h: int) -> bool:
    """Whether the name start..h ends in a facility's centre ("X Big Data Center", "Y Logistics Centre"):
    its head or director runs a works, not an organisation (``FACILITY_CENTRES``)."""
    return T[h].lower_ in ("center", "centre") and h - 1 >= start and T[h - 1].lower_ in FACILITY_CENTRES


def _of_an_organisation(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"... Park of the Administrative Committee": the capitals belong to an organisation's title."""
    T, start, ss = ctx.tok, span.start, span.ss
    if _facility_centre(T, start, span.h):
        return False  # "the director of the X Data Center": a facility's manager
    if start > ss + 1 and T[start - 1].lower_ == "of" and f._is_org(ctx, start - 2, ss):
        return True
    return (start > ss + 1 and T[start - 1].lower_ == "the" and T[start - 2].lower_ == "of"
            and f._is_org(ctx, start - 3, ss))


def _no_content(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"the whole project": only stop modifiers before the head (a possessor is content enough)."""
    words = [t for t in ctx.tok.run(span.start, span.h) if t.is_alpha or t.text in ("R&D",)]
    content = [t for t in words if t.lower_ not in f.stop_modifiers and t.lower_ not in f.function_words]
    return form != "possessive" and not content and span.complement is None


def _number_inside(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"the 5G base station": a lower-case phrase with a number is a description, not a name."""
    return any(any(ch.isdigit() for ch in t.text) for t in ctx.tok.run(span.start, span.h))


def _lowercase_plural(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"R&D centers", "Winter Olympics support facilities": a lower-case plural head names a kind,
    not a project (a proper plural, "Overpass Ramps", does)."""
    return span.plural and ctx.tok[span.h].is_lower


def _demonym_only(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"a Chinese library": capitalised adjectives before a lower-case head make no name."""
    titles = _titles(f, ctx, span)
    return ctx.tok[span.h].is_lower and bool(titles) and all(t.lower_ in f.demonyms for t in titles)


def _existing(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"the existing park", "the original Nature Park": what already stands is context, not a works."""
    before = span.start - 1
    listed = f._before_list(ctx, span.start, span.ss)  # "the nearby A, the B and C": the list's modifier
    return any(t.lower_ in f.existing for t in ctx.tok.run(span.start, span.h)) or (
        before >= span.ss and ctx.tok[before].lower_ in f.existing) or (
        span.ss <= listed < span.start and ctx.tok[listed].lower_ in f.existing)


def _compared(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"compared with a traditional land-based data center", "more than the old terminal", "three
    times the size of Victoria Park", "as large as the Bird's Nest": a yardstick, not a works of the article."""
    i = span.start - 1
    while i >= span.ss and ctx.tok[i].lower_ in ("a", "an", "the", "its", "their"):
        i -= 1
    T = ctx.tok
    return i >= span.ss and (T[i].lower_ in ("than", "unlike", "versus") or (
        T[i].lower_ in ("with", "to") and i - 1 >= span.ss and T[i - 1].lower_ in ("compared", "comparison")) or (
        T[i].lower_ == "of" and i - 1 >= span.ss and T[i - 1].lower_ in ("size", "area", "length", "height")
        and i - 2 >= span.ss and T[i - 2].lower_ in ("the", "times")) or (  # "three times the size of X Park"
        T[i].lower_ == "as" and i - 2 >= span.ss and T[i - 2].lower_ == "as"
        and T[i - 1].lower_ in ("large", "big", "long", "tall", "high", "wide", "busy", "old")))  # "as large as X"


def _predicative(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"As the main railway terminal of X, the station ...": a description the subject is said to be."""
    T, ss = ctx.tok, span.ss
    if not (ss + 1 < span.start and T[ss].lower_ == "as" and T[ss + 1].lower_ in ("the", "a", "an", "one")):
        return False
    comma = next((k for k in range(ss, min(span.end + 12, len(ctx))) if T[k].text == ","), None)
    if comma is None or comma < span.end:
        return False
    return not any(T[k].lower_ in VERBISH or (T[k].is_lower and T[k].lower_.endswith("ed")) for k in range(ss + 2, comma))
    # (the whole opening phrase up to its comma, "of the Nanhu Center" too; "As the X Museum opened, ..." is a clause)


def _converted(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"turning X's No. 1 Factory into the flagship factory of Y": what a works is made from is the
    old thing, not the project (the project is what it becomes)."""
    T, k = ctx.tok, span.start - 1
    while k >= span.ss and T[k].lower_ == "the":
        k -= 1
    if k < span.ss or T[k].lower_ not in f.conversion:
        return False
    return any(T[j].lower_ == "into" for j in range(span.end, ctx.bounds[span.start][1]))


def _superlative_title(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Widest bridge on the Yangtze nears completion" (a headline's capitals): an "-est"
    superlative makes no proper name ("Top Scientists Community" still is one)."""
    return any(t.lower_ in f.superlatives and t.lower_.endswith("est") for t in ctx.tok.run(span.start, span.h))


def _counted(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Two new railway lines begin service": a name opening with a count is a count of things."""
    return ctx.tok[span.start].lower_ in f.count_words


def _superlative(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"China's largest five-star hotel", "the first all-steel building": a superlative description
    of something named elsewhere, not a name (but "the latest section of X", "the latest expansion of X" name a
    part or a works of X)."""
    if span.complement is not None and ctx.tok[span.h].lower_ in f.part_heads:
        return False
    return any(t.lower_ in f.superlatives for t in ctx.tok.run(span.start, span.h))


def _document_title(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"the Three-Year Action Plan for Harbin's Industrial Project Empowerment and Quality
    Improvement": capitals inside a plan's or a policy's title name no project."""
    T = ctx.tok
    return any(T[k].text in DOCUMENT_WORDS and k + 1 < len(ctx) and T[k + 1].lower_ in ("for", "on", "of")
               for k in range(max(span.ss, span.start - 8), span.start))


def _category_line(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Cultural Center • Jinan, China": a fact sheet's category line names a kind, not the project."""
    end = ctx.tok[span.end - 1].idx + len(ctx.tok[span.end - 1].text)
    return ctx.text.startswith(" • ", end) or ctx.text.startswith(" · ", end)


def _place_possessor(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"China's flagship synchrotron facility", "Beijing's first bikeway": a description of
    something by its country or city, not a name."""
    if form != "possessive":
        return False
    owner = ctx.text[ctx.tok[span.start].idx : ctx.tok[span.h].idx]
    owner = owner.split("'")[0].split("’")[0].strip()
    return bool(owner) and f.gazetteer.is_city_level(owner)


def _place_nickname(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """'Dongguan, the city nicknamed the "World Factory"': a place's nickname, not a works."""
    start = ctx.tok[span.start].idx
    before = ctx.text[max(0, start - 80) : start].lower()
    opening = max(before.rfind('"'), before.rfind("“"))
    if opening >= 0 and before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”"):
        before = before[:opening + 1]  # a name inside the quoted nickname: look before the quote
    return bool(PLACE_NICKNAMED.search(before[-40:]))


def _past_credit(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"architect Ole Scheeren, known for the CCTV headquarters": a work credited to a person is
    context, not a project of the article."""
    start = ctx.tok[span.start].idx
    return bool(CREDIT_BEFORE.search(ctx.text[max(0, start - 40) : start]))


def _city_port(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"Tianjin Port", "Qingdao Port", "Shandong Port": a city's or a province's port is the operating
    port (or its group), named as context; a works at it names itself ("the automated dock of Qingdao
    Port", "the fourth phase of Nansha Port", a district's "Nansha Port")."""
    T = ctx.tok
    if T[span.h].lower_ != "port" or span.end != span.h + 1 or span.h - span.start < 1:
        return False
    return f.gazetteer.is_city_level(ctx.text[T[span.start].idx : T[span.h - 1].idx + len(T[span.h - 1].text)])


def _capitals_heading(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"DIGEST HUB", "KEY POINTS CENTER": a head word in capitals, with every word of the name so, is a
    layout heading, not a name (a name keeps its head in title case: "HEPS", "CIFTIS" are no heads)."""
    head = ctx.tok[span.h].text
    return len(head) >= 3 and head.isalpha() and head.isupper() and all(
        not t.is_alpha or t.text.isupper() for t in ctx.tok.run(span.start, span.end))


def _phase_alone(f: MentionFinder, ctx: ArticleContext, span: NameSpan, form: str) -> bool:
    """"15 planned Phase I beamlines": a phase with no project named is no name."""
    return span.complement is None and ctx.tok[span.start].lower_ == "phase" and span.end - span.start <= 2


PROPER_REJECTIONS = (_predicative, _lone_head, _single_letters, _capital_at_sentence_start, _inside_lowercase_phrase,
                     _verb_before_head, _of_an_organisation, _lowercase_plural, _demonym_only, _existing, _converted, _superlative_title, _counted, _phase_alone, _category_line,
                     _document_title, _place_nickname, _past_credit, _compared, _capitals_heading, _city_port)
DESCRIPTIVE_REJECTIONS = (_no_content, _number_inside, _lowercase_plural, _existing, _converted, _superlative, _place_possessor,
                          _compared, _predicative)
