"""Parallel ingest and reprocess: the process pool feeding the knowledge base's single writer.

:func:`ingest_parallel` is ``newsgraph ingest --workers N`` (and
:func:`reprocess_parallel` is ``newsgraph reprocess --workers N``, the same with
stored articles in place of files): documents are read
here, analysed on N worker processes (:mod:`.pool`, the model loaded once per
worker), and stored by this process alone, in input order, one transaction per
batch (:func:`newsgraph.store.ingest.ingest_items`).  The first Ctrl-C lets the
pool finish the batch it is yielding; what was analysed is committed, the run
is reported as interrupted, and a rerun (ingest is idempotent) stores the rest.

Starting a worker costs a model load (about as long as analysing a few dozen
articles), so small inputs get fewer workers: one per :data:`DOCS_PER_WORKER`
documents, and with a single worker the analysis runs in this process.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..models import Failure
from .pool import AnalysisPool, default_workers, stop_on_interrupt

__all__ = ["ingest_parallel", "reprocess_parallel", "plan_workers", "DOCS_PER_WORKER"]

DOCS_PER_WORKER = 64


def plan_workers(requested: int | None, n_docs: int | None, *,
                 docs_per_worker: int = DOCS_PER_WORKER) -> int:
    """Workers to start for ``n_docs`` documents (None: unknown, e.g. standard input)."""
    workers = requested or default_workers()
    if n_docs is not None:
        workers = min(workers, max(1, -(-n_docs // max(1, docs_per_worker))))
    return max(1, workers)


def ingest_parallel(kb, paths: Iterable[str], *, workers: int | None = None, options=None,
                    settings=None, batch_size: int = 500, pool_batch: int = 32,
                    docs_per_worker: int = DOCS_PER_WORKER,
                    on_failure: Callable[[Failure], None] | None = None,
                    on_progress: Callable | None = None):
    """Read, analyse on ``workers`` processes and store ``paths``; returns the summary."""
    from ..pipeline import pipeline_version
    from ..readers import ReadOptions, read_paths
    from ..store.ingest import count_documents

    paths = list(paths)
    options = options or ReadOptions()
    n = plan_workers(workers, count_documents(paths) if workers != 1 else 1,
                     docs_per_worker=docs_per_worker)
    args = {"paths": paths, "analysis": True, "format": options.format, "date": options.date,
            "manifest": options.manifest, "workers": n}
    common = dict(batch_size=batch_size, args=args, pipeline_version=pipeline_version(),
                  on_failure=on_failure, on_progress=on_progress)
    if n == 1:
        return kb.ingest(paths, options=options, settings=settings, batch_size=batch_size,
                         on_failure=on_failure, on_progress=on_progress)
    return _on_pool(n, settings, pool_batch,
                    lambda analyze: kb.ingest_items(analyze(read_paths(paths, options)), **common))


def _on_pool(n: int, settings, pool_batch: int, store: Callable):
    """``store(analyze)`` with ``analyze`` mapping items to their results on a pool of
    ``n`` workers; the first Ctrl-C finishes the batch (the summary says it was
    interrupted).  The summary's rows come from this process; the pool only analyses."""
    from ..pipeline import Settings

    with stop_on_interrupt() as stop, AnalysisPool(
            workers=n, batch_size=pool_batch, settings=settings or Settings()) as pool:
        summary = store(lambda items: pool.map(items, stop=stop))
    summary.interrupted = summary.interrupted or pool.interrupted
    return summary


def reprocess_parallel(kb, *, all: bool = False, workers: int | None = None, settings=None,
                       batch_size: int = 64, pool_batch: int = 32,
                       docs_per_worker: int = DOCS_PER_WORKER,
                       on_failure: Callable[[Failure], None] | None = None,
                       on_progress: Callable | None = None):
    """Re-analyse stored articles on ``workers`` processes; returns the summary.

    Which articles: as :func:`newsgraph.store.ingest.reprocess`.  This process
    reads them from the knowledge base and writes the new analyses, in order.
    """
    from ..store.ingest import count_to_reprocess, reprocess

    n = plan_workers(workers, count_to_reprocess(kb, all=all) if workers != 1 else 1,
                     docs_per_worker=docs_per_worker)
    common = dict(all=all, batch_size=batch_size, on_failure=on_failure, on_progress=on_progress)
    if n == 1:
        return reprocess(kb, settings=settings, **common)
    return _on_pool(n, settings, pool_batch, lambda analyze: reprocess(kb, analyze=analyze, **common))
