"""What is new: articles by their time of arrival in the knowledge base.

Every article row carries ``ingested_at`` (UTC, ISO 8601, to the second), set
when it is stored -- by ``ingest``, ``load`` or ``watch``; a page stored again
in a newer version arrives again.  Migration 070 indexes it, so "since my last
visit" is one index range.  ``since`` and ``until`` take an ISO date or
timestamp (``2026-11-28``, ``2026-11-28T09:30``, ``2026-11-28T09:30:00Z``,
with any UTC offset); a timestamp without an offset is UTC.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from ..errors import QueryError

__all__ = ["Arrival", "arrivals", "arrival_bound"]


@dataclass(frozen=True, slots=True)
class Arrival:
    """One article, with when it arrived."""

    id: str
    arrived: str  # ingested_at: UTC, ISO 8601
    headline: str | None
    publication: str | None
    country: str | None
    language: str | None
    published: str | None
    url: str | None

    def to_dict(self) -> dict:
        return asdict(self)


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


def arrivals(kb, *, since: str | None = None, until: str | None = None,
             publication: str | None = None, limit: int = 50, offset: int = 0
             ) -> list[Arrival]:
    """Articles that arrived after ``since`` (exclusive) and up to ``until``
    (inclusive; a bare date includes that whole day), newest arrival first."""
    lo, hi = arrival_bound(since), arrival_bound(until, name="until")
    where, params = [], []
    if lo is not None:
        where.append("ingested_at > ?" if len(lo) > 10 else "ingested_at >= ?")
        params.append(lo)
    if hi is not None:
        where.append("ingested_at <= ?" if len(hi) > 10 else "ingested_at < ?")
        params.append(hi if len(hi) > 10 else _next_day(hi))
    if publication:
        where.append("publication = ?")
        params.append(publication)
    sql = ("SELECT id, ingested_at, headline, publication, country, language, published, url "
           "FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY ingested_at DESC, rowid DESC LIMIT ? OFFSET ?")
    rows = kb.conn.execute(sql, (*params, max(0, limit), max(0, offset))).fetchall()
    return [Arrival(*tuple(r)) for r in rows]


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
