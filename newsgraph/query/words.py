"""Words in a sentence or a quote: the ``text`` field of :class:`~newsgraph.query.filters.Filter`.

``text`` is words and ``"quoted phrases"``; an event matches when its sentence
holds every one of them, a quote when its words do.  Each is matched as a whole
word (``US`` never matches "used"), in any case, except a term written in
capitals (``US``, ``EU``, ``IS``), which matches as written.

Two steps keep it quick on a large knowledge base: the full-text index finds the
articles that hold every term (:func:`fts_expr`, a superset: the index stems
words), and the SQL function :data:`FUNCTION`, registered on the connection by
:func:`words_sql`, checks the sentence or quote itself.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3

__all__ = ["terms", "fts_expr", "matches", "words_sql", "FUNCTION"]

FUNCTION = "newsgraph_has_words"
_LEXEME = re.compile(r'"([^"]*)"?|(\S+)')
_TOKEN = re.compile(r"[^\W_]+")


def terms(text: str | None) -> tuple[str, ...]:
    """The words and phrases of ``text`` (those with something to match)."""
    out = []
    for m in _LEXEME.finditer(text or ""):
        term = " ".join((m.group(1) if m.group(1) is not None else m.group(2)).split())
        if _TOKEN.search(term):
            out.append(term)
    return tuple(dict.fromkeys(out))


def fts_expr(found: tuple[str, ...]) -> str:
    """An FTS5 expression every article holding all ``found`` terms matches."""
    return " ".join('"' + " ".join(_TOKEN.findall(t)) + '"' for t in found)


def _capitals(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=256)
def _patterns(key: str) -> tuple[re.Pattern, ...]:
    out = []
    for term in json.loads(key):
        body = r"\s+".join(re.escape(w) for w in term.split())
        flags = 0 if _capitals(term) else re.IGNORECASE
        out.append(re.compile(rf"(?<!\w){body}(?!\w)", flags))
    return tuple(out)


def matches(text: str | None, found: tuple[str, ...]) -> bool:
    """Whether ``text`` holds every term of ``found`` (see the module)."""
    if text is None:
        return False
    return all(p.search(text) for p in _patterns(json.dumps(list(found))))


def _has_words(text: str | None, key: str) -> int:
    if text is None:
        return 0
    return int(all(p.search(text) for p in _patterns(key)))


def words_sql(conn: sqlite3.Connection, text: str | None, params: list, *, article: str,
              body: str) -> list[str]:
    """The conditions for ``text``: ``article`` is the SQL of the article id,
    ``body`` that of the sentence or quote (parameters appended); none when
    ``text`` has no words."""
    found = terms(text)
    if not found:
        return []
    conn.create_function(FUNCTION, 2, _has_words, deterministic=True)
    params += [fts_expr(found), json.dumps(list(found))]
    return [f"{article} IN (SELECT a.id FROM articles_fts CROSS JOIN articles a "
            "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?)",
            f"{FUNCTION}({body}, ?)"]
