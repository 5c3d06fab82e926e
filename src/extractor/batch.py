"""Batch runs: stream articles through the extractor and write records, surviving bad input, dying
workers and interruptions, and never reporting anything but what the output holds.

* Output and errors go to hidden ``.partial`` files beside the target, flushed document by
  document, with a journal line after each document (:mod:`extractor.runstate`). On success both
  are renamed into place, so an interrupted or failed run leaves any previous output untouched.
  ``resume=True`` checks that the journal belongs to the same run (inputs, arguments, pipeline),
  truncates the partial files to its last line and skips the documents already done: the finished
  output, summary and exit status equal an uninterrupted run's.
* The output is locked for the whole run: a second run on it is refused at once.
* ``incremental=True`` keeps a state file of each successfully processed document's content hash,
  the pipeline version, ``max_chars`` and the output's SHA-256; unchanged documents are copied from
  the previous output if it is the one the state describes (else everything is reprocessed), and
  documents that failed are always tried again.
* Extraction runs in worker processes (:mod:`extractor.workers`) over ordered chunks: output is
  identical for any number of workers; a dying worker or a document over ``doc_timeout`` becomes an
  error row and the batch goes on.
* ``dask`` (an address or ``local:N``) extracts on a Dask cluster instead
  (:class:`extractor.cluster.DaskPool`, the same interface): everything above holds, the output is the
  same bytes.
* A run with errors and no successful document does not replace the previous output.
* Write failures (disk full, file size limit, permissions) raise :class:`WriteFailed` with the
  partial files and journal kept for ``--resume``; bad paths and runs that cannot start raise
  :class:`RunRefused` before any work.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from extractor.article import Article
from extractor.cluster import PARTITION
from extractor.reader import DEFAULT_KEYS, InputProblem, JsonKeys, count_items, read_articles
from extractor.runstate import (Checkpoint, Journal, OutputLock, PreviousOutput, RunRefused, WriteFailed,
                                content_hash, file_sha256, hidden, identity_differences, load_state,
                                pipeline_version, run_identity, save_state, state_path)
from extractor.workers import Result, WorkerPool, error_row
from extractor.writer import dumps

__all__ = ["BatchOptions", "BatchSummary", "RunRefused", "WriteFailed", "check_paths", "run_batch"]

CHUNK = 16  # documents per task sent to a worker process
IN_FLIGHT = 4  # chunks per worker sent ahead of the one being written
DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_DOC_TIMEOUT = 60.0  # seconds for one document; the corpus's longest takes well under 1 s


@dataclass
class BatchOptions:
    output: Path
    errors: Path
    resume: bool = False
    incremental: bool = False
    workers: int = 1
    progress: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    doc_timeout: float = DEFAULT_DOC_TIMEOUT
    keys: JsonKeys = DEFAULT_KEYS  # the id and text keys of JSONL input (--id-key, --text-key)
    dask: str | None = None  # a scheduler's address or 'local:N': extract on Dask (extractor.cluster)

    def identity_args(self) -> dict:
        """The arguments that change the output (the number of workers and ``dask`` do not)."""
        keys = {} if self.keys == DEFAULT_KEYS else {"id_key": self.keys.id, "text_key": self.keys.text}
        return {"max_chars": self.max_chars, "doc_timeout": self.doc_timeout, "incremental": self.incremental,
                "errors": str(self.errors.resolve()), **keys}


@dataclass
class BatchSummary:
    documents: int = 0
    records: int = 0
    errors: int = 0
    reused: int = 0
    succeeded: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    kept_previous: bool = False  # errors and no successful document: the previous output stays
    interrupt: BaseException | None = field(default=None, repr=False)  # what interrupted the run
    unresolved: int = 0  # documents without `published` that state relative dates (left unresolved)
    error_classes: dict[str, int] = field(default_factory=dict)
    error_examples: dict[str, str] = field(default_factory=dict)  # each class's first message
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        extra = f", {self.reused} unchanged" if self.reused else ""
        return (f"{plural(self.documents, 'document')}, {plural(self.records, 'record')}, "
                f"{plural(self.errors, 'error')}{extra}, {self.seconds:.2f} s")

    def count_error(self, row: dict) -> None:
        """One more error of ``row``'s class (its message kept if it is the class's first)."""
        self.error_classes[row["error"]] = self.error_classes.get(row["error"], 0) + 1
        self.error_examples.setdefault(row["error"], str(row.get("message", "")))


def plural(n: int, word: str) -> str:
    """``n`` and the word, singular for one.

    >>> plural(1, "document"), plural(2, "error")
    ('1 document', '2 errors')
    """
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@lru_cache(maxsize=1)
def _date_tagger():
    from extractor.resources import load_resources
    from extractor.temporal import TemporalTagger

    return TemporalTagger(load_resources().temporal)


def left_unresolved(article: Article) -> bool:
    """An article without ``published`` that states a relative date ("next year", "last month"):
    it stays unresolved (and is not reported as a completion), so the run warns about it."""
    if article.published is not None:
        return False
    return any(d.value is None for d in _date_tagger().find(article.text, None))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _cannot(what: str, path: Path, exc: OSError) -> WriteFailed:
    return WriteFailed(f"cannot {what} {path}: {exc.strerror or exc}")


# --------------------------------------------------------------------------- before any work
def check_paths(inputs: list[str], opts: BatchOptions) -> None:
    """Refuse paths that cannot work (:class:`RunRefused`), create the output's folders, and check
    they can be written (:class:`WriteFailed`): all before any document is read."""
    out, err = opts.output, opts.errors
    for flag, path in (("-o", out), ("--errors", err)):
        if path.is_dir():
            raise RunRefused(f"{flag} {path} is a folder; give a file path")
        if any(path.resolve() == Path(i).resolve() for i in inputs if i != "-"):
            raise RunRefused(f"{flag} {path} is also an input")
        existing = next(p for p in path.parents if p.exists())
        if not existing.is_dir():
            raise RunRefused(f"{flag} {path}: {existing} is a file, not a folder")
    if out.resolve() == err.resolve():
        raise RunRefused(f"--errors and -o are the same file ({out}); records and errors need two files")
    for path in (out, err):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _cannot("create the folder", path.parent, exc) from None
        if not os.access(path.parent, os.W_OK):
            raise WriteFailed(f"cannot write in {path.parent}: permission denied or read-only")


# --------------------------------------------------------------------------- the partial files
class _Sink:
    """The run's partial output and errors files and its journal; any write failure raises
    :class:`WriteFailed`, leaving what the journal records intact for ``--resume``."""

    def __init__(self, opts: BatchOptions, identity: dict, start: Checkpoint | None):
        self.opts = opts
        self.out_part, self.err_part = hidden(opts.output, "partial"), hidden(opts.errors, "partial")
        self.journal_path = hidden(opts.output, "journal")
        path = self.out_part
        try:
            for path, size in ((self.out_part, start.out_size if start else 0),
                               (self.err_part, start.err_size if start else 0)):
                with path.open("ab") as fh:
                    fh.truncate(size)
            path = self.journal_path
            self.journal = Journal(self.journal_path, identity, start or Checkpoint())
            path = self.out_part
            self.out, self.err = self.out_part.open("ab"), self.err_part.open("ab")
        except OSError as exc:
            raise _cannot("write", path, exc) from None

    def filenos(self) -> list[int]:
        return [self.out.fileno(), self.err.fileno(), self.journal.fh.fileno()]

    def write(self, lines: list[str], row: dict | None, point: Checkpoint) -> None:
        try:
            if row is not None:
                self.err.write((dumps(row) + "\n").encode("utf-8"))
            for line in lines:
                self.out.write((line + "\n").encode("utf-8"))
            self.out.flush()
            self.err.flush()
            point.out_size, point.err_size = self.out.tell(), self.err.tell()
            self.journal.mark(point)
        except OSError as exc:
            raise _cannot("write beside", self.opts.output, exc) from None

    def close(self) -> None:
        for fh in (self.out, self.err, self.journal.fh):
            try:
                fh.close()
            except OSError:
                pass  # a write failure is already being reported

    def publish(self, keep_previous: bool) -> str | None:
        """Rename the partial files into place (the output only if ``keep_previous`` is false); the
        output's SHA-256."""
        try:
            for path in (self.out_part, self.err_part):
                with path.open("rb") as fh:
                    os.fsync(fh.fileno())
            digest = file_sha256(self.out_part)
            os.replace(self.err_part, self.opts.errors)
            if keep_previous:
                self.out_part.unlink()
            else:
                os.replace(self.out_part, self.opts.output)
            return digest
        except OSError as exc:
            raise _cannot("write", self.opts.output, exc) from None


# --------------------------------------------------------------------------- one run
class _Run:
    """What one run knows as it goes: ids seen, the incremental state, the checkpoint (the counts)."""

    def __init__(self, opts: BatchOptions, summary: BatchSummary, point: Checkpoint):
        self.opts, self.summary, self.point = opts, summary, point
        self.seen: set[str] = set()
        self.new_state: dict[str, str] = {}
        self.old_docs: dict[str, str] = {}
        self.previous: PreviousOutput | None = None
        self.sink: _Sink | None = None

    def load_incremental(self, version: str) -> None:
        """The previous state, if it describes the previous output and this pipeline."""
        state = load_state(state_path(self.opts.output))
        if state is None:
            return
        if state.get("max_chars", self.opts.max_chars) != self.opts.max_chars:
            raise RunRefused(f"--incremental: the state was made with --max-chars {state['max_chars']}, this run "
                             f"asks for {self.opts.max_chars}; run without --incremental to rebuild")
        if state.get("pipeline") != version:
            self.summary.notes.append("the pipeline changed since the last run: every document is reprocessed")
        elif state.get("output_sha256") is None or state.get("output_sha256") != file_sha256(self.opts.output):
            self.summary.notes.append(f"{self.opts.output} is missing or is not the output the incremental state "
                                      "describes: every document is reprocessed")
        else:
            self.old_docs, self.previous = state["docs"], PreviousOutput(self.opts.output)

    def skip(self, stream: Iterator[Article | InputProblem], failed: set[str]) -> None:
        """Read past the documents done before an interruption (their ids and state still count)."""
        for item in islice(stream, self.point.done):
            if isinstance(item, InputProblem) or item.id in self.seen:
                continue
            self.seen.add(item.id)
            if self.opts.incremental and item.id not in failed:
                self.new_state[item.id] = content_hash(item)

    def plan(self, items: Iterable[Article | InputProblem]) -> Iterator[tuple[Article | InputProblem, str]]:
        """Decide, in input order, what each item needs: 'problem', 'duplicate', 'reuse' or 'extract'."""
        for it in items:
            if isinstance(it, InputProblem):
                yield it, "problem"
            elif it.id in self.seen:
                yield it, "duplicate"
            else:
                self.seen.add(it.id)
                h = content_hash(it) if self.opts.incremental else ""
                if self.opts.incremental:
                    self.new_state[it.id] = h
                reuse = self.previous is not None and self.old_docs.get(it.id) == h
                yield it, "reuse" if reuse else "extract"

    def emit(self, chunk: list[tuple[Article | InputProblem, str]], results: list[Result]) -> None:
        """Write one chunk's output in input order, a journal line per document."""
        res = iter(results)
        for it, what in chunk:
            if what == "problem":
                lines, row = [], it.to_json_dict()  # type: ignore[union-attr]
            elif what == "duplicate":
                lines, row = [], error_row(it, "DuplicateId", f"{it.id}: document id seen before in this run; skipped")
            elif what == "reuse":
                lines, row = self.previous.lines(it.id), None  # type: ignore[union-attr]
            else:
                lines, row = next(res)
            self._count(it, what, lines, row)
            self.sink.write(lines, row, self.point)  # type: ignore[union-attr]

    def _count(self, it, what: str, lines: list[str], row: dict | None) -> None:
        p = self.point
        p.done += 1
        p.documents += what != "problem"
        p.records += len(lines)
        p.reused += what == "reuse"
        if row is not None:
            p.errors += 1
            self.summary.count_error(row)
            if what == "extract":
                self.new_state.pop(it.id, None)  # a failed document is tried again next time
        elif what in ("reuse", "extract"):
            p.succeeded += 1
            p.unresolved += left_unresolved(it)


def _resume_point(opts: BatchOptions, identity: dict, summary: BatchSummary) -> tuple[Checkpoint | None, set[str]]:
    """Where an interrupted run of the same identity stopped, and the ids it failed; refuses a
    journal of another run."""
    journal = hidden(opts.output, "journal")
    old, point = Journal.read(journal)
    if point is None:
        if journal.exists():
            summary.notes.append(f"{journal} records no progress: starting from the beginning")
        return None, set()
    differences = identity_differences(old or {}, identity) if old else ["the journal records no run identity"]
    if differences:
        raise RunRefused("--resume: this is not the interrupted run (" + "; ".join(differences)
                         + "); run without --resume to start over")
    parts = ((hidden(opts.output, "partial"), point.out_size), (hidden(opts.errors, "partial"), point.err_size))
    if any(not p.exists() or p.stat().st_size < size for p, size in parts):
        summary.notes.append("the partial files are missing or shorter than the journal says: "
                             "starting from the beginning")
        return None, set()
    failed: set[str] = set()
    with parts[1][0].open("rb") as fh:
        for raw in fh.read(point.err_size).splitlines():
            row = json.loads(raw)
            summary.count_error(row)
            if row["error"] != "DuplicateId" and row.get("doc_id"):
                failed.add(row["doc_id"])
    return point, failed


def _progress_bar(inputs: list[str], opts: BatchOptions, initial: int):
    if not opts.progress:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked while the bar runs
    return tqdm(total=count_items(inputs), unit="doc", file=sys.stderr, dynamic_ncols=True, initial=initial)


def run_batch(inputs: list[str], opts: BatchOptions) -> BatchSummary:
    """Run the extractor over ``inputs``; see the module docstring for the guarantees."""
    started = time.perf_counter()
    summary = BatchSummary()
    check_paths(inputs, opts)
    locks = [OutputLock(opts.output), OutputLock(opts.errors)]  # two runs must not share an errors file either
    try:
        for lock in locks:
            try:
                lock.acquire()
            except OSError as exc:
                raise _cannot("lock", lock.path, exc) from None
        version = pipeline_version()
        identity = run_identity(inputs, opts.identity_args())
        start, failed = _resume_point(opts, identity, summary) if opts.resume else (None, set())
        run = _Run(opts, summary, start or Checkpoint())
        if opts.incremental:
            run.load_incremental(version)
        run.sink = _Sink(opts, identity, start)
        try:
            _extract_all(inputs, opts, run, failed, [lk.fileno() for lk in locks] + run.sink.filenos())
        finally:
            run.sink.close()
        _finish(opts, run, version, identity)
    finally:
        for lock in locks:
            lock.release()
    summary.seconds = time.perf_counter() - started
    return summary


def _extract_all(inputs: list[str], opts: BatchOptions, run: _Run, failed: set[str], fds: list) -> None:
    """Read, plan, extract in the workers and write, in input order; an interrupt ends it early."""
    bar = _progress_bar(inputs, opts, run.point.done)
    pool = None
    try:
        pool = _make_pool(opts, [fd for fd in fds if fd is not None])
        stream = read_articles(inputs, opts.max_chars, opts.keys)
        run.skip(stream, failed)
        tasks = ((chunk, [it for it, what in chunk if what == "extract"])
                 for chunk in _chunks(run.plan(stream), CHUNK if opts.dask is None else PARTITION))
        for chunk, results in pool.map_ordered(tasks):
            run.emit(chunk, results)
            if bar is not None:
                bar.update(len(chunk))
    except KeyboardInterrupt as exc:
        run.summary.interrupted, run.summary.interrupt = True, exc
    finally:
        if pool is not None:
            pool.close()
        if bar is not None:
            bar.close()


def _make_pool(opts: BatchOptions, fds: list[int]):
    """Local worker processes, or a Dask cluster (:mod:`extractor.cluster`) with the same interface."""
    if opts.dask is None:
        return WorkerPool(opts.workers, opts.max_chars, opts.doc_timeout, fds, in_flight=IN_FLIGHT)
    from extractor.cluster import DaskPool

    return DaskPool(opts.dask, opts.max_chars, pipeline_version(), fds, doc_timeout=opts.doc_timeout)


def _finish(opts: BatchOptions, run: _Run, version: str, identity: dict) -> None:
    """Fill the summary from the checkpoint; unless interrupted, publish the output and the state."""
    s, p = run.summary, run.point
    s.documents, s.records, s.errors, s.reused, s.succeeded = p.documents, p.records, p.errors, p.reused, p.succeeded
    s.unresolved = p.unresolved
    if s.interrupted:
        return
    s.kept_previous = bool(s.errors) and not s.succeeded and opts.output.exists()
    digest = run.sink.publish(keep_previous=s.kept_previous)  # type: ignore[union-attr]
    try:
        if opts.incremental and not s.kept_previous:
            save_state(state_path(opts.output), {"pipeline": version, "max_chars": opts.max_chars,
                                                 "output_sha256": digest, "identity": identity,
                                                 "docs": run.new_state})
        hidden(opts.output, "journal").unlink(missing_ok=True)
    except OSError as exc:
        raise _cannot("write", state_path(opts.output), exc) from None
