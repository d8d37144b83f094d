"""Events as a research table: one row per event, the same columns in CSV and Parquet.

:data:`EXPORT_COLUMNS` are what event-data users join on: the event and its article
(``event_id``, ``article_id``, ``published``, ``publication``, ``url``, ``headline``),
its date (``date`` as the text gives it, ``date_granularity``, and the ``day`` and
``month`` every count uses), what happened (``type``, ``mode``, ``modality``, ``quad``,
``cameo``, ``goldstein``: the Goldstein score of the CAMEO code, see
:mod:`newsgraph.query.cameo`), who did it to whom (per side: ``*_ids``, ``*_names``,
``*_codes`` one per actor in the same order, the CAMEO-style actor code such as
``GBRGOV``; ``*_countries`` the states the side counts for by the actor rule), and how
it was found (``confidence``, ``rule``, ``trigger``, ``reported_by``, ``location``,
``context``, ``sentence``).  List columns are lists in Parquet and ``|``-joined in CSV.
"""

from __future__ import annotations

import csv
import sqlite3
from typing import Any, Iterable, Iterator, TextIO

from ..errors import QueryError
from .cameo import actor_code, goldstein
from .events import EventRecord, iter_events
from .filters import Filter

__all__ = ["EXPORT_COLUMNS", "LIST_COLUMNS", "export_rows", "event_rows", "write_events_csv",
           "export_events_parquet", "csv_value"]

EXPORT_COLUMNS = (
    "event_id", "article_id", "published", "publication", "url", "headline",
    "date", "date_granularity", "day", "month",
    "type", "mode", "modality", "quad", "cameo", "goldstein",
    "source_ids", "source_names", "source_countries", "source_codes",
    "target_ids", "target_names", "target_countries", "target_codes",
    "confidence", "rule", "trigger", "reported_by", "location", "context", "sentence",
)
LIST_COLUMNS = frozenset(("source_ids", "source_names", "source_countries", "source_codes",
                          "target_ids", "target_names", "target_countries", "target_codes",
                          "context"))


class _Actors:
    """Names, states and sectors of the actors of events, looked up once per actor."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.rows: dict[tuple[str, str], tuple] = {}
        self.kb: dict[str, tuple] = {}

    def load(self, events: list[EventRecord]) -> None:
        want = {(e.article_id, a) for e in events for a in (*e.source, *e.target)}
        want -= set(self.rows)
        by_article: dict[str, list[str]] = {}
        for aid, actor in want:
            by_article.setdefault(aid, []).append(actor)
        for aid, ids in by_article.items():
            for r in self.conn.execute(
                    "SELECT actor_id, name, kind, country, sector, kb_actor_id FROM article_actors "
                    f"WHERE article_id = ? AND actor_id IN ({','.join('?' * len(ids))})",
                    (aid, *ids)):
                self.rows[(aid, r[0])] = tuple(r[1:])
            for actor in ids:
                self.rows.setdefault((aid, actor), (None, None, None, None, None))
        linked = {r[4] for r in self.rows.values() if r[4] and r[4] not in self.kb}
        for kb_id in linked:
            r = self.conn.execute("SELECT name, kind, country, sector FROM actors WHERE id = ?",
                                  (kb_id,)).fetchone()
            self.kb[kb_id] = tuple(r) if r else (None, None, None, None)

    def describe(self, article_id: str, actor: str) -> tuple[str, str | None]:
        """(name, CAMEO-style code) of one actor of one article."""
        name, kind, country, sector, kb_id = self.rows.get((article_id, actor)) or (None,) * 5
        if kb_id:
            k_name, _k_kind, k_country, k_sector = self.kb.get(kb_id) or (None,) * 4
            name, country, sector = k_name or name, country or k_country, sector or k_sector
        if kind == "country" or (not kind and len(actor) == 3 and actor.isupper()):
            country = actor
        return name or actor, actor_code(country, sector)


def export_rows(conn: sqlite3.Connection, f: Filter = Filter(), *,
                chunk: int = 500) -> Iterator[dict[str, Any]]:
    """One dict per event ``f`` matches, oldest first, with :data:`EXPORT_COLUMNS`."""
    return event_rows(conn, iter_events(conn, f, order="oldest", chunk=chunk), chunk=chunk)


def event_rows(conn: sqlite3.Connection, events: Iterable[EventRecord], *,
               chunk: int = 500) -> Iterator[dict[str, Any]]:
    """The export row (:data:`EXPORT_COLUMNS`) of each event record, in their order."""
    actors = _Actors(conn)
    batch: list[EventRecord] = []

    def rows() -> Iterator[dict[str, Any]]:
        actors.load(batch)
        for e in batch:
            sides = {}
            for role, ids in (("source", e.source), ("target", e.target)):
                described = [actors.describe(e.article_id, i) for i in ids]
                sides.update({f"{role}_ids": list(ids),
                              f"{role}_names": [d[0] for d in described],
                              f"{role}_codes": [d[1] for d in described]})
            yield {
                "event_id": e.id, "article_id": e.article_id, "published": e.published,
                "publication": e.publication, "url": e.url, "headline": e.headline,
                "date": e.date, "date_granularity": e.date_granularity, "day": e.day,
                "month": e.month, "type": e.type, "mode": e.mode, "modality": e.modality,
                "quad": e.quad, "cameo": e.cameo, "goldstein": goldstein(e.cameo),
                **sides, "source_countries": list(e.source_countries),
                "target_countries": list(e.target_countries), "confidence": e.confidence,
                "rule": e.rule, "trigger": e.trigger, "reported_by": e.reported_by,
                "location": e.location, "context": list(e.context), "sentence": e.sentence,
            }

    for ev in events:
        batch.append(ev)
        if len(batch) >= chunk:
            yield from rows()
            batch = []
    if batch:
        yield from rows()


def csv_value(column: str, value: Any) -> Any:
    """A value as CSV writes it: lists joined by ``|`` (an empty item where a list holds
    no value), everything else as it is."""
    if column in LIST_COLUMNS:
        return "|".join("" if v is None else str(v) for v in value or ())
    return value


def write_events_csv(rows, out: TextIO) -> int:
    """Write export rows as CSV with a header of :data:`EXPORT_COLUMNS`; returns the count."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(EXPORT_COLUMNS)
    n = 0
    for r in rows:
        w.writerow([csv_value(c, r[c]) for c in EXPORT_COLUMNS])
        n += 1
    return n


def export_events_parquet(conn: sqlite3.Connection, path: str, f: Filter = Filter()) -> int:
    """Write the events ``f`` matches as Parquet with :data:`EXPORT_COLUMNS` (list columns
    as lists of strings); returns the row count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise QueryError("Parquet export needs pyarrow: pip install 'newsgraph[scale]'",
                         code="E535") from exc
    types = {"event_id": pa.int64(), "goldstein": pa.float64(), "confidence": pa.float64()}
    schema = pa.schema([(c, pa.list_(pa.string()) if c in LIST_COLUMNS
                         else types.get(c, pa.string())) for c in EXPORT_COLUMNS])
    rows = list(export_rows(conn, f))
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)
