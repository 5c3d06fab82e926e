"""Discourse structure: which entities each sentence is about, and what frames a sentence.

* :func:`sentence_targets`: per sentence, its explicit mentions and its resolved back-references
  (coreference in :mod:`extractor.linking`), in text order; projects listed after "including",
  "such as" behind a group mention become that group's members (role "member").
* :func:`sections`: a line that is a heading naming a project opens a section about it, until the
  next heading that names another project or an unrelated heading.
* :func:`fact_boxes`: labelled lines ("Investment: ...") after the text naming one project are
  about that project.
* :class:`Subjects`: whether a sentence opens on a subject other than the section's project, and
  whether a place stands in the sentence's subject position ("In Tongzhou District, ...").

Cue lists used here (``patterns/cues.json``): ``member_openers``, ``attribute_subjects``,
``location_subject_prefix``, ``project_backrefs``.
"""

from __future__ import annotations

import bisect
import re

from extractor.context import ArticleContext
from extractor.names import phrase_regex
from extractor.linking import LEDE_SENTENCES, Entity, Resolver, Target, of_head, lede_referent
from extractor.mentions import DESIGNATOR_CODE, BackRef
from extractor.places import PlaceMention
from extractor.resources import Resources


class CueIndex:
    """Where a cue list's phrases occur in one article: found once over the article's tokens (a set
    lookup on their lower-case forms, as :class:`TokenCues` compiled them), then read sentence by
    sentence (:meth:`between`)."""

    def __init__(self, cues: "TokenCues", ctx: ArticleContext):
        self.spans = cues.find(ctx)
        self.starts = [s for s, _, _ in self.spans]

    def between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, lower-cased phrase) of every cue starting in ``start .. end - 1``."""
        a, b = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.spans[a:b]


class TokenCues:
    """A cue list compiled to token forms: a phrase matches a run of tokens whose lower-case forms
    are its words ("put into use"); with ``plural``, a word may also end in "s"; ``then`` is a
    regex the text after the phrase must match ("expansion" before " of")."""

    def __init__(self, phrases, *, plural: bool = False, then: str | None = None):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            words = tuple(p.lower().split())
            forms = [words] + ([words[:-1] + (words[-1] + "s",)] if plural else [])
            for f in forms:
                self.by_first.setdefault(f[0], []).append(f)
        for first in self.by_first:
            self.by_first[first].sort(key=len, reverse=True)  # longest phrase first
        self.then = re.compile(then) if then else None

    def find(self, ctx: ArticleContext) -> list[tuple[int, int, str]]:
        T = ctx.tok
        lower = ctx.lower_forms
        by_first = self.by_first
        out = []
        after = 0  # a phrase found covers its tokens
        for i in [i for i, w in enumerate(lower) if w in by_first]:  # (one C-speed pass picks candidates)
            if i < after:
                continue
            hit = next((o for o in by_first[lower[i]] if tuple(lower[i : i + len(o)]) == o), None)
            if hit is None:
                continue
            start, end = T.char_span(i, i + len(hit))
            if self.then is None or self.then.match(ctx.text, end):
                out.append((start, end, " ".join(hit)))
            after = i + len(hit)
        return out


BARE_REF = re.compile(r"(?:the|this|that)\s+[a-z]+", re.IGNORECASE)  # "the project", not "the museum project"
RELATIVE_AFTER = re.compile(r"\s+(?:whose|that|which)\b")
SECTION_BACKREF_HEADS = ("project", "site", "entire project", "whole project")


def sentence_targets(ctx: ArticleContext, entities: list[Entity], backrefs: list[BackRef],
                     member_re: re.Pattern, resolver: Resolver,
                     places: list[PlaceMention] = (),
                     sections: dict[int, Entity | None] | None = None,
                     number_words: dict[str, int] | None = None,
                     set_nouns: frozenset[str] = frozenset()) -> dict[int, list[Target]]:
    """Sentence index -> the entities it mentions, by name or back-reference, in text order. Inside
    a section headed by a project name (``sections``), a plain "the project" or "the site" is that project;
    "the three cultural facilities" with no group of three is every member of a counted set
    (:func:`count_sets`)."""
    explicit: dict[int, list[Target]] = {}
    for e in entities:
        for m in e.mentions:
            explicit.setdefault(m.sent, []).append(Target(m.start, m.end, e, "explicit"))
    groups = [e for e in entities if e.kind == "project_group"]
    topic_group = min(groups, key=lambda e: e.first_start) if groups else None
    refs_by_sent: dict[int, list[BackRef]] = {}
    for b in backrefs:
        if b.target != "place":
            refs_by_sent.setdefault(b.sent, []).append(b)
    out: dict[int, list[Target]] = {}
    spans = tuple((p.start, p.end) for p in places)
    sets = count_sets(ctx, explicit, number_words, set_nouns)
    headline = ctx.text[ctx.sents[0].start_char : ctx.sents[0].end_char] if ctx.sents else ""
    titled = {t.entity.id: t.entity for t in explicit.get(0, []) if t.entity.kind == "project"}
    title_project = next(iter(titled.values())) if len(titled) == 1 else None
    designated = _designated_names(entities)
    for k, sent in enumerate(ctx.sents):
        targets = sorted(explicit.get(k, []) + _designator_list(ctx.text, sent.start_char, sent.end_char, designated),
                         key=lambda t: t.start)
        section = (sections or {}).get(k)
        for b in refs_by_sent.get(k, []):
            later = [t for t in targets if t.start > b.end and t.entity.kind == "project"]
            if b.target == "project" and later and RELATIVE_AFTER.match(ctx.text, b.end):
                ents = [later[0].entity]  # "the project whose groundbreaking took place here was X": X
            elif section is not None and b.target == "project" and b.head in SECTION_BACKREF_HEADS:
                ents = [section]
            elif b.target == "lede":
                ent = lede_referent(b, entities, headline)
                ents = [ent] if ent is not None else []
            else:
                ent = resolver.resolve(b, k, targets, out, topic_group, ctx.text, sent.start_char, spans)
                if ent is None and b.target in ("project", "described") and k <= LEDE_SENTENCES:
                    ent = lede_referent(b, entities, headline)  # "The long-awaited expressway ..."
                if ent is None and b.target == "project" and title_project is not None and BARE_REF.fullmatch(b.text) \
                        and (b.head in ("project", "site") or of_head(title_project, b.head)) \
                        and not any(t.entity.kind == "project" for ts in out.values() for t in ts if t.entity is not title_project):
                    ent = title_project  # a profile: "X Center / Architects ... The project sits in ..."
                ents = [ent] if ent is not None else _set_of_count(b, k, sets) or _listed_count(b, k, explicit, set_nouns)
            targets.extend(Target(b.start, b.end, e, "backref") for e in ents)
        targets.sort(key=lambda t: t.start)
        mark_members(ctx.text, sent.start_char, sent.end_char, targets, member_re)
        out[k] = targets
    return out


# "Metro Lines 5 and 9", "Lines 3, 4 and 10", "Terminals 1 and 2": one plural designator head, its codes
_CODE = DESIGNATOR_CODE.pattern
DESIGNATOR_LIST = re.compile(rf"\b(?P<head>Lines|Terminals|Phases|Blocks|Plots)\s+(?P<codes>{_CODE})"
                             rf"(?P<more>(?:\s*,\s*(?:{_CODE}))*,?\s+(?:and|&)\s+(?:{_CODE}))\b")
DESIGNATED_NAME = re.compile(rf"\b(?P<head>Line|Terminal|Phase|Block|Plot)\s+(?P<code>{_CODE})\b", re.IGNORECASE)


def _designated_names(entities: list[Entity]) -> dict[tuple[str, str], Entity | None]:
    """(head, code) -> the one project whose names end with that designator ("Xi'an Metro Line 9",
    "Line 9"); None when two projects share it."""
    out: dict[tuple[str, str], Entity | None] = {}
    for e in entities:
        if e.kind != "project":
            continue
        for key in {(m.group("head").lower(), m.group("code").upper()) for mention in e.mentions
                    for m in [DESIGNATED_NAME.search(mention.text)] if m and m.end() == len(mention.text)}:
            out[key] = e if out.get(key, e) is e else None
    return out


def _designator_list(text: str, start: int, end: int, designated: dict[tuple[str, str], Entity | None]) -> list[Target]:
    """"Metro Lines 5 and 9 ... began operation on Dec 28": each code of a plural designator list stands for
    the project named with it elsewhere in the article ("Metro Line 5", "Xi'an Metro Line 9"), as if
    named here; a code no project is named with is left alone."""
    out = []
    if not designated:
        return out
    for m in DESIGNATOR_LIST.finditer(text, start, end):
        head = m.group("head").lower()[:-1]
        for c in DESIGNATOR_CODE.finditer(text, m.start("codes"), m.end()):
            e = designated.get((head, c.group(0).upper()))
            if e is not None:
                out.append(Target(c.start(), c.end(), e, "backref"))
    return out


COUNT_WORD = re.compile(r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)
COUNT_SET = re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,3}?(?P<noun>[a-z]+s)\b"
                       r"(?:\s+of\s+(?:the\s+)?[\w\s'’-]{1,30}?)?(?:\s+(?:this|next|last)\s+year|\s+in\s+\d{4})?"
                       r"(?:\s*:|,?\s+namely\b|\s+are\b|,(?=\s+(?:the\s+)?[A-Z]))", re.IGNORECASE)  # "eight parks this year: A, B, ..."


def count_sets(ctx: ArticleContext, explicit: dict[int, list[Target]], number_words: dict[str, int] | None,
               set_nouns: frozenset[str] = frozenset()) -> dict[int, list[tuple[int, list[Entity], int, int, str]]]:
    """Counted sets of named projects: "the three new cultural landmarks: A, B and C", "The three
    new lines are A; B; and C" (as many distinct projects named after the count as it counts), with
    the character span of the counting phrase and the counted noun."""
    words = number_words or {}
    out: dict[int, list[tuple[int, list[Entity], int, int, str]]] = {}
    for k, sent in enumerate(ctx.sents):
        body = ctx.text[sent.start_char : sent.end_char]
        if k + 1 < len(ctx.sents) and THEY_ARE.match(ctx.text, ctx.sents[k + 1].start_char) and COUNT_WORD.search(body):
            _listed_next(ctx, explicit, k, body, words, set_nouns, out)
            if k in out:
                continue
        if (":" not in body and " are " not in body and "namely" not in body and "," not in body) \
                or not COUNT_WORD.search(body):
            continue  # (cheap tests first: the count-set regex is slow)
        for m in COUNT_SET.finditer(ctx.text, sent.start_char, sent.end_char):
            raw = m.group("n").lower()
            n = int(raw) if raw.isdigit() else words.get(raw)
            members: list[Entity] = []
            for t in sorted(explicit.get(k, []), key=lambda t: t.start):
                if t.start >= m.end() and t.entity.kind == "project" and t.entity not in members:
                    members.append(t.entity)
            if n and len(members) == n:
                out.setdefault(k, []).append((n, members, m.start(), m.end(), m.group("noun").lower()))
    return out


COUNT_PLAIN = re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,3}?"
                         r"(?P<noun>[a-z]+s)\b", re.IGNORECASE)
THEY_ARE = re.compile(r"(?:[A-Z][^,.;\n]{0,40},\s*)?(?:they|these)\s+(?:are|were|include|included)\b", re.IGNORECASE)
THE_REST = re.compile(r"(?:the\s+)?(?:remaining|other|rest)\b", re.IGNORECASE)


def _listed_next(ctx: ArticleContext, explicit: dict[int, list[Target]], k: int, body: str,
                 words: dict[str, int], nouns: frozenset[str], out: dict) -> None:
    """"All eight venues have been built. In downtown Beijing, they are A, B, ... and F. The remaining
    two, G and H, lie in Yanqing": a count whose members the next sentence lists after "they are"
    (and the one after it goes on with "the remaining/other ..."), when they make exactly that count."""
    sent = ctx.sents[k]
    for m in COUNT_PLAIN.finditer(body):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else words.get(raw)
        if not n or n < 2 or m.group("noun").lower() not in nouns or any(t.entity.kind == "project" and t.start >= sent.start_char + m.end()
                                 for t in explicit.get(k, [])):
            continue
        members: list[Entity] = []
        for j in range(k + 1, min(k + 3, len(ctx.sents))):
            if j > k + 1 and not THE_REST.match(ctx.text, ctx.sents[j].start_char):
                break
            members += [t.entity for t in sorted(explicit.get(j, []), key=lambda t: t.start)
                        if t.entity.kind == "project" and t.entity not in members]
            if len(members) >= n:
                break
        if len(members) == n:
            start = sent.start_char + m.start()
            out.setdefault(k, []).append((n, members, start, sent.start_char + m.end(), m.group("noun").lower()))
            return


def _set_of_count(b: BackRef, k: int, sets: dict[int, list[tuple[int, list[Entity], int, int, str]]]) -> list[Entity]:
    if b.target != "count":
        return []
    for back in range(0, 7):
        for n, members, _, _, _ in reversed(sets.get(k - back, [])):
            if str(n) == b.head:
                return members
    return []


def _listed_count(b: BackRef, k: int, explicit: dict[int, list[Target]], nouns: frozenset[str]) -> list[Entity]:
    """"A, B and C sit in the park. ... At the end of 2023, the three major cultural buildings opened": a
    count of works (``set_nouns``; not "the two sessions") with no counted set before it is the projects
    named in the sentences just before it (three back at most) when, read backwards sentence by sentence,
    they make exactly that many ("A and B are 90% done. C and D are built. The four venues will ...")."""
    if b.target != "count" or b.text.split()[-1].lower() not in nouns:
        return []
    named: dict[int, Entity] = {}
    for back in range(1, 4):
        here = {t.entity.id: t.entity for t in explicit.get(k - back, []) if t.entity.kind == "project"}
        named = {**here, **{i: e for i, e in named.items() if i not in here}}
        if b.head == "0" or (b.head == "2" and b.text.lower().startswith("both")):
            return _same_kind(b, list(here.values())) if back == 1 else []  # "the expressways", "both venues"
        if str(len(named)) == b.head and len(named) > 1:
            return list(named.values())
        if len(named) > int(b.head or 0):
            return []
    return []


GENERIC_SET_NOUNS = frozenset({"venues", "facilities", "buildings", "landmarks", "works", "complexes"})


def _same_kind(b: BackRef, named: list[Entity]) -> list[Entity]:
    """"The expressways will open in June" after "the A Expressway and the B Expressway": the two or more
    projects of the sentence before whose kind the plural names (any works for "the venues"); not "the
    stations" after a line's transfer lines."""
    noun = b.text.split()[-1].lower()
    single = noun[:-3] + "y" if noun.endswith("ies") else noun[:-2] if noun.endswith(("xes", "ches")) else noun[:-1]
    same = [e for e in named if noun in GENERIC_SET_NOUNS or of_head(e, single)]
    return same if len(same) > 1 and (b.head == "0" or len(same) == 2) else []


def mark_members(text: str, start: int, end: int, targets: list[Target], member_re: re.Pattern) -> None:
    """Projects listed after 'including/such as' behind a group mention are that group's members."""
    groups = [t for t in targets if t.entity.kind == "project_group"]
    if not groups:
        return
    for m in member_re.finditer(text[start:end]):
        pos = start + m.start()
        owner = next((g for g in reversed(groups) if g.end <= pos), None)
        if owner is None and m.group(0).lower().startswith("encompass"):
            owner = groups[0] if groups[0].start < pos else None
        if owner is None:
            continue
        for t in targets:
            if t.start > pos and t.entity.kind == "project" and t.role == "explicit":
                t.role = "member"
                if t.entity.id not in owner.entity.members:
                    owner.entity.members.append(t.entity.id)


def sections(ctx: ArticleContext, projects: list[Entity],
             labels: frozenset[str] = frozenset()) -> dict[int, Entity | None]:
    """Sentence index -> the project a heading above it names (None outside such sections). A
    sub-heading of section-label words only (``section_labels``: "Market Analysis", "II. Investment
    Estimate") or a numbered one ("3. Main contents and scale") stays inside the section; any other
    heading ends it."""
    text = ctx.text
    by_text = {}
    for e in projects:
        for m in e.mentions:
            by_text[(m.start, m.end)] = e
    current: Entity | None = None
    previous_heading = False
    out: dict[int, Entity | None] = {}
    for k, s in enumerate(ctx.sents):
        body = text[s.start_char : s.end_char]
        stripped = body.strip()
        is_heading = _is_heading(text, s.start_char, s.end_char, stripped)
        if is_heading:
            lead = len(body) - len(body.lstrip())
            key = (s.start_char + lead, s.start_char + lead + len(stripped))
            named = by_text.get(key)
            if named is not None:
                current = named
            elif not previous_heading and not _sub_heading(s, labels) and not _numbered(text, s.start_char, body):
                current = None  # (a numbered part, "3. Main contents and scale", stays in the profile)
        previous_heading = bool(is_heading)
        out[k] = current
    return out


def _numbered(text: str, start: int, body: str) -> bool:
    """A numbered line ("3. Main contents and scale"), its number in the sentence or just before it."""
    return bool(LIST_MARKER.match(body)) or _after_list_marker(text, start)


def _after_list_marker(text: str, start: int) -> bool:
    """Only a list marker ("22. ", "II. ") stands between the line's start and ``start``."""
    return bool(LIST_MARKER.fullmatch(text, text.rfind("\n", 0, start) + 1, start))


def _sub_heading(sent, labels: frozenset[str]) -> bool:
    """"II. Investment Estimate & Financing": numbering, function words and section-label words only."""
    words = [t.lower_ for t in sent if t.is_alpha and not (t.is_upper and len(t) <= 4 and set(t.text) <= set("IVX"))]
    return bool(words) and all(w in labels for w in words)


LIST_MARKER = re.compile(r"[ \t]*(?:\d{1,3}|[IVXL]{1,5}|[A-Za-z])\.[ \t]+")
LABEL_LINE = re.compile(r"^\s*[-•*]?\s*[A-Z][\w ]{0,30}:\s")  # "• Total investment: ...", "Location: ..."


def fact_boxes(ctx: ArticleContext, targets: dict[int, list[Target]]) -> dict[int, Entity]:
    """Sentence index -> the project a fact box is about: labelled lines ("Investment: 450 million
    yuan", "• Construction period: 24 months") that name no project themselves belong to the one
    project named in the text just above them (at most two sentences between)."""
    out: dict[int, Entity] = {}
    topic: Entity | None = None
    gap = 0
    for k, sent in enumerate(ctx.sents):
        if LABEL_LINE.match(ctx.text[sent.start_char : sent.end_char]):
            if not targets[k] and topic is not None:
                out[k] = topic
            continue
        named = {t.entity.id: t.entity for t in targets[k] if t.entity.kind == "project"}
        if named:
            topic, gap = (next(iter(named.values())) if len(named) == 1 else None), 0
        else:
            gap += 1
            if gap > 2:
                topic = None
    return out


def place_headings(ctx: ArticleContext, targets: dict[int, list[Target]],
                   places: dict[int, list[PlaceMention]]) -> dict[int, tuple[PlaceMention, Entity]]:
    """Sentence index of a project's heading -> (place, project) where a heading line that is only
    a place ("Chancheng District") stands above the project headings of a list ("Chancheng
    District / Dashenlin Headquarter Project / Overview: ..."): the place is where each listed project
    sits, until the next place heading."""
    text = ctx.text
    out: dict[int, tuple[PlaceMention, Entity]] = {}
    current: PlaceMention | None = None
    for k, s in enumerate(ctx.sents):
        stripped = text[s.start_char : s.end_char].strip()
        if not _is_heading(text, s.start_char, s.end_char, stripped):
            continue
        whole = [p for p in places.get(k, []) if p.text == stripped]
        if whole and not targets.get(k):
            current = whole[0]
            continue
        named = [t.entity for t in targets.get(k, []) if t.role == "explicit" and t.entity.kind == "project"]
        if current is not None and len(named) == 1:
            out[k] = (current, named[0])
    return out


def _is_heading(text: str, start: int, end: int, stripped: str) -> bool:
    """A short line of its own (after a list marker: "22. ", "II. "), not ending in sentence
    punctuation and not a bullet."""
    line_start = start == 0 or text[start - 1] == "\n" or _after_list_marker(text, start)
    line_end = "\n" in text[start:end] or end >= len(text.rstrip())
    return bool(line_start and line_end and stripped and stripped[-1] not in ".!?\"”"
                and len(stripped.split()) <= 14 and not stripped.startswith("-"))


ATTRIBUTION_OPENING = re.compile(r"\s*(?:According\s+to\s+[^,.;]{1,60},|(?:[A-Z][\w'’-]*\s+){0,4}(?:said|says|added)\s*,)\s*")


class Subjects:
    """Tests on a sentence's subject position, from cue lists."""

    def __init__(self, res: Resources):
        c = res.cues
        self.attribute_subjects = set(c.attribute_subjects)
        self.completion_subjects = set(c.completion_subjects)
        self.subject_prefix = set(c.location_subject_prefix)
        self.backref_heads = set(c.project_backrefs)

    def other_subject(self, sent, places: list[PlaceMention]) -> bool:
        """Does the sentence open on a subject other than the section's project?"""
        words = [t for t in sent if not t.is_space and t.text not in ("-", "•")]
        if not words:
            return False
        first = words[0]
        if any(p.start == first.idx for p in places):
            return True
        intro = next((k for k, w in enumerate(words[:6]) if w.text == ","), None)
        if intro is not None and intro + 1 < len(words):
            subject = words[intro + 1]
            if subject.is_title and not subject.is_stop and not any(
                    p.start <= subject.idx < p.end for p in places):
                return True
        if first.lower_ in ("these", "those"):
            return True
        if first.lower_ == "the" and len(words) > 1:
            nxt = [w.lower_ for w in words[1:4]]
            if not any(w in self.attribute_subjects for w in nxt) and nxt[0] not in self.backref_heads:
                return True
        return False

    def attribute_opening(self, sent) -> bool:
        """The sentence opens on an attribute noun ("Investment planned for ...", "Total investment
        is ...", "The construction area is ...")."""
        words = [t.lower_ for t in sent if t.is_alpha][:3]
        if words and words[0] == "the":
            words = words[1:]
        return bool(words) and words[0] in self.attribute_subjects and words[0] not in ("construction", "plan", "building")

    def completion_opening(self, sent) -> bool:
        """The sentence opens on the works' own course ("Completion is expected by the end of 2020.",
        "Construction will finish in May"): it is about the project just named."""
        opening = ATTRIBUTION_OPENING.match(sent.text)
        if opening:  # "According to the report, completion is planned by the end of 2025."
            words = [w.lower() for w in re.findall(r"[A-Za-z]+", sent.text[opening.end():])[:1]]
        else:
            words = [t.lower_ for t in sent if t.is_alpha][:2]
        return bool(words) and words[0] in self.completion_subjects

    def in_subject_position(self, text: str, sent_start: int, s: int, places: list[PlaceMention]) -> bool:
        """Only frame words ("In", "the", "last year") stand between the clause start and ``s``."""
        chunk = text[sent_start:s]
        for sep in (",", ";", " that "):
            cut = chunk.rfind(sep)
            if cut >= 0:
                chunk = chunk[cut + len(sep):]
        # drop other places of the chain ("In the X District in Nancheng")
        for p in places:
            if sent_start <= p.start and p.end <= s:
                chunk = chunk.replace(text[p.start : p.end], " ")
        words = re.findall(r"[A-Za-z]+", chunk.lower())
        return all(w in self.subject_prefix for w in words)
