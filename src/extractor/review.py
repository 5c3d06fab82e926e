"""Analyst review: an HTML report of extracted records over their articles, and CSV export.

The report highlights every name and value at its offsets (a colour per slot; click one for its
record and normalised value) beside a table of the article's records. With gold, false
positives and misses are marked in both. Up to ``PAGE_LIMIT`` articles go in one self-contained
file; larger batches get an index file plus one self-contained page per article in a folder
beside it, so that 10,000 articles still open fast. All article text and values are
HTML-escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, select_autoescape

from extractor.models import SLOTS, RecordBase, SlotTable
from extractor.scoring import Counts, align, score_documents

PAGE_LIMIT = 200
NAME_COLOUR = "#ffe08a"


@dataclass
class Mark:
    start: int
    end: int
    slot: str
    record_id: str
    value: str
    status: str = ""  # "", "fp" (not in gold), "fn" (gold, missed)


@dataclass
class ArticleView:
    doc_id: str
    text: str
    records: list[RecordBase]
    marks: list[Mark] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)  # gold records/values with no prediction
    f1: float | None = None
    row_status: dict[str, str] = field(default_factory=dict)  # record_id -> "fp" / ""
    value_status: dict[tuple[str, str, int], str] = field(default_factory=dict)


def describe(slot: str, v) -> str:
    """The normalised value as an analyst reads it (a name or place: its text)."""
    if not hasattr(v, "value"):
        return v.text
    unit = getattr(v, "currency", None) or getattr(v, "unit", None) or ""
    value = v.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = f"{value:,}" if isinstance(value, int | float) else str(value)
    mod = f" ({v.mod})" if v.mod else ""
    return f"{shown} {unit}{mod}".strip()


def build_view(doc_id: str, text: str, preds: list[RecordBase], golds: list[RecordBase] | None,
               slots: SlotTable = SLOTS) -> ArticleView:
    view = ArticleView(doc_id, text, preds)
    for r in preds:
        view.marks.append(Mark(r.name.start or 0, r.name.end or 0, "name", r.record_id, r.name.text))
        for slot in slots.names:
            for v in r.values(slot):
                if v.start is not None:
                    view.marks.append(Mark(v.start, v.end, slot, r.record_id, describe(slot, v)))
    if golds is None:
        return view
    score = score_documents({doc_id: preds}, {doc_id: golds}, slots=slots)
    a, b = score.kind_slots("project"), score.kind_slots("project_group")
    view.f1 = Counts(a.tp + b.tp, a.fp + b.fp, a.fn + b.fn).f1
    _mark_gold_differences(view, preds, golds, slots)
    return view


def _mark_gold_differences(view: ArticleView, preds: list[RecordBase], golds: list[RecordBase],
                           slots: SlotTable) -> None:
    """Strike false positives through, outline and list what gold has and the prediction missed."""
    alignment = align(preds, golds, slots)
    pairs = alignment.records
    by_mark = {(m.record_id, m.slot, m.start, m.end): m for m in view.marks}
    for i, r in enumerate(preds):
        if i not in pairs:
            view.row_status[r.record_id] = "fp"
            for slot in ("name", *slots.names):
                vals = [r.name] if slot == "name" else r.values(slot)
                for k, v in enumerate(vals):
                    view.value_status[(r.record_id, slot, k)] = "fp"
                    m = by_mark.get((r.record_id, slot, v.start, v.end))
                    if m:
                        m.status = "fp"
            continue
        g = golds[pairs[i]]
        for slot in slots.names:
            pv, gv = r.values(slot), g.values(slot)
            hit = alignment.values[(i, slot)]
            hit_p, hit_g = {a for a, _ in hit}, {b for _, b in hit}
            for k, v in enumerate(pv):
                if k not in hit_p:
                    view.value_status[(r.record_id, slot, k)] = "fp"
                    m = by_mark.get((r.record_id, slot, v.start, v.end))
                    if m:
                        m.status = "fp"
            for k, v in enumerate(gv):
                if k not in hit_g:
                    view.missed.append({"record": g.name.text, "slot": slot, "value": describe(slot, v)})
                    if v.start is not None:
                        view.marks.append(Mark(v.start, v.end, slot, g.record_id, describe(slot, v), "fn"))
    matched_g = alignment.matched_gold
    for j, g in enumerate(golds):
        if j in matched_g or getattr(g, "optional", False):
            continue
        view.missed.append({"record": g.name.text, "slot": "record", "value": g.kind})
        if g.name.start is not None:
            view.marks.append(Mark(g.name.start, g.name.end, "name", g.record_id, g.name.text, "fn"))


def segments(text: str, marks: list[Mark]) -> list[tuple[str, list[int]]]:
    """Cut ``text`` at every mark boundary: (piece, indices of the marks covering it).

    >>> m = [Mark(0, 4, "name", "d:1", "Park"), Mark(2, 6, "area", "d:1", "x")]
    >>> segments("Park 12", m)
    [('Pa', [0]), ('rk', [0, 1]), (' 1', [1]), ('2', [])]
    """
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        covering = [k for k, m in enumerate(marks) if m.start <= a and b <= m.end and m.start < m.end]
        out.append((text[a:b], covering))
    return out


TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0;display:flex;flex-direction:column}
header{padding:8px 16px;background:#223;color:#fff} header a{color:#9cf}
main{display:flex;gap:16px;padding:16px}
.text{white-space:pre-wrap;flex:1 1 50%;max-width:50%;border-right:1px solid #ccc;padding-right:16px}
.side{flex:1 1 50%;overflow:auto}
table{border-collapse:collapse;font-size:12px} td,th{border:1px solid #ccc;padding:2px 4px;vertical-align:top}
mark{cursor:pointer;border-radius:2px;padding:0 1px}
{% for s in slot_styles %}mark.s-{{ s.name }}{background:{{ s.colour }}} {% endfor %}
mark.fp,tr.fp td,span.fp{outline:2px solid #d00;text-decoration:line-through}
mark.fn{background:none;outline:2px dashed #06c}
#detail{position:fixed;right:12px;bottom:12px;max-width:420px;background:#fff;border:1px solid #333;padding:8px;
 font-size:12px;display:none;white-space:pre-wrap}
.index td.f1{text-align:right}
section.article{border-top:3px solid #223}
</style></head><body>
<header><b>{{ title }}</b>{% if nav %} — {{ nav|safe }}{% endif %}
 — legend:{% for s in slot_styles %} <mark class="s-{{ s.name }}">{{ s.label }}</mark>{% endfor %}
 <mark class="s-name fp">false positive</mark> <mark class="s-name fn">missed (gold)</mark></header>
{% if index %}
<main><table class="index"><tr><th>article</th><th>records</th>{% if with_gold %}<th>slot F1</th>{% endif %}</tr>
{% for row in index %}<tr><td><a href="{{ row.href }}">{{ row.doc_id }}</a></td><td>{{ row.n }}</td>
{% if with_gold %}<td class="f1">{{ row.f1 }}</td>{% endif %}</tr>{% endfor %}</table></main>
{% endif %}
{% for a in articles %}
<section class="article" id="doc-{{ a.anchor }}"><header>{{ a.doc_id }} — {{ a.n }} records{% if a.f1 is not none %} — slot F1 {{ a.f1 }}{% endif %}</header>
<main><div class="text" data-doc="{{ a.doc_id }}">{% for piece, marks in a.segments %}{% if marks %}<mark class="{{ marks.cls }}" data-slot="{{ marks.slot }}" data-record="{{ marks.record }}" data-status="{{ marks.status }}" data-info="{{ marks.info }}">{{ piece }}</mark>{% else %}{{ piece }}{% endif %}{% endfor %}</div>
<div class="side"><table><tr><th>record</th><th>kind</th><th>name</th><th>count</th>{% for s in slots %}<th>{{ s }}</th>{% endfor %}</tr>
{% for r in a.rows %}<tr class="{{ r.status }}" data-record="{{ r.id }}"><td>{{ r.id }}</td><td>{{ r.kind }}</td><td>{{ r.name }}</td><td>{{ r.count }}</td>
{% for cell in r.cells %}<td>{% for v in cell %}<span class="{{ v.status }}">{{ v.text }}</span>{% if not loop.last %}<br>{% endif %}{% endfor %}</td>{% endfor %}</tr>{% endfor %}
</table>
{% if a.missed %}<h4>Missed (in gold, not extracted)</h4><ul>{% for m in a.missed %}<li class="missed">{{ m.record }} — {{ m.slot }}: {{ m.value }}</li>{% endfor %}</ul>{% endif %}
</div></main></section>
{% endfor %}
<div id="detail"></div>
<script>
document.addEventListener('click', function (e) {
  var m = e.target.closest('mark'); var d = document.getElementById('detail');
  if (!m) { d.style.display = 'none'; return; }
  d.textContent = m.dataset.info; d.style.display = 'block';
});
</script>
</body></html>
"""

_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_TEMPLATE = _ENV.from_string(TEMPLATE)


def _slot_styles(slots: SlotTable) -> list[dict]:
    """Label and colour of the name and of every slot, for the stylesheet and the legend."""
    return [{"name": "name", "label": "name", "colour": NAME_COLOUR}] + [
        {"name": s.name, "label": s.label, "colour": s.colour} for s in slots]


def _article_context(view: ArticleView, anchor: str, slots: SlotTable) -> dict:
    labels = {s["name"]: s["label"] for s in _slot_styles(slots)}
    segs = []
    for piece, covering in segments(view.text, view.marks):
        if not covering:
            segs.append((piece, None))
            continue
        inner = min(covering, key=lambda k: view.marks[k].end - view.marks[k].start)
        m = view.marks[inner]
        statuses = {view.marks[k].status for k in covering} - {""}
        info = "\n".join(
            f"{view.marks[k].record_id} · {labels[view.marks[k].slot]}: {view.marks[k].value}"
            + (" [FALSE POSITIVE]" if view.marks[k].status == "fp" else "")
            + (" [MISSED: in gold]" if view.marks[k].status == "fn" else "")
            for k in covering)
        segs.append((piece, {"cls": f"s-{m.slot} {' '.join(sorted(statuses))}".strip(), "slot": m.slot,
                             "record": m.record_id, "status": " ".join(sorted(statuses)), "info": info}))
    rows = []
    for r in view.records:
        cells = []
        for slot in slots.names:
            cells.append([{"text": describe(slot, v), "status": view.value_status.get((r.record_id, slot, k), "")}
                          for k, v in enumerate(r.values(slot))])
        rows.append({"id": r.record_id, "kind": r.kind, "name": r.name.text, "count": r.count if r.count else "",
                     "cells": cells, "status": view.row_status.get(r.record_id, "")})
    return {"doc_id": view.doc_id, "anchor": anchor, "n": len(view.records),
            "f1": None if view.f1 is None else f"{view.f1:.3f}", "segments": segs, "rows": rows,
            "missed": view.missed}


def write_review(views: list[ArticleView], output: Path, *, with_gold: bool, slots: SlotTable = SLOTS) -> list[Path]:
    """Write the report; returns the files written (one, or an index plus a page per article)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    order = sorted(views, key=lambda v: (v.f1 if v.f1 is not None else 2.0, v.doc_id)) if with_gold else views
    table = slots
    common = {"slots": [s.label for s in table], "slot_styles": _slot_styles(table), "with_gold": with_gold}
    if len(views) <= PAGE_LIMIT:
        articles = [_article_context(v, str(k), table) for k, v in enumerate(order)]
        index = [{"href": f"#doc-{k}", "doc_id": a["doc_id"], "n": a["n"], "f1": a["f1"]}
                 for k, a in enumerate(articles)]
        html = _TEMPLATE.render(title="extractor review", index=index, articles=articles, nav="", **common)
        output.write_text(html, encoding="utf-8")
        return [output]
    folder = output.with_name(output.stem + "_pages")
    folder.mkdir(exist_ok=True)
    written = []
    index = []
    for k, v in enumerate(order):
        page = folder / f"{k:06d}.html"
        ctx = _article_context(v, str(k), table)
        nav = f'<a href="../{output.name}">index</a>'
        page.write_text(_TEMPLATE.render(title=f"review: {v.doc_id}", index=None, articles=[ctx], nav=nav, **common),
                        encoding="utf-8")
        written.append(page)
        index.append({"href": f"{folder.name}/{page.name}", "doc_id": v.doc_id, "n": ctx["n"], "f1": ctx["f1"]})
    output.write_text(_TEMPLATE.render(title="extractor review", index=index, articles=[], nav="", **common),
                      encoding="utf-8")
    return [output, *written]


RECORD_COLUMNS = ("doc_id", "record_id", "kind", "name", "count")


def export_csv(records: Iterable[RecordBase], output: Path, slots: SlotTable = SLOTS) -> int:
    """One row a record, slots as columns (several values joined by ' | ')."""
    output.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with output.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow((*RECORD_COLUMNS, *slots.names))
        for r in records:
            w.writerow([r.doc_id, r.record_id, r.kind, r.name.text, "" if r.count is None else r.count,
                        *[" | ".join(describe(s, v) for v in r.values(s)) for s in slots.names]])
            n += 1
    return n

