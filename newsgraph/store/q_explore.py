"""Knowledge-base queries: overviews for the explorer (home page, network, timelines).

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn``
(an sqlite3 connection whose rows are ``sqlite3.Row``).

Every method returns plain JSON-able dicts and lists (the web explorer serves
them as they are) and bounds its work with a ``limit`` so that a page stays
fast on a large knowledge base.  An actor is named by the id stored with it
(``USA``, ``person:antony-blinken``); ``article_actors.kb_actor_id`` is
honoured where the articles of an actor are looked up.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Iterable

from ..errors import QueryError
from .bounds import date_bound, upper
from ..models import EVENT_TYPES, QUAD_CLASS

__all__ = ["ExploreQueries"]

_ARTICLE_BRIEF = "a.id, a.headline, a.publication, a.published, a.country, a.language"
_EVENT_COLS = ("e.id, e.article_id, e.seq, e.type, e.quad, e.mode, e.source, e.target, "
               "e.modality, e.reported_by, e.date, e.location, e.trigger, e.trigger_start, "
               "e.trigger_end, e.sentence_start, e.sentence_end, e.cameo, e.rule, "
               "e.confidence, e.published")
_MONTH = ("(CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 7) "
          "ELSE substr(e.published, 1, 7) END)")  # as in migration 050
_SENTENCE = ("substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) "
             f"AS sentence_text, a.headline, {_MONTH} AS bucket")


def _json(value: str | None, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default



def _event(row: sqlite3.Row) -> dict[str, Any]:
    d = {
        "id": row["id"], "article_id": row["article_id"], "seq": row["seq"],
        "type": row["type"], "quad": row["quad"] or QUAD_CLASS.get(row["type"]),
        "mode": row["mode"], "source": _json(row["source"], []),
        "target": _json(row["target"], []), "modality": row["modality"],
        "reported_by": row["reported_by"], "date": row["date"], "location": row["location"],
        "trigger": {"text": row["trigger"], "start": row["trigger_start"],
                    "end": row["trigger_end"]},
        "sentence": {"start": row["sentence_start"], "end": row["sentence_end"]},
        "cameo": row["cameo"], "rule": row["rule"], "confidence": row["confidence"],
        "published": row["published"],
    }
    keys = row.keys()
    if "sentence_text" in keys:
        d["sentence"]["text"] = row["sentence_text"]
        d["headline"] = row["headline"]
    return d


def _quote(row: sqlite3.Row) -> dict[str, Any]:
    d = {
        "id": row["id"], "article_id": row["article_id"], "seq": row["seq"],
        "start": row["start"], "end": row["end"], "text": row["text"], "kind": row["kind"],
        "speaker": None if row["speaker_start"] is None and row["speaker_name"] is None else {
            "actor": row["speaker_actor"], "name": row["speaker_name"],
            "start": row["speaker_start"], "end": row["speaker_end"],
            "author": row["speaker_author"]},
        "cue": None if row["cue"] is None else {
            "text": row["cue"], "start": row["cue_start"], "end": row["cue_end"]},
        "about": _json(row["about"], []), "rule": row["rule"], "published": row["published"],
    }
    if "headline" in row.keys():
        d["headline"] = row["headline"]
    return d


class ExploreQueries:
    conn: sqlite3.Connection

    # -- helpers -----------------------------------------------------------------

    def _scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else row[0]

    def explore_actor_names(self, ids: Iterable[str]) -> dict[str, str]:
        """Display names of actor ids (the knowledge-base actor, else as seen in an article)."""
        wanted = list(dict.fromkeys(i for i in ids if i))
        known: dict[str, str] = {}
        for i in range(0, len(wanted), 900):
            chunk = wanted[i:i + 900]
            known.update(self.conn.execute(
                f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        out: dict[str, str] = {}
        for actor_id in wanted:
            name = known.get(actor_id)
            if name is None:
                name = self._scalar("SELECT name FROM article_actors WHERE actor_id = ? "
                                    "LIMIT 1", (actor_id,))
            out[actor_id] = name or actor_id
        return out

    def explore_actor_known(self, actor_id: str) -> bool:
        """Whether the knowledge base has seen ``actor_id`` in any article or event."""
        return any(self._scalar(sql, (actor_id,) * sql.count("?")) for sql in (
            "SELECT 1 FROM actors WHERE id = ?",
            "SELECT 1 FROM article_actors WHERE actor_id = ? LIMIT 1",
            "SELECT 1 FROM article_actors WHERE kb_actor_id = ? LIMIT 1",
            "SELECT 1 FROM event_actors WHERE actor_id = ? LIMIT 1"))

    # -- home --------------------------------------------------------------------

    def explore_summary(self, *, top: int = 12, recent: int = 10,
                        window: int = 500) -> dict[str, Any]:
        """Corpus size, date range, publications, top actors and recent articles.

        Top actors come from the ``actors`` table when it is filled (by ``link``),
        else from the ``window`` most recent articles.
        """
        c = self.conn
        first = self._scalar("SELECT min(published) FROM articles")
        last = self._scalar("SELECT max(published) FROM articles")
        pubs = c.execute(
            "SELECT publication, count(*) AS n FROM articles WHERE publication IS NOT NULL "
            "GROUP BY publication ORDER BY n DESC, publication LIMIT 25").fetchall()
        actors_basis = "knowledge base"
        top_rows = c.execute(
            "SELECT id, name, kind, country, n_articles FROM actors "
            "ORDER BY n_articles DESC, id LIMIT ?", (top,)).fetchall()
        if not top_rows:
            actors_basis = f"{window} most recent articles"
            counted = c.execute(
                "SELECT aa.actor_id AS id, count(*) AS n_articles FROM "
                "(SELECT id FROM articles ORDER BY published DESC LIMIT ?) r "
                "CROSS JOIN article_actors aa ON aa.article_id = r.id "
                "GROUP BY aa.actor_id ORDER BY n_articles DESC, aa.actor_id LIMIT ?",
                (window, top)).fetchall()
            top_rows = []
            for r in counted:
                seen = c.execute("SELECT name, kind, country FROM article_actors "
                                 "WHERE actor_id = ? LIMIT 1", (r["id"],)).fetchone()
                top_rows.append({"id": r["id"], "name": seen["name"], "kind": seen["kind"],
                                 "country": seen["country"], "n_articles": r["n_articles"]})
        recent_rows = c.execute(
            f"SELECT {_ARTICLE_BRIEF} FROM articles a "
            "ORDER BY a.published DESC, a.rowid DESC LIMIT ?", (recent,)).fetchall()
        return {
            "articles": self._scalar("SELECT count(*) FROM articles"),
            "quotes": self._scalar("SELECT count(*) FROM quotes"),
            "events": self._scalar("SELECT count(*) FROM events"),
            "date_range": {"first": first, "last": last},
            "publications": [{"name": r["publication"], "articles": r["n"]} for r in pubs],
            "top_actors": [dict(r) for r in top_rows],
            "top_actors_basis": actors_basis,
            "recent": [dict(r) for r in recent_rows],
        }

    # -- article -----------------------------------------------------------------

    def explore_article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article with its actors (and mentions), quotes and events."""
        c = self.conn
        row = c.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        art = {k: row[k] for k in row.keys() if k not in ("rowid",)}
        for col, default in (("paragraphs", []), ("captions", []), ("origin", {}),
                             ("times", []), ("warnings", [])):
            art[col] = _json(row[col], default)
        actors: dict[str, dict[str, Any]] = {}
        for r in c.execute("SELECT * FROM article_actors WHERE article_id = ? "
                           "ORDER BY n_mentions DESC, actor_id", (article_id,)):
            actors[r["actor_id"]] = {
                "id": r["actor_id"], "kb_id": r["kb_actor_id"] or r["actor_id"],
                "name": r["name"], "kind": r["kind"], "country": r["country"],
                "sector": r["sector"], "roles": _json(r["roles"], []),
                "members": _json(r["members"], []), "affiliation": r["affiliation"],
                "mentions": []}
        for r in c.execute('SELECT actor_id, start, "end", text, form FROM mentions '
                           'WHERE article_id = ? ORDER BY start', (article_id,)):
            actor = actors.setdefault(r["actor_id"], {
                "id": r["actor_id"], "kb_id": r["actor_id"], "name": r["text"], "kind": None,
                "country": None, "sector": None, "roles": [], "members": [],
                "affiliation": None, "mentions": []})
            actor["mentions"].append({"start": r["start"], "end": r["end"],
                                      "text": r["text"], "form": r["form"]})
        quotes = [_quote(r) for r in c.execute(
            "SELECT * FROM quotes WHERE article_id = ? ORDER BY seq", (article_id,))]
        events = [_event(r) for r in c.execute(
            f"SELECT {_EVENT_COLS} FROM events e WHERE e.article_id = ? ORDER BY e.seq",
            (article_id,))]
        art["actors"] = list(actors.values())
        art["quotes"] = quotes
        art["events"] = events
        return art

    # -- actor -------------------------------------------------------------------

    def explore_actor(self, actor_id: str, *, limit: int = 25,
                      walk: bool | None = None) -> dict[str, Any] | None:
        """An actor: names, kind, country, roles seen, quotes by and about, events
        as source and as target (most recent ``limit`` of each), and a monthly
        timeline of its events by PLOVER quad class.

        The lists are found from the actor's own rows, or (``walk``; by default
        for an actor in so many articles that its items come up early) by
        walking articles and events newest first.  Names are counted over at most 500
        of its article rows; ``n_events`` counts its dated events.
        """
        c = self.conn
        kb = c.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
        n_articles = self._scalar("SELECT count(*) FROM article_actors WHERE actor_id = ?",
                                  (actor_id,)) + self._scalar(
            "SELECT count(*) FROM article_actors WHERE kb_actor_id = ? AND actor_id != ?",
            (actor_id, actor_id))
        n_events = self._scalar("SELECT coalesce(sum(n), 0) FROM explore_actor_months "
                                "WHERE actor_id = ?", (actor_id,))
        if kb is None and not n_articles and not n_events and not self._scalar(
                "SELECT 1 FROM event_actors WHERE actor_id = ? LIMIT 1", (actor_id,)):
            return None
        seen = c.execute(
            "SELECT name, kind, country, sector, count(*) AS n FROM (SELECT name, kind, "
            "country, sector FROM article_actors WHERE actor_id = ? LIMIT 500) "
            "GROUP BY name, kind, country, sector ORDER BY n DESC LIMIT 10",
            (actor_id,)).fetchall() or c.execute(
            "SELECT name, kind, country, sector, count(*) AS n FROM (SELECT name, kind, "
            "country, sector FROM article_actors WHERE kb_actor_id = ? LIMIT 500) "
            "GROUP BY name, kind, country, sector ORDER BY n DESC LIMIT 10",
            (actor_id,)).fetchall()
        first = kb or (seen[0] if seen else None)
        roles = [dict(r) for r in c.execute(
            "SELECT role, country, count(*) AS articles, min(seen) AS first_seen, "
            "max(seen) AS last_seen FROM actor_roles WHERE actor_id = ? "
            "GROUP BY role, country ORDER BY articles DESC LIMIT 30", (actor_id,))]
        quotes_by = [_quote(r) for r in c.execute(
            "SELECT q.*, a.headline FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE q.speaker_actor = ? ORDER BY q.published DESC LIMIT ?",
            (actor_id, limit))]
        # the id as a JSON string inside the JSON list (no json_each per quote)
        about = "coalesce(q.speaker_actor, '') != ? AND instr(q.about, json_quote(?)) > 0"
        def walks(n: int, table: str) -> bool:  # a walk reads about limit * total / n rows
            if walk is not None:
                return walk
            total = self._scalar(f"SELECT max(rowid) FROM {table}") or 0
            return n * n > limit * total

        if walks(n_articles, "articles"):
            ids = [r[0] for r in c.execute(
                f"SELECT q.id FROM quotes q WHERE {about} ORDER BY q.published DESC LIMIT ?",
                (actor_id, actor_id, limit))]
        else:
            ids = [r[0] for r in c.execute(
                "SELECT q.id FROM article_actors x CROSS JOIN quotes q "
                f"ON q.article_id = x.article_id WHERE x.actor_id = ? AND {about} "
                "ORDER BY q.published DESC, q.id DESC LIMIT ?",
                (actor_id, actor_id, actor_id, limit))]
        rows = [c.execute("SELECT q.*, a.headline FROM quotes q JOIN articles a "
                          "ON a.id = q.article_id WHERE q.id = ?", (i,)).fetchone()
                for i in ids]
        quotes_about = [_quote(r) for r in rows]
        events = {}
        walk_events = walks(n_events, "events")
        for role in ("source", "target"):
            if walk_events:
                sql = ("SELECT e.id FROM events e WHERE EXISTS (SELECT 1 FROM "
                       "event_actors ea WHERE ea.event_id = e.id AND ea.actor_id = ? "
                       "AND ea.role = ?) ORDER BY e.published DESC LIMIT ?")
            else:
                sql = ("SELECT e.id FROM event_actors ea CROSS JOIN events e "
                       "ON e.id = ea.event_id WHERE ea.actor_id = ? AND ea.role = ? "
                       "ORDER BY e.published DESC, e.id DESC LIMIT ?")
            ids = [r[0] for r in c.execute(sql, (actor_id, role, limit))]
            events[role] = [_event(c.execute(
                f"SELECT {_EVENT_COLS}, {_SENTENCE} FROM events e JOIN articles a "
                "ON a.id = e.article_id WHERE e.id = ?", (i,)).fetchone()) for i in ids]
        timeline = [{"month": r[0], "type": r[1], "count": r[2]} for r in c.execute(
            "SELECT month, type, n FROM explore_actor_months WHERE actor_id = ? "
            "ORDER BY month, type", (actor_id,))]
        for t in timeline:
            t["quad"] = QUAD_CLASS.get(t["type"])
        ids = [i for role in events.values() for e in role for i in e["source"] + e["target"]]
        ids += [q["speaker"]["actor"] for q in quotes_about if q["speaker"]]
        return {
            "id": actor_id,
            "name": first["name"] if first else actor_id,
            "kind": first["kind"] if first else None,
            "country": first["country"] if first else None,
            "sector": first["sector"] if first else None,
            "names_seen": [{"name": r["name"], "articles": r["n"]} for r in seen],
            "articles": (kb["n_articles"] if kb else None) or n_articles,
            "roles": roles,
            "quotes_by": quotes_by,
            "quotes_about": quotes_about,
            "events_as_source": events["source"],
            "events_as_target": events["target"],
            "n_events": n_events,
            "timeline": timeline,
            "names": self.explore_actor_names(ids),
        }

    # -- dyad --------------------------------------------------------------------

    def explore_dyad(self, a: str, b: str, *, month: str | None = None,
                     type: str | None = None, limit: int = 50,
                     walk: bool | None = None) -> dict[str, Any]:
        """Events between actors ``a`` and ``b`` (either direction): a month x type
        count table for the chart, and the events themselves, newest first (those
        of one bar with ``month`` and ``type``; at most ``limit``).

        The events are found from the rarer actor's rows, or (``walk``; by
        default when it reads fewer rows) by walking all events newest first."""
        if month is not None and not re.match(r"^\d{4}-\d{2}$", month):
            raise QueryError(f"month must be YYYY-MM, not {month!r}", code="E505")
        if type is not None and type not in EVENT_TYPES:
            raise QueryError(f"unknown event type {type!r}", code="E531")
        c = self.conn
        by_month = [{"month": r[0], "type": r[1], "count": r[2]} for r in c.execute(
            "SELECT month, type, sum(n) FROM (SELECT month, type, n FROM explore_dyad_months "
            "WHERE source = ? AND target = ? UNION ALL SELECT month, type, n FROM "
            "explore_dyad_months WHERE source = ? AND target = ?) GROUP BY month, type "
            "ORDER BY month, type", (a, b, b, a))]
        n_a = self._scalar("SELECT count(*) FROM event_actors WHERE actor_id = ?", (a,))
        n_b = self._scalar("SELECT count(*) FROM event_actors WHERE actor_id = ?", (b,))
        drive, other = (a, b) if n_a <= n_b else (b, a)
        where, params = ["x.actor_id = ?"], [other, drive]
        if type:
            where.append("e.type = ?")
            params.append(type)
        if month:
            where.append(f"{_MONTH} = ?")
            params.append(month)
        # the pairs first (index only), then the rows of the newest ones; when
        # both actors have many events, walk events newest first instead
        if walk is None:  # events a newest-first walk reads, against the driver's rows
            cost = (limit + 1) * (self._scalar("SELECT max(id) FROM events") or 0) / max(
                1, sum(m["count"] for m in by_month))
            walk = cost < min(n_a, n_b)
        if walk and not month:
            found = c.execute(
                "SELECT e.id, x.role FROM events e CROSS JOIN event_actors x "
                "CROSS JOIN event_actors y WHERE x.event_id = e.id AND x.actor_id = ? "
                "AND y.event_id = e.id AND y.actor_id = ? AND y.role != x.role"
                + (" AND +e.type = ?" if type else "")
                + " ORDER BY e.published DESC LIMIT ?",
                (drive, other, *([type] if type else []), limit + 1)).fetchall()
        else:
            found = c.execute(
                "SELECT e.id, x.role FROM event_actors x CROSS JOIN event_actors y "
                "CROSS JOIN events e WHERE y.event_id = x.event_id AND y.actor_id = ? "
                f"AND y.role != x.role AND e.id = x.event_id AND {' AND '.join(where)} "
                "ORDER BY e.published DESC, e.id DESC LIMIT ?",
                (*params, limit + 1)).fetchall()
        events = []
        for r in found[:limit]:
            row = c.execute(f"SELECT {_EVENT_COLS}, {_SENTENCE} FROM events e "
                            "JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
                            (r[0],)).fetchone()
            e = _event(row)
            source = drive if r[1] == "source" else other
            e["direction"] = "a->b" if source == a else "b->a"
            e["month"] = row["bucket"]
            events.append(e)
        rows = found
        names = self.explore_actor_names([a, b])
        return {
            "a": {"id": a, "name": names[a]}, "b": {"id": b, "name": names[b]},
            "total": sum(m["count"] for m in by_month), "by_month": by_month,
            "selected": {"month": month, "type": type},
            "events": events, "truncated": len(rows) > limit,
        }

    # -- network -----------------------------------------------------------------

    def explore_date_bounds(self) -> tuple[str | None, str | None]:
        """The first and last day with a stored event (by publication date)."""
        return (self._scalar("SELECT min(published) FROM events"),
                self._scalar("SELECT max(published) FROM events"))

    def explore_network(self, *, types: Iterable[str] = (), date_from: str | None = None,
                        date_to: str | None = None, max_edges: int = 120,
                        sample: int = 5_000) -> dict[str, Any]:
        """Actors linked by events (source -> target), weighted by event count.

        ``types`` keeps only those PLOVER types; dates bound the events'
        publication date (``YYYY[-MM[-DD]]``).  The graph is built from the
        ``sample`` most recent matching events (``events_used`` says how many;
        ``sampled`` whether more matched), and its ``max_edges`` heaviest edges
        are returned, with the actors they join.
        """
        types = [t for t in types if t]
        bad = [t for t in types if t not in EVENT_TYPES]
        if bad:
            raise QueryError(f"unknown event type(s): {', '.join(bad)}", code="E531")
        date_from = date_bound(date_from, "date_from", code="E505")
        date_to = date_bound(date_to, "date_to", code="E505")
        where, params = [], []
        if types:
            where.append(f"+type IN ({','.join('?' * len(types))})")  # walk by date
            params += types
        if date_from:
            where.append("published >= ?")
            params.append(date_from)
        if date_to:
            where.append("published <= ?")
            params.append(upper(date_to))
        cond = ("WHERE " + " AND ".join(where)) if where else ""
        matched = self._scalar(f"SELECT count(*) FROM (SELECT 1 FROM events {cond} LIMIT ?)",
                               (*params, sample + 1))
        # the sample size is written into the SQL (an int): with a bound LIMIT the
        # planner does not walk events_published newest first
        rows = self.conn.execute(
            "SELECT s.actor_id AS source, t.actor_id AS target, count(*) AS n, "
            "group_concat(DISTINCT e.type) AS types FROM "
            f"(SELECT id, type FROM events {cond} ORDER BY published DESC LIMIT {int(sample)}) e "
            "CROSS JOIN event_actors s CROSS JOIN event_actors t "
            "WHERE s.event_id = e.id AND s.role = 'source' AND t.event_id = e.id "
            "AND t.role = 'target' AND s.actor_id != t.actor_id "
            "GROUP BY s.actor_id, t.actor_id ORDER BY n DESC, source, target LIMIT ?",
            (*params, max_edges)).fetchall()
        edges = [{"source": r["source"], "target": r["target"], "weight": r["n"],
                  "types": sorted((r["types"] or "").split(","))} for r in rows]
        weight: dict[str, int] = {}
        for e in edges:
            for k in (e["source"], e["target"]):
                weight[k] = weight.get(k, 0) + e["weight"]
        names = self.explore_actor_names(weight)
        nodes = [{"id": k, "name": names[k], "weight": w}
                 for k, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
        return {"filters": {"types": types, "date_from": date_from, "date_to": date_to},
                "nodes": nodes, "edges": edges, "max_edges": max_edges,
                "events_used": min(matched, sample), "sampled": matched > sample}
