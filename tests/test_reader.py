"""Input: folders, JSONL, stdin, and bad input that is reported without stopping the batch."""

import json
import subprocess
import sys

from conftest import ROOT
from extractor.reader import InputProblem, read_articles

GOOD = {"id": "a1", "text": "The Xinhe Biomedical Industrial Park will cost 4.5 billion yuan.", "published": "2024-01-02"}


def run_cli(args, stdin=None):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, cwd=ROOT,
                          input=stdin)


def test_bad_lines_become_problems_naming_file_line_and_document(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(GOOD), "{not json", json.dumps({"text": "no id"}), json.dumps({"id": "b", "text": 5}),
             json.dumps({"id": "c", "text": "   "}), json.dumps({"id": "d", "text": "x", "published": "28/01/2024"})]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_articles([str(path)]))
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [p.error for p in problems] == ["MalformedJson", "MissingId", "BadText", "EmptyText", "BadPublished"]
    assert [p.line for p in problems] == [2, 3, 4, 5, 6]
    assert all(str(path) in p.message for p in problems)
    assert [i.id for i in items if not isinstance(i, InputProblem)] == ["a1"]


def test_run_writes_errors_file_and_exits_1_when_some_fail(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{oops\n" + json.dumps(GOOD) + "\n")
    out = tmp_path / "records.jsonl"
    result = run_cli(["run", str(path), "-o", str(out)])
    assert result.returncode == 1
    errors = [json.loads(line) for line in (tmp_path / "records.errors.jsonl").read_text().splitlines()]
    assert [e["error"] for e in errors] == ["MalformedJson", "DuplicateId"]
    assert errors[0]["line"] == 2 and errors[1]["doc_id"] == "a1"
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["name"]["text"] for r in records] == ["Xinhe Biomedical Industrial Park"]


def test_stdin_jsonl(tmp_path):
    out = tmp_path / "r.jsonl"
    result = run_cli(["run", "-", "-o", str(out), "-q"], stdin=json.dumps(GOOD) + "\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["investment"][0]["value"] == 4_500_000_000


def test_missing_input_is_a_usage_error_and_writes_nothing(tmp_path):
    out = tmp_path / "r.jsonl"
    result = run_cli(["run", str(tmp_path / "nope"), "-o", str(out)])
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not out.exists()


def test_folder_with_binary_and_bad_utf8_files(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD["text"], encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    items = list(read_articles([str(tmp_path)]))
    kinds = sorted(i.error if isinstance(i, InputProblem) else "ok" for i in items)
    assert kinds == ["BinaryFile", "InvalidUtf8", "ok"]
