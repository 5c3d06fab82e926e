"""Record shapes of SPEC.md (schema version 1), shared by output, gold and scorer.

Every evidence span is checked against its article text with :func:`check_grounding`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Mod = Literal["APPROX", "MORE_THAN", "LESS_THAN", "START", "MID", "END", "ON_OR_BEFORE"] | None
Currency = Literal["CNY", "USD", "HKD", "EUR"]
DATE_PATTERN = r"^\d{4}(-(\d{2}|Q[1-4]|H[12])(-\d{2})?)?$"


class Evidence(BaseModel):
    """A piece of the article: ``text == article[start:end]``. Offsets are optional in gold."""

    model_config = ConfigDict(extra="forbid")
    text: str
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _span_order(self) -> "Evidence":
        if (self.start is None) != (self.end is None):
            raise ValueError("start and end must both be given or both be absent")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Money(Evidence):
    value: float | int
    currency: Currency
    mod: Mod = None


class Area(Evidence):
    value: float | int
    unit: Literal["m2"] = "m2"
    mod: Mod = None


class ComputingPower(Evidence):
    value: float | int
    unit: Literal["P"] = "P"
    mod: Mod = None


class Completion(Evidence):
    value: str | None = Field(pattern=DATE_PATTERN)
    mod: Mod = None


class Record(BaseModel):
    """One project or project group of one article."""

    model_config = ConfigDict(extra="allow")
    schema_: Literal[1] = Field(default=1, alias="schema")
    doc_id: str
    record_id: str
    kind: Literal["project", "project_group"]
    name: Evidence
    count: int | None = None
    locations: list[Evidence] = []
    investment: list[Money] = []
    area: list[Area] = []
    computing_power: list[ComputingPower] = []
    completion: list[Completion] = []

    @field_validator("record_id")
    @classmethod
    def _record_id_shape(cls, v: str) -> str:
        doc, sep, n = v.rpartition(":")
        if not sep or not doc or not n.isdigit() or int(n) < 1:
            raise ValueError(f"record_id {v!r} is not 'doc_id:n' with n >= 1")
        return v

    @model_validator(mode="after")
    def _count_matches_kind(self) -> "Record":
        if not self.record_id.startswith(self.doc_id + ":"):
            raise ValueError(f"record_id {self.record_id!r} does not start with doc_id {self.doc_id!r}")
        if self.kind == "project_group" and self.count is None:
            raise ValueError("a project_group needs an integer count")
        if self.kind == "project" and self.count is not None:
            raise ValueError("a project has count null")
        return self

    def evidence(self) -> list[tuple[str, Evidence]]:
        """Every (slot, span) of the record, name first."""
        spans: list[tuple[str, Evidence]] = [("name", self.name)]
        for slot in SLOTS:
            spans.extend((slot, v) for v in getattr(self, slot))
        return spans

    def to_json_dict(self) -> dict:
        """The record as the SPEC prints it: value keys first, then the evidence span."""
        data = self.model_dump(by_alias=True, mode="json")
        for slot in SLOTS:
            data[slot] = [{k: v[k] for k in VALUE_KEY_ORDER if k in v} | v for v in data[slot]]
        return data


SLOTS = ("locations", "investment", "area", "computing_power", "completion")
VALUE_KEY_ORDER = ("value", "currency", "unit", "mod", "text", "start", "end")


def check_grounding(record: Record, text: str, *, require_offsets: bool = True) -> list[str]:
    """Problems with the record's evidence spans against the article ``text`` (empty when grounded).

    >>> r = Record(doc_id="d", record_id="d:1", kind="project", name={"text": "Park", "start": 4, "end": 8})
    >>> check_grounding(r, "The Park")
    []
    >>> check_grounding(r, "The park")
    ["d:1 name: text[4:8] == 'park', not 'Park'"]
    """
    problems = []
    for slot, ev in record.evidence():
        if ev.start is None or ev.end is None:
            if require_offsets:
                problems.append(f"{record.record_id} {slot}: no offsets for {ev.text!r}")
            continue
        if ev.end > len(text) or text[ev.start : ev.end] != ev.text:
            problems.append(
                f"{record.record_id} {slot}: text[{ev.start}:{ev.end}] == "
                f"{text[ev.start:ev.end]!r}, not {ev.text!r}"
            )
    return problems


def record_json_schema() -> dict:
    return Record.model_json_schema(by_alias=True)
