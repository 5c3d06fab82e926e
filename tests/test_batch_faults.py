"""Batch runs that cannot lie (issue 13): every fault of the adversarial run, one test (or more) each.

In-process tests call ``run_batch`` (workers are forked from this process, so a test's extractor
reaches them); OS-level ones (signals, kill -9, file size limits, permissions, locks, exit statuses)
run ``python -m extractor`` on this worktree's code. No test asserts a duration: waits are for a
state (a journal line, a lock file) with a generous deadline that only guards against a hang.
"""

from __future__ import annotations

import ctypes
import gzip
import json
import os
import resource
import signal
import stat
import subprocess
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import CORPUS
from extractor import workers
from extractor.article import Article
from extractor.batch import BatchOptions, RunRefused, run_batch
from extractor.extract import Extractor
from extractor.reader import InputProblem, read_articles
from extractor.runstate import hidden, state_path
from procs import HANG_GUARD, cli, journal_lines, popen, wait_for

GOOD = "The Xinhe Biomedical Industrial Park will cost 4.5 billion yuan."


def write_jsonl(path: Path, copies: int = 1, bad_lines: int = 0) -> Path:
    """18 articles of the corpus as JSONL (``copies`` times, ids suffixed), after ``bad_lines``
    malformed lines."""
    arts = list(read_articles([str(CORPUS / "seeds"), str(CORPUS / "dev")]))
    with path.open("w", encoding="utf-8") as fh:
        fh.writelines("{not json\n" for _ in range(bad_lines))
        for k in range(copies):
            for a in arts:
                published = a.published.isoformat() if a.published else None
                obj = {"id": f"{a.id}-{k}", "text": a.text, "published": published}
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def opts(tmp: Path, **kw) -> BatchOptions:
    return BatchOptions(output=tmp / "r.jsonl", errors=tmp / "r.errors.jsonl", **kw)


def error_classes(path: Path) -> list[str]:
    return [json.loads(x)["error"] for x in path.read_text().splitlines()]


def summary_counts(stderr: str) -> str:
    """The summary line without its duration."""
    line = stderr.strip().splitlines()[-1]
    return line.rsplit(",", 1)[0]


@pytest.fixture(scope="module")
def corpus4(tmp_path_factory):
    """18 articles four times as JSONL (72 documents) and an uninterrupted run's output and summary."""
    d = tmp_path_factory.mktemp("corpus4")
    src = write_jsonl(d / "in.jsonl", copies=4)
    result = cli("run", src, "-o", d / "full.jsonl", "-q")
    assert result.returncode == 0, result.stderr
    return src, (d / "full.jsonl").read_bytes()


class Scripted(Extractor):
    """An extractor whose documents misbehave by id: 'die' kills its worker, 'flaky' kills it once,
    'slow' never ends, 'boom' raises."""

    marker: Path | None = None

    def extract(self, article, gated=True):
        if article.id == "die" or (article.id == "flaky" and self.marker and not self.marker.exists()):
            if self.marker:
                self.marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        if article.id == "slow":
            time.sleep(3600)
        if article.id == "boom":
            raise RuntimeError("boom")
        return super().extract(article, gated)


@pytest.fixture(scope="module")
def scripted():
    return Scripted()


def docs_jsonl(path: Path, ids: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": f"{GOOD} ({i})"}) + "\n" for i in ids))
    return path


# ---------------------------------------------------------------------- 1. a worker killed by the OS
@pytest.mark.parametrize("n_workers", [1, 2])
def test_1_a_worker_that_dies_is_retried_once_then_reported_never_a_hang(tmp_path, scripted, monkeypatch, n_workers):
    monkeypatch.setattr(workers, "_WORKER", scripted)
    monkeypatch.setattr(scripted, "marker", tmp_path / "flaky-died-once")
    src = docs_jsonl(tmp_path / "in.jsonl", ["a", "die", "b", "flaky", "c"])
    summary = run_batch([str(src)], opts(tmp_path, workers=n_workers))
    rows = [json.loads(x) for x in (tmp_path / "r.errors.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["error"]) for r in rows] == [("die", "WorkerDied")]
    assert "SIGKILL" in rows[0]["message"] and summary.errors == 1
    done = [json.loads(x)["name"]["text"] for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert len(done) == 4  # a, b, c, and flaky on its retry


def test_1_kill_minus_9_on_a_worker_of_the_cli_does_not_hang_and_loses_nothing(tmp_path, corpus4):
    src, full = corpus4
    out = tmp_path / "r.jsonl"
    proc = popen("run", src, "-o", out, "-q", "--workers", "2", stderr=subprocess.PIPE, text=True)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    if not children.exists():
        proc.kill()
        pytest.skip("this kernel does not list a process's children in /proc")
    wait_for(lambda: journal_lines(out) >= 3 or proc.poll() is not None, "two documents done")
    kids = children.read_text().split()
    assert proc.poll() is None and kids, "the run must still be going"
    os.kill(int(kids[0]), signal.SIGKILL)  # as the OOM killer would
    _, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 0, err
    assert out.read_bytes() == full  # the document the worker died on was retried


# ---------------------------------------------------------------------- 2, 3. resume: same run, whole summary
class Interrupt:
    """Interrupts ``run_batch`` (as Ctrl-C would) after ``after`` documents are written."""

    def __init__(self, monkeypatch, after: int):
        from extractor import batch

        original, calls = batch._Sink.write, [0]

        def write(sink, *a):
            original(sink, *a)
            calls[0] += 1
            if calls[0] == after:
                raise KeyboardInterrupt

        monkeypatch.setattr(batch._Sink, "write", write)


def test_2_resume_refuses_another_input_or_other_arguments_and_3_its_summary_is_the_whole_run(tmp_path, corpus4,
                                                                                           monkeypatch):
    src, _ = corpus4
    bad_first = write_jsonl(tmp_path / "in.jsonl", copies=1, bad_lines=50)
    full = cli("run", bad_first, "-o", tmp_path / "full.jsonl", "-q")
    assert full.returncode == 1
    with monkeypatch.context() as m:
        Interrupt(m, after=60)
        assert run_batch([str(bad_first)], opts(tmp_path)).interrupted
    other = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--resume")  # another input
    assert other.returncode == 2 and "not the interrupted run" in other.stderr and "inputs" in other.stderr
    limit = cli("run", bad_first, "-o", tmp_path / "r.jsonl", "-q", "--resume", "--max-chars", "5000")
    assert limit.returncode == 2 and "--max-chars was 2000000, now 5000" in limit.stderr
    same = cli("run", bad_first, "-o", tmp_path / "r.jsonl", "-q", "--resume")
    assert same.returncode == 1, same.stderr
    assert summary_counts(same.stderr).split(": ", 1)[1] == summary_counts(full.stderr).split(": ", 1)[1]
    assert "50 errors" in same.stderr and len(error_classes(tmp_path / "r.errors.jsonl")) == 50
    assert (tmp_path / "r.jsonl").read_bytes() == (tmp_path / "full.jsonl").read_bytes()


def test_2_a_changed_input_file_is_not_the_same_run(tmp_path, monkeypatch):
    src = docs_jsonl(tmp_path / "in.jsonl", ["a", "b", "c"])
    with monkeypatch.context() as m:
        Interrupt(m, after=1)
        assert run_batch([str(src)], opts(tmp_path)).interrupted
    docs_jsonl(src, ["a", "b", "c", "d"])
    with pytest.raises(RunRefused, match=r"input .*in\.jsonl changed"):
        run_batch([str(src)], opts(tmp_path, resume=True))


# ---------------------------------------------------------------------- 4, 5, 8. incremental
def folder_of(tmp: Path, texts: dict[str, str]) -> Path:
    folder = tmp / "articles"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text)
    return folder


def test_4_incremental_reprocesses_when_the_output_is_gone_or_another(tmp_path):
    folder = folder_of(tmp_path, {"a": GOOD, "b": "The Qinghe Sports Center will be completed in 2027."})
    o = opts(tmp_path, incremental=True)
    run_batch([str(folder)], o)
    expected = o.output.read_bytes()
    o.output.unlink()
    again = run_batch([str(folder)], o)
    assert again.reused == 0 and again.records == 2 and o.output.read_bytes() == expected
    assert any("reprocessed" in n for n in again.notes)
    other = docs_jsonl(tmp_path / "other.jsonl", ["x"])
    run_batch([str(other)], opts(tmp_path))  # a plain run overwrites the output
    third = run_batch([str(folder)], o)
    assert third.reused == 0 and o.output.read_bytes() == expected


def test_5_incremental_keeps_reporting_failed_documents_and_refuses_another_max_chars(tmp_path):
    folder = folder_of(tmp_path, {"a": GOOD, "long": GOOD + " More words." * 50})
    o = opts(tmp_path, incremental=True, max_chars=200)
    first = run_batch([str(folder)], o)
    second = run_batch([str(folder)], o)
    assert first.errors == second.errors == 1 and second.reused == 1
    assert error_classes(o.errors) == ["TooLarge"]
    with pytest.raises(RunRefused, match="--max-chars 200"):
        run_batch([str(folder)], opts(tmp_path, incremental=True, max_chars=100))


def test_8_a_state_older_than_the_output_never_reuses_stale_records(tmp_path):
    folder = folder_of(tmp_path, {"a": GOOD, "b": "The Qinghe Sports Center will be completed in 2027."})
    o = opts(tmp_path, incremental=True)
    run_batch([str(folder)], o)
    old_state = state_path(o.output).read_bytes()
    (folder / "a.txt").write_text("Note. " + GOOD)  # offsets move
    run_batch([str(folder)], o)
    state_path(o.output).write_bytes(old_state)  # killed after the output's rename, before the state's
    (folder / "a.txt").write_text(GOOD)  # edited back
    run_batch([str(folder)], o)
    (tmp_path / "fresh").mkdir()
    fresh = opts(tmp_path / "fresh")
    run_batch([str(folder)], fresh)
    assert o.output.read_bytes() == fresh.output.read_bytes()
    for rec in map(json.loads, o.output.read_text().splitlines()):
        text = (folder / f"{rec['doc_id']}.txt").read_text()
        assert text[rec["name"]["start"]:rec["name"]["end"]] == rec["name"]["text"]


# ---------------------------------------------------------------------- 6. one run at a time
def test_6_a_second_run_on_the_same_output_is_refused_naming_the_holder(tmp_path):
    out = tmp_path / "r.jsonl"
    holder = popen("run", "-", "-o", out, "-q", stdin=subprocess.PIPE, stderr=subprocess.PIPE)  # waits on stdin
    lock = hidden(out, "lock")
    wait_for(lambda: lock.exists() and lock.read_text().strip() == str(holder.pid), "the first run holds the lock")
    second = cli("run", docs_jsonl(tmp_path / "in.jsonl", ["a"]), "-o", out, "-q")
    assert second.returncode == 2 and f"pid {holder.pid}" in second.stderr
    assert not out.exists()
    holder.communicate(json.dumps({"id": "a", "text": GOOD}).encode() + b"\n", timeout=HANG_GUARD)
    assert holder.returncode == 0 and len(out.read_text().splitlines()) == 1


# ---------------------------------------------------------------------- 7. nothing succeeded
def test_7_a_run_where_every_document_fails_keeps_the_previous_output(tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text("PREVIOUS\n")
    src = tmp_path / "in.jsonl"
    src.write_text("{bad\n[1]\n")
    result = cli("run", src, "-o", out, "-q")
    assert result.returncode == 1 and "was not replaced" in result.stderr
    assert out.read_text() == "PREVIOUS\n" and error_classes(tmp_path / "r.errors.jsonl") == ["MalformedJson",
                                                                                              "BadRecord"]
    out.unlink()  # with no previous output, the (empty) output is written
    summary = run_batch([str(src)], opts(tmp_path))
    assert not summary.kept_previous and summary.errors == 2 and out.read_text() == ""


# ---------------------------------------------------------------------- 9, 15. a folder of bad files
def test_9_and_15_every_bad_file_of_a_folder_is_a_row_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD)
    (folder / "UPPER.TXT").write_text(GOOD.replace("Xinhe", "Qinghe"))
    (folder / "dangling.txt").symlink_to(folder / "nowhere")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    (folder / "dir.txt").mkdir()
    (folder / "dir.txt" / "inside.txt").write_text(GOOD.replace("Xinhe", "Yongding"))
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "sub" / "subloop").symlink_to(folder)  # a symlinked folder that loops
    outside = tmp_path / "linked"
    outside.mkdir()
    (outside / "via_link.txt").write_text(GOOD.replace("Xinhe", "Wanhong"))
    (folder / "linked").symlink_to(outside)
    result = cli("run", folder, "-o", tmp_path / "r.jsonl", "-q")
    assert result.returncode == 1, result.stderr
    rows = {Path(r["source"]).name: r["error"]
            for r in map(json.loads, (tmp_path / "r.errors.jsonl").read_text().splitlines())}
    assert rows == {"dangling.txt": "Unreadable", "loop1.txt": "Unreadable", "loop2.txt": "Unreadable",
                    "fifo.txt": "NotAFile", "zero.txt": "NotAFile"}
    names = sorted(json.loads(x)["doc_id"] for x in (tmp_path / "r.jsonl").read_text().splitlines())
    assert names == ["UPPER", "good", "inside", "via_link"]


def test_9_a_file_deleted_after_the_listing_is_a_row(tmp_path):
    folder = folder_of(tmp_path, {"a": GOOD, "b": GOOD, "c": GOOD})
    items = read_articles([str(folder)])
    assert next(items).id == "a"
    (folder / "b.txt").unlink()
    rest = list(items)
    assert isinstance(rest[0], InputProblem) and rest[0].error == "Unreadable" and rest[0].doc_id == "b"
    assert rest[1].id == "c"


CLONE_NEWUSER = 0x10000000


def _drop_root() -> None:
    """In the child: a new user namespace, where root's capabilities no longer override the
    permission bits of the files it owns."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUSER)")


def unprivileged() -> dict:
    """Permission bits bind only a non-root user: as root, the CLI runs in a user namespace."""
    if os.geteuid() != 0:
        return {}
    probe = subprocess.run(["true"], preexec_fn=_drop_root, capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root and user namespaces are not allowed: permission bits cannot be tested")
    return {"preexec_fn": _drop_root}


def test_9_an_unreadable_file_is_a_row_and_14_an_unwritable_folder_exit_3(tmp_path):
    user = unprivileged()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "secret.txt").write_text(GOOD)
    (folder / "secret.txt").chmod(0)
    (folder / "mem.txt").symlink_to("/proc/self/mem")  # opens, then every read fails (EIO), even for root
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = cli("run", folder, "-o", out_dir / "r.jsonl", "-q", **user)
    assert result.returncode == 1, result.stderr
    assert error_classes(out_dir / "r.errors.jsonl") == ["Unreadable", "Unreadable"]
    locked = tmp_path / "readonly"
    locked.mkdir()
    (locked / "r.jsonl").write_text("PREVIOUS\n")
    locked.chmod(0o555)
    result = cli("run", folder, "-o", locked / "r.jsonl", "-q", **user)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and (locked / "r.jsonl").read_text() == "PREVIOUS\n"
    locked.chmod(0o755)


# ---------------------------------------------------------------------- 10, 11. bad JSONL, gzip, manifests
def test_10_truncated_or_false_gzip_and_deep_json_are_rows(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl")
    data = gzip.compress(src.read_bytes())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "false.jsonl.gz").write_bytes(src.read_bytes()[:500])
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.jsonl").write_text(deep + "\n" + json.dumps({"id": "d", "text": GOOD}) + "\n")
    items = list(read_articles([str(tmp_path / n) for n in ("cut.jsonl.gz", "false.jsonl.gz", "deep.jsonl")]))
    problems = [(Path(p.source).name, p.error) for p in items if isinstance(p, InputProblem)]
    assert problems == [("cut.jsonl.gz", "BadGzip"), ("false.jsonl.gz", "BadGzip"), ("deep.jsonl", "MalformedJson")]
    articles = [a for a in items if not isinstance(a, InputProblem)]
    assert 0 < len(articles) - 1 < 18 and articles[-1].id == "d"  # what was decoded before the cut is kept
    result = cli("run", tmp_path / "cut.jsonl.gz", tmp_path / "deep.jsonl", "-o", tmp_path / "r.jsonl", "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_11_one_bad_manifest_line_loses_only_that_line(tmp_path):
    folder = folder_of(tmp_path, {"a": GOOD, "b": GOOD, "c": GOOD})
    lines = [json.dumps({"id": "a", "published": "2024-01-01"}), "{broken", "[" * 100_000,
             json.dumps({"id": "c", "published": "2024-03-03"})]
    (folder / "manifest.jsonl").write_text("\ufeff" + "\n".join(lines) + "\n")
    items = list(read_articles([str(folder)]))
    problems = [(p.error, p.line) for p in items if isinstance(p, InputProblem)]
    assert problems == [("BadManifest", 2), ("BadManifest", 3)]
    published = {a.id: a.published and a.published.isoformat() for a in items if not isinstance(a, InputProblem)}
    assert published == {"a": "2024-01-01", "b": None, "c": "2024-03-03"}


def test_13_a_manifest_is_read_line_by_line(tmp_path):
    folder = folder_of(tmp_path, {"a": GOOD})
    filler = json.dumps({"id": "other", "title": "x" * 2000}) + "\n"
    with (folder / "manifest.jsonl").open("w") as fh:
        fh.write(json.dumps({"id": "a", "published": "2024-01-01"}) + "\n")
        fh.writelines(filler for _ in range(10_000))  # 20 MB of other articles' metadata
    tracemalloc.start()
    (article,) = read_articles([str(folder)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert article.published.isoformat() == "2024-01-01"
    assert peak < 2_000_000  # bytes: a few lines at a time, not the 20 MB file


# ---------------------------------------------------------------------- 12, 13. limits
def test_12_spacy_accepts_what_max_chars_accepts():
    text = GOOD + " " * 1_000_000 + "It opened."
    lines, row = workers.extract_lines(Article("long", text), 2_000_000)
    assert row is None and len(lines) == 1


def test_13_a_document_over_the_time_limit_is_reported_and_the_batch_goes_on(tmp_path, scripted, monkeypatch):
    monkeypatch.setattr(workers, "_WORKER", scripted)
    src = docs_jsonl(tmp_path / "in.jsonl", ["a", "slow", "b"])
    summary = run_batch([str(src)], opts(tmp_path, doc_timeout=4))
    assert summary.error_classes == {"Timeout": 1} and summary.records == 2
    (row,) = map(json.loads, (tmp_path / "r.errors.jsonl").read_text().splitlines())
    assert row["doc_id"] == "slow" and "--doc-timeout" in row["message"]


# ---------------------------------------------------------------------- 14. bad paths, full disks
def test_14_bad_output_paths_are_refused_before_any_work(tmp_path):
    src = docs_jsonl(tmp_path / "in.jsonl", ["a"])
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x")
    cases = [({"output": tmp_path / "adir"}, "is a folder"),
             ({"errors": tmp_path / "r.jsonl"}, "same file"),
             ({"output": tmp_path / "afile" / "r.jsonl"}, "is a file, not a folder"),
             ({"output": src}, "is also an input")]
    for change, message in cases:
        o = opts(tmp_path)
        for key, value in change.items():
            setattr(o, key, value)
        with pytest.raises(RunRefused, match=message):
            run_batch([str(src)], o)
    result = cli("run", src, "-o", tmp_path / "adir", "-q")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "is a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir", "afile", "in.jsonl"]
    assert not any((tmp_path / "adir").iterdir())


def test_14_a_file_size_limit_fails_with_exit_3_and_resume_finishes(tmp_path, corpus4):
    src, full = corpus4
    out = tmp_path / "r.jsonl"
    out.write_text("PREVIOUS\n")

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    result = cli("run", src, "-o", out, "-q", preexec_fn=small_files)
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "--resume" in result.stderr
    assert out.read_text() == "PREVIOUS\n" and hidden(out, "journal").exists()
    resumed = cli("run", src, "-o", out, "-q", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == full


# ---------------------------------------------------------------------- 15. signals, orphans, small things
def test_15_sigterm_exits_143_with_a_message_and_the_run_resumes(tmp_path, corpus4):
    src, full = corpus4
    out = tmp_path / "r.jsonl"
    proc = popen("run", src, "-o", out, "-q", "--workers", "2", stderr=subprocess.PIPE, text=True)
    wait_for(lambda: journal_lines(out) >= 3 or proc.poll() is not None, "two documents done")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 143 and "terminated" in err and "--resume" in err and "Traceback" not in err
    resumed = cli("run", src, "-o", out, "-q", "--resume")
    assert resumed.returncode == 0 and out.read_bytes() == full


def test_15_workers_exit_quietly_when_the_parent_is_killed(tmp_path, corpus4):
    src, _ = corpus4
    out = tmp_path / "r.jsonl"
    proc = popen("run", src, "-o", out, "-q", "--workers", "2", stderr=subprocess.PIPE)
    wait_for(lambda: journal_lines(out) >= 5 or proc.poll() is not None, "five documents done")
    os.kill(proc.pid, signal.SIGKILL)
    err = proc.stderr.read()  # EOF once every worker, holding the same stderr, has exited
    proc.wait()
    assert b"Traceback" not in err and b"Error" not in err


def test_15_bom_and_empty_inputs(tmp_path):
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": GOOD}).encode() + b"\n")
    assert [a.id for a in read_articles([str(src)])] == ["a"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("run", empty, "-o", tmp_path / "r.jsonl", "-q")
    assert result.returncode == 2 and "holds no documents" in result.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_15_special_files_on_the_command_line_are_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    result = cli("run", tmp_path / "pipe.jsonl", "-o", tmp_path / "r.jsonl", "-q")
    assert result.returncode == 2 and "a FIFO" in result.stderr
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe.jsonl").st_mode)


# ---------------------------------------------------------------------- beyond the list
def test_review_with_a_missing_articles_path_is_a_usage_error(tmp_path, capsys):
    from extractor.cli import main

    records = tmp_path / "r.jsonl"
    records.write_text("")
    assert main(["review", str(records), "--articles", str(tmp_path / "nope"), "-o", str(tmp_path / "r.html")]) == 2
    assert "does not exist" in capsys.readouterr().err
