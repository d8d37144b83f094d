"""An ordered process pool over batches of documents.

Each worker process (started from a forkserver, else spawned) loads the spaCy
model once, in its initializer, and runs
:func:`newsgraph.pipeline.analyze_documents` over whole batches; the parent
yields one ``Analysis | Failure`` per input document, **in input order**, so a
single writer (the knowledge base's ingest) can store them in order, in
transactions.  A bounded number of batches is in flight, so memory stays flat
on an archive of any size.

Ctrl-C: inside :func:`stop_on_interrupt`, the first SIGINT sets a flag; the
pool finishes yielding the batch it is on, then stops (``pool.interrupted`` is
true) and the caller commits and reports.  A second Ctrl-C interrupts at once.
Workers ignore SIGINT so a batch is never cut in half.

A worker exits when the process that started the pool dies (even by SIGKILL, which
lets nothing clean up): each watches it (:func:`_watch_parent`), and the forkserver
and multiprocessing's resource tracker end when the last worker has.

A worker that dies (killed, out of memory) breaks the executor; the pool
starts a fresh one and resubmits every batch not yet yielded.  A batch that is
in flight when workers die :data:`MAX_ATTEMPTS` times is reported as one
``[E602]`` failure per document and the run goes on.  The pool only analyses: the
caller (:mod:`newsgraph.ingest`) stores the results.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from ..errors import NewsgraphError
from ..models import Analysis, Article, Failure, RawDocument
from ..pipeline import Settings
from .allocator import keep_large_allocations_on_heap

__all__ = ["AnalysisPool", "analyze_parallel", "stop_on_interrupt", "default_workers",
           "MAX_ATTEMPTS"]

#: What the pool analyses: documents (read, not yet clean), clean articles, failures.
Item = RawDocument | Article | Failure

#: How many times a batch is tried when the workers running it die.
MAX_ATTEMPTS = 3


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context(method: str | None):
    """forkserver where there is one (workers start from a clean process that has
    imported the pipeline once: fast, and no threads or locks of the parent are
    copied), else spawn."""
    if method is None:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
            else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["newsgraph.pipeline"])
    return ctx


#: How often (seconds) a worker looks whether the process that started the pool lives.
PARENT_POLL = 0.5


def _started(pid: int) -> str | None:
    """The start time of process ``pid`` (Linux), or None when it is gone or a zombie; ""
    where there is no /proc (the process exists)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except FileNotFoundError:
        if not os.path.isdir("/proc/self"):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return None
            except OSError:
                pass
            return ""
        return None
    except OSError:
        return ""
    return None if fields[0] == b"Z" else fields[19].decode()


def _watch_parent(pid: int, started: str | None) -> None:
    """Exit this worker when the process that started the pool is gone (killed with
    SIGKILL, it could not stop its workers): a thread that looks every
    :data:`PARENT_POLL` seconds.  A worker started from the forkserver is not that
    process's child, so the process itself is watched, by pid and start time."""
    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL)
            if _started(pid) != started:
                os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _init_worker(settings: Settings, parent: int | None = None,
                 parent_started: str | None = None) -> None:
    if parent is not None:
        _watch_parent(parent, parent_started)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    keep_large_allocations_on_heap()  # in case this process inherited Dask's malloc setting
    if settings.english_stages:
        from ..parse import load_model
        load_model()


def _run_batch(batch: list[Item], settings: Settings) -> list[Analysis | Failure]:
    """Analyse one batch with :func:`newsgraph.pipeline.analyze_documents`, which turns
    a document that fails into its own coded failure; should the pipeline itself
    raise, each document is tried alone, and one that still raises is ``[E302]``."""
    from ..pipeline import analyze_documents
    try:
        return list(analyze_documents(batch, settings=settings))
    except Exception:
        pass
    out: list[Analysis | Failure] = []
    for doc in batch:
        try:
            out.extend(analyze_documents([doc], settings=settings))
        except Exception as exc:
            out.append(Failure(_where(doc), "E302", f"analysis failed: {type(exc).__name__}: {exc}",
                               getattr(doc, "source", None)))
    return out


def _where(doc: Item) -> str:
    if isinstance(doc, Failure):
        return doc.where
    return doc.source.where(doc.id)


class AnalysisPool:
    """A pool of analysis workers; use as a context manager and call :meth:`map`.

    ``workers`` defaults to the number of cores; ``batch_size`` documents go to a
    worker at a time; ``window`` batches per worker are in flight.  A worker is
    replaced by a fresh one after ``max_batches`` batches, which bounds the
    memory spaCy's string store gains over millions of documents (a model load
    per 32,000 documents by default).
    """

    def __init__(self, *, workers: int | None = None, batch_size: int = 32,
                 settings: Settings = Settings(), window: int = 2,
                 start_method: str | None = None, max_batches: int | None = 1000):
        if workers is not None and workers < 1:
            raise NewsgraphError(f"workers must be at least 1, got {workers}", code="E600")
        self.workers = workers or default_workers()
        self.batch_size = max(1, batch_size)
        self.settings = settings
        self.window = max(1, window)
        self._ctx = _context(start_method)
        self.max_batches = max_batches if self._ctx.get_start_method() != "fork" else None
        self._executor: ProcessPoolExecutor | None = None
        self.interrupted = False
        self.restarts = 0

    # -- lifecycle -----------------------------------------------------------------
    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=self._ctx, initializer=_init_worker,
                initargs=(self.settings, os.getpid(), _started(os.getpid())),
                max_tasks_per_child=self.max_batches)
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "AnalysisPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- work ----------------------------------------------------------------------
    def map(self, docs: Iterable[Item], *,
            stop: threading.Event | None = None) -> Iterator[Analysis | Failure]:
        """Analyse ``docs`` (documents to read and clean, or clean articles); yields
        one result per item, in input order.

        When ``stop`` is set, the batch being yielded is finished and the
        iteration ends with :attr:`interrupted` set.
        """
        it = iter(docs)
        pending: deque[list] = deque()  # [batch, future, attempts], in input order
        limit = self.workers * self.window

        def submit(entry: list) -> None:
            entry[1] = self._submit(entry[0])
            entry[2] += 1

        def fill() -> None:
            while len(pending) < limit and not (stop is not None and stop.is_set()):
                batch = list(itertools.islice(it, self.batch_size))
                if not batch:
                    return
                entry = [batch, None, 0]
                submit(entry)
                pending.append(entry)

        try:
            fill()
            while pending:
                if stop is not None and stop.is_set():
                    self.interrupted = True
                    return
                entry = pending[0]
                batch, future, _ = entry
                try:
                    results = future.result()
                except BrokenProcessPool:
                    self._restart(pending)
                    continue
                pending.popleft()
                if len(results) != len(batch):  # a pipeline bug; never misalign records
                    raise NewsgraphError(f"a batch of {len(batch)} documents gave "
                                         f"{len(results)} results", code="E603")
                fill()
                yield from results
        finally:
            for entry in pending:
                if isinstance(entry[1], Future):
                    entry[1].cancel()

    def _submit(self, batch: list) -> Future:
        try:
            return self._start().submit(_run_batch, batch, self.settings)
        except BrokenProcessPool:  # a worker died while idle: start afresh
            self._reset()
            return self._start().submit(_run_batch, batch, self.settings)

    def _reset(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        self.restarts += 1

    def _restart(self, pending: deque) -> None:
        """Workers died: start a fresh executor and resubmit what is not yet yielded."""
        self._reset()
        for entry in pending:
            batch, future, attempts = entry
            if future.done() and not future.cancelled() and future.exception() is None:
                continue  # finished before the crash: keep its results
            if attempts >= MAX_ATTEMPTS:
                done: Future = Future()
                done.set_result([Failure(_where(d), "E602",
                                         f"a worker died {attempts} times on this batch",
                                         getattr(d, "source", None)) for d in batch])
                entry[1] = done
                continue
            entry[1] = self._submit(batch)
            entry[2] = attempts + 1


def analyze_parallel(docs: Iterable[Item], *, workers: int | None = None,
                     batch_size: int = 32, settings: Settings = Settings(),
                     stop: threading.Event | None = None) -> Iterator[Analysis | Failure]:
    """Analyse documents on ``workers`` processes; results in input order."""
    with AnalysisPool(workers=workers, batch_size=batch_size, settings=settings) as pool:
        yield from pool.map(docs, stop=stop)


@contextlib.contextmanager
def stop_on_interrupt() -> Iterator[threading.Event]:
    """Turn the first Ctrl-C into a set event (finish the batch, then stop).

    A second Ctrl-C raises :class:`KeyboardInterrupt` as usual.  Outside the main
    thread, signals cannot be caught: the event is returned but never set by SIGINT.
    """
    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield event
        return

    def handler(signum, frame):
        if event.is_set():
            raise KeyboardInterrupt
        event.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)
