"""KnowledgeBase: open and migrate the SQLite file, write analyses, run ingests.

The connection is in autocommit mode (``isolation_level=None``); every write goes
through :meth:`KnowledgeBase.transaction` (``BEGIN IMMEDIATE ... COMMIT``), so
what is committed is a whole batch, and a crash loses at most the one in flight.
WAL mode lets readers (search, the web explorer) work while an ingest writes.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import StoreError
from ..models import Analysis, Failure
from . import ingest as _ingest
from .migrate import migrate, pending
from .q_actors import ActorQueries
from .q_articles import ArticleQueries
from .q_clusters import ClusterQueries
from .q_events import EventQueries
from .q_explore import ExploreQueries
from .q_quotes import QuoteQueries
from .write import insert_article, write_analysis

__all__ = ["KnowledgeBase"]


class KnowledgeBase(ArticleQueries, ActorQueries, QuoteQueries, EventQueries, ClusterQueries,
                    ExploreQueries):
    """A newsgraph knowledge base in one SQLite file (``newsgraph.db`` by default).

    ``readonly=True`` opens an existing file without writing to it (the file must
    exist and its schema be current); otherwise the file is created if needed and
    migrated to the package's schema.
    """

    def __init__(self, path: str | Path = "newsgraph.db", *, readonly: bool = False,
                 timeout: float = 30.0):
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise StoreError("no knowledge base here (run `newsgraph ingest` first)",
                                     code="E404", where=self.path)
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                            check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                            check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self.conn.execute("PRAGMA cache_size = -32000")  # 32 MB
            if readonly:
                self.conn.execute("PRAGMA query_only = ON")
                if pending(self.conn):
                    raise StoreError("the knowledge base's schema is older than this newsgraph: "
                                     "open it once without read-only to migrate it",
                                     code="E405", where=self.path)
            else:
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")  # durable across process kills
                migrate(self.conn, where=self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the knowledge base: {exc}", code="E400",
                             where=self.path) from exc

    # -- connection -------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``with kb.transaction() as conn:`` one write transaction, rolled back on error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------
    def store(self, analysis: Analysis, *, analysed: bool = True) -> str:
        """Store one analysis, replacing any article with the same id; returns the id."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (analysis.id,))
            insert_article(conn, analysis, now=now, analysed=analysed)
        return analysis.id

    def store_analysis(self, analysis: Analysis) -> None:
        """Replace the analysis of an article already stored (its text stays)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as conn:
            write_analysis(conn, analysis, now=now)

    def ingest_items(self, items: Iterable[Analysis | Failure], **kw) -> _ingest.IngestSummary:
        """Store a stream of analyses and failures (see :func:`store.ingest.ingest_items`)."""
        return _ingest.ingest_items(self, items, **kw)

    def ingest(self, paths: Iterable[str], *, analysis: bool = True, options=None,
               settings=None, batch_size: int = _ingest.DEFAULT_BATCH,
               on_failure: Callable[[Failure], None] | None = None,
               on_progress: Callable[[_ingest.IngestSummary], None] | None = None,
               ) -> _ingest.IngestSummary:
        """Read, analyse (unless ``analysis=False``) and store files: ``newsgraph ingest``."""
        from ..pipeline import pipeline_version

        paths = list(paths)
        items = _ingest.read_items(paths, options=options, analysis=analysis, settings=settings)
        args = {"paths": paths, "analysis": analysis}
        if options is not None:
            args.update(format=options.format, date=options.date, manifest=options.manifest)
        return _ingest.ingest_items(
            self, items, analysed=analysis, batch_size=batch_size, args=args,
            pipeline_version=pipeline_version() if analysis else None,
            on_failure=on_failure, on_progress=on_progress)

    def reprocess(self, *, all: bool = False, **kw) -> _ingest.IngestSummary:
        """Re-run the analysis stages over stored articles: ``newsgraph reprocess``."""
        return _ingest.reprocess(self, all=all, **kw)
