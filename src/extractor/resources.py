"""Locate and load the data files under ``patterns/`` (validated at load time, never mutated)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict

MODS = ("APPROX", "MORE_THAN", "LESS_THAN", "START", "MID", "END", "ON_OR_BEFORE")


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


class SpanRulerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    pattern: str | list[dict[str, Any]]
    id: str | None = None


class Units(BaseModel):
    model_config = ConfigDict(extra="ignore")
    scales: dict[str, float]
    currency_prefixes: dict[str, str]
    currency_suffixes: dict[str, str]
    area_units: dict[str, float]
    compute_units: dict[str, float]


class Numbers(BaseModel):
    model_config = ConfigDict(extra="ignore")
    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]
    months: dict[str, int]
    ordinals: dict[str, int]


class Cues(BaseModel):
    model_config = ConfigDict(extra="ignore")
    completion_cues: list[str]
    completion_active_forms: list[str]
    investment_subject_words: list[str]
    start_cues: list[str]
    money_blockers: list[str]
    per_unit_cues: list[str]
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


def _read_jsonl(path: Path, model: type[BaseModel]) -> list:
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternFileError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
        if isinstance(obj, dict) and set(obj) == {"_comment"}:
            continue
        try:
            rows.append(model.model_validate(obj))
        except ValueError as exc:
            raise PatternFileError(f"{path}:{lineno}: {exc}") from None
    return rows


def _read_json(path: Path, model: type[BaseModel]) -> Any:
    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, ValueError) as exc:
        raise PatternFileError(f"{path}: {exc}") from None


def _read_wordlist(path: Path) -> tuple[str, ...]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.lower())
    return tuple(words)


@dataclass(frozen=True)
class Resources:
    hedges: tuple[HedgeEntry, ...]
    units: Units
    numbers: Numbers
    cues: Cues
    project_heads: frozenset[str]
    location_patterns: tuple[dict, ...]
    fingerprint: str


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def load_resources(folder: str | None = None) -> Resources:
    """Load and validate every pattern file. Raises :class:`PatternFileError` naming file and line."""
    base = Path(folder) if folder else patterns_dir()
    hedges = tuple(_read_jsonl(base / "hedges.jsonl", HedgeEntry))
    for h in hedges:
        if h.mod not in MODS:
            raise PatternFileError(f"{base / 'hedges.jsonl'}: unknown mod {h.mod!r} for {h.phrase!r}")
    locs = _read_jsonl(base / "locations.jsonl", SpanRulerEntry)
    return Resources(
        hedges=hedges,
        units=_read_json(base / "units.json", Units),
        numbers=_read_json(base / "numbers.json", Numbers),
        cues=_read_json(base / "cues.json", Cues),
        project_heads=frozenset(_read_wordlist(base / "project_heads.txt")),
        location_patterns=tuple(MappingProxyType(e.model_dump(exclude_none=True)) for e in locs),
        fingerprint=_fingerprint(base),
    )

