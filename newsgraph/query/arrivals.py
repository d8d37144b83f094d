"""What is new: articles by their time of arrival in the knowledge base.

Every article row carries ``ingested_at`` (UTC, ISO 8601, to the second), set
when it is stored -- by ``ingest``, ``load`` or ``watch``; a page stored again
in a newer version arrives again.  Migration 070 indexes it, so "since my last
visit" is one index range.  Bounds take an ISO date or timestamp
(``2026-11-28``, ``2026-11-28T09:30``, ``2026-11-28T09:30:00Z``, with any UTC
offset); a timestamp without an offset is UTC.  ``since`` is exclusive for a
timestamp (what arrived *after* the last visit) and inclusive for a bare date;
``until`` is inclusive, a bare date standing for its whole day.

The same bounds filter events, quotes and searches (the ``arrived_since`` and
``arrived_until`` fields of :class:`~newsgraph.query.filters.Filter`):
:func:`arrived_sql` is the one condition they share.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..errors import QueryError
from .listing import Listing, Record

__all__ = ["Arrival", "Arrivals", "arrivals", "arrival_bound", "arrived_sql", "arrived_count",
           "few_arrived", "now_utc"]


@dataclass(frozen=True)
class Arrival(Record):
    """One article, with when it arrived."""

    id: str
    arrived: str  # ingested_at: UTC, ISO 8601
    headline: str | None
    publication: str | None
    country: str | None
    language: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True)
class Arrivals(Listing[Arrival]):
    noun = "article"


def now_utc() -> str:
    """The present moment as the knowledge base writes ``ingested_at``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def arrival_bound(value: str | None, *, name: str = "since") -> str | None:
    """``value`` as the knowledge base writes ``ingested_at`` (``YYYY-MM-DDTHH:MM:SS+00:00``),
    or as a bare date; raises :class:`QueryError` ``E704`` when it is neither."""
    if value is None or not str(value).strip():
        return None
    s = str(value).strip()
    if len(s) == 10:
        try:
            return datetime.strptime(s, "%Y-%m-%d").date().isoformat()
        except ValueError:
            pass
    try:
        when = datetime.fromisoformat(s.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise QueryError(f"{name} {s!r} is not an ISO date or timestamp "
                         "(2026-11-28, 2026-11-28T09:30:00Z)", code="E704",
                         where=f"--{name}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def arrived_sql(since: str | None, until: str | None, params: list,
                column: str = "ingested_at") -> list[str]:
    """The conditions on ``column`` for arrival bounds already read by
    :func:`arrival_bound` (their parameters appended to ``params``)."""
    conds = []
    if since is not None:
        conds.append(f"{column} > ?" if len(since) > 10 else f"{column} >= ?")
        params.append(since)
    if until is not None:
        conds.append(f"{column} <= ?" if len(until) > 10 else f"{column} < ?")
        params.append(until if len(until) > 10 else _next_day(until))
    return conds


def arrived_count(conn: sqlite3.Connection, since: str | None, until: str | None) -> int:
    """How many articles arrived between bounds read by :func:`arrival_bound` (an
    index count)."""
    params: list = []
    where = arrived_sql(since, until, params)
    cond = " WHERE " + " AND ".join(where) if where else ""
    return conn.execute(f"SELECT count(*) FROM articles{cond}", params).fetchone()[0]


def few_arrived(conn: sqlite3.Connection, f, parties: str, ids: tuple[str, ...],
                per_article: int) -> bool:
    """Whether the rows of the :class:`~newsgraph.query.filters.Filter` ``f`` (of an
    actor, whose ``ids`` are resolved) that arrived after a moment are best found from
    the articles that arrived (about ``per_article`` rows each) rather than from the
    actor's rows in ``parties`` (``event_parties``, ``quote_parties``): two index counts."""
    if not f.arrived_since or not ids:
        return False
    arrived = arrived_count(conn, f.arrived_since, f.arrived_until)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT count(*) FROM {parties} WHERE party IN ({marks})",
                        ids).fetchone()[0]
    return arrived * per_article < rows


def arrivals(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
             publication: str | None = None, limit: int | None = 50, offset: int = 0,
             order: str = "arrived") -> Arrivals:
    """Articles that arrived after ``since`` and up to ``until`` (see the module),
    newest arrival first (``order="published"``: newest published first, undated
    last), ``limit`` of them from ``offset`` with the total."""
    from .filters import page_bounds

    limit, offset = page_bounds(limit, offset)
    if order not in ("arrived", "published"):
        raise QueryError(f"order {order!r}: expected arrived or published", code="E508")
    params: list = []
    where = arrived_sql(arrival_bound(since), arrival_bound(until, name="until"), params)
    if publication:
        where.append("publication = ?")
        params.append(publication)
    cond = " WHERE " + " AND ".join(where) if where else ""
    total = conn.execute(f"SELECT count(*) FROM articles{cond}", params).fetchone()[0]
    column = "ingested_at" if order == "arrived" else "published"
    rows = conn.execute(
        "SELECT id, ingested_at, headline, publication, country, language, published, url "
        f"FROM articles{cond} ORDER BY {column} DESC, rowid DESC LIMIT ? OFFSET ?",
        (*params, -1 if limit is None else limit, offset)).fetchall()
    return Arrivals(tuple(Arrival(*tuple(r)) for r in rows), total, limit, offset)
