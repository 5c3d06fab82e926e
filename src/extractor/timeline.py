"""A registry project's card and timeline: what each report said of it, by publication date.

For every slot, the values each mention states, in the order of the reports' ``published``
dates (undated reports last, then by doc_id). A change is flagged when a report states a slot
and none of its values is one the previous report stating that slot gave: "completion 2024-12 in the
report of 2023-03-01, 2025-06 in the report of 2024-02-10"; "investment revised from 5.2 to 6.0
billion yuan (reports of 2023-03-01 and 2024-02-10)". Values with no unit change (locations) are
listed, never flagged. This module does not import spaCy.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from extractor.models import SLOTS, SlotTable

FLAGGED_SLOTS = ("investment", "area", "computing_power", "completion")
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
CURRENCY_WORDS = {"CNY": "yuan", "USD": "US dollars", "HKD": "Hong Kong dollars", "EUR": "euros"}


@dataclass
class Report:
    """One mention of the project: the article, its date and the record's values."""

    doc_id: str
    record_id: str
    published: str | None
    name: str
    name_start: int | None
    name_end: int | None
    record: dict


@dataclass
class Card:
    id: str
    name: str
    names: list[str]
    district: str | None
    city: str | None
    province: str | None
    reports: list[Report] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    def timeline(self, slots: SlotTable = SLOTS) -> dict[str, list[tuple[Report, list[dict]]]]:
        """Slot -> (report, values) for every report stating the slot, in date order."""
        return {s.name: [(r, r.record.get(s.name) or []) for r in self.reports if r.record.get(s.name)]
                for s in slots}

    def as_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "names": self.names, "district": self.district,
                "city": self.city, "province": self.province, "changes": self.changes,
                "mentions": [{"doc_id": r.doc_id, "record_id": r.record_id, "published": r.published,
                              "name": {"text": r.name, "start": r.name_start, "end": r.name_end},
                              **{s: r.record.get(s) or [] for s in SLOTS.names}} for r in self.reports]}


def show_value(slot: str, v: dict) -> str:
    """A value as an analyst reads it.

    >>> show_value("investment", {"value": 5200000000, "currency": "CNY"})
    '5.2 billion yuan'
    >>> show_value("completion", {"value": "2025-06", "mod": "END"})
    '2025-06 (END)'
    """
    if "value" not in v:
        return v.get("text", "")
    mod = f" ({v['mod']})" if v.get("mod") else ""
    if slot == "investment" and isinstance(v["value"], int | float):
        word = CURRENCY_WORDS.get(v.get("currency", ""), v.get("currency", ""))
        for factor, scale in SCALES:
            if abs(v["value"]) >= factor:
                return f"{v['value'] / factor:g} {scale} {word}{mod}"
        return f"{v['value']:g} {word}{mod}"
    if slot in ("area", "computing_power"):
        value = v["value"]
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
        return f"{shown} {v.get('unit', '')}{mod}".strip()
    return f"{v['value']}{mod}"


def flag_changes(card: Card) -> list[str]:
    """Changes between consecutive reports stating a slot (see the module docstring)."""
    out = []
    for slot, rows in card.timeline().items():
        if slot not in FLAGGED_SLOTS:
            continue
        previous: tuple[Report, list[str]] | None = None
        for report, values in rows:
            shown = [show_value(slot, v) for v in values]
            if previous and not set(shown) & set(previous[1]):
                out.append(_change_message(slot, previous, (report, shown)))
            previous = (report, shown)
    return out


def _change_message(slot: str, before: tuple[Report, list[str]], after: tuple[Report, list[str]]) -> str:
    label = slot.replace("_", " ")
    (r0, v0), (r1, v1) = before, after
    d0, d1 = r0.published or r0.doc_id, r1.published or r1.doc_id
    if slot == "completion":
        return f"{label} {', '.join(v0)} in the report of {d0}, {', '.join(v1)} in the report of {d1}"
    return f"{label} revised from {', '.join(v0)} to {', '.join(v1)} (reports of {d0} and {d1})"


def load_card(con: sqlite3.Connection, pid: str) -> Card | None:
    row = con.execute("SELECT district, city, province FROM projects WHERE id = ?", (pid,)).fetchone()
    if row is None:
        return None
    main = [n for (n,) in con.execute("SELECT name FROM mentions WHERE project = ? GROUP BY name "
                                      "ORDER BY count(*) DESC, length(name) DESC, name", (pid,))]
    names = main + [s for (s,) in con.execute(
        "SELECT surface FROM names WHERE project = ? ORDER BY count DESC, length(surface) DESC, surface", (pid,))
        if s not in main]
    reports = [Report(d, rid, pub, name, s, e, json.loads(rec)) for d, rid, pub, name, s, e, rec in con.execute(
        "SELECT doc_id, record_id, published, name, name_start, name_end, record FROM mentions WHERE project = ? "
        "ORDER BY published IS NULL, published, doc_id, record_id", (pid,))]
    card = Card(pid, names[0] if names else pid, names, row[0], row[1], row[2], reports)
    card.changes = flag_changes(card)
    return card


def find_projects(con: sqlite3.Connection, query: str, limit: int = 5) -> list[str]:
    """Project ids for a query: an id, else names containing it (most mentioned first), else the
    closest names by rapidfuzz's weighted ratio (at least 70)."""
    if con.execute("SELECT 1 FROM projects WHERE id = ?", (query,)).fetchone():
        return [query]
    ids = [p for (p,) in con.execute(
        "SELECT n.project FROM names n JOIN mentions m ON m.project = n.project WHERE n.surface LIKE ? "
        "GROUP BY n.project ORDER BY count(DISTINCT m.record_id) DESC, n.project LIMIT ?", (f"%{query}%", limit))]
    if ids:
        return ids
    names = {s: p for s, p in con.execute("SELECT surface, project FROM names ORDER BY project, surface")}
    best = process.extract(query, list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70)
    return list(dict.fromkeys(names[s] for s, _, _ in best))[:limit]


def format_card(card: Card, slots: SlotTable = SLOTS) -> str:
    """The card as terminal text: names, places, mentions, then the timeline slot by slot."""
    place = ", ".join(p for p in (card.district, card.city, card.province) if p) or "place unknown"
    lines = [f"{card.name}  [{card.id}]", f"  place: {place}"]
    if len(card.names) > 1:
        lines.append(f"  also: {'; '.join(card.names[1:])}")
    lines.append(f"  mentions ({len(card.reports)}):")
    lines += [f"    {r.published or '????-??-??'}  {r.record_id}  \"{r.name}\" [{r.name_start}:{r.name_end}]"
              for r in card.reports]
    for slot, rows in card.timeline(slots).items():
        if rows:
            lines.append(f"  {slot.replace('_', ' ')}:")
            for report, values in rows:
                shown = "; ".join(f"{show_value(slot, v)} \"{v.get('text')}\" [{v.get('start')}:{v.get('end')}]"
                                  for v in values)
                lines.append(f"    {report.published or '????-??-??'}  {shown}  ({report.doc_id})")
    if card.changes:
        lines.append("  changes:")
        lines += [f"    ! {c}" for c in card.changes]
    return "\n".join(lines)
