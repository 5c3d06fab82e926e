"""Records: entities and their assigned values become the SPEC's records.

A project with no proper name and no values (a weak description) is not emitted, nor a component of
another project, nor one the text only mentions as context (no value, no project cue stated of it: "transfer to Line 13"). Records are in
text order of their first mention; ``record_id`` numbers them from 1. The name is the entity's
most complete mention; other surface names go in ``aliases``; a group carries its ``scope`` and
the names of its listed ``members``. Slot values are in text order, shaped by the slot table.
"""

from __future__ import annotations

from extractor.article import Article
from extractor.assign import Ledger
from extractor.linking import Entity
from extractor.models import RecordBase, Slot, SlotTable
from extractor.values import ValueMention


def value_json(v: ValueMention, slot: Slot) -> dict:
    """One value as the SPEC prints it (key order from the slot table)."""
    data = {"value": v.value, "mod": v.mod, "text": v.text, "start": v.start, "end": v.end}
    if slot.unit_field:
        data[slot.unit_field] = v.unit
    return {k: data[k] for k in slot.value_keys()}


def _reported(e: Entity, ledger: Ledger) -> bool:
    """A project is emitted when it is named (strong) or has values, and the text reports it as a
    project: a value, or a project cue stated of it (see :meth:`extractor.assign.Assigner.mark_evidence`)."""
    if e.id in ledger.parts or e.id in ledger.stops:
        return False
    has_values = ledger.has_values(e, beyond=("locations",))
    return (e.strong or ledger.has_values(e)) and (has_values or e.id in ledger.evidence)


def build_records(article: Article, projects: list[Entity], groups: list[Entity], ledger: Ledger,
                  slots: SlotTable) -> list[RecordBase]:
    emitted = [e for e in projects + groups if e.kind != "project" or _reported(e, ledger)]
    emitted.sort(key=lambda e: (e.first_start, e.id))
    names_by_id = {e.id: e.best_name().text for e in emitted}
    model = slots.record_model
    records = []
    for n, e in enumerate(emitted, 1):
        best = e.best_name()
        extra: dict = {}
        aliases = sorted({m.text for m in e.mentions if m.text != best.text and m.form not in ("acronym", "indefinite")}
                         if e.kind == "project" else set())
        if aliases:
            extra["aliases"] = aliases
        if e.scope:
            extra["scope"] = e.scope
        members = [names_by_id[i] for i in e.members if i in names_by_id]
        if members:
            extra["members"] = members
        values = {s.name: [value_json(v, s) for v in sorted(ledger.values(e, s.name), key=lambda v: (v.start, v.end))]
                  for s in slots}
        records.append(model.model_validate({
            "schema": 1, "doc_id": article.id, "record_id": f"{article.id}:{n}", "kind": e.kind,
            "name": {"text": best.text, "start": best.start, "end": best.end},
            "count": e.count, **values, **extra,
        }))
    return records
