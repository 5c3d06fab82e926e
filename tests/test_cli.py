"""The command line as a new user meets it: help, one-line errors, output paths, the summary, and
the shapes of input it accepts (a .txt file, JSONL with other keys, documents without a date)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from extractor.cli import build_parser

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}  # the code of this checkout, not an installed copy
ARTICLE = "The Xinhe Biomedical Industrial Park will cost 4.5 billion yuan and will be completed next year."
HEPS = CORPUS / "dev" / "articles" / "dev08_heps_huairou.txt"


def cli(*args, cwd=ROOT, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=cwd, capture_output=True, text=True,
                          env=ENV, input=stdin)


def write_jsonl(path, objs) -> str:
    path.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    return str(path)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


# ---------------------------------------------------------------------- help

def test_help_names_every_command_with_one_line_and_an_example():
    result = cli("--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert not any("Only wiring" in line or "``" in line for line in lines)  # no leaked docstring
    for name in _commands(build_parser()):
        (k,) = [k for k, line in enumerate(lines) if line.startswith(f"  {name} ") and len(line.split()) > 2]
        assert lines[k + 1].strip().startswith(f"extractor {name}"), name


def _all_parsers():
    for name, parser in _commands(build_parser()).items():
        yield name, parser
        if name == "registry":
            yield from ((f"registry {n}", p) for n, p in _commands(parser).items())


@pytest.mark.parametrize("name,parser", list(_all_parsers()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_option_has_help_and_shows_its_default(name, parser):
    text = parser.format_help()
    assert "example:\n  extractor " in text, name
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        assert action.help, f"{name}: {action.dest} has no help"
        if action.option_strings and action.default not in (None, False):
            assert "default" in parser._get_formatter()._get_help_string(action), f"{name}: {action.dest}"
    if name == "run":
        assert "(default: output/records.jsonl)" in " ".join(text.split())


# ---------------------------------------------------------------------- errors: one line, exit 2

@pytest.mark.parametrize("args,why", [
    (["nosuchcommand"], "invalid choice"),
    (["run", "--bogus"], "unrecognized arguments"),
    (["run", "nosuch_folder"], "does not exist"),
    (["score", "nosuch.jsonl", "corpus/seeds"], "nosuch.jsonl"),
    (["score", "corpus/seeds/articles/manifest.jsonl", "corpus/seeds"], "manifest.jsonl:1: not a record"),
    (["export", "nosuch.jsonl"], "nosuch.jsonl"),
    (["export", "corpus/seeds/gold.jsonl", "--articles", "nosuch_folder"], "does not exist"),
    (["export", "corpus/seeds/gold.jsonl", "--format", "xlsx"], "invalid choice"),
    (["review", "corpus/seeds/gold.jsonl", "--articles", "nosuch_folder"], "does not exist"),
])
def test_errors_are_one_line_and_exit_2(tmp_path, args, why):
    result = cli(*args, "-o", str(tmp_path / "x")) if args[0] in ("run", "export", "review") and "--format" \
        not in args else cli(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and why in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_score_names_the_bad_line_itself_in_one_short_line(tmp_path):
    good = (CORPUS / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    bad = json.loads(good[1]) | {"kind": "projekt"}
    pred = tmp_path / "pred.jsonl"
    pred.write_text(good[0] + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")  # line 3 is the bad one
    result = cli("score", str(pred), "corpus/seeds")
    assert result.returncode == 2
    assert result.stderr == f"extractor score: {pred}:3: not a record: kind: Input should be 'project' or " \
                            "'project_group'\n"


def test_score_says_n_a_for_a_slot_with_no_data():
    result = cli("score", "corpus/seeds/gold.jsonl", "corpus/seeds")
    rows = {tuple(line.split()[:2]): line for line in result.stdout.splitlines()}
    assert rows[("project_group", "computing_power")].split()[-3:] == ["n/a", "n/a", "n/a"]
    assert rows[("project", "investment")].split()[-3:] == ["1.000", "1.000", "1.000"]


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "schema"], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written, like `| head` that has exited
    err = proc.stderr.read().decode()
    assert proc.wait() == 141 and err == ""


# ---------------------------------------------------------------------- output paths and the summary

def test_dash_writes_the_records_to_standard_output(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE, "published": "2024-03-01"}])
    assert cli("run", src, "-o", str(tmp_path / "r.jsonl"), "-q").returncode == 0
    to_stdout = cli("run", src, "-o", "-", "-q", cwd=tmp_path)
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == (tmp_path / "r.jsonl").read_text(encoding="utf-8") and '"a:1"' in to_stdout.stdout
    assert not (tmp_path / "-").exists() and "-> standard output" in to_stdout.stderr
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))  # locks are hidden
    assert visible == ["in.jsonl", "r.errors.jsonl", "r.jsonl"]


def test_a_trailing_slash_names_a_folder(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE, "published": "2024-03-01"}])
    result = cli("run", src, "-o", str(tmp_path / "out_new") + "/", "-q")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out_new" / "records.jsonl").is_file() and (tmp_path / "out_new" / "records.errors.jsonl").is_file()


def test_one_document_is_singular(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE, "published": "2024-03-01"}])
    result = cli("run", src, "-o", str(tmp_path / "r.jsonl"), "-q")
    assert result.stderr.splitlines()[-1].startswith("extractor: 1 document, 1 record, 0 errors, ")


def test_the_summary_lists_errors_by_class_with_the_first_example(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("{not json\n" + json.dumps({"id": "b", "body": ARTICLE}) + "\n[1]\n{also not}\n"
                   + json.dumps({"id": "c", "text": ARTICLE}) + "\n", encoding="utf-8")
    result = cli("run", str(src), "-o", str(tmp_path / "r.jsonl"), "-q")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-4].startswith(f"extractor:   2 x MalformedJson, first: {src}:1: not JSON")
    assert lines[-3] == (f"extractor:   1 x BadRecord, first: {src}:3: a line must be a JSON object")
    assert lines[-2].startswith("extractor:   1 x BadText, first: ") and "it has 'body', 'id'" in lines[-2]
    assert lines[-1].startswith("extractor: 1 document, 1 record, 4 errors, ")  # unreadable lines are no documents


# ---------------------------------------------------------------------- input shapes

def test_a_txt_file_is_one_article_with_its_manifest_metadata(tmp_path):
    folder = cli("run", str(HEPS.parent), "-o", str(tmp_path / "all.jsonl"), "-q")
    single = cli("run", str(HEPS), "-o", str(tmp_path / "one.jsonl"), "-q")
    assert folder.returncode == single.returncode == 0, single.stderr
    assert single.stderr.splitlines()[-1].startswith("extractor: 1 document, 3 records, 0 errors")
    expected = [line for line in (tmp_path / "all.jsonl").read_text().splitlines() if '"dev08_heps_huairou"' in line]
    assert (tmp_path / "one.jsonl").read_text().splitlines() == expected  # same records, dates resolved alike


def test_other_jsonl_keys_are_named_with_text_key_and_id_key(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"article_id": "a", "body": ARTICLE, "published": "2024-03-01"}])
    plain = write_jsonl(tmp_path / "plain.jsonl", [{"id": "a", "text": ARTICLE, "published": "2024-03-01"}])
    cli("run", plain, "-o", str(tmp_path / "plain_out.jsonl"), "-q")
    result = cli("run", src, "-o", str(tmp_path / "r.jsonl"), "-q", "--text-key", "body", "--id-key", "article_id")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.jsonl").read_text() == (tmp_path / "plain_out.jsonl").read_text()
    wrong = cli("run", src, "-o", str(tmp_path / "w.jsonl"), "-q")
    row = json.loads((tmp_path / "w.errors.jsonl").read_text())
    assert wrong.returncode == 1 and row["error"] == "MissingId"
    assert "it has 'article_id', 'body', 'published' (--id-key names another)" in row["message"]
    half = cli("run", src, "-o", str(tmp_path / "h.jsonl"), "-q", "--id-key", "article_id")
    assert half.returncode == 1 and "'text' is missing; it has 'article_id', 'body', 'published' (--text-key" \
        in half.stderr


def test_documents_without_a_date_that_state_relative_dates_are_counted(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE, "published": "2024-03-01"},
        {"id": "c", "text": ARTICLE.replace("next year", "in 2026")},
        {"id": "d", "text": "Work on the Xinhe Bridge began last month."}])
    result = cli("run", src, "-o", str(tmp_path / "r.jsonl"), "-q")
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].startswith("extractor: warning: 2 documents without a 'published' date")
    dated = cli("run", write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": ARTICLE, "published": "2024-03-01"}]),
                "-o", str(tmp_path / "b_out.jsonl"), "-q")
    assert "warning" not in dated.stderr


def test_review_and_export_take_a_folder_with_a_trailing_slash(tmp_path):
    gold = str(CORPUS / "seeds" / "gold.jsonl")
    review = cli("review", gold, "--articles", str(CORPUS / "seeds"), "-o", str(tmp_path / "rep") + "/")
    export = cli("export", gold, "--long", "-o", str(tmp_path / "tab") + "/")
    assert review.returncode == export.returncode == 0, review.stderr + export.stderr
    assert (tmp_path / "rep" / "review.html").is_file() and (tmp_path / "tab" / "records_long.csv").is_file()
    assert review.stderr == f"extractor review: 4 articles -> {tmp_path / 'rep' / 'review.html'}\n"


# ---------------------------------------------------------------------- fsspec URLs

def test_inputs_and_outputs_may_be_fsspec_urls(tmp_path):
    """A gzipped JSONL read by URL, the output and errors file written to a URL (through a local staging
    folder): the records are byte for byte those of a local run; a missing URL is a usage error."""
    import gzip

    objs = [{"id": "a", "text": ARTICLE, "published": "2024-03-01"}, {"id": "b", "text": 7}]
    local = write_jsonl(tmp_path / "in.jsonl", objs)
    with gzip.open(tmp_path / "in.jsonl.gz", "wt", encoding="utf-8") as gz:
        gz.write((tmp_path / "in.jsonl").read_text(encoding="utf-8"))
    assert cli("run", local, "-o", str(tmp_path / "local.jsonl"), "-q", cwd=tmp_path).returncode == 1
    remote = f"file://{tmp_path}/remote/records.jsonl"
    result = cli("run", f"file://{tmp_path}/in.jsonl.gz", "-o", remote, "-q", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # one bad document: exit 1, the rest written
    out = tmp_path / "remote" / "records.jsonl"
    assert out.read_bytes() == (tmp_path / "local.jsonl").read_bytes() and b'"a:1"' in out.read_bytes()
    assert '"b"' in (tmp_path / "remote" / "records.errors.jsonl").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "remote").iterdir()) == ["records.errors.jsonl", "records.jsonl"]
    again = cli("run", f"file://{tmp_path}/in.jsonl.gz", "-o", remote, "--resume", "-q", cwd=tmp_path)
    assert again.returncode == 1 and out.read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    missing = cli("run", f"file://{tmp_path}/nope.jsonl", "-o", remote, "-q", cwd=tmp_path)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_a_url_output_that_cannot_be_written_keeps_the_staged_run(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE, "published": "2024-03-01"}])
    (tmp_path / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    result = cli("run", src, "-o", f"file://{tmp_path}/blocked/records.jsonl", "-q", cwd=tmp_path)
    assert result.returncode == 3 and "the output is in output/.staging/" in result.stderr
    staged = list((tmp_path / "output" / ".staging").glob("*/records.jsonl"))
    assert len(staged) == 1 and b'"a:1"' in staged[0].read_bytes()
