"""Exports an analyst can compute with: numbers in their own columns, titles and dates from the
articles, evidence, a long shape, Excel's byte-order mark, Parquet."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from extractor.cli import main
from extractor.reader import read_articles

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
GOLD = str(CORPUS / "seeds" / "gold.jsonl")
ARTICLES = str(CORPUS / "seeds" / "articles")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True,
                          env=ENV)


def gold_records() -> list[dict]:
    return [json.loads(line) for line in open(GOLD, encoding="utf-8") if line.strip()]


def read_csv(path) -> list[dict]:
    return list(csv.DictReader(open(path, encoding="utf-8-sig", newline="")))


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "records.csv"
    result = cli("export", GOLD, "--articles", ARTICLES, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"extractor export: 69 rows -> {out}\n"
    return out


def test_money_has_numeric_value_currency_and_mod_columns(wide):
    rows = read_csv(wide)
    boe = next(r for r in rows if r["name"] == "Beijing BOE Hospital")
    assert boe["investment"] == "5,300,000,000 CNY (APPROX)"  # as read, exact
    assert (boe["investment_value"], boe["investment_currency"], boe["investment_mod"]) == (
        "5300000000", "CNY", "APPROX")
    assert boe["investment_evidence"] == next(r for r in gold_records() if r["name"]["text"] == "Beijing BOE Hospital"
                                              )["investment"][0]["text"]
    total = sum(float(r["investment_value"]) for r in rows if r["investment_value"])
    assert total == sum(r["investment"][0]["value"] for r in gold_records() if r["investment"])


def test_title_published_and_completion_columns(wide):
    rows = read_csv(wide)
    meta = {a.id: a for a in read_articles([ARTICLES])}
    for r in rows:
        a = meta[r["doc_id"]]
        assert r["title"] == (a.meta.get("title") or "") and r["published"] == a.published.isoformat()
    assert sum(bool(r["title"]) for r in rows) > 30
    done = [r for r in rows if r["completion_n"] != "0"]
    assert done and all(r["completion_value"][:4].isdigit() for r in done)
    assert not any("  " in cell for r in rows for cell in r.values() if cell)  # no '2022  (END)'
    with_mod = [r for r in done if r["completion_mod"]]
    assert with_mod and all(r["completion"].endswith(f" ({r['completion_mod']})") for r in with_mod)


def test_several_values_are_counted_and_all_kept_as_evidence(wide):
    rows = read_csv(wide)
    many = {r["record_id"]: r for r in rows if int(r["area_n"]) > 1}
    for g in gold_records():
        if g["record_id"] in many:
            row = many[g["record_id"]]
            assert row["area_evidence"].split(" | ") == [v["text"] for v in g["area"]]
            assert float(row["area_value"]) == g["area"][0]["value"]
    assert many


def test_excel_gets_a_byte_order_mark_and_plain_csv_none(tmp_path):
    gold = tmp_path / "g.jsonl"
    rec = gold_records()[0] | {"name": {"text": "“3 100” projects"}}
    gold.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli("export", str(gold), "--excel", "-o", str(tmp_path / "x.csv")).returncode == 0
    assert cli("export", str(gold), "-o", str(tmp_path / "p.csv")).returncode == 0
    raw_x, raw_p = (tmp_path / "x.csv").read_bytes(), (tmp_path / "p.csv").read_bytes()
    assert raw_x.startswith(b"\xef\xbb\xbf") and not raw_p.startswith(b"\xef\xbb\xbf")
    assert raw_x[3:] == raw_p and "“3 100” projects".encode() in raw_p


def test_long_has_one_row_a_value_and_a_name_row_a_record(tmp_path):
    records = tmp_path / "records.jsonl"
    assert cli("run", ARTICLES, "-o", str(records), "-q").returncode == 0
    out = tmp_path / "long.csv"
    assert cli("export", str(records), "--long", "--articles", ARTICLES, "-o", str(out)).returncode == 0
    rows = read_csv(out)
    recs = [json.loads(line) for line in records.read_text().splitlines()]
    n_values = sum(len(r[s]) for r in recs for s in ("locations", "investment", "area", "computing_power",
                                                      "completion"))
    assert len(rows) == len(recs) + n_values and sum(r["slot"] == "name" for r in rows) == len(recs)
    texts = {a.id: a.text for a in read_articles([ARTICLES])}
    for row in rows:
        assert texts[row["doc_id"]][int(row["start"]):int(row["end"])] == row["evidence"]
        if row["slot"] in ("investment", "area", "computing_power"):
            float(row["value"])  # a number
            assert row["unit"] and not row["date"]
        if row["slot"] == "completion":
            assert row["date"] and not row["value"]


def test_csv_to_standard_output(capsys):
    assert main(["export", GOLD, "--long", "-o", "-"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert rows[0]["slot"] == "name" and "-> standard output" in out.err


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    assert main(["export", GOLD, "--format", "parquet", "-o", str(tmp_path / "r.parquet")]) == 2
    err = capsys.readouterr().err
    assert err == "extractor export: Parquet export needs pyarrow: pip install pyarrow (or choose --format csv)\n"
    assert not (tmp_path / "r.parquet").exists()


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow not installed (optional)")
def test_parquet_keeps_numbers_as_numbers(tmp_path):
    import pyarrow.parquet as pq

    assert main(["export", GOLD, "--format", "parquet", "--articles", ARTICLES, "-o", str(tmp_path / "r.parquet")]) == 0
    table = pq.read_table(tmp_path / "r.parquet")
    assert str(table.schema.field("investment_value").type) == "double"
    assert str(table.schema.field("investment_n").type) == "int64"
    rows = table.to_pylist()
    assert len(rows) == 69 and sum(r["investment_value"] or 0 for r in rows) == sum(
        r["investment"][0]["value"] for r in gold_records() if r["investment"])
    assert main(["export", GOLD, "--format", "parquet", "--long", "-o", str(tmp_path / "l.parquet")]) == 0
    long = pq.read_table(tmp_path / "l.parquet")
    assert str(long.schema.field("value").type) == "double" and str(long.schema.field("start").type) == "int64"


def test_the_record_format_document_covers_every_key_and_is_linked():
    from extractor.models import MODS, SLOTS, record_json_schema

    doc = (ROOT / "docs" / "RECORD_FORMAT.md").read_text(encoding="utf-8")
    for key in record_json_schema()["properties"]:
        assert f"| `{key}` |" in doc, key
    for slot in SLOTS:
        for key in slot.value_keys():
            assert f"`{key}`" in doc, (slot.name, key)
    assert all(f"`{m}`" in doc for m in MODS)
    assert "(docs/RECORD_FORMAT.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_failed_export_keeps_the_previous_file_and_leaves_no_partial(tmp_path):
    from extractor.export import write_csv
    from extractor.scoring import load_records

    out = tmp_path / "records.csv"
    out.write_text("PREVIOUS\n", encoding="utf-8")

    def records():
        yield next(r for recs in load_records([GOLD]).values() for r in recs)
        raise ValueError("line 2: broken record")

    with pytest.raises(ValueError):
        write_csv(records(), out)
    assert out.read_text(encoding="utf-8") == "PREVIOUS\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.csv"]
