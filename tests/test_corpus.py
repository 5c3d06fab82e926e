"""The gold corpus: valid gold, end-to-end scores above the floors, grounded and deterministic output."""

import json
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from extractor.models import check_grounding
from extractor.reader import read_articles
from extractor.scoring import load_records, score_documents

FLOORS = json.loads((ROOT / "tests" / "score_floors.json").read_text())


@pytest.fixture(scope="module")
def articles():
    return {a.id: a for a in read_articles([str(CORPUS)])}


@pytest.fixture(scope="module")
def predicted(extractor, articles):
    return {doc_id: extractor.extract(a) for doc_id, a in articles.items()}


def test_gold_validates_and_is_grounded(articles):
    gold = load_records([str(CORPUS)])
    assert sum(len(v) for v in gold.values()) == 135
    for doc_id, records in gold.items():
        assert doc_id in articles
        for n, r in enumerate(records, 1):
            assert r.record_id == f"{doc_id}:{n}"
            assert check_grounding(r, articles[doc_id].text) == []


def test_every_output_value_is_grounded(predicted, articles):
    problems = [p for doc_id, recs in predicted.items() for r in recs
                for p in check_grounding(r, articles[doc_id].text)]
    assert len(problems) <= FLOORS["grounding_errors"], problems


def test_scores_stay_above_floors(predicted):
    gold = load_records([str(CORPUS)])
    score = score_documents(predicted, gold)
    measured = {
        "project.record.f1": score.records["project"].f1,
        "project.slots.f1": score.kind_slots("project").f1,
        "project_group.record.f1": score.records["project_group"].f1,
        "project_group.slots.f1": score.kind_slots("project_group").f1,
        "mod_accuracy": score.mod_accuracy,
    }
    below = {k: round(v, 4) for k, v in measured.items() if v < FLOORS[k]}
    assert not below, f"below floor: {below} (floors {FLOORS})"


def _run(args, cwd):
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=cwd, capture_output=True, text=True)


def test_folder_and_jsonl_give_the_same_bytes_twice(tmp_path, articles):
    jsonl = tmp_path / "corpus.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for a in articles.values():
            obj = {"id": a.id, "text": a.text, "published": a.published.isoformat() if a.published else None}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    outs = []
    for n, inp in enumerate([str(CORPUS), str(jsonl), str(CORPUS)]):
        out = tmp_path / f"out{n}.jsonl"
        result = _run(["run", inp, "-o", str(out), "-q"], ROOT)
        assert result.returncode == 0, result.stderr
        outs.append(out.read_bytes())
    by_doc = [sorted(o.decode().splitlines()) for o in outs]
    assert outs[0] == outs[2]
    assert by_doc[0] == by_doc[1]
    assert len(outs[0].splitlines()) > 100
