"""One article in, its records out: parse, find mentions and values, link, build records."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from itertools import count as counter

from spacy.tokens import Doc

from extractor import linking
from extractor.dates import DateMention, find_dates
from extractor.linking import Entity
from extractor.linking import normalise_name as normalise
from extractor.mentions import BackRef, MentionFinder, NameMention
from extractor.models import Evidence, Record
from extractor.pipeline import build_nlp
from extractor.resources import Resources, load_resources
from extractor.values import ValueMention, grammar

MAX_SENTENCES_BACK = 6
FRAME_RE = re.compile(r"\s*(?:In|At)\s")  # a sentence-initial place frame: "In Tongzhou District, ..."
LABEL_LINE = re.compile(r"^\s*[-•*]?\s*[A-Z][\w ]{0,30}:\s")
# An acronym as linking.acronym_of makes them: three or more capitals standing alone.
ACRONYM_RE = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{2,}(?![\w-])")
IT_EXPLETIVE = re.compile(r"^it\s+(?:is|was|has been)\s+\w+(?:ed|wn)\s+(?:that|from)\b", re.IGNORECASE)


@dataclass
class Target:
    start: int
    end: int
    entity: Entity
    role: str  # "explicit", "backref", "member"


@dataclass
class Article:
    id: str
    text: str
    published: dt.date | None = None
    meta: dict | None = None


def _phrase_regex(phrases) -> re.Pattern:
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)


class Extractor:
    """Holds the pipeline and compiled rules; :meth:`extract` is pure per article."""

    def __init__(self, res: Resources | None = None):
        self.res = res or load_resources()
        self.nlp = build_nlp()
        self.grammar = grammar()
        self.finder = MentionFinder(self.res)
        c = self.res.cues
        self.completion_re = _phrase_regex(c.completion_cues)
        self.active_completion = set(c.completion_active_forms)
        self.money_block_re = _phrase_regex(c.money_blockers)
        self.per_unit_re = _phrase_regex(c.per_unit_cues)
        self.start_re = _phrase_regex(c.start_cues)
        self.member_re = _phrase_regex(c.member_openers)
        self.attribute_subjects = set(c.attribute_subjects)
        self.subject_prefix = set(c.location_subject_prefix)
        self.org_words = set(c.org_words)

    # ------------------------------------------------------------------ entry point
    def extract(self, article: Article) -> list[Record]:
        text = article.text
        doc = self.nlp(text)
        return self.records_from_doc(doc, article)

    def records_from_doc(self, doc: Doc, article: Article) -> list[Record]:
        text = article.text
        self.finder.prepare(doc)
        self._text = text
        sents, sent_of = self.finder.sents, self.finder.sent_of
        sent_starts = [s.start_char for s in sents]

        def sent_at(char: int) -> int:
            return max(0, bisect.bisect_right(sent_starts, char) - 1)

        values = self.grammar.find_values(text)
        dates = find_dates(text, article.published)
        blocked = set()
        for v in values:
            blocked.update(self.finder.token_range(v.start, v.end))

        names = self.finder.names(doc, sent_of, blocked)
        groups = self.finder.groups(doc, sent_of, blocked)
        locations = self._locations(doc, names)
        # park names in an address chain or after "located in" are places, not projects
        place_names = [n for n in names if n.located_in or self._in_address_chain(doc, n, locations)]
        for n in place_names:
            locations.append((n.start, n.end, n.text))
        names = [n for n in names if n not in place_names]
        locations.sort()

        ids = counter(1)
        acronyms: dict[str, list[str]] = {}
        for n in names:
            acronyms.update(linking._acronyms(n.text))
        projects = linking.cluster_projects(names, acronyms, lambda: next(ids))
        group_entities = linking.cluster_groups(groups, lambda: next(ids))
        for e in projects:
            e.strong = any(self._is_strong(m) for m in e.mentions)
        self._add_acronym_mentions(doc, projects, sent_of)

        taken = set()
        for m in names + groups:
            taken.update(range(m.start_tok, m.end_tok))
        backrefs = self.finder.backrefs(doc, sent_of, taken)
        # weak descriptive names ("the heritage park") act as back-references
        for e in list(projects):
            if not e.strong and all(m.form == "definite" for m in e.mentions):
                for m in e.mentions:
                    backrefs.append(BackRef(m.start_tok, m.end_tok, m.start, m.end, m.text, "described", m.head,
                                            m.sent))
                projects.remove(e)
        backrefs.sort(key=lambda b: b.start)

        entities = projects + group_entities
        mention_targets: dict[int, list[Target]] = {}
        for e in entities:
            for m in e.mentions:
                mention_targets.setdefault(m.sent, []).append(Target(m.start, m.end, e, "explicit"))

        section_entity = self._sections(sents, text, projects)
        topic_group = min(group_entities, key=lambda e: e.first_start) if group_entities else None

        targets_by_sent: dict[int, list[Target]] = {}
        for k, sent in enumerate(sents):
            targets = sorted(mention_targets.get(k, []), key=lambda t: t.start)
            for b in (b for b in backrefs if b.sent == k):
                if b.target == "place":
                    continue
                ent = self._resolve(b, k, targets, targets_by_sent, topic_group, text)
                if ent is not None:
                    targets.append(Target(b.start, b.end, ent, "backref"))
            targets.sort(key=lambda t: t.start)
            self._mark_members(sent, targets, text)
            targets_by_sent[k] = targets

        loc_by_sent: dict[int, list[tuple[int, int, str]]] = {}
        for loc in locations:
            loc_by_sent.setdefault(sent_at(loc[0]), []).append(loc)
        val_by_sent: dict[int, list[ValueMention]] = {}
        for v in values:
            val_by_sent.setdefault(sent_at(v.start), []).append(v)
        date_by_sent: dict[int, list[DateMention]] = {}
        for d in dates:
            date_by_sent.setdefault(sent_at(d.start), []).append(d)
        place_sents = {b.sent for b in backrefs if b.target == "place"}

        for k, sent in enumerate(sents):
            targets = targets_by_sent[k]
            fallback = None
            if not targets and section_entity.get(k) is not None and not self._other_subject(sent, locations):
                fallback = section_entity[k]
            self._link_amounts(sent, targets, fallback, val_by_sent.get(k, []), text)
            self._link_completion(sent, targets, fallback, date_by_sent.get(k, []), text, val_by_sent.get(k, []))
            self._link_locations(sent, targets, fallback, loc_by_sent.get(k, []), names, projects, text, k)
            if k in place_sents and targets and k > 0:
                for loc in loc_by_sent.get(k - 1, []):
                    targets[0].entity.add_value("locations", _evidence(loc))

        return self._records(article, projects, group_entities)

    # ------------------------------------------------------------------ helpers
    def _is_strong(self, m: NameMention) -> bool:
        if m.form == "proper":
            return True
        if m.form == "indefinite":
            return False
        content = [w for w in linking._tokens(m.text)[:-1] if w not in self.finder.stop_modifiers
                   and w not in ("the", "and", "this", "that")]
        return m.head == "project" and len(content) >= 1 or m.complement is not None or len(content) >= 3

    def _locations(self, doc: Doc, names: list[NameMention]) -> list[tuple[int, int, str]]:
        out = []
        name_starts = [n.start for n in names]
        for span in doc.spans.get("loc", []):
            s, e = span.start_char, span.end_char
            k = bisect.bisect_right(name_starts, s) - 1
            inside = names[k] if k >= 0 and names[k].start <= s and e <= names[k].end else None
            if inside is not None and not (inside.complement and inside.complement[0] <= s):
                continue
            if span.end < len(doc) and (doc[span.end].lower_ in self.org_words):
                continue
            if span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].is_alpha \
                    and not doc[span.end].is_sent_start:
                continue
            text = self._text[s:e]
            if text.lower().startswith("the "):
                continue
            out.append((s, e, text))
        return out

    def _in_address_chain(self, doc: Doc, n: NameMention, locations) -> bool:
        """'Cuihu Science and Technology Park, Xibeiwang Town, Haidian District': a park used as an address."""
        if n.head not in ("park", "zone", "valley"):
            return False
        rest = self._text[n.end : n.end + 3]
        if not rest.startswith(", "):
            return False
        return any(loc[0] == n.end + 2 for loc in locations)

    def _add_acronym_mentions(self, doc: Doc, projects: list[Entity], sent_of: list[int]) -> None:
        by_acro = {}
        for e in projects:
            for m in e.mentions:
                if m.form == "proper":
                    a = linking.acronym_of(m.text)
                    if a and len(a) >= 3:
                        by_acro.setdefault(a, e)
        if not by_acro:
            return
        for i in self.finder.tokens_matching(doc, ACRONYM_RE):
            tok = doc[i]
            if tok.text in by_acro:
                e = by_acro[tok.text]
                if any(m.start <= tok.idx < m.end for m in e.mentions):
                    continue
                e.mentions.append(NameMention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), tok.text,
                                              "acronym", e.head or "", sent_of[tok.i]))

    def _sections(self, sents, text: str, projects: list[Entity]) -> dict[int, Entity | None]:
        """Sentence index -> the project a heading above it names (None outside such sections)."""
        by_text = {}
        for e in projects:
            for m in e.mentions:
                by_text[(m.start, m.end)] = e
        current: Entity | None = None
        previous_heading = False
        out: dict[int, Entity | None] = {}
        for k, s in enumerate(sents):
            body = text[s.start_char : s.end_char]
            stripped = body.strip()
            line_start = s.start_char == 0 or text[s.start_char - 1] == "\n"
            line_end = "\n" in body or s.end_char >= len(text.rstrip())
            is_heading = (line_start and line_end and stripped and stripped[-1] not in ".!?\"”"
                          and len(stripped.split()) <= 14 and not stripped.startswith("-"))
            if is_heading:
                lead = len(body) - len(body.lstrip())
                key = (s.start_char + lead, s.start_char + lead + len(stripped))
                named = by_text.get(key)
                if named is not None:
                    current = named
                elif not previous_heading:
                    current = None
            previous_heading = bool(is_heading)
            out[k] = current
        return out

    def _resolve(self, b: BackRef, k: int, here: list[Target], seen: dict[int, list[Target]],
                 topic_group: Entity | None, text: str) -> Entity | None:
        if b.target == "collective":
            has_group = any(t.entity.kind == "project_group" for t in here)
            return None if has_group else topic_group
        if b.target == "pronoun":
            clause = text[b.start : b.start + 40]
            if IT_EXPLETIVE.match(clause):
                return None
        want_group = b.target == "group"
        specific = b.head if b.head not in (None, "project", "phase", "first phase", "second phase",
                                             "entire project", "whole project") else None

        def ok(e: Entity) -> bool:
            if e.kind == "project" and not e.strong:
                return False  # "a core hub of ..." is no antecedent
            if b.target == "described":
                return e.kind == "project" and e.head == b.head
            if want_group:
                return e.kind == "project_group"
            if b.target == "pronoun":
                return e.kind == "project"
            if specific is not None:
                return e.kind == "project"
            return True

        before_here = [t for t in here if t.end <= b.start and ok(t.entity)]
        if b.target == "pronoun" and before_here:
            return before_here[-1].entity
        if specific is None and not want_group and before_here and before_here[-1].entity.kind == "project":
            return before_here[-1].entity  # "X ... said that the entire project ..."
        for back in range(1, MAX_SENTENCES_BACK + 1):
            prev = seen.get(k - back)
            if not prev:
                continue
            cands = [t for t in prev if ok(t.entity) and t.role != "member"] or [t for t in prev if ok(t.entity)]
            if specific is not None:
                same_head = [t for t in cands if t.entity.head == specific]
                cands = same_head or cands
            if cands:
                return cands[-1].entity if want_group else cands[0].entity
        if before_here:
            return before_here[-1].entity
        return None

    def _mark_members(self, sent, targets: list[Target], text: str) -> None:
        """Projects listed after 'including/such as' behind a group mention are that group's members."""
        groups = [t for t in targets if t.entity.kind == "project_group"]
        if not groups:
            return
        body = text[sent.start_char : sent.end_char]
        for m in self.member_re.finditer(body):
            pos = sent.start_char + m.start()
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

    def _other_subject(self, sent, locations) -> bool:
        """Does the sentence open on a subject other than the section's project?"""
        words = [t for t in sent if not t.is_space and t.text not in ("-", "•")]
        if not words:
            return False
        first = words[0]
        if any(loc[0] == first.idx for loc in locations):
            return True
        intro = next((k for k, w in enumerate(words[:6]) if w.text == ","), None)
        if intro is not None and intro + 1 < len(words):
            subject = words[intro + 1]
            if subject.is_title and not subject.is_stop and not any(
                    loc[0] <= subject.idx < loc[1] for loc in locations):
                return True
        if first.lower_ in ("these", "those"):
            return True
        if first.lower_ == "the" and len(words) > 1:
            nxt = [w.lower_ for w in words[1:4]]
            if not any(w in self.attribute_subjects for w in nxt) and nxt[0] not in self.finder.backref_heads:
                return True
        return False

    def _clause_before(self, text: str, sent_start: int, pos: int) -> str:
        chunk = text[sent_start:pos]
        cut = max(chunk.rfind(","), chunk.rfind(";"), chunk.rfind(":"))
        return chunk[cut + 1 :] if cut >= 0 else chunk

    def _pick(self, targets: list[Target], pos: int, *, amounts: bool) -> Target | None:
        usable = [t for t in targets if not (amounts and t.role == "member")]
        inside = [t for t in usable if t.start <= pos < t.end]
        if inside:
            return inside[0]  # "the 42,640-square-meter facility"
        before = [t for t in usable if t.end <= pos]
        if before:
            return before[-1]
        after = [t for t in usable if t.start >= pos]
        return after[0] if after else None

    def _link_amounts(self, sent, targets, fallback, values: list[ValueMention], text: str) -> None:
        for v in values:
            clause = self._clause_before(text, sent.start_char, v.start)
            if v.slot == "investment" and self.money_block_re.search(clause):
                continue
            if v.slot == "area" and self.per_unit_re.search(clause[-40:]):
                continue
            t = self._pick(targets, v.start, amounts=True)
            if t is not None:
                between = text[t.end : v.start] if t.end <= v.start else ""
                if re.search(r"\b(?:a|an)\s+[\w-]+\s+(?:whose|which|that)\b", between):
                    continue
                t.entity.add_value(v.slot, v)
            elif fallback is not None:
                fallback.add_value(v.slot, v)

    def _link_completion(self, sent, targets, fallback, dates: list[DateMention], text: str,
                         values: list[ValueMention]) -> None:
        if not dates:
            return
        body = text[sent.start_char : sent.end_char]
        for cue in self.completion_re.finditer(body):
            c_start, c_end = sent.start_char + cue.start(), sent.start_char + cue.end()
            word = cue.group(0).lower()
            if word in ("open", "opens") and re.match(r"\s*up\b", text[c_end : c_end + 4]):
                continue  # "open up to the outside world" is policy, not an opening
            before_words = text[max(sent.start_char, c_start - 60) : c_start].lower()
            after_text = text[c_end : c_end + 40].lower()
            if re.search(r"\binvestment\b(?:(?!\band\b)[^,;])*$", before_words) or re.match(r"\s*(?:the\s+)?investment\b",
                                                                               after_text):
                continue
            if any(v.slot == "investment" and c_end <= v.start and v.end <= c_end + 30 for v in values):
                continue  # "complete RMB 278 billion of investment": the amount is completed, not a project
            usable = [d for d in dates if d.value and d.kind not in ("weekday",)]
            if not usable:
                continue
            if word == "construction period":
                after = [d for d in usable if d.start >= c_end]
                date = after[-1] if after else None
            else:
                after = [d for d in usable if d.start >= c_end and d.start - c_end <= 60
                         and not self.start_re.search(text[c_end : d.start])]
                before = [d for d in usable if d.end <= c_start]
                date = after[0] if after else (before[-1] if before else None)
            if date is None:
                continue
            evidence = _date_value(date)
            if word in self.active_completion:
                objects = [t for t in targets if t.start >= c_end and t.role != "member"
                           and not self.start_re.search(text[c_end : t.start])]
                if objects and not re.search(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+\s+)?$",
                                             text[max(0, c_start - 20) : c_start].lower()):
                    for t in objects:
                        t.entity.add_value("completion", evidence)
                    continue
            t = self._pick(targets, c_start, amounts=False)
            if t is not None:
                t.entity.add_value("completion", evidence)
            elif fallback is not None:
                fallback.add_value("completion", evidence)

    def _link_locations(self, sent, targets, fallback, locs, names, projects, text: str,
                        sent_index: int = -1) -> None:
        own_names: set[str] = set()
        for ent in {t.entity.id: t.entity for t in targets}.values():
            own_names |= ent.name_keys()
        sole = {t.entity.id for t in targets}
        sole_project = targets[0].entity if len(sole) == 1 and targets[0].entity.kind == "project" else None
        complements = [n for n in names if n.complement and n.sent == sent_index]
        for loc in locs:
            s, e, _ = loc
            if normalise(loc[2]) in own_names:
                continue  # a project is not its own location
            host = next((n for n in complements if n.complement[0] <= s and e <= n.complement[1]), None)
            if host is not None:
                owner = next((p for p in projects if host in p.mentions), None)
                if owner is not None:
                    owner.add_value("locations", _evidence(loc))
                continue
            if sole_project is not None:
                sole_project.add_value("locations", _evidence(loc))
                continue
            before = [t for t in targets if t.end <= s]
            if before:
                t = before[-1]
                if t.entity.kind == "project_group" and self.member_re.search(text[t.end : s]):
                    continue  # a place of a listed member, not of the whole group
                t.entity.add_value("locations", _evidence(loc))
                continue
            after = [t for t in targets if t.start >= e]
            if after and FRAME_RE.match(text, sent.start_char) and self._subject_position(
                    text, sent.start_char, s, locs) and "," in text[e : after[0].start]:
                for t in after:  # "In Tongzhou District, A and B ..., while C ...": the frame covers all
                    if t.role != "member" and (t.entity.kind == "project_group" or t.entity.strong):
                        t.entity.add_value("locations", _evidence(loc))
            elif after and self._subject_position(text, sent.start_char, s, locs):
                after[0].entity.add_value("locations", _evidence(loc))
            elif not targets and fallback is not None and LABEL_LINE.match(text[sent.start_char : sent.end_char]):
                fallback.add_value("locations", _evidence(loc))

    def _subject_position(self, text: str, sent_start: int, s: int, locs) -> bool:
        chunk = text[sent_start:s]
        for sep in (",", ";", " that "):
            cut = chunk.rfind(sep)
            if cut >= 0:
                chunk = chunk[cut + len(sep):]
        # drop other places of the chain ("In the X District in Nancheng")
        for ls, le, _ in locs:
            if sent_start <= ls and le <= s:
                piece = text[ls:le]
                chunk = chunk.replace(piece, " ")
        words = re.findall(r"[A-Za-z]+", chunk.lower())
        return all(w in self.subject_prefix for w in words)

    def _records(self, article: Article, projects: list[Entity], groups: list[Entity]) -> list[Record]:
        emitted = []
        for e in projects + groups:
            has_values = any(e.values[s] for s in e.values)
            if e.kind == "project" and not e.strong and not has_values:
                continue
            emitted.append(e)
        emitted.sort(key=lambda e: (e.first_start, e.id))
        names_by_id = {e.id: e.best_name().text for e in emitted}
        records = []
        for n, e in enumerate(emitted, 1):
            best = e.best_name()
            extra = {}
            aliases = sorted({m.text for m in e.mentions if m.text != best.text and m.form != "acronym"}
                             if e.kind == "project" else set())
            if aliases:
                extra["aliases"] = aliases
            if e.scope:
                extra["scope"] = e.scope
            members = [names_by_id[i] for i in e.members if i in names_by_id]
            if members:
                extra["members"] = members
            slots = {s: [_to_json(v, s) for v in sorted(e.values[s], key=lambda v: (v.start, v.end))]
                     for s in e.values}
            records.append(Record.model_validate({
                "schema": 1, "doc_id": article.id, "record_id": f"{article.id}:{n}", "kind": e.kind,
                "name": {"text": best.text, "start": best.start, "end": best.end},
                "count": e.count, **slots, **extra,
            }))
        return records


def _date_value(d: DateMention) -> ValueMention:
    return ValueMention("completion", d.start, d.end, d.text, d.value, None, d.mod)


def _evidence(loc: tuple[int, int, str]) -> Evidence:
    s, e, t = loc
    return Evidence(text=t, start=s, end=e)


def _to_json(v, slot: str) -> dict:
    base = {"text": v.text, "start": v.start, "end": v.end}
    if slot == "locations":
        return base
    if slot == "investment":
        return {"value": v.value, "currency": v.unit, "mod": v.mod, **base}
    if slot == "area":
        return {"value": v.value, "unit": "m2", "mod": v.mod, **base}
    if slot == "computing_power":
        return {"value": v.value, "unit": "P", "mod": v.mod, **base}
    return {"value": v.value, "mod": v.mod, **base}
