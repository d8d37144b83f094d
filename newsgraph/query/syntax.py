"""The simple search syntax, compiled safely to an FTS5 query.

What people type::

    China Taiwan            both words (any order)
    "joint statement"       the phrase
    US-Japan  U.S.  North Korea's  Kim Jong-un
                            each term is split the way the index splits text, and
                            its pieces must appear together, in order
    sanction*               words starting with "sanction"
    Japan OR Korea          either
    -Taiwan  NOT Taiwan     without that term
    US  UK  EU  UN  IS      a word in capitals matches only where the text writes it
                            in capitals (not "us", "used", "is"); other words match
                            their forms ("sanction" finds "sanctions")

Every piece of text is passed to FTS5 inside double quotes, so nothing a person
types can be read as FTS5 syntax (column filters, NEAR, stray parentheses).
Raw FTS5 is available separately (``fts=True`` / ``--fts``).

**Capitals.**  The full-text index stems and folds case, so a word in capitals
(:func:`newsgraph.store.fts.is_capitals`) is also looked up in the index of the words
each article writes in capitals (``articles_caps``): :func:`compile_search` returns the
FTS5 expression and a condition on the article's rowid that holds only where every
such word of a term is written in capitals.  The term's other words, and a phrase's
order, are matched by the full-text index as always (so ``"US troops"`` finds the
phrase in an article that writes "US" in capitals).  Snippets highlight a word of
such a term only where it is written in capitals (:func:`keep_highlight`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryError
from ..store.fts import is_capitals
from .limits import check_terms

__all__ = ["compile_query", "compile_search", "Compiled", "Term", "keep_highlight",
           "matches_text"]

# A double-quoted phrase, or a run of non-space characters (a term may carry a
# leading "-" and a trailing "*").
_LEXEME = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# What FTS5's unicode61 tokenizer keeps as a token: letters, digits (and marks).
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Term:
    tokens: tuple[str, ...]
    negated: bool = False
    prefix: bool = False
    caps: tuple[str, ...] = ()  # of ``tokens``, those typed in capitals (lower-cased)

    def fts(self) -> str:
        phrase = '"' + " ".join(self.tokens) + '"'
        return phrase + "*" if self.prefix else phrase

    def caps_fts(self) -> str:
        """The FTS5 expression of its words in capitals, for ``articles_caps``."""
        last = self.tokens[-1] if self.prefix else None
        return " AND ".join(f'"{w}"' + ("*" if w == last else "") for w in self.caps)


def _terms(query: str) -> list[Term | str]:
    """Lexemes as terms, with the operator ``OR`` kept as a string."""
    out: list[Term | str] = []
    negate_next = False
    for m in _LEXEME.finditer(query):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word is not None:
            if word == "OR":
                out.append("OR")
                continue
            if word in ("NOT", "AND"):
                negate_next = word == "NOT"
                continue
            neg = "-" if word.startswith("-") and len(word) > 1 else ""
            body = word[1:] if neg else word
            prefix = body.endswith("*")
            raw = _TOKEN.findall(body)
        else:
            prefix = False
            raw = _TOKEN.findall(phrase)
        tokens = tuple(t.lower() for t in raw)
        if not tokens:
            continue
        caps = tuple(dict.fromkeys(t.lower() for t in raw if is_capitals(t)))
        out.append(Term(tokens, negated=bool(neg) or negate_next, prefix=prefix, caps=caps))
        negate_next = False
    return out


@dataclass(frozen=True)
class Compiled:
    """A query compiled: the FTS5 expression on ``articles_fts``, and the condition on an
    article's rowid its words in capitals add (``cond.format(rowid=...)``; ``"1"`` when
    it has none) with its parameters, and the ones that are not in capitals (for
    snippets)."""

    expr: str
    cond: str = "1"
    params: tuple[str, ...] = ()
    capitals: bool = False
    plain: str = ""  # FTS5 expression of its positive terms without capitals ("": none)

    def where(self, rowid: str) -> tuple[str, list[str]]:
        return self.cond.format(rowid=rowid), list(self.params)


_CAPS_IN = "{rowid} IN (SELECT rowid FROM articles_caps WHERE articles_caps MATCH ?)"
_FTS_IN = "{rowid} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def compile_search(query: str) -> Compiled:
    """Compile the simple syntax (see the module), words in capitals included."""
    groups, negatives = _groups(query)
    conds: list[str] = []
    params: list[str] = []
    for g in groups:
        if not any(t.caps for t in g):
            continue
        alts = []
        for t in g:  # a group is an OR of terms: each term with its own condition
            alts.append(_CAPS_IN if t.caps else _FTS_IN)
            params.append(t.caps_fts() if t.caps else t.fts())
        conds.append("(" + " OR ".join(alts) + ")")
    for t in negatives:
        if t.caps:
            conds.append("NOT " + _CAPS_IN)
            params.append(t.caps_fts())
    expr = _expr(groups, [t for t in negatives if not t.caps])
    plain = [t.fts() for g in groups for t in g if not t.caps]
    return Compiled(expr, " AND ".join(conds) or "1", tuple(params),
                    any(t.caps for g in groups for t in g) or any(t.caps for t in negatives),
                    " OR ".join(plain))


def compile_query(query: str) -> str:
    """Compile the simple syntax to an FTS5 MATCH expression (words in capitals as any
    other word: :func:`compile_search` adds their condition).

    Raises :class:`QueryError` (``E501``) when nothing searchable is left, or the
    query only excludes terms; ``E513`` when it holds too many words or prefix terms
    (:mod:`newsgraph.query.limits`).
    """
    groups, negatives = _groups(query)
    return _expr(groups, negatives)


def _groups(query: str) -> tuple[list[list[Term]], list[Term]]:
    """The AND of OR-groups of positive terms, and the negated terms."""
    terms = _terms(query)
    found = [t for t in terms if isinstance(t, Term)]
    check_terms(query, sum(len(t.tokens) for t in found), sum(t.prefix for t in found))
    groups: list[list[Term]] = []  # AND of (OR of terms)
    negatives: list[Term] = []
    join_next = False
    for t in terms:
        if t == "OR":
            join_next = bool(groups)
            continue
        if t.negated:
            negatives.append(t)
            join_next = False
        elif join_next:
            groups[-1].append(t)
            join_next = False
        else:
            groups.append([t])
    if not groups:
        what = "only excludes terms" if negatives else "has no words to search for"
        raise QueryError(f"the query {query!r} {what}", code="E501")
    return groups, negatives


def _expr(groups: list[list[Term]], negatives: list[Term]) -> str:
    parts = [g[0].fts() if len(g) == 1 else "(" + " OR ".join(t.fts() for t in g) + ")"
             for g in groups]
    expr = " AND ".join(parts)
    if negatives:
        expr = f"({expr}) NOT (" + " OR ".join(t.fts() for t in negatives) + ")"
    return expr


_PROBE = None


def keep_highlight(segment: str, compiled: Compiled) -> bool:
    """Whether a highlighted ``segment`` of a snippet stays highlighted: always for a
    query without words in capitals; else when it writes a word in capitals, or a term
    without capitals matches it (the full-text index marks "used" for ``US``)."""
    if not compiled.capitals or any(is_capitals(w) for w in _TOKEN.findall(segment)):
        return True
    if not compiled.plain:
        return False
    return matches_text(segment, compiled.plain)


def matches_text(segment: str, expr: str) -> bool:
    """Whether the FTS5 expression ``expr`` matches ``segment`` under the full-text
    index's own tokenizer (one in-memory table per thread)."""
    import sqlite3
    import threading

    global _PROBE
    if _PROBE is None:
        _PROBE = threading.local()
    conn = getattr(_PROBE, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize="
                     "'porter unicode61 remove_diacritics 2')")
        _PROBE.conn = conn
    conn.execute("DELETE FROM probe")
    conn.execute("INSERT INTO probe(x) VALUES (?)", (segment,))
    try:
        return conn.execute("SELECT 1 FROM probe WHERE probe MATCH ?", (expr,)).fetchone() \
            is not None
    except sqlite3.OperationalError:
        return True
