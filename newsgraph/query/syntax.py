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

Every piece of text is passed to FTS5 inside double quotes, so nothing a person
types can be read as FTS5 syntax (column filters, NEAR, stray parentheses).
Raw FTS5 is available separately (``fts=True`` / ``--fts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryError
from .limits import check_terms

__all__ = ["compile_query", "Term"]

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

    def fts(self) -> str:
        phrase = '"' + " ".join(self.tokens) + '"'
        return phrase + "*" if self.prefix else phrase


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
            tokens = tuple(t.lower() for t in _TOKEN.findall(body))
        else:
            prefix = False
            tokens = tuple(t.lower() for t in _TOKEN.findall(phrase))
        if not tokens:
            continue
        out.append(Term(tokens, negated=bool(neg) or negate_next, prefix=prefix))
        negate_next = False
    return out


def compile_query(query: str) -> str:
    """Compile the simple syntax to an FTS5 MATCH expression.

    Raises :class:`QueryError` (``E501``) when nothing searchable is left, or the
    query only excludes terms; ``E513`` when it holds too many words or prefix terms
    (:mod:`newsgraph.query.limits`).
    """
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
    parts = [g[0].fts() if len(g) == 1 else "(" + " OR ".join(t.fts() for t in g) + ")"
             for g in groups]
    expr = " AND ".join(parts)
    if negatives:
        expr = f"({expr}) NOT (" + " OR ".join(t.fts() for t in negatives) + ")"
    return expr
