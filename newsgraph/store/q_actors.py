"""Knowledge-base queries: actors across articles (what ``newsgraph link`` maintains).

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn`` (an sqlite3
connection whose rows are ``sqlite3.Row``).  Every method returns frozen dataclasses.

An article's actor row counts for the knowledge-base actor
``COALESCE(kb_actor_id, actor_id)``: before ``newsgraph link`` has run, or for a mention
it could not link, that is the article's own id.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass

from ..errors import QueryError

__all__ = ["ActorQueries", "KBActor", "ActorMention", "RoleSeen", "ActorArticle", "ActorProfile"]


@dataclass(frozen=True, slots=True)
class KBActor:
    """One knowledge-base actor."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    members: tuple[str, ...]
    aliases: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    n_articles: int

    def to_dict(self) -> dict:
        return asdict(self) | {"members": list(self.members), "aliases": list(self.aliases)}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor in one article; ``text`` is ``article text[start:end]``."""

    article_id: str
    published: str | None
    headline: str | None
    name: str  # the name the article's analysis gave the actor
    text: str
    start: int
    end: int
    form: str | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A role a person was given, with the state, when and how often."""

    role: str
    country: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorArticle:
    """An article that names an actor."""

    article_id: str
    published: str | None
    publication: str | None
    headline: str | None
    name: str
    n_mentions: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """An actor with its roles, articles and mentions across the knowledge base."""

    actor: KBActor
    roles: tuple[RoleSeen, ...]
    articles: tuple[ActorArticle, ...]
    mentions: tuple[ActorMention, ...]

    def to_dict(self) -> dict:
        return {"actor": self.actor.to_dict(), "roles": [r.to_dict() for r in self.roles],
                "articles": [a.to_dict() for a in self.articles],
                "mentions": [m.to_dict() for m in self.mentions]}


_KINDS = ("country", "person", "organization", "location", "group", "document")
_ACTOR_COLS = ("id, name, kind, country, sector, members, aliases, first_seen, last_seen, "
               "n_articles")


def _kb_actor(row) -> KBActor:
    return KBActor(row["id"], row["name"], row["kind"], row["country"], row["sector"],
                   tuple(json.loads(row["members"] or "[]")),
                   tuple(json.loads(row["aliases"] or "[]")),
                   row["first_seen"], row["last_seen"], row["n_articles"])


class ActorQueries:
    """Actors, one actor's mentions across articles, the roles it was seen in, its articles."""

    def actors(self, *, kind: str | None = None, country: str | None = None,
               name: str | None = None, limit: int = 100, offset: int = 0) -> list[KBActor]:
        """Knowledge-base actors, most often named first.

        ``kind``: country, person, organization, location, group, document;
        ``country``: ISO alpha-3 the actor belongs to or acts for (the actor itself for
        a country); ``name``: a substring of any name seen for it.
        """
        where, args = [], []
        if kind:
            k = kind.lower()
            k = "organization" if k == "organisation" else k
            if k not in _KINDS:
                raise QueryError(f"unknown actor kind {kind!r}; one of: {', '.join(_KINDS)}",
                                 code="E521")
            where.append("kind = ?")
            args.append(k)
        if country:
            where.append("(country = ? OR (kind = 'country' AND id = ?))")
            args += [country.upper(), country.upper()]
        if name:
            where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
            pat = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args += [pat, pat]
        sql = f"SELECT {_ACTOR_COLS} FROM actors"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY n_articles DESC, name LIMIT ? OFFSET ?"
        return [_kb_actor(r) for r in self.conn.execute(sql, (*args, int(limit), int(offset)))]

    def actor(self, key: str) -> KBActor | None:
        """An actor by id ("USA", "person:fumio-kishida"), or by a name or surname seen
        for it ("Fumio Kishida", "Kishida", "Mr Kishida").  Raises
        :class:`~newsgraph.errors.QueryError` [E522] when a name fits several actors."""
        row = self.conn.execute(f"SELECT {_ACTOR_COLS} FROM actors WHERE id = ?",
                                (key,)).fetchone()
        if row is None and len(key) == 3:
            row = self.conn.execute(f"SELECT {_ACTOR_COLS} FROM actors WHERE id = ?",
                                    (key.upper(),)).fetchone()
        if row is not None:
            return _kb_actor(row)
        rows = self.conn.execute(
            f"SELECT {_ACTOR_COLS} FROM actors WHERE name = ? COLLATE NOCASE "
            "ORDER BY n_articles DESC", (key,)).fetchall()
        if not rows:
            rows = self.conn.execute(
                f"SELECT {_ACTOR_COLS} FROM actors WHERE id IN "
                "(SELECT DISTINCT kb_actor_id FROM article_actors "
                " WHERE name = ? COLLATE NOCASE AND kb_actor_id IS NOT NULL) "
                "ORDER BY n_articles DESC", (key,)).fetchall()
        if not rows:
            rows = self._by_surname(key)
        if len(rows) > 1:
            names = ", ".join(f"{r['name']} ({r['id']})" for r in rows[:10])
            raise QueryError(f"{key!r} fits {len(rows)} actors: {names}; give an id",
                             code="E522")
        return _kb_actor(rows[0]) if rows else None

    def _by_surname(self, key: str) -> list:
        from ..link.names import surname_key

        skey = surname_key(key)
        if skey is None:
            return []
        try:
            return self.conn.execute(
                f"SELECT {_ACTOR_COLS} FROM actors WHERE id IN "
                "(SELECT actor_id FROM actor_keys WHERE key = ?) ORDER BY n_articles DESC",
                (skey,)).fetchall()
        except sqlite3.OperationalError:  # no actor_keys before the first `newsgraph link`
            return []

    def actor_mentions(self, actor_id: str, *, limit: int = 200) -> list[ActorMention]:
        """Every mention of the actor across articles, newest article first."""
        rows = self.conn.execute(
            """
            SELECT m.article_id, ar.published, ar.headline, aa.name, m.text, m.start, m."end",
                   m.form
            FROM article_actors aa
            JOIN mentions m ON m.article_id = aa.article_id AND m.actor_id = aa.actor_id
            JOIN articles ar ON ar.id = aa.article_id
            WHERE COALESCE(aa.kb_actor_id, aa.actor_id) = ?
            ORDER BY ar.published DESC, m.article_id, m.start LIMIT ?
            """, (actor_id, int(limit))).fetchall()
        return [ActorMention(*tuple(r)) for r in rows]

    def actor_roles_seen(self, actor_id: str) -> list[RoleSeen]:
        """The roles the person was seen in, with state and dates, most recent first."""
        rows = self.conn.execute(
            """
            SELECT role, country, MIN(seen), MAX(seen), COUNT(DISTINCT article_id)
            FROM actor_roles WHERE actor_id = ?
            GROUP BY role COLLATE NOCASE, country ORDER BY MAX(seen) DESC, COUNT(*) DESC
            """, (actor_id,)).fetchall()
        return [RoleSeen(*tuple(r)) for r in rows]

    def actor_articles(self, actor_id: str, *, limit: int = 100) -> list[ActorArticle]:
        """The articles that name the actor, newest first."""
        rows = self.conn.execute(
            """
            SELECT ar.id, ar.published, ar.publication, ar.headline, aa.name, aa.n_mentions
            FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id
            WHERE COALESCE(aa.kb_actor_id, aa.actor_id) = ?
            ORDER BY ar.published DESC, ar.id LIMIT ?
            """, (actor_id, int(limit))).fetchall()
        return [ActorArticle(*tuple(r)) for r in rows]

    def actor_profile(self, key: str, *, limit: int = 100) -> ActorProfile | None:
        """An actor (by id, name or surname) with its roles, articles and mentions."""
        actor = self.actor(key)
        if actor is None:
            return None
        return ActorProfile(actor, tuple(self.actor_roles_seen(actor.id)),
                            tuple(self.actor_articles(actor.id, limit=limit)),
                            tuple(self.actor_mentions(actor.id, limit=limit)))
