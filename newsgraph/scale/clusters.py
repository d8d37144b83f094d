"""Near-duplicate clusters in the knowledge base: sign, group, write ``cluster_id``.

:func:`update_clusters` signs every article that has no signature under the
current scheme (MinHash of its body paragraphs), groups all signed articles
with LSH (:mod:`.dedupe`) and sets ``articles.cluster_id`` to each group's
representative id (NULL for an article that is a story of its own).  It is
idempotent and cheap to rerun after each ingest or load.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib import resources

from .dedupe import DedupeOptions, body_text, cluster, paragraphs_from_json, representatives, \
    signature_bytes

__all__ = ["ClusterReport", "ensure_schema", "update_clusters"]


@dataclass(frozen=True)
class ClusterReport:
    n_signed: int  # signatures computed in this run
    n_articles: int  # articles with a signature
    n_clusters: int  # groups of two or more articles
    n_clustered: int  # articles in those groups


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the scale tables (migration 040) when they are missing."""
    sql = resources.files("newsgraph.store.migrations").joinpath("040_scale.sql").read_text()
    conn.executescript(sql)


def update_clusters(conn: sqlite3.Connection, *,
                    options: DedupeOptions = DedupeOptions()) -> ClusterReport:
    ensure_schema(conn)
    scheme = options.scheme()
    todo = conn.execute(
        "SELECT a.id, a.text, a.paragraphs FROM articles a LEFT JOIN article_signatures s "
        "ON s.article_id = a.id AND s.scheme = ? WHERE s.article_id IS NULL", (scheme,))
    n_signed = 0
    with conn:
        for aid, text, paragraphs in todo.fetchall():
            sig = signature_bytes(body_text(text, paragraphs_from_json(paragraphs)),
                                  options=options)
            if sig is None:
                continue
            conn.execute("INSERT OR REPLACE INTO article_signatures VALUES (?, ?, ?)",
                         (aid, scheme, sig))
            n_signed += 1
    sigs = dict(conn.execute("SELECT article_id, signature FROM article_signatures "
                             "WHERE scheme = ?", (scheme,)).fetchall())
    groups = list(cluster(sigs, options=options).values())
    published = dict(conn.execute("SELECT id, published FROM articles").fetchall())
    ids = representatives(groups, published)
    with conn:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _clusters (id TEXT PRIMARY KEY, cid TEXT)")
        conn.execute("DELETE FROM _clusters")
        conn.executemany("INSERT INTO _clusters VALUES (?, ?)", ids.items())
        conn.execute("UPDATE articles SET cluster_id = (SELECT cid FROM _clusters c "
                     "WHERE c.id = articles.id) WHERE cluster_id IS NOT NULL "
                     "OR id IN (SELECT id FROM _clusters)")
        conn.execute("DROP TABLE _clusters")
    return ClusterReport(n_signed, len(sigs), len(groups), sum(len(g) for g in groups))
