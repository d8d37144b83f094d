"""Knowledge-base queries: events, dyads, graph aggregation, Parquet export (events issue).

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn``
(an sqlite3 connection whose rows are ``sqlite3.Row``).

An actor given to a filter ("USA", "person:antony-blinken", "Antony Blinken")
matches an event's actor when it is that actor's id, its linked knowledge-base
id, its name, the state it acts for (``country``), or a member of a group.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Any, Iterator

from ..errors import QueryError
from .bounds import date_bound, upper
from ..models import EVENT_TYPES, QUAD_CLASS
from .q_clusters import event_ids_once

__all__ = ["EventQueries", "EventFilter", "Graph", "MODALITIES"]

MODALITIES = ("asserted", "intended", "hypothetical", "negated")
PERIODS = ("week", "month", "year")

_ACTOR_MATCH = """EXISTS (
    SELECT 1 FROM event_actors ea
    LEFT JOIN article_actors aa ON aa.article_id = e.article_id AND aa.actor_id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = '{role}' AND (
        ea.actor_id = :{p} OR aa.kb_actor_id = :{p} OR aa.country = :{p}
        OR aa.name = :{p} COLLATE NOCASE
        OR EXISTS (SELECT 1 FROM json_each(COALESCE(aa.members, '[]')) WHERE value = :{p})))"""

_COLUMNS = """e.id, e.article_id, e.seq, e.type, e.quad, e.mode, e.source, e.target, e.modality,
    e.context, e.reported_by, e.date, e.date_granularity, e.location, e.trigger, e.trigger_start,
    e.trigger_end, e.sentence_start, e.sentence_end, e.cameo, e.rule, e.confidence, e.published"""


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by event listings, dyads and graph exports (all optional)."""

    source: str | None = None
    target: str | None = None
    type: str | None = None  # one PLOVER type, or several separated by commas
    modality: str | None = None  # one modality, or several separated by commas
    since: str | None = None  # YYYY[-MM[-DD]], compared with the event date
    until: str | None = None
    dedupe: bool = False  # one event per (story, type, source, target, date)

    def where(self) -> tuple[str, dict[str, Any]]:
        clauses, params = [], {}
        if self.source:
            clauses.append(_ACTOR_MATCH.format(role="source", p="src"))
            params["src"] = self.source
        if self.target:
            clauses.append(_ACTOR_MATCH.format(role="target", p="tgt"))
            params["tgt"] = self.target
        if self.type:
            types = _split(self.type, EVENT_TYPES, "type", upper=True)
            clauses.append(f"e.type IN ({', '.join(f':t{i}' for i in range(len(types)))})")
            params.update({f"t{i}": t for i, t in enumerate(types)})
        if self.modality:
            mods = _split(self.modality, MODALITIES, "modality")
            clauses.append(f"e.modality IN ({', '.join(f':m{i}' for i in range(len(mods)))})")
            params.update({f"m{i}": m for i, m in enumerate(mods)})
        if self.since:
            clauses.append("COALESCE(e.date, e.published) >= :since")
            params["since"] = date_bound(self.since, "--since", code="E532")
        if self.until:
            # "2022-01" includes every day of January: compare on a prefix-padded bound
            clauses.append("COALESCE(e.date, e.published) <= :until")
            params["until"] = upper(date_bound(self.until, "--until", code="E532"))
        if self.dedupe:
            clauses.append(f"e.id IN ({event_ids_once()})")
        return (" AND ".join(clauses) or "1"), params


def _split(value: str, allowed: tuple[str, ...], what: str, *, upper: bool = False) -> list[str]:
    vals = [v.strip().upper() if upper else v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [v for v in vals if v not in allowed]
    if bad:
        raise QueryError(f"unknown {what} {', '.join(bad)}; expected one of {', '.join(allowed)}",
                         code="E531")
    return vals



def period_of(date: str | None, by: str) -> str | None:
    """The week (``2022-W01``), month (``2022-01``) or year an event date falls in.

    A date coarser than the period asked for keeps its own granularity ("2022-01" by week
    stays "2022-01"), so nothing is put in a week it may not belong to.
    """
    if not date:
        return None
    if by == "year":
        return date[:4]
    if "-W" in date:
        return date if by == "week" else date[:4]
    if by == "month":
        return date[:7]
    if len(date) == 10:
        y, w, _ = _date.fromisoformat(date).isocalendar()
        return f"{y}-W{w:02d}"
    return date


@dataclass
class Graph:
    """Actors as nodes; events aggregated into weighted, typed, dated edges."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)


class EventQueries:
    """Events, dyads and graph exports over the ``events`` and ``event_actors`` tables."""

    def events(self, *, filter: EventFilter = EventFilter(), limit: int | None = None,
               article_id: str | None = None) -> list[dict[str, Any]]:
        """Events matching ``filter``, newest first, each with its sentence text and headline."""
        return list(self.iter_events(filter=filter, limit=limit, article_id=article_id))

    def iter_events(self, *, filter: EventFilter = EventFilter(), limit: int | None = None,
                    article_id: str | None = None) -> Iterator[dict[str, Any]]:
        where, params = filter.where()
        if article_id:
            where += " AND e.article_id = :aid"
            params["aid"] = article_id
        sql = (f"SELECT {_COLUMNS}, a.headline, a.publication, a.url, "
               "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
               f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where} "
               "ORDER BY COALESCE(e.date, e.published) DESC, e.article_id, e.seq")
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = int(limit)
        cur = self.conn.execute(sql, params)
        countries = _CountryCache(self.conn)
        for row in cur:
            d = dict(row)
            for key in ("source", "target", "context"):
                d[key] = json.loads(d[key] or "[]")
            d["quad"] = d["quad"] or QUAD_CLASS.get(d["type"])
            d["source_countries"] = countries.of(d["article_id"], d["source"])
            d["target_countries"] = countries.of(d["article_id"], d["target"])
            yield d

    def dyad(self, a: str, b: str, *, by: str = "month", filter: EventFilter = EventFilter(),
             dedupe: bool = True) -> dict[str, Any]:
        """Events between ``a`` and ``b`` in both directions, counted by period, type and quad class.

        ``dedupe`` (the default) counts a story once: the same event (type, source,
        target, date) reported by several near-duplicate articles is one event.

        Returns ``{"a", "b", "by", "total", "by_type": {(direction, type): n},
        "by_quad": {(direction, quad): n}, "periods": [{"period", "direction", "type", "quad", "n"}]}``
        where direction is ``"a->b"``, ``"b->a"``, or ``"a&b"`` when both act together
        ("Atlantis and Lemuria held talks").
        """
        if by not in PERIODS:
            raise QueryError(f"--by {by!r}: expected one of {', '.join(PERIODS)}", code="E533")
        rows: Counter = Counter()
        seen: set[int] = set()
        for direction, src, tgt, both in (("a->b", a, b, None), ("b->a", b, a, None),
                                          ("a&b", a, None, b)):
            f = EventFilter(source=src, target=tgt, type=filter.type, modality=filter.modality,
                            since=filter.since, until=filter.until, dedupe=dedupe)
            for ev in self.iter_events(filter=f):
                if ev["id"] in seen:
                    continue
                if both is not None and not self._has_actor(ev, both, "source"):
                    continue
                seen.add(ev["id"])
                rows[(period_of(ev["date"] or ev["published"], by), direction, ev["type"],
                      ev["quad"])] += 1
        by_type: Counter = Counter()
        by_quad: Counter = Counter()
        for (period, direction, etype, quad), n in rows.items():
            by_type[(direction, etype)] += n
            by_quad[(direction, quad)] += n
        periods = [{"period": p, "direction": d, "type": t, "quad": q, "n": n}
                   for (p, d, t, q), n in sorted(rows.items(), key=lambda kv: (kv[0][0] or "", kv[0][1:]))]
        return {"a": a, "b": b, "by": by, "total": sum(rows.values()), "by_type": dict(by_type),
                "by_quad": dict(by_quad), "periods": periods}

    def _has_actor(self, ev: dict[str, Any], actor: str, role: str) -> bool:
        where = _ACTOR_MATCH.format(role=role, p="x")
        return self.conn.execute(f"SELECT 1 FROM events e WHERE e.id = :id AND {where}",
                                 {"id": ev["id"], "x": actor}).fetchone() is not None

    def event_graph(self, *, filter: EventFilter = EventFilter(), countries: bool = False) -> Graph:
        """Aggregate events into a graph: one edge per (source, target, type).

        With ``countries`` actors are collapsed into the states they act for (people,
        organisations with a country, groups into their members).
        """
        g = Graph()
        actors = _ActorCache(self.conn)
        for ev in self.iter_events(filter=filter):
            srcs = [actors.node(ev["article_id"], s, countries) for s in ev["source"]]
            tgts = [actors.node(ev["article_id"], t, countries) for t in ev["target"]]
            for n in (*srcs, *tgts):
                for node in n:
                    g.nodes.setdefault(node["id"], node)
            for s in (x["id"] for n in srcs for x in n):
                for t in (x["id"] for n in tgts for x in n):
                    if s == t:
                        continue
                    e = g.edges.setdefault((s, t, ev["type"]), {
                        "source": s, "target": t, "type": ev["type"], "quad": ev["quad"],
                        "weight": 0, "first": None, "last": None, "modalities": Counter()})
                    e["weight"] += 1
                    d = ev["date"] or ev["published"]
                    if d:
                        e["first"] = d if e["first"] is None or d < e["first"] else e["first"]
                        e["last"] = d if e["last"] is None or d > e["last"] else e["last"]
                    e["modalities"][ev["modality"]] += 1
        return g

    def export_graph(self, path: str, *, format: str = "graphml", filter: EventFilter = EventFilter(),
                     countries: bool = False) -> tuple[int, int]:
        """Write the event graph as GraphML or GEXF; returns (nodes, edges)."""
        from .q_events_export import write_gexf, write_graphml

        writers = {"graphml": write_graphml, "gexf": write_gexf}
        if format not in writers:
            raise QueryError(f"--graph {format!r}: expected graphml or gexf", code="E534")
        g = self.event_graph(filter=filter, countries=countries)
        with open(path, "w", encoding="utf-8") as f:
            writers[format](g, f)
        return len(g.nodes), len(g.edges)

    def export_events_parquet(self, path: str, *, filter: EventFilter = EventFilter()) -> int:
        """Write the events table (with list columns for actors and context) to Parquet."""
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise QueryError("Parquet export needs pyarrow: pip install 'newsgraph[scale]'",
                             code="E535") from exc
        rows = []
        for ev in self.iter_events(filter=filter):
            ev = dict(ev)
            for key in ("headline", "publication", "url"):
                ev.pop(key, None)
            rows.append(ev)
        schema = pa.schema([
            ("id", pa.int64()), ("article_id", pa.string()), ("seq", pa.int64()),
            ("type", pa.string()), ("quad", pa.string()), ("mode", pa.string()),
            ("source", pa.list_(pa.string())), ("target", pa.list_(pa.string())),
            ("modality", pa.string()), ("context", pa.list_(pa.string())),
            ("reported_by", pa.string()), ("date", pa.string()), ("date_granularity", pa.string()),
            ("location", pa.string()), ("trigger", pa.string()), ("trigger_start", pa.int64()),
            ("trigger_end", pa.int64()), ("sentence_start", pa.int64()), ("sentence_end", pa.int64()),
            ("cameo", pa.string()), ("rule", pa.string()), ("confidence", pa.float64()),
            ("published", pa.string()), ("sentence", pa.string()),
            ("source_countries", pa.list_(pa.string())), ("target_countries", pa.list_(pa.string())),
        ])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
        return len(rows)


class _CountryCache:
    """Actor id -> country for one article at a time (events come grouped by article)."""

    def __init__(self, conn):
        self.conn = conn
        self.article: str | None = None
        self.map: dict[str, tuple[str | None, list[str]]] = {}

    def _load(self, article_id: str) -> None:
        if article_id != self.article:
            self.article = article_id
            self.map = {r["actor_id"]: (r["country"], json.loads(r["members"] or "[]"))
                        for r in self.conn.execute(
                            "SELECT actor_id, country, members FROM article_actors WHERE article_id = ?",
                            (article_id,))}

    def of(self, article_id: str, ids: list[str]) -> list[str]:
        self._load(article_id)
        out: list[str] = []
        for i in ids:
            country, members = self.map.get(i, (None, []))
            found = [country] if country else [m for m in members if m] or (
                [i] if len(i) == 3 and i.isalpha() and i.isupper() else [])
            out.extend(c for c in found if c not in out)
        return out


class _ActorCache:
    """Graph nodes for article-local actor ids (linked knowledge-base ids preferred)."""

    def __init__(self, conn):
        self.conn = conn
        self.rows: dict[tuple[str, str], dict] = {}

    def _row(self, article_id: str, actor_id: str) -> dict:
        key = (article_id, actor_id)
        if key not in self.rows:
            r = self.conn.execute(
                "SELECT actor_id, kb_actor_id, name, kind, country, sector, members FROM article_actors "
                "WHERE article_id = ? AND actor_id = ?", key).fetchone()
            self.rows[key] = dict(r) if r else {"actor_id": actor_id, "kb_actor_id": None,
                                                "name": actor_id, "kind": "unknown", "country": None,
                                                "sector": None, "members": "[]"}
        return self.rows[key]

    def node(self, article_id: str, actor_id: str, countries: bool) -> list[dict[str, Any]]:
        r = self._row(article_id, actor_id)
        if countries:
            codes = [r["country"]] if r["country"] else json.loads(r["members"] or "[]")
            if not codes and r["kind"] == "country":
                codes = [r["actor_id"]]
            return [{"id": c, "label": c, "kind": "country", "country": c, "sector": None}
                    for c in codes if c]
        nid = r["kb_actor_id"] or r["actor_id"]
        return [{"id": nid, "label": r["name"], "kind": r["kind"], "country": r["country"],
                 "sector": r["sector"]}]
