"""The scorer against hand-made predictions, and the CLI around it."""

import json
import subprocess
import sys

from conftest import ROOT
from extractor.models import Record
from extractor.scoring import normalise_name, score_documents


def rec(n, kind="project", name="Xinhe Park", count=None, **slots):
    return Record.model_validate({"doc_id": "d", "record_id": f"d:{n}", "kind": kind, "name": {"text": name},
                                  "count": count, **slots})


def money(v, mod=None):
    return {"value": v, "currency": "CNY", "mod": mod, "text": f"{v} yuan"}


def test_exact_match_scores_all_true_positives():
    g = [rec(1, investment=[money(5e9)], locations=[{"text": "Tongzhou District"}])]
    s = score_documents({"d": g}, {"d": g})
    assert s.records["project"].tp == 1 and s.kind_slots("project").f1 == 1.0


def test_aliases_jaccard_and_unmatched_records():
    gold = [rec(1, name="Shijingshan Artificial Intelligence (AI) Big Model Computing Center",
                aliases=["Shijingshan AI Computing Center"]), rec(2, name="Yamenkou Primary School")]
    pred = [rec(1, name="the Shijingshan AI Computing Center"), rec(2, name="Beijing Opera Hall",
                                                                      investment=[money(1e9)])]
    s = score_documents({"d": pred}, {"d": gold}, with_diff=True)
    assert (s.records["project"].tp, s.records["project"].fp, s.records["project"].fn) == (1, 1, 1)
    assert s.slots[("project", "investment")].fp == 1
    assert {d["type"] for d in s.diffs} == {"FP", "FN"}


def test_optional_gold_is_neither_fp_nor_fn():
    gold = [rec(1, name="computing power center", optional=True), rec(2, name="skyway project", optional=True)]
    pred = [rec(1, name="computing power center")]
    s = score_documents({"d": pred}, {"d": gold})
    assert (s.records["project"].tp, s.records["project"].fp, s.records["project"].fn) == (0, 0, 0)


def test_groups_match_by_count_and_values_by_tolerance_and_mod():
    gold = [rec(1, kind="project_group", name="160 key projects", count=160,
                investment=[money(247_800_000_000, "APPROX")])]
    pred = [rec(1, kind="project_group", name="160 major projects", count=160,
                investment=[money(247_800_000_000.0001, None)])]
    s = score_documents({"d": pred}, {"d": gold})
    assert s.records["project_group"].tp == 1 and s.slots[("project_group", "investment")].tp == 1
    assert s.mod_total == 1 and s.mod_correct == 0


def test_locations_match_by_containment():
    gold = [rec(1, locations=[{"text": "Bajia East-West Line (Yuequan Road)"}])]
    pred = [rec(1, locations=[{"text": "Yuequan Road"}])]
    assert score_documents({"d": pred}, {"d": gold}).slots[("project", "locations")].tp == 1


def test_normalise_name():
    assert normalise_name("The “3 100” City Key   Projects") == "3 100 city key projects"


def test_cli_score_json_and_diff(tmp_path):
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    g = rec(1, investment=[money(5e9)])
    p = rec(1, investment=[money(6e9)])
    gold.write_text(json.dumps(g.to_json_dict()) + "\n")
    pred.write_text(json.dumps(p.to_json_dict()) + "\n")
    out = subprocess.run([sys.executable, "-m", "extractor", "score", str(pred), str(gold), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    data = json.loads(out.stdout)
    assert data["slots"]["project.investment"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0,
                                                   "f1": 0.0}
    out = subprocess.run([sys.executable, "-m", "extractor", "score", str(pred), str(gold), "--diff"],
                         capture_output=True, text=True, cwd=ROOT)
    assert "FP  d d:1 project.investment" in out.stdout and "FN  d d:1 project.investment" in out.stdout


def test_cli_schema_is_the_record_schema():
    out = subprocess.run([sys.executable, "-m", "extractor", "schema"], capture_output=True, text=True, cwd=ROOT)
    schema = json.loads(out.stdout)
    assert set(schema["required"]) >= {"doc_id", "record_id", "kind", "name"}
    assert schema["properties"]["kind"]["enum"] == ["project", "project_group"]


def test_malformed_gold_line_is_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc_id": "d", "record_id": "d:1", "kind": "project", "name": {"text": "X"}}\n{oops\n')
    out = subprocess.run([sys.executable, "-m", "extractor", "score", str(bad), str(bad)], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 2 and f"{bad}:2" in out.stderr
