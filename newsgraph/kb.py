"""KnowledgeBase: one SQLite file, its connection, and every question it answers.

The object owns the connection (:func:`newsgraph.store.connect`: WAL, foreign keys,
migrations; ``readonly=True`` for readers) and the search facet table kept for it;
each method is one call of the store (writes), of :mod:`newsgraph.ingest` (ingest,
reprocess, load) or of the query layer (:mod:`newsgraph.query`).  The CLI and the
explorer call the same methods, so they give the same answers.

List queries take one :class:`~newsgraph.query.filters.Filter`, or its fields as
keywords (``kb.events(source="USA", type="ACCUSE")``), and return their matches with
the total: ``limit=None`` (the default of the Python API) returns every match.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import query as q
from .errors import QueryError
from .models import Analysis, Failure
from .query import actors as qa
from .query import articles as qr
from .query import clusters as qc
from .query import events as qe
from .query import graph as qg
from .query import quotes as qq
from .query.filters import Filter
from .query.profile import actor_profile
from .store import connect, transaction
from .store.runs import now
from .store.write import delete_articles, insert_article, write_analysis

if TYPE_CHECKING:  # pragma: no cover
    from .ingest import IngestSummary, LoadReport
    from .query.arrivals import Arrivals
    from .query.facets import FacetTable
    from .query.search import SearchResult

__all__ = ["KnowledgeBase"]


def _filter(filter: Filter | None, fields: dict[str, Any]) -> Filter:
    return Filter.of(filter, **fields)


class KnowledgeBase(AbstractContextManager):
    """A newsgraph knowledge base in one SQLite file (``newsgraph.db`` by default).

    ``readonly=True`` opens an existing file without writing to it (the file must
    exist and its schema be current); otherwise the file is created if needed and
    migrated to the package's schema.
    """

    def __init__(self, path: str | Path = "newsgraph.db", *, readonly: bool = False,
                 timeout: float = 30.0):
        self.path = str(path)
        self.readonly = readonly
        self.conn: sqlite3.Connection = connect(self.path, readonly=readonly, timeout=timeout)
        self._facets: FacetTable | None = None

    @property
    def facets(self) -> "FacetTable":
        """The facet columns of every article, for search: read on the first search, and
        again whenever the file changes (:class:`~newsgraph.query.facets.FacetTable`)."""
        if self._facets is None:
            from .query.facets import FacetTable

            self._facets = FacetTable()
        return self._facets

    def close(self) -> None:
        self.conn.close()

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """``with kb.transaction() as conn:`` one write transaction, rolled back on error."""
        return transaction(self.conn)

    # -- writing -------------------------------------------------------------------
    def store(self, analysis: Analysis) -> str:
        """Store one analysis, replacing any article with the same id; returns the id."""
        with self.transaction() as conn:
            delete_articles(conn, [analysis.id])
            insert_article(conn, analysis, now=now())
        return analysis.id

    def store_analysis(self, analysis: Analysis) -> None:
        """Replace the analysis of an article already stored (its text stays)."""
        with self.transaction() as conn:
            write_analysis(conn, analysis, now=now())

    def delete(self, id_or_prefix: str) -> str:
        """Delete one article and everything found in it; returns its full id
        (``[E504]`` no such article, ``[E503]`` an ambiguous prefix)."""
        aid = qr.resolve_id(self.conn, id_or_prefix)
        if aid is None:
            raise QueryError(f"no article with id {id_or_prefix!r}", code="E504")
        with self.transaction() as conn:
            delete_articles(conn, [aid])
        return aid

    def articles_with_prefix(self, prefix: str, *, limit: int = 1000):
        """``(id, published, headline)`` of the articles whose id starts with ``prefix``."""
        return qr.ids_with_prefix(self.conn, prefix, limit=limit)

    def ingest(self, paths: Iterable[str], **options) -> "IngestSummary":
        """Read, analyse and store files (:func:`newsgraph.ingest.ingest`)."""
        from .ingest import ingest

        return ingest(self, paths, **options)

    def ingest_items(self, items: Iterable[Analysis | Failure], **options) -> "IngestSummary":
        """Store a stream of analyses and failures (:func:`newsgraph.ingest.ingest_items`)."""
        from .ingest import ingest_items

        return ingest_items(self, items, **options)

    def reprocess(self, **options) -> "IngestSummary":
        """Analyse stored articles again (:func:`newsgraph.ingest.reprocess`)."""
        from .ingest import reprocess

        return reprocess(self, **options)

    def load(self, folder: str, **options) -> "LoadReport":
        """Bring ``newsgraph batch`` shards in (:func:`newsgraph.ingest.load`)."""
        from .ingest import load

        return load(self, folder, **options)

    def update_clusters(self, **options):
        """Sign new articles and regroup near-duplicates (:mod:`newsgraph.scale.clusters`)."""
        from .scale.clusters import update_clusters
        from .scale.dedupe import DedupeOptions

        return update_clusters(self.conn, options=DedupeOptions(**options))

    # -- articles and search -------------------------------------------------------
    def search(self, query: str = "", filter: Filter | None = None, *, fts: bool = False,
               limit: int = 10, offset: int = 0, facets: bool = True,
               highlight: tuple[str, str] = ("«", "»"), snippet_words: int = 16,
               rank_limit: int | None = None, names: bool = True, order: str | None = None,
               timeout: float | None = 10.0, **fields) -> "SearchResult":
        """Full-text search with facets (:func:`newsgraph.query.search.search`); a search
        that runs past ``timeout`` seconds is stopped with ``[E514]``."""
        from .query.search import search

        return search(self.conn, self.facets, query, _filter(filter, fields), fts=fts,
                      limit=limit, offset=offset, facets=facets, highlight=highlight,
                      snippet_words=snippet_words, rank_limit=rank_limit, names=names,
                      order=order, timeout=timeout)

    def resolve_id(self, id_or_prefix: str) -> str | None:
        return qr.resolve_id(self.conn, id_or_prefix)

    def article(self, id_or_prefix: str, *, analysis: bool = False) -> q.StoredArticle | None:
        """The stored article (with its actors, quotes and events: ``analysis=True``)."""
        return qr.article(self.conn, id_or_prefix, analysis=analysis)

    def stats(self, *, top: int = 10) -> q.KBStats:
        from .versions import pipeline_version

        return qr.stats(self.conn, self.path, current_version=pipeline_version(), top=top)

    def overview(self, **options) -> q.Overview:
        return qr.overview(self.conn, **options)

    def arrivals(self, *, since: str | None = None, until: str | None = None,
                 publication: str | None = None, limit: int | None = 50,
                 offset: int = 0, order: str = "arrived") -> "Arrivals":
        """Articles by time of arrival (or publication), newest first
        (:func:`newsgraph.query.arrivals.arrivals`)."""
        from .query.arrivals import arrivals

        return arrivals(self.conn, since=since, until=until, publication=publication,
                        limit=limit, offset=offset, order=order)

    def errors(self, *, run_id: int | None = None, limit: int = 100):
        return qr.errors(self.conn, run_id=run_id, limit=limit)

    # -- events --------------------------------------------------------------------
    def events(self, filter: Filter | None = None, *, limit: int | None = None,
               offset: int = 0, order: str = "newest", sort: str | None = None,
               **fields) -> q.Events:
        return qe.events(self.conn, _filter(filter, fields), limit=limit, offset=offset,
                         order=order, sort=sort)

    def iter_events(self, filter: Filter | None = None, *, limit: int | None = None,
                    order: str = "newest", sort: str | None = None,
                    **fields) -> Iterator[q.EventRecord]:
        return qe.iter_events(self.conn, _filter(filter, fields), limit=limit, order=order,
                              sort=sort)

    def dyad(self, a: str, b: str, filter: Filter | None = None, *, by: str = "month",
             limit: int | None = 50, offset: int = 0, **fields) -> q.Dyad:
        return qe.dyad(self.conn, a, b, _filter(filter, fields), by=by, limit=limit,
                       offset=offset)

    def timeline(self, actor: str, filter: Filter | None = None, *, by: str = "month",
                 **fields):
        return qe.timeline(self.conn, actor, _filter(filter, fields), by=by)

    def event_graph(self, filter: Filter | None = None, *, countries: bool = False,
                    sample: int | None = None, max_edges: int | None = None,
                    isolated: bool = False, **fields) -> q.Graph:
        return qg.event_graph(self.conn, _filter(filter, fields), countries=countries,
                              sample=sample, max_edges=max_edges, isolated=isolated)

    def export_graph(self, path: str, *, format: str = "graphml", filter: Filter | None = None,
                     countries: bool = False, isolated: bool = False, **fields) -> tuple[int, int]:
        return qg.export_graph(self.conn, path, format=format, f=_filter(filter, fields),
                               countries=countries, isolated=isolated)

    def export_rows(self, filter: Filter | None = None, **fields) -> Iterator[dict[str, Any]]:
        """Events as rows of :data:`~newsgraph.query.exports.EXPORT_COLUMNS`, oldest first."""
        from .query.exports import export_rows

        return export_rows(self.conn, _filter(filter, fields))

    def export_events_csv(self, path: str, filter: Filter | None = None, **fields) -> int:
        """Write the events as CSV (the Parquet export's columns); returns the count."""
        from .query.exports import write_events_csv

        with open(path, "w", encoding="utf-8", newline="") as out:
            return write_events_csv(self.export_rows(filter, **fields), out)

    def export_events_parquet(self, path: str, filter: Filter | None = None, **fields) -> int:
        """Write the events as Parquet (the CSV export's columns); returns the count."""
        from .query.exports import export_events_parquet

        return export_events_parquet(self.conn, path, _filter(filter, fields))

    # -- quotes --------------------------------------------------------------------
    def quotes(self, filter: Filter | None = None, *, limit: int | None = None,
               offset: int = 0, order: str = "newest", sort: str | None = None,
               **fields) -> q.Quotes:
        return qq.quotes(self.conn, _filter(filter, fields), limit=limit, offset=offset,
                         order=order, sort=sort)

    def iter_quotes(self, filter: Filter | None = None, *, order: str = "newest",
                    sort: str | None = None, **fields) -> Iterator[q.QuoteRecord]:
        return qq.iter_quotes(self.conn, _filter(filter, fields), order=order, sort=sort)

    # -- actors --------------------------------------------------------------------
    def resolve(self, spec: str, *, names: bool = True, strict: bool = False) -> q.Resolved:
        """What ``spec`` (an id, or with ``names`` a name) stands for under the actor rule;
        ``strict``: ``[E520]``/``[E522]`` when nothing or several actors fit."""
        return qa.resolve(self.conn, spec, names=names, strict=strict)

    def actors(self, **options) -> qa.ActorList:
        return qa.actors(self.conn, **options)

    def actor(self, key: str) -> q.KBActor | None:
        return qa.actor(self.conn, key)

    def actor_profile(self, key: str, *, limit: int | None = 20,
                      names: bool = True) -> q.ActorProfile | None:
        return actor_profile(self.conn, key, limit=limit, names=names)

    def actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        return qa.actor_names(self.conn, ids)

    def actor_roles_seen(self, actor_id: str):
        return qa.roles_seen(self.conn, actor_id)

    def actor_articles(self, actor_id: str, *, limit: int | None = 100, offset: int = 0):
        return qa.actor_articles(self.conn, (actor_id,), limit=limit, offset=offset)

    def actor_mentions(self, actor_id: str, *, limit: int | None = 200, offset: int = 0):
        return qa.actor_mentions(self.conn, actor_id, limit=limit, offset=offset)

    # -- stories -------------------------------------------------------------------
    def story_of(self, article_id: str) -> str | None:
        return qc.story_of(self.conn, article_id)

    def cluster_members(self, article_id: str):
        return qc.cluster_members(self.conn, article_id)

    def clusters(self, *, min_size: int = 2, limit: int = 50):
        return qc.clusters(self.conn, min_size=min_size, limit=limit)

    def event_evidence(self, event_id: int):
        return qc.event_evidence(self.conn, event_id)
