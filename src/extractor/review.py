"""Analyst review: an HTML report of extracted records over their articles (template:
``review.html`` beside this module; CSV and Parquet are in :mod:`extractor.export`).

The report opens on an index of every article read (title, published date, record count; an
article with no record is flagged, not left out) with a filter box (words, slot, and with gold:
false positives, misses). Each article shows its text with every name and value highlighted at
its offsets (a colour per slot; click one for its record and exact value) beside, or on narrow
screens above, a table of its records: every slot a column, money and areas human-formatted
("RMB 1.2 bn", "45,200 m²") with the exact value on hover. With gold, a panel charts precision,
recall and F1 per slot (inline SVG), and false positives and misses are marked in text and table;
without gold none of that chrome shows. Up to ``PAGE_LIMIT`` articles go in one self-contained
file; larger batches get an index file plus one self-contained page per article in a folder
beside it, so that 10,000 articles still open fast. All article text and values are
HTML-escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from importlib.resources import files

from jinja2 import Environment, select_autoescape

from extractor.export import describe, export_csv, plain_number  # noqa: F401  (export_csv: its first home was here)
from extractor.models import SLOTS, RecordBase, SlotTable
from extractor.scoring import KINDS, Counts, Score, align, score_documents
from extractor.writer import atomic_output

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
    title: str | None = None
    published: str | None = None
    score: Score | None = None  # with gold: this article's counts, for the report's summary
    row_status: dict[str, str] = field(default_factory=dict)  # record_id -> "fp" / ""
    value_status: dict[tuple[str, str, int], str] = field(default_factory=dict)


def build_view(doc_id: str, text: str, preds: list[RecordBase], golds: list[RecordBase] | None,
               slots: SlotTable = SLOTS, *, title: str | None = None, published: str | None = None) -> ArticleView:
    view = ArticleView(doc_id, text, preds, title=title, published=published)
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
    view.score = score
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


_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
_TEMPLATE = _ENV.from_string(files("extractor").joinpath("review.html").read_text(encoding="utf-8"))

CURRENCY_SHOWN = {"CNY": "RMB", "USD": "US$", "EUR": "€", "GBP": "£", "HKD": "HK$", "JPY": "¥"}
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))
UNIT_SHOWN = {"m2": "m²"}
MOD_SHOWN = {"APPROX": "about", "MORE_THAN": "over", "LESS_THAN": "under", "START": "early", "MID": "mid",
             "END": "end of", "ON_OR_BEFORE": "by"}


def _short(x: float) -> str:
    """A scaled figure with at most two decimals.

    >>> _short(247.8), _short(5.0), _short(17.04)
    ('247.8', '5', '17.04')
    """
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def human(slot: str, v) -> str:
    """A value as people write it; the exact figure is :func:`describe`'s (shown on hover).

    >>> from extractor.models import Money, Area, Completion
    >>> human("investment", Money(value=1.2e9, currency="CNY", mod="APPROX", text="x"))
    'about RMB 1.2 bn'
    >>> human("area", Area(value=45200, text="x")), human("area", Area(value=3.5e6, text="x"))
    ('45,200 m²', '3.5 km²')
    >>> human("completion", Completion(value="2025", mod="END", text="x"))
    'end of 2025'
    """
    if not hasattr(v, "value"):
        return v.text
    mod = MOD_SHOWN.get(v.mod or "", "")
    if v.value is None:
        return "unresolved date (no published date)"
    if isinstance(v.value, str):
        return f"{mod} {v.value}".strip()
    currency, unit = getattr(v, "currency", None), getattr(v, "unit", None)
    shown = _scaled(v.value, currency, unit)
    return f"{mod} {shown}".strip()


def _scaled(value: float, currency: str | None, unit: str | None) -> str:
    if unit == "m2" and value >= 1e6:
        return f"{_short(value / 1e6)} km²"
    if currency:
        scale = next(((d, w) for d, w in SCALES if value >= d), None)
        figure = f"{_short(value / scale[0])} {scale[1]}" if scale else f"{plain_number(value):,}"
        return f"{CURRENCY_SHOWN.get(currency, currency)} {figure}"
    number = plain_number(value)
    figure = f"{number:,}" if isinstance(number, int) else _short(number)
    return f"{figure} {UNIT_SHOWN.get(unit or '', unit or '')}".strip()


def _slot_styles(slots: SlotTable) -> list[dict]:
    """Label and colour of the name and of every slot, for the stylesheet and the legend."""
    return [{"name": "name", "label": "name", "colour": NAME_COLOUR}] + [
        {"name": s.name, "label": s.label, "colour": s.colour} for s in slots]


def _segments_context(view: ArticleView, labels: dict) -> list:
    segs: list = []
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
    return segs


def _record_rows(view: ArticleView, slots: SlotTable) -> list[dict]:
    rows = []
    for r in view.records:
        cells = [[{"text": human(slot, v), "exact": describe(slot, v) if hasattr(v, "value") else "",
                   "status": view.value_status.get((r.record_id, slot, k), "")}
                  for k, v in enumerate(r.values(slot))] for slot in slots.names]
        rows.append({"id": r.record_id, "number": r.record_id.rpartition(":")[2], "name": r.name.text,
                     "group": r.kind == "project_group", "count": r.count, "cells": cells,
                     "status": view.row_status.get(r.record_id, "")})
    return rows


def _article_context(view: ArticleView, section: str, slots: SlotTable) -> dict:
    labels = {s["name"]: s["label"] for s in _slot_styles(slots)}
    n = len(view.records)
    return {"doc_id": view.doc_id, "section": section, "title": view.title or view.doc_id,
            "published": view.published or "", "n": n, "n_shown": f"{n} record{'' if n == 1 else 's'}",
            "f1": None if view.f1 is None else f"{view.f1:.3f}", "segments": _segments_context(view, labels),
            "rows": _record_rows(view, slots), "missed": view.missed}


def _index_row(view: ArticleView, ctx: dict, href: str, slots: SlotTable) -> dict:
    """One line of the index, with what the filter box matches: words, slots present, slots with
    false positives (``record`` for a whole record) and with misses."""
    present = {"name"} if view.records else set()
    present |= {s for s in slots.names for r in view.records if r.values(s)}
    fp = {slot for (_, slot, _), st in view.value_status.items() if st == "fp"}
    fp |= {"record"} if view.row_status else set()
    fn = {m["slot"] for m in view.missed}
    words = " ".join([ctx["title"], view.doc_id, *(r.name.text for r in view.records)]).lower()
    return {"href": href, "section": ctx["section"], "title": ctx["title"], "doc_id": view.doc_id,
            "published": ctx["published"], "n": ctx["n"], "f1": ctx["f1"], "search": words,
            "slots": " ".join(sorted(present)), "fp_slots": " ".join(sorted(fp)), "fn_slots": " ".join(sorted(fn)),
            "fp": sum(st == "fp" for st in view.value_status.values()), "fn": len(view.missed)}


def _figure(c: Counts, value: float) -> str:
    return f"{value:.3f}" if c.tp or c.fp or c.fn else "n/a"


def score_chart(views: list[ArticleView], slots: SlotTable) -> dict | None:
    """Per-slot counts over every view with gold (projects and groups together), as table rows
    and an inline SVG bar chart of precision, recall and F1; None without gold."""
    scored = [v.score for v in views if v.score is not None]
    if not scored:
        return None
    totals = {"record": Counts(), **{s.name: Counts() for s in slots}}
    for sc in scored:
        for kind in KINDS:
            _add(totals["record"], sc.records[kind])
            for s in slots:
                _add(totals[s.name], sc.slots[(kind, s.name)])
    labels = {"record": "records (matched)", **{s.name: s.label for s in slots}}
    rows = [{"slot": k, "label": labels[k], "tp": c.tp, "fp": c.fp, "fn": c.fn, "p": _figure(c, c.precision),
             "r": _figure(c, c.recall), "f1": _figure(c, c.f1), "counts": c} for k, c in totals.items()]
    return {"rows": rows, "svg": _bars_svg(rows)}


def _add(total: Counts, c: Counts) -> None:
    total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn


BAR_COLOURS = (("precision", "#4e79a7"), ("recall", "#f28e2b"), ("F1", "#59a14f"))


def _bars_svg(rows: list[dict]) -> str:
    """Three horizontal bars (P, R, F1) a slot; a slot with nothing predicted nor in gold says n/a."""
    from html import escape

    label_w, bar_w, bar_h, gap = 150, 300, 9, 10
    height = 24 + len(rows) * (3 * bar_h + gap)
    out = [f'<svg class="chart" role="img" aria-label="precision, recall and F1 per slot" width="{label_w + bar_w + 60}" '
           f'height="{height}" font-size="11" font-family="system-ui,sans-serif">']
    for k, (name, colour) in enumerate(BAR_COLOURS):
        out.append(f'<rect x="{label_w + k * 90}" y="2" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{label_w + k * 90 + 14}" y="11">{name}</text>')
    for i, row in enumerate(rows):
        y = 24 + i * (3 * bar_h + gap)
        c = row["counts"]
        out.append(f'<text x="0" y="{y + 2 * bar_h}">{escape(row["label"])}</text>')
        if not (c.tp or c.fp or c.fn):
            out.append(f'<text x="{label_w}" y="{y + 2 * bar_h}" fill="#57606a">n/a (none predicted, none in gold)</text>')
            continue
        for k, (value, (name, colour)) in enumerate(zip((c.precision, c.recall, c.f1), BAR_COLOURS)):
            out.append(f'<rect class="bar" data-slot="{row["slot"]}" data-measure="{name}" x="{label_w}" '
                       f'y="{y + k * bar_h}" width="{value * bar_w:.1f}" height="{bar_h - 1}" fill="{colour}">'
                       f'<title>{escape(row["label"])} {name} {value:.3f}</title></rect>'
                       f'<text x="{label_w + value * bar_w + 4:.1f}" y="{y + k * bar_h + bar_h - 1}">{value:.2f}</text>')
    out.append("</svg>")
    return "".join(out)


def _totals(views: list[ArticleView]) -> str:
    n_rec = sum(len(v.records) for v in views)
    empty = sum(not v.records for v in views)
    parts = [f"{len(views)} article{'' if len(views) == 1 else 's'}", f"{n_rec} record{'' if n_rec == 1 else 's'}"]
    if empty:
        parts.append(f"{empty} article{'' if empty == 1 else 's'} with no records")
    return " · ".join(parts)


def write_review(views: list[ArticleView], output: Path, *, with_gold: bool, slots: SlotTable = SLOTS) -> list[Path]:
    """Write the report; returns the files written (one, or an index plus a page per article)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    order = sorted(views, key=lambda v: (v.f1 if v.f1 is not None else 2.0, v.doc_id)) if with_gold else views
    common = {"slot_labels": [s.label for s in slots], "slot_styles": _slot_styles(slots), "with_gold": with_gold,
              "totals": _totals(views)}
    chart = score_chart(order, slots) if with_gold else None
    if len(views) <= PAGE_LIMIT:
        articles = [_article_context(v, f"doc-{k}", slots) for k, v in enumerate(order)]
        index = [_index_row(v, a, f"#{a['section']}", slots) for v, a in zip(order, articles)]
        html = _TEMPLATE.render(title="extractor review", index=index, articles=articles, nav="", back="#index",
                                chart=chart, **common)
        with atomic_output(output) as tmp:
            tmp.write_text(html, encoding="utf-8")
        return [output]
    folder = output.with_name(output.stem + "_pages")
    folder.mkdir(exist_ok=True)
    written, index = [], []
    for k, v in enumerate(order):
        page = folder / f"{k:06d}.html"
        ctx = _article_context(v, f"doc-{k}", slots)
        back = f"../{output.name}"
        with atomic_output(page) as tmp:
            tmp.write_text(_TEMPLATE.render(title=f"review: {ctx['title']}", index=None, articles=[ctx], nav=back,
                                            back=back, chart=None, **common), encoding="utf-8")
        written.append(page)
        index.append(_index_row(v, ctx, f"{folder.name}/{page.name}", slots))
    with atomic_output(output) as tmp:
        tmp.write_text(_TEMPLATE.render(title="extractor review", index=index, articles=[], nav="", back="#index",
                                        chart=chart, **common), encoding="utf-8")
    return [output, *written]
