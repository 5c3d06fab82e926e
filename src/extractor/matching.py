"""When two project names from different articles name the same project: the registry's merge rule.

Pure functions over names (no database, no spaCy). Vocabulary in ``patterns/registry.json``.

A name becomes a :class:`NameKey`: its *part signature* (a named phase, a directed part such as
"north section" or "southern extension", and works words such as "expansion"), its *content*
words (the rest, less stop words, transit words, and the words of the record's own city and
province), which of those are *distinctive* (not generic: "Anzhen", "Universal", "3"), and its
number words. Two names of records in the same place match (:func:`names_match`) when

1. their part signatures are equal (Phase I and Phase II, north and south section, X and the
   expansion of X: never merged), and their numbers are equal ("Line 3" is not "Line 13"); and
2. their content words are equal as sets, or one set holds the other and the smaller holds a
   distinctive word and at least two words ("Anzhen Tongzhou campus" in "Beijing Anzhen
   Hospital Tongzhou campus"), or both hold distinctive words and rapidfuzz's token sort ratio
   of the content is at least :data:`FUZZY_MIN` (spelling variants: "Kawn"/"Kawin"); an acronym
   ("RUC", "HEPS") stands for the words of the other name whose initials it spells;
3. a name with no distinctive word ("Beijing Library", "data center") matches only a name equal
   to it word for word, and only when it names a place ("Beijing Library": yes; "data center": never).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

FUZZY_MIN = 92.0
SPLIT_RE = re.compile(r"[\s\-\u2013\u2014/(),.;:\"“”‘]+")  # word separators
DROP_RE = re.compile(r"[^\w]")  # what else a word loses ("Xiong'an" -> "xiongan", "R&D" -> "rd")
ACRONYM_RE = re.compile(r"^[A-Z]{2,6}$")
BASED_RE = re.compile(r"\b[\w'’]+-based\b")  # "Beijing-based Xuanwu Hospital": the owner's home


@dataclass(frozen=True)
class Vocabulary:
    stop: frozenset[str]
    generic: frozenset[str]
    transit: frozenset[str]
    spelling: dict
    works: frozenset[str]
    parts: frozenset[str]
    directions: frozenset[str]
    phase_words: frozenset[str]
    ordinals: dict
    heads: frozenset[str] = frozenset()
    linear: frozenset[str] = frozenset()
    route_parts: frozenset[str] = frozenset()
    known: dict = field(default_factory=dict)  # words, or content words, of another name -> canonical name

    @classmethod
    def load(cls, path: Path, heads: Iterable[str] = (), known: Path | None = None) -> "Vocabulary":
        data = json.loads(path.read_text(encoding="utf-8"))
        sets = {k: frozenset(data[k]) for k in ("stop", "transit", "works", "parts", "directions", "phase_words",
                                                 "linear", "route_parts")}
        heads = frozenset(data["spelling"].get(h, h) for h in heads)
        vocab = cls(generic=frozenset(data["generic"]) | heads, spelling=data["spelling"],
                    ordinals=data["ordinals"], heads=heads, **sets)
        return replace(vocab, known=known_names(known, vocab)) if known else vocab


def known_names(path: Path, vocab: Vocabulary) -> dict:
    """Keys of the other names of ``patterns/known_names.jsonl``: each name's words (exact), and its
    part signature with its content words where they hold a distinctive word ("Capital Museum East
    Branch" is not "Capital Museum"), each mapped to the line's canonical name."""
    out: dict = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if "canonical" not in entry:
            continue
        for other in entry["names"]:
            key = name_key(other, [entry["city"]], vocab)
            out.setdefault(_lead_dropped(key.words), entry["canonical"])
            if key.distinctive:
                out.setdefault((key.signature, key.content), entry["canonical"])
    return out


def _lead_dropped(words: tuple[str, ...]) -> tuple[str, ...]:
    return words[1:] if words[:1] == ("the",) else words


@lru_cache(maxsize=2)
def default_vocabulary() -> Vocabulary:
    from extractor.resources import load_resources, patterns_dir

    return Vocabulary.load(patterns_dir() / "registry.json", load_resources().project_heads,
                           patterns_dir() / "known_names.jsonl")


@dataclass(frozen=True)
class NameKey:
    """What matching needs of one name (see the module docstring)."""

    text: str
    words: tuple[str, ...]  # every word, lower case, spelling unified
    signature: tuple[str, ...]
    content: frozenset[str]
    distinctive: frozenset[str]
    numbers: tuple[str, ...]
    acronyms: tuple[str, ...]
    initials: tuple[str, ...]  # lower-case words of the name in order (for spelling out acronyms)
    head: str | None = None  # the head noun: the last one before "of", else the last one
    plain: str = ""  # the words less phases, parts and a "City" after the city's name

    @property
    def full(self) -> str:
        return " ".join(self.words)


def words_of(name: str, vocab: Vocabulary) -> list[str]:
    """Lower-case words, punctuation dropped, spelling unified; an owner's home ("Beijing-based") is
    no part of a name.

    >>> words_of("Beijing Anzhen Hospital's Tongzhou branch", default_vocabulary())
    ['beijing', 'anzhen', 'hospital', 'tongzhou', 'campus']
    """
    out = []
    for raw in SPLIT_RE.split(BASED_RE.sub(" ", name.replace("'s ", " ").replace("’s ", " "))):
        w = DROP_RE.sub("", raw.lower())
        if w:
            out.append(vocab.spelling.get(w, w))
    return out


def name_key(name: str, place_words: Iterable[str] = (), vocab: Vocabulary | None = None) -> NameKey:
    """The matching key of ``name``; ``place_words`` are the words of the record's own city and
    province (dropped: the place is compared apart).

    >>> k = name_key("Universal Beijing Resort Phase II", ["beijing"])
    >>> k.signature, sorted(k.content), sorted(k.distinctive)
    (('phase 2',), ['resort', 'universal'], ['universal'])
    >>> name_key("north section of the Beijing Metro Line 17", ["beijing"]).signature
    ('north section',)
    >>> name_key("Cultural Granary", ["beijing"]).full  # another name of a known project
    'beijing performing arts center'
    """
    vocab, place_words = vocab or default_vocabulary(), tuple(place_words)
    key = _name_key(name, place_words, vocab)
    canonical = vocab.known.get(_lead_dropped(key.words)) or (
        key.distinctive and vocab.known.get((key.signature, key.content)))
    if not canonical or canonical == name:
        return key
    return replace(_name_key(canonical, place_words, vocab), text=name)  # the surface seen stays the text


def _name_key(name: str, place_words: Iterable[str], vocab: Vocabulary) -> NameKey:
    words = words_of(name, vocab)
    used: set[int] = set()
    signature = sorted(set(_phases(words, vocab, used)) | set(_parts(words, vocab, used)))
    place = {w for p in place_words for w in words_of(p, vocab)}
    used.update(i for i, w in enumerate(words) if w == "city" and i > 0 and words[i - 1] in place)  # "Beijing City X"
    raw_words = [w for w in SPLIT_RE.split(name) if w]
    acronyms = tuple(DROP_RE.sub("", w).lower() for w in raw_words if ACRONYM_RE.match(DROP_RE.sub("", w)))
    content = [w if w in acronyms else _singular(w) for i, w in enumerate(words)
               if i not in used and w not in vocab.stop and w not in place and w not in vocab.transit]
    return NameKey(
        text=name, words=tuple(words), signature=tuple(signature), content=frozenset(content),
        distinctive=frozenset(w for w in content if w not in vocab.generic),
        numbers=tuple(sorted(w for w in content if w.isdigit())),
        acronyms=acronyms,
        initials=tuple(w for w in words if w not in vocab.stop), head=_head(words, vocab, used),
        plain=" ".join(w for i, w in enumerate(words) if i not in used and w not in vocab.stop),
    )


def _singular(word: str) -> str:
    """A plural's singular, roughly ("arts" -> "art"); "campus", "access", "hypothesis" stay.

    >>> [_singular(w) for w in ("arts", "campus", "parks", "bus")]
    ['art', 'campus', 'park', 'bus']
    """
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _head(words: list[str], vocab: Vocabulary, used: set[int]) -> str | None:
    """The name's head noun: the last head word before the first "of" (or "affiliated to"), else the
    last head word.

    >>> v = default_vocabulary()
    >>> _head(words_of("Tongzhou branch of Beijing Anzhen Hospital", v), v, set())
    'campus'
    >>> _head(words_of("Daxing International Airport Expressway", v), v, set())
    'expressway'
    """
    cut = next((i for i, w in enumerate(words) if w in ("of", "affiliated")), len(words))
    if cut < len(words) and any(w in vocab.route_parts for w in words[:cut]):
        return _head(words[cut + 1 :], vocab, {i - cut - 1 for i in used})  # "section from A to B of the X Railway"
    for span in (words[:cut], words):
        heads = [w for i, w in enumerate(span) if w in vocab.heads and i not in used and w != "project"]
        if heads:
            return heads[-1].removesuffix("s") if heads[-1] not in ("campus", "headquarters", "works") else heads[-1]
    return None


def _phases(words: list[str], vocab: Vocabulary, used: set[int]) -> list[str]:
    """'phase 2' for "Phase II", "second phase", "phase 2", "Phase Two" (the words are marked used)."""
    out = []
    for i, w in enumerate(words):
        if w not in vocab.phase_words:
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(words) and words[j] in vocab.ordinals:
                out.append(f"phase {vocab.ordinals[words[j]]}")
                used.update((i, j))
                break
    return out


def _parts(words: list[str], vocab: Vocabulary, used: set[int]) -> list[str]:
    """Directed parts ("north section", "southern extension") and works words ("expansion")."""
    out = []
    for i, w in enumerate(words):
        if i in used:
            continue
        if w in vocab.parts and i > 0 and words[i - 1] in vocab.directions and i - 1 not in used:
            out.append(f"{words[i - 1]} {w.removesuffix('s')}")
            used.update((i - 1, i))
        elif w in vocab.works:
            out.append(w.removesuffix("s"))
            used.add(i)
    return out


def _spell_out(a: NameKey, b: NameKey) -> frozenset[str]:
    """``a``'s content with each acronym replaced by the words of ``b`` whose initials it spells."""
    content = set(a.content)
    for acr in a.acronyms:
        for i in range(len(b.initials)):
            for j in range(i + 2, min(len(b.initials), i + len(acr)) + 1):
                if "".join(w[0] for w in b.initials[i:j]) == acr and acr in content:
                    content.discard(acr)
                    content.update(w for w in b.initials[i:j] if w in b.content)
    return frozenset(content)


def names_match(a: NameKey, b: NameKey, vocab: Vocabulary | None = None) -> float:
    """How well two names of one place match: 0 for no match, else a score in (0, 100].

    >>> k = lambda s: name_key(s, ["beijing"])
    >>> names_match(k("Tongzhou campus of Beijing Anzhen Hospital"), k("the Anzhen Tongzhou campus")) > 0
    True
    >>> names_match(k("Universal Beijing Resort"), k("second phase of Universal Beijing Resort"))
    0.0
    """
    vocab = vocab or default_vocabulary()
    if a.signature != b.signature or a.numbers != b.numbers:
        return 0.0
    if a.head and b.head and a.head != b.head:
        return 0.0
    ca, cb = _spell_out(a, b), _spell_out(b, a)
    da, db = {w for w in ca if w not in vocab.generic}, {w for w in cb if w not in vocab.generic}
    if not da or not db:
        named_place = len(a.plain.split()) > len(a.content)
        return 100.0 if a.plain == b.plain and named_place and not da and not db else 0.0
    if ca == cb:
        return 100.0
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    if small <= large and len(small) >= 2 and small & (da | db):
        return 95.0
    score = fuzz.token_sort_ratio(" ".join(sorted(ca)), " ".join(sorted(cb)))
    return float(score) if score >= FUZZY_MIN else 0.0


def index_tokens(key: NameKey) -> set[str]:
    """Words a candidate must share with a name to be compared with it: its distinctive words,
    the acronyms its words spell, and its plain words (for names with no distinctive word)."""
    out = set(key.distinctive) | {"=" + key.plain}
    words = list(key.initials)
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + 6) + 1):
            out.add("".join(w[0] for w in words[i:j]))
    return out
