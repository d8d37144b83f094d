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
        self.combo: dict[int, int] = {}  # rowid -> index into ``combos``
        self.combos: list[Row] = []  # (publication, country, language)
        self.published: dict[int, str | None] = {}

    def refresh(self, conn: sqlite3.Connection) -> "FacetTable":
        """Bring the table up to date with ``conn``'s view of the database."""
        key = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if key == self._key:
            return self
        ids: dict[Row, int] = {}
        combo: dict[int, int] = {}
        published: dict[int, str | None] = {}
        cur = conn.cursor()
        cur.row_factory = None
        for rowid, pub, cc, lang, day in cur.execute(
                "SELECT rowid, publication, country, language, published "
                "FROM articles INDEXED BY articles_facets"):
            combo[rowid] = ids.setdefault((pub, cc, lang), len(ids))
            published[rowid] = day
        self.combo, self.published, self._key = combo, published, key
        self.combos = list(ids)
        return self

    def passes(self, rowid: int, keep: Callable[[Row, str | None], bool]) -> bool:
        c = self.combo.get(rowid)
        return c is not None and keep(self.combos[c], self.published[rowid])

    def counts(self, rowids: list[int], keep: Callable[[Row, str | None], bool] | None
               ) -> tuple[int, Counter]:
        """(number kept, Counter of combos) of the articles ``rowids`` that pass ``keep``."""
        if keep is None:
            counts = Counter(map(self.combo.get, rowids))
        else:
            combos, combo, published = self.combos, self.combo, self.published
            counts = Counter(c for r in rowids if (c := combo.get(r)) is not None
                             and keep(combos[c], published[r]))
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
