"""The facet columns of every article, held per connection for fast search facets.

Counting the matches of a common term by publication, country, language,
month and actor means one look-up per match; in SQLite each is a B-tree
descent into the article rows.  :class:`FacetTable` reads ``(publication,
country, language, published)`` for every article once, from the small
covering index, and (when an actor facet is first asked for) the actors of
every article, and keeps them until the database changes: they are re-read
whenever ``PRAGMA data_version`` (commits by other connections) or
``total_changes`` (this connection's writes) moves, so it never gives a
result the database would not.  Reading the actors costs about half a second
per 100,000 articles, once per connection and change.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from typing import Callable

import numpy as np

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
        # The actors of every article (see :meth:`actors`): one entry per (article, actor).
        self._actors_key: tuple[int, int] | None = None
        self._actor_article = np.zeros(0, dtype=np.int64)  # the article's rowid
        self._actor_index = np.zeros(0, dtype=np.int32)  # index into ``_actor_ids``
        self._actor_ids: list[str] = []

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

    def day(self, rowid: int) -> str | None:
        """The publication date of the (known) article ``rowid``."""
        return self.published[rowid] if rowid >= 0 else self._neg[rowid][1]

    def passes(self, rowid: int, keep: Callable[[Row, str | None], bool] | None) -> bool:
        c = self._get(rowid)
        return c is not None and (keep is None or keep(self.combos[c], self.day(rowid)))

    def rowids(self) -> list[int]:
        """The rowids of every article the table knows."""
        return [r for r, c in enumerate(self.combo) if c is not None] + list(self._neg)

    def kept(self, rowids: list[int], keep: Callable[[Row, str | None], bool] | None
             ) -> list[int]:
        """The ``rowids`` whose articles pass ``keep`` (None: all), in their order.

        A rowid the table does not know (an article committed by another
        connection between :meth:`refresh` and the search) is left out.
        """
        if keep is None and self._fast:
            combo, n = self.combo, len(self.combo)
            return [r for r in rowids if r < n and combo[r] is not None]
        return [r for r in rowids if self.passes(r, keep)]

    def counts(self, rowids: list[int], keep: Callable[[Row, str | None], bool] | None = None
               ) -> tuple[int, Counter]:
        """(number kept, Counter of combos) of the articles ``rowids`` that pass ``keep``."""
        rowids = self.kept(rowids, keep)
        counts = Counter(map(self.combo.__getitem__ if self._fast else self._get, rowids))
        return len(rowids), Counter({self.combos[c]: n for c, n in counts.items()})

    def months(self, rowids: list[int]) -> Counter:
        """Counter of ``YYYY-MM`` over the (known) articles ``rowids``; undated ones left out."""
        days = Counter(map(self.published.__getitem__ if self._fast else self.day, rowids))
        out: Counter = Counter()
        for day, n in days.items():
            if day:
                out[day[:7]] += n
        return out

    def actors(self, conn: sqlite3.Connection, rowids: list[int], *, top: int
               ) -> list[tuple[str, int]]:
        """The ``top`` actors in most of the (known) articles ``rowids``: ((id, articles), ...).

        An article's actor is its linked knowledge-base actor
        (``article_actors.kb_actor_id``), else the id found in it; each counts
        once per article.  Most articles first, then by id.
        """
        if self._actors_key != self._key:
            self._load_actors(conn)
        art = self._actor_article
        if not rowids or not len(art):
            return []
        wanted = np.fromiter(rowids, dtype=np.int64, count=len(rowids))
        if self._fast and int(art.min()) >= 0:
            mask = np.zeros(max(int(art.max()), int(wanted.max())) + 1, dtype=bool)
            mask[wanted] = True
            chosen = mask[art]
        else:
            chosen = np.isin(art, wanted)
        counts = np.bincount(self._actor_index[chosen], minlength=len(self._actor_ids))
        ids = self._actor_ids
        found = sorted(((-int(counts[i]), ids[i]) for i in np.flatnonzero(counts)))[:top]
        return [(a, -n) for n, a in found]

    def _load_actors(self, conn: sqlite3.Connection) -> None:
        cur = conn.cursor()
        cur.row_factory = None
        rowid_of = dict(cur.execute("SELECT id, rowid FROM articles"))
        index: dict[str, int] = {}
        pairs = {(r, index.setdefault(actor, len(index)))
                 for aid, actor in cur.execute(
                     "SELECT article_id, coalesce(kb_actor_id, actor_id) FROM article_actors")
                 if (r := rowid_of.get(aid)) is not None}
        self._actor_article = np.fromiter((p[0] for p in pairs), dtype=np.int64,
                                          count=len(pairs))
        self._actor_index = np.fromiter((p[1] for p in pairs), dtype=np.int32, count=len(pairs))
        self._actor_ids = list(index)
        self._actors_key = self._key


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
