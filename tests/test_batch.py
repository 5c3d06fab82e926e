"""Batch runs: failure isolation, atomic output, resume after kill -9, incremental, workers, limits."""

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT
from extractor import workers
from extractor.batch import BatchOptions, run_batch
from extractor.extract import Extractor
from extractor.reader import read_articles
from extractor.resources import PatternFileError, load_resources


def corpus_jsonl(path: Path, copies: int = 1, folders=(CORPUS,)) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for a in read_articles([str(f) for f in folders]):
                obj = {"id": f"{a.id}-{k}" if copies > 1 else a.id, "text": a.text,
                       "published": a.published.isoformat() if a.published else None}
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True, **kw)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """An uninterrupted single-worker run over the corpus as JSONL."""
    d = tmp_path_factory.mktemp("ref")
    src = corpus_jsonl(d / "in.jsonl")
    out = d / "records.jsonl"
    assert cli("run", str(src), "-o", str(out), "-q").returncode == 0
    return src, out.read_bytes()


class Exploding(Extractor):
    def extract(self, article):
        if article.id.startswith("dev03"):
            raise RuntimeError("pattern blew up")
        return super().extract(article)


def test_one_failing_article_never_loses_the_others(tmp_path, reference, monkeypatch):
    src, ref = reference
    monkeypatch.setattr(workers, "_WORKER", Exploding())
    out = tmp_path / "r.jsonl"
    summary = run_batch([str(src)], BatchOptions(output=out, errors=tmp_path / "e.jsonl"))
    assert summary.errors == 1 and summary.error_classes == {"RuntimeError": 1}
    (err,) = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert err["doc_id"] == "dev03_three_hundred_2021" and "pattern blew up" in err["message"]
    expected = [x for x in ref.decode().splitlines() if '"doc_id": "dev03_' not in x]
    assert out.read_text().splitlines() == expected


def test_gzip_jsonl_input(tmp_path, reference):
    src, ref = reference
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress(src.read_bytes()))
    out = tmp_path / "r.jsonl"
    assert cli("run", str(gz), "-o", str(out), "-q").returncode == 0
    assert out.read_bytes() == ref


def test_two_workers_give_identical_bytes(tmp_path, reference):
    src, ref = reference
    out = tmp_path / "r.jsonl"
    result = cli("run", str(src), "-o", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == ref


def test_no_progress_bar_without_a_terminal_but_always_a_summary(tmp_path, reference):
    src, _ = reference
    result = cli("run", str(src), "-o", str(tmp_path / "r.jsonl"))
    assert "\r" not in result.stderr
    n = sum(1 for _ in read_articles([str(CORPUS)]))
    assert result.stderr.strip().splitlines()[-1].startswith(f"extractor: {n} documents, ")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_minus_9_leaves_previous_output_and_resume_finishes_identically(tmp_path, workers):
    # 18 articles 25 times: 450 documents, several seconds of work
    src = corpus_jsonl(tmp_path / "big.jsonl", copies=25, folders=(CORPUS / "seeds", CORPUS / "dev"))
    out = tmp_path / "records.jsonl"
    out.write_text("PREVIOUS OUTPUT\n")
    journal = tmp_path / ".records.jsonl.journal"
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(src), "-o", str(out), "-q",
                             "--workers", workers], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        if journal.exists() and len(journal.read_text().splitlines()) >= 41:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert out.read_text() == "PREVIOUS OUTPUT\n"  # the interrupted run changed nothing
    done = len(journal.read_text().splitlines()) - 1  # the first line is the run's identity
    assert 40 <= done < 450, "the kill must land mid-run"

    result = cli("run", str(src), "-o", str(out), "-q", "--resume")
    assert result.returncode == 0, result.stderr
    resumed = out.read_bytes()
    full = tmp_path / "full.jsonl"
    assert cli("run", str(src), "-o", str(full), "-q").returncode == 0
    assert resumed == full.read_bytes()
    assert not journal.exists()


def test_incremental_reprocesses_only_new_or_changed(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for a in list(read_articles([str(CORPUS / "dev" / "articles")]))[:5]:
        (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    first = cli("run", str(folder), "-o", str(out), "--incremental")
    assert first.returncode == 0 and "unchanged" not in first.stderr
    # one article changes, one is new
    changed = sorted(folder.glob("*.txt"))[0]
    changed.write_text(changed.read_text() + "\nThe Qinghe Sports Center will be completed in 2027.\n")
    (folder / "zz_new.txt").write_text("The Xinhe Biomedical Industrial Park will cost 4.5 billion yuan.")
    second = cli("run", str(folder), "-o", str(out), "--incremental")
    assert second.returncode == 0 and "4 unchanged" in second.stderr
    full = tmp_path / "full.jsonl"
    assert cli("run", str(folder), "-o", str(full), "-q").returncode == 0
    assert out.read_bytes() == full.read_bytes()
    assert "Qinghe Sports Center" in out.read_text() and "Xinhe Biomedical" in out.read_text()


def test_pipeline_version_follows_the_patterns(tmp_path):
    import shutil

    copy = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", copy)
    before = load_resources(str(copy)).fingerprint
    with (copy / "heads.jsonl").open("a") as fh:
        fh.write('{"word": "aqueduct", "reading": "project"}\n')
    load_resources.cache_clear()
    assert load_resources(str(copy)).fingerprint != before


def test_malformed_pattern_file_names_file_and_line(tmp_path):
    import shutil

    copy = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", copy)
    with (copy / "hedges.jsonl").open("a") as fh:
        fh.write('{"phrase": "circa", "mod": "SORT_OF"}\n')
    load_resources.cache_clear()
    with pytest.raises(PatternFileError, match="hedges.jsonl.*SORT_OF"):
        load_resources(str(copy))
    (copy / "hedges.jsonl").write_text('{"phrase": "circa",\n')
    load_resources.cache_clear()
    with pytest.raises(PatternFileError, match=r"hedges.jsonl:1"):
        load_resources(str(copy))
    load_resources.cache_clear()


def test_oversized_article_is_an_error_not_a_crash(tmp_path):
    src = tmp_path / "in.jsonl"
    big = "The Xinhe Park opened. " * 900_000  # about 20 MB
    src.write_text(json.dumps({"id": "huge", "text": big}) + "\n" +
                   json.dumps({"id": "ok", "text": "The Xinhe Biomedical Industrial Park cost 4.5 billion yuan."}) + "\n")
    out = tmp_path / "r.jsonl"
    result = cli("run", str(src), "-o", str(out), "-q")
    assert result.returncode == 1
    (err,) = [json.loads(x) for x in (tmp_path / "r.errors.jsonl").read_text().splitlines()]
    assert err["error"] == "TooLarge" and err["doc_id"] == "huge"
    assert json.loads(out.read_text())["doc_id"] == "ok"


def test_progress_bar_on_a_terminal_and_none_with_quiet(tmp_path, reference):
    import fcntl
    import pty
    import struct
    import termios

    src, _ = reference
    outputs = {}
    for flag in ([], ["--quiet"]):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal has a size
        proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(src), "-o", str(tmp_path / "r.jsonl"),
                                 *flag], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait()
        os.close(master)
        outputs[bool(flag)] = b"".join(chunks).decode("utf-8", "replace")
    n = sum(1 for _ in read_articles([str(CORPUS)]))
    assert f"{n}/{n}" in outputs[False] and "doc/s" in outputs[False]
    assert "doc/s" not in outputs[True] and f"{n} documents" in outputs[True]
