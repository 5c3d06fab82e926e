"""Registry export: one row a project (CSV, Parquet) or one card a line (JSONL).

A row holds the project's id, canonical name, other names, canonical places, how many reports
mention it and when the first and last were published, the latest stated investment and
completion, the flagged changes, and the record ids of its mentions. Parquet needs pyarrow
(``pip install pyarrow``); without it the export stops with :data:`NO_PYARROW`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from extractor.timeline import Card, load_card, show_value
from extractor.writer import atomic_output

FORMATS = ("csv", "jsonl", "parquet")
NO_PYARROW = "Parquet export needs pyarrow: pip install pyarrow (or choose --format csv or jsonl)"
COLUMNS = ("id", "name", "other_names", "district", "city", "province", "mentions", "first_published",
           "last_published", "latest_investment", "latest_completion", "changes", "record_ids")


class ExportError(RuntimeError):
    """An export that cannot be written (a missing optional library)."""


def cards(con: sqlite3.Connection) -> Iterator[Card]:
    for (pid,) in con.execute("SELECT id FROM projects ORDER BY id").fetchall():
        card = load_card(con, pid)
        if card is not None and card.reports:
            yield card


def card_row(card: Card) -> dict:
    dates = [r.published for r in card.reports if r.published]
    latest = {}
    for slot in ("investment", "completion"):
        stated = [r.record[slot] for r in card.reports if r.record.get(slot)]
        latest[slot] = "; ".join(show_value(slot, v) for v in stated[-1]) if stated else ""
    return {"id": card.id, "name": card.name, "other_names": "; ".join(card.names[1:]), "district": card.district,
            "city": card.city, "province": card.province, "mentions": len(card.reports),
            "first_published": min(dates) if dates else None, "last_published": max(dates) if dates else None,
            "latest_investment": latest["investment"], "latest_completion": latest["completion"],
            "changes": " | ".join(card.changes), "record_ids": " ".join(r.record_id for r in card.reports)}


def export_registry(con: sqlite3.Connection, path: Path, fmt: str) -> int:
    """Write every project to ``path`` in ``fmt``; returns how many."""
    with atomic_output(path) as tmp:
        return _export(con, tmp, fmt)


def _export(con: sqlite3.Connection, path: Path, fmt: str) -> int:
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ExportError(NO_PYARROW) from None
        rows = [card_row(c) for c in cards(con)]
        pq.write_table(pa.Table.from_pylist(rows), path)
        return len(rows)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        for card in cards(con):
            if writer:
                writer.writerow(card_row(card))
            else:
                f.write(json.dumps(card.as_dict(), ensure_ascii=False, sort_keys=False) + "\n")
            n += 1
    return n
