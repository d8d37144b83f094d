"""Knowledge-base queries: articles, search, stats (foundation issue).

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn``
(an sqlite3 connection whose rows are ``sqlite3.Row``).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter

import numpy as np

from ..errors import QueryError
from .bounds import date_bound, upper
from .facets import FacetTable, row_filter
from .q_clusters import story_filter
from .results import KBStats, SearchHit, SearchResult, StoredArticle
from .search import compile_query
from .write import article_from_row, delete_articles

__all__ = ["ArticleQueries", "FACETS", "ACTOR_FACET_TOP", "ACTOR_FACET_SAMPLE"]

FACETS = ("publication", "country", "language", "actor", "month")
#: How many actors the ``actor`` facet lists (those in most matches).
ACTOR_FACET_TOP = 50
#: The ``actor`` facet counts the actors of at most this many matches: the newest
#: published ones (``SearchResult.actor_sample`` says so when there were more).
ACTOR_FACET_SAMPLE = 1_000
_ACTOR_FACET = ("SELECT coalesce(x.kb_actor_id, x.actor_id) AS aid, count(DISTINCT a.rowid) AS n "
                "FROM articles a CROSS JOIN article_actors x ON x.article_id = a.id "
                "WHERE a.rowid IN (SELECT value FROM json_each(?)) "
                "GROUP BY aid ORDER BY n DESC, aid LIMIT ?")
# The rowids of the articles in which an actor was found (as itself, or linked to it).
_ACTOR_ROWIDS = ("SELECT a.rowid FROM article_actors x CROSS JOIN articles a "
                 "ON a.id = x.article_id WHERE x.actor_id = ? OR x.kb_actor_id = ?")
# The rowids of the articles that are copies of another article's story.
_COPY_ROWIDS = ("SELECT rowid FROM articles a WHERE a.cluster_id IS NOT NULL "
                f"AND NOT {story_filter('a')}")
_RANKED = ("SELECT articles_fts.rowid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts "
           "WHERE {cond} ORDER BY score LIMIT ? OFFSET ?")
_FTS_ERRORS = ("fts5", "syntax error", "unterminated", "no such column", "unknown special query",
               "malformed MATCH")



class ArticleQueries:
    # -- search ---------------------------------------------------------------------------
    def search(self, query: str, *, fts: bool = False, since: str | None = None,
               until: str | None = None, publication: str | None = None,
               language: str | None = None, country: str | None = None,
               actor: str | None = None, limit: int = 10, offset: int = 0,
               facets: bool = True, highlight: tuple[str, str] = ("«", "»"),
               snippet_words: int = 16, dedupe: bool = False,
               rank_limit: int | None = None) -> SearchResult:
        """Full-text search over headlines and texts, best matches first (bm25).

        ``query`` uses the simple syntax of :mod:`newsgraph.store.search` unless
        ``fts`` (raw FTS5).  An empty ``query`` with a filter lists every
        article that passes the filters, newest published first (its hits have
        no score, and the start of the text as snippet).  ``rank_limit``: rank
        by relevance only when at most that many articles match, else list them
        newest published first (bm25 scores every match; the explorer bounds its
        work this way); the result's ``order`` says which.

        Filters: ``since``/``until`` (inclusive dates or their prefixes),
        ``publication``, ``language``, ``country``, and ``actor``: articles in
        which that actor was found (``article_actors.actor_id``, or the
        knowledge-base actor it was linked to, ``kb_actor_id``).

        ``facets`` counts every match, filters applied, by publication,
        country and language (most matches first), ``month`` (``YYYY-MM`` of
        publication, in order) and ``actor`` (the :data:`ACTOR_FACET_TOP`
        actors in most matches; an article counts once for its linked actor,
        else for the id found in it; with more than :data:`ACTOR_FACET_SAMPLE`
        matches, among the newest published that many, and the result's
        ``actor_sample`` says so).  ``dedupe`` keeps one article per
        near-duplicate story (its representative, see
        :mod:`newsgraph.store.q_clusters`).

        Raises :class:`QueryError`: ``E501`` no query and no filter, or a query
        with nothing searchable; ``E502`` a query FTS5 cannot run; ``E505`` a
        bad date; ``E506`` a negative limit or offset.
        """
        text = query.strip()
        expr = (text if fts else compile_query(text)) if text else ""
        if limit < 0 or offset < 0:
            raise QueryError("limit and offset must not be negative", code="E506")
        since = date_bound(since, "--since", code="E505")
        until = date_bound(until, "--until", code="E505")
        until = upper(until) if until else None
        actor = actor or None
        if not expr and not any((since, until, publication, language, country, actor)):
            raise QueryError("empty query: give words to search for, or a filter",
                             code="E501")
        try:
            cur = self.conn.cursor()
            cur.row_factory = None  # plain tuples: these queries return many rows
            cond, params = _match_sql(expr, since, until, publication, language, country,
                                      actor, dedupe)
            if expr and not facets and rank_limit is None:
                total = cur.execute(f"SELECT count(*) FROM articles_fts WHERE {cond}",
                                    params).fetchone()[0]
                facet_map = {}
            else:
                keep = row_filter(since=since, until=until, publication=publication,
                                  language=language, country=country)
                kept = self._kept(cur, expr, keep, actor, dedupe)
                total = len(kept)
                facet_map = self._facet_counts(kept) if facets else {}
            ranked_by = "relevance" if expr and (rank_limit is None or total <= rank_limit) \
                else "newest"
            if ranked_by == "relevance":
                ranked = cur.execute(_RANKED.format(cond=cond), (*params, limit, offset)
                                     ).fetchall() if limit else []
            else:  # newest published first
                newest = self._facet_table().newest(kept, offset + limit)[offset:]
                ranked = [(r, None) for r in newest]
            hits = self._hits(expr, ranked, highlight, snippet_words)
        except sqlite3.OperationalError as exc:
            msg = str(exc)
            if any(k in msg for k in _FTS_ERRORS):
                hint = "" if fts else " (simple syntax)"
                raise QueryError(f"cannot search for {query!r}{hint}: {msg}", code="E502") \
                    from exc
            raise
        sampled = bool(facet_map) and total > ACTOR_FACET_SAMPLE
        return SearchResult(query, expr, total, hits, facet_map, limit, offset,
                            actor_sample=ACTOR_FACET_SAMPLE if sampled else None,
                            order=ranked_by)

    def _hits(self, expr, ranked, highlight, words) -> tuple[SearchHit, ...]:
        if not ranked:
            return ()
        score = {r[0]: r[1] for r in ranked}
        marks = ",".join("?" * len(ranked))
        words = max(1, min(words, 64))
        if expr:
            rows = self.conn.execute(
                "SELECT articles_fts.rowid AS rowid, a.id, a.headline, a.publication, "
                "a.published, a.country, a.language, a.url, "
                "snippet(articles_fts, 1, ?, ?, '…', ?) AS snippet "
                "FROM articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
                (highlight[0], highlight[1], words, expr, *score)).fetchall()
        else:  # no query: the start of the text after the headline
            rows = self.conn.execute(
                "SELECT a.rowid AS rowid, a.id, a.headline, a.publication, a.published, "
                "a.country, a.language, a.url, "
                "substr(a.text, coalesce(a.headline_end, 0) + 1, 20 * ?) AS snippet "
                f"FROM articles a WHERE a.rowid IN ({marks})", (words, *score)).fetchall()
        by_rowid = {r["rowid"]: r for r in rows}
        return tuple(
            SearchHit(r["id"], r["headline"], r["publication"], r["published"], r["country"],
                      r["language"], r["url"],
                      (r["snippet"] or "") if expr else _opening(r["snippet"], words),
                      score[rid])
            for rid in score if (r := by_rowid.get(rid)) is not None)

    def _kept(self, cur, expr, keep, actor, dedupe) -> np.ndarray:
        """The rowids of every match (every article without a query), filters applied.

        The matches' rowids are read once, without scoring, and filtered by
        :class:`FacetTable` (by actor and story with one list each).
        """
        table = self._facet_table().refresh(self.conn)
        if expr:
            # One string of rowids, split in C: much cheaper than a row per match.
            joined = cur.execute("SELECT group_concat(rowid) FROM articles_fts "
                                 "WHERE articles_fts MATCH ?", (expr,)).fetchone()[0]
            rowids = np.fromstring(joined or "", dtype=np.int64, sep=",")
        else:
            rowids = table.rowids()
        for sql, args, invert in ((_ACTOR_ROWIDS, (actor, actor), False),
                                  (_COPY_ROWIDS, (), True)):
            if (actor if not invert else dedupe) and len(rowids):
                listed = np.fromiter((r[0] for r in cur.execute(sql, args)), dtype=np.int64)
                rowids = rowids[np.isin(rowids, listed, invert=invert)]
        return table.kept(rowids, keep)

    def _facet_counts(self, rowids: np.ndarray) -> dict:
        """{facet: ((value, count), ...)} over the (kept) articles ``rowids``."""
        table = self._facet_table()
        out = _facets(table.counts(rowids)[1])
        sample = rowids if len(rowids) <= ACTOR_FACET_SAMPLE else \
            table.newest(rowids, ACTOR_FACET_SAMPLE)
        out["actor"] = tuple(self.conn.execute(
            _ACTOR_FACET, (json.dumps([int(r) for r in sample]), ACTOR_FACET_TOP)).fetchall())
        out["month"] = tuple(sorted(table.months(rowids).items()))
        return out

    def _facet_table(self) -> FacetTable:
        table = self.__dict__.get("_facets_cache")
        if table is None:
            table = self.__dict__["_facets_cache"] = FacetTable()
        return table

    # -- one article ----------------------------------------------------------------------
    def resolve_id(self, id_or_prefix: str) -> str | None:
        """The full id of the article with this id or id prefix (None: no such article).

        Raises :class:`QueryError` (``E503``) when the prefix names several articles.
        """
        if not id_or_prefix:
            return None
        row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (id_or_prefix,)).fetchone()
        if row:
            return row[0]
        nxt = id_or_prefix[:-1] + chr(ord(id_or_prefix[-1]) + 1)
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
            (id_or_prefix, nxt))]
        if len(ids) > 1:
            shown = ", ".join(i[:16] for i in ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise QueryError(f"{id_or_prefix!r} matches several articles ({shown}): "
                             "give more of the id", code="E503")
        return ids[0] if ids else None

    def article(self, id_or_prefix: str) -> StoredArticle | None:
        """The stored article with this id (or unambiguous id prefix), or None."""
        aid = self.resolve_id(id_or_prefix)
        if aid is None:
            return None
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone()
        n = {t: self.conn.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?",
                                  (aid,)).fetchone()[0]
             for t in ("article_actors", "quotes", "events")}
        return StoredArticle(article_from_row(row), row["pipeline_version"], row["ingested_at"],
                             row["analysed_at"], n["article_actors"], n["quotes"], n["events"],
                             tuple(json.loads(row["analysis_warnings"] or "[]")))

    def delete(self, id_or_prefix: str) -> str:
        """Delete one article and everything found in it; returns its full id.

        Raises :class:`QueryError`: ``E504`` no such article, ``E503`` ambiguous prefix.
        """
        aid = self.resolve_id(id_or_prefix)
        if aid is None:
            raise QueryError(f"no article with id {id_or_prefix!r}", code="E504")
        with self.transaction() as conn:
            delete_articles(conn, [aid])
        return aid

    # -- the whole knowledge base ---------------------------------------------------------
    def stats(self, *, top: int = 10) -> KBStats:
        """Counts over the knowledge base (top ``top`` publications and countries)."""
        from ..pipeline import pipeline_version
        from .migrate import schema_version

        one = lambda sql, *p: self.conn.execute(sql, p).fetchone()[0]  # noqa: E731
        group = lambda col, n: tuple(tuple(r) for r in self.conn.execute(  # noqa: E731
            f"SELECT {col}, count(*) AS n FROM articles GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
            (n,)))
        # two queries: each is one index look-up, where min and max together scan
        first = one("SELECT min(published) FROM articles")
        last = one("SELECT max(published) FROM articles")
        size = 0
        for suffix in ("", "-wal"):
            try:
                size += os.path.getsize(self.path + suffix)
            except OSError:
                pass
        return KBStats(
            path=self.path, size_bytes=size, schema_version=schema_version(self.conn),
            articles=one("SELECT count(*) FROM articles"),
            analysed=one("SELECT count(*) FROM articles WHERE pipeline_version IS NOT NULL"),
            current=one("SELECT count(*) FROM articles WHERE pipeline_version = ?",
                        pipeline_version()),
            actors=one("SELECT count(*) FROM article_actors"),
            quotes=one("SELECT count(*) FROM quotes"), events=one("SELECT count(*) FROM events"),
            runs=one("SELECT count(*) FROM runs"), errors=one("SELECT count(*) FROM errors"),
            first_published=first, last_published=last,
            languages=group("language", 50), publications=group("publication", top),
            countries=group("country", top), pipeline_versions=group("pipeline_version", 20),
        )

    def errors(self, *, run_id: int | None = None, limit: int = 100) -> list[sqlite3.Row]:
        """Recorded failures, newest first (of one run with ``run_id``)."""
        where, params = ("WHERE run_id = ?", (run_id,)) if run_id is not None else ("", ())
        return self.conn.execute(f"SELECT * FROM errors {where} ORDER BY id DESC LIMIT ?",
                                 (*params, limit)).fetchall()


def _match_sql(expr, since, until, publication, language, country, actor, dedupe
               ) -> tuple[str, list]:
    """The WHERE clause (and its parameters) on ``articles_fts`` of a ranked search.

    "+rowid": FTS5 drives, and each match is checked against a list built once
    (never one full-text probe per article); bm25 scores only what passes.
    """
    cond, params = "articles_fts MATCH ?", [expr]
    fconds, fparams = _filter_sql(since, until, publication, language, country)
    if fconds:
        cond += (" AND +articles_fts.rowid IN (SELECT rowid FROM articles INDEXED "
                 f"BY articles_facets WHERE {fconds})")
        params += fparams
    if actor:
        cond += f" AND +articles_fts.rowid IN ({_ACTOR_ROWIDS})"
        params += [actor, actor]
    if dedupe:
        cond += f" AND +articles_fts.rowid NOT IN ({_COPY_ROWIDS})"
    return cond, params


def _filter_sql(since, until, publication, language, country) -> tuple[str, list]:
    """SQL conditions (and their parameters) on ``articles`` for the search filters."""
    conds, params = [], []
    for sql, val in (("published >= ?", since), ("published <= ?", until),
                     ("publication = ?", publication), ("language = ?", language),
                     ("country = ?", country)):
        if val:
            conds.append(sql)
            params.append(val)
    return " AND ".join(conds), params


def _opening(text: str | None, words: int) -> str:
    """The first ``words`` words of ``text``, with "…" where it goes on."""
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _facets(counts: Counter) -> dict[str, tuple[tuple[str | None, int], ...]]:
    """{facet: ((value, count), ...)} from counts of (publication, country, language)."""
    out: dict[str, tuple[tuple[str | None, int], ...]] = {}
    for i, name in enumerate(FACETS[:3]):
        acc: dict[str | None, int] = {}
        for key, n in counts.items():
            acc[key[i]] = acc.get(key[i], 0) + n
        out[name] = tuple(sorted(acc.items(), key=lambda kv: (-kv[1], kv[0] or "")))
    return out
