"""The shape of the code: a slot or a currency is one declaration, rules stay short, no article
state survives between articles, and the light commands do not import spaCy."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from extractor.article import Article
from extractor.extract import Extractor
from extractor.models import SLOTS, Evidence, Mod, Slot
from extractor.reader import read_articles
from extractor.resources import PatternFileError, load_resources
from extractor.review import build_view, export_csv, write_review
from extractor.scoring import score_documents
from extractor.values import ValueGrammar, ValueMention

RULE_LAYER = ("context", "pipeline", "anchored", "scan", "mentions", "references", "places", "values", "temporal",
              "gazetteer", "linking", "discourse", "assign", "records", "extract")
MAX_FUNCTION_LINES = 60


# ---------------------------------------------------------------------- a new slot is one declaration

class Jobs(Evidence):
    value: int
    mod: Mod = None


JOBS_RE = re.compile(r"(?P<n>\d[\d,]*) (?:new )?jobs")


def find_jobs(ctx) -> list[ValueMention]:
    return [ValueMention("jobs", m.start(), m.end(), m.group(0), int(m.group("n").replace(",", "")), None, None)
            for m in JOBS_RE.finditer(ctx.text)]


def test_a_toy_slot_flows_to_record_json_review_and_csv(tmp_path):
    slots = SLOTS.extended(Slot("jobs", Jobs, "amount", "jobs created", "#abcdef"))
    res = load_resources()
    grammar = ValueGrammar(res, slots)
    x = Extractor(res, slots, value_finders=(lambda ctx: grammar.find_values(ctx.text), find_jobs))
    text = "The Xinhe Biomedical Industrial Park will cost 4.5 billion yuan and create 3,200 jobs."
    (rec,) = x.extract(Article("toy", text, dt.date(2024, 1, 1)))
    assert [(v.value, v.text) for v in rec.jobs] == [(3200, "3,200 jobs")]
    assert rec.investment[0].value == 4_500_000_000
    data = rec.to_json_dict()
    assert list(data)[-1] == "jobs" and data["jobs"] == [
        {"value": 3200, "mod": None, "text": "3,200 jobs", "start": text.index("3,200"), "end": text.index(".", 70)}]
    back = slots.record_model.model_validate(data)
    score = score_documents({"toy": [back]}, {"toy": [back]}, slots=slots)
    assert score.slots[("project", "jobs")].tp == 1
    html = write_review([build_view("toy", text, [rec], [back], slots)], tmp_path / "r.html", with_gold=True,
                        slots=slots)[0].read_text()
    assert "mark.s-jobs{background:#abcdef}" in html and ">jobs created</mark>" in html
    assert 'data-slot="jobs"' in html and "3,200" in html
    export_csv([rec], tmp_path / "r.csv", slots=slots)
    (row,) = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert row["jobs"] == "3,200"


def test_the_default_table_is_what_the_spec_lists():
    assert SLOTS.names == ("locations", "investment", "area", "computing_power", "completion")
    assert {s.name: s.unit for s in SLOTS if s.unit} == {"area": "m2", "computing_power": "P"}


# ---------------------------------------------------------------------- a currency is one data line

@pytest.fixture
def patterns_copy(tmp_path):
    copy = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", copy)
    yield copy
    load_resources.cache_clear()


def test_a_currency_is_one_line_of_units_jsonl(patterns_copy):
    with (patterns_copy / "units.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"kind": "currency", "surface": "pounds", "position": "suffix", "code": "GBP"}\n')
    x = Extractor(load_resources(str(patterns_copy)))
    (rec,) = x.extract(Article("gbp", "The Thames Gateway Logistics Park will cost 2.5 billion pounds."))
    assert [(v.value, v.currency) for v in rec.investment] == [(2_500_000_000, "GBP")]
    assert json.loads(json.dumps(rec.to_json_dict()))["investment"][0]["currency"] == "GBP"


@pytest.mark.parametrize("line,message", [
    ('{"kind": "currency", "surface": "quid", "position": "suffix", "code": "pound"}', "ISO 4217"),
    ('{"kind": "currency", "surface": "quid", "code": "GBP"}', "position"),
    ('{"kind": "area", "surface": "acres"}', "factor"),
    ('{"kind": "volume", "surface": "litres", "factor": 1}', "kind"),
])
def test_a_bad_units_line_fails_at_load_with_file_and_line(patterns_copy, line, message):
    path = patterns_copy / "units.jsonl"
    n = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    with pytest.raises(PatternFileError, match=rf"units.jsonl:{n}: .*{message}"):
        load_resources(str(patterns_copy))


def test_a_bad_date_mod_names_file_and_line(patterns_copy):
    path = patterns_copy / "temporal.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"by": "ON_OR_BEFORE"', '"by": "SOONISH"'))
    with pytest.raises(PatternFileError, match=r"temporal.json:\d+: unknown mod 'SOONISH' for 'by'"):
        load_resources(str(patterns_copy))


def test_a_custom_patterns_folder_reaches_every_component(patterns_copy):
    with (patterns_copy / "heads.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"word": "aqueduct", "reading": "project"}\n')
    with (patterns_copy / "locations.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"label": "LOC", "id": "area", "pattern": "Qianmen"}\n')
    with (patterns_copy / "hedges.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"phrase": "circa", "mod": "APPROX"}\n')
    sentences = json.loads((patterns_copy / "sentences.json").read_text(encoding="utf-8"))
    sentences["abbreviations"].append("blvd")
    (patterns_copy / "sentences.json").write_text(json.dumps(sentences), encoding="utf-8")
    text = ("The Yongdingmen Aqueduct in Qianmen will cost circa 2 billion yuan. Work on Xinhe Blvd. Three "
            "begins soon.")
    default = Extractor().extract(Article("c", text))
    assert default == [] or all(r.name.text != "Yongdingmen Aqueduct" for r in default)
    x = Extractor(load_resources(str(patterns_copy)))
    (rec,) = x.extract(Article("c", text))
    assert rec.name.text == "Yongdingmen Aqueduct"
    assert [v.text for v in rec.locations] == ["Qianmen"]
    assert [(v.text, v.mod) for v in rec.investment] == [("circa 2 billion yuan", "APPROX")]
    doc = x.nlp(text)
    assert len(list(doc.sents)) == 2  # "Blvd." ends no sentence with the custom abbreviation


# ---------------------------------------------------------------------- no article state survives

def test_two_articles_in_either_order_give_the_same_records():
    arts = [a for a in read_articles([str(CORPUS)]) if a.id.startswith(("000_", "dev08", "dev12"))]
    assert len(arts) == 3
    forward, backward = Extractor(), Extractor()
    first = {a.id: forward.extract(a) for a in arts}
    second = {a.id: backward.extract(a) for a in reversed(arts)}
    again = {a.id: forward.extract(a) for a in reversed(arts)}
    for a in arts:
        dumps = [json.dumps([r.to_json_dict() for r in run[a.id]]) for run in (first, second, again)]
        assert dumps[0] == dumps[1] == dumps[2], a.id


# ---------------------------------------------------------------------- short rules

def _long_functions() -> list[str]:
    out = []
    for name in RULE_LAYER:
        path = ROOT / "src" / "extractor" / f"{name}.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(f"{name}.{node.name}: {length} lines")
    return out


def test_no_function_of_the_rule_layer_is_over_60_lines():
    assert _long_functions() == []


def test_no_module_calls_another_modules_private_names():
    offenders = []
    for path in sorted((ROOT / "src" / "extractor").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                    and (n.module or "").startswith("extractor") for a in n.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("extractor"):
                offenders += [f"{path.name}: from {node.module} import {a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported \
                    and node.attr.startswith("_") and not node.attr.startswith("__"):
                offenders.append(f"{path.name}: {node.value.id}.{node.attr}")
    assert offenders == []


# ---------------------------------------------------------------------- light lower layers

def test_reading_scoring_review_and_export_do_not_import_spacy():
    code = ("import sys\n"
            "import extractor.cli, extractor.reader, extractor.scoring, extractor.review, extractor.models\n"
            "from extractor.cli import main\n"
            "for cmd in (['score', 'corpus/seeds/gold.jsonl', 'corpus/seeds'],\n"
            "            ['export', 'corpus/seeds/gold.jsonl', '-o', sys.argv[1]]):\n"
            "    assert main(cmd) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'dateparser')))\n")
    out = subprocess.run([sys.executable, "-c", code, "/dev/null"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_no_module_constant_is_assigned_twice():
    """A second module-level ``NAME = ...`` silently replaces the first pattern for every use above it
    (two rules once shared ``COUNTED_OBJECT``): each module constant is bound once."""
    src = ROOT / "src" / "extractor"
    for path in sorted(src.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
                 if isinstance(t, ast.Name) and t.id.isupper()]
        twice = sorted({n for n in names if names.count(n) > 1})
        assert not twice, f"{path.name}: {twice}"


def test_no_module_function_or_class_is_defined_twice():
    """A second ``def _kind_project`` replaces the first for every caller (a rename once did so, and only
    unrelated snippet tests noticed): each module-level function and class is defined once."""
    src = ROOT / "src" / "extractor"
    for path in sorted(src.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        twice = sorted({n for n in names if names.count(n) > 1})
        assert not twice, f"{path.name}: {twice}"
