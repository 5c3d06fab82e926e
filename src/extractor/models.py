"""Record shapes of SPEC.md (schema version 1) and the slot table that declares every slot once.

Output, gold and scorer share these models. The slot table (:data:`SLOTS`) is the one place a
slot is declared: its evidence model, how its values are assigned, the JSON key of its unit, and
the label and colour the review report shows. The :class:`Record` model, JSON output, scoring,
the review report and CSV export all loop over it; a new slot is a new :class:`Slot` line (and a
finder for its values), nothing else.

Every evidence span is checked against its article text with :func:`check_grounding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

ModName = Literal["APPROX", "MORE_THAN", "LESS_THAN", "START", "MID", "END", "ON_OR_BEFORE"]
Mod = ModName | None
MODS: tuple[str, ...] = get_args(ModName)
CURRENCY_PATTERN = r"^[A-Z]{3}$"  # ISO 4217 shape; which codes exist is up to patterns/units.jsonl
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
    currency: str = Field(pattern=CURRENCY_PATTERN)
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


# ---------------------------------------------------------------------------------- slot table

AssignRule = Literal["place", "amount", "date"]


@dataclass(frozen=True)
class Slot:
    """One slot of a record.

    * ``assign``: which assignment rules place its values (:mod:`extractor.assign`): ``place``
      (locations), ``amount`` (a number stated of the nearest target), ``date`` (a date tied to a
      completion cue). Scoring matches ``place`` values by containment, ``date`` values by equal
      value, ``amount`` values by number (and unit) within a tolerance.
    * ``unit_field``: the JSON key that carries the unit ("currency", "unit"), or None.
    * ``unit``: the fixed unit of every value ("m2", "P"); None when each value brings its own
      (a currency) or has none.
    * ``blocked_by``: (cue list of ``patterns/cues.json``, window) pairs; a value whose clause before
      it holds one of a list's phrases (within the last ``window`` characters, when an int; anywhere
      in the sentence before it, when ``"sentence"``; in the 80 characters before it, commas or not,
      when ``"near"``) is stated of something else: output value, a per-unit figure, a listed
      component ("its main works are ..., a wharf of 500 square meters"), a saving ("will save 122
      million kWh of electricity, 68,000 square meters of land").
    """

    name: str
    model: type[Evidence]
    assign: AssignRule
    label: str
    colour: str
    unit_field: str | None = None
    unit: str | None = None
    blocked_by: tuple[tuple[str, int | str | None], ...] = ()

    def value_keys(self) -> tuple[str, ...]:
        """JSON key order of one value: value keys first, then the evidence span."""
        if self.assign == "place":
            return ("text", "start", "end")
        unit = (self.unit_field,) if self.unit_field else ()
        return ("value", *unit, "mod", "text", "start", "end")


class SlotTable(tuple):
    """The slots of a record, in output order. Immutable: :meth:`extended` makes a new table."""

    def __new__(cls, slots=()):
        return super().__new__(cls, tuple(slots))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            for s in self:
                if s.name == key:
                    return s
            raise KeyError(key)
        return super().__getitem__(key)

    def extended(self, *slots: Slot) -> "SlotTable":
        return SlotTable((*self, *slots))

    @cached_property
    def record_model(self) -> type["RecordBase"]:
        """The pydantic record model with one list field per slot (built once per table)."""
        fields: dict[str, Any] = {s.name: (list[s.model], Field(default_factory=list)) for s in self}
        model = create_model("Record", __base__=RecordBase, **fields)
        model.slot_table = self
        return model

    def __hash__(self) -> int:
        return tuple.__hash__(self)


SLOTS = SlotTable((
    Slot("locations", Evidence, "place", "location", "#b9f6ca"),
    Slot("investment", Money, "amount", "investment", "#9ad0ff", unit_field="currency",
         blocked_by=(("money_blockers", None), ("per_unit_cues", 40), ("threshold_cues", None))),
    Slot("area", Area, "amount", "area", "#e1bee7", unit_field="unit", unit="m2",
         blocked_by=(("per_unit_cues", 40), ("component_openers", "sentence"), ("saving_cues", "near"))),
    Slot("computing_power", ComputingPower, "amount", "computing power", "#ffccbc", unit_field="unit", unit="P",
         blocked_by=(("compute_blockers", 20),)),  # "rated at operation support level 4E": an airport's class
    Slot("completion", Completion, "date", "completion", "#c5e1a5"),
))


# ---------------------------------------------------------------------------------- records

class RecordBase(BaseModel):
    """One project or project group of one article; the slot fields come from its slot table."""

    model_config = ConfigDict(extra="allow")
    slot_table: ClassVar[SlotTable] = SlotTable()
    schema_: Literal[1] = Field(default=1, alias="schema")
    doc_id: str
    record_id: str
    kind: Literal["project", "project_group"]
    name: Evidence
    count: int | None = None

    @field_validator("record_id")
    @classmethod
    def _record_id_shape(cls, v: str) -> str:
        doc, sep, n = v.rpartition(":")
        if not sep or not doc or not n.isdigit() or int(n) < 1:
            raise ValueError(f"record_id {v!r} is not 'doc_id:n' with n >= 1")
        return v

    @model_validator(mode="after")
    def _count_matches_kind(self) -> "RecordBase":
        if not self.record_id.startswith(self.doc_id + ":"):
            raise ValueError(f"record_id {self.record_id!r} does not start with doc_id {self.doc_id!r}")
        if self.kind == "project_group" and self.count is None:
            raise ValueError("a project_group needs an integer count")
        if self.kind == "project" and self.count is not None:
            raise ValueError("a project has count null")
        return self

    def values(self, slot: Slot | str) -> list:
        return getattr(self, slot if isinstance(slot, str) else slot.name)

    def evidence(self) -> list[tuple[str, Evidence]]:
        """Every (slot, span) of the record, name first."""
        spans: list[tuple[str, Evidence]] = [("name", self.name)]
        for slot in self.slot_table:
            spans.extend((slot.name, v) for v in self.values(slot))
        return spans

    def to_json_dict(self) -> dict:
        """The record as the SPEC prints it: value keys first, then the evidence span."""
        data = self.model_dump(by_alias=True, mode="json")
        for slot in self.slot_table:
            order = slot.value_keys()
            data[slot.name] = [{k: v[k] for k in order if k in v} | v for v in data[slot.name]]
        return data


Record = SLOTS.record_model


def check_grounding(record: RecordBase, text: str, *, require_offsets: bool = True) -> list[str]:
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


def record_json_schema(slots: SlotTable = SLOTS) -> dict:
    return slots.record_model.model_json_schema(by_alias=True)
