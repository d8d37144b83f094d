"""The facet columns of every article, held per connection for fast search facets.

Counting the matches of a common term by publication, country, language and
month means one look-up per match; in SQLite each is a B-tree descent into the
article rows.  :class:`FacetTable` reads ``(publication, country, language,
published)`` for every article once, from the small covering index, into numpy
arrays indexed by rowid, and keeps them until the database changes: they are
re-read whenever ``PRAGMA data_version`` (commits by other connections) or
``total_changes`` (this connection's writes) moves, so it never gives a result
the database would not.  Filtering and counting 100,000 matches then takes a few
milliseconds.  (The actor facet is counted in SQL over a bounded number of
matches: see :meth:`newsgraph.query.search.search`.)
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

import numpy as np

__all__ = ["FacetTable", "RowFilter", "Row", "row_filter"]

Row = tuple  # (publication, country, language)


@dataclass(frozen=True, slots=True)
class RowFilter:
    """The search filters that :class:`FacetTable` applies (``until`` is an upper bound)."""

    since: str | None = None
    until: str | None = None
    publication: str | None = None
    language: str | None = None
    country: str | None = None

    def keeps(self, c: Row) -> bool:
        """Whether articles of the (publication, country, language) ``c`` pass."""
        return not ((self.publication and c[0] != self.publication)
                    or (self.country and c[1] != self.country)
                    or (self.language and c[2] != self.language))


def row_filter(*, since: str | None, until: str | None, publication: str | None,
               language: str | None, country: str | None) -> RowFilter | None:
    """The filters as a :class:`RowFilter`; None for no filter."""
    if not any((since, until, publication, language, country)):
        return None
    return RowFilter(since, until, publication, language, country)


def _ints(rowids) -> np.ndarray:
    return np.asarray(rowids, dtype=np.int64).reshape(-1)


class FacetTable:
    """Per article (indexed by ``rowid - base``): the index of its (publication, country,
    language) in ``combos`` and of its publication date in ``dates`` (-1: none)."""

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._base = 0  # the lowest rowid (or 0): rowids may be negative
        self.combo = np.zeros(0, dtype=np.int32)  # -1: no article with that rowid
        self.combos: list[Row] = []
        self.day = np.zeros(0, dtype=np.int32)  # -1: undated
        self.dates: list[str] = []  # the distinct publication dates, in order

    def refresh(self, conn: sqlite3.Connection) -> "FacetTable":
        """Bring the table up to date with ``conn``'s view of the database."""
        key = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if key == self._key:
            return self
        cur = conn.cursor()
        cur.row_factory = None
        rows = cur.execute("SELECT rowid, publication, country, language, published "
                           "FROM articles INDEXED BY articles_facets").fetchall()
        ids: dict[Row, int] = {}
        rowid = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        combo = np.fromiter((ids.setdefault(r[1:4], len(ids)) for r in rows), dtype=np.int32,
                            count=len(rows))
        dates = sorted({r[4] for r in rows if r[4]})
        where = {d: i for i, d in enumerate(dates)}
        day = np.fromiter((where.get(r[4], -1) for r in rows), dtype=np.int32, count=len(rows))
        base = min(int(rowid.min()), 0) if len(rows) else 0
        size = int(rowid.max()) - base + 1 if len(rows) else 0
        self.combo = np.full(size, -1, dtype=np.int32)
        self.day = np.full(size, -1, dtype=np.int32)
        self.combo[rowid - base] = combo
        self.day[rowid - base] = day
        self._base, self.combos, self.dates, self._key = base, list(ids), dates, key
        return self

    def rowids(self) -> np.ndarray:
        """The rowids of every article the table knows."""
        return np.flatnonzero(self.combo >= 0) + self._base

    def kept(self, rowids, keep: RowFilter | None = None) -> np.ndarray:
        """The ``rowids`` whose articles pass ``keep`` (None: all), in their order.

        A rowid the table does not know (an article committed by another
        connection between :meth:`refresh` and the search) is left out.
        """
        rowids = _ints(rowids)
        at = rowids - self._base
        inside = (at >= 0) & (at < len(self.combo))
        rowids, at = rowids[inside], at[inside]
        ok = self.combo[at] >= 0
        if keep is not None:
            if keep.publication or keep.country or keep.language:
                passing = np.array([keep.keeps(c) for c in self.combos] + [False], dtype=bool)
                ok &= passing[self.combo[at]]
            if keep.since or keep.until:
                lo = bisect_left(self.dates, keep.since) if keep.since else 0
                hi = bisect_right(self.dates, keep.until) if keep.until else len(self.dates)
                d = self.day[at]
                ok &= (d >= lo) & (d < hi)  # undated (-1) is never in range
        return rowids[ok]

    def counts(self, rowids, keep: RowFilter | None = None) -> tuple[int, Counter]:
        """(number kept, Counter of combos) of the articles ``rowids`` that pass ``keep``."""
        rowids = self.kept(rowids, keep)
        n = np.bincount(self.combo[rowids - self._base], minlength=len(self.combos))
        return len(rowids), Counter({self.combos[i]: int(n[i]) for i in np.flatnonzero(n)})

    def months(self, rowids) -> Counter:
        """Counter of ``YYYY-MM`` over the (known) articles ``rowids``; undated ones left out."""
        d = self.day[_ints(rowids) - self._base]
        n = np.bincount(d[d >= 0], minlength=len(self.dates))
        out: Counter = Counter()
        for i in np.flatnonzero(n):
            out[self.dates[i][:7]] += int(n[i])
        return out

    def newest(self, rowids, n: int) -> list[int]:
        """The ``n`` newest published of the (known) articles ``rowids`` (then highest rowid)."""
        rowids = _ints(rowids)
        order = np.lexsort((rowids, self.day[rowids - self._base]))[::-1][:n]
        return [int(r) for r in rowids[order]]
