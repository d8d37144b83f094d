"""Write side: one :class:`~newsgraph.models.Analysis` into every table.

The functions here run inside a transaction the caller holds (see
:func:`newsgraph.store.transaction`); they never commit.  :func:`insert_article`
adds an article with its analysis; :func:`write_analysis` replaces only the
analysis of an article already stored (``reprocess``); :func:`insert_rows` adds the
rows of a Parquet shard (``load``); :func:`delete_articles` removes articles, their
rows in every child table going with them (foreign keys ``ON DELETE CASCADE``) and
their full-text entries with them (triggers).  An analysis whose
``pipeline_version`` is empty stores the clean article only: ``reprocess`` analyses
it later.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from typing import Any, Iterable

from ..models import Analysis, Article, Caption, Event, Source, Span
from .rows import analysis_rows, event_row

__all__ = ["insert_article", "write_analysis", "insert_rows", "insert_many",
           "insert_analysis_rows", "release_held", "delete_articles", "make_room",
           "article_from_row", "ARTICLE_COLUMNS"]

ARTICLE_COLUMNS = (
    "id", "sha256", "source_path", "source_format", "source_record", "publication", "language",
    "country", "published", "url", "headline", "deck", "byline", "dateline", "text",
    "paragraphs", "captions", "origin", "times", "warnings", "analysis_warnings",
    "pipeline_version", "headline_start", "headline_end", "home_country", "home_country_from",
    "ingested_at", "analysed_at",
)
_INSERT_ARTICLE = (f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})")


def insert_article(conn: sqlite3.Connection, analysis: Analysis, *, now: str) -> None:
    """Insert a new article row and, when it was analysed, its analysis rows.

    An analysis without ``pipeline_version`` (``ingest --no-analysis``) stores the
    clean article only: its ``pipeline_version`` stays NULL so ``reprocess`` picks it up.
    """
    analysed = bool(analysis.pipeline_version)
    rows = analysis_rows(analysis, analysed_at=now if analysed else None)
    art = rows.pop("articles")[0]
    conn.execute(_INSERT_ARTICLE, [{**art, "ingested_at": now}[c] for c in ARTICLE_COLUMNS])
    if analysed:
        insert_analysis_rows(conn, rows)


def write_analysis(conn: sqlite3.Connection, analysis: Analysis, *, now: str) -> int:
    """Replace the stored analysis of an article already in the knowledge base.

    The links ``newsgraph link`` made (``article_actors.kb_actor_id``) are kept for the
    actors the new analysis finds again, so queries by the actor rule answer as before
    until ``link`` runs (it links the re-analysed article afresh).  Returns how many
    links the article had.
    """
    aid = analysis.article.id
    links = conn.execute("SELECT actor_id, kb_actor_id FROM article_actors "
                         "WHERE article_id = ? AND kb_actor_id IS NOT NULL", (aid,)).fetchall()
    for table in ("article_actors", "mentions", "actor_roles", "quotes", "events", "held_events"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
    rows = analysis_rows(analysis, analysed_at=now)
    art = rows.pop("articles")[0]
    conn.execute("UPDATE articles SET times = ?, analysis_warnings = ?, pipeline_version = ?, "
                 "home_country = ?, home_country_from = ?, analysed_at = ? WHERE id = ?",
                 (art["times"], art["analysis_warnings"], art["pipeline_version"],
                  art["home_country"], art["home_country_from"], now, aid))
    insert_analysis_rows(conn, rows)
    conn.executemany("UPDATE article_actors SET kb_actor_id = ? "
                     "WHERE article_id = ? AND actor_id = ?",
                     [(kb_id, aid, actor_id) for actor_id, kb_id in links])
    return len(links)


def insert_analysis_rows(conn: sqlite3.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Insert the child rows of analyses (:func:`~.rows.analysis_rows`, without
    ``articles``): events get their row ids, and ``event_actors`` refer to them by the
    event's article and ``seq``."""
    for table in ("article_actors", "mentions", "actor_roles", "quotes"):
        insert_many(conn, table, rows.get(table, ()))
    event_ids = {(r["article_id"], r["seq"]): insert_rows(conn, "events", [r])[0]
                 for r in rows.get("events", ())}
    insert_many(conn, "event_actors", (
        {"event_id": event_ids[key], "actor_id": r["actor_id"], "role": r["role"]}
        for r in rows.get("event_actors", ()) if (key := (r["article_id"], r["seq"])) in event_ids))
    insert_many(conn, "held_events", rows.get("held_events", ()))


def insert_many(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows that all have the same columns, in one statement."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return
    cols = list(first)
    names = ", ".join('"' + c + '"' for c in cols)
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})",
                     ([r[c] for c in cols] for r in (first, *it)))


def release_held(conn: sqlite3.Connection) -> int:
    """Move into ``events`` each held event one of whose people is now linked to an actor
    that acts for a state (``newsgraph link``); returns how many.  The event's rule says so
    (``+linked-state``)."""
    held = conn.execute(
        "SELECT h.id, h.article_id, h.event, a.published FROM held_events h "
        "JOIN articles a ON a.id = h.article_id "
        "WHERE EXISTS (SELECT 1 FROM json_each(h.persons) p "
        "  JOIN article_actors aa ON aa.article_id = h.article_id AND aa.actor_id = p.value "
        "  JOIN actors k ON k.id = aa.kb_actor_id WHERE k.country IS NOT NULL) "
        "ORDER BY h.article_id, h.seq").fetchall()
    for hid, aid, record, published in held:
        e = Event.from_dict(json.loads(record))
        e = dataclasses.replace(e, rule=e.rule + "+linked-state")
        seq = conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM events WHERE article_id = ?",
                           (aid,)).fetchone()[0]
        eid = insert_rows(conn, "events", [event_row(aid, seq, e, published)])[0]
        insert_many(conn, "event_actors", (
            {"event_id": eid, "actor_id": actor_id, "role": role}
            for role, ids in (("source", e.source), ("target", e.target))
            for actor_id in dict.fromkeys(ids)))
        conn.execute("DELETE FROM held_events WHERE id = ?", (hid,))
    return len(held)


def insert_rows(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> list[int]:
    """Insert rows given as ``{column: value}`` into ``table``; returns their rowids."""
    out = []
    for row in rows:
        cols = list(row)
        names = ", ".join('"' + c + '"' for c in cols)
        cur = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})",
                           [row[c] for c in cols])
        out.append(cur.lastrowid)
    return out


def delete_articles(conn: sqlite3.Connection, ids: Iterable[str]) -> int:
    n = 0
    for aid in ids:
        n += conn.execute("DELETE FROM articles WHERE id = ?", (aid,)).rowcount
    return n


def _spellings(path: str) -> tuple[str, ...]:
    """The ways the same file may have been named: as given, absolute, relative to here."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        relative = absolute
    return tuple(dict.fromkeys((path, absolute, relative)))


def make_room(conn: sqlite3.Connection, *, sha256: str, article_id: str, path: str | None,
              record: int | None) -> str:
    """The rule of ``ingest`` and ``load`` for one incoming article, before it is inserted.

    ``"duplicate"``: its content hash is stored already; nothing changes and it is
    not to be inserted.  Otherwise the stored articles it supersedes are deleted
    -- the one with its id, and, when it is a whole file (no ``record``), the one
    read from the same file under any spelling of the path -- and the answer is
    ``"replaced"`` (some were) or ``"new"``.
    """
    if conn.execute("SELECT 1 FROM articles WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone():
        return "duplicate"
    old = [r[0] for r in conn.execute("SELECT id FROM articles WHERE id = ?", (article_id,))]
    if path and path != "-" and record is None:
        for spelling in _spellings(path):
            old += [r[0] for r in conn.execute(
                "SELECT id FROM articles WHERE source_path = ? AND source_record IS NULL",
                (spelling,)) if r[0] not in old]
    return "replaced" if delete_articles(conn, old) else "new"


def article_from_row(row: sqlite3.Row) -> Article:
    """Rebuild the :class:`~newsgraph.models.Article` stored in an ``articles`` row."""
    hs = (Span(row["headline_start"], row["headline_end"])
          if row["headline_start"] is not None else None)
    return Article(
        id=row["id"],
        source=Source(row["source_path"], row["source_format"] or "text", row["sha256"],
                      row["source_record"]),
        text=row["text"],
        paragraphs=tuple(Span(s, e) for s, e in json.loads(row["paragraphs"])),
        captions=tuple(Caption(c["text"], c.get("credit"), c["start"], c["end"])
                       for c in json.loads(row["captions"])),
        headline=row["headline"], headline_span=hs, deck=row["deck"], byline=row["byline"],
        dateline=row["dateline"], publication=row["publication"], language=row["language"],
        country=row["country"], published=row["published"], url=row["url"],
        origin=json.loads(row["origin"]), warnings=tuple(json.loads(row["warnings"])),
    )
