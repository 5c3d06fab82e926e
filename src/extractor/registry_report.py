"""The registry's HTML report: a page section per project, its mentions linked to their articles,
and an inline SVG timeline of investment and completion by report date.

One self-contained file (no script, no network); projects met in most reports first. A mention
links to its article's source URL when the article's metadata gave one (``url`` in a manifest or
JSONL line), and shows its record id and the name's offsets. All text is escaped by Jinja2's
autoescaping.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from jinja2 import Environment, select_autoescape

from extractor.timeline import Card, load_card, show_value
from extractor.writer import atomic_output

WIDTH, ROW, PAD = 640, 34, 90

_TEMPLATE = Environment(autoescape=select_autoescape(default=True)).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>project registry</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}section{border-top:1px solid #ccc;
margin-top:1.5em}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}
.changes li{color:#a00}svg text{font:11px system-ui,sans-serif}</style></head><body>
<h1>Project registry: {{ projects|length }} projects</h1>
<ol>{% for p in projects %}<li><a href="#{{ p.id }}">{{ p.name }}</a> ({{ p.n }} reports)</li>{% endfor %}</ol>
{% for p in projects %}<section id="{{ p.id }}"><h2>{{ p.name }} <small>{{ p.id }}</small></h2>
<p>{{ p.place }}{% if p.names %} · also: {{ p.names }}{% endif %}</p>
<table><tr><th>published</th><th>article</th><th>record</th><th>name as written</th></tr>
{% for m in p.mentions %}<tr><td>{{ m.published }}</td><td>{% if m.url %}<a href="{{ m.url }}">{{ m.doc_id }}</a>
{% else %}{{ m.doc_id }}{% endif %}</td><td>{{ m.record_id }}</td><td>“{{ m.name }}” [{{ m.span }}]</td></tr>
{% endfor %}</table>
{% if p.changes %}<ul class="changes">{% for c in p.changes %}<li>{{ c }}</li>{% endfor %}</ul>{% endif %}
{% if p.points %}<svg width="{{ width }}" height="{{ p.height }}" role="img" aria-label="timeline">
<line x1="{{ pad }}" x2="{{ width - 10 }}" y1="{{ p.height - 16 }}" y2="{{ p.height - 16 }}" stroke="#999"/>
{% for row in p.rows %}<text x="4" y="{{ row.y + 4 }}">{{ row.label }}</text>{% endfor %}
{% for t in p.ticks %}<text x="{{ t.x }}" y="{{ p.height - 2 }}" text-anchor="middle">{{ t.label }}</text>{% endfor %}
{% for pt in p.points %}<circle cx="{{ pt.x }}" cy="{{ pt.y }}" r="5" fill="{{ pt.colour }}"><title>{{ pt.title }}</title>
</circle><text x="{{ pt.x + 7 }}" y="{{ pt.y - 6 }}">{{ pt.label }}</text>{% endfor %}</svg>{% endif %}
</section>{% endfor %}</body></html>""")


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = max((last - first).days, 1)
    return round(PAD + (WIDTH - PAD - 40) * (day - first).days / span, 1)


def timeline_points(card: Card) -> tuple[list[dict], list[dict], list[dict]]:
    """SVG points (one a stated investment or completion, at its report's date), row labels and ticks."""
    dated = [(dt.date.fromisoformat(r.published), r) for r in card.reports if r.published]
    if not dated:
        return [], [], []
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    rows = [{"slot": "investment", "label": "investment", "y": 20, "colour": "#1565c0"},
            {"slot": "completion", "label": "completion", "y": 20 + ROW, "colour": "#2e7d32"}]
    points = []
    for day, report in dated:
        for row in rows:
            for k, v in enumerate(report.record.get(row["slot"]) or []):
                points.append({"x": _x(day, first, last), "y": row["y"] + 10 * k, "colour": row["colour"],
                               "label": show_value(row["slot"], v),
                               "title": f"{report.published} {report.doc_id}: {v.get('text')}"})
    ticks: list[dict] = []
    for d in sorted({d for d, _ in dated}):
        if not ticks or _x(d, first, last) - ticks[-1]["x"] >= 75:  # labels that would overlap are left out
            ticks.append({"x": _x(d, first, last), "label": d.isoformat()})
    return points, rows, ticks


def project_context(card: Card, urls: dict[str, str]) -> dict:
    points, rows, ticks = timeline_points(card)
    place = ", ".join(p for p in (card.district, card.city, card.province) if p) or "place unknown"
    return {"id": card.id, "name": card.name, "n": len(card.reports), "place": place,
            "names": "; ".join(card.names[1:]), "changes": card.changes,
            "mentions": [{"published": r.published or "", "doc_id": r.doc_id, "url": urls.get(r.doc_id),
                          "record_id": r.record_id, "name": r.name, "span": f"{r.name_start}:{r.name_end}"}
                         for r in card.reports],
            "points": points, "rows": rows, "ticks": ticks, "height": 2 * ROW + 40}


def write_registry_report(con: sqlite3.Connection, output: Path, min_reports: int = 1) -> int:
    """Write the report of every project with at least ``min_reports`` mentions; returns how many."""
    urls = {d: u for d, u in con.execute("SELECT doc_id, url FROM articles WHERE url IS NOT NULL")}
    ids = [p for (p,) in con.execute("SELECT project FROM mentions GROUP BY project HAVING count(*) >= ? "
                                     "ORDER BY count(*) DESC, project", (min_reports,))]
    projects = [project_context(c, urls) for c in (load_card(con, i) for i in ids) if c]
    with atomic_output(output) as tmp:
        tmp.write_text(_TEMPLATE.render(projects=projects, width=WIDTH, pad=PAD), encoding="utf-8")
    return len(projects)
