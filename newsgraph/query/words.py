"""Words in a sentence or a quote: the ``text`` field of :class:`~newsgraph.query.filters.Filter`.

``text`` is words and ``"quoted phrases"``; an event matches when its sentence
holds every one of them, a quote when its words do.  Each is matched as a whole
word (``US`` never matches "used"; no stemming), in any case and with accents
folded, except a word written in capitals (``US``, ``EU``, ``IS``: two letters or
more, :func:`newsgraph.store.fts.is_capitals`, as search reads them), which matches
only where the text writes it in capitals.

The full-text tables of migration 080 find them: ``event_text`` (the sentence of
each event) and ``quote_text`` (the words of each quote), tokenised as the
articles' index is but without stemming; a term with a word in capitals is then
checked against the sentence or quote itself with a ``GLOB`` pattern (a word ends
where a character stands that is no letter, Latin with accents, nor digit).
"""

from __future__ import annotations

import re
import sqlite3

from ..store.fts import is_capitals

__all__ = ["terms", "fts_expr", "glob_of", "words_sql", "count_words", "matches"]

_LEXEME = re.compile(r'"([^"]*)"?|(\S+)')
_TOKEN = re.compile(r"[^\W_]+")
#: What may stand next to a matched word: anything but a letter or a digit.
_EDGE = "[^{}0-9À-ÖØ-öø-ɏ]"
_GLOB_SPECIAL = re.compile(r"([*?\[])")


def terms(text: str | None) -> tuple[str, ...]:
    """The words and phrases of ``text`` (those with something to match)."""
    out = []
    for m in _LEXEME.finditer(text or ""):
        term = " ".join((m.group(1) if m.group(1) is not None else m.group(2)).split())
        if _TOKEN.search(term):
            out.append(term)
    return tuple(dict.fromkeys(out))


def fts_expr(found: tuple[str, ...]) -> str:
    """The FTS5 expression of ``found``: each term a phrase of its tokens, all required."""
    return " ".join('"' + " ".join(_TOKEN.findall(t)) + '"' for t in found)


def _letters(word: str) -> str:
    """A GLOB piece matching ``word`` in any case (``[Tt][Rr]...``), specials escaped."""
    out = []
    for c in word:
        if c.lower() != c.upper():
            out.append(f"[{c.upper()}{c.lower()}]")
        else:
            out.append(_GLOB_SPECIAL.sub(r"[\1]", c))
    return "".join(out)


def glob_of(term: str) -> str | None:
    """The GLOB pattern that checks a term's words in capitals as written (the others in
    any case), against the text with a space either side; None when it has none (the
    index alone decides)."""
    words = term.split()
    if not any(is_capitals(w) for w in words):
        return None
    body = " ".join(_GLOB_SPECIAL.sub(r"[\1]", w) if is_capitals(w) else _letters(w)
                    for w in words)
    edge = _EDGE.format("A-Za-z")
    return f"*{edge}{body}{edge}*"


def _spaced(sql: str) -> str:
    """``sql`` with a space either side, line breaks and tabs as spaces."""
    return f"(' ' || replace(replace({sql}, char(10), ' '), char(9), ' ') || ' ')"


#: kind -> (the full-text table, the column its text is in, the id it is searched for)
_TABLES = {"events": ("event_text", "sentence", "e.id"),
           "quotes": ("quote_text", "text", "q.id")}


def _matching(text: str | None, params: list, kind: str) -> str | None:
    """``SELECT rowid`` of the events or quotes that hold ``text`` (None: no words)."""
    found = terms(text)
    if not found:
        return None
    table, column, _ = _TABLES[kind]
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    params.append(fts_expr(found))
    for term in found:
        pattern = glob_of(term)
        if pattern is not None:
            sql += f" AND {_spaced(column)} GLOB ?"
            params.append(pattern)
    return sql


def words_sql(text: str | None, params: list, *, kind: str) -> list[str]:
    """The condition for ``text`` on ``events e`` or ``quotes q`` (``kind``), its
    parameters appended; none when ``text`` has no words."""
    matching = _matching(text, params, kind)
    if matching is None:
        return []
    # "+": the rows are walked in the query's order (newest first), each looked up here
    return [f"+{_TABLES[kind][2]} IN ({matching})"]


def count_words(conn: sqlite3.Connection, text: str | None, *, kind: str) -> int:
    """How many events (``kind="events"``) or quotes hold ``text``, from the index."""
    params: list = []
    matching = _matching(text, params, kind)
    if matching is None:
        return conn.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]
    return conn.execute(f"SELECT count(*) FROM ({matching})", params).fetchone()[0]


def matches(text: str | None, found: tuple[str, ...]) -> bool:
    """Whether ``text`` holds every term of ``found``, by the SQL the queries run
    (on an index of this one text)."""
    if text is None or not found:
        return text is not None
    with sqlite3.connect(":memory:") as conn:
        conn.execute('CREATE VIRTUAL TABLE event_text USING fts5(sentence, '
                     'tokenize="unicode61 remove_diacritics 2")')
        conn.execute("INSERT INTO event_text(rowid, sentence) VALUES (1, ?)", (text,))
        params: list = []
        cond = words_sql(" ".join(f'"{t}"' for t in found), params, kind="events")[0]
        sql = "SELECT count(*) FROM (SELECT 1 AS id) e WHERE " + cond
        return bool(conn.execute(sql, params).fetchone()[0])
