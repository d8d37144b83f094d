"""Events as a graph: the explorer's network and the GraphML/GEXF exports.

:func:`event_graph` aggregates the events a :class:`~newsgraph.query.filters.Filter`
matches into one edge per (source, target, PLOVER type) with its weight (events),
first and last day and modalities.  Nodes are actors (the knowledge-base actor
``newsgraph link`` linked them to, else as found), or with ``countries`` the states
they count for by the actor rule (a group once per member), labelled with their names
("North Korea", never only "PRK").  A node is an actor with an edge; ``isolated=True``
adds the actors of the matched events that have none (an event with no target).
``sample`` builds it from the newest events only (the result says how many were used).
The events as a table (CSV, Parquet) are :mod:`newsgraph.query.exports`.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from .actors import actor_names
from .events import EVENT_FILTERS, event_where
from .filters import Filter
from .listing import Record

__all__ = ["GraphNode", "GraphEdge", "Graph", "event_graph", "export_graph"]


@dataclass(frozen=True)
class GraphNode(Record):
    id: str
    label: str
    kind: str | None
    country: str | None
    sector: str | None
    weight: int  # events on its edges


@dataclass(frozen=True)
class GraphEdge(Record):
    source: str
    target: str
    type: str
    quad: str | None
    weight: int
    first: str | None
    last: str | None
    modalities: dict[str, int]


@dataclass(frozen=True)
class Graph(Record):
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    events_used: int  # the events the graph was built from
    sampled: bool  # more events matched than were used
    countries: bool = False
    filter: Filter = field(default_factory=Filter)

    def edge(self, source: str, target: str, type: str) -> GraphEdge | None:
        return next((e for e in self.edges
                     if (e.source, e.target, e.type) == (source, target, type)), None)

    def pairs(self) -> list[dict[str, Any]]:
        """Edges summed over types: ``{source, target, weight, types}``, heaviest first."""
        acc: dict[tuple[str, str], list] = {}
        for e in self.edges:
            p = acc.setdefault((e.source, e.target), [0, set()])
            p[0] += e.weight
            p[1].add(e.type)
        return [{"source": s, "target": t, "weight": w, "types": sorted(types)}
                for (s, t), (w, types) in sorted(acc.items(), key=lambda kv: (-kv[1][0], kv[0]))]

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [n.to_dict() for n in self.nodes],
                "edges": [e.to_dict() for e in self.edges], "pairs": self.pairs(),
                "events_used": self.events_used, "sampled": self.sampled,
                "countries": self.countries, "filter": self.filter.to_dict()}


_ACTOR_EDGES = """
SELECT COALESCE(sa.kb_actor_id, s.actor_id), COALESCE(ta.kb_actor_id, t.actor_id), ev.type,
       ev.quad, ev.modality, count(DISTINCT ev.id), min(ev.day), max(ev.day)
FROM ev CROSS JOIN event_actors s ON s.event_id = ev.id AND s.role = 'source'
CROSS JOIN event_actors t ON t.event_id = ev.id AND t.role = 'target'
LEFT JOIN article_actors sa ON sa.article_id = ev.article_id AND sa.actor_id = s.actor_id
LEFT JOIN article_actors ta ON ta.article_id = ev.article_id AND ta.actor_id = t.actor_id
GROUP BY 1, 2, 3, 5
"""
_UNLINKED_EDGES = """
SELECT s.actor_id, t.actor_id, ev.type, ev.quad, ev.modality, count(DISTINCT ev.id),
       min(ev.day), max(ev.day)
FROM ev CROSS JOIN event_actors s ON s.event_id = ev.id AND s.role = 'source'
CROSS JOIN event_actors t ON t.event_id = ev.id AND t.role = 'target'
GROUP BY 1, 2, 3, 5
"""
_COUNTRY_EDGES = """
SELECT s.party, t.party, ev.type, ev.quad, ev.modality, count(DISTINCT ev.id), min(ev.day),
       max(ev.day)
FROM ev CROSS JOIN event_parties s ON s.event_id = ev.id AND s.role = 'source'
CROSS JOIN event_parties t ON t.event_id = ev.id AND t.role = 'target'
WHERE s.is_country = 1 AND t.is_country = 1
GROUP BY 1, 2, 3, 5
"""


def event_graph(conn: sqlite3.Connection, f: Filter = Filter(), *, countries: bool = False,
                sample: int | None = None, max_edges: int | None = None,
                isolated: bool = False) -> Graph:
    """The events ``f`` matches as a graph (see the module); ``max_edges`` keeps the
    heaviest (source, target) pairs' edges only; ``isolated`` keeps the actors of the
    events that have no edge too (weight 0)."""
    f.only(EVENT_FILTERS, "the event graph")
    where, params, _ = event_where(conn, f)
    matched = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]
    if sample is not None:  # the newest events: walk them by day
        where, params, _ = event_where(conn, f, by_day=True)
        where += f" ORDER BY e.day DESC, e.id DESC LIMIT {int(sample)}"
    ev = (f"WITH ev AS (SELECT e.id, e.article_id, e.type, e.quad, e.modality, e.day "
          f"FROM events e WHERE {where}) ")
    if countries:
        edges = _COUNTRY_EDGES
    elif conn.execute("SELECT 1 FROM article_actors WHERE kb_actor_id IS NOT NULL "
                      "LIMIT 1").fetchone():
        edges = _ACTOR_EDGES
    else:  # nothing linked yet: the actors' own ids are their nodes
        edges = _UNLINKED_EDGES
    acc: dict[tuple[str, str, str], list] = {}  # [quad, weight, first, last, modalities]
    for s, t, typ, quad, modality, n, first, last in conn.execute(ev + edges, params):
        if s == t:
            continue
        e = acc.get((s, t, typ))
        if e is None:
            acc[(s, t, typ)] = [quad, n, first, last, {modality: n}]
            continue
        e[1] += n
        e[4][modality] = e[4].get(modality, 0) + n
        if first and (e[2] is None or first < e[2]):
            e[2] = first
        if last and (e[3] is None or last > e[3]):
            e[3] = last
    if max_edges is not None:  # the heaviest (source, target) pairs, all their types
        pair: Counter = Counter()
        for (s, t, _), e in acc.items():
            pair[(s, t)] += e[1]
        keep = {k for k, _ in sorted(pair.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]}
        acc = {k: e for k, e in acc.items() if k[:2] in keep}
    edges = [GraphEdge(s, t, typ, e[0], e[1], e[2], e[3], e[4])
             for (s, t, typ), e in sorted(acc.items())]
    weight: Counter = Counter()
    for e in edges:
        weight[e.source] += e.weight
        weight[e.target] += e.weight
    if isolated:
        for node in _event_actors(conn, ev, params, countries, linked=edges is _ACTOR_EDGES):
            weight.setdefault(node, 0)
    nodes = _nodes(conn, weight, countries)
    used = matched if sample is None else min(matched, sample)
    return Graph(nodes, tuple(edges), used, used < matched, countries, f)


def _event_actors(conn: sqlite3.Connection, ev: str, params: list, countries: bool, *,
                  linked: bool) -> list[str]:
    """Every node the matched events (the ``ev`` table) have, edge or none."""
    if countries:
        sql = ("SELECT DISTINCT p.party FROM ev CROSS JOIN event_parties p "
               "ON p.event_id = ev.id WHERE p.is_country = 1")
    elif linked:
        sql = ("SELECT DISTINCT COALESCE(aa.kb_actor_id, a.actor_id) FROM ev CROSS JOIN "
               "event_actors a ON a.event_id = ev.id LEFT JOIN article_actors aa "
               "ON aa.article_id = ev.article_id AND aa.actor_id = a.actor_id")
    else:
        sql = "SELECT DISTINCT a.actor_id FROM ev CROSS JOIN event_actors a ON a.event_id = ev.id"
    return [r[0] for r in conn.execute(ev + sql, params)]


def _nodes(conn: sqlite3.Connection, weight: Counter, countries: bool) -> tuple[GraphNode, ...]:
    ids = sorted(weight, key=lambda k: (-weight[k], k))
    names = actor_names(conn, ids)
    if countries:
        return tuple(GraphNode(i, _country_name(i, names[i]), "country", i, None, weight[i])
                     for i in ids)
    info: dict[str, tuple] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        info.update((r[0], tuple(r[1:])) for r in conn.execute(
            f"SELECT id, kind, country, sector FROM actors WHERE id IN ({','.join('?' * len(chunk))})",
            chunk))
    out = []
    for i in ids:
        kind, country, sector = info.get(i) or (conn.execute(
            "SELECT kind, country, sector FROM article_actors WHERE actor_id = ? LIMIT 1",
            (i,)).fetchone() or (None, None, None))
        out.append(GraphNode(i, names[i], kind, country, sector, weight[i]))
    return tuple(out)


def _country_name(code: str, known: str) -> str:
    """A state's name: as the knowledge base names it, else its ISO name."""
    if known != code:
        return known
    import pycountry

    hit = pycountry.countries.get(alpha_3=code)
    return getattr(hit, "common_name", None) or (hit.name if hit else code)


def export_graph(conn: sqlite3.Connection, path: str, *, format: str = "graphml",
                 f: Filter = Filter(), countries: bool = False,
                 isolated: bool = False) -> tuple[int, int]:
    """Write the event graph as GraphML or GEXF; returns (nodes, edges)."""
    from .graph_files import write_gexf, write_graphml

    writers = {"graphml": write_graphml, "gexf": write_gexf}
    if format not in writers:
        raise QueryError(f"--graph {format!r}: expected graphml or gexf", code="E534")
    g = event_graph(conn, f, countries=countries, isolated=isolated)
    with open(path, "w", encoding="utf-8") as out:
        writers[format](g, out)
    return len(g.nodes), len(g.edges)
