"""Load and validate the data files under ``patterns/`` into one :class:`Resources`.

Resources are loaded once (per folder, cached) and handed down to every component; nothing loads
a pattern file at import time. Every file is validated when it loads: a malformed line fails with
:class:`PatternFileError` naming its file and line, never later and never per article.

| file | what it holds |
|---|---|
| ``units.jsonl`` | scale words, currencies (ISO code, prefix or suffix), area and compute units |
| ``hedges.jsonl`` | hedges before a value ("about", "more than") and their ``mod`` |
| ``numbers.json`` | number words of counts |
| ``temporal.json`` | the temporal tagger's words: months, weekdays, hedges, parts of periods, seasons, ... |
| ``cues.json`` | discourse cues (completion, start, blockers, back-references, ...) |
| ``heads.jsonl`` | head nouns that end a project name, with their project-or-place reading |
| ``works_nouns.txt`` | works named by what is done ("renovation", "extension") |
| ``demonyms.txt`` | capitalised adjectives that make no proper name ("Chinese") |
| ``function_words.txt`` | closed-class words never part of a name's content |
| ``sentences.json`` | abbreviations and company suffixes for sentence boundaries |
| ``locations.jsonl`` | spaCy SpanRuler patterns for places (token patterns by suffix) |
| ``gazetteer/*.jsonl`` | places by name: Beijing's districts and townships, zones, China's provinces and cities, Hebei's counties, other provinces' county-level cities |
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from extractor.gazetteer import Gazetteer, PlaceEntry
from extractor.models import CURRENCY_PATTERN, MODS
from extractor.temporal import TemporalWords


class PatternFileError(ValueError):
    """A pattern or gazetteer file is malformed; the message names file and line."""


def patterns_dir() -> Path:
    """The installed copy (wheel) or the source tree's ``patterns/`` (editable install, checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_patterns", here.parent.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise PatternFileError(f"no patterns folder beside {here}")


class HedgeEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phrase: str
    mod: str
    not_after: list[str] = []  # words before the phrase that make it no hedge ("add up to": a sum)


class SpanRulerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    pattern: str | list[dict[str, Any]]
    id: str | None = None


class HeadEntry(BaseModel):
    """One line of ``heads.jsonl``."""

    model_config = ConfigDict(extra="forbid")
    word: str
    reading: Literal["project", "either", "place", "org"]
    designator: bool = False
    plural: bool = False
    location: bool = True
    proper_only: bool = False
    road: bool = False


class UnitEntry(BaseModel):
    """One line of ``units.jsonl``."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["scale", "currency", "area", "compute"]
    surface: str
    factor: float | None = None
    code: str | None = None
    position: Literal["prefix", "suffix"] | None = None
    attached: bool = False


@dataclass(frozen=True)
class Units:
    """``units.jsonl`` by kind: surface form -> factor (or ISO currency code)."""

    scales: dict[str, float]
    currency_prefixes: dict[str, str]
    currency_suffixes: dict[str, str]
    area_units: dict[str, float]
    compute_units: dict[str, float]
    attached_compute_units: frozenset[str]

    @property
    def currencies(self) -> frozenset[str]:
        return frozenset(self.currency_prefixes.values()) | frozenset(self.currency_suffixes.values())


class Numbers(BaseModel):
    model_config = ConfigDict(extra="ignore")
    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]


class SentenceRules(BaseModel):
    model_config = ConfigDict(extra="ignore")
    abbreviations: list[str]
    company_suffixes: list[str]
    sentence_starters: list[str]


OPTIONAL_WORDS = re.compile(r"\(([^()]+)\)\?")


def expand_optional(phrases: list[str]) -> list[str]:
    """Cue phrases with an optional word, "began (commercial|official)? operations", as every form
    they stand for: "began operations", "began commercial operations", "began official operations"."""
    out: list[str] = []
    for p in phrases:
        m = OPTIONAL_WORDS.search(p)
        if m is None:
            out.append(p)
            continue
        head, tail = p[: m.start()], p[m.end() :]
        out.extend(expand_optional([" ".join((head + tail).split())]
                                   + [" ".join((head + w + tail).split()) for w in m.group(1).split("|")]))
    return list(dict.fromkeys(out))


class Cues(BaseModel):
    model_config = ConfigDict(extra="ignore")
    completion_cues: list[str]  # (phrases with an optional word, "(a|b)?", are expanded: ``expand_optional``)
    completion_active_forms: list[str]
    start_cues: list[str]
    money_blockers: list[str]
    per_unit_cues: list[str]
    threshold_cues: list[str]
    component_openers: list[str]
    existing_modifiers: list[str]
    conversion_verbs: list[str]
    stop_nouns: list[str]
    common_acronyms: dict[str, list[str]]
    event_names: list[str]
    street_words: list[str]
    junction_words: list[str]
    sight_nouns: list[str] = []
    institution_nouns: list[str] = []
    attributive_plurals: list[str] = []
    superlatives: list[str]
    epithet_owners: list[str]
    programme_names: list[str] = []  # national programmes named like projects ("East Data West Computing"): never a project  # "the country's largest X": whose superlative describes a project named before
    typed_backrefs: list[str]
    work_on_words: list[str]
    role_nouns: list[str]
    built_village_words: list[str] = []
    lower_place_heads: list[str] = []  # "the Yanqing competition zone": a lower-case head that still names a place
    set_nouns: list[str] = []
    completion_subjects: list[str] = []
    compute_blockers: list[str] = []
    saving_cues: list[str] = []
    route_parts: list[str] = []
    to_complement_heads: list[str] = []  # "the western extension to Line 6": "to" opens the complement, as "of" does
    name_adjectives: list[str] = []
    joint_cues: list[str]
    creating_works: list[str]
    location_labels: list[str]
    section_labels: list[str]
    reach_cues: list[str]
    event_nouns: list[str]
    venue_nouns: list[str]
    person_verbs: list[str]
    completion_cue_modifies: list[str]
    project_cue_modifies: list[str] = []  # "extended service", "extended hours": the cue word modifies a noun
    project_backrefs: list[str]
    backref_determiners: list[str]
    pronouns: list[str]
    group_backref_nouns: list[str]
    group_backref_determiners: list[str]
    collective_group_nouns: list[str]
    group_generic_modifiers: list[str]
    scope_openers: list[str]
    member_openers: list[str]
    org_words: list[str]
    name_stop_words: list[str]
    descriptive_stop_modifiers: list[str]
    place_backrefs: list[str]
    location_subject_prefix: list[str]
    attribute_subjects: list[str]
    locative_words: list[str]
    project_cues: list[str]
    person_titles: list[str]
    partial_works: list[str]
    strong_locatives: list[str]
    admin_place_words: list[str]

    @field_validator("completion_cues")
    @classmethod
    def _expand(cls, v: list[str]) -> list[str]:
        return expand_optional(v)


def _problem(path: Path, lineno: int | None, message: str) -> PatternFileError:
    return PatternFileError(f"{path}:{lineno}: {message}" if lineno else f"{path}: {message}")


def _short(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'line'}: {e['msg']}" for e in exc.errors())


def _read_jsonl(path: Path, model: type[BaseModel]) -> list[tuple[int, Any]]:
    """(line number, validated entry) of every line but blank and ``{"_comment": ...}`` lines."""
    rows = []
    for lineno, line in enumerate(_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _problem(path, lineno, f"not JSON ({exc.msg})") from None
        if isinstance(obj, dict) and set(obj) == {"_comment"}:
            continue
        try:
            rows.append((lineno, model.model_validate(obj)))
        except ValidationError as exc:
            raise _problem(path, lineno, _short(exc)) from None
    return rows


def _line_of(path: Path, key: str) -> int | None:
    """The line of a JSON file where ``key`` first appears as a string (for error messages)."""
    needle = json.dumps(key)
    for lineno, line in enumerate(_text(path).splitlines(), 1):
        if needle in line:
            return lineno
    return None


def _read_json(path: Path, model: type[BaseModel]) -> Any:
    try:
        data = json.loads(_text(path))
    except json.JSONDecodeError as exc:
        raise _problem(path, exc.lineno, f"not JSON ({exc.msg})") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]["loc"]
        raise _problem(path, _line_of(path, str(first[0])) if first else None, _short(exc)) from None


def _read_wordlist(path: Path) -> tuple[str, ...]:
    words = []
    for line in _text(path).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.lower())
    return tuple(words)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PatternFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise PatternFileError(f"{path}: not UTF-8 ({exc.reason})") from None


def _load_units(path: Path) -> Units:
    scales: dict[str, float] = {}
    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    area: dict[str, float] = {}
    compute: dict[str, float] = {}
    attached: set[str] = set()
    for lineno, u in _read_jsonl(path, UnitEntry):
        if u.kind == "currency":
            if u.code is None or not re.match(CURRENCY_PATTERN, u.code) or u.position is None:
                raise _problem(path, lineno, f"a currency needs a three-letter ISO 4217 'code' and a 'position' "
                                             f"(prefix or suffix): {u.surface!r}")
            (prefixes if u.position == "prefix" else suffixes)[u.surface] = u.code
            continue
        if u.factor is None or u.factor <= 0:
            raise _problem(path, lineno, f"{u.kind} {u.surface!r} needs a positive 'factor'")
        {"scale": scales, "area": area, "compute": compute}[u.kind][u.surface] = u.factor
        if u.attached:
            attached.add(u.surface)
    return Units(scales, prefixes, suffixes, area, compute, frozenset(attached))


def _load_gazetteer(folder: Path) -> Gazetteer:
    entries: list[PlaceEntry] = []
    if not folder.is_dir():
        raise PatternFileError(f"{folder}: no gazetteer folder")
    for path in sorted(folder.glob("*.jsonl")):
        entries.extend(e for _, e in _read_jsonl(path, PlaceEntry))
    return Gazetteer(tuple(entries))


def _load_heads(path: Path) -> MappingProxyType:
    heads: dict[str, HeadEntry] = {}
    for lineno, h in _read_jsonl(path, HeadEntry):
        word = h.word.lower()
        if word in heads:
            raise _problem(path, lineno, f"head {word!r} is listed twice")
        heads[word] = h
    return MappingProxyType(heads)


@dataclass(frozen=True, eq=False)
class Resources:
    """Everything ``patterns/`` holds, validated. Hash and equality are by ``fingerprint``."""

    folder: Path
    hedges: tuple[HedgeEntry, ...]
    units: Units
    numbers: Numbers
    temporal: TemporalWords
    cues: Cues
    sentences: SentenceRules
    heads: MappingProxyType  # lower-cased head word -> HeadEntry
    works_nouns: frozenset[str]
    demonyms: frozenset[str]
    function_words: frozenset[str]
    location_patterns: tuple[dict, ...]
    gazetteer: Gazetteer
    fingerprint: str = field(default="")

    @property
    def project_heads(self) -> frozenset[str]:
        """Every head word, whatever its reading."""
        return frozenset(self.heads)

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Resources) and other.fingerprint == self.fingerprint


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _check_mods(path: Path, pairs) -> None:
    for lineno, word, mod in pairs:
        if mod not in MODS:
            raise _problem(path, lineno, f"unknown mod {mod!r} for {word!r} (one of {', '.join(MODS)})")


@lru_cache(maxsize=4)
def load_resources(folder: str | None = None) -> Resources:
    """Load and validate every pattern file. Raises :class:`PatternFileError` naming file and line."""
    base = Path(folder) if folder else patterns_dir()
    if not base.is_dir():
        raise PatternFileError(f"{base}: no such patterns folder")
    hedges = _read_jsonl(base / "hedges.jsonl", HedgeEntry)
    _check_mods(base / "hedges.jsonl", ((n, h.phrase, h.mod) for n, h in hedges))
    temporal = _read_json(base / "temporal.json", TemporalWords)
    for table in ("hedges", "parts", "seasons"):
        words = getattr(temporal, table)
        _check_mods(base / "temporal.json", ((_line_of(base / "temporal.json", w), w, m) for w, m in words.items()))
    locs = _read_jsonl(base / "locations.jsonl", SpanRulerEntry)
    gazetteer = _load_gazetteer(base / "gazetteer")
    return Resources(
        folder=base,
        hedges=tuple(h for _, h in hedges),
        units=_load_units(base / "units.jsonl"),
        numbers=_read_json(base / "numbers.json", Numbers),
        temporal=temporal,
        cues=_read_json(base / "cues.json", Cues),
        sentences=_read_json(base / "sentences.json", SentenceRules),
        heads=_load_heads(base / "heads.jsonl"),
        works_nouns=frozenset(_read_wordlist(base / "works_nouns.txt")),
        demonyms=frozenset(_read_wordlist(base / "demonyms.txt")),
        function_words=frozenset(_read_wordlist(base / "function_words.txt")),
        location_patterns=tuple(MappingProxyType(e.model_dump(exclude_none=True)) for _, e in locs),
        gazetteer=gazetteer,
        fingerprint=_fingerprint(base),
    )
