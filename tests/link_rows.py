"""Test helper: put articles and their actors into a knowledge base with plain SQL
(per migrations/001_initial.sql), as the store's writer would."""

from __future__ import annotations

import json

NOW = "2026-01-01T00:00:00+00:00"


def add_article(conn, art_id: str, published: str | None, actors: list[dict], *,
                headline: str | None = None, analysed_at: str = NOW) -> None:
    """``actors``: dicts with id, name, kind, and optional country, roles, mentions
    (list of (start, end, text, form)); the article text holds every mention text."""
    text = " ".join(m[2] for a in actors for m in a.get("mentions", [])) or "text"
    conn.execute(
        "INSERT INTO articles (id, sha256, text, published, headline, ingested_at, analysed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (art_id, art_id, text, published, headline or f"headline {art_id}", NOW, analysed_at))
    for a in actors:
        mentions = a.get("mentions", [])
        conn.execute(
            "INSERT INTO article_actors (article_id, actor_id, name, kind, country, sector, roles, "
            "n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (art_id, a["id"], a["name"], a["kind"], a.get("country"), a.get("sector"),
             json.dumps(a.get("roles", [])), len(mentions)))
        for start, end, mtext, form in mentions:
            conn.execute(
                'INSERT INTO mentions (article_id, actor_id, start, "end", text, form) '
                "VALUES (?, ?, ?, ?, ?, ?)", (art_id, a["id"], start, end, mtext, form))
    conn.commit()


def person(name: str, *, country: str | None = None, roles=(), aid: str | None = None) -> dict:
    from newsgraph.link.names import slug

    return {"id": aid or f"person:{slug(name)}", "name": name, "kind": "person",
            "country": country, "roles": list(roles), "mentions": [(0, len(name), name, "name")]}


def country(code: str, name: str) -> dict:
    return {"id": code, "name": name, "kind": "country", "country": code,
            "mentions": [(0, len(name), name, "name")]}


def kb_actor_of(conn, art_id: str, actor_id: str) -> str | None:
    return conn.execute("SELECT kb_actor_id FROM article_actors WHERE article_id = ? AND actor_id = ?",
                        (art_id, actor_id)).fetchone()[0]


def snapshot(conn) -> tuple:
    q = lambda sql: sorted(tuple(r) for r in conn.execute(sql))  # noqa: E731
    return (q("SELECT * FROM actors"), q("SELECT * FROM actor_roles"),
            q("SELECT article_id, actor_id, kb_actor_id FROM article_actors"),
            q("SELECT * FROM actor_keys"), q("SELECT article_id, actor_id, key, reason FROM link_pending"))
