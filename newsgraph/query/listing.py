"""Typed query results: records with ``to_dict()``, lists that say how much they hold.

Every list a query returns is a :class:`Listing`: its ``items`` (frozen records), the
``total`` that matched, and the ``limit`` and ``offset`` that cut them, so a page
can say "first 100 of 380" (:meth:`Listing.summary`) and never stops silently.  It
iterates, indexes and measures like a tuple of its items; ``to_dict()`` is what
``--json`` and the explorer's JSON twins print, ``to_pandas()`` a DataFrame (pandas
is optional), ``to_rows()`` flat dicts for CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar, Generic, Iterator, TypeVar

__all__ = ["Record", "Listing", "to_dataframe", "flat", "sort_sql", "sorted_ids_sql",
           "SORT_IN_MEMORY"]

T = TypeVar("T", bound="Record")


def to_dataframe(rows: list[dict[str, Any]], columns: list[str] | None = None):
    """A pandas DataFrame of ``rows``; a clear error where pandas is not installed."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from ..errors import QueryError

        raise QueryError("to_pandas() needs pandas: pip install 'newsgraph[notebook]'",
                         code="E510") from exc
    return pd.DataFrame(rows, columns=columns)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def flat(d: dict[str, Any], *, sep: str = "|") -> dict[str, Any]:
    """One level of ``d`` for a CSV row: lists joined by ``sep``, nested dicts as ``key.sub``."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            for sk, sv in v.items():
                out[f"{k}.{sk}"] = sep.join(map(str, sv)) if isinstance(sv, list) else sv
        elif isinstance(v, list):
            out[k] = sep.join(str(x) for x in v)
        else:
            out[k] = v
    return out


class Record:
    """A frozen dataclass record: ``to_dict()`` gives its fields as JSON-able values."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    def to_row(self) -> dict[str, Any]:
        return flat(self.to_dict())


@dataclass(frozen=True)
class Listing(Generic[T]):
    """``items`` of ``total`` matches, from ``offset``, at most ``limit`` (None: all)."""

    items: tuple[T, ...]
    total: int
    limit: int | None
    offset: int = 0

    noun: ClassVar[str] = "item"

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def complete(self) -> bool:
        """Whether the items are every match."""
        return self.offset == 0 and len(self.items) == self.total

    def summary(self) -> str:
        """"380 events", "first 100 of 380 events" or "201-300 of 380 events"."""
        noun = self.noun if self.total == 1 else self.noun + "s"
        if self.complete:
            return f"{self.total} {noun}"
        if not self.items:
            return f"none of {self.total} {noun} from {self.offset + 1}"
        if self.offset == 0:
            return f"first {len(self.items)} of {self.total} {noun}"
        return f"{self.offset + 1}-{self.offset + len(self.items)} of {self.total} {noun}"

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": [i.to_dict() for i in self.items]}

    def to_rows(self) -> list[dict[str, Any]]:
        return [i.to_row() for i in self.items]

    def to_pandas(self):
        return to_dataframe([i.to_dict() for i in self.items])


def sort_sql(sort: str, columns: dict[str, str]) -> tuple[str, str]:
    """``(column SQL, "ASC"|"DESC")`` of a sort key (``type``; ``-type`` descending);
    ``[E508]`` when ``columns`` has no such key."""
    key = sort.strip()
    desc = key.startswith("-")
    key = key.lstrip("-")
    if key not in columns:
        from ..errors import QueryError

        raise QueryError(f"sort {sort!r}: expected one of {', '.join(columns)} "
                         "(- before it for descending)", code="E508")
    return columns[key], "DESC" if desc else "ASC"


#: A list sorted by a column holds at most this many matches to be sorted in memory;
#: with more, the column's index is walked and each row checked against the filter.
SORT_IN_MEMORY = 5_000


def sorted_ids_sql(table: str, alias: str, column: str, way: str, ids: tuple[str, list],
                   where: tuple[str, list], *, matched: int) -> tuple[str, list]:
    """``(SELECT, parameters)`` of the ids of the matching rows of ``table`` (``alias``)
    by a sort column: one of the table (``e.type``) or of its article (``a.publication``).

    ``ids`` selects the matching ids, ``where`` is the same filter as a condition on
    the table.  The whole order follows ``way``: the column, then the article (for an
    article's column) or the day or date, then the id, so that an index on the column
    gives the order from either end.  Up to :data:`SORT_IN_MEMORY` rows ``matched``
    are looked up by id and sorted; past that, the walk follows the column's index
    (the articles first, for an article's column), each row checked by ``where``."""
    on_article = column.startswith("a.")
    date = {"e": "e.day", "q": "q.published"}[alias]
    tie = f"a.rowid {way}, {alias}.id {way}" if on_article else \
        f"{date} {way}, {alias}.id {way}"
    order = f"ORDER BY {column} {way}, {tie}"
    if matched <= SORT_IN_MEMORY:
        join = f" CROSS JOIN articles a ON a.id = {alias}.article_id" if on_article else ""
        return (f"SELECT {alias}.id FROM {table} {alias}{join} WHERE {alias}.id IN "
                f"({ids[0]}) {order}", list(ids[1]))
    src = f"articles a CROSS JOIN {table} {alias} ON {alias}.article_id = a.id" if on_article \
        else f"{table} {alias}"
    return f"SELECT {alias}.id FROM {src} WHERE {where[0]} {order}", list(where[1])
