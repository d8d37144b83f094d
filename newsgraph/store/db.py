"""The knowledge-base file: open it (WAL, foreign keys, migrations) and run transactions.

The connection is in autocommit mode (``isolation_level=None``) and every write goes
through :func:`transaction`, the one way newsgraph runs a transaction: ``BEGIN
IMMEDIATE ... COMMIT`` (rolled back on any error), or, when the caller already holds
a transaction on that connection, a savepoint inside it that never commits the
caller's work.  WAL mode lets readers (search, the web explorer) work while an ingest
writes; a crash loses at most the transaction in flight.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError
from .fts import register
from .migrate import migrate, pending
from .tx import transaction

__all__ = ["connect", "transaction"]


def connect(path: str | Path, *, readonly: bool = False,
            timeout: float = 30.0) -> sqlite3.Connection:
    """An autocommit connection to the knowledge base at ``path``, rows as ``sqlite3.Row``.

    ``readonly``: the file must exist and its schema be current; nothing is written.
    Otherwise the file is created if needed and migrated to the package's schema.
    """
    path = str(path)
    try:
        if readonly:
            if not Path(path).is_file():
                raise StoreError("no knowledge base here (run `newsgraph ingest` first)",
                                 code="E404", where=path)
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        conn.row_factory = sqlite3.Row
        register(conn)  # newsgraph_caps(), which the search index's triggers call
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")  # 32 MB
        if readonly:
            conn.execute("PRAGMA query_only = ON")
            if pending(conn):
                raise StoreError("the knowledge base's schema is older than this newsgraph: "
                                 "open it once without read-only to migrate it",
                                 code="E405", where=path)
        else:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # durable across process kills
            migrate(conn, where=path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the knowledge base: {exc}", code="E400",
                         where=path) from exc
    return conn
