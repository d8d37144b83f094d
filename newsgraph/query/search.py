"""Full-text search over headlines and texts, with facets: :func:`search`.

The query uses the simple syntax of :mod:`newsgraph.query.syntax` (or raw FTS5), and
the filter is the one :class:`~newsgraph.query.filters.Filter`: ``since``/``until``
(publication date), ``publication``, ``language``, ``country`` (the publication's),
``actor`` (articles in which the actor rule finds it) and ``dedupe`` (one article
per story).  Facets count every match by publication, country, language and month,
and by actor (by the same rule) over the newest :data:`ACTOR_FACET_SAMPLE` matches.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..errors import QueryError
from .actors import Resolved, party_sql, resolve
from .arrivals import arrived_sql
from .clusters import story_filter
from .facets import FacetTable, row_filter
from .filters import Filter, check_text, page_bounds, upper
from .limits import SEARCH_SECONDS, check_raw, time_limit
from .listing import Record, to_dataframe
from .syntax import Compiled, compile_search, keep_highlight

__all__ = ["SearchHit", "SearchResult", "search", "SEARCH_FILTERS", "FACETS", "ACTOR_FACET_TOP",
           "ACTOR_FACET_SAMPLE", "split_marks", "join_marks"]

SEARCH_FILTERS = ("actor", "since", "until", "publication", "language", "country", "dedupe",
                  "arrived_since", "arrived_until")
#: The orders of the hits: best first (bm25), newest published or newest arrived first.
SEARCH_ORDERS = ("relevance", "newest", "arrived")
FACETS = ("publication", "country", "language", "actor", "month")
#: How many actors the ``actor`` facet lists (those in most matches).
ACTOR_FACET_TOP = 50
#: The ``actor`` facet counts the actors of at most this many matches: the newest
#: published ones (``SearchResult.actor_sample`` says so when there were more).
ACTOR_FACET_SAMPLE = 1_000
_ACTOR_FACET = ("SELECT p.party, count(DISTINCT a.rowid) AS n "
                "FROM articles a CROSS JOIN actor_parties p ON p.article_id = a.id "
                "WHERE a.rowid IN (SELECT value FROM json_each(?)) AND p.canonical = 1 "
                "GROUP BY p.party ORDER BY n DESC, p.party LIMIT ?")
# The rowids of the articles in which an actor was found (by the actor rule).
_ACTOR_ROWIDS = ("SELECT a.rowid FROM actor_parties p CROSS JOIN articles a "
                 "ON a.id = p.article_id WHERE {cond}")
# The rowids of the articles that are copies of another article's story.
_COPY_ROWIDS = ("SELECT rowid FROM articles a WHERE a.cluster_id IS NOT NULL "
                f"AND NOT {story_filter('a')}")
_RANKED = ("SELECT articles_fts.rowid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts "
           "WHERE {cond} ORDER BY score LIMIT ? OFFSET ?")
_FTS_ERRORS = ("fts5", "syntax error", "unterminated", "no such column", "unknown special query",
               "malformed MATCH")


_MARKS = ("\x02", "\x03")  # how FTS5 marks matches here; never in a result


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``(text, highlights)`` of a snippet FTS5 marked with :data:`_MARKS`: the text
    without marks, and the ``(start, end)`` character offsets of each match in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, start = 0, None
    for ch in marked:
        if ch == _MARKS[0]:
            start = pos
        elif ch == _MARKS[1]:
            if start is not None and pos > start:
                spans.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), tuple(spans)


def join_marks(text: str, spans, marks: tuple[str, str]) -> str:
    """``text`` with ``marks`` around each ``(start, end)`` span."""
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], marks[0], text[a:b], marks[1]]
        pos = b
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True)
class SearchHit(Record):
    """One article that matched.  ``snippet`` has the matched terms between the search's
    ``highlight`` markers (for a terminal or a page); ``text`` is the same snippet
    without them and ``highlights`` the ``(start, end)`` character offsets of the
    matches in ``text``.  ``to_dict()`` (JSON) gives ``snippet`` as that plain text
    with its ``highlights``: never markers."""

    id: str
    headline: str | None
    publication: str | None
    published: str | None
    country: str | None
    language: str | None
    url: str | None
    snippet: str
    score: float | None  # bm25: lower is better (None: listed by date)
    text: str = ""
    highlights: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["snippet"] = d.pop("text") if self.highlights or self.text else self.snippet
        d["highlights"] = [list(h) for h in self.highlights]
        d["score"] = None if self.score is None else round(self.score, 4)
        return d


@dataclass(frozen=True)
class SearchResult(Record):
    query: str
    fts: str  # the FTS5 expression that ran
    total: int  # matches, filters applied
    hits: tuple[SearchHit, ...]
    # field -> ((value, count), ...): publication, country, language, actor, month
    facets: dict[str, tuple[tuple[str | None, int], ...]]
    limit: int
    offset: int
    # the actor facet counted only this many matches, the newest (None: every match)
    actor_sample: int | None = None
    order: str = "relevance"  # of the hits: "relevance" (bm25) or "newest" (published)
    filter: Filter = field(default_factory=Filter)
    actors: tuple[Resolved, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "fts": self.fts, "total": self.total, "limit": self.limit,
            "offset": self.offset, "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [{"value": v, "count": n} for v, n in items]
                       for k, items in self.facets.items()},
            "actor_sample": self.actor_sample, "order": self.order,
            "filter": self.filter.to_dict(), "actors": [r.to_dict() for r in self.actors],
        }

    def summary(self) -> str:
        noun = "match" if self.total == 1 else "matches"
        if not self.hits:
            return f"{self.total} {noun}"
        return (f"{self.total} {noun}, showing {self.offset + 1}-"
                f"{self.offset + len(self.hits)}")

    def to_pandas(self):
        return to_dataframe([h.to_dict() for h in self.hits], list(SearchHit.__dataclass_fields__))

    to_dataframe = to_pandas


def search(conn: sqlite3.Connection, table: FacetTable, query: str, f: Filter = Filter(), *,
           fts: bool = False, limit: int = 10, offset: int = 0, facets: bool = True,
           highlight: tuple[str, str] = ("«", "»"), snippet_words: int = 16,
           rank_limit: int | None = None, names: bool = True,
           order: str | None = None,
           timeout: float | None = SEARCH_SECONDS) -> SearchResult:
    """Full-text search, best matches first (bm25); see the module for the filter.

    An empty ``query`` with a filter lists every article that passes it, newest
    published first (no score; the start of the text as snippet).  ``rank_limit``:
    rank by relevance only when at most that many articles match, else list them
    newest first (bm25 scores every match); the result's ``order`` says which.
    ``table`` is the connection's :class:`~newsgraph.query.facets.FacetTable`;
    ``names=False`` takes the actor as an id only (the explorer's links).  ``order``
    (one of :data:`SEARCH_ORDERS`) asks for one order of the hits whatever their number:
    ``arrived`` lists them by time of arrival, newest first; with an order, no query
    and no filter list every article.

    Raises :class:`QueryError`: ``E501`` no query and no filter, or a query with
    nothing searchable; ``E502`` a query FTS5 cannot run; ``E505`` a bad date;
    ``E506`` a negative limit or offset; ``E509`` a query that is not valid Unicode;
    ``E513`` a query with too many words or prefix terms; ``E514`` a search that runs
    longer than ``timeout`` seconds (:mod:`newsgraph.query.limits`).
    """
    f.only(SEARCH_FILTERS, "search")
    text = check_text(query or "", "the query").strip()
    if fts and text:
        check_raw(text)
    compiled = (Compiled(text) if fts else compile_search(text)) if text else Compiled("")
    expr = compiled.expr
    limit, offset = page_bounds(limit, offset)
    until = upper(f.until) if f.until else None
    if order is not None and order not in SEARCH_ORDERS:
        raise QueryError(f"order {order!r}: expected one of {', '.join(SEARCH_ORDERS)}",
                         code="E508")
    if not expr and order is None and not any((f.since, f.until, f.publication, f.language,
                                               f.country, f.actor, f.arrived_since,
                                               f.arrived_until)):
        raise QueryError("empty query: give words to search for, or a filter", code="E501")
    found = resolve(conn, f.actor, names=names, strict=True) if f.actor else None
    table.refresh(conn)  # outside the time budget: once per change of the file
    try:
        with time_limit(conn, timeout):
            return _search(conn, table, query, compiled, f, until, found, limit=limit,
                           offset=offset, facets=facets, highlight=highlight,
                           snippet_words=snippet_words, rank_limit=rank_limit, order=order)
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if any(k in msg for k in _FTS_ERRORS):
            hint = "" if fts else " (simple syntax)"
            raise QueryError(f"cannot search for {query!r}{hint}: {msg}", code="E502") from exc
        raise


def _search(conn, table, query, compiled: Compiled, f, until, found, *, limit, offset, facets,
            highlight, snippet_words, rank_limit, order=None) -> SearchResult:
    """The search itself, inside the caller's time budget."""
    expr = compiled.expr
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: these queries return many rows
    cond, params = _match_sql(compiled, f, until, found)
    if expr and not facets and rank_limit is None and order in (None, "relevance"):
        total = cur.execute(f"SELECT count(*) FROM articles_fts WHERE {cond}",
                            params).fetchone()[0]
        facet_map: dict = {}
        kept = None
    else:
        keep = row_filter(since=f.since, until=until, publication=f.publication,
                          language=f.language, country=f.country)
        kept = _kept(conn, table, cur, compiled, keep, found, f.dedupe, f)
        total = len(kept)
        facet_map = _facet_counts(conn, table, kept) if facets else {}
    ranked_by = "relevance" if expr and (rank_limit is None or total <= rank_limit) \
        else "newest"
    if order is not None:
        ranked_by = order if expr or order != "relevance" else "newest"
    if ranked_by == "relevance":
        ranked = cur.execute(_RANKED.format(cond=cond), (*params, limit, offset)
                             ).fetchall() if limit else []
    elif ranked_by == "arrived":
        ranked = [(r, None) for r in _by_arrival(cur, kept, limit, offset)]
    else:  # newest published first
        newest = table.newest(kept, offset + limit)[offset:]
        ranked = [(r, None) for r in newest]
    hits = _hits(conn, expr, ranked, highlight, snippet_words,
                 keep=_keeper(compiled) if compiled.capitals else None)
    sampled = bool(facet_map) and total > ACTOR_FACET_SAMPLE
    return SearchResult(query, expr, total, hits, facet_map, limit, offset,
                        actor_sample=ACTOR_FACET_SAMPLE if sampled else None,
                        order=ranked_by, filter=f, actors=(found,) if found else ())


def _hits(conn, expr, ranked, highlight, words, keep=None) -> tuple[SearchHit, ...]:
    """The hits of ``ranked`` (rowid, score) with their snippets; ``keep(text, spans)``
    drops the highlights a query's capitals rule out (see :mod:`.syntax`)."""
    if not ranked:
        return ()
    score = {r[0]: r[1] for r in ranked}
    marks = ",".join("?" * len(ranked))
    words = max(1, min(words, 64))
    if expr:
        rows = conn.execute(
            "SELECT articles_fts.rowid AS rowid, a.id, a.headline, a.publication, "
            "a.published, a.country, a.language, a.url, "
            "snippet(articles_fts, 1, ?, ?, '…', ?) AS snippet "
            "FROM articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
            (_MARKS[0], _MARKS[1], words, expr, *score)).fetchall()
    else:  # no query: the start of the text after the headline
        rows = conn.execute(
            "SELECT a.rowid AS rowid, a.id, a.headline, a.publication, a.published, "
            "a.country, a.language, a.url, "
            "substr(a.text, coalesce(a.headline_end, 0) + 1, 20 * ?) AS snippet "
            f"FROM articles a WHERE a.rowid IN ({marks})", (words, *score)).fetchall()
    by_rowid = {r["rowid"]: r for r in rows}
    out = []
    for rid in score:
        r = by_rowid.get(rid)
        if r is None:
            continue
        if expr:
            text, spans = split_marks(r["snippet"] or "")
            spans = keep(text, spans) if keep is not None else spans
        else:
            text, spans = _opening(r["snippet"], words), ()
        out.append(SearchHit(r["id"], r["headline"], r["publication"], r["published"],
                             r["country"], r["language"], r["url"],
                             join_marks(text, spans, highlight), score[rid], text, spans))
    return tuple(out)


def _by_arrival(cur, kept: np.ndarray, limit: int, offset: int) -> list[int]:
    """``limit`` of the articles ``kept`` from ``offset``, newest arrival first: the
    index of arrival times walked until the page is full."""
    if not limit or not len(kept):
        return []
    wanted, out, skip = set(kept.tolist()), [], offset
    for (rowid,) in cur.execute("SELECT rowid FROM articles INDEXED BY articles_ingested "
                                "ORDER BY ingested_at DESC, rowid DESC"):
        if rowid in wanted:
            if skip:
                skip -= 1
                continue
            out.append(rowid)
            if len(out) == limit:
                break
    return out


def _keeper(compiled: Compiled):
    """``keep(text, spans)``: the highlights a query's words in capitals leave."""
    def keep(text: str, spans):
        return tuple((a, b) for a, b in spans if keep_highlight(text[a:b], compiled))
    return keep


def _kept(conn, table: FacetTable, cur, compiled: Compiled, keep, found: Resolved | None,
          dedupe: bool, f: Filter) -> np.ndarray:
    """The rowids of every match (every article without a query), filters applied.

    The matches' rowids are read once, without scoring, and filtered by
    :class:`FacetTable` (by actor and story with one list each).
    """
    table.refresh(conn)
    if compiled.expr:
        # One string of rowids, split in C: much cheaper than a row per match.
        caps, caps_params = compiled.where("+articles_fts.rowid")
        joined = cur.execute("SELECT group_concat(rowid) FROM articles_fts "
                             f"WHERE articles_fts MATCH ? AND {caps}",
                             (compiled.expr, *caps_params)).fetchone()[0]
        rowids = np.fromstring(joined or "", dtype=np.int64, sep=",")
    else:
        rowids = table.rowids()
    if found is not None and len(rowids):
        params: list = []
        sql = _ACTOR_ROWIDS.format(cond=party_sql(found.ids, params, 'p.party'))
        listed = np.fromiter((r[0] for r in cur.execute(sql, params)), dtype=np.int64)
        rowids = rowids[np.isin(rowids, listed)]
    if dedupe and len(rowids):
        listed = np.fromiter((r[0] for r in cur.execute(_COPY_ROWIDS)), dtype=np.int64)
        rowids = rowids[np.isin(rowids, listed, invert=True)]
    bounds: list = []
    arrived = arrived_sql(f.arrived_since, f.arrived_until, bounds)
    if arrived and len(rowids):
        listed = np.fromiter((r[0] for r in cur.execute(
            f"SELECT rowid FROM articles WHERE {' AND '.join(arrived)}", bounds)), dtype=np.int64)
        rowids = rowids[np.isin(rowids, listed)]
    return table.kept(rowids, keep)


def _facet_counts(conn, table: FacetTable, rowids: np.ndarray) -> dict:
    """{facet: ((value, count), ...)} over the (kept) articles ``rowids``."""
    out = _facets(table.counts(rowids)[1])
    sample = rowids if len(rowids) <= ACTOR_FACET_SAMPLE else \
        table.newest(rowids, ACTOR_FACET_SAMPLE)
    out["actor"] = tuple(tuple(r) for r in conn.execute(
        _ACTOR_FACET, (json.dumps([int(r) for r in sample]), ACTOR_FACET_TOP)).fetchall())
    out["month"] = tuple(sorted(table.months(rowids).items()))
    return out


def _match_sql(compiled: Compiled, f: Filter, until, found: Resolved | None
               ) -> tuple[str, list]:
    """The WHERE clause (and its parameters) on ``articles_fts`` of a ranked search.

    "+rowid": FTS5 drives, and each match is checked against a list built once
    (never one full-text probe per article); bm25 scores only what passes.
    """
    cond, params = "articles_fts MATCH ?", [compiled.expr]
    if compiled.cond != "1":  # words in capitals: where the article writes them so
        caps, caps_params = compiled.where("+articles_fts.rowid")
        cond += f" AND {caps}"
        params += caps_params
    conds, fparams = [], []
    for sql, val in (("published >= ?", f.since), ("published <= ?", until),
                     ("publication = ?", f.publication), ("language = ?", f.language),
                     ("country = ?", f.country)):
        if val:
            conds.append(sql)
            fparams.append(val)
    if conds:
        cond += (" AND +articles_fts.rowid IN (SELECT rowid FROM articles INDEXED "
                 f"BY articles_facets WHERE {' AND '.join(conds)})")
        params += fparams
    if found is not None:
        sub = _ACTOR_ROWIDS.format(cond=party_sql(found.ids, params, 'p.party'))
        cond += f" AND +articles_fts.rowid IN ({sub})"
    if f.dedupe:
        cond += f" AND +articles_fts.rowid NOT IN ({_COPY_ROWIDS})"
    arrived = arrived_sql(f.arrived_since, f.arrived_until, params)
    if arrived:
        cond += (" AND +articles_fts.rowid IN (SELECT rowid FROM articles WHERE "
                 f"{' AND '.join(arrived)})")
    return cond, params


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
