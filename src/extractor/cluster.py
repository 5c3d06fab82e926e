"""Extraction on a Dask cluster (``extractor run --dask ADDRESS`` or ``--dask local:N``).

:class:`DaskPool` has the interface of :class:`extractor.workers.WorkerPool` (``map_ordered`` and
``close``), so a Dask run keeps everything :mod:`extractor.batch` promises: the client reads the
input, decides duplicates and reused documents, writes the output, the errors file and the journal in
input order, and ``--resume`` skips the partitions already written. Only extraction moves:

* each partition (``PARTITION`` documents, in input order) is one task, submitted as its turn comes
  with at most ``IN_FLIGHT`` tasks per worker thread ahead of the one being written, so memory stays
  bounded however long the input;
* a worker builds its extractor once (:func:`extractor.workers.worker_extractor`, a process global)
  and checks that it runs the client's pipeline version (package version + patterns' hash): a worker
  with other patterns would give other records, so the task fails and the run stops;
* a worker that dies (``kill -9``, the OOM killer, a lost machine) loses nothing: the scheduler
  reruns its tasks on another worker, and the client takes each partition's result exactly once.
  When a partition has killed ``distributed.scheduler.allowed-failures`` + 1 workers (Dask's
  ``KilledWorker``), its documents are run one a task, and a document that kills its worker again
  becomes a ``WorkerDied`` error row, as in a local run.

``--doc-timeout`` is enforced inside the task: a watchdog timer raises :class:`DocTimeout` in the
thread extracting the document (``PyThreadState_SetAsyncExc``), which turns it into a ``Timeout``
error row and goes on with the next document; the worker lives on. The exception lands at the next
Python bytecode, so a single regex search or spaCy call in C finishes first (a local run's worker
process is killed instead). This module imports ``distributed`` only when a pool is made.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator

from extractor.article import Article
from extractor.workers import Result, error_row, extract_lines, worker_extractor

PARTITION = 64  # documents per task (about 128 KB of news): a task's overhead is a few ms
IN_FLIGHT = 3  # tasks per worker thread submitted ahead of the one being written
CONNECT_TIMEOUT = "10s"

_VERSION_CHECKED: str | None = None


class ClusterFailed(Exception):
    """The cluster cannot be reached, or a task failed on every worker for a reason not the document's
    (a worker with another pipeline version, a lost scheduler)."""


class DocTimeout(BaseException):
    """Raised in a task's thread when its document runs past ``--doc-timeout`` (a BaseException, so
    that the extraction's own ``except Exception`` isolation does not swallow it)."""


def _raise_in(thread_id: int) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(DocTimeout))


def _clear_pending(thread_id: int) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


def timed_lines(article: Article, max_chars: int, doc_timeout: float | None) -> Result:
    """:func:`extract_lines` stopped after ``doc_timeout`` seconds: a ``Timeout`` error row then."""
    import threading

    if not doc_timeout:
        return extract_lines(article, max_chars)
    worker_extractor()  # built once per worker, before the clock starts
    me = threading.get_ident()
    timer = threading.Timer(doc_timeout, _raise_in, args=(me,))
    timer.daemon = True
    try:
        timer.start()
        result = extract_lines(article, max_chars)
        timer.cancel()
        timer.join()
        _clear_pending(me)  # (a timer that fired between the last bytecode and cancel)
        return result
    except DocTimeout:
        timer.cancel()
        return [], error_row(article, "Timeout", f"{article.id}: extraction took longer than {doc_timeout:g} s "
                                                 f"(--doc-timeout); stopped on its Dask worker")


def extract_partition(articles: list[Article], max_chars: int, version: str,
                      doc_timeout: float | None = None) -> list[Result]:
    """Run on a worker: each article's record lines or error row (see :func:`extract_lines`), each
    document stopped after ``doc_timeout`` seconds."""
    global _VERSION_CHECKED
    if _VERSION_CHECKED != version:
        from extractor.runstate import pipeline_version

        mine = pipeline_version()
        if mine != version:
            raise ClusterFailed(f"a worker runs pipeline version {mine}, the client {version}; install the same "
                                f"extractor and patterns on every worker")
        _VERSION_CHECKED = version
    return [timed_lines(a, max_chars, doc_timeout) for a in articles]


def parse_address(address: str) -> int | None:
    """The number of workers of ``local:N``, or None for a scheduler's address.

    >>> parse_address("local:2"), parse_address("tcp://10.0.0.5:8786")
    (2, None)
    """
    if not address.startswith("local:"):
        return None
    n = address.removeprefix("local:")
    if not n.isdigit() or int(n) < 1:
        raise ValueError(f"--dask {address}: local:N needs a positive number of workers")
    return int(n)


def _local_cluster(n: int):
    """``n`` local worker processes, one thread each. Where the platform forks and this process runs
    one thread, the extractor is built here first and the workers are forked from this process: they
    start with it built (about 4 s of a 2-core machine saved per start) and share its memory pages."""
    import multiprocessing
    import threading

    import dask
    from distributed import LocalCluster

    # fork only from a single-threaded process: a fork copies locks other threads hold (a client or
    # cluster started earlier in the same process leaves threads behind), and a worker forked while
    # one is held never starts
    single = threading.active_count() == 1
    method = "fork" if single and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        worker_extractor()
    with dask.config.set({"distributed.worker.multiprocessing-method": method}):
        return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=logging.ERROR)


def close_inherited(fds: list[int], client_pid: int) -> None:
    """Run on each forked local worker: close the run's lock and output files it inherited (a worker
    outliving the run must not hold the output's lock). Workers the nanny restarts later are spawned,
    not forked, and inherit nothing."""
    import os

    if os.getpid() == client_pid:
        return
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


class DaskPool:
    """Partitions of articles extracted on a Dask cluster, results in input order."""

    def __init__(self, address: str, max_chars: int, version: str, inherited_fds: list[int] = (),
                 doc_timeout: float | None = None):
        try:
            import distributed
        except ImportError:
            raise ClusterFailed("--dask needs dask.distributed: pip install 'extractor[cluster]'") from None
        self.max_chars, self.version, self.doc_timeout = max_chars, version, doc_timeout
        self.client = self.cluster = None
        local = parse_address(address)
        try:
            if local is not None:
                self.cluster = _local_cluster(local)
                self.client = distributed.Client(self.cluster)
                self.client.run(close_inherited, list(inherited_fds), os.getpid())
            else:
                self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, RuntimeError) as exc:  # RuntimeError: a local worker failed to start
            self.close()
            raise ClusterFailed(f"cannot start or reach the Dask cluster {address}: {exc}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.in_flight = IN_FLIGHT * threads

    def close(self) -> None:
        for part in ("client", "cluster"):
            thing = getattr(self, part, None)
            if thing is not None:
                thing.close()
                setattr(self, part, None)

    def map_ordered(self, tasks: Iterable[tuple[object, list[Article]]]) -> Iterator[tuple[object, list[Result]]]:
        """``(key, results)`` for each ``(key, articles)``, in input order."""
        order: deque = deque()
        for key, articles in tasks:
            future = self._submit(articles) if articles else None
            order.append((key, future, articles))
            while len(order) > self.in_flight:
                yield self._collect(*order.popleft())
        while order:
            yield self._collect(*order.popleft())

    def _submit(self, articles: list[Article]):
        return self.client.submit(extract_partition, articles, self.max_chars, self.version, self.doc_timeout,
                                  pure=False)

    def _collect(self, key, future, articles: list[Article]) -> tuple[object, list[Result]]:
        from distributed import KilledWorker

        if future is None:
            return key, []
        try:
            return key, future.result()
        except KilledWorker:
            return key, self._one_by_one(articles) if len(articles) > 1 else [self._died(articles[0])]
        except ClusterFailed:
            raise
        except Exception as exc:  # noqa: BLE001  (a lost scheduler, a cancelled task; never a document's own)
            raise ClusterFailed(f"a Dask task failed: {type(exc).__name__}: {exc}") from None

    def _one_by_one(self, articles: list[Article]) -> list[Result]:
        """A partition that killed its workers: each document alone, the killer reported."""
        from distributed import KilledWorker

        results = []
        for article, future in [(a, self._submit([a])) for a in articles]:
            try:
                results += future.result()
            except KilledWorker:
                results.append(self._died(article))
        return results

    @staticmethod
    def _died(article: Article) -> Result:
        return [], error_row(article, "WorkerDied", f"{article.id}: the Dask workers running this document died "
                                                    f"(Dask's KilledWorker; the OOM killer sends SIGKILL)")
