"""What a quote is about: ``quotes --about``, ranked by how near the quote names it.

**The rule.**  A quote is about an actor when the actor is named

1. ``quote``: in the quote itself (the quotes stage's ``about``),
2. ``sentence``: else in the quote's sentence,
3. ``paragraph``: else in its paragraph (from the one where the quote starts to the one
   where it ends),
4. ``headline``: else in the article's headline (what the article is about),

each by the actor rule (a state also through the people and bodies that act for it), and
never by the speaker's own mentions: a quote is not about whoever says it.  Quotes come
nearest first (all those of level 1, then 2, ...), newest first within a level;
``Filter.about_in`` stops at a level (``"sentence"``: levels 1 and 2).  The levels are
rows of ``quote_parties`` (roles ``about``, ``sentence``, ``paragraph``, ``headline``:
migration 065).

``about`` that names no actor is taken as words (the simple search syntax): a quote is
about them where they appear in it, its sentence, its paragraph or the headline, by the
same levels; nothing named so, and no such words, is ``[E520]`` with the nearest names.
So "what did Tony Blair say about Iraq" (``by="Tony Blair", about="Iraq"``) finds his
words in an article whose paragraph or headline names Iraq, though his quote does not.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from .actors import Resolved, _check_one, _unknown, party_sql, resolve
from .filters import ABOUT_SCOPES, Filter
from .syntax import compile_search, matches_text

__all__ = ["about_ids", "LEVELS", "LEVEL_NAMES"]

#: ``quote_parties`` role -> level, nearest first.
LEVELS = {"about": 1, "sentence": 2, "paragraph": 3, "headline": 4}
#: level -> what it is called (``QuoteRecord.about_match``).
LEVEL_NAMES = dict(zip(range(1, 5), ABOUT_SCOPES))


def about_ids(conn: sqlite3.Connection, f: Filter, where_of, limit: int | None, offset: int,
              way: str) -> tuple[list[int], int, tuple[Resolved, ...], dict[int, int]]:
    """(a page of quote ids, nearest first then by ``way`` of date; the total; the actors
    resolved; each id's level).  ``where_of(filter)`` is the quote query's own WHERE on
    ``quotes q`` for the rest of the filter (speaker, dates, article)."""
    deepest = ABOUT_SCOPES.index(f.about_in or "headline") + 1
    where, params, found = where_of(replace(f, about=None, about_in=None))
    r = resolve(conn, f.about)
    if r.ids:
        if len(r.ids) > 1:
            _check_one(conn, r)  # [E522]: "Blair" when Tony and Ian Blair are both known
        ids, total, levels = _by_actor(conn, r, deepest, where, params, limit, offset, way)
        return ids, total, (*found, r), levels
    ids, total, levels = _by_words(conn, f.about, deepest, where, params, limit, offset, way)
    return ids, total, (*found, Resolved(f.about, (), "words")), levels


def _by_actor(conn, r: Resolved, deepest: int, where: str, params: list, limit, offset, way):
    roles = [k for k, v in LEVELS.items() if v <= deepest]
    level = "CASE p.role " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in LEVELS.items()) + " END"
    args: list = []
    cond = party_sql(r.ids, args, "p.party")
    args += roles
    src = (f"FROM quote_parties p CROSS JOIN quotes q ON q.id = p.quote_id WHERE {cond} "
           f"AND p.role IN ({', '.join('?' * len(roles))}) AND {where}")
    args += params
    total = conn.execute(f"SELECT count(DISTINCT p.quote_id) {src}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT p.quote_id, min({level}) AS lvl, max(p.published) AS day {src} "
        f"GROUP BY p.quote_id ORDER BY lvl, day {way}, p.quote_id {way} LIMIT ? OFFSET ?",
        (*args, -1 if limit is None else limit, offset)).fetchall()
    return [x[0] for x in rows], total, {x[0]: x[1] for x in rows}


def _by_words(conn, words: str, deepest: int, where: str, params: list, limit, offset, way):
    """Levels of the quotes of the articles the words are found in (full-text search first),
    each checked in Python against the quote, its sentence, paragraph and headline."""
    compiled = compile_search(words)
    caps, caps_params = compiled.where("+articles_fts.rowid")
    rowids = [x[0] for x in conn.execute(
        f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND {caps}",
        (compiled.expr, *caps_params))]
    if not rowids:
        raise _unknown(conn, words, words=True)
    found: list[tuple[int, int, str]] = []  # (level, quote id, published)
    for i in range(0, len(rowids), 500):
        chunk = rowids[i:i + 500]
        for q in conn.execute(
                "SELECT q.id, q.start, q.\"end\", q.sentence_start, q.sentence_end, q.published, "
                "a.text, a.paragraphs, a.headline_start, a.headline_end FROM articles a "
                "CROSS JOIN quotes q ON q.article_id = a.id "
                f"WHERE a.rowid IN ({','.join('?' * len(chunk))}) AND {where}",
                (*chunk, *params)):
            level = _level(q, compiled.expr, deepest)
            if level:
                found.append((level, q["id"], q["published"] or ""))
    found.sort(key=lambda x: (x[2], x[1]), reverse=way == "DESC")
    found.sort(key=lambda x: x[0])  # stable: nearest first, by date within a level
    page = found[offset:None if limit is None else offset + limit]
    return [x[1] for x in page], len(found), {x[1]: x[0] for x in page}


def _level(q, expr: str, deepest: int) -> int | None:
    """The nearest level at which ``expr`` matches the text around quote ``q``."""
    text = q["text"]
    spans = [(q["start"], q["end"])]
    if q["sentence_start"] is not None:
        spans.append((q["sentence_start"], q["sentence_end"]))
    else:
        spans.append(None)
    paras = json.loads(q["paragraphs"] or "[]")
    starts = [p[0] for p in paras if p[0] <= q["start"]]
    ends = [p[1] for p in paras if p[1] >= q["end"]]
    spans.append((max(starts), min(ends)) if starts and ends else None)
    spans.append((q["headline_start"], q["headline_end"])
                 if q["headline_start"] is not None else None)
    for level, span in enumerate(spans[:deepest], 1):
        if span is not None and matches_text(text[span[0]:span[1]], expr):
            return level
    return None
