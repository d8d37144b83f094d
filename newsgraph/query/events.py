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
from .actors import RULE, Filtered, Resolved, party_sql, resolve
from .clusters import event_ids_once
from .arrivals import arrived_sql, few_arrived
from .filters import PERIODS, Filter, order_sql, page_bounds, period_of, upper
from .listing import Record, sort_sql, sorted_ids_sql
from .words import count_words, words_sql

__all__ = ["EventRecord", "Events", "DyadCount", "Dyad", "TimelineCount", "EVENT_FILTERS",
           "events", "iter_events", "count_events", "dyad", "timeline", "event_where", "event_records",
           "EVENT_COLUMNS", "EVENT_SORTS"]

#: The filter fields event queries take.
EVENT_FILTERS = ("source", "target", "actor", "type", "modality", "since", "until", "dedupe",
                 "article_id", "publication", "language", "country", "text", "arrived_since",
                 "arrived_until")

#: The columns events can be sorted by (``sort="type"``, ``sort="-arrived"`` descending);
#: ties are broken newest day first.
EVENT_SORTS = {"day": "e.day", "type": "e.type", "quad": "e.quad", "modality": "e.modality",
               "confidence": "e.confidence", "publication": "a.publication",
               "headline": "a.headline", "arrived": "a.ingested_at"}

EVENT_COLUMNS = ("e.id, e.article_id, e.seq, e.type, e.quad, e.mode, e.source, e.target, e.modality, "
            "e.context, e.reported_by, e.date, e.date_granularity, e.location, e.trigger, "
            "e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end, e.cameo, e.rule, "
            "e.confidence, e.published, e.day, a.headline, a.publication, a.url, "
            "a.ingested_at AS arrived, "
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
    arrived: str | None = None  # when its article arrived (ingested_at, UTC)

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
class Events(Filtered[EventRecord]):
    """A page of events, with the filter and what its actors were resolved to."""

    noun = "event"


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

@dataclass(frozen=True)
class _Where:
    """A filter as SQL: ``events e`` conditions, and the actor condition that drives
    the query through ``event_parties p`` (its index is ordered by day) when there is one."""

    e_sql: str  # on events e ("1": none)
    e_params: list
    found: tuple[Resolved, ...]
    p_sql: str | None = None  # on event_parties p: the first actor, with the day and type
    p_params: list = field(default_factory=list)


def _where(conn: sqlite3.Connection, f: Filter, *, drive: bool = True,
           by_day: bool = False) -> _Where:
    """``by_day``: the events are to be walked newest first (the index on the day), so
    the type is checked on each, never used to find them ("+type")."""
    conds, params, found = [], [], []
    p_sql, p_params = None, []
    roles = [(resolve(conn, getattr(f, name), strict=True), role)
             for name, role in (("source", "source"), ("target", "target"), ("actor", None))
             if getattr(f, name)]
    if drive and roles and few_arrived(conn, f, "event_parties", roles[0][0].ids,
                                       _EVENTS_PER_ARTICLE):
        drive = False  # the events of the few articles that arrived, checked for the actor
    for r, role in roles:
        found.append(r)
        if not drive and f.arrived_since:
            sub = party_sql(r.ids, params, "+x.party")  # by the event: its key, not the party
            if role:
                sub += " AND x.role = ?"
                params.append(role)
            conds.append(f"EXISTS (SELECT 1 FROM event_parties x WHERE x.event_id = e.id "
                         f"AND {sub})")
            continue
        if drive and p_sql is None:
            p_sql = party_sql(r.ids, p_params, "p.party")
            if role:
                p_sql += " AND p.role = ?"
                p_params.append(role)
            continue
        sub = party_sql(r.ids, params)
        if role:
            sub += " AND role = ?"
            params.append(role)
        conds.append(f"e.id IN (SELECT event_id FROM event_parties WHERE {sub})")
    on = "p" if p_sql is not None else "e"
    local, local_params = [], []
    if f.type:
        local.append(f"{'+' if by_day else ''}{on}.type IN ({', '.join('?' * len(f.type))})")
        local_params += f.type
    if f.since:
        local.append(f"{on}.day >= ?")
        local_params.append(f.since)
    if f.until:
        local.append(f"{on}.day <= ?")
        local_params.append(upper(f.until))
    if p_sql is not None:
        p_sql = " AND ".join([p_sql, *local])
        p_params += local_params
    else:
        conds, params = local + conds, local_params + params
    if f.modality:
        conds.append(f"e.modality IN ({', '.join('?' * len(f.modality))})")
        params += f.modality
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
    arrived = arrived_sql(f.arrived_since, f.arrived_until, params)
    if arrived:
        conds.append(f"e.article_id IN (SELECT id FROM articles WHERE {' AND '.join(arrived)})")
    conds += words_sql(f.text, params, kind="events")
    return _Where(" AND ".join(conds) or "1", params, tuple(found), p_sql, p_params)


#: Events a stored article holds, about, to weigh the articles that arrived after a
#: moment against an actor's events (:func:`~newsgraph.query.arrivals.few_arrived`).
_EVENTS_PER_ARTICLE = 4


def event_where(conn: sqlite3.Connection, f: Filter, *, by_day: bool = False
                ) -> tuple[str, list, tuple[Resolved, ...]]:
    """The WHERE clause on ``events e`` for ``f`` (its parameters, the actors resolved)."""
    w = _where(conn, f, drive=False, by_day=by_day)
    return w.e_sql, w.e_params, w.found


def _from(w: _Where) -> tuple[str, list]:
    """``FROM ... WHERE ...`` over the matching events (``p`` drives when it can)."""
    if w.p_sql is None:
        return f"FROM events e WHERE {w.e_sql}", list(w.e_params)
    join = "" if w.e_sql == "1" else " CROSS JOIN events e ON e.id = p.event_id"
    return (f"FROM event_parties p{join} WHERE {w.p_sql} AND {w.e_sql}",
            w.p_params + w.e_params)


def _count(conn: sqlite3.Connection, w: _Where) -> int:
    src, params = _from(w)
    what = "count(*)" if w.p_sql is None else "count(DISTINCT p.event_id)"
    return conn.execute(f"SELECT {what} {src}", params).fetchone()[0]


def _total(conn: sqlite3.Connection, w: _Where, f: Filter) -> int:
    """How many events match (with only words asked for, counted by their index)."""
    if set(f.given()) == {"text"}:
        return count_words(conn, f.text, kind="events")
    return _count(conn, w)


def _page_ids(conn: sqlite3.Connection, w: _Where, limit: int | None, offset: int,
              way: str, sort: str | None = None, matched: int = 0) -> list[int]:
    """The ids of one page of matching events, in order (by day, else by ``sort``;
    ``matched``: how many events match, for the way to sort them)."""
    src, params = _from(w)
    if sort is not None:
        column, desc = sort_sql(sort, EVENT_SORTS)
        if column == "e.day":
            way = desc
        else:
            ids = (f"SELECT {'e.id' if w.p_sql is None else 'p.event_id'} {src}", params)
            where = (w.e_sql, w.e_params) if w.p_sql is None else (f"+e.id IN ({ids[0]})",
                                                                   params)
            sql, args = sorted_ids_sql("events", "e", column, desc, ids, where,
                                       matched=matched)
            rows = conn.execute(sql + " LIMIT ? OFFSET ?",
                                (*args, -1 if limit is None else limit, offset)).fetchall()
            return [r[0] for r in rows]
    if w.p_sql is None:
        sql = f"SELECT e.id {src} ORDER BY e.day {way}, e.id {way}"
    else:  # the index of event_parties walks (party, role) by day
        sql = f"SELECT DISTINCT p.day, p.event_id {src} ORDER BY p.day {way}, p.event_id {way}"
    rows = conn.execute(sql + " LIMIT ? OFFSET ?",
                        (*params, -1 if limit is None else limit, offset)).fetchall()
    return [r[-1] for r in rows]


def _rows(conn: sqlite3.Connection, ids: list[int]) -> list:
    """The full rows of these events, in the order of ``ids``."""
    by_id = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        by_id.update((r["id"], r) for r in conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.id IN ({','.join('?' * len(chunk))})", chunk))
    return [by_id[i] for i in ids if i in by_id]


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
    return _count(conn, _where(conn, f.only(EVENT_FILTERS, "events")))


def events(conn: sqlite3.Connection, f: Filter = Filter(), *, limit: int | None = None,
           offset: int = 0, order: str = "newest", sort: str | None = None) -> Events:
    """The events ``f`` matches, newest first (``order="oldest"``: oldest first;
    ``sort``: by a column of :data:`EVENT_SORTS`, ``-`` before it descending);
    ``limit`` of them from ``offset`` (None: all), with the total."""
    limit, offset = page_bounds(limit, offset)
    w = _where(conn, f.only(EVENT_FILTERS, "events"))
    total = _total(conn, w, f)
    ids = _page_ids(conn, w, limit, offset, order_sql(order), sort, total)
    rows = _rows(conn, ids)
    return Events(tuple(event_records(conn, rows)), total, limit, offset, filter=f,
                  actors=w.found)


def iter_events(conn: sqlite3.Connection, f: Filter = Filter(), *, limit: int | None = None,
                order: str = "newest", chunk: int = 500,
                sort: str | None = None) -> Iterator[EventRecord]:
    """Every event ``f`` matches, in order, streamed (exports of any size)."""
    w = _where(conn, f.only(EVENT_FILTERS, "events"))
    matched = _total(conn, w, f) if sort is not None else 0
    ids = _page_ids(conn, w, limit, 0, order_sql(order), sort, matched)
    for i in range(0, len(ids), chunk):
        yield from event_records(conn, _rows(conn, ids[i:i + chunk]))


def timeline(conn: sqlite3.Connection, actor: str, f: Filter = Filter(), *,
             by: str = "month") -> tuple[TimelineCount, ...]:
    """The events of ``actor`` (either role) by period and type."""
    if by not in PERIODS:
        raise QueryError(f"--by {by!r}: expected one of {', '.join(PERIODS)}", code="E533")
    f.only(EVENT_FILTERS, "a timeline")
    counts: Counter = Counter()
    found = resolve(conn, actor)
    if not f.given() and len(found.ids) == 1 and by in ("month", "year"):
        # the running counts of party_months (each event once per party)
        for month, typ, n in conn.execute("SELECT month, type, n FROM party_months "
                                          "WHERE party = ? AND month != ''", found.ids):
            counts[(month[:4] if by == "year" else month, typ)] += n
        return tuple(TimelineCount(p, t, QUAD_CLASS.get(t), n)
                     for (p, t), n in sorted(counts.items()))
    w = _where(conn, Filter.of(f, actor=actor))
    src, params = _from(w)
    for day, typ, n in conn.execute(
            f"SELECT p.day, p.type, count(DISTINCT p.event_id) {src} GROUP BY 1, 2", params):
        if (p := period_of(day, by)) is not None:
            counts[(p, typ)] += n
    return tuple(TimelineCount(p, t, QUAD_CLASS.get(t), n) for (p, t), n in sorted(counts.items()))


def _dyad_events(conn: sqlite3.Connection, ra: Resolved, rb: Resolved,
                 f: Filter) -> list[tuple[int, str, str, str]]:
    """``(event id, direction, day, type)`` of every event between the two, newest first.

    One pass over the rarer actor's event rows, each event looked up for the other
    actor by its id; the direction is ``a->b`` when some actor of ``a`` is a source and
    one of ``b`` a target, else ``b->a``, else ``a&b`` when both are among the sources."""
    sizes = []
    for r in (ra, rb):
        params: list = []
        sizes.append(conn.execute(f"SELECT count(*) FROM event_parties WHERE "
                                  f"{party_sql(r.ids, params)}", params).fetchone()[0])
    flip = sizes[1] < sizes[0]
    drive, other = (rb, ra) if flip else (ra, rb)
    params = []
    d_in, o_in = party_sql(drive.ids, params, "d.party"), party_sql(other.ids, params, "+o.party")
    where, e_params, _ = event_where(conn, f)
    join = "" if where == "1" else " CROSS JOIN events e ON e.id = d.event_id"
    roles: dict[int, set] = {}
    info: dict[int, tuple[str, str]] = {}
    # "+o.party": the other actor's rows are found by event (primary key), not by party
    for eid, d_role, o_role, day, typ in conn.execute(
            f"SELECT d.event_id, d.role, o.role, d.day, d.type FROM event_parties d{join} "
            f"CROSS JOIN event_parties o ON o.event_id = d.event_id "
            f"WHERE {d_in} AND {o_in} AND {where}", params + e_params):
        roles.setdefault(eid, set()).add((o_role, d_role) if flip else (d_role, o_role))
        info[eid] = (day, typ)
    out = []
    for eid, pairs in roles.items():
        if ("source", "target") in pairs:
            direction = "a->b"
        elif ("target", "source") in pairs:
            direction = "b->a"
        elif ("source", "source") in pairs:
            direction = "a&b"
        else:
            continue  # both among the targets: not an act between them
        out.append((eid, direction, *info[eid]))
    out.sort(key=lambda r: (r[2], r[0]), reverse=True)
    return out


def dyad(conn: sqlite3.Connection, a: str, b: str, f: Filter = Filter(), *, by: str = "month",
         limit: int | None = 50, offset: int = 0) -> Dyad:
    """Events between ``a`` and ``b`` in both directions, counted by period, type and
    quad class, and a page of them (newest first) with their direction."""
    if by not in PERIODS:
        raise QueryError(f"--by {by!r}: expected one of {', '.join(PERIODS)}", code="E533")
    limit, offset = page_bounds(limit, offset)
    allowed = tuple(x for x in EVENT_FILTERS if x not in ("source", "target", "actor"))
    f.only(allowed, "a dyad")
    ra, rb = resolve(conn, a, strict=True), resolve(conn, b, strict=True)
    found = _dyad_events(conn, ra, rb, f)
    counts: Counter = Counter()
    for _, direction, day, typ in found:
        counts[(period_of(day, by), direction, typ)] += 1
    rows_counts = tuple(DyadCount(p, d, t, QUAD_CLASS.get(t), n) for (p, d, t), n in sorted(
        counts.items(), key=lambda kv: (kv[0][0] or "", kv[0][1], kv[0][2])))
    page = found[offset:None if limit is None else offset + limit]
    direction = {r[0]: r[1] for r in page}
    rows = _rows(conn, [r[0] for r in page])
    evs = Events(tuple(event_records(conn, rows, direction)), len(found), limit, offset, filter=f,
                 actors=(ra, rb))
    return Dyad(ra, rb, by, len(found), rows_counts, evs, filter=f)
