"""``extractor run --dask``: a Dask LocalCluster gives the bytes of a one-process run and keeps every
promise of a batch run (errors file, duplicates across partitions, resume, incremental), and a worker
killed mid-run loses and doubles nothing."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS
from extractor.batch import BatchOptions, run_batch
from extractor.cluster import PARTITION, ClusterFailed, DaskPool, parse_address
from extractor.reader import read_articles
import procs
from procs import HANG_GUARD, cli, journal_lines, wait_for

pytest.importorskip("distributed")


def popen(*args) -> subprocess.Popen:
    return procs.popen(*args, stderr=subprocess.PIPE, text=True)


def write_input(path: Path, copies: int) -> Path:
    """The corpus's seed and dev articles ``copies`` times, a malformed line, and a duplicate id
    more than a partition after its first occurrence."""
    arts = list(read_articles([str(CORPUS / "seeds"), str(CORPUS / "dev")]))
    lines = [json.dumps({"id": f"{a.id}-{k}", "text": a.text,
                         "published": a.published.isoformat() if a.published else None}, ensure_ascii=False)
             for k in range(copies) for a in arts]
    assert len(lines) > PARTITION + 2
    lines.insert(3, "{not json")
    lines.append(lines[1])  # the same id again, partitions later
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A one-process run's output and errors, bytes."""
    d = tmp_path_factory.mktemp("dask_ref")
    src = write_input(d / "in.jsonl", copies=12)
    result = cli("run", src, "-o", d / "r.jsonl", "-q")
    assert result.returncode == 1, result.stderr  # the malformed line and the duplicate
    return src, (d / "r.jsonl").read_bytes(), (d / "r.errors.jsonl").read_bytes()


def test_parse_address():
    assert parse_address("local:3") == 3 and parse_address("tcp://127.0.0.1:8786") is None
    with pytest.raises(ValueError):
        parse_address("local:0")


def test_dask_local_gives_the_bytes_of_one_process_errors_and_duplicates_included(tmp_path, reference):
    src, out, errors = reference
    result = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--dask", "local:2")
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "r.jsonl").read_bytes() == out
    assert (tmp_path / "r.errors.jsonl").read_bytes() == errors
    kinds = [json.loads(x)["error"] for x in errors.decode().splitlines()]
    assert kinds == ["MalformedJson", "DuplicateId"]
    assert "Traceback" not in result.stderr


def test_a_killed_dask_worker_loses_and_doubles_nothing(tmp_path, reference):
    psutil = pytest.importorskip("psutil")
    src, out, errors = reference
    dest = tmp_path / "r.jsonl"
    proc = popen("run", src, "-o", dest, "-q", "--dask", "local:2")
    total = len(src.read_text().splitlines())
    wait_for(lambda: journal_lines(dest) >= 3 or proc.poll() is not None, "a partition written")
    victims = [p for p in psutil.Process(proc.pid).children() if "resource_tracker" not in " ".join(p.cmdline())]
    assert proc.poll() is None and victims and journal_lines(dest) < total + 2, "the run must still be going"
    victims[0].kill()  # SIGKILL, as the OOM killer would
    _, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 1, err
    assert dest.read_bytes() == out and (tmp_path / "r.errors.jsonl").read_bytes() == errors


def test_a_dask_run_resumes_the_partitions_not_yet_written(tmp_path, reference):
    src, out, errors = reference
    dest = tmp_path / "r.jsonl"
    proc = popen("run", src, "-o", dest, "-q", "--dask", "local:2")
    wait_for(lambda: journal_lines(dest) >= PARTITION + 2 or proc.poll() is not None, "a partition written")
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 143 and "--resume" in err, err
    done = journal_lines(dest) - 2  # the identity and the starting point are not documents
    assert done >= PARTITION
    resumed = cli("run", src, "-o", dest, "-q", "--resume", "--dask", "local:2")
    assert resumed.returncode == 1, resumed.stderr
    assert dest.read_bytes() == out and (tmp_path / "r.errors.jsonl").read_bytes() == errors


def test_dask_incremental_reuses_unchanged_documents(tmp_path, reference):
    src, out, _ = reference
    first = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--incremental", "--dask", "local:1")
    again = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--incremental", "--dask", "local:1")
    assert first.returncode == again.returncode == 1
    unchanged = len(src.read_text().splitlines()) - 2  # all but the malformed line and the duplicate
    assert f"{unchanged} unchanged" in again.stderr
    assert (tmp_path / "r.jsonl").read_bytes() == out


DIES_ONCE = """
import json, os, signal, sys
from pathlib import Path
import dask
from extractor import workers
from extractor.batch import BatchOptions, run_batch
from extractor.extract import Extractor

class DiesOnce(Extractor):
    # kills its worker process on the document 'flaky' the first time any worker meets it
    def extract(self, article, gated=True):
        if article.id == "flaky" and not MARKER.exists():
            MARKER.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return super().extract(article, gated)

src, out, MARKER, failures = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
workers._WORKER = DiesOnce()  # this process runs one thread: the forked local workers inherit it
opts = BatchOptions(output=out, errors=out.with_suffix(".errors.jsonl"), dask="local:2")
with dask.config.set({"distributed.scheduler.allowed-failures": failures}):
    summary = run_batch([src], opts)
print(json.dumps({"errors": summary.errors, "documents": summary.documents}))
"""


@pytest.mark.parametrize("allowed_failures", [0, 3])
def test_a_partition_whose_worker_died_is_retried_whole_or_one_by_one(tmp_path, allowed_failures):
    """allowed-failures 0: Dask gives up on the partition at once (KilledWorker) and the pool runs its
    documents one a task; 3: the scheduler reruns it. Either way every document is written once. (A
    fresh process runs the batch: local workers are forked, with the dying extractor, only from a
    single-threaded process.)"""
    ids = [f"d{k}" for k in range(PARTITION // 2)] + ["flaky"] + [f"e{k}" for k in range(PARTITION)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"The Xinhe Park will cost {k + 1} billion yuan."}) + "\n"
                           for k, i in enumerate(ids)))
    plain = BatchOptions(output=tmp_path / "plain.jsonl", errors=tmp_path / "plain.errors.jsonl")
    assert run_batch([str(src)], plain).errors == 0
    marker, out = tmp_path / "died", tmp_path / "r.jsonl"
    script = tmp_path / "dies_once.py"
    script.write_text(DIES_ONCE)
    run = subprocess.run([sys.executable, str(script), str(src), str(out), str(marker), str(allowed_failures)],
                         env=procs.ENV, capture_output=True, text=True, timeout=HANG_GUARD)
    assert run.returncode == 0, run.stderr
    assert marker.exists(), "a worker must have died"
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {"errors": 0, "documents": len(ids)}
    assert out.read_bytes() == plain.output.read_bytes()


def test_an_unreachable_scheduler_is_reported(tmp_path):
    with pytest.raises(ClusterFailed, match="cannot start or reach"):
        DaskPool("tcp://127.0.0.1:9", 1000, "v", [])
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "The Xinhe Park will open."}) + "\n")
    result = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--dask", "tcp://127.0.0.1:9")
    assert result.returncode == 3 and "Dask" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "r.jsonl").exists()


def test_a_worker_with_another_pipeline_version_stops_the_run_instead_of_mixing_outputs():
    from extractor.article import Article
    from extractor.cluster import extract_partition
    from extractor.runstate import pipeline_version

    article = Article("a", "The Xinhe Park will cost 2 billion yuan.")
    assert extract_partition([article], 1000, pipeline_version())[0][1] is None
    with pytest.raises(ClusterFailed, match="pipeline version"):
        extract_partition([article], 1000, "0.0.0+other-patterns")


def test_a_bad_local_worker_count_is_a_usage_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "The Xinhe Park will open."}) + "\n")
    result = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--dask", "local:0")
    assert result.returncode == 2 and "local:N" in result.stderr


def test_doc_timeout_stops_a_document_on_its_dask_worker_and_the_worker_goes_on(tmp_path):
    """--doc-timeout on a cluster: a document far over the limit (the corpus's articles run together, some
    seconds of work) is a Timeout error row; the worker lives on and the short document after it gets its
    records, the bytes of a one-process run."""
    arts = [a for a in read_articles([str(CORPUS / "seeds"), str(CORPUS / "dev")]) if hasattr(a, "text")]
    long_text = "\n\n".join(a.text for a in arts) * 12
    short = {"id": "short", "text": arts[0].text, "published": "2024-03-01"}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "long", "text": long_text}) + "\n" + json.dumps(short) + "\n", encoding="utf-8")
    alone = tmp_path / "alone.jsonl"
    alone.write_text(json.dumps(short) + "\n", encoding="utf-8")
    assert cli("run", alone, "-o", tmp_path / "ref.jsonl", "-q").returncode == 0
    result = cli("run", src, "-o", tmp_path / "r.jsonl", "-q", "--dask", "local:1", "--doc-timeout", "0.3")
    assert result.returncode == 1, result.stderr
    rows = [json.loads(x) for x in (tmp_path / "r.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["doc_id"], r["error"]) for r in rows] == [("long", "Timeout")]
    assert (tmp_path / "r.jsonl").read_bytes() == (tmp_path / "ref.jsonl").read_bytes() != b""
    assert "Traceback" not in result.stderr


def test_a_document_within_its_dask_doc_timeout_is_untouched():
    """The watchdog of a document that finishes in time never fires later, in the next one."""
    import time

    from extractor.cluster import timed_lines
    from extractor.article import Article

    art = Article("x", "The Xinhe Bridge will open in 2026.", None)
    first = timed_lines(art, 100_000, 0.2)
    time.sleep(0.4)  # past the first document's limit
    assert first[1] is None and first[0] and timed_lines(art, 100_000, 30) == first
