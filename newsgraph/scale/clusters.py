"""Near-duplicate clusters in the knowledge base: sign, group, write ``cluster_id``.

:func:`update_clusters` signs every article that has no signature under the
current scheme (MinHash of its body paragraphs) and groups the signed articles not
grouped yet into the stored stories, incrementally:

- each grouped article's LSH band hashes are stored (``article_bands``, migration
  066), so a run reads only the new articles' signatures and those of the stored
  articles that share a band with them (the candidates);
- a candidate pair is verified with the same Jaccard test as :func:`.dedupe.cluster`;
  a new article may join a story, or join several into one;
- a story that gained members is renamed by its representative (the earliest
  published member, then the smallest id), so ``articles.cluster_id`` always equals
  a from-scratch grouping of every signed article (a test checks it).

The stored grouping names its scheme, banding and threshold (``dedupe_state``); a
run with other options, or the first run on a knowledge base made before
migration 066, regroups every signed article from scratch.  A story that lost a
member (an article deleted or replaced: trigger ``articles_dedupe_dirty``) has its
other members grouped again.  Each run holds one write transaction for the
grouping, so a crash leaves the grouping as it was; it is idempotent and cheap to
rerun after each ingest, load or watch cycle.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from ..store import transaction
from .dedupe import Components, DedupeOptions, band_hashes, body_text, paragraphs_from_json, \
    signature_bytes, signature_values, similarity

__all__ = ["ClusterReport", "update_clusters"]


@dataclass(frozen=True)
class ClusterReport:
    n_signed: int  # signatures computed in this run
    n_articles: int  # articles with a signature
    n_clusters: int  # groups of two or more articles
    n_clustered: int  # articles in those groups
    n_grouped: int = 0  # articles grouped in this run (new, or left by a story's member)
    from_scratch: bool = False  # every signed article was grouped again


_CHUNK = 500


def update_clusters(conn: sqlite3.Connection, *,
                    options: DedupeOptions = DedupeOptions()) -> ClusterReport:
    n_signed = _sign(conn, options)
    with transaction(conn):  # the grouping: all of it or none
        state, from_scratch = _state(conn, options)
        pending, carried = _pending(conn, options.scheme())
        if carried:  # new articles that carry a story id (none should): reopen the story
            _reopen(conn, carried)
            pending, _ = _pending(conn, options.scheme())
        for i in range(0, len(pending), _CHUNK):
            _store_bands(conn, state, pending[i:i + _CHUNK], options)
        comp = Components()
        for i in range(0, len(pending), _CHUNK):
            _join_candidates(conn, state, pending[i:i + _CHUNK], comp, options)
        for group in comp.groups():
            _name_story(conn, group)
        if pending:
            conn.execute("UPDATE dedupe_state SET grouped_at = ? WHERE id = ?",
                         (datetime.now(timezone.utc).isoformat(timespec="seconds"), state))
    n_articles = conn.execute("SELECT COUNT(*) FROM article_signatures WHERE scheme = ?",
                              (options.scheme(),)).fetchone()[0]
    n_clusters, n_clustered = conn.execute(
        "SELECT COUNT(DISTINCT cluster_id), COUNT(cluster_id) FROM articles "
        "WHERE cluster_id IS NOT NULL").fetchone()
    return ClusterReport(n_signed, n_articles, n_clusters, n_clustered, len(pending),
                         from_scratch)


def _sign(conn: sqlite3.Connection, options: DedupeOptions) -> int:
    """Sign the articles with no signature under the scheme; returns how many."""
    scheme = options.scheme()
    todo = [r[0] for r in conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN article_signatures s "
        "ON s.article_id = a.id AND s.scheme = ? WHERE s.article_id IS NULL", (scheme,))]
    n_signed = 0
    for i in range(0, len(todo), _CHUNK):  # a chunk of texts in memory at a time
        chunk = todo[i:i + _CHUNK]
        rows = conn.execute(f"SELECT id, text, paragraphs FROM articles WHERE id IN "
                            f"({_marks(chunk)})", chunk).fetchall()
        new = []
        for aid, text, paragraphs in rows:
            sig = signature_bytes(body_text(text, paragraphs_from_json(paragraphs)),
                                  options=options)
            if sig is not None:
                new.append((aid, scheme, sig))
        with transaction(conn):
            conn.executemany("INSERT OR REPLACE INTO article_signatures VALUES (?, ?, ?)", new)
        n_signed += len(new)
    return n_signed


def _state(conn: sqlite3.Connection, options: DedupeOptions) -> tuple[int, bool]:
    """The stored grouping's id, after reopening the stories that lost a member; a new,
    empty grouping (every ``cluster_id`` cleared) when none matches ``options``."""
    rows = conn.execute("SELECT id, scheme, threshold FROM dedupe_state").fetchall()
    if len(rows) == 1 and rows[0][1] == options.lsh_scheme() \
            and rows[0][2] == options.threshold:
        state = rows[0][0]
        _reopen(conn, [r[0] for r in conn.execute("SELECT cluster_id FROM dedupe_dirty")])
        return state, False
    conn.execute("DELETE FROM article_bands")
    conn.execute("DELETE FROM dedupe_articles")
    conn.execute("DELETE FROM dedupe_state")
    conn.execute("DELETE FROM dedupe_dirty")
    conn.execute("UPDATE articles SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
    state = conn.execute("INSERT INTO dedupe_state (scheme, threshold, grouped_at) "
                         "VALUES (?, ?, '')", (options.lsh_scheme(), options.threshold)
                         ).lastrowid
    return state, True


def _reopen(conn: sqlite3.Connection, stories: Iterable[str]) -> None:
    """Take the members of these stories out of the grouping: they are grouped again."""
    for cid in stories:
        conn.execute("DELETE FROM dedupe_articles WHERE article_id IN "  # and their bands
                     "(SELECT id FROM articles WHERE cluster_id = ?)", (cid,))
        conn.execute("UPDATE articles SET cluster_id = NULL WHERE cluster_id = ?", (cid,))
    conn.execute("DELETE FROM dedupe_dirty")


def _pending(conn: sqlite3.Connection, scheme: str) -> tuple[list[str], set[str]]:
    """Signed articles not in the grouping yet (no band hashes), and the story ids
    some of them hold."""
    out, carried = [], set()
    for aid, cid in conn.execute(
            "SELECT s.article_id, a.cluster_id FROM article_signatures s "
            "JOIN articles a ON a.id = s.article_id WHERE s.scheme = ? AND NOT EXISTS "
            "(SELECT 1 FROM dedupe_articles d WHERE d.article_id = s.article_id) "
            "ORDER BY s.article_id", (scheme,)):
        out.append(aid)
        if cid is not None:
            carried.add(cid)
    return out, carried


def _store_bands(conn: sqlite3.Connection, state: int, ids: list[str],
                 options: DedupeOptions) -> None:
    rows = conn.execute(f"SELECT article_id, signature FROM article_signatures "
                        f"WHERE article_id IN ({_marks(ids)})", ids).fetchall()
    bands = []
    for aid, sig in rows:
        n = conn.execute("INSERT INTO dedupe_articles (article_id) VALUES (?)", (aid,)).lastrowid
        bands += ((state, band, h, n) for band, h in enumerate(band_hashes(sig, options)))
    bands.sort()  # in key order: fewer pages touched
    conn.executemany("INSERT INTO article_bands VALUES (?, ?, ?, ?)", bands)


def _join_candidates(conn: sqlite3.Connection, state: int, ids: list[str], comp: Components,
                     options: DedupeOptions) -> None:
    """Join each new article to the candidates it matches: stored articles by their
    story (a story is joined whole), new ones by themselves."""
    pairs = conn.execute(  # CROSS JOIN: SQLite keeps this order (from the new articles)
        "SELECT DISTINCT pd.article_id, cd.article_id, COALESCE(a.cluster_id, a.id) "
        "FROM dedupe_articles pd CROSS JOIN article_bands p CROSS JOIN article_bands c "
        "CROSS JOIN dedupe_articles cd CROSS JOIN articles a "
        f"WHERE pd.article_id IN ({_marks(ids)}) AND p.n = pd.n AND p.scheme = ? "
        "AND c.scheme = p.scheme AND c.band = p.band AND c.hash = p.hash AND c.n <> p.n "
        "AND cd.n = c.n AND a.id = cd.article_id", (*ids, state)).fetchall()
    if not pairs:
        return
    need = sorted({x for p, c, _ in pairs for x in (p, c)})
    values = {}
    for i in range(0, len(need), _CHUNK):
        part = need[i:i + _CHUNK]
        values.update((aid, signature_values(sig, options)) for aid, sig in conn.execute(
            f"SELECT article_id, signature FROM article_signatures WHERE article_id IN "
            f"({_marks(part)})", part))
    for p, c, story in pairs:
        if comp.find(p) != comp.find(story) \
                and similarity(values[p], values[c]) >= options.threshold:
            comp.join(p, story)


def _name_story(conn: sqlite3.Connection, nodes: set[str]) -> None:
    """Write one story's ``cluster_id``: the nodes are new articles and stored stories
    (a stored article alone is a story of its own)."""
    members: dict[str, str | None] = {}
    for node in nodes:
        members.update(conn.execute("SELECT id, published FROM articles "
                                    "WHERE cluster_id = ? OR id = ?", (node, node)).fetchall())
    rep = min(members, key=lambda i: (members[i] or "9999-99-99", i))
    conn.executemany("UPDATE articles SET cluster_id = ? WHERE id = ? AND cluster_id IS NOT ?",
                     ((rep, aid, rep) for aid in members))


def _marks(values: list) -> str:
    return ",".join("?" * len(values))
