"""Linking: mentions become entities (coreference), and every value goes to the entity the
text states it of, or nowhere.

Discourse rules, in the order they apply to a value in sentence S:

1. Targets of S are its explicit mentions and its resolved back-references ("the project",
   "the park", "it", "these projects"). Named members of a group listed in S ("including X
   and Y") take no amounts: what follows the list is stated of the group.
2. A value goes to the nearest target before it, else the nearest after it.
3. A sentence with no target, inside a section headed by a project name, is about that
   project, unless it opens on another subject ("The southern district ...", a place).
4. Amounts stated of other things are dropped: output value, revenue, financing demand
   (``money_blockers``), per-unit areas ("each with an area of"), values in a
   "a cluster whose ..." clause.
5. A completion date needs a completion cue ("completed", "put into use", "construction
   period"); a cue whose object is investment ("complete the investment of") is no cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.mentions import GroupMention, NameMention

PUNCT_RE = re.compile(r"[^\w\s]")


def normalise_name(name: str) -> str:
    """The SPEC's name key: lower case, punctuation and a leading 'the' dropped, spaces collapsed.

    >>> normalise_name("The  Zhongguancun (Jingxi) Park")
    'zhongguancun jingxi park'
    """
    s = PUNCT_RE.sub("", name.lower())
    s = " ".join(s.split())
    s = s.removeprefix("the ")
    return s


@dataclass
class Entity:
    id: int
    kind: str  # "project" or "project_group"
    mentions: list = field(default_factory=list)
    count: int | None = None
    strong: bool = True
    head: str | None = None
    phase: str | None = None
    modifiers: frozenset[str] = frozenset()
    scope: str | None = None
    scope_words: frozenset[str] = frozenset()
    members: list[int] = field(default_factory=list)
    values: dict[str, list] = field(default_factory=lambda: {
        "locations": [], "investment": [], "area": [], "computing_power": [], "completion": []})
    _keys: set[str] | None = None
    _keys_for: int = -1

    @property
    def first_start(self) -> int:
        return min(m.start for m in self.mentions)

    def best_name(self):
        if self.kind == "project_group":
            return max(self.mentions, key=lambda m: (len(m.text.split()), -m.start))
        proper = [m for m in self.mentions if getattr(m, "form", "") == "proper"]
        pool = proper or [m for m in self.mentions if getattr(m, "form", "") != "acronym"] or self.mentions
        return max(pool, key=lambda m: (len(m.text.split()), -m.start))

    def name_keys(self) -> set[str]:
        """Normalised names of every mention (cached: mentions are fixed once linking starts)."""
        if self._keys is None or self._keys_for != len(self.mentions):
            self._keys = {normalise_name(m.text) for m in self.mentions}
            self._keys_for = len(self.mentions)
        return self._keys

    def add_value(self, slot: str, item) -> None:
        existing = self.values[slot]
        if slot == "locations":
            key = normalise_name(item.text)
            if any(normalise_name(x.text) == key for x in existing):
                return
        else:
            key = (item.value, item.unit, item.mod)
            if any((x.value, x.unit, x.mod) == key for x in existing):
                return
        existing.append(item)


def _tokens(name: str) -> list[str]:
    return normalise_name(name).split()


def _phase(name: str) -> str | None:
    m = re.search(r"\bphase\s+([ivx]+|\d+)\b", name.lower())
    if m:
        return m.group(1)
    m = re.search(r"\b(first|second|third)\s+phase\b", name.lower())
    return m.group(1) if m else None


def _acronyms(name: str) -> dict[str, list[str]]:
    """'Artificial Intelligence (AI)' defines AI -> ['artificial', 'intelligence']."""
    out = {}
    for m in re.finditer(r"((?:[A-Z][\w-]*\s+){1,6})\(([A-Z]{2,6})\)", name):
        words = m.group(1).split()
        acro = m.group(2)
        if len(words) >= len(acro):
            cand = words[-len(acro):]
            if "".join(w[0] for w in cand).upper() == acro:
                out[acro.lower()] = [w.lower() for w in cand]
    return out


def _expand(tokens: list[str], acronyms: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        out.extend(acronyms.get(t, [t]))
    return out


def names_corefer(a: str, b: str, acronyms: dict[str, list[str]]) -> bool:
    """Whether two project names denote the same project.

    >>> names_corefer("Shijingshan AI Computing Center",
    ...               "Shijingshan Artificial Intelligence (AI) Big Model Computing Center",
    ...               {"ai": ["artificial", "intelligence"]})
    True
    >>> names_corefer("Yongfeng Industrial Park Phase II", "Yongfeng Industrial Park", {})
    False
    >>> names_corefer("demonstration park", "Lize Digital Financial Technology Demonstration Park", {})
    True
    >>> names_corefer("Changping Robot Industrial Park", "Zhongguancun Artificial Intelligence Innovation Park", {})
    False
    """
    return _corefer(_facts(a, acronyms), _facts(b, acronyms))


@dataclass(frozen=True, slots=True)
class _NameFacts:
    """What coreference compares of one name, computed once per name and article."""

    words: tuple[str, ...]  # normalised words, acronyms expanded
    phase: str | None
    content: frozenset[str]  # the words but "project"


def _facts(name: str, acronyms: dict[str, list[str]]) -> _NameFacts:
    words = tuple(t for t in _expand(_tokens(name), acronyms) if t != "ai" or "ai" not in acronyms)
    return _NameFacts(words, _phase(name), frozenset(words) - {"project"})


def _corefer(fa: _NameFacts, fb: _NameFacts) -> bool:
    ta, tb = fa.words, fb.words
    if not ta or not tb:
        return False
    if fa.phase != fb.phase:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if short[-1] != long_[-1] and not (short[-1] in ("project",) or long_[-1] in ("project",)):
        return False
    if len(short) >= 2 and long_[-len(short):] == short:
        return True
    # ordered subsequence with the same first word
    it = iter(long_)
    if short[0] == long_[0] and all(t in it for t in short) and len(short) >= 2:
        return True
    return fuzzy_jaccard(fa.content, fb.content) >= 0.6 and _same_word(short[0], long_[0])


def _same_word(a: str, b: str) -> bool:
    """Equal, or one typo apart in a word of four letters or more ('Kawin' / 'Kawn').

    >>> _same_word("kawin", "kawn"), _same_word("park", "part")
    (True, False)
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return False  # substitutions change meaning too often (park/part)
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    i = 0  # the first difference: deleting it from the longer word must give the shorter one
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    return longer[i + 1 :] == shorter[i:]


def fuzzy_jaccard(a: set[str], b: set[str]) -> float:
    """Token Jaccard where a word one typo away counts as the same word."""
    if not a or not b:
        return 0.0
    matched = 0
    for x in a:
        if x in b or (len(x) >= 4 and any(_same_word(x, y) for y in b if len(y) >= 4 and abs(len(x) - len(y)) == 1)):
            matched += 1
    return matched / (len(a) + len(b) - matched)


def acronym_of(name: str) -> str | None:
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", name) if w[0].isupper()]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words)


# ---------------------------------------------------------------------- clustering

MAX_CANDIDATES = 200  # entities compared per mention: keeps a pathological article linear


def cluster_projects(names: list[NameMention], acronyms: dict[str, list[str]], next_id) -> list[Entity]:
    entities: list[Entity] = []
    exact: dict[str, Entity] = {}
    cache: dict[str, _NameFacts] = {}

    def facts(name: str) -> _NameFacts:
        f = cache.get(name)
        if f is None:
            f = cache[name] = _facts(name, acronyms)
        return f

    pairs: dict[tuple[str, str], bool] = {}

    def corefer(a: str, b: str) -> bool:
        r = pairs.get((a, b))
        if r is None:
            r = pairs[(a, b)] = _corefer(facts(a), facts(b))
        return r

    for m in sorted(names, key=lambda m: m.start):
        key = normalise_name(m.text)
        target = exact.get(key)
        recent = entities[-MAX_CANDIDATES:]
        if target is not None:
            pass
        elif m.form == "proper":
            target = next((e for e in recent if any(
                corefer(m.text, x.text) for x in e.mentions if x.form == "proper")), None)
            if target is None:
                target = next((e for e in recent if any(
                    corefer(m.text, x.text) for x in e.mentions)), None)
        else:
            target = next((e for e in recent if any(
                corefer(m.text, x.text) or _descriptive_match(m.text, x.text)
                for x in e.mentions)), None)
        if target is None:
            target = Entity(next_id(), "project", head=m.head, phase=_phase(m.text))
            target.strong = False
            entities.append(target)
        target.mentions.append(m)
        exact.setdefault(key, target)
    # a descriptive entity that matches a later proper one is merged into it
    merged: list[Entity] = []
    for e in entities:
        host = next((x for x in merged[-MAX_CANDIDATES:] if any(
            corefer(a.text, b.text) for a in e.mentions for b in x.mentions)), None)
        if host is not None:
            host.mentions.extend(e.mentions)
        else:
            merged.append(e)
    return merged


def _descriptive_match(a: str, b: str) -> bool:
    """'the transport integration project' ~ 'the transportation integration ... project'."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    ma, mb = set(ta[:-1]) - {"and"}, set(tb[:-1]) - {"and"}
    if not ma or not mb:
        return False
    stems_a = {w[:6] for w in ma}
    stems_b = {w[:6] for w in mb}
    small = min(len(stems_a), len(stems_b))
    return len(stems_a & stems_b) >= max(2, small) or (small == 2 and len(stems_a & stems_b) == 2)


def cluster_groups(groups: list[GroupMention], next_id) -> list[Entity]:
    entities: list[Entity] = []
    for g in sorted(groups, key=lambda g: g.start):
        mods = g.modifiers | g.scope_words
        target = None
        for e in reversed(entities):
            if e.count != g.count:
                continue
            if any(x.sent == g.sent for x in e.mentions) and not any(x.text == g.text for x in e.mentions):
                continue  # a list in one sentence names distinct groups
            emods = e.modifiers | e.scope_words
            if g.definite or not mods or not emods or mods <= emods or emods <= mods:
                target = e
                break
        if target is None:
            target = Entity(next_id(), "project_group", count=g.count)
            entities.append(target)
        target.mentions.append(g)
        target.modifiers = target.modifiers | g.modifiers
        target.scope_words = target.scope_words | g.scope_words
        if target.scope is None and g.scope:
            target.scope = g.scope
    return entities
