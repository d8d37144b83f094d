"""The facet columns of every article, held per connection for fast search facets.

Counting the matches of a common term by publication, country and language
means one look-up per match; in SQLite each is a B-tree descent into the
article rows.  :class:`FacetTable` reads ``(publication, country, language,
published)`` for every article once, from the small covering index, and keeps
it until the database changes: it is rebuilt whenever ``PRAGMA data_version``
(commits by other connections) or ``total_changes`` (this connection's writes)
moves, so it never gives a result the database would not.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from typing import Callable

__all__ = ["FacetTable", "Row"]

Row = tuple  # (publication, country, language)


class FacetTable:
    """Per article: a small integer naming its (publication, country, language), and its date."""

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._fast = True
        self._neg: dict[int, tuple[int, str | None]] = {}
        # Indexed by rowid (rowids are dense: INTEGER PRIMARY KEY, max + 1), so a
        # million articles cost two lists of pointers, not two dicts.
        self.combo: list[int | None] = []  # rowid -> index into ``combos``
        self.combos: list[Row] = []  # (publication, country, language)
        self.published: list[str | None] = []

    def refresh(self, conn: sqlite3.Connection) -> "FacetTable":
        """Bring the table up to date with ``conn``'s view of the database."""
        key = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if key == self._key:
            return self
        low, top = conn.execute("SELECT min(rowid), max(rowid) FROM articles").fetchone()
        top = max(top or 0, 0)
        self._fast = (low or 0) >= 0  # a negative rowid would index the lists from the end
        self._neg: dict[int, tuple[int, str | None]] = {}  # rowids below 0, if ever
        ids: dict[Row, int] = {}
        combo: list[int | None] = [None] * (top + 1)
        published: list[str | None] = [None] * (top + 1)
        dates = _interner()
        cur = conn.cursor()
        cur.row_factory = None
        for rowid, pub, cc, lang, day in cur.execute(
                "SELECT rowid, publication, country, language, published "
                "FROM articles INDEXED BY articles_facets WHERE rowid <= ?", (top,)):
            c = ids.setdefault((pub, cc, lang), len(ids))
            if rowid < 0:
                self._neg[rowid] = (c, dates(day))
                continue
            combo[rowid] = c
            published[rowid] = dates(day)
        self.combo, self.published, self._key = combo, published, key
        self.combos = list(ids)
        return self

    def _get(self, rowid: int) -> int | None:
        if 0 <= rowid < len(self.combo):
            return self.combo[rowid]
        return self._neg[rowid][0] if rowid in self._neg else None

    def _day(self, rowid: int) -> str | None:
        return self.published[rowid] if rowid >= 0 else self._neg[rowid][1]

    def passes(self, rowid: int, keep: Callable[[Row, str | None], bool]) -> bool:
        c = self._get(rowid)
        return c is not None and keep(self.combos[c], self._day(rowid))

    def counts(self, rowids: list[int], keep: Callable[[Row, str | None], bool] | None
               ) -> tuple[int, Counter]:
        """(number kept, Counter of combos) of the articles ``rowids`` that pass ``keep``.

        A rowid the table does not know (an article committed by another
        connection between :meth:`refresh` and the search) is not counted.
        """
        if keep is None and self._fast:
            try:
                counts = Counter(map(self.combo.__getitem__, rowids))
            except IndexError:
                counts = Counter(map(self._get, rowids))
        elif keep is None:
            counts = Counter(map(self._get, rowids))
        else:
            combos, get, day = self.combos, self._get, self._day
            counts = Counter(c for r in rowids if (c := get(r)) is not None
                             and keep(combos[c], day(r)))
        counts.pop(None, None)
        return sum(counts.values()), Counter({self.combos[c]: n for c, n in counts.items()})


def _interner() -> Callable[[str | None], str | None]:
    seen: dict[str, str] = {}

    def intern(s: str | None) -> str | None:
        if s is None:
            return None
        return seen.setdefault(s, sys.intern(s))

    return intern


def row_filter(*, since: str | None, until: str | None, publication: str | None,
               language: str | None, country: str | None
               ) -> Callable[[Row, str | None], bool] | None:
    """A predicate over (combo, published) for the search filters; None for no filter."""
    if not any((since, until, publication, language, country)):
        return None

    def keep(c: Row, day: str | None) -> bool:
        if (publication and c[0] != publication) or (country and c[1] != country) \
                or (language and c[2] != language):
            return False
        if since and (day is None or day < since):
            return False
        if until and (day is None or day > until):
            return False
        return True

    return keep
