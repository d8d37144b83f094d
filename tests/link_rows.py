"""Test helper: store synthetic analysed articles through the knowledge base's own
write API (``KnowledgeBase.store``), as ``newsgraph ingest`` would."""

from __future__ import annotations

import hashlib

from newsgraph.models import Actor, Analysis, Article, Mention, Source, Span


def person(name: str, *, country: str | None = None, roles=(), aid: str | None = None) -> dict:
    from newsgraph.lexicon import slug

    return {"id": aid or f"person:{slug(name)}", "name": name, "kind": "person",
            "country": country, "roles": tuple(roles)}


def country(code: str, name: str) -> dict:
    return {"id": code, "name": name, "kind": "country", "country": code}


def org(name: str, *, country: str | None = None) -> dict:
    from newsgraph.lexicon import slug

    return {"id": f"org:{slug(name)}", "name": name, "kind": "organization", "country": country}


def analysis(art_id: str, published: str | None, actors: list[dict]) -> Analysis:
    """An analysed article whose text names each actor once, in order."""
    parts, spans = [], []
    pos = 0
    for a in actors:
        sentence = f"{a['name']} spoke."
        parts.append(sentence)
        spans.append((pos, pos + len(a["name"])))
        pos += len(sentence) + 1
    text = " ".join(parts) or "Nothing happened."
    sha = hashlib.sha256(art_id.encode()).hexdigest()
    art = Article(art_id, Source(f"{art_id}.txt", "text", sha), text, (Span(0, len(text)),),
                  headline=f"headline {art_id}", published=published, language="en")
    made = tuple(
        Actor(a["id"], a["name"], a["kind"], country=a.get("country"), roles=a.get("roles", ()),
              mentions=(Mention(s, e, text[s:e], "name"),))
        for a, (s, e) in zip(actors, spans))
    return Analysis(art, actors=made, pipeline_version="test")


def add_article(kb, art_id: str, published: str | None, actors: list[dict]) -> None:
    kb.store(analysis(art_id, published, actors))


def kb_actor_of(kb, art_id: str, actor_id: str) -> str | None:
    return kb.conn.execute("SELECT kb_actor_id FROM article_actors "
                           "WHERE article_id = ? AND actor_id = ?", (art_id, actor_id)).fetchone()[0]


def snapshot(kb) -> tuple:
    q = lambda sql: sorted(tuple(r) for r in kb.conn.execute(sql))  # noqa: E731
    return (q("SELECT * FROM actors"), q("SELECT actor_id, role, country, article_id, seen FROM actor_roles"),
            q("SELECT article_id, actor_id, kb_actor_id FROM article_actors"),
            q("SELECT * FROM actor_keys"),
            q("SELECT article_id, actor_id, key, reason FROM link_pending"),
            q("SELECT * FROM actor_name_stats"), q("SELECT * FROM actor_value_stats"))
