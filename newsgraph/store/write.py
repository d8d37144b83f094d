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

import json
import os
import sqlite3
from typing import Any, Iterable

from ..models import QUAD_CLASS, Analysis, Article, Caption, Source, Span

__all__ = ["insert_article", "write_analysis", "insert_rows", "delete_articles", "make_room",
           "article_from_row", "ARTICLE_COLUMNS"]

ARTICLE_COLUMNS = (
    "id", "sha256", "source_path", "source_format", "source_record", "publication", "language",
    "country", "published", "url", "headline", "deck", "byline", "dateline", "text",
    "paragraphs", "captions", "origin", "times", "warnings", "analysis_warnings",
    "pipeline_version", "headline_start", "headline_end", "ingested_at", "analysed_at",
)
_INSERT_ARTICLE = (f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})")


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(value: Any) -> str:
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    return _dumps(value)


def insert_article(conn: sqlite3.Connection, analysis: Analysis, *, now: str) -> None:
    """Insert a new article row and, when it was analysed, its analysis rows.

    An analysis without ``pipeline_version`` (``ingest --no-analysis``) stores the
    clean article only: its ``pipeline_version`` stays NULL so ``reprocess`` picks it up.
    """
    a = analysis.article
    analysed = bool(analysis.pipeline_version)
    hs = a.headline_span
    conn.execute(_INSERT_ARTICLE, (
        a.id, a.source.sha256, a.source.path, a.source.format, a.source.record, a.publication,
        a.language, a.country, a.published, a.url, a.headline, a.deck, a.byline, a.dateline,
        a.text, "[" + ",".join(f"[{p.start},{p.end}]" for p in a.paragraphs) + "]",
        _json([c.to_dict() for c in a.captions]), _json(dict(a.origin)),
        _json([t.to_dict() for t in analysis.times]), _json(list(a.warnings)),
        _json(list(analysis.warnings)),
        analysis.pipeline_version or None,
        hs.start if hs else None, hs.end if hs else None, now, now if analysed else None,
    ))
    if analysed:
        _insert_analysis_rows(conn, analysis)


def write_analysis(conn: sqlite3.Connection, analysis: Analysis, *, now: str) -> None:
    """Replace the stored analysis of an article already in the knowledge base."""
    aid = analysis.article.id
    for table in ("article_actors", "mentions", "actor_roles", "quotes", "events"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
    conn.execute("UPDATE articles SET times = ?, analysis_warnings = ?, pipeline_version = ?, "
                 "analysed_at = ? WHERE id = ?",
                 (_json([t.to_dict() for t in analysis.times]), _json(list(analysis.warnings)),
                  analysis.pipeline_version or None, now, aid))
    _insert_analysis_rows(conn, analysis)


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


def _insert_analysis_rows(conn: sqlite3.Connection, analysis: Analysis) -> None:
    aid = analysis.article.id
    seen = analysis.article.published
    actors, mentions, roles = [], [], []
    done: set[str] = set()
    for act in analysis.actors:
        if act.id in done:  # a stage bug must not abort the batch; the first one wins
            continue
        done.add(act.id)
        actors.append((aid, act.id, act.name, act.kind, act.country, act.sector,
                       _json(list(act.roles)), _json(list(act.members)), act.affiliation,
                       len(act.mentions)))
        mentions.extend((aid, act.id, m.start, m.end, m.text, m.form) for m in act.mentions)
        roles.extend((act.id, r, act.country, aid, seen) for r in act.roles)
    if actors:
        conn.executemany(
            "INSERT INTO article_actors (article_id, actor_id, name, kind, country, sector, roles, "
            "members, affiliation, n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", actors)
    if mentions:
        conn.executemany('INSERT INTO mentions (article_id, actor_id, start, "end", text, form) '
                         "VALUES (?, ?, ?, ?, ?, ?)", mentions)
    if roles:
        conn.executemany("INSERT INTO actor_roles (actor_id, role, country, article_id, seen) "
                         "VALUES (?, ?, ?, ?, ?)", roles)
    if analysis.quotes:
        conn.executemany(
            'INSERT INTO quotes (article_id, seq, start, "end", text, kind, speaker_actor, '
            "speaker_name, speaker_start, speaker_end, speaker_author, cue, cue_start, cue_end, "
            "about, sentence_start, sentence_end, rule, published) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, i, q.start, q.end, q.text, q.kind,
              q.speaker.actor if q.speaker else None, q.speaker.name if q.speaker else None,
              q.speaker.start if q.speaker else None, q.speaker.end if q.speaker else None,
              q.speaker.author if q.speaker else None,
              q.cue.text if q.cue else None, q.cue.start if q.cue else None,
              q.cue.end if q.cue else None, _json(list(q.about)),
              q.sentence.start if q.sentence else None, q.sentence.end if q.sentence else None,
              q.rule or None, seen)
             for i, q in enumerate(analysis.quotes)])
    for i, e in enumerate(analysis.events):
        cur = conn.execute(
            "INSERT INTO events (article_id, seq, type, quad, mode, source, target, modality, "
            "context, reported_by, date, date_granularity, location, trigger, trigger_start, "
            "trigger_end, sentence_start, sentence_end, cameo, rule, confidence, published) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, i, e.type, QUAD_CLASS.get(e.type), e.mode, _json(list(e.source)),
             _json(list(e.target)), e.modality, _json(list(e.context)), e.reported_by, e.date,
             e.date_granularity, e.location, e.trigger.text, e.trigger.start, e.trigger.end,
             e.sentence.start, e.sentence.end, e.cameo, e.rule or None, e.confidence, seen))
        pairs = [(cur.lastrowid, s, "source") for s in dict.fromkeys(e.source)]
        pairs += [(cur.lastrowid, t, "target") for t in dict.fromkeys(e.target)]
        if pairs:
            conn.executemany("INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, ?, ?)",
                             pairs)


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
