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

__all__ = ["transaction"]

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
