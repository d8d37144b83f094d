"""What one query may cost: a cap on the terms of a search, and a time budget.

A search's cost grows with its terms, and most with prefix terms (``sanction*``),
each of which FTS5 expands into every indexed word that starts so: a query of
hundreds of prefix terms could hold a process, or a worker of the explorer, for
minutes.  :func:`check_terms` refuses a query past :data:`MAX_TERMS` words or
:data:`MAX_PREFIXES` prefix terms (``[E513]``), and :func:`time_limit` interrupts a
query that runs longer than its budget (SQLite's progress handler: ``[E514]``).
"""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import contextmanager
from typing import Iterator

from ..errors import QueryError

__all__ = ["MAX_TERMS", "MAX_PREFIXES", "MAX_QUERY_CHARS", "SEARCH_SECONDS", "check_terms",
           "check_raw", "time_limit"]

#: The most words one search may hold (a phrase counts its words).
MAX_TERMS = 64
#: The most prefix terms (``word*``) one search may hold.
MAX_PREFIXES = 8
#: The longest query text accepted (characters).
MAX_QUERY_CHARS = 2_000
#: The time budget of one search, in seconds (the explorer's and the CLI's).
SEARCH_SECONDS = 10.0
#: How often (SQLite virtual-machine steps) the progress handler looks at the clock.
_STEPS = 20_000
_WORD = re.compile(r"[^\W_]+")
_OPERATORS = frozenset({"OR", "AND", "NOT", "NEAR"})


def check_terms(query: str, words: int, prefixes: int) -> None:
    """``[E513]`` when a query holds more words or prefix terms than one search may."""
    if len(query) > MAX_QUERY_CHARS or words > MAX_TERMS or prefixes > MAX_PREFIXES:
        raise QueryError(f"the query is too long to search ({len(query):,} characters, {words} "
                         f"words, {prefixes} prefix terms; at most {MAX_QUERY_CHARS:,}, "
                         f"{MAX_TERMS} and {MAX_PREFIXES})", code="E513")


def check_raw(expr: str) -> None:
    """:func:`check_terms` for a raw FTS5 expression (its operators are not words)."""
    words = [w for w in _WORD.findall(expr) if w not in _OPERATORS]
    check_terms(expr, len(words), expr.count("*"))


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float | None) -> Iterator[None]:
    """Interrupt what ``conn`` runs inside the block once ``seconds`` have passed:
    ``[E514]``.  None: no limit."""
    if not seconds:
        yield
        return
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline, _STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc) and time.monotonic() > deadline:
            raise QueryError(f"the query ran out of time ({seconds:g} s): make it narrower "
                             "(fewer or longer words, fewer prefix terms, a filter)",
                             code="E514") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
