"""Near-duplicate stories: counting a story once, and the articles of a story.

A *story* is a cluster of near-duplicate articles (wire copies, reprints, updates;
``newsgraph dedupe`` groups them, see :mod:`newsgraph.scale.dedupe`), named by its
representative article's id; an article in no cluster is a story of its own, so an
article's story is ``COALESCE(cluster_id, id)``.  ``dedupe`` in a
:class:`~newsgraph.query.filters.Filter` uses the SQL below:

- :func:`story_filter` keeps one article per story (its representative);
- :func:`quote_ids_once` keeps one quote per (story, speaker, text);
- :func:`event_ids_once` keeps one event per (story, type, source, target, date): the
  same event reported by several copies of a story is one event, and
  :func:`event_evidence` lists the articles that report it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .listing import Record

__all__ = ["story_filter", "quote_ids_once", "event_ids_once", "STORY", "ClusterMember",
           "Cluster", "Evidence", "story_of", "cluster_members", "clusters", "event_evidence"]

#: SQL expression: the story (cluster id) of the article aliased ``a``.
STORY = "COALESCE({a}.cluster_id, {a}.id)"


def story_filter(alias: str = "articles") -> str:
    """SQL condition true for one article per story (the cluster's representative)."""
    return f"{STORY.format(a=alias)} = {alias}.id"


def quote_ids_once() -> str:
    """SQL subquery: one quote id per (story, speaker, quoted text)."""
    return ("SELECT MIN(q.id) FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"GROUP BY {STORY.format(a='a')}, COALESCE(q.speaker_actor, q.speaker_name, ''), "
            "lower(q.text)")


def event_ids_once() -> str:
    """SQL subquery: one event id per (story, type, source, target, date)."""
    return ("SELECT MIN(e.id) FROM events e JOIN articles a ON a.id = e.article_id "
            f"GROUP BY {STORY.format(a='a')}, e.type, e.source, e.target, "
            "COALESCE(e.date, '')")


@dataclass(frozen=True)
class ClusterMember(Record):
    id: str
    headline: str | None
    publication: str | None
    published: str | None
    cluster_id: str | None
    representative: bool


@dataclass(frozen=True)
class Cluster(Record):
    cluster_id: str
    n_articles: int
    headline: str | None
    publication: str | None
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True)
class Evidence(Record):
    """One article's report of an event of a story."""

    event_id: int
    article_id: str
    publication: str | None
    published: str | None
    trigger: str | None
    sentence_start: int | None
    sentence_end: int | None


def story_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The story (cluster id) of an article, or None when it is not stored."""
    row = conn.execute(f"SELECT {STORY.format(a='a')} FROM articles a WHERE a.id = ?",
                       (article_id,)).fetchone()
    return row[0] if row else None


def cluster_members(conn: sqlite3.Connection, article_id: str) -> tuple[ClusterMember, ...]:
    """Every article of the story this article belongs to (itself included),
    representative first, then by date."""
    story = story_of(conn, article_id)
    if story is None:
        return ()
    rows = conn.execute(
        "SELECT id, headline, publication, published, cluster_id, id = ? FROM articles a "
        f"WHERE {STORY.format(a='a')} = ? ORDER BY id <> ?, published, id",
        (story, story, story)).fetchall()
    return tuple(ClusterMember(*r[:5], bool(r[5])) for r in rows)


def clusters(conn: sqlite3.Connection, *, min_size: int = 2,
             limit: int = 50) -> tuple[Cluster, ...]:
    """Stories with at least ``min_size`` articles, largest first."""
    rows = conn.execute(
        "SELECT c.cluster_id, COUNT(*) AS n_articles, r.headline, r.publication, "
        "MIN(c.published) AS first_published, MAX(c.published) AS last_published "
        "FROM articles c JOIN articles r ON r.id = c.cluster_id "
        "WHERE c.cluster_id IS NOT NULL GROUP BY c.cluster_id HAVING COUNT(*) >= ? "
        "ORDER BY n_articles DESC, first_published, c.cluster_id LIMIT ?",
        (min_size, limit)).fetchall()
    return tuple(Cluster(*tuple(r)) for r in rows)


def event_evidence(conn: sqlite3.Connection, event_id: int) -> tuple[Evidence, ...]:
    """The events (one per article) of this event's story that report the same
    (type, source, target, date): the sources of evidence for one event."""
    rows = conn.execute(
        "SELECT e2.id, e2.article_id, a2.publication, a2.published, "
        "e2.trigger, e2.sentence_start, e2.sentence_end "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "JOIN articles a2 ON "
        f"(a2.cluster_id = {STORY.format(a='a')} OR a2.id = {STORY.format(a='a')}) "
        "JOIN events e2 ON e2.article_id = a2.id AND e2.type = e.type "
        "AND e2.source = e.source AND e2.target = e.target "
        "AND COALESCE(e2.date, '') = COALESCE(e.date, '') "
        "WHERE e.id = ? ORDER BY a2.published, e2.article_id, e2.id",
        (event_id,)).fetchall()
    return tuple(Evidence(*tuple(r)) for r in rows)
