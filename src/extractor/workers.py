"""Extraction in worker processes that cannot hang a batch.

* :func:`extract_lines` turns one article into record lines or an error row; no exception escapes.
* :class:`WorkerPool` runs chunks of articles in ``size`` processes and gives their results back in
  input order. Each worker reports every document as it finishes, so the parent always knows which
  document a worker is on:

  - a worker that dies (the OOM killer, ``kill -9``) is replaced by a fresh one, which retries the
    document it died on once; a second death makes that document a ``WorkerDied`` error row and the
    chunk goes on with the next document;
  - a document that takes longer than ``doc_timeout`` seconds is a ``Timeout`` error row: its
    worker is killed and replaced, and the chunk goes on with the next document.

  Workers ignore SIGINT (the parent decides what an interrupt means) and exit quietly, without a
  traceback, when the parent goes away: on Linux the kernel kills them (``PR_SET_PDEATHSIG``);
  elsewhere its pipe closes, or they find themselves re-parented.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import TYPE_CHECKING

from extractor.article import Article
from extractor.writer import dumps

if TYPE_CHECKING:
    from extractor.extract import Extractor

Result = tuple[list[str], dict | None]  # record lines, error row
RETRIES = 1  # a document a worker died on is tried once more in a fresh worker
PARENT_CHECK_SECONDS = 1.0  # how often an idle worker checks that its parent is alive
PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent dies

_WORKER: Extractor | None = None


def worker_extractor() -> Extractor:
    """The process's extractor, built once (before forking, the workers inherit it)."""
    global _WORKER
    if _WORKER is None:
        from extractor.extract import Extractor  # spaCy: imported only once there is work

        _WORKER = Extractor()
    return _WORKER


def error_row(article: Article, error: str, message: str) -> dict:
    meta = article.meta or {}
    return {"doc_id": article.id, "source": meta.get("_source"), "line": meta.get("_line"), "error": error,
            "message": message}


def extract_lines(article: Article, max_chars: int) -> Result:
    """Record lines for one article, or an error row: an exception never escapes."""
    if len(article.text) > max_chars:
        return [], error_row(article, "TooLarge",
                             f"{article.id}: {len(article.text):,} characters exceeds the limit of {max_chars:,}")
    try:
        extractor = worker_extractor()
        extractor.nlp.max_length = max(max_chars, 1)  # spaCy's own limit (E088) is --max-chars
        records = extractor.extract(article)
        return [dumps(r.to_json_dict()) for r in records], None
    except Exception as exc:  # noqa: BLE001  (isolation: one article's failure is reported, the batch goes on)
        return [], error_row(article, type(exc).__name__, f"{article.id}: extraction failed: {exc}")


# --------------------------------------------------------------------------- the worker process
def _die_with_parent() -> None:
    """Linux: the kernel kills this process when its parent dies (a busy worker need not finish its
    document first). Elsewhere the parent check in :func:`_worker_main` does it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _worker_main(conn, max_chars: int, inherited_fds: list[int]) -> None:
    """Receive chunks, send ``(index, result)`` per document; exit quietly when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    for fd in inherited_fds:  # the parent's ends of other workers' pipes, its lock and output files
        try:
            os.close(fd)
        except OSError:
            pass
    parent = os.getppid()
    try:
        while True:
            if not conn.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    break
                continue
            articles = conn.recv()
            if articles is None:
                break
            for k, article in enumerate(articles):
                conn.send((k, extract_lines(article, max_chars)))
    except (EOFError, OSError):
        pass  # the parent closed the pipe or died: nothing to report to anyone
    os._exit(0)


# --------------------------------------------------------------------------- the parent's side
@dataclass
class _Task:
    key: object
    articles: list[Article]
    results: list[Result | None] = field(default_factory=list)
    next: int = 0  # first document not yet done
    deaths: int = 0  # worker deaths on document ``next``

    def complete(self) -> bool:
        return self.next >= len(self.articles)


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: object
    task: _Task | None = None
    base: int = 0  # index in the task of the first document sent
    since: float = 0.0  # when the worker started its current document


class WorkerPool:
    """``size`` worker processes; :meth:`map_ordered` is the whole interface."""

    def __init__(self, size: int, max_chars: int, doc_timeout: float, inherited_fds: Iterable[int] = (),
                 in_flight: int = 4):
        self.size, self.max_chars, self.doc_timeout = size, max_chars, doc_timeout
        self.in_flight = in_flight * size
        self.inherited_fds = list(inherited_fds)
        # Fork where the platform has it: workers inherit the pipeline built here instead of each
        # importing spaCy and building it again (about 1.8 s of a 2-core machine per worker).
        self.fork = "fork" in multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if self.fork else "spawn")
        if self.fork:
            worker_extractor()
        self.slots: list[_Slot] = []
        for _ in range(size):
            self.slots.append(self._start())

    def _start(self) -> _Slot:
        parent_end, child_end = self.context.Pipe()
        fds = []  # what a forked child must close: pipes of the other workers, the lock, the output files
        if self.fork:
            fds = [s.conn.fileno() for s in self.slots if not s.conn.closed] + [parent_end.fileno()] + self.inherited_fds
        process = self.context.Process(target=_worker_main, args=(child_end, self.max_chars, fds), daemon=True)
        process.start()
        child_end.close()
        return _Slot(process, parent_end)

    def close(self) -> None:
        """Stop every worker (they are killed: an interrupted run does not wait for a document)."""
        for slot in self.slots:
            slot.conn.close()
            if slot.process.is_alive():
                slot.process.kill()
            slot.process.join()
        self.slots = []

    def map_ordered(self, tasks: Iterable[tuple[object, list[Article]]]) -> Iterator[tuple[object, list[Result]]]:
        """``(key, results)`` for each ``(key, articles)``, in input order; at most ``in_flight``
        chunks are read ahead, so memory stays bounded."""
        order: deque[_Task] = deque()
        waiting: deque[_Task] = deque()
        source = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(order) < self.in_flight:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                task = _Task(item[0], item[1], [None] * len(item[1]))
                order.append(task)
                if task.articles:
                    waiting.append(task)
            while order and order[0].complete():
                done = order.popleft()
                yield done.key, done.results  # type: ignore[misc]
            if not order:
                if exhausted:
                    return
                continue
            self._dispatch(waiting)
            self._step(waiting)

    def _dispatch(self, waiting: deque[_Task]) -> None:
        for k, slot in enumerate(self.slots):
            if slot.task is None and waiting:
                if not slot.process.is_alive():  # died while idle: nothing of ours was lost
                    slot.conn.close()
                    slot.process.join()
                    slot = self.slots[k] = self._start()
                task = waiting.popleft()
                slot.task, slot.base, slot.since = task, task.next, time.monotonic()
                try:
                    slot.conn.send(task.articles[task.next:])
                except OSError:
                    pass  # it died just now: the closed pipe is seen as a death by _step

    def _step(self, waiting: deque[_Task]) -> None:
        """Wait for a result, a death or a timeout, and act on it."""
        busy = [s for s in self.slots if s.task is not None]
        if not busy:
            return
        timeout = max(0.0, min(s.since + self.doc_timeout for s in busy) - time.monotonic())
        wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout)
        for slot in busy:
            closed = self._receive(slot)
            if slot.task is None:
                continue  # its chunk is done
            if closed or not slot.process.is_alive():
                self._receive(slot)  # anything it sent before it died counts
                if slot.task is not None:
                    self._replace(slot, waiting, self._death_row)
            elif time.monotonic() - slot.since > self.doc_timeout:
                slot.process.kill()
                self._replace(slot, waiting, self._timeout_row)

    def _receive(self, slot: _Slot) -> bool:
        """Record every result the worker has sent; True if its pipe is closed (it died)."""
        try:
            while slot.task is not None and slot.conn.poll():
                k, result = slot.conn.recv()
                task = slot.task
                task.results[slot.base + k] = result
                task.next, task.deaths, slot.since = slot.base + k + 1, 0, time.monotonic()
                if task.complete():
                    slot.task = None
        except (EOFError, OSError):
            return True
        return False

    def _replace(self, slot: _Slot, waiting: deque[_Task], row_for) -> None:
        """The worker is dead or killed: record what its document became, requeue the rest of its
        chunk first in line, and start a fresh worker in its place."""
        task = slot.task
        slot.process.join()
        slot.conn.close()
        if task is not None:
            row = row_for(task, slot.process.exitcode)
            if row is not None:
                task.results[task.next] = ([], row)
                task.next, task.deaths = task.next + 1, 0
            if not task.complete():
                waiting.appendleft(task)
        self.slots[self.slots.index(slot)] = self._start()

    def _death_row(self, task: _Task, exitcode: int | None) -> dict | None:
        task.deaths += 1
        if task.deaths <= RETRIES:
            return None  # try the document once more in a fresh worker
        article = task.articles[task.next]
        how = f"signal {signal.Signals(-exitcode).name}" if exitcode and exitcode < 0 else f"exit status {exitcode}"
        return error_row(article, "WorkerDied", f"{article.id}: the worker process died on this document "
                                                f"{task.deaths} times (last: {how}; the OOM killer sends SIGKILL)")

    def _timeout_row(self, task: _Task, exitcode: int | None) -> dict:
        article = task.articles[task.next]
        return error_row(article, "Timeout", f"{article.id}: extraction took longer than {self.doc_timeout:g} s "
                                             f"(--doc-timeout); its worker was stopped")
