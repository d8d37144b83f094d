"""Transactions, run one way: :func:`transaction`.

``BEGIN IMMEDIATE ... COMMIT`` (rolled back on any error) on a connection with no open
transaction; a savepoint inside the caller's transaction otherwise, so that nothing
here ever commits (or rolls back) work the caller has not finished.
"""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import contextmanager
from typing import Iterator

from ..errors import StoreError

__all__ = ["transaction", "write_failed"]

_SAVEPOINTS = itertools.count(1)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``with transaction(conn):`` one write transaction, rolled back on any error.

    Inside a transaction the caller holds already, a savepoint: an error rolls back
    what this block did, and the caller's transaction stays open and uncommitted.
    """
    if conn.in_transaction:
        name = f"newsgraph_{next(_SAVEPOINTS)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def write_failed(exc: sqlite3.Error, *, where: str | None = None) -> StoreError:
    """The one-line error for a write the knowledge base refused (disk full, I/O error,
    the file locked past the timeout): ``[E406]``.  The transaction was rolled back, so
    what was committed before is intact and a rerun does the rest."""
    msg = str(exc)
    hint = " (is the disk full?)" if any(k in msg for k in ("disk", "full", "I/O")) else ""
    return StoreError(f"cannot write to the knowledge base: {msg}{hint}; what was committed "
                      "before is kept, and a rerun stores the rest", code="E406", where=where)
