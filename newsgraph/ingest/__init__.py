"""Ingest: readers -> pipeline -> store, in one process, on a process pool, or on Dask.

This package is the one place that runs the pipeline into the knowledge base:

- :func:`ingest` reads files, looks up every document's content hash in the
  knowledge base **before** analysing it (a stored corpus is skipped at the cost of
  reading it), analyses the rest in this process or on ``workers`` processes
  (:class:`newsgraph.scale.pool.AnalysisPool`), and stores the results in input
  order, one transaction per batch (:func:`.writer.ingest_items`);
- :func:`reprocess` analyses stored articles again (those analysed by another
  pipeline version, or not at all), the same way;
- :func:`batch` runs the pipeline on Dask and writes Parquet shards
  (:mod:`newsgraph.scale.batch`), and :func:`load` brings them into the knowledge base.

Every path reports a document that fails with the same code (see
:mod:`newsgraph.pipeline`), records it in ``errors`` and goes on.  The first Ctrl-C
lets a pool finish the batch it is yielding; what was analysed is committed, the
run is reported as interrupted, and a rerun (ingest is idempotent) does the rest.
Killing the process loses at most the transaction in flight.
"""

from __future__ import annotations

import itertools
from typing import Callable, Iterable, Iterator

from ..models import Article, Failure, RawDocument
from .shards import LoadReport, load
from .writer import DEFAULT_BATCH, IngestSummary, Known, ingest_items

__all__ = ["ingest", "reprocess", "load", "batch", "ingest_items", "IngestSummary", "LoadReport",
           "count_documents", "count_to_reprocess", "plan_workers", "DEFAULT_BATCH",
           "DOCS_PER_WORKER"]

#: Starting a worker costs a model load (about as long as analysing a few dozen
#: articles), so small inputs get fewer workers: one per this many documents.
DOCS_PER_WORKER = 64
#: Documents whose content hashes are looked up in one query.
LOOKUP_CHUNK = 256


def plan_workers(requested: int | None, n_docs: int | None, *,
                 docs_per_worker: int = DOCS_PER_WORKER) -> int:
    """Workers to start for ``n_docs`` documents (None: unknown, e.g. standard input)."""
    from ..scale.pool import default_workers

    workers = requested or default_workers()
    if n_docs is not None:
        workers = min(workers, max(1, -(-n_docs // max(1, docs_per_worker))))
    return max(1, workers)


def skip_known(conn, docs: Iterable[RawDocument | Failure], known: Known, *,
               chunk: int = LOOKUP_CHUNK) -> Iterator[RawDocument | Failure]:
    """``docs`` without those whose content hash is stored already (counted in ``known``)."""
    it = iter(docs)
    while part := list(itertools.islice(it, chunk)):
        shas = list({d.source.sha256 for d in part if isinstance(d, RawDocument)})
        stored: set[str] = set()
        for i in range(0, len(shas), 500):
            sub = shas[i:i + 500]
            stored.update(r[0] for r in conn.execute(
                f"SELECT sha256 FROM articles WHERE sha256 IN ({','.join('?' * len(sub))})", sub))
        for d in part:
            if isinstance(d, RawDocument) and d.source.sha256 in stored:
                known.count += 1
            else:
                yield d


def _analysed(items, *, workers: int, settings, pool_batch: int, run: Callable):
    """``run(analyze)``, where ``analyze`` maps items to their results, in this process
    (``workers == 1``) or on a pool (the first Ctrl-C finishes the batch; the summary
    says it was interrupted)."""
    from ..pipeline import Settings, analyze_documents

    settings = settings or Settings()
    if workers == 1:
        return run(lambda items: analyze_documents(items, settings=settings))
    from ..scale.pool import AnalysisPool, stop_on_interrupt

    with stop_on_interrupt() as stop, AnalysisPool(
            workers=workers, batch_size=pool_batch, settings=settings) as pool:
        summary = run(lambda items: pool.map(items, stop=stop))
    summary.interrupted = summary.interrupted or pool.interrupted
    return summary


def ingest(kb, paths: Iterable[str], *, options=None, analysis: bool = True,
           workers: int | None = 1, settings=None, batch_size: int = DEFAULT_BATCH,
           pool_batch: int = 32, docs_per_worker: int = DOCS_PER_WORKER,
           on_failure: Callable[[Failure], None] | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Read, analyse and store ``paths`` (``newsgraph ingest``); returns the summary.

    ``analysis=False`` stores clean articles only (``reprocess`` analyses them later).
    ``workers``: analysis processes (None: one per core, fewer for small inputs;
    1: this process).  Documents whose content is stored already are skipped before
    they are analysed.
    """
    from ..pipeline import Settings
    from ..readers import ReadOptions, read_paths

    paths = list(paths)
    options = options or ReadOptions()
    settings = settings or Settings()
    if not analysis:
        settings = Settings(batch_size=settings.batch_size, english_stages=False)
    n = 1 if workers == 1 else plan_workers(workers, count_documents(paths),
                                             docs_per_worker=docs_per_worker)
    args = {"paths": paths, "analysis": settings.english_stages, "format": options.format,
            "date": options.date, "manifest": options.manifest, "workers": n}
    known = Known()
    fresh = skip_known(kb.conn, read_paths(paths, options), known)
    return _analysed(fresh, workers=n, settings=settings, pool_batch=pool_batch, run=lambda an: (
        ingest_items(kb, an(fresh), batch_size=batch_size, args=args, known=known,
                     on_failure=on_failure, on_progress=on_progress)))


def _to_reprocess(all: bool) -> tuple[str, tuple]:
    """The articles ``reprocess`` analyses, as a WHERE clause: those analysed by another
    pipeline version or not at all (every article with ``all``)."""
    from ..versions import pipeline_version

    if all:
        return "", ()
    return "WHERE pipeline_version IS NULL OR pipeline_version != ?", (pipeline_version(),)


def count_to_reprocess(kb, *, all: bool = False) -> int:
    """How many articles :func:`reprocess` would analyse."""
    where, params = _to_reprocess(all)
    return kb.conn.execute(f"SELECT count(*) FROM articles {where}", params).fetchone()[0]


def _stored_articles(conn, rowids: list[int], chunk: int) -> Iterator[Article]:
    from ..store.write import article_from_row

    for i in range(0, len(rowids), chunk):
        part = rowids[i:i + chunk]
        rows = conn.execute(f"SELECT * FROM articles WHERE rowid IN ({','.join('?' * len(part))}) "
                            "ORDER BY rowid", part).fetchall()
        yield from (article_from_row(r) for r in rows)


def reprocess(kb, *, all: bool = False, workers: int | None = 1, settings=None,
              batch_size: int = 64, pool_batch: int = 32,
              docs_per_worker: int = DOCS_PER_WORKER,
              on_failure: Callable[[Failure], None] | None = None,
              on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Run the analysis stages again over stored articles (``newsgraph reprocess``).

    Only articles whose ``pipeline_version`` differs from the current one (or that
    were stored without analysis), unless ``all``.  The article rows stay; their
    actors, mentions, roles, quotes and events are replaced, ``batch_size`` articles
    a transaction.  ``workers`` as for :func:`ingest`.
    """
    from ..pipeline import Settings
    from ..versions import pipeline_version

    where, params = _to_reprocess(all)
    rowids = [r[0] for r in kb.conn.execute(f"SELECT rowid FROM articles {where} ORDER BY rowid",
                                            params)]
    n = 1 if workers == 1 else plan_workers(workers, len(rowids),
                                             docs_per_worker=docs_per_worker)
    settings = settings or Settings(batch_size=min(batch_size, 64))
    articles = _stored_articles(kb.conn, rowids, batch_size)
    return _analysed(articles, workers=n, settings=settings, pool_batch=pool_batch,
                     run=lambda an: ingest_items(
                         kb, an(articles), reanalysis=True, batch_size=batch_size,
                         command="reprocess", args={"all": all, "workers": n},
                         pipeline_version=pipeline_version(), on_failure=on_failure,
                         on_progress=on_progress))


def batch(inputs: Iterable[str], out: str, **options):
    """The pipeline on Dask, writing Parquet shards to ``out``
    (:func:`newsgraph.scale.batch.run_batch`); :func:`load` brings them in."""
    from ..scale.batch import run_batch

    return run_batch(inputs, out, **options)


_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".jsonl.gz", ".ndjson.gz", ".csv.gz")


def count_documents(paths: Iterable[str], *, manifest: str | None = None,
                    limit: int = 2_000_000) -> int | None:
    """About how many articles ``paths`` hold (for a progress bar's ETA).

    The files a folder's walk reads count one each (sidecars, manifests and other
    files are not read, so not counted; nor is the ``--manifest`` file), corpus files
    one per line (a CSV's header line not counted); None when unknown (standard input).
    Stops counting past ``limit``.
    """
    import gzip
    import os

    from ..readers.files import walk

    skip = os.path.abspath(manifest) if manifest else None
    total = 0

    def count(p: str) -> int:
        if not p.lower().endswith(_RECORD_SUFFIXES):
            return 1
        opener = gzip.open if p.lower().endswith(".gz") else open
        lines = 0
        try:
            with opener(p, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    lines += chunk.count(b"\n")
        except (OSError, EOFError):
            return 1
        return max(lines - (".csv" in p.lower()), 0)

    for p in paths:
        if p == "-":
            return None
        if os.path.isdir(p):
            for found in walk(p):
                if found.error is None and os.path.abspath(found.path) != skip:
                    total += count(found.path)
                if total > limit:
                    return None
        else:
            total += count(p)
        if total > limit:
            return None
    return total
