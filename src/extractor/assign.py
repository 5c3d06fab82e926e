"""Value assignment: every value goes to the entity the text states it of, or nowhere.

The rules, in the order they apply to a value in sentence S (targets of S come from
:func:`extractor.discourse.sentence_targets`: its explicit mentions and resolved back-references):

1. **Fallback section.** A sentence with no target, inside a section headed by a project name, is
   about that project, unless it opens on another subject ("The southern district ...", a place);
   a labelled line of a fact box ("Investment: ...") is about the project named just above it; one
   opening on an attribute ("Investment planned for the year came to ...") is about the last entity
   of the sentence before that has an amount, else the article's first group when that sentence
   counts projects.
2. **Amounts** (slots whose ``assign`` is ``amount``: investment, area, computing power):
   a. a value whose clause before it holds one of its slot's ``blocked_by`` cues is stated of
      something else and goes nowhere: output value, revenue, financing (``money_blockers``);
      per-unit figures and thresholds, "each with an area of", "each worth more than"
      (``per_unit_cues``, within 40 characters, or "each", "per ..." right after the value); sizes of listed components, anywhere after "its
      main works are", "consists of" in the sentence (``component_openers``, areas only);
   b. listed members of a group ("including X and Y") take no amounts: what follows the list is
      stated of the group; a value several projects share ("A, B and C will together cover",
      ``joint_cues``) goes to none of them;
   c. a value inside a name goes to it ("the 42,640-square-meter facility"), else to the nearest
      target before it, else the nearest after it; one in "a cluster whose ..." goes nowhere.
3. **Completion dates** need a completion cue (``completion_cues``: "completed", "put into use",
   "construction period"):
   a. a cue about investment ("complete the investment of", "complete RMB 278 billion of
      investment"), "open up", and a cue word before a noun it modifies ("operational testing",
      "completion rate": ``completion_cue_modifies``) are no cues;
   b. the date is the first resolved date within 70 characters after the cue (names between do
      not count) with no start cue (``start_cues``) and no later cue between, else the last one
      before it that no start cue just precedes ("started in April 2011"), never across a
      semicolon; for "construction period", the last date after it (the end of a range); a
      production start ("start production") counts only when no other cue of the sentence dates;
   c. an active completion verb ("will complete X and Y") gives the date to its objects; otherwise
      the date goes to the target nearest the cue, as for amounts (not the whole an apposition
      names: "X Bridge, a part of the Y Expressway, opened"), and to every project listed
      with it ("A, B and C opened on Wednesday", "A, B and the first phase of C");
   d. a cue with no date in its sentence takes the date of a line just above that holds nothing
      but a date (a dated entry: "Oct 12, 2019 / The North Zone ... was completed");
   e. a date stated of no target ("Chengdu opened five new metro lines on Friday") goes to the
      projects a list within three sentences names ("The lines that opened are A, B and C").
4. **Locations**:
   a. a place is never the location of a project whose name it is;
   b. a place inside an "of <Name>" complement belongs to that name's project, unless the name
      builds it ("Construction Project of X Scenic Area": ``creating_works``);
   c. a sentence about one project only gives it every place of the sentence;
   d. otherwise a place goes to the nearest target before it (not to a group when a member list
      stands between); a place in subject position goes to the target after it, and a
      sentence-initial frame ("In Tongzhou District, A and B ...") to every target after it;
   e. in a section, a labelled line ("Location: ...", ``location_labels``; not a contact's
      "Address:") with no target gives its places to the section's project;
   f. a place after "the unveiling of", "the construction of" (``event_nouns``, works nouns) is what
      the event is about, one after "a ceremony at" (``venue_nouns``) or before "hosted" is where it
      was held, and one after a reach cue ("serving", "commuters from", "to reach", "home to":
      ``reach_cues``) is where people travel or what is served: none is a location;
   g. "this place", "here" in a sentence gives the previous sentence's places to its first target;
   h. a place inside a counting phrase ("the three new landmarks of the subcenter: A, B and C"),
      or opening the sentence of one ("Longhua will add four parks: A, B, C and D"), goes to every
      project of the set; "Those located in X include A, B" gives X to each; "X, where the Y is
      located" gives X to Y.
5. **Evidence**: the members of a counted set are reported projects, unless the set counts a
   line's stops (``stop_nouns``); so are the item names of a list opened by a line announcing
   members ("They include:") and what a conversion makes ("turning X into Y").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.context import WIRE_DATELINE, ArticleContext
from extractor.layout import heading_lists
from extractor.temporal import DateMention
from extractor.discourse import (LABEL_LINE, CueIndex, Subjects, TokenCues, count_sets, fact_boxes, phrase_regex,
                                  place_headings)
from extractor.linking import Entity, Target
from extractor.mentions import BackRef, NameMention
from extractor.models import Slot, SlotTable
from extractor.names import name_words, normalise_name
from extractor.places import PlaceMention, stop_lists
from extractor.resources import Resources
from extractor.values import ValueMention

FRAME_RE = re.compile(r"\s*(?:In|At)\s")  # a sentence-initial place frame: "In Tongzhou District, ..."
CLUSTER_CLAUSE = re.compile(r"\b(?:a|an)\s+[\w-]+\s+(?:whose|which|that)\b")
PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+\s+)?$")
INVESTMENT_BEFORE = re.compile(r"\binvestment\b(?:(?!\band\b)[^,;])*$")
INVESTMENT_AFTER = re.compile(r"\s*(?:the\s+)?investment\b")
POSSESSIVE_AFTER = re.compile(r"['’]s\b")
POSSESSED = re.compile(r"['’]s\s+((?:[a-z-]+\s+){0,2}[a-z]+)\b")  # "'s first list" -> "first list"
PER_UNIT_AFTER = re.compile(r"\s*(?:(?:invested|spent|worth)\s+)?(?:each|apiece|per\s+\w+|a\s+(?:day|piece|unit|square\s+met(?:er|re)))\b",
                            re.IGNORECASE)
AMOUNT_COMPLETED = re.compile(r"\s+(?:of\s+(?:it|which|this)\s+)?(?:was|were|has\s+been|had\s+been|is|are|will\s+be)\s+(?:\w+ly\s+)?")
COUNTED_SUBJECT = re.compile(r"\s*(?:The|These|Those|All|Both)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b")
NOT_INVESTMENT_AFTER = re.compile(r"\s+(?:(?:and|or)\s+(?:above|over|more)\b|(?:in|of)\s+(?:annual\s+|yearly\s+)?"
                                  r"(?:sales\s+)?(?:revenue|output|taxes|tax|sales|profits?)\b"
                                  r"|(?:\([^()]{0,40}\)\s+)?for\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}"
                                  r"(?:subsidy|subsidies|scheme|fund|grants?|programme|program)\b)", re.IGNORECASE)
BARE_COUNT_SUBJECT = re.compile(r"(?:,|\bwhile|\band|;)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
                                r"eleven|twelve)\s+(?:of\s+them\s+)?(?:have|has|had|were|was|are|will)\s+(?:been\s+|be\s+)?"
                                r"(?:\w+ly\s+)?(?:\w+\s+and\s+)?\Z", re.IGNORECASE)
COUNTED_OBJECT = re.compile(r"\b\d[\d,]*\s+(?:[a-z-]+\s+){0,3}[a-z]+s\s+(?:to|into)\s+\Z")  # "push 90,000 houses to completion"
HOSTED_AFTER = re.compile(r"\s+(?:hosted|hosts|will\s+host|played\s+host|was\s+the\s+venue)\b")  # a venue
PROJECTS_ARE = re.compile(r"\bprojects\b[^.;:\d]{0,40}?\b(?:are|were)\s")
PARTS_WORD = re.compile(r"\b(?:phases|sections|stages|parts)\b", re.IGNORECASE)
TOTAL_BEFORE = re.compile(r"\b(?:total|combined|overall|aggregate)\b[^,;]*\Z", re.IGNORECASE)
WHERE_AFTER = re.compile(r"\s*,?\s*where\s+(?:the\s+)?")
SITED_AFTER = re.compile(r"\s+(?:is|are|was|were|will\s+be)\s+(?:located|situated|based|built|sited|being\s+built)\b")
LOCATED_BEFORE = re.compile(r"\b(?:located|situated|based|those|ones|projects)\s+in\s+(?:the\s+)?\Z", re.IGNORECASE)
OF_NEXT = re.compile(r"\s+of\s+(?:the\s+)?")
LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-•*·▪])[ \t]+")  # "2. ", "- ", "• " opening a line
COUNT_NOUN_END = re.compile(r"\d[\d,]*\s+(?:[a-z-]+\s+){0,2}projects\s*\Z")
OWN_VALUE = re.compile(r"\s*,?\s*(?:with|worth|costing|at\s+a\s+cost\s+of|valued\s+at|covering"
                       r"|which\s+(?:has|had|will|carries|involves|received|covers|costs)\b)\b")  # "A, with ... of X"
TOGETHER = re.compile(r"\b(?:together|along)\s+with\b|\balongside\b")
RATE = re.compile(r"(?:\d|million|billion|yuan|dollars)\s+(?:per|each)\s+\w+", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b")
COPULAR_LIST = re.compile(r"\s*The\s+(?:[\w-]+\s+){0,4}?(?:lines|projects|venues|stations|buildings|facilities|sections"
                          r"|roads|bridges|parks|hospitals|schools|centers|centres|landmarks)\b(?:,|[^.;:]{0,40}?\b(?:are"
                          r"|were|include|included)\b)")  # "The lines that opened are A, B", "The three landmarks, A, B"
OPENED_COUNT = re.compile(r"\s+(?:more\s+than\s+|over\s+|about\s+|another\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|"
                            r"eight|nine|ten|dozens|hundreds)\s+(?:[a-z-]+\s+){0,3}?([a-z]+s)\b(?!\s+of\b)", re.IGNORECASE)
NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+\Z", re.IGNORECASE)
AMONG_THEM = re.compile(r"\b(?:are|is|were|was)\s+(?:all\s+)?among\s+(?:them|these|those|the\s+(?:projects|key\s+projects))\b",
                        re.IGNORECASE)
FARE_WORDS = re.compile(r"\b(?:fares?|tickets?|ticket\s+prices?|admission|trips?|rides?)\b", re.IGNORECASE)
HOSTED_EVENT = re.compile(r"\b(?:host|hosts|hosted|hosting|stage|stages|staged|staging|attend|attends|attended)\s+"
                          r"(?:the\s+|an?\s+|its\s+)?(?:\w+\s+)?\Z", re.IGNORECASE)
SUPERSEDED = re.compile(r"\b(?:originally|initially|previously|formerly)\s+(?:\w+\s+)?$", re.IGNORECASE)
# a new clause whose subject is a plain noun phrase right before a passive cue: "that the tasks ... are"
OTHER_SUBJECT = re.compile(r"(?:\bthat|;|,\s+and)\s+the\s+[a-z][a-z\s-]{2,60}?\s+(?:is|are|was|were|will\s+be|to\s+be)"
                           r"(?:\s+\w+ly)?\s*$")


class Ledger:
    """The values assigned to each entity, slot by slot; a value stated again (same value and unit,
    whatever its hedge; for places, the same name key) is kept
    once, at its first assignment. Places are kept by surface form ("Lize Business District" and
    "Lize Financial Business District" are both listed, as the gold does)."""

    def __init__(self, slots: SlotTable):
        self.slots = slots
        self._values: dict[int, dict[str, list[ValueMention]]] = {}
        self.evidence: set[int] = set()  # entities the text reports as built, planned or opened
        self.parts: dict[int, Entity] = {}
        self.stops: set[int] = set()  # stations listed as a line's stops: context, never records
        self.entities: dict[int, Entity] = {}  # id -> project, for values given to a group's members
        self.unowned_date: tuple[int, ValueMention] | None = None  # a completion stated of no target yet

    def add(self, entity: Entity, slot: str, item: ValueMention) -> None:
        entity = self.parts.get(entity.id, entity)  # a component's values are its project's
        existing = self._values.setdefault(entity.id, {}).setdefault(slot, [])
        if self.slots[slot].assign == "place":
            key = normalise_name(item.text)
            if any(normalise_name(x.text) == key for x in existing):
                return
        else:
            k = (item.value, item.unit)
            if any((x.value, x.unit) == k for x in existing):
                return
        existing.append(item)

    def mark_evidence(self, entity: Entity) -> None:
        self.evidence.add(entity.id)

    def mark_part(self, entity: Entity, owner: Entity) -> None:
        """A component of ``owner`` ("the center's computing platform"): never a record."""
        self.parts[entity.id] = owner

    def values(self, entity: Entity, slot: str) -> list[ValueMention]:
        return self._values.get(entity.id, {}).get(slot, [])

    def has_values(self, entity: Entity, beyond: tuple[str, ...] = ()) -> bool:
        """Whether any value is assigned to ``entity`` (in slots other than ``beyond``)."""
        return any(v for slot, v in self._values.get(entity.id, {}).items() if slot not in beyond)


RELATIVE_OPEN = re.compile(r",\s+(?:which|who|whose|that)\b")


def _in_relative_clause(text: str, sent_start: int, t: Target, pos: int) -> bool:
    """"The Sunway TaihuLight, which the Wuxi facility developed, came third with 125 petaflops": the
    Wuxi facility sits in a relative clause that closes before the value; it is not the subject."""
    opener = None
    for opener in RELATIVE_OPEN.finditer(text, sent_start, t.start):
        pass
    return opener is not None and "," not in text[opener.end() : t.start] and "," in text[t.end : pos]


def _listed_after_colon(text: str, targets: list[Target], t: Target, ledger: Ledger) -> list[Target]:
    """"another three projects will be finished in 2021: A; B; and C": the listed projects share the
    group's date."""
    if t.entity.kind != "project_group":
        return []
    colon = text.find(":", t.end)
    if colon < 0 or any(x.entity.kind == "project_group" and t.end <= x.start < colon for x in targets):
        return []  # another group stands between: the list is that group's
    return [x for x in targets if x.start > colon and x.entity.kind == "project" and x.entity.id not in ledger.parts]


def _members_carry_values(text: str, targets: list[Target], t: Target, v: ValueMention) -> bool:
    """"A, with a total investment of X, and B, with ...": each listed member carries its own value
    (a member before ``t`` has one too, or the list goes on after the value); "26 projects including
    A and B, with a total investment of 38 billion yuan" gives the group's."""
    before = [x for x in targets if x.role == "member" and x.end <= t.start]
    after = [x for x in targets if x.role == "member" and x.start >= v.end]
    return bool(after) or (bool(before) and bool(OWN_VALUE.match(text, before[-1].end)))


def _attribute_owner(targets: dict[int, list[Target]], k: int, ledger: Ledger) -> Entity | None:
    """Whom "Investment planned for the year came to X" is about: the last entity of the sentence
    before that already has an amount ("120 projects with a total investment of ..."), else, when
    that sentence counts projects ("15 new projects and 26 to be completed"), the article's first
    group (the list the sub-counts belong to)."""
    before = targets.get(k - 1, [])
    for t in reversed(before):
        if any(ledger.values(t.entity, s) for s in ("investment", "area")):
            return t.entity
    if not any(t.entity.kind == "project_group" for t in before):
        return None
    return next((t.entity for j in range(k) for t in targets.get(j, []) if t.entity.kind == "project_group"), None)


# "A, B and C sit within the 'green sea' of | the X Park": one short predicate, no comma, before the place
SHARED_PLACE = re.compile(r"\s+(?:all\s+|both\s+)?(?:sit|sits|stand|stands|are|lie|lies|will\s+be)\s+(?:located\s+)?"
                          r"(?:in|within|inside|at|on)\b[^,;.]{0,30}")


# "A, B and C will connect downtown Beijing with Tongzhou district": the route ends of each line
SHARED_ROUTE = re.compile(r"\s*,?\s+(?:all\s+|both\s+)?(?:will\s+|would\s+|are\s+to\s+)?(?:all\s+)?"
                          r"(?:connect|link|join|run\s+(?:from|between|to)|extend\s+to)\b[^,;.]{0,60}")


NAMED_FOR_TOWN = frozenset({"station", "airport", "port", "terminal"})
APPROACHING = re.compile(r"\b(?:closer|nearer|close|near|nearing|approaching|towards?|way\s+to)\s+(?:to\s+|towards?\s+)?\Z",
                         re.IGNORECASE)


def _after_dateline(clause: str) -> str:
    """The clause without the wire dateline that opens it ("BEIJING, Oct. 21 (Xinhua) -- Boring of ...")."""
    m = WIRE_DATELINE.match(clause, len(clause) - len(clause.lstrip()))
    return clause[m.end():] if m else clause


RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|where)\b")  # a relative clause between a cue and its first date
NAME_BRACKET = re.compile(r"\s*\([^()]*\Z")  # an open bracket right after a name, the cue inside it
TRANSFER_BRACKET = re.compile(r"\(\s*(?:to|transfer\s+to|interchange\s+with|change\s+to)\s", re.IGNORECASE)
OTHER_ITEM = re.compile(r"\band\s+([A-Z][\w'’-]*)[^,;.]*\Z")  # a coordinated item the place may close
IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?\Z")
STOP_PRONOUN = re.compile(r"(?:its|their|the\s+line's)\b", re.IGNORECASE)


def _stop_owners(ctx: ArticleContext, targets: dict[int, list[Target]]) -> dict[tuple[int, int], Entity]:
    """A stop listed on a line of its own ("Its stops are:" then "• Dongdaqiao (interchange with Line 6)",
    "• Jingguang Qiao") is a stop of the one project the list's opening sentence is about."""
    out = {}
    for start, items in stop_lists(ctx.text):
        opener = ctx.sent_at(start)
        here = targets.get(opener, [])
        owner = _only_project(here if STOP_PRONOUN.match(ctx.text, start) else [t for t in here if t.role == "explicit"])
        if owner is None:
            continue  # (a described subject, "The 372-km section ... has 11 stations:", may be misread: no guess)
        for span in items:
            if ctx.sent_at(span[0]) != opener:
                out[span] = owner
    return out


def _only_project(before: list[Target]) -> Entity | None:
    """The one project a sentence is about, if it names exactly one."""
    projects = {t.entity.id: t.entity for t in before if t.entity.kind == "project"}
    return next(iter(projects.values())) if len(projects) == 1 and len(before) == len(
        [t for t in before if t.entity.kind == "project"]) else None


def as_value(d: DateMention | PlaceMention, slot: str) -> ValueMention:
    """A date or a place as a slot value."""
    if isinstance(d, DateMention):
        return ValueMention(slot, d.start, d.end, d.text, d.value, None, d.mod)
    return ValueMention(slot, d.start, d.end, d.text, None, None, None)


class Assigner:
    """The assignment rules of the module docstring, compiled from cue lists; no per-article state."""

    def __init__(self, res: Resources, slots: SlotTable):
        c = res.cues
        self.slots = slots
        self.completion_cues = TokenCues(c.completion_cues)
        self.active_completion = set(c.completion_active_forms)
        self.start_re = phrase_regex(c.start_cues)
        self.member_re = phrase_regex(c.member_openers)
        self.stop_nouns = frozenset(c.stop_nouns)
        self.sight_nouns = frozenset(c.sight_nouns)
        self.production_cues = frozenset(w for w in c.completion_cues if w.endswith(" production") and "into" not in w)
        self.member_after_re = re.compile(r"\s*,?\s*(?:are\b|" + self.member_re.pattern + ")", re.IGNORECASE)
        self.reach_re = phrase_regex(c.reach_cues)
        self.cue_modifies = set(c.completion_cue_modifies)
        self.joint_re = phrase_regex(c.joint_cues)
        self.creating_of_re = re.compile(phrase_regex(c.creating_works).pattern + r"(?:\s+project)?\s+of\s+(?:the\s+)?\Z",
                                         re.IGNORECASE)
        self.location_label_re = phrase_regex(c.location_labels)
        self.component_re = phrase_regex(c.component_openers)
        heads = "|".join(re.escape(h) for h in c.project_backrefs)
        self.owned_re = re.compile(rf"\bthe\s+(?:{heads})['’]s\s+(?:[a-z]+\s+){{0,2}}[\"“]?\Z", re.IGNORECASE)
        self.start_or_re = re.compile(phrase_regex([*c.start_cues, "signed"]).pattern + r"\s*(?:\(|or\b|/)\s*(?:\w+\s+)?\Z", re.IGNORECASE)
        self.venue_re = re.compile(phrase_regex(c.venue_nouns).pattern + r"[^,;.]{0,30}?\b(?:at|in)\s+(?:the\s+)?\Z",
                                   re.IGNORECASE)
        self.event_of_re = re.compile(phrase_regex([*c.event_nouns, *res.works_nouns]).pattern + r"\s+of\s+(?:the\s+)?\Z",
                                      re.IGNORECASE)
        self.evidence_cues = TokenCues([*c.project_cues, *c.completion_cues, *c.start_cues], plural=True)
        self.works_of_cues = TokenCues([*res.works_nouns, *c.event_nouns], plural=True, then=r"\s+of\b")
        self.member_cues = TokenCues(c.member_openers)
        self.list_intro_re = phrase_regex([*c.member_openers, "projects", "following"])
        self.converted_into_re = re.compile(phrase_regex(c.conversion_verbs).pattern + r"[^.;:]*?\binto\s+(?:the\s+|an?\s+)?",
                                            re.IGNORECASE)  # "turning X into <the works>"
        # lower case only: "Zhangjiawan Design Town Center" names no design works
        self.partial_re = re.compile(phrase_regex(c.partial_works).pattern)
        # "The main body of the X Observatory (X) was finished": the clause's subject is a part of X
        self.partial_subject = re.compile(rf"\s*(?:(?:the|its)\s+)?(?:{phrase_regex(c.partial_works).pattern})(?:\s+(?:project|works))?\s+(?:of|for)\b",
                                          re.IGNORECASE)
        self.collective = set(c.collective_group_nouns)
        self.set_nouns = frozenset(c.set_nouns)
        self.project_cue_modifies = frozenset(c.project_cue_modifies)
        # "the exhibition opened", "the forum was launched": a cue whose subject is an event (``event_names``)
        self.event_subject = re.compile(r"\b(?:the|this|that|its|an?)\s+(?:[a-z-]+\s+){0,2}"
                                        + phrase_regex(c.event_names).pattern.replace("(?i)", "")
                                        + r"\s+(?:(?:has|had|have|was|were|will)\s+)?(?:been\s+|be\s+)?\Z", re.IGNORECASE)
        self.stop_owner: dict[tuple[int, int], Entity] = {}  # the article's bulleted stops and their line
        self.blockers = {s.name: [(phrase_regex(getattr(c, cues)), window) for cues, window in s.blocked_by]
                         for s in slots}
        self.subjects = Subjects(res)
        self.number_words = dict(res.temporal.number_words)
        self.sets: dict = {}  # the article's counted sets while it is assigned
        self.heads = res.heads
        self.date_slot = next((s.name for s in slots if s.assign == "date"), None)
        self.place_slot = next((s.name for s in slots if s.assign == "place"), None)

    def assign(self, ctx: ArticleContext, targets: dict[int, list[Target]], sections: dict[int, Entity | None],
               values: list[ValueMention], dates: list[DateMention], places: list[PlaceMention],
               names: list[NameMention], projects: list[Entity], backrefs: list[BackRef]) -> Ledger:
        ledger = Ledger(self.slots)
        cues = _Cues(*(CueIndex(r, ctx) for r in (self.evidence_cues, self.works_of_cues, self.member_cues,
                                                  self.completion_cues)))
        vals, dats, plcs = _by_sentence(ctx, values), _by_sentence(ctx, dates), _by_sentence(ctx, places)
        names_in: dict[int, list[NameMention]] = {}  # each sentence's names: one pass, not one a sentence
        for n in names:
            names_in.setdefault(n.sent, []).append(n)
        place_sents = {b.sent for b in backrefs if b.target == "place"}
        boxes = fact_boxes(ctx, targets)
        if self.place_slot:
            for place, project in place_headings(ctx, targets, plcs).values():
                ledger.add(project, self.place_slot, as_value(place, self.place_slot))
        ledger.entities = {e.id: e for e in projects}
        explicit = {k: [t for t in ts if t.role != "backref"] for k, ts in targets.items()}
        self.sets = count_sets(ctx, explicit, self.number_words, self.set_nouns)
        for _, members, _, _, noun in (s for sets in self.sets.values() for s in sets):
            for e in members:  # "Longhua will add eight parks this year: A, B, ... and H" (but "It will
                if noun in self.stop_nouns:  # have three stops, A, B and C": a line's stops)
                    ledger.stops.add(e.id)
                elif noun not in self.sight_nouns:  # (nor "the ten most visited places": sights)
                    ledger.mark_evidence(e)
        for e, owner in self.parts(ctx, targets, projects):
            ledger.mark_part(e, owner)
        self.stop_owner = _stop_owners(ctx, targets) if self.place_slot else {}
        for k, sent in enumerate(ctx.sents):
            here = targets[k]
            fallback = None
            if not here and sections.get(k) is not None and not self.subjects.other_subject(sent, places):
                fallback = sections[k]
            elif not here and k in boxes:
                fallback = boxes[k]
            elif not here and k > 0 and self.subjects.attribute_opening(sent):
                fallback = _attribute_owner(targets, k, ledger)
            self.link_amounts(ctx, sent, here, fallback, vals.get(k, []), ledger)
            if not here and fallback is None and k > 0 and self.subjects.completion_opening(sent):
                fallback = _only_project(targets.get(k - 1, []))  # "Completion is expected by the end of 2020."
            heading = dats.get(k - 1, []) if k > 0 and _date_line(ctx, k - 1, dats.get(k - 1, [])) else []
            self.link_completion(ctx, sent, here, fallback, dats.get(k, []), vals.get(k, []), ledger, cues, heading)
            self.listed_after_count(ctx, sent, k, here, ledger)
            self.link_places(ctx, sent, k, here, fallback, plcs.get(k, []), names_in.get(k, []), projects, ledger)
            self.mark_evidence(ctx, sent, here, sections.get(k), ledger, cues)
            if k in place_sents and here and k > 0 and self.place_slot:
                for p in plcs.get(k - 1, []):
                    ledger.add(here[0].entity, self.place_slot, as_value(p, self.place_slot))
        self._dated_heading_lists(ctx, targets, dats, ledger, cues)
        if self.place_slot:
            _subsets_inherit_places(ctx, targets, ledger, self.place_slot)
            _framed_groups(ctx, targets, plcs, ledger, self.place_slot)
        return ledger

    def _dated_heading_lists(self, ctx: ArticleContext, targets: dict[int, list[Target]],
                             dats: dict[int, list[DateMention]], ledger: Ledger, cues: "_Cues") -> None:
        """The project each line of a heading list names is a reported project, and a heading that
        states a completion with a date ("Projects planned to put into production in 2022") dates
        each of them (:mod:`extractor.layout`)."""
        for hl in heading_lists(ctx.text):
            k = ctx.sent_at(hl.heading[0])
            dated = [d for d in dats.get(k, []) if d.value and hl.heading[0] <= d.start < hl.heading[1]]
            cued = any(True for _ in cues.completion.between(*hl.heading))
            for start, end in hl.items:
                item = next((t for t in targets.get(ctx.sent_at(start), []) if t.entity.kind == "project"
                             and start <= t.start < end and not TRANSFER_BRACKET.search(ctx.text, start, t.start + 1)), None)
                # (the item's own name, not the line it transfers to: "Renmin University (to Line 4)")
                if item is None:
                    continue
                ledger.mark_evidence(item.entity)
                if dated and cued and self.date_slot:
                    ledger.add(item.entity, self.date_slot, as_value(dated[0], self.date_slot))

    def parts(self, ctx: ArticleContext, targets: dict[int, list[Target]],
              projects: list[Entity]) -> list[tuple[Entity, Entity]]:
        """Components of a project, with the project: what a first mention lists after "The center
        is made up of" (``component_openers``) behind the project, or names as "the center's X" after
        a project named just before."""
        text = ctx.text
        out = []
        for e in projects:
            first = min(e.mentions, key=lambda m: m.start)
            sent = ctx.sents[first.sent]
            owner = None
            opener = None
            for opener in self.component_re.finditer(text, sent.start_char, first.start):
                pass
            if opener is not None:
                owner = next((t.entity for t in reversed(targets.get(first.sent, []))
                              if t.entity is not e and t.entity.kind == "project" and t.start <= opener.start()), None)
            elif self.owned_re.search(text, max(sent.start_char, first.start - 30), first.start):
                owner = next((t.entity for k in range(first.sent, max(-1, first.sent - 4), -1)
                              for t in reversed(targets.get(k, [])) if t.entity is not e
                              and t.entity.kind == "project" and t.end <= first.start), None)
            if owner is not None:
                out.append((e, owner))
        return out

    # ------------------------------------------------------------------ evidence
    def mark_evidence(self, ctx: ArticleContext, sent, targets: list[Target], section: Entity | None,
                      ledger: Ledger, cues: "_Cues") -> None:
        """Which entities the sentence reports as a project: the target a project cue ("build",
        "construction", "completed", "will cost") is stated of (the object of a works noun:
        "expansions of A and B"), a listed member of a group, the
        project a section heading names. A name with none of these (nor a value) is context: "the
        line will take pressure off Line 13", "said the president of Xinhua Hospital"."""
        text = ctx.text
        if not targets:
            return
        priced = FARE_WORDS.search(text, sent.start_char, sent.end_char) is not None
        bracketed: set[int] = set()  # first marked here by a bracket after the name: "Line 3 (still under construction)"
        for c_start, c_end, _ in cues.evidence.between(sent.start_char, sent.end_char):
            aside = NAME_BRACKET.search(text, max(sent.start_char, c_start - 30), c_start)
            owner = next((t for t in targets if t.end == aside.start()), None) if aside is not None else None
            if owner is not None:  # the bracket speaks of the name just before it, and of no list it stands in
                if owner.entity.id not in ledger.evidence:
                    bracketed.add(owner.entity.id)
                ledger.mark_evidence(owner.entity)
                continue
            if self.event_subject.search(text, max(sent.start_char, c_start - 40), c_start):
                continue  # "since the exhibition opened in June": an event opened, not a works
            following = NEXT_WORD.match(text, c_end)
            if following and following.group(1).lower() in self.project_cue_modifies:
                continue  # "75 hours of extended service": an adjective, no works
            if priced and text[c_start:c_end].lower() in ("cost", "costs"):
                continue  # "a one-way ticket on Line 4 costs 7 yuan, as does a trip to Line 3": a price, not a works
            t = _outside_apposition(text, targets, pick(targets, c_start, amounts=False), c_start)
            if t is not None and t.start >= c_end and not CUE_REACHES.fullmatch(text, c_end, t.start):
                continue  # "Once finished, the airport will work alongside X": another clause's name
            if t is not None:
                ledger.mark_evidence(t.entity)
        for _, c_end, _ in cues.works_of.between(sent.start_char, sent.end_char):
            after = [t for t in targets if t.start >= c_end]  # "expansions of A and B": the works' objects
            if after:
                ledger.mark_evidence(after[0].entity)
        listed = [c_start for c_start, _, _ in cues.members.between(sent.start_char, sent.end_char)]
        among = AMONG_THEM.search(text, sent.start_char, sent.end_char)  # "A, B and C are among them": listed before
        if among is not None:
            for t in targets:
                if t.start < among.start():
                    ledger.mark_evidence(t.entity)
        listed += [m.end() - 1 for m in PROJECTS_ARE.finditer(text, sent.start_char, sent.end_char)]  # "Projects on the list are A, B"
        self._mark_made_and_listed(text, sent, targets, ledger)
        for t in targets:
            if t.role == "member" or (section is not None and t.entity is section) or any(p < t.start for p in listed):
                ledger.mark_evidence(t.entity)  # "... including X and Y", "such as X"
        for chain in _coordinations(text, targets):
            if any(t.entity.id in ledger.evidence and t.entity.id not in bracketed for t in chain):
                for t in chain:
                    ledger.mark_evidence(t.entity)

    def _mark_made_and_listed(self, text: str, sent, targets: list[Target], ledger: Ledger) -> None:
        """What a conversion makes ("turning the old mill into the X Park") and the name an item of
        an announced list opens with ("They include:" then "2. X Base in Y Zone;") are reported
        as projects."""
        for m in self.converted_into_re.finditer(text, sent.start_char, sent.end_char):
            made = next((t for t in targets if t.start == m.end()), None)
            if made is not None:
                ledger.mark_evidence(made.entity)
        item = _introduced_list_item(text, sent.start_char, self.list_intro_re)
        first = next((t for t in targets if item is not None and item <= t.start <= item + 4), None)
        if first is not None:
            ledger.mark_evidence(first.entity)

    # ------------------------------------------------------------------ amounts
    def link_amounts(self, ctx: ArticleContext, sent, targets: list[Target], fallback: Entity | None,
                     values: list[ValueMention], ledger: Ledger) -> None:
        text = ctx.text
        paired = _respective_amounts(text, sent.end_char, targets, values)
        if any(self._blocked(text, sent.start_char, v) for _, v in paired):
            paired = []  # ("revenues of 2 and 3 billion yuan respectively": no investment)
        for t, v in paired:
            ledger.add(t.entity, v.slot, v)
        for v in (v for v in values if all(v is not w for _, w in paired)):
            if self._blocked(text, sent.start_char, v) or self._joint(text, sent.start_char, v, targets):
                continue
            # "the 43,000-square-meter data center of X": a value modifying a name is that name's
            # "They include A, with a total investment of X, and B, ...": a listed project's own value
            own = [t for t in targets if t.end <= v.start and t.entity.kind == "project" and OWN_VALUE.match(text, t.end)
                   and not any(t.end < x.start < v.start for x in targets)
                   and (t.role != "member" or _members_carry_values(text, targets, t, v))]
            t = next((t for t in targets if t.start > v.end and PRENOMINAL_GAP.fullmatch(text, v.end, t.start)), None) \
                or (own[-1] if own else None) or pick([t for t in targets if not _in_relative_clause(text, sent.start_char, t, v.start)],
                        v.start, amounts=True)
            if t is not None and t.entity.kind == "project_group" and TOTAL_BEFORE.search(text, max(0, v.start - 30), v.start):
                t = self._whole_of_listed_groups(text, targets, t)  # "13 projects, including 2 X projects and
            if t is not None:                                       # 10 Y projects, with a total investment of"
                between = text[t.end : v.start] if t.end <= v.start else ""
                if CLUSTER_CLAUSE.search(between) or (t.end <= v.start and t.entity.kind == "project"
                                                      and not OWN_VALUE.match(between)
                                                      and self._shared(text, sent.start_char, t, targets)):
                    continue
                ledger.add(t.entity, v.slot, v)
            elif fallback is not None:
                ledger.add(fallback, v.slot, v)

    def _whole_of_listed_groups(self, text: str, targets: list[Target], t: Target) -> Target:
        """The group whose "including" lists ``t`` and another sub-group when a total follows the list
        ("These include 34 projects in three industries, with a total investment of X": one part listed,
        the total is the part's)."""
        for g in targets:
            parts = [x for x in targets if x.entity.kind == "project_group" and g.end <= x.start and x.end <= t.end]
            if g.entity.kind == "project_group" and g.end <= t.start and g is not t and len(parts) >= 2 \
                    and self.member_re.search(text, g.end, t.start) and ";" not in text[g.end : t.start]:
                return g
        return t

    def _shared(self, text: str, sent_start: int, t: Target, targets: list[Target]) -> bool:
        """A value after a list is the list's: "Line 1, Line 2 and Line 6 drew 8.8 billion yuan" (two
        or more coordinated projects), "public welfare projects, such as A and B, received 770
        million yuan" (examples of an uncounted kind)."""
        chain = {x.entity.id for x in _chain_of(text, targets, t) if x.entity.kind == "project"}
        if len(chain) >= 2:
            return True
        opener = None
        for opener in self.member_re.finditer(text, sent_start, t.start):
            pass
        return opener is not None and not any(x.entity.kind == "project_group" and x.end <= opener.start()
                                              for x in targets)

    def _joint(self, text: str, sent_start: int, v: ValueMention, targets: list[Target]) -> bool:
        """"The three landmarks, A, B and C, will together cover 300,000 square meters": a value
        stated of several projects jointly (``joint_cues``) belongs to none of them."""
        if not self.joint_re.search(text, sent_start, v.start):
            return False
        before = {t.entity.id for t in targets if t.end <= v.start and t.entity.kind == "project"}
        groups = any(t.entity.kind == "project_group" for t in targets if t.end <= v.start)
        return not groups and (len(before) >= 2 or bool(COUNTED_SUBJECT.match(text, sent_start)))

    def _blocked(self, text: str, sent_start: int, v: ValueMention) -> bool:
        blockers = self.blockers.get(v.slot)
        if not blockers:
            return False
        if PER_UNIT_AFTER.match(text, v.end) or (v.slot == "investment" and NOT_INVESTMENT_AFTER.match(text, v.end)):
            return True  # "worth 1 billion yuan each", "12,000 yuan per square meter", "1 billion yuan and above",
            # "700 million yuan in annual sales revenue"
        clause = RATE.sub(" ", clause_before(text, sent_start, v.start))  # "RMB 1.20 million per mu for 901.75 mu"
        if v.slot == "investment" and v.mod in ("MORE_THAN", "LESS_THAN") and COUNT_NOUN_END.search(clause):
            return True  # "9 projects above 2 billion yuan": a size class, not the total
        sentence = text[sent_start : v.start]
        return any(regex.search(sentence if window == "sentence" else sentence[-80:] if window == "near"
                                else clause[-window:] if window else clause)
                   for regex, window in blockers)

    # ------------------------------------------------------------------ completion
    def link_completion(self, ctx: ArticleContext, sent, targets: list[Target], fallback: Entity | None,
                        dates: list[DateMention], values: list[ValueMention], ledger: Ledger, cues: "_Cues",
                        heading_dates: list[DateMention] = ()) -> None:
        if self.date_slot is None:
            return
        text = ctx.text
        usable = [d for d in dates if d.value and not UNTIL_BEFORE.search(text, max(0, d.start - 12), d.start)
                  and not d.text.lower().startswith(("until ", "till "))] \
            or [d for d in heading_dates if d.value]  # ("the trial runs until the end of March": how long, no completion)
        if not usable:
            return
        found = list(cues.completion.between(sent.start_char, sent.end_char))
        strong = any(word.lower() not in self.production_cues for _, _, word in found)
        for c_start, c_end, word in found:
            if self._not_a_completion(text, sent.start_char, c_start, c_end, word, values) or not usable:
                continue
            if strong and word.lower() in self.production_cues:
                continue  # "began production in December, two months after it was completed in October"
            next_cue = min((s for s, _, _ in found if s > c_end + 25), default=sent.end_char)  # ("opened for trial operation" is one)
            if RESPECTIVELY.search(text, c_end, sent.end_char):
                self._respective(targets, usable, ledger, text[sent.start_char : c_start])  # "They open in 2025 and 2023 respectively"
                continue
            date = self._date_of_cue(text, c_start, c_end, word, [d for d in usable if d.start < next_cue or d.end <= c_start],
                                     targets)  # (a date after a later cue is that cue's)
            if date is None:
                continue
            evidence = as_value(date, self.date_slot)
            noun_cue = word.lower().startswith("start of")  # "marked the start of operations at the X Center"
            if word.endswith((" of", " for")) or noun_cue:  # "marking the opening of A and B": what the cue is of
                objects = [t for t in targets if t.start >= c_end and t.role != "member"]
                chain = next((c for c in _coordinations(text, objects) if c[0] is objects[0]), objects[:1]) if objects else []
                if chain and re.fullmatch(r"\s*(?:(?:at|on|of|for)\s+)?(?:the\s+)?" if noun_cue else r"\s*(?:the\s+)?",
                                          text[c_end : chain[0].start]):
                    for t in chain:
                        ledger.add(t.entity, self.date_slot, evidence)
                    continue
            if word in self.active_completion:
                objects = [t for t in targets if t.start >= c_end and t.role != "member"
                           and not self.start_re.search(text[c_end : t.start])]
                if objects and not PASSIVE_BEFORE.search(text[max(0, c_start - 20) : c_start].lower()):
                    for t in objects:
                        ledger.add(t.entity, self.date_slot, evidence)
                    continue
            venues = [t for t in targets if VENUE_AFTER_CUE.fullmatch(text, c_end, t.start)]  # "opened at the X museum"
            t = _outside_apposition(text, targets, pick([t for t in targets if t not in venues], c_start, amounts=False),
                                    c_start)
            if t is not None and self._other_subject_before(text, sent.start_char, c_start, targets):
                continue  # "... and ensure that the renovation tasks are completed within four years"
            if t is not None:
                for owner in _chain_of(text, targets, t) + self._accompanying(text, sent.end_char, c_end, targets) \
                        + _listed_after_colon(text, targets, t, ledger):
                    ledger.add(owner.entity, self.date_slot, evidence)  # "A, B and C opened on Wednesday"
            elif fallback is not None:
                ledger.add(fallback, self.date_slot, evidence)
            else:
                ledger.unowned_date = (sent.start_char, evidence)  # "X opened five new lines on Friday"

    def listed_after_count(self, ctx: ArticleContext, sent, k: int, targets: list[Target], ledger: Ledger) -> None:
        """"Chengdu opened five new metro lines on Friday. ... The lines that opened are A, B and C":
        a list naming what a date was stated of, within three sentences, gives each item the date."""
        if self.date_slot is None or ledger.unowned_date is None or not targets:
            return
        start, evidence = ledger.unowned_date
        if k - ctx.sent_at(start) > 3 or not COPULAR_LIST.match(ctx.text, sent.start_char):
            return
        for t in targets:
            if t.entity.kind == "project":
                ledger.add(t.entity, self.date_slot, evidence)
                ledger.mark_evidence(t.entity)

    def _respective(self, targets: list[Target], dates: list[DateMention], ledger: Ledger, before: str = "") -> None:
        """Dates listed "respectively" go, in order, to the members of the group the sentence is
        about (or nowhere when the counts differ); dates of one project's unnamed phases ("Its first
        and second phases were completed in March and April, respectively") all go to it."""
        group = next((t.entity for t in targets if t.entity.kind == "project_group"), None)
        projects = {t.entity.id: t.entity for t in targets if t.entity.kind == "project"}
        if group is None and len(projects) == 1 and PARTS_WORD.search(before):
            for date in dates:
                ledger.add(next(iter(projects.values())), self.date_slot, as_value(date, self.date_slot))
            return
        if group is None or len(group.members) != len(dates):
            return
        for member_id, date in zip(group.members, dates):
            if member_id in ledger.entities:
                ledger.add(ledger.entities[member_id], self.date_slot, as_value(date, self.date_slot))

    @staticmethod
    def _accompanying(text: str, sent_end: int, c_end: int, targets: list[Target]) -> list[Target]:
        """"A opened on Dec 15, together with B and C": the projects after "together with" share it."""
        m = TOGETHER.search(text, c_end, sent_end)
        if m is None:
            return []
        first = [t for t in targets if t.start >= m.end() and t.entity.kind == "project"]
        return _chain_of(text, targets, first[0]) if first else []

    @staticmethod
    def _other_subject_before(text: str, sent_start: int, c_start: int, targets: list[Target]) -> bool:
        """A passive completion whose subject is a plain noun phrase of a new clause ("that the
        renovation tasks ... are completed") is not stated of an earlier target."""
        window = text[max(sent_start, c_start - 90) : c_start]
        m = OTHER_SUBJECT.search(window)
        if m is None:
            return False
        subject_start = c_start - len(window) + m.start()
        return not any(subject_start <= t.start < c_start for t in targets)

    def _not_a_completion(self, text: str, sent_start: int, c_start: int, c_end: int, word: str,
                          values: list[ValueMention]) -> bool:
        if word in ("open", "opens") and re.match(r"\s*up\b", text[c_end : c_end + 4]):
            return True  # "open up to the outside world" is policy, not an opening
        counted = OPENED_COUNT.match(text, c_end) if word in ("open", "opens", "opened") else None
        if counted and counted.group(1).lower() not in self.set_nouns | {"projects", "sections"}:
            return True  # "expects to have opened 116 air routes by the end of this year" (not "opened five new lines")
        following = NEXT_WORD.match(text, c_end)
        if following and following.group(1).lower() in self.cue_modifies:
            return True  # "operational testing", "completion rate": the cue word modifies another noun
        if APPROACHING.search(text, max(sent_start, c_start - 25), c_start):
            return True  # "came a big step closer to completion on Tuesday", "nearing completion": not yet
        if self.event_subject.search(text, max(sent_start, c_start - 40), c_start):
            return True  # "the exhibition opened in June": an event, not the works
        if HOSTED_EVENT.search(text, max(sent_start, c_start - 30), c_start):
            return True  # "the stadium will host the opening of the Super League in late August": an event's opening
        if SUPERSEDED.search(text[max(sent_start, c_start - 25) : c_start]):
            return True  # "Originally due in 2024, the hospital is now expected to open in mid-2025"
        clause = clause_before(text, sent_start, c_start)
        if self.partial_re.search(clause[-40:]) or self.partial_subject.match(_after_dateline(clause)):
            return True  # "Its structural construction was completed in August": a part of the works
        before_words = text[max(sent_start, c_start - 60) : c_start].lower()
        if INVESTMENT_BEFORE.search(before_words) or INVESTMENT_AFTER.match(text[c_end : c_end + 40].lower()):
            return True
        if BARE_COUNT_SUBJECT.search(text, max(sent_start, c_start - 40), c_start):
            return True  # "48 projects started, while 19 have been completed": the 19, not the 48
        if COUNTED_OBJECT.search(text, max(sent_start, c_start - 60), c_start):
            return True
        if self.start_or_re.search(text, max(sent_start, c_start - 20), c_start):
            return True  # "76 projects were started or completed", "a start (completion) event": no claim
        # "complete RMB 278 billion of investment", "83.69 billion yuan was completed": the amount is
        # completed, not a project
        return any(v.slot == "investment" and (c_end <= v.start and v.end <= c_end + 30
                                               or AMOUNT_COMPLETED.fullmatch(text, v.end, c_start)) for v in values)

    def _date_of_cue(self, text: str, c_start: int, c_end: int, word: str,
                     usable: list[DateMention], targets: list[Target] = ()) -> DateMention | None:
        if word == "construction period":
            after = [d for d in usable if d.start >= c_end]
            return after[-1] if after else None
        reach = 160 if word == "completion" else 70  # "Completion of the X plot, home to ..., is due in May"

        def gap(d: DateMention) -> int:  # names between the cue and the date do not count against its reach
            return d.start - c_end - sum(t.end - t.start for t in targets if c_end <= t.start and t.end <= d.start)
        after = [d for d in usable if d.start >= c_end and gap(d) <= reach
                 and not self.start_re.search(text[c_end : d.start]) and ";" not in text[c_end : d.start]]
        rel = RELATIVE_CLAUSE.search(text, c_end, after[0].start) if after else None
        close = text.find(",", after[0].end) if rel is not None else -1
        if close >= 0:  # "began using X, which had treated SARS patients in 2003, on Sunday": Sunday, after the clause
            closed = [d for d in usable if d.start > close and d.start - close <= reach and ";" not in text[close : d.start]]
            after = closed[:1] or after
        before = [d for d in usable if d.end <= c_start and ";" not in text[d.end : c_start]
                  and not self.start_re.search(text, max(0, d.start - 25), d.start)]  # not "started in April 2011"
        return after[0] if after else (before[-1] if before else None)

    # ------------------------------------------------------------------ places
    def link_places(self, ctx: ArticleContext, sent, k: int, targets: list[Target], fallback: Entity | None,
                    places: list[PlaceMention], names: list[NameMention], projects: list[Entity],
                    ledger: Ledger) -> None:
        if self.place_slot is None:
            return
        slot, text = self.place_slot, ctx.text
        own_names: set[str] = set()
        for ent in {t.entity.id: t.entity for t in targets}.values():
            own_names |= ent.name_keys()
        sole_project = _only_project(targets)
        complements = [n for n in names if n.complement and n.sent == k]
        names = [n for n in names if n.sent == k]
        for p in places:
            if (p.start, p.end) in self.stop_owner:
                ledger.add(self.stop_owner[(p.start, p.end)], slot, as_value(p, slot))
                continue  # a bulleted stop of the list's line
            if normalise_name(p.text) in own_names:
                continue  # a project is not its own location
            opens = not text[sent.start_char : p.start].strip()  # "Longhua will add four parks: A, B, C and D"
            in_set = next((members for _, members, a, b, _ in self.sets.get(k, [])
                           if (a <= p.start and p.end <= b) or (opens and p.end <= a)), None)
            if in_set:
                for e in in_set:  # "the three new cultural landmarks of the subcenter: A, B and C"
                    ledger.add(e, slot, as_value(p, slot))
                continue
            if p.facility and sole_project is not None and self._road(sole_project):
                continue  # a line's stops ("connecting Worker's Stadium with ...") are not where it sits
            value = as_value(p, slot)
            host = next((n for n in complements if n.complement[0] <= p.start and p.end <= n.complement[1]), None) \
                or next((n for n in names if n.sent == k and n.start <= p.start and p.end < n.end), None)
            if host is not None:
                owner = next((e for e in projects if host in e.mentions), None)
                if p.start == host.start and host.head in NAMED_FOR_TOWN:
                    continue  # "Zhangjiagang Railway Station": a station named for its town, not placed there
                if owner is not None and not self.creating_of_re.search(text, host.start, p.start):
                    ledger.add(owner, slot, value)  # not "Construction Project of X Scenic Area": X is built
            elif not self._trip_end(text, sent.start_char, p.start) and not self._event_object(text, p.start, p.end):
                for e in self._place_owners(text, sent, p, targets, fallback, places, sole_project):
                    ledger.add(e, slot, value)

    def _event_object(self, text: str, pos: int, end: int) -> bool:
        """"the unveiling of the X Zone", "the construction of X Park": the place is what the event
        or the works is about; "holding the ceremony at X": where an event took place. Neither is
        where another project sits."""
        return bool(self.event_of_re.search(text, max(0, pos - 40), pos) or self.venue_re.search(text, max(0, pos - 60), pos)
                    or HOSTED_AFTER.match(text, end))

    def _trip_end(self, text: str, sent_start: int, pos: int) -> bool:
        """A place after "serve", "commuters from", "to reach" in its clause is where people come
        from or go, or what the works serves, not where it sits (``reach_cues``)."""
        last = None
        for last in self.reach_re.finditer(text, sent_start, pos):
            pass
        return last is not None and ";" not in text[last.end() : pos]

    def _road(self, e: Entity) -> bool:
        head = self.heads.get(e.head or "")
        return bool(head and head.road) or any(self.heads.get(w) is not None and self.heads[w].road
                                               for m in e.mentions for w in name_words(m.text))

    def _place_owners(self, text: str, sent, p: PlaceMention, targets: list[Target], fallback: Entity | None,
                      places: list[PlaceMention], sole_project: Entity | None) -> Sequence[Entity]:
        inside = [t for t in targets if t.start <= p.start and p.end <= t.end and t.entity.kind == "project_group"]
        if inside:
            return (inside[0].entity,)  # "55 key Lingang projects"
        where = WHERE_AFTER.match(text, p.end)
        sited = next((t for t in targets if where and t.start == where.end() and SITED_AFTER.match(text, t.end)), None)
        if sited is not None:
            return (sited.entity,)  # "the village of X in Y Town, where the Z School is located"
        if LOCATED_BEFORE.search(text, max(sent.start_char, p.start - 30), p.start) and self.member_after_re.match(text, p.end):
            return [t.entity for t in targets if t.start >= p.end and t.entity.kind == "project"]  # "Those in X include A, B"
        if POSSESSIVE_AFTER.match(text, p.end):
            # "Chaoyang's 12 new projects": the place of what it possesses, if that is a target;
            # "the 355 projects on Fengtai's first list": of the group whose list it is
            owned = [t for t in targets if p.end < t.start <= p.end + 4]
            if owned:
                return (owned[0].entity,)
            possessed = POSSESSED.match(text, p.end)
            groups = [t for t in targets if t.end <= p.start and t.entity.kind == "project_group"]
            if possessed and set(possessed.group(1).lower().split()) & self.collective and groups:
                return (groups[-1].entity,)
            return ()
        if sole_project is not None:
            return (sole_project,)
        before = [t for t in targets if t.end <= p.start]
        if before:
            t = before[-1]
            if t.entity.kind == "project_group" and self.member_re.search(text[t.end : p.start]):
                return ()  # a place of a listed member, not of the whole group
            other = OTHER_ITEM.search(text, t.end, p.start)
            if other and not any(q.start == other.start(1) for q in places) \
                    and IN_BEFORE.search(text, max(0, p.start - 8), p.start):
                return ()  # "such as A and Midea electric heating products in X Zone": X is the unnamed item's
            chain = next((c for c in _coordinations(text, before) if c[-1] is t), None)
            if chain and all(x.entity.kind == "project" and x.role != "member" for x in chain) \
                    and (SHARED_PLACE.fullmatch(text, t.end, p.start)
                         or (SHARED_ROUTE.fullmatch(text, t.end, p.start) and all(self._road(x.entity) for x in chain))) \
                    and not any(chain[0].start < q.start < t.end for q in places):
                return list({x.entity.id: x.entity for x in chain}.values())  # "A, B and C sit within ... the X Park"
            return (t.entity,)
        after = [t for t in targets if t.start >= p.end]
        subject = after and text.count(",", p.end, after[0].start) <= 1 and self.subjects.in_subject_position(
            text, sent.start_char, p.start, places)  # "In X, A and B ...", not "..., in X, improve ..., arrange A"
        if subject and FRAME_RE.match(text, sent.start_char) and "," in text[p.end : after[0].start]:
            # "In Tongzhou District, A and B ..., while C ...": the frame covers all
            return [t.entity for t in after
                    if t.role != "member" and (t.entity.kind == "project_group" or t.entity.strong)]
        if subject:
            return (after[0].entity,)
        label = LABEL_LINE.match(text[sent.start_char : sent.end_char])
        if not targets and fallback is not None and label and self.location_label_re.search(label.group(0)):
            return (fallback,)
        return ()


SUBSET_LINK = re.compile(r"[^.;]{0,40}?\b(?:including|made\s+up\s+of|comprising|consisting\s+of|among\s+them|of\s+which|"
                         r"of\s+them|namely)\b[^.;]*", re.IGNORECASE)


def _subsets_inherit_places(ctx: ArticleContext, targets: dict[int, list[Target]], ledger: Ledger, slot: str) -> None:
    """"Luohu District started 13 projects, including 2 urban renewal projects and 10 infrastructure
    projects": the counted parts of a set are where the sentence places the set, when it places them
    nowhere else."""
    text = ctx.text
    for k, ts in targets.items():
        sent = ctx.sents[k]
        groups = [t for t in ts if t.entity.kind == "project_group" and t.role != "backref"]
        for i, g in enumerate(groups):
            if ledger.values(g.entity, slot):
                continue
            whole = next((p for p in reversed(groups[:i]) if (p.entity.count or 0) > (g.entity.count or 0)
                          and SUBSET_LINK.fullmatch(text, p.end, g.start)), None)
            for v in ledger.values(whole.entity, slot) if whole is not None else ():
                if sent.start_char <= v.start < sent.end_char:
                    ledger.add(g.entity, slot, v)


UNCOUNTED_PROJECTS = re.compile(r"\b(?:a\s+(?:batch|number|series|group)\s+of|more|several|many|major|key|new)\s+"
                                r"(?:[\w-]+\s+){0,2}projects\b", re.IGNORECASE)


def _framed_groups(ctx: ArticleContext, targets: dict[int, list[Target]], places: dict[int, list[PlaceMention]],
                   ledger: Ledger, slot: str) -> None:
    """"Work on a batch of major projects got under way in Ninghai County on Sept 19. The eleven
    projects ...": a set the sentence before frames (projects, uncounted, in a place) is in that
    place, when its own sentence places it nowhere."""
    text = ctx.text
    for k, ts in targets.items():
        if k == 0 or not places.get(k - 1) or any(t.entity.kind == "project_group" for t in targets.get(k - 1, [])):
            continue
        prev = ctx.sents[k - 1]
        if not UNCOUNTED_PROJECTS.search(text, prev.start_char, prev.end_char):
            continue
        first = next((t for t in ts if t.role != "backref"), None)
        if first is not None and first.entity.kind == "project_group" and not ledger.values(first.entity, slot):
            for p in places[k - 1]:
                ledger.add(first.entity, slot, as_value(p, slot))


def _respective_amounts(text: str, sent_end: int, targets: list[Target],
                        values: list[ValueMention]) -> list[tuple[Target, ValueMention]]:
    """"12 continued projects and 15 planned projects, whose total investments are 208.9 billion yuan
    and 157.9 billion yuan respectively": amounts of one slot listed "respectively" go, in order, to
    as many entities of one kind named before them (none when the counts differ)."""
    for slot in {v.slot for v in values}:
        listed = [v for v in values if v.slot == slot]
        if len(listed) < 2 or not RESPECTIVELY.search(text, listed[-1].end, sent_end):
            continue
        before = [t for t in targets if t.end <= listed[0].start and t.role != "backref"]
        kind = before[-1].entity.kind if before else None
        owners = [t for t in before if t.entity.kind == kind]
        owners = list({id(t.entity): t for t in owners}.values())
        if len(owners) == len(listed):
            return list(zip(owners, listed))
    return []


def pick(targets: list[Target], pos: int, *, amounts: bool) -> Target | None:
    """The target a value at ``pos`` is stated of: one it sits inside, else the nearest before it,
    else the nearest after it (listed members take no amounts)."""
    usable = [t for t in targets if not (amounts and t.role == "member")]
    inside = [t for t in usable if t.start <= pos < t.end]
    if inside:
        return inside[0]  # "the 42,640-square-meter facility"
    before = [t for t in usable if t.end <= pos]
    if before:
        return max(before, key=lambda t: (t.end, t.end - t.start))  # "41 of 108 projects": the 41
    after = [t for t in usable if t.start >= pos]
    return after[0] if after else None


# What may stand between a project cue and the name after it that the cue is stated of: no clause
# break ("the opening of X"), or a break right before the name ("Built in 2008, the X"; "Running past A, B and C, it"; "is planned, and the X").
CUE_REACHES = re.compile(r"[^,;:]*|.*[,;:]\s*(?:(?:and|but|while)\s+)?(?:the\s+)?", re.DOTALL)
VENUE_AFTER_CUE = re.compile(r"\s+(?:at|inside|in)\s+(?:the\s+)?")  # what opened at a venue is not the venue
PRENOMINAL_GAP = re.compile(r"(?:-?\s*worth)?\s*")  # "the 20-billion-yuan-worth X Project": the value is X's

APPOSITION_OPEN = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?(?:key\s+|major\s+|main\s+|vital\s+|crucial\s+)?"
                             r"(?:part|section|segment|component|portion|stretch|link|one)\s+of\s+(?:the\s+)?\Z")


def _outside_apposition(text: str, targets: list[Target], t: Target | None, pos: int) -> Target | None:
    """"The Ganxi bridge, a part of the X Expressway, was completed": the subject, not the whole the
    apposition names."""
    if t is None or "," not in text[t.end : pos]:
        return t
    before = [x for x in targets if x.end <= t.start and x.entity is not t.entity]
    if before and APPOSITION_OPEN.fullmatch(text, before[-1].end, t.start):
        return before[-1]
    return t


def clause_before(text: str, sent_start: int, pos: int) -> str:
    """The text from the last clause break (, ; :) of the sentence up to ``pos``."""
    chunk = text[sent_start:pos]
    cut = max(chunk.rfind(","), chunk.rfind(";"), chunk.rfind(":"))
    return chunk[cut + 1 :] if cut >= 0 else chunk


# What may stand between two listed names: a bracketed note, a place tail ("A in X, B in Y and C"), commas, "and", a share.
COORDINATION = re.compile(r"^(?:\s*\([^()]{1,60}\))?(?:\s+(?:in|at|via)\s+[^,;.]{1,50}?)?[\s,;、]*(?:and|or|as well as|plus|along with|together with)?[\s,]*"
                          r"(?:[\d.,]+\s*(?:%|percent)\s+(?:on|in|at|for)\s+)?(?:the\s+)?(?:(?:new|newly[ -]built|planned|proposed|[a-z]{3,}ed)\s+)?"  # "94% on A, 98% on B"
                          r"(?:(?:first|second|third|fourth|initial|[a-z]+ern)\s+(?:phase|section|stage|part)\s+of\s+(?:the\s+)?)?$")
# ("A, B and the first phase of C went into operation": the phase's date is each line's; "the newly built A and
# the renovated B are due in October": a participle before a listed name)


@dataclass(frozen=True)
class _Cues:
    """The cue lists of one article, found once (see :class:`extractor.discourse.CueIndex`)."""

    evidence: CueIndex
    works_of: CueIndex
    members: CueIndex
    completion: CueIndex


def _chain_of(text: str, targets: list[Target], t: Target) -> list[Target]:
    """The coordinated list ``t`` stands in ("A, B and C"), or ``t`` alone."""
    return next((c for c in _coordinations(text, targets) if t in c), [t])


def _date_line(ctx: ArticleContext, k: int, dates: list[DateMention]) -> bool:
    """Is sentence ``k`` a line holding nothing but a date ("Oct 12, 2019"): a dated entry heading."""
    s = ctx.sents[k]
    return len(dates) == 1 and ctx.text[s.start_char : s.end_char].strip() == dates[0].text


def _coordinations(text: str, targets: list[Target]) -> list[list[Target]]:
    """Runs of targets joined only by commas and "and" ("A, B and C"): what is said of one is said
    of the list."""
    chains: list[list[Target]] = []
    cursor = -1  # where the last chain's text ends
    starts = {t.start for t in targets}
    for t in sorted(targets, key=lambda t: t.start):
        of = OF_NEXT.match(text, t.end)
        if t.role == "backref" and of and of.end() in starts:
            continue  # "A, B and the first phase of C": the phase stands for C
        last = chains[-1][-1] if chains else None
        if last is not None and t.entity is last.entity and text[cursor : t.start].strip() == "(":
            cursor = t.end + (text[t.end : t.end + 1] == ")")  # "the Beijing Performing Arts Centre (BPAC), ..."
            continue
        if last is not None and ((last.start, last.end) == (t.start, t.end)  # one back-reference to a set
                                 or cursor <= t.start and COORDINATION.match(text[cursor : t.start])):
            chains[-1].append(t)
        else:
            chains.append([t])
        cursor = max(cursor, t.end)
    return [c for c in chains if len(c) > 1]


def _by_sentence(ctx: ArticleContext, items) -> dict[int, list]:
    out: dict[int, list] = {}
    for item in items:
        out.setdefault(ctx.sent_at(item.start), []).append(item)
    return out


def _introduced_list_item(text: str, start: int, intro_re: re.Pattern) -> int | None:
    """Where the item's text starts, if the sentence at ``start`` is an item of a numbered or
    bulleted list opened by a line ending with ":" that announces members or projects ("They
    include:", "Key projects:", "as follows:", not "The stations, in full:"): the name an item
    opens with is a member of that list ("2. X Base in Y Zone")."""
    line = text.rfind("\n", 0, start) + 1
    m = LIST_ITEM.match(text, line)
    if m is None or text[m.end() : start].strip():
        return None
    while line > 0:
        prev = text.rfind("\n", 0, line - 1) + 1
        content = text[prev : line - 1].strip()
        line = prev
        if not content or LIST_ITEM.match(content):
            continue  # a blank line or an earlier item of the same list
        return m.end() if content.endswith(":") and intro_re.search(content) else None
    return None
