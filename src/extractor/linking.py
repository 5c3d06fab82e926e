"""Coreference: mentions become entities, and back-references resolve to them.

* Project names that denote the same project (:func:`names_corefer`: same words, a suffix, an
  ordered subsequence with the same first word, an acronym, a one-typo word) form one entity;
  a descriptive name ("the demonstration park") joins a later proper one it matches. Different
  phases ("Phase II") never corefer.
* Group mentions with the same count and compatible modifiers form one group entity, except two
  counts in one sentence, which are two groups.
* An acronym of a proper name ("CEPC") is a further mention of it.
* A back-reference ("the project", "it", "these projects", "the list") resolves to the entity it
  names back to (:func:`resolve_backref`), looking at earlier mentions of its own sentence and of
  up to ``MAX_SENTENCES_BACK`` sentences before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.mentions import LINE_WORDS, BackRef, GroupMention, NameMention
from extractor.names import name_words, normalise_name

MAX_SENTENCES_BACK = 6
# An acronym as acronym_of makes them: three or more capitals standing alone.
ACRONYM_RE = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{2,}(?![\w-])")
ROMAN = re.compile(r"[IVXL]+")  # "Phase III" is no acronym
PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|of|near|from|to|into|across)\s+(?:the\s+)?\Z")  # "the highest airport in Chongqing, it"
LOCATED_FRAME = re.compile(r"\s*(?:Located|Situated|Sitting|Based|Nestled|Set)\s+(?:in|at|on|near|along)\b")
IT_EXPLETIVE = re.compile(r"^it\s+(?:is|was|has been)\s+\w+(?:ed|wn)\s+(?:that|from)\b", re.IGNORECASE)
LEDE_SENTENCES = 2  # a headline and the first body sentences: where news describes before it names
GENERIC_PROJECT_HEADS = (None, "project", "phase", "first phase", "second phase", "entire project", "whole project")


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
    introduced: set[int] = field(default_factory=set)  # starts of names given as "also called X"
    _keys: set[str] | None = None
    _keys_for: int = -1
    _words: dict = field(default_factory=dict, compare=False, repr=False)
    _words_for: int = -1

    @property
    def first_start(self) -> int:
        return min(m.start for m in self.mentions)

    def best_name(self):
        if self.kind == "project_group":
            return max(self.mentions, key=lambda m: (len(m.text.split()), -m.start))
        proper = [m for m in self.mentions if getattr(m, "form", "") == "proper" and m.start not in self.introduced]
        pool = proper or [m for m in self.mentions if getattr(m, "form", "") != "acronym"] or self.mentions
        return max(pool, key=lambda m: (len(m.text.split()), -m.start))

    def name_keys(self) -> set[str]:
        """Normalised names of every mention (cached: mentions are fixed once linking starts)."""
        if self._keys is None or self._keys_for != len(self.mentions):
            self._keys = {normalise_name(m.text) for m in self.mentions}
            self._keys_for = len(self.mentions)
        return self._keys

    def mention_words(self, which: str) -> frozenset:
        """Words of every mention, cached like :meth:`name_keys` (a back-reference asks this of the
        same entity again and again: recomputed, an entity named 300 times made resolution
        quadratic). ``which``: "all" (every name word), "last" (each mention's last name word and its
        head), "kind" (each mention's :func:`_kind_word`)."""
        if self._words_for != len(self.mentions):
            self._words, self._words_for = {}, len(self.mentions)
        if which not in self._words:
            if which == "all":
                words = {w for m in self.mentions for w in name_words(m.text)}
            elif which == "last":
                words = {w for m in self.mentions for w in name_words(m.text)[-1:]} | {m.head for m in self.mentions}
            else:
                words = {_kind_word(m.text) for m in self.mentions}
            self._words[which] = frozenset(words)
        return self._words[which]


PHASE_WORDS = {"one": "i", "two": "ii", "three": "iii", "four": "iv", "five": "v", "1": "i", "2": "ii", "3": "iii",
               "4": "iv", "5": "v"}
PHASE_NUMBER = re.compile(r"\bphase\s+([ivx]+|\d+|one|two|three|four|five)\b")
ORDINAL_NUMERALS = {"first": "i", "second": "ii", "third": "iii"}
PHASE_ORDINAL = re.compile(r"\b(first|second|third)\s+phase\b")
# "the north section of Line 17", "Line 17 North Section", "the southern extension of Line 8": a part
PART = re.compile(r"\b((?:north|south|east|west)(?:ern)?|northeast|northwest|southeast|southwest|remaining|"
                  r"first|second|third|new|underground|western|eastern|middle|central)?\s*(section|extension|branch|campus|stretch|part)\b")


def _phase(name: str) -> str | None:
    """What part of a project a name names: "ii" (Phase II), "first" (the first phase), "north
    section", "extension"; None for the project itself. Different parts are different projects.

    >>> _phase("Yongfeng Industrial Park Phase II"), _phase("north section of Line 17"), _phase("Line 17")
    ('ii', 'north section', None)
    """
    low = name.lower()
    m = PHASE_NUMBER.search(low)
    if m:
        return PHASE_WORDS.get(m.group(1), m.group(1))  # "Phase One" is "Phase I"
    m = PHASE_ORDINAL.search(low)
    if m and m.group(1) in ORDINAL_NUMERALS and "of" in low.split():
        return ORDINAL_NUMERALS[m.group(1)]  # "the third phase of Line 1" is "Line 1 Phase III"
    if m:
        return m.group(1)
    m = PART.search(low)
    return " ".join(filter(None, (m.group(1), BRITISH.get(m.group(2), m.group(2))))) if m else None


def acronyms_defined(name: str) -> dict[str, list[str]]:
    """'Artificial Intelligence (AI)' defines AI -> ['artificial', 'intelligence']."""
    out = {}
    for m in re.finditer(r"((?:[A-Z][\w-]*\s+(?:(?:of|and|for|the)\s+)?){1,6})\(([A-Z]{2,6})\)", name):
        words = [w for w in m.group(1).split() if w[:1].isupper()]  # "Renmin University of China (RUC)"
        acro = m.group(2)
        if len(words) >= len(acro):
            cand = words[-len(acro):]
            if "".join(w[0] for w in cand).upper() == acro:
                out[acro.lower()] = [w.lower() for w in cand]
    return out


def _expand(tokens: list[str], acronyms: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if t not in acronyms and t.endswith("s") and t[:-1] in acronyms:
            t = t[:-1]  # "RUC's" is "rucs" once punctuation is gone
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
    proper: frozenset[str] = frozenset()  # the capitalised words, lower-cased
    routes: frozenset[str] = frozenset()  # hyphened place pairs, lower-cased ("chongqing-kunming")


POSSESSIVE_S = re.compile(r"['’]s\b")  # "Tencent's" is "tencent" to coreference
# one word to coreference: British spellings, an institution's "branch" that the text also calls its
# "campus" ("Anzhen Hospital's Tongzhou branch" ... "the new Tongzhou campus"), "TV" for "Television"
BRITISH = {"centre": "center", "centres": "centers", "theatre": "theater", "metre": "meter", "programme": "program",
           "branch": "campus", "tv": "television"}


ROUTE_NAME = re.compile(r"[A-Z][\w'’]+(?:-[A-Z][\w'’]+)+")  # "Chongqing-Kunming", "Chengdu-Dazhou-Wanzhou"
ROUTE_PAIR = re.compile(r"[A-Z][\w'’]+-[A-Z][\w'’]+\s+line\b", re.IGNORECASE)  # "Mile-Mengzi line"
SITE_SUFFIX = re.compile(r"^(.*\S)\s*\(([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\)$")  # "... Center (Harbin)"


def _facts(name: str, acronyms: dict[str, list[str]]) -> _NameFacts:
    site = SITE_SUFFIX.match(name)
    if site and site.group(2).lower() not in acronyms:
        name = f"{site.group(2)} {site.group(1)}"  # "X Center (Harbin)" reads as "Harbin X Center"
    words = tuple(BRITISH.get(t, t) for t in _expand(name_words(POSSESSIVE_S.sub("", name)), acronyms)
                  if t != "ai" or "ai" not in acronyms)  # "Centre" and "center" are one word
    words = tuple("railway" if w in ("rail", "train") and nxt == "station" else w
                  for w, nxt in zip(words, words[1:] + ("",)))  # "Tongzhou rail station" is the Railway Station
    if len(words) >= 2 and words[-1] == "line" and ROUTE_PAIR.search(name):
        words = words[:-1] + ("railway",)  # "the Mile-Mengzi line" is the Mile-Mengzi (high-speed) railway
    proper = frozenset(w.lower() for w in re.findall(r"[A-Z][\w'’-]*", name))
    routes = frozenset(w.lower() for w in ROUTE_NAME.findall(name))
    return _NameFacts(words, _phase(name), frozenset(words) - {"project"}, proper, routes)


def _route_abbreviation(short: _NameFacts, full: _NameFacts) -> bool:
    """Whether ``short`` names ``full``'s route by the first syllables of its two ends, as Chinese
    abbreviates routes: "Heba Expressway" for "Hezhou-Bama Expressway", "Chenggui high-speed railway"
    for "Chengdu-Guiyang high-speed railway" (same words after the abbreviation).

    >>> f = lambda n: _facts(n, {})
    >>> _route_abbreviation(f("Heba Expressway"), f("Hezhou-Bama Expressway"))
    True
    >>> _route_abbreviation(f("Hebei Expressway"), f("Hezhou-Bama Expressway"))
    False
    """
    if short.routes or len(full.routes) != 1 or len(short.words) < 2:
        return False
    ends = [re.sub(r"\W", "", e) for e in next(iter(full.routes)).split("-")]
    if len(ends) != 2 or full.words[0] != "".join(ends) or tuple(short.words[1:]) != tuple(full.words[1:]):
        return False  # (the route opens the full name: "Hezhou-Bama Expressway" is ("hezhoubama", "expressway"))
    word, (a, b) = short.words[0], ends
    return any(len(p) >= 2 and a.startswith(p) and len(word) - len(p) >= 2 and b.startswith(word[len(p):])
               and word[len(p):] != b for p in (word[:k] for k in range(2, len(word) - 1)))


def _uninverted(words: tuple[str, ...]) -> tuple[str, ...]:
    """'P of Q' as 'Q P' when P is a short part name ("north section of Line 17" -> "line 17 north
    section", "Tongzhou campus of Renmin University" -> "renmin university tongzhou campus").

    >>> _uninverted(("north", "section", "of", "line", "17"))
    ('line', '17', 'north', 'section')
    """
    if "of" not in words:
        return words
    k = words.index("of")
    if not (1 <= k <= 3 or (k == 4 and words[3] == "project")) or k == len(words) - 1:
        return words  # (up to "auto parts production project of MINTH Group" / "the MINTH Group project")
    return words[k + 1 :] + words[:k]


def _unphased(words: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words without its phase words ("third phase of line 1" -> "line 1")."""
    w = list(words)
    for i in range(len(w) - 1):
        if w[i] == "phase" and i + 1 < len(w):
            if i > 0 and w[i - 1] in ORDINAL_NUMERALS and i + 1 < len(w) and w[i + 1] == "of":
                return tuple(w[:i - 1] + w[i + 2:])
            return tuple(w[:i] + w[i + 2:])
    return tuple(w)


def _corefer(fa: _NameFacts, fb: _NameFacts) -> bool:
    ta, tb = fa.words, fb.words
    if not ta or not tb:
        return False
    if fa.phase != fb.phase:
        return False
    if ta == tb:
        return True
    if fa.routes and fb.routes and not fa.routes & fb.routes:
        return False  # "Chongqing-Xi'an High-speed Railway" / "Chongqing-Kunming High-speed Railway": two routes
    if _route_abbreviation(fa, fb) or _route_abbreviation(fb, fa):
        return True  # "the Heba Expressway" / "the Hezhou-Bama Expressway"
    if fa.phase is not None and _unphased(ta) and _unphased(ta)[-2:] == _unphased(tb)[-2:]:
        return True  # "the third phase of Line 1" / "Metro Line 1 Phase III"
    ta, tb = _uninverted(ta), _uninverted(tb)
    if ta == tb:
        return True  # "north section of Line 17" / "Line 17 North Section"
    if len(ta) == len(tb) >= 2 and ta[:-1] == tb[:-1] and min(len(ta[-1]), len(tb[-1])) >= 5 \
            and (ta[-1].startswith(tb[-1]) or tb[-1].startswith(ta[-1])):
        return True  # "Shanghai Disney" / "Shanghai Disneyland"
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if short[-1] != long_[-1] and not (short[-1] in ("project",) or long_[-1] in ("project",)):
        return False
    if "of" in long_ and _part_of(long_, short):
        return False  # "Terminal 2 of Nanhu Airport", "the east extension of Guangqu Road": a part, not the whole
    if len(short) >= 2 and long_[-len(short):] == short:
        return True
    if len(short) == 2 and short[-1] == "project" and len(long_) >= 3 and short[0] == long_[0] and fa.proper | fb.proper:
        return True  # "the Shangzhuang project" / "the Shangzhuang AI Public Computing Platform"
    if len(short) >= 3 and short[-1] == "project" and long_[-1] != "project":
        it = iter(long_)  # "the Maluan Bay project" / "the Maluan Bay logistics functional zone";
        if short[0] == long_[0] and all(t in it for t in short[:-1]):  # "Tencent's supercomputing center project"
            return True
    # ordered subsequence ("Wanda City" / "Guangzhou Wanda Cultural Tourism City")
    it = iter(long_)
    if all(t in it for t in short) and len(short) >= 2 and (short[0] == long_[0] or short[-1] == long_[-1]):
        return True
    score = fuzzy_jaccard(fa.content, fb.content)
    if score >= 0.6 and _each_has_own_word(fa.content & fa.proper, fb.content) \
            and _each_has_own_word(fb.content & fb.proper, fa.content):
        score = 0.0 if score < 0.75 else score  # "Xinhe Hongqiao ..." / "Xinhe Everbright ...": two names
    return score >= 0.6 and (_same_word(short[0], long_[0]) or _same_stem(short[0], long_[0]))


PART_WORDS = frozenset({"terminal", "section", "extension", "branch", "campus", "stage", "tower", "block", "plot",
                        "wing", "zone", "line", "station"})


def _part_of(long_: tuple[str, ...] | list[str], short: tuple[str, ...] | list[str]) -> bool:
    """Whether ``long_`` is "<part> of <short>": a designated or named part ("Terminal 2", "east extension")
    before "of" and the whole after it.

    >>> _part_of(["terminal", "2", "of", "nanhu", "airport"], ["nanhu", "airport"])
    True
    >>> _part_of(["construction", "project", "of", "nanhu", "hospital"], ["nanhu", "hospital"])
    False
    """
    k = list(long_).index("of")
    whole = [w for w in long_[k + 1 :] if w != "the"]
    part = long_[:k]
    return whole == list(short) and any(w.isdigit() or w in PART_WORDS or ROMAN_WORD.fullmatch(w) for w in part)


ROMAN_WORD = re.compile(r"[ivx]{1,4}")


def _each_has_own_word(a: frozenset[str], b: frozenset[str]) -> bool:
    """``a`` (a name's capitalised words) holds a word ``b`` lacks, typos and shared stems aside."""
    return any(w not in b and not any(_same_word(w, v) or _same_stem(w, v) for v in b) for w in a)


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


STEM = 6  # words sharing their first six letters are forms of one word ("finance", "financial")


def _same_stem(a: str, b: str) -> bool:
    """"Finance City" and "Financial City" name one thing; "Park" and "Part" do not.

    >>> _same_stem("finance", "financial"), _same_stem("changping", "changzhou")
    (True, False)
    """
    return len(a) >= STEM and len(b) >= STEM and a[:STEM] == b[:STEM]


def fuzzy_jaccard(a: set[str], b: set[str]) -> float:
    """Token Jaccard where a word one typo away, or of the same stem, counts as the same word."""
    if not a or not b:
        return 0.0
    matched = 0
    for x in a:
        if x in b or (len(x) >= 4 and any(_same_word(x, y) or _same_stem(x, y) for y in b if len(y) >= 4)):
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

    def conflicts(e: Entity, text: str) -> bool:
        """A short form shared by two full names that disagree ("the Xiong'an branch" of two
        hospitals; "the medical center" of two medical centers) does not make them one."""
        if len(name_words(text)) < 3:
            return False
        proper = [x.text for x in e.mentions if x.form == "proper" and len(name_words(x.text)) >= 3]
        longest = max(proper, key=lambda t: len(name_words(t)), default=None)
        if longest is None or corefer(text, longest) or corefer(longest, text):
            return False
        size = len(name_words(longest))  # a longer full mention it matches vouches for it ("the MINTH Group
        return not any(len(name_words(x.text)) > size and (corefer(text, x.text) or corefer(x.text, text))
                       for x in e.mentions)  # project" after "the auto parts production project of MINTH Group")

    for m in sorted(names, key=lambda m: m.start):
        key = normalise_name(m.text)
        target = exact.get(key)
        recent = entities[-MAX_CANDIDATES:]
        if target is not None:
            pass
        elif m.form == "proper":
            target = next((e for e in recent if any(
                corefer(m.text, x.text) or (m.headless and _name_prefix(m.text, x.text))
                for x in e.mentions if x.form == "proper") and not conflicts(e, m.text)), None)
            if target is None:
                target = next((e for e in recent if any(
                    corefer(m.text, x.text) for x in e.mentions) and not conflicts(e, m.text)), None)
        else:
            target = next((e for e in recent if any(
                corefer(m.text, x.text) or _descriptive_match(m.text, x.text)
                for x in e.mentions)), None) or _kind_project(m.text, recent)
        if target is None:
            target = Entity(next_id(), "project", head=m.head, phase=_phase(m.text))
            target.strong = False
            entities.append(target)
        target.mentions.append(m)
        exact.setdefault(key, target)
    return _merge_matching(entities, corefer, conflicts)


ALIAS_INTRO = re.compile(r"(?:\s+for\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:19|20)\d\d)?"  # (the X Hall for Beijing 2022)
                         r"\s*,?\s*(?:the\s+[a-z]+\s+)?(?:which\s+(?:is|was)\s+|(?:is|was)\s+)?"
                         r"(?:also\s+|formerly\s+|previously\s+|once\s+|originally\s+)?(?:called|known\s+as|named|dubbed|nicknamed)"
                         r"\s+(?:the\s+)?[\"“]?\Z")


def merge_introduced_aliases(text: str, entities: list[Entity]) -> list[Entity]:
    """"the new Longhua Central Park, which is also called Yulong Binshui City Park": a name a
    naming verb introduces right after another is the same project's other name."""
    owner = {id(m): e for e in entities for m in e.mentions}
    mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: m.start)
    gone: set[int] = set()
    for a, b in zip(mentions, mentions[1:]):
        ea, eb = owner[id(a)], owner[id(b)]
        if ea is eb or id(eb) in gone or not ALIAS_INTRO.match(text[a.end : b.start]) or "." in text[a.end : b.start]:
            continue
        ea.mentions.extend(eb.mentions)
        ea.mentions.sort(key=lambda m: m.start)
        ea.introduced |= {m.start for m in eb.mentions}
        for m in eb.mentions:
            owner[id(m)] = ea
        gone.add(id(eb))
    return [e for e in entities if id(e) not in gone]


def _kind_project(text: str, entities: list[Entity]) -> Entity | None:
    """"the airport project" after "Ezhou Huahu Airport": "the <head> project" is the last project of
    that head (a name ending in it)."""
    words = [w for w in name_words(text) if w not in ("the", "new", "whole", "entire")]
    if len(words) != 2 or words[1] != "project":
        return None
    head = BRITISH.get(words[0], words[0])
    return next((e for e in reversed(entities) if e.kind == "project" and any(
        [BRITISH.get(w, w) for w in name_words(x.text)[-1:]] == [head] for x in e.mentions if x.form == "proper")), None)


def _name_prefix(short: str, long_: str) -> bool:
    """A name with no head noun is the start of a longer name ("Universal Beijing" of "Universal
    Beijing Resort"): two words or more, and the longer adds one or two."""
    a, b = name_words(short), name_words(long_)
    return len(a) >= 2 and 1 <= len(b) - len(a) <= 2 and b[: len(a)] == a


def _merge_matching(entities: list[Entity], corefer, conflicts) -> list[Entity]:
    """A descriptive entity that matches a later proper one is merged into it."""
    merged: list[Entity] = []
    for e in entities:
        host = next((x for x in merged[-MAX_CANDIDATES:] if any(
            corefer(a.text, b.text) for a in e.mentions for b in x.mentions)
            and not any(conflicts(x, a.text) for a in e.mentions if a.form == "proper")), None)
        if host is not None:
            host.mentions.extend(e.mentions)
        else:
            merged.append(e)
    return merged


def _descriptive_match(a: str, b: str) -> bool:
    """'the transport integration project' ~ 'the transportation integration ... project'."""
    ta, tb = name_words(a), name_words(b)
    if not ta or not tb or ta[-1] != tb[-1] or _phase(a) != _phase(b):
        return False  # (nor is "the middle section of Line 17" the line)
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
        # a list in one sentence names distinct groups
        same = [e for e in reversed(entities) if e.count == g.count and not (
            any(x.sent == g.sent for x in e.mentions) and not any(x.text == g.text for x in e.mentions))
            and not _another_count(g, e)]
        compatible = [e for e in same if not mods or not (e.modifiers | e.scope_words)
                      or mods <= (e.modifiers | e.scope_words) or (e.modifiers | e.scope_words) <= mods
                      or (g.sent <= 2 and len(e.mentions) == 1 and e.mentions[0].sent == 0
                          and sum(x.count == g.count and x.mentions[0].sent == 0 for x in entities) == 1)]
        # (a headline's count is the lede's set in other words: "adds 87 key projects to its list" /
        # "has placed 87 new key municipal projects on its list")
        # "the 100 livelihood projects" is the livelihood group of three groups of 100
        target = compatible[0] if compatible else (same[0] if same and g.definite else None)
        if target is None:
            target = Entity(next_id(), "project_group", count=g.count)
            entities.append(target)
        target.mentions.append(g)
        target.modifiers = target.modifiers | g.modifiers
        target.scope_words = target.scope_words | g.scope_words
        if target.scope is None and g.scope:
            target.scope = g.scope
    return entities


SAME_SET_COUNT = 20  # a count this large said twice in an article is one set ("831 major projects" twice)


def _another_count(g: GroupMention, e: Entity) -> bool:
    """"Luocheng began work on five projects ... In the park, five projects were completed": a bare
    small count said again later, with no determiner, is another set (but a headline's count is the
    lede's: "Beijing starts 160 projects" / "Beijing started 160 projects on Monday"; and a large
    count does not repeat by chance: "831 projects started" / "work began on 831 projects")."""
    bare = not (g.modifiers | g.scope_words) and " of " not in g.text and g.count < SAME_SET_COUNT
    return bare and not g.definite and all(not x.definite and x.sent != g.sent and x.text == g.text for x in e.mentions) \
        and not any(x.sent <= 1 for x in e.mentions)


# ---------------------------------------------------------------------- acronyms and strength

def defined_acronyms(names: list[NameMention], common: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Acronyms the article defines inside its names ("Artificial Intelligence (AI)"), spelled by
    another name, or so common that news never defines them (``common_acronyms``: "AI")."""
    out: dict[str, list[str]] = {k: list(v) for k, v in (common or {}).items()}
    for n in names:
        out.update(acronyms_defined(n.text))
    caps = {a for n in names for a in re.findall(r"\b[A-Z]{3,5}\b", n.text)
            if not ROMAN.fullmatch(a)} - {a.upper() for a in out}
    for acro in sorted(caps):  # "YRD ... center" and "Yangtze River Delta ... center" in one article
        words = _spelled_by(acro, [n.text for n in names])
        if words:
            out[acro.lower()] = words
    return out


def _spelled_by(acro: str, texts: list[str]) -> list[str] | None:
    """The run of capitalised words of another name whose initials spell ``acro``.

    >>> _spelled_by("YRD", ["YRD hub", "the Yangtze River Delta hub"])
    ['yangtze', 'river', 'delta']
    """
    for text in texts:
        words = re.findall(r"[A-Za-z][\w'’-]*", text)
        for i in range(len(words) - len(acro) + 1):
            run = words[i : i + len(acro)]
            if all(w[0].isupper() and not w.isupper() for w in run) and "".join(w[0] for w in run) == acro:
                return [w.lower() for w in run]
    return None


def add_acronym_mentions(ctx, projects: list[Entity]) -> None:
    """Every stand-alone acronym of a proper name ("CEPC") becomes a mention of that project."""
    by_acro = {}
    for e in projects:
        for m in e.mentions:
            if m.form == "proper":
                a = acronym_of(m.text)
                if a and len(a) >= 3:
                    by_acro.setdefault(a, e)
    if not by_acro:
        return
    for i in ctx.tokens_matching(ACRONYM_RE):
        tok = ctx.tok[i]
        if tok.text in by_acro:
            e = by_acro[tok.text]
            if any(m.start <= tok.idx < m.end for m in e.mentions):
                continue
            e.mentions.append(NameMention(i, i + 1, tok.idx, tok.idx + len(tok.text), tok.text,
                                          "acronym", e.head or "", ctx.sent_of[i]))


OWNER_COMPLEMENT = re.compile(r"\b(?:Group|Company|Co\.?|Corporation|Corp\.?|Ltd\.?|Inc\.?|Holdings|Motors)\s*\Z")
WORKS_ON = re.compile(r"\b(?:project|works)\s+on\s+(?:the\s+)?\Z", re.IGNORECASE)
OWNED_OBJECT = re.compile(r"(?:its|their|the\s+company's|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*['’]s)\s")  # "of its existing site"
NEAR_BEFORE = re.compile(r"\b(?:close\s+to|near|next\s+to|beside|opposite|adjacent\s+to)\s+(?:an?\s+)?\Z", re.IGNORECASE)
# the capitalised words of an indefinite description before its lower-case words and head: "[Li Auto] parts production base"
OWNER_MODIFIER = re.compile(r"(?:(?:a|an)\s+)?(?:(?:new|green|and|intelligent|smart|large|major|second|third)\s+)*"
                            r"((?:[A-Z][a-z][\w&-]*\s+){1,3})(?:[a-z][\w-]*\s+)*[a-z][\w-]*\Z")  # (not "an AI cluster")
OWNER_POSSESSIVE = re.compile(r"(?:[A-Z][\w&-]*\s+)?[A-Z][\w&-]*['’]s\s")  # "Nidec's", "China Mobile's"


def is_strong(m: NameMention, stop_modifiers: set[str], text: str = "", is_place=None,
              kinds: frozenset[str] = frozenset()) -> bool:
    """Whether a mention names a project by itself (a proper name, an owner's works: "Nidec's new
    industrial park", or a descriptive name with enough content: "the landscaping improvement
    project"); weak ones only refer back. (Not "X's A and B ...": the owner's list is one name.)"""
    if m.form == "proper":
        return True
    if m.form == "possessive" and text and OWNER_POSSESSIVE.match(text, m.start) and not text.startswith(" and ", m.end):
        return True
    if m.form == "indefinite":  # (but "a steel mill of Jiangsu Yonggang Group": an owner's works)
        if text and m.complement and (OWNER_COMPLEMENT.search(text, m.complement[0], m.complement[1])
                                      or WORKS_ON.search(text, m.start, m.complement[0])
                                      or (m.head in kinds and OWNED_OBJECT.match(text, m.complement[0]))):
            return True  # (or "a renovation project on Jianguo Road": a works on a named road; "an expansion of
            # its production site": a works on an owner's facility)
        owner = OWNER_MODIFIER.match(m.text)  # "a Li Auto parts production base": a company's works, not
        return bool(owner and is_place is not None and not is_place(owner.group(1))  # "a new Beijing subway line",
                    and not NEAR_BEFORE.search(text, max(0, m.start - 16), m.start))  # nor "close to a Casio factory"
    if m.form != "possessive" and text and DEMONSTRATIVE_BEFORE.search(text, max(0, m.start - 8), m.start):
        return False  # "this heavily funded project", "that ambitious project": it points back
    content = [w for w in name_words(m.text)[:-1] if w not in stop_modifiers
               and w not in ("the", "and", "this", "that")]
    if m.head == "project" and m.form == "definite" and content and all(w in kinds for w in content):
        return m.complement is not None  # "the renovation project", "the museum project": the works named before
    return m.head == "project" and len(content) >= 1 or m.complement is not None or len(content) >= 3


SPEECH_BEFORE = re.compile(r"\b(?:said|says|say|noted|notes|added|adds|stated|told\s+\w+|announced)\s+(?:that\s+)?\Z")
DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:[Tt]his|[Tt]hat)\s+\Z")
INDEFINITE_OPENING = re.compile(r"\s*(?:A|An)\s+(?:[a-z-]+\s+){0,3}$")


def name_heads(projects: list[Entity], works: frozenset[str], places: frozenset[str]) -> frozenset[str]:
    """The head words of project names ("branch" of "the Xiong'an branch of X"), of works names and of
    their objects ("renovation" and "boulevard" of "renovation of Keyuan Boulevard"): a definite "the
    branch", "the renovation", "the boulevard" later refers back to that project. Place heads ("the economic zone")
    refer to the place, not to a project named after it."""
    out = set()
    for e in projects:
        for m in e.mentions:
            words = name_words(m.text)
            if m.head in works:
                out.add(m.head)  # "the extension" after "the west extension of Line 2"
            if m.head in works and words and not words[-1].isdigit() and words[-1] not in places:
                out.add(words[-1])
            elif m.head and m.head not in works and m.head not in places:
                out.add(m.head)  # "the branch" after "the Xiong'an branch of X Hospital"
    return frozenset(out)


def split_weak(projects: list[Entity], ctx, kinds: frozenset[str] = frozenset()) -> tuple[list[Entity], list[BackRef]]:
    """Weak descriptive entities ("the heritage park") act as back-references, not projects; an
    entity only ever described with "a/an" ("a core hub of northern Shenzhen") is a description of
    something else, never a project of its own, but one opening its sentence ("A new subway line
    linking A with B will open ...") may refer back to a project just named."""
    kept: list[Entity] = []
    refs: list[BackRef] = []
    for e in projects:
        if all(m.form == "indefinite" for m in e.mentions) and not e.strong:  # (strong: "a steel mill of X Group")
            for m in e.mentions:
                if INDEFINITE_OPENING.fullmatch(ctx.text, ctx.sents[m.sent].start_char, m.start):
                    refs.append(BackRef(m.start_tok, m.end_tok, m.start, m.end, m.text, "indefinite", m.head, m.sent))
                elif m.sent <= LEDE_SENTENCES:  # "Wuhan now has a new supercomputing center, which ..."
                    refs.append(BackRef(m.start_tok, m.end_tok, m.start, m.end, m.text, "lede", m.head, m.sent))
            continue
        if not e.strong and all(m.form == "definite" for m in e.mentions) and not _unnamed_subject(e, projects):
            refs.extend(BackRef(m.start_tok, m.end_tok, m.start, m.end, m.text,
                                "project" if _named_by_kind(m, kinds) else "described", m.head, m.sent)
                        for m in e.mentions)  # ("the renovation project" refers back as "the project" does)
        else:
            kept.append(e)
    return kept, refs


def _named_by_kind(m: NameMention, kinds: frozenset[str]) -> bool:
    """"the renovation project", "the museum project": a project named only by what is done or by its kind
    (``kinds``: works nouns and project heads); it refers back as "the project" does (to a museum for "the
    museum project")."""
    words = [w for w in name_words(m.text)[:-1] if w not in ("the", "this", "that")]
    return m.head == "project" and bool(words) and all(w in kinds for w in words)


def _unnamed_subject(e: Entity, projects: list[Entity]) -> bool:
    """An article about a project it never names ("the undersea data center", four times from the
    lede on): a description repeated three times or more, from the first sentences, where no other
    project of that kind is named, is the project itself."""
    return len(e.mentions) >= 3 and min(m.sent for m in e.mentions) <= LEDE_SENTENCES + 1 and not any(
        x is not e and x.strong and of_head(x, e.head) for x in projects)


# ---------------------------------------------------------------------- back-references

@dataclass
class Target:
    """An entity as a sentence mentions it: by name ("explicit"), by a resolved back-reference, or
    as a listed member of a group (role "member")."""

    start: int
    end: int
    entity: Entity
    role: str  # "explicit", "backref", "member"


class Resolver:
    """Resolves back-references (:meth:`resolve`); holds only compiled cue lists."""

    def __init__(self, org_words, typed_backrefs=(), works_nouns=()):
        self.typed = frozenset(typed_backrefs)
        self.works = frozenset(works_nouns)  # "the renovation project": what is done, not what the antecedent is
        alt = "|".join(sorted((re.escape(w) for w in org_words), key=len, reverse=True))
        self.org_re = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)

    def resolve(self, b: BackRef, k: int, here: list[Target], seen: dict[int, list[Target]],
                topic_group: Entity | None, text: str, sent_start: int,
                places: tuple[tuple[int, int], ...] = ()) -> Entity | None:
        """The entity back-reference ``b`` (in sentence ``k``) refers to, or None.

        ``here``: the targets of sentence ``k`` so far; ``seen``: the targets of earlier sentences.
        A collective noun ("the list") is the article's first group unless the sentence has its own;
        a count ("the five medical facilities") is the group of that count; a pronoun is the nearest
        project before it, unless an organisation or a place is named between ("the company says it
        is valued at ...", "Fengtai District held ... for its projects"); "the hospital" prefers an entity of the same head; a sentence-initial
        indefinite description ("A new subway line ...") is a project just named whose name holds
        its head word.
        """
        if b.target == "collective":
            has_group = any(t.entity.kind == "project_group" for t in here)
            return None if has_group else topic_group
        if b.target == "count":
            return _group_of_count(int(b.head or 0), b, k, here, seen)
        if b.target == "pronoun" and (IT_EXPLETIVE.match(text[b.start : b.start + 40])
                                      or NAMED_AFTER_POSSESSIVE.match(text, b.start)
                                      or self._other_antecedent(b, here, text, sent_start, places)
                                      or _after_indefinite_subject(text, b, sent_start)):
            return None
        return _nearest_antecedent(b, k, here, seen, self.typed, self.works)

    def _other_antecedent(self, b: BackRef, here: list[Target], text: str, sent_start: int,
                          places: tuple[tuple[int, int], ...]) -> bool:
        """An organisation or a place named between the last target and the pronoun is what the
        pronoun refers to ("Fengtai District held ... for its 2023 projects")."""
        if SPEECH_BEFORE.search(text, max(sent_start, b.start - 25), b.start):
            return False  # "X, general manager of Y Group Co Ltd, said it is expected to ...": the topic, not Y
        last = max((t.end for t in here if t.end <= b.start), default=sent_start)
        if LOCATED_FRAME.match(text, sent_start) and "," in text[sent_start : b.start]:
            last = max(last, text.rindex(",", sent_start, b.start))  # "Located in X, it has ...": X frames it
        return bool(self.org_re.search(text, last, b.start)) or any(
            last <= s and e <= b.start and not PREPOSITION_BEFORE.search(text, max(0, s - 12), s) for s, e in places)


def _group_of_count(count: int, b: BackRef, k: int, here: list[Target],
                    seen: dict[int, list[Target]]) -> Entity | None:
    for targets in [[t for t in here if t.end <= b.start]] + [seen.get(k - back, []) for back in
                                                              range(1, MAX_SENTENCES_BACK + 1)]:
        groups = [t.entity for t in targets if t.entity.kind == "project_group" and t.entity.count == count]
        if groups:
            return groups[-1]
    return None


# "Chengdu Metro began running its first line, Line 1, in 2010": what the pronoun owns is named right after it
NAMED_AFTER_POSSESSIVE = re.compile(r"(?:[Ii]ts|[Tt]heir)\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s+(?:the\s+)?[A-Z0-9]")
PRONOUN_OPENING = re.compile(r"\s*(?:It|Its|They|Their)\b")
INDEFINITE_SUBJECT = re.compile(r"\s*(?:A|An)\s+[^,.;:]{3,90}?\s+(?:is|was|will|has|had|are|were)\b")


def _after_indefinite_subject(text: str, b: BackRef, sent_start: int) -> bool:
    """"A two billion yuan industrial park is close to completion. It is due to begin production in
    2025": a pronoun opening the sentence after one whose subject is an indefinite description
    refers to that description, not to a project named earlier."""
    if not PRONOUN_OPENING.match(text, sent_start):
        return False  # (every pronoun of that sentence: "It is due ..., and it has reached ...")
    prev_end = len(text[:sent_start].rstrip())
    prev_start = max(text.rfind(". ", 0, prev_end - 1) + 2, text.rfind("\n", 0, prev_end - 1) + 1, 0)
    return bool(INDEFINITE_SUBJECT.match(text, prev_start, prev_end))


def _nearest_antecedent(b: BackRef, k: int, here: list[Target], seen: dict[int, list[Target]],
                        typed: frozenset[str] = frozenset(), works: frozenset[str] = frozenset()) -> Entity | None:
    """``typed``: back-reference heads that name a kind ("the line", "the bridge") and refer only to
    a project of that head ("rolled off the line" names no project)."""
    ok = _antecedent_test(b, works)
    want_group = b.target == "group"
    specific = b.head if b.head not in GENERIC_PROJECT_HEADS else None
    if want_group:
        described = _group_by_words(b, k, here, seen)
        if described is not None:
            return described  # "the major industrial projects": the group of major industrial projects
    before_here = [t for t in here if t.end <= b.start and ok(t.entity)]
    if b.target in ("pronoun", "indefinite") and before_here:
        return before_here[-1].entity
    if specific is None and not want_group and before_here and before_here[-1].entity.kind == "project":
        return before_here[-1].entity  # "X ... said that the entire project ..."
    if specific is not None and b.target == "project":
        whole = _whole_of_head(specific, k, seen, ok)
        if whole is not None:
            return whole  # "Line 15 Phase One ... Phase Two ... The line": the line, not a phase
    reach = range(1, (2 if b.target == "indefinite" else MAX_SENTENCES_BACK) + 1)
    if specific is not None and b.target == "project":
        same = [t for t in before_here if of_head(t.entity, specific)]
        if same:
            return same[-1].entity
        for back in reach:  # "the library" is the library named two sentences back, not the museum between
            same = [t for t in seen.get(k - back, ()) if ok(t.entity) and of_head(t.entity, specific)]
            if same:
                return same[0].entity
    for back in reach:
        prev = seen.get(k - back)
        if not prev:
            continue
        cands = [t for t in prev if ok(t.entity) and t.role != "member"] or [t for t in prev if ok(t.entity)]
        if specific is not None:
            same_head = [t for t in cands if of_head(t.entity, specific)]
            if not same_head and specific == "section" and SECTION_OF_ROUTE.match(b.text):
                same_head = [t for t in cands if t.entity.head in LINE_HEADS]  # "Line 6 ... The first section"
            cands = same_head if same_head or (specific in typed and b.target == "project") else cands
        elif b.head == "project" and not want_group:  # "At the X factory, work on the Y project ... the project": Y
            cands = [t for t in cands if t.entity.kind == "project" and t.entity.head == "project"] or cands
        if cands:
            return (_whole_of_parts(cands, k - back, seen) or cands[-1].entity) if want_group else cands[0].entity
    if before_here:
        return before_here[-1].entity
    return None


# "the first section", "its north-south section": an unnamed part of the route named before, whose values are the route's
SECTION_OF_ROUTE = re.compile(r"(?:the|its)\s+(?:first|second|third|initial|[a-z]+ern|north-south|east-west|[a-z]+-[a-z]+)\s+section$",
                              re.IGNORECASE)
LINE_HEADS = LINE_WORDS | {"road", "tramway"}
ROUTE_HEADS = LINE_HEADS | {"bridge", "tunnel"}  # what "the building" never refers to


def of_head(entity: Entity, head: str) -> bool:
    return entity.head == head or head in entity.mention_words("kind")


def lede_referent(b: BackRef, entities: list[Entity], headline: str) -> Entity | None:
    """The project a description in the lede ("its new supercomputing center", "a new supercomputing
    center", "the long-awaited expressway") refers back to: the one project of that kind the
    headline names (by any of its names). A description refers back, never forward: a project the
    headline does not name is not what the lede describes ("A civil airport ... will open in
    mid-August. The Wushan Airport ..." gives the airport no date). Plural and generic descriptions
    ("two new bridges", "the project") refer to none."""
    if b.head in GENERIC_PROJECT_HEADS or b.text.lower().startswith(("one of", "some", "many")):
        return None
    low = headline.lower()
    named = {id(e): e for e in entities if e.kind == "project" and of_head(e, b.head)
             and any(getattr(m, "form", "") == "proper" and m.text.lower() in low for m in e.mentions)}
    return next(iter(named.values())) if len(named) == 1 else None

def _whole_of_parts(cands: list[Target], k: int, seen: dict[int, list[Target]]) -> Entity | None:
    """"21 major projects ... They comprise seven infrastructure projects, five ... and nine ... The
    total investment in these projects is ...": a bare plural after a sentence that lists the parts of
    a set refers to the set, the earlier group whose count is their sum."""
    parts = {t.entity.id: t.entity for t in cands if t.entity.kind == "project_group" and t.entity.count
             and t.role != "backref"}
    if len(parts) < 2:
        return None
    total = sum(e.count for e in parts.values())
    for back in range(0, MAX_SENTENCES_BACK):
        whole = [t.entity for t in seen.get(k - back, ()) if t.entity.kind == "project_group"
                 and t.entity.count == total and t.entity.id not in parts]
        if whole:
            return whole[-1]
    return None


def _group_by_words(b: BackRef, k: int, here: list[Target], seen: dict[int, list[Target]]) -> Entity | None:
    """The latest group whose modifiers a group back-reference repeats ("the major industrial
    projects" after "119 major industrial projects")."""
    words = {w for w in name_words(b.text) if w not in BACKREF_FILLERS and w != "projects"}
    if not words:
        return None
    for targets in [[t for t in here if t.end <= b.start]] + [seen.get(k - back, []) for back in range(1, k + 1)]:
        for t in reversed(targets):  # the whole article: a group named by its words is unambiguous
            if t.entity.kind == "project_group" and words <= (t.entity.modifiers | t.entity.scope_words):
                return t.entity
    return None


def _kind_word(name: str) -> str | None:
    """The word naming what a project is: its last word, or the one before a final "project"
    ("the Chengdu-Zigong high-speed railway project" is a railway)."""
    words = name_words(name)
    if len(words) >= 2 and words[-1] == "project":
        return words[-2]
    return words[-1] if words else None


def _whole_of_head(head: str, k: int, seen: dict[int, list[Target]], ok) -> Entity | None:
    """When the nearest mentions of ``head`` ("line") are phases of one project, the project itself
    mentioned before them."""
    phased = False
    for back in range(1, MAX_SENTENCES_BACK + 1):
        same = [t.entity for t in seen.get(k - back, []) if ok(t.entity) and t.entity.kind == "project"
                and head in t.entity.mention_words("last")]
        whole = [e for e in same if e.phase is None]
        if whole:
            return whole[0] if phased else None
        phased = phased or bool(same)
    return None


BACKREF_FILLERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "new", "key", "major", "whole",
                             "entire", "same", "said", "above", "first", "second", "third", "main", "overall",
                             "planned", "proposed", "other", "latter", "former", "aforementioned", "big", "large",
                             "huge", "giant", "ambitious", "landmark", "flagship", "cny", "rmb", "usd", "hkd", "eur",
                             "yuan", "dollar", "dollars", "billion", "million", "trillion", "km", "kilometer",
                             "kilometre", "long", "square", "meter", "metre", "hectare", "seat", "bed"})


def _backref_content(b: BackRef, works: frozenset[str] = frozenset()) -> set[str]:
    """The content words of a definite back-reference before its head ("library" in "the library
    project"); empty for "the project", "the new project"."""
    if b.target != "project" or not b.head:
        return set()
    words = name_words(b.text)
    head_words = set(b.head.split())
    return {w for w in words if w not in head_words and w not in BACKREF_FILLERS and w not in works and w.isalpha()}


def _antecedent_test(b: BackRef, works: frozenset[str] = frozenset()):
    """Which entities back-reference ``b`` may refer to."""
    want_group = b.target == "group"
    specific = b.head if b.head not in GENERIC_PROJECT_HEADS else None

    content = _backref_content(b, works)
    plural = b.target == "pronoun" and b.text.lower() in ("they", "their", "these")

    def ok(e: Entity) -> bool:
        if e.kind == "project" and not e.strong:
            return False  # "a core hub of ..." is no antecedent
        if b.head == "building" and (e.head in ROUTE_HEADS or e.head in works):
            return False  # "the building" is no road, line or works on one ("the renovation of X Road")
        if content and (e.kind != "project" or not content & e.mention_words("all")):
            return False  # "the library project" refers to a library, not to the road project before it
        if b.target == "described":
            return e.kind == "project" and e.head == b.head
        if b.target == "indefinite":
            return e.kind == "project" and b.head in e.mention_words("all")
        if want_group:
            return e.kind == "project_group"
        if b.target == "pronoun":
            return e.kind == ("project_group" if plural else "project")  # "They carry ...": a group
        if specific is not None:
            return e.kind == "project"
        return True

    return ok
