"""Events: listings, dyads and timelines, by the one actor rule and the one day.

Every function takes the connection and a :class:`~newsgraph.query.filters.Filter`.
Events come newest first (by their day, then id).  Periods (week, month, year) are
those of the event's day (:func:`~newsgraph.query.filters.period_of`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import QueryError
from ..models import QUAD_CLASS
from .actors import RULE, Resolved, party_sql, resolve
from .clusters import event_ids_once
from .filters import PERIODS, Filter, order_sql, page_bounds, period_of, upper
from .listing import Listing, Record

__all__ = ["EventRecord", "Events", "DyadCount", "Dyad", "TimelineCount", "EVENT_FILTERS",
           "events", "iter_events", "count_events", "dyad", "timeline", "event_where", "event_records",
           "EVENT_COLUMNS"]

#: The filter fields event queries take.
EVENT_FILTERS = ("source", "target", "actor", "type", "modality", "since", "until", "dedupe",
                 "article_id", "publication", "language", "country")

EVENT_COLUMNS = ("e.id, e.article_id, e.seq, e.type, e.quad, e.mode, e.source, e.target, e.modality, "
            "e.context, e.reported_by, e.date, e.date_granularity, e.location, e.trigger, "
            "e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, e.cameo, e.rule, "
            "e.confidence, e.published, e.day, a.headline, a.publication, a.url, "
            "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence")


@dataclass(frozen=True)
class EventRecord(Record):
    """One stored event with its sentence, article and the states of its actors."""

    id: int
    article_id: str
    seq: int
    type: str
    quad: str | None
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    modality: str
    context: tuple[str, ...]
    reported_by: str | None
    date: str | None
    date_granularity: str | None
    location: str | None
    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None
    sentence_start: int | None
    sentence_end: int | None
    cameo: str | None
    rule: str | None
    confidence: float | None
    published: str | None
    day: str | None  # the event's date when it names a day, else the publication date
    headline: str | None
    publication: str | None
    url: str | None
    sentence: str | None
    source_countries: tuple[str, ...] = ()
    target_countries: tuple[str, ...] = ()
    direction: str | None = None  # in a dyad: a->b, b->a or a&b

    @property
    def month(self) -> str | None:
        return period_of(self.day, "month")

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["month"] = self.month
        if self.direction is None:
            d.pop("direction")
        return d


@dataclass(frozen=True)
class Events(Listing[EventRecord]):
    """A page of events, with the filter and what its actors were resolved to."""

    filter: Filter = field(default_factory=Filter)
    actors: tuple[Resolved, ...] = ()

    noun = "event"

    def to_dict(self) -> dict[str, Any]:
        return super().to_dict() | {"filter": self.filter.to_dict(),
                                    "actors": [r.to_dict() for r in self.actors]}


@dataclass(frozen=True)
class TimelineCount(Record):
    period: str
    type: str
    quad: str | None
    n: int


@dataclass(frozen=True)
class DyadCount(Record):
    period: str | None
    direction: str  # a->b | b->a | a&b (both act together)
    type: str
    quad: str | None
    n: int


@dataclass(frozen=True)
class Dyad(Record):
    """Events between two actors, each counted once: ``a->b``, else ``b->a``, else
    ``a&b`` (both among the sources: "Atlantis and Lemuria held talks")."""

    a: Resolved
    b: Resolved
    by: str
    total: int
    counts: tuple[DyadCount, ...]
    events: Events
    filter: Filter = field(default_factory=Filter)

    def by_type(self) -> dict[tuple[str, str], int]:
        out: Counter = Counter()
        for c in self.counts:
            out[(c.direction, c.type)] += c.n
        return dict(out)

    def by_quad(self) -> dict[tuple[str, str | None], int]:
        out: Counter = Counter()
        for c in self.counts:
            out[(c.direction, c.quad)] += c.n
        return dict(out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(), "b": self.b.to_dict(), "by": self.by, "total": self.total,
            "periods": [c.to_dict() for c in self.counts],
            "by_type": [{"direction": d, "type": t, "n": n} for (d, t), n in self.by_type().items()],
            "by_quad": [{"direction": d, "quad": q, "n": n} for (d, q), n in self.by_quad().items()],
            "events": self.events.to_dict(), "filter": self.filter.to_dict(), "rule": RULE,
        }


# -- SQL -------------------------------------------------------------------------------

def event_where(conn: sqlite3.Connection, f: Filter) -> tuple[str, list, tuple[Resolved, ...]]:
    """The WHERE clause on ``events e`` for ``f`` (its parameters, the actors resolved)."""
    conds, params, found = [], [], []
    for name, role in (("source", "source"), ("target", "target"), ("actor", None)):
        spec = getattr(f, name)
        if not spec:
            continue
        r = resolve(conn, spec)
        found.append(r)
        sub = party_sql(r.ids, params)
        if role:
            sub += " AND role = ?"
            params.append(role)
        conds.append(f"e.id IN (SELECT event_id FROM event_parties WHERE {sub})")
    if f.type:
        conds.append(f"e.type IN ({', '.join('?' * len(f.type))})")
        params += f.type
    if f.modality:
        conds.append(f"e.modality IN ({', '.join('?' * len(f.modality))})")
        params += f.modality
    if f.since:
        conds.append("e.day >= ?")
        params.append(f.since)
    if f.until:
        conds.append("e.day <= ?")
        params.append(upper(f.until))
    if f.article_id:
        conds.append("e.article_id = ?")
        params.append(f.article_id)
    art = [(c, getattr(f, c)) for c in ("publication", "language", "country") if getattr(f, c)]
    if art:
        conds.append("e.article_id IN (SELECT id FROM articles WHERE "
                     + " AND ".join(f"{c} = ?" for c, _ in art) + ")")
        params += [v for _, v in art]
    if f.dedupe:
        conds.append(f"e.id IN ({event_ids_once()})")
    return (" AND ".join(conds) or "1"), params, tuple(found)


def _countries(conn: sqlite3.Connection, ids: list[int]) -> dict[tuple[int, str, str], list[str]]:
    """(event id, role, actor id) -> the states that actor counts for, for these events."""
    out: dict[tuple[int, str, str], list[str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in conn.execute(
                "SELECT event_id, role, actor_id, party FROM event_parties WHERE is_country = 1 "
                f"AND event_id IN ({','.join('?' * len(chunk))}) ORDER BY party", chunk):
            out.setdefault((r[0], r[1], r[2]), []).append(r[3])
    return out


def event_records(conn: sqlite3.Connection, rows: list, direction: dict[int, str] | None = None
             ) -> list[EventRecord]:
    states = _countries(conn, [r["id"] for r in rows])
    out = []
    for r in rows:
        d = dict(r)
        src, tgt = tuple(json.loads(d["source"] or "[]")), tuple(json.loads(d["target"] or "[]"))

        def of(role: str, ids: tuple[str, ...]) -> tuple[str, ...]:
            found: list[str] = []
            for i in ids:
                found += [c for c in states.get((d["id"], role, i), ()) if c not in found]
            return tuple(found)

        d.update(source=src, target=tgt, context=tuple(json.loads(d["context"] or "[]")),
                 quad=d["quad"] or QUAD_CLASS.get(d["type"]), source_countries=of("source", src),
                 target_countries=of("target", tgt),
                 direction=(direction or {}).get(d["id"]))
        out.append(EventRecord(**d))
    return out


# -- queries ---------------------------------------------------------------------------

def count_events(conn: sqlite3.Connection, f: Filter) -> int:
    where, params, _ = event_where(conn, f.only(EVENT_FILTERS, "events"))
    return conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]


def events(conn: sqlite3.Connection, f: Filter = Filter(), *, limit: int | None = None,
           offset: int = 0, order: str = "newest") -> Events:
    """The events ``f`` matches, newest first (``order="oldest"``: oldest first);
    ``limit`` of them from ``offset`` (None: all), with the total."""
    limit, offset = page_bounds(limit, offset)
    where, params, found = event_where(conn, f.only(EVENT_FILTERS, "events"))
    total = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    way = order_sql(order)
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
        f"ORDER BY e.day {way}, e.id {way} LIMIT ? OFFSET ?",
        (*params, -1 if limit is None else limit, offset)).fetchall()
    return Events(tuple(event_records(conn, rows)), total, limit, offset, filter=f, actors=found)


def iter_events(conn: sqlite3.Connection, f: Filter = Filter(), *, limit: int | None = None,
                order: str = "newest", chunk: int = 500) -> Iterator[EventRecord]:
    """Every event ``f`` matches, in order, streamed (exports of any size)."""
    where, params, _ = event_where(conn, f.only(EVENT_FILTERS, "events"))
    way = order_sql(order)
    cur = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
        f"ORDER BY e.day {way}, e.id {way} LIMIT ?", (*params, -1 if limit is None else limit))
    while rows := cur.fetchmany(chunk):
        yield from event_records(conn, rows)


def timeline(conn: sqlite3.Connection, actor: str, f: Filter = Filter(), *,
             by: str = "month") -> tuple[TimelineCount, ...]:
    """The events of ``actor`` (either role) by period and type."""
    if by not in PERIODS:
        raise QueryError(f"--by {by!r}: expected one of {', '.join(PERIODS)}", code="E533")
    where, params, _ = event_where(conn, Filter.of(f.only(EVENT_FILTERS, "a timeline"),
                                                   actor=actor))
    counts: Counter = Counter()
    for day, typ, n in conn.execute(
            f"SELECT e.day, e.type, count(*) FROM events e WHERE {where} GROUP BY 1, 2", params):
        if (p := period_of(day, by)) is not None:
            counts[(p, typ)] += n
    return tuple(TimelineCount(p, t, QUAD_CLASS.get(t), n) for (p, t), n in sorted(counts.items()))


def dyad(conn: sqlite3.Connection, a: str, b: str, f: Filter = Filter(), *, by: str = "month",
         limit: int | None = 50, offset: int = 0) -> Dyad:
    """Events between ``a`` and ``b`` in both directions, counted by period, type and
    quad class, and a page of them (newest first) with their direction."""
    if by not in PERIODS:
        raise QueryError(f"--by {by!r}: expected one of {', '.join(PERIODS)}", code="E533")
    limit, offset = page_bounds(limit, offset)
    allowed = tuple(x for x in EVENT_FILTERS if x not in ("source", "target", "actor"))
    f.only(allowed, "a dyad")
    ra, rb = resolve(conn, a), resolve(conn, b)
    where, params, _ = event_where(conn, f)
    def pair(s_ids, t_ids, t_role):
        params: list = []
        s_in, t_in = party_sql(s_ids, params, "s.party"), party_sql(t_ids, params, "t.party")
        return (f"SELECT s.event_id FROM event_parties s CROSS JOIN event_parties t "
                f"ON t.event_id = s.event_id AND t.role = '{t_role}' "
                f"WHERE s.role = 'source' AND {s_in} AND {t_in}", params)

    ab, ab_p = pair(ra.ids, rb.ids, "target")
    ba, ba_p = pair(rb.ids, ra.ids, "target")
    both, both_p = pair(ra.ids, rb.ids, "source")
    sql = (f"WITH ab AS ({ab}), ba AS ({ba} EXCEPT SELECT event_id FROM ab), "
           f"bo AS ({both} EXCEPT SELECT event_id FROM ab EXCEPT SELECT event_id FROM ba), "
           "d AS (SELECT event_id, 'a->b' AS direction FROM ab UNION "
           "SELECT event_id, 'b->a' FROM ba UNION SELECT event_id, 'a&b' FROM bo) "
           "SELECT e.id, d.direction, e.day, e.type FROM d CROSS JOIN events e "
           f"ON e.id = d.event_id WHERE {where} ORDER BY e.day DESC, e.id DESC")
    found = conn.execute(sql, ab_p + ba_p + both_p + params).fetchall()
    counts: Counter = Counter()
    for _, direction, day, typ in found:
        counts[(period_of(day, by), direction, typ)] += 1
    rows_counts = tuple(DyadCount(p, d, t, QUAD_CLASS.get(t), n) for (p, d, t), n in sorted(
        counts.items(), key=lambda kv: (kv[0][0] or "", kv[0][1], kv[0][2])))
    page = found[offset:None if limit is None else offset + limit]
    direction = {r[0]: r[1] for r in page}
    rows = []
    if page:
        ids = [r[0] for r in page]
        by_id = {r["id"]: r for r in conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.id IN ({','.join('?' * len(ids))})", ids)}
        rows = [by_id[i] for i in ids]
    evs = Events(tuple(event_records(conn, rows, direction)), len(found), limit, offset, filter=f,
                 actors=(ra, rb))
    return Dyad(ra, rb, by, len(found), rows_counts, evs, filter=f)
