"""Records as tables for spreadsheets and data tools: CSV (one row a record, or long: one row a
value) and Parquet.

Both shapes loop over the slot table. In the **wide** shape (one row a record) every slot has a
column of its values as an analyst reads them (``5.3 bn CNY (APPROX)``, several joined by ``" | "``),
and every slot with values has the first value's parts in columns of their own, so that they can be
summed and filtered: ``<slot>_value`` (a number, or a date for completion), ``<slot>_currency`` or
``<slot>_unit``, ``<slot>_mod``; then ``<slot>_n`` (how many values: the long shape has them all) and
``<slot>_evidence`` (the article's words). In the **long** shape every value is a row (``slot``,
``value`` or ``date``, ``unit``, ``mod``, ``evidence``, ``start``, ``end``), and every record has a row
for its name (``slot`` = ``name``), so no record is lost. ``title`` and ``published`` come from the
articles when they are given.

CSV is UTF-8, with a byte-order mark when ``excel`` is asked for (Excel then reads “3 100” right).
Parquet needs pyarrow; without it :class:`ExportError` says how to get it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.models import SLOTS, RecordBase, Slot, SlotTable
from extractor.writer import atomic_output

RECORD_COLUMNS = ("doc_id", "title", "published", "record_id", "kind", "name", "count")
LONG_COLUMNS = ("slot", "value", "date", "unit", "mod", "evidence", "start", "end", "shown")
NO_PYARROW = "Parquet export needs pyarrow: pip install pyarrow (or choose --format csv)"
JOIN = " | "


class ExportError(RuntimeError):
    """An export that cannot be written (a missing optional library, Parquet to standard output)."""


def plain_number(value):
    """A whole float as an int (``5.3e9`` is written ``5300000000``, not ``5300000000.0``).

    >>> plain_number(5.3e9), plain_number(2.5), plain_number("2026-12")
    (5300000000, 2.5, '2026-12')
    """
    return int(value) if isinstance(value, float) and value.is_integer() else value


def describe(slot: str, v) -> str:
    """The normalised value as an analyst reads it, exact (a name or place: its text).

    >>> from extractor.models import Money, Completion
    >>> describe("investment", Money(value=5.3e9, currency="CNY", mod="APPROX", text="x"))
    '5,300,000,000 CNY (APPROX)'
    >>> describe("completion", Completion(value="2022", mod="END", text="x"))
    '2022 (END)'
    """
    if not hasattr(v, "value"):
        return v.text
    unit = getattr(v, "currency", None) or getattr(v, "unit", None) or ""
    value = plain_number(v.value)
    shown = f"{value:,}" if isinstance(value, int | float) else str(value)
    parts = [shown, unit, f"({v.mod})" if v.mod else ""]
    return " ".join(p for p in parts if p)


def _unit(slot: Slot, v) -> str | None:
    return getattr(v, slot.unit_field) if slot.unit_field else None


def _value_columns(slot: Slot) -> tuple[str, ...]:
    if slot.assign == "place":
        return (slot.name,)
    unit = (f"{slot.name}_{slot.unit_field}",) if slot.unit_field else ()
    return (slot.name, f"{slot.name}_value", *unit, f"{slot.name}_mod", f"{slot.name}_n", f"{slot.name}_evidence")


def wide_columns(slots: SlotTable = SLOTS) -> tuple[str, ...]:
    return (*RECORD_COLUMNS, *(c for s in slots for c in _value_columns(s)))


def _record_cells(r: RecordBase, meta: dict) -> dict:
    title, published = meta.get(r.doc_id, (None, None))
    return {"doc_id": r.doc_id, "title": title, "published": published, "record_id": r.record_id,
            "kind": r.kind, "name": r.name.text, "count": r.count}


def wide_row(r: RecordBase, meta: dict, slots: SlotTable = SLOTS) -> dict:
    """One record as one row: the shown values of every slot, the first value's parts apart."""
    row = _record_cells(r, meta)
    for slot in slots:
        values = r.values(slot)
        row[slot.name] = JOIN.join(describe(slot.name, v) for v in values)
        if slot.assign == "place":
            continue
        first = values[0] if values else None
        row[f"{slot.name}_value"] = plain_number(first.value) if first else None
        if slot.unit_field:
            row[f"{slot.name}_{slot.unit_field}"] = _unit(slot, first) if first else None
        row[f"{slot.name}_mod"] = first.mod if first else None
        row[f"{slot.name}_n"] = len(values)
        row[f"{slot.name}_evidence"] = JOIN.join(v.text for v in values)
    return row


def long_rows(r: RecordBase, meta: dict, slots: SlotTable = SLOTS) -> Iterator[dict]:
    """One record as rows: its name, then one row a value of every slot, in slot order."""
    base = _record_cells(r, meta)
    yield base | {"slot": "name", "value": None, "date": None, "unit": None, "mod": None, "evidence": r.name.text,
                  "start": r.name.start, "end": r.name.end, "shown": r.name.text}
    for slot in slots:
        for v in r.values(slot):
            number = slot.assign == "amount"
            yield base | {"slot": slot.name, "value": plain_number(v.value) if number else None,
                          "date": v.value if slot.assign == "date" else None, "unit": _unit(slot, v),
                          "mod": getattr(v, "mod", None), "evidence": v.text, "start": v.start, "end": v.end,
                          "shown": describe(slot.name, v)}


def table_rows(records: Iterable[RecordBase], meta: dict, *, long: bool,
               slots: SlotTable = SLOTS) -> tuple[tuple[str, ...], Iterator[dict]]:
    """The columns and the rows of the wide or the long shape."""
    if long:
        return (*RECORD_COLUMNS, *LONG_COLUMNS), (row for r in records for row in long_rows(r, meta, slots))
    return wide_columns(slots), (wide_row(r, meta, slots) for r in records)


def write_csv(records: Iterable[RecordBase], out: io.TextIOBase | Path, *, meta: dict | None = None,
              long: bool = False, excel: bool = False, slots: SlotTable = SLOTS) -> int:
    """Write the CSV to a path or an open text stream; returns the number of rows."""
    columns, rows = table_rows(records, meta or {}, long=long, slots=slots)
    if isinstance(out, Path):
        with atomic_output(out) as tmp, tmp.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
            return _write_rows(fh, columns, rows)
    if excel:
        out.write("\ufeff")
    return _write_rows(out, columns, rows)


def _write_rows(fh, columns: tuple[str, ...], rows: Iterator[dict]) -> int:
    w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\r\n")
    w.writeheader()
    n = 0
    for row in rows:
        w.writerow(row)
        n += 1
    return n


def write_parquet(records: Iterable[RecordBase], path: Path, *, meta: dict | None = None, long: bool = False,
                  slots: SlotTable = SLOTS) -> int:
    """Write a Parquet file (typed columns: numbers stay numbers); returns the number of rows."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(NO_PYARROW) from None
    columns, rows = table_rows(records, meta or {}, long=long, slots=slots)
    data = list(rows)
    numeric = {c for c in columns if c in ("value", "start", "end", "count") or c.endswith("_value")
               and all(isinstance(r.get(c), int | float | None) for r in data)}
    schema = pa.schema([(c, pa.float64() if c in numeric and c.endswith("value") else
                         pa.int64() if c in numeric or c.endswith("_n") else pa.string()) for c in columns])
    with atomic_output(path) as tmp:
        pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in data], schema=schema), tmp)
    return len(data)


def export_csv(records: Iterable[RecordBase], output: Path, slots: SlotTable = SLOTS) -> int:
    """One row a record (the wide CSV, no articles): kept for callers of the first version."""
    return write_csv(records, output, slots=slots)
