"""Batch runs: stream articles through the extractor and write records, surviving bad input.

* Output and errors go to hidden ``.partial`` files beside the target, flushed document by
  document, with a journal line after each document (documents done, bytes of each file).
  On success both are renamed into place, so an interrupted run leaves any previous output
  untouched. ``resume=True`` truncates the partial files to the last journal line and skips
  the documents already done, so the finished output equals an uninterrupted run's.
* ``incremental=True`` keeps a state file (``records.state.json``) of each document's content
  hash and the pipeline version; unchanged documents are copied from the previous output.
* ``workers > 1`` extracts in a process pool over ordered chunks: output is identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from extractor import __version__
from extractor.article import Article
from extractor.extract import Extractor
from extractor.reader import InputProblem, count_items, read_articles
from extractor.resources import load_resources
from extractor.writer import dumps

CHUNK = 16  # documents per task sent to a worker process
IN_FLIGHT = 4  # chunks per worker sent ahead of the one being written
DEFAULT_MAX_CHARS = 2_000_000


@dataclass
class BatchOptions:
    output: Path
    errors: Path
    resume: bool = False
    incremental: bool = False
    workers: int = 1
    progress: bool = False
    max_chars: int = DEFAULT_MAX_CHARS


@dataclass
class BatchSummary:
    documents: int = 0
    records: int = 0
    errors: int = 0
    reused: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    error_classes: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        extra = f", {self.reused} unchanged" if self.reused else ""
        return (f"{self.documents} documents, {self.records} records, {self.errors} errors{extra}, "
                f"{self.seconds:.2f} s")


def pipeline_version() -> str:
    """Package version + a hash of ``patterns/``: a change to either reprocesses everything."""
    return f"{__version__}+{load_resources().fingerprint}"


def content_hash(article: Article) -> str:
    h = hashlib.sha256(article.text.encode("utf-8"))
    h.update(b"\0" + (article.published.isoformat() if article.published else "").encode())
    return h.hexdigest()[:32]


def _hidden(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}.{suffix}")


def state_path(output: Path) -> Path:
    stem = output.name.removesuffix(".jsonl")
    return output.with_name(f"{stem}.state.json")


# --------------------------------------------------------------------------- extraction work
_WORKER: Extractor | None = None


def _worker_extractor() -> Extractor:
    global _WORKER
    if _WORKER is None:
        _WORKER = Extractor()
    return _WORKER


def extract_lines(article: Article, max_chars: int) -> tuple[list[str], dict | None]:
    """Record lines for one article, or an error row: an exception never escapes."""
    if len(article.text) > max_chars:
        return [], _error_row(article, "TooLarge",
                              f"{article.id}: {len(article.text):,} characters exceeds the limit of {max_chars:,}")
    try:
        records = _worker_extractor().extract(article)
        return [dumps(r.to_json_dict()) for r in records], None
    except Exception as exc:  # noqa: BLE001  (isolation: one article's failure is reported, the batch goes on)
        return [], _error_row(article, type(exc).__name__, f"{article.id}: extraction failed: {exc}")


def _extract_chunk(payload: tuple[list[Article], int]) -> list[tuple[list[str], dict | None]]:
    articles, max_chars = payload
    return [extract_lines(a, max_chars) for a in articles]


def _error_row(article: Article, error: str, message: str) -> dict:
    meta = article.meta or {}
    return {"doc_id": article.id, "source": meta.get("_source"), "line": meta.get("_line"), "error": error,
            "message": message}


# --------------------------------------------------------------------------- the run
class _Journal:
    """Append-only progress log: one line per finished document (count and file sizes)."""

    def __init__(self, path: Path, fresh: bool):
        self.path = path
        self.fh = path.open("w" if fresh else "a", encoding="utf-8")

    def mark(self, done: int, out_size: int, err_size: int) -> None:
        self.fh.write(json.dumps([done, out_size, err_size]) + "\n")
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()

    @staticmethod
    def last(path: Path) -> tuple[int, int, int] | None:
        if not path.exists():
            return None
        last = None
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
                if isinstance(row, list) and len(row) == 3:
                    last = tuple(row)
            except json.JSONDecodeError:
                break  # a torn last line from a kill: the previous line stands
        return last  # type: ignore[return-value]


class _PreviousOutput:
    """Byte ranges of each document's records in the previous output (an index, not the records:
    memory stays proportional to the number of documents, not to the output's size)."""

    def __init__(self, path: Path):
        self.path = path
        self.ranges: dict[str, tuple[int, int]] = {}
        if not path.exists():
            return
        with path.open("rb") as fh:
            pos = 0
            for line in fh:
                doc_id = json.loads(line)["doc_id"] if line.strip() else None
                if doc_id is not None:
                    start, _ = self.ranges.get(doc_id, (pos, pos))
                    self.ranges[doc_id] = (start, pos + len(line))
                pos += len(line)

    def lines(self, doc_id: str) -> list[str]:
        if doc_id not in self.ranges:
            return []
        start, end = self.ranges[doc_id]
        with self.path.open("rb") as fh:
            fh.seek(start)
            return fh.read(end - start).decode("utf-8").splitlines()


def _load_state(path: Path, version: str) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}
    return data.get("docs", {}) if data.get("pipeline") == version else {}


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_batch(inputs: list[str], opts: BatchOptions) -> BatchSummary:
    """Run the extractor over ``inputs``; see the module docstring for the guarantees."""
    started = time.perf_counter()
    summary = BatchSummary()
    out_part, err_part = _hidden(opts.output, "partial"), _hidden(opts.errors, "partial")
    journal_path = _hidden(opts.output, "journal")
    opts.output.parent.mkdir(parents=True, exist_ok=True)
    opts.errors.parent.mkdir(parents=True, exist_ok=True)

    skip = 0
    checkpoint = _Journal.last(journal_path) if opts.resume else None
    if checkpoint and out_part.exists() and err_part.exists():
        skip, out_size, err_size = checkpoint
        for path, size in ((out_part, out_size), (err_part, err_size)):
            with path.open("r+b") as fh:
                fh.truncate(size)
    else:
        out_part.write_bytes(b"")
        err_part.write_bytes(b"")
    journal = _Journal(journal_path, fresh=not checkpoint)

    version = pipeline_version()
    state_file = state_path(opts.output)
    old_state = _load_state(state_file, version) if opts.incremental else {}
    previous = _PreviousOutput(opts.output) if opts.incremental and old_state else None
    new_state: dict[str, str] = {}
    seen: set[str] = set()

    pool = None
    if opts.workers > 1:
        import multiprocessing

        # Fork where the platform has it: the workers inherit the pipeline built here, instead of each
        # importing spaCy and building it again (about 1.8 s of a 2-core machine per worker). Forked
        # before any thread of ours (the progress bar's) exists.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        if method == "fork":
            _worker_extractor()
        pool = multiprocessing.get_context(method).Pool(opts.workers)

    total = count_items(inputs) if opts.progress else None
    bar = None
    if opts.progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, initial=skip)

    out = out_part.open("a", encoding="utf-8", newline="\n")
    err = err_part.open("a", encoding="utf-8", newline="\n")
    done = 0
    try:
        stream = read_articles(inputs)
        for item in islice(stream, skip):  # already done before the interruption; ids still count
            if not isinstance(item, InputProblem):
                seen.add(item.id)
                if opts.incremental:
                    new_state[item.id] = content_hash(item)
        done = skip

        def plan(items) -> Iterator[tuple[Article | InputProblem, str]]:
            """Decide, in input order, what each item needs: 'problem', 'duplicate', 'reuse' or 'extract'."""
            for it in items:
                if isinstance(it, InputProblem):
                    yield it, "problem"
                elif it.id in seen:
                    yield it, "duplicate"
                else:
                    seen.add(it.id)
                    h = content_hash(it) if opts.incremental else ""
                    if opts.incremental:
                        new_state[it.id] = h
                    if opts.incremental and old_state.get(it.id) == h:
                        yield it, "reuse"
                    else:
                        yield it, "extract"

        def emit(chunk: list[tuple[Article | InputProblem, str]], results) -> None:
            """Write one chunk's output in input order, a journal line per document."""
            nonlocal done
            res_iter = iter(results)
            for it, what in chunk:
                if what == "problem":
                    row = it.to_json_dict()
                    lines: list[str] = []
                elif what == "duplicate":
                    row = _error_row(it, "DuplicateId", f"{it.id}: document id seen before in this run; skipped")
                    lines = []
                elif what == "reuse":
                    row, lines = None, previous.lines(it.id) if previous is not None else []
                    summary.reused += 1
                else:
                    lines, row = next(res_iter)
                if what != "problem":
                    summary.documents += 1
                if row is not None:
                    summary.errors += 1
                    summary.error_classes[row["error"]] = summary.error_classes.get(row["error"], 0) + 1
                    err.write(dumps(row) + "\n")
                for line in lines:
                    out.write(line + "\n")
                summary.records += len(lines)
                done += 1
                out.flush()
                err.flush()
                journal.mark(done, out.tell(), err.tell())
                if bar is not None:
                    bar.update(1)

        # With workers, chunks go to the pool as they are read and come back in order; at most
        # IN_FLIGHT chunks per worker are outstanding, so memory stays bounded and no worker waits
        # for the others or for the writing (a pool.map per batch made every worker wait for the slowest).
        pending: deque = deque()

        def emit_oldest() -> None:
            ready_chunk, job = pending.popleft()
            emit(ready_chunk, job.get() if job is not None else [])

        for chunk in _chunks(plan(stream), CHUNK):
            to_extract = [it for it, what in chunk if what == "extract"]
            if pool is not None:
                job = pool.apply_async(_extract_chunk, ((to_extract, opts.max_chars),)) if to_extract else None
                pending.append((chunk, job))
                while len(pending) > IN_FLIGHT * opts.workers:
                    emit_oldest()
            else:
                emit(chunk, [extract_lines(a, opts.max_chars) for a in to_extract])
        while pending:
            emit_oldest()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        out.close()
        err.close()
        journal.close()
        if pool is not None:
            pool.terminate()
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    if summary.interrupted:
        return summary
    for path in (out_part, err_part):
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
    os.replace(err_part, opts.errors)
    os.replace(out_part, opts.output)
    if opts.incremental:
        tmp = _hidden(state_file, "partial")
        tmp.write_text(json.dumps({"pipeline": version, "docs": new_state}, sort_keys=True), encoding="utf-8")
        os.replace(tmp, state_file)
    journal_path.unlink(missing_ok=True)
    return summary
