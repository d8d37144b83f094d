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

from ..store import transaction
from .dedupe import DedupeOptions, body_text, cluster, paragraphs_from_json, representatives, \
    signature_bytes

__all__ = ["ClusterReport", "update_clusters"]


@dataclass(frozen=True)
class ClusterReport:
    n_signed: int  # signatures computed in this run
    n_articles: int  # articles with a signature
    n_clusters: int  # groups of two or more articles
    n_clustered: int  # articles in those groups


_CHUNK = 500


def update_clusters(conn: sqlite3.Connection, *,
                    options: DedupeOptions = DedupeOptions()) -> ClusterReport:
    scheme = options.scheme()
    todo = [r[0] for r in conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_signatures s "
        "ON s.article_id = a.id AND s.scheme = ? WHERE s.article_id IS NULL", (scheme,))]
    n_signed = 0
    for i in range(0, len(todo), _CHUNK):  # a chunk of texts in memory at a time
        chunk = todo[i:i + _CHUNK]
        rows = conn.execute(f"SELECT id, text, paragraphs FROM articles WHERE id IN "
                            f"({','.join('?' * len(chunk))})", chunk).fetchall()
        new = []
        for aid, text, paragraphs in rows:
            sig = signature_bytes(body_text(text, paragraphs_from_json(paragraphs)),
                                  options=options)
            if sig is not None:
                new.append((aid, scheme, sig))
        with transaction(conn):
            conn.executemany("INSERT OR REPLACE INTO article_signatures VALUES (?, ?, ?)", new)
        n_signed += len(new)
    sigs = dict(conn.execute("SELECT article_id, signature FROM article_signatures "
                             "WHERE scheme = ?", (scheme,)).fetchall())
    groups = list(cluster(sigs, options=options).values())
    published = dict(conn.execute("SELECT id, published FROM articles").fetchall())
    ids = representatives(groups, published)
    with transaction(conn):
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _clusters (id TEXT PRIMARY KEY, cid TEXT)")
        conn.execute("DELETE FROM _clusters")
        conn.executemany("INSERT INTO _clusters VALUES (?, ?)", ids.items())
        conn.execute("UPDATE articles SET cluster_id = (SELECT cid FROM _clusters c "
                     "WHERE c.id = articles.id) WHERE cluster_id IS NOT NULL "
                     "OR id IN (SELECT id FROM _clusters)")
        conn.execute("DROP TABLE _clusters")
    return ClusterReport(n_signed, len(sigs), len(groups), sum(len(g) for g in groups))
