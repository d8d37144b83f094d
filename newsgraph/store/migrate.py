"""Schema migrations: ``migrations/NNN_name.sql`` applied in order, each recorded.

The pending migrations run inside one transaction together with the rows that
record them in ``schema_migrations``, so a crash leaves either the old schema or the
new one.  Opening a knowledge base whose schema is current takes no
write lock, so readers never wait for a running ingest.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources

from ..errors import StoreError
from .fts import register
from .tx import transaction

__all__ = ["Migration", "available", "applied", "pending", "migrate", "schema_version",
           "statements"]

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> tuple[Migration, ...]:
    """The package's migrations, in version order."""
    found = []
    for res in resources.files("newsgraph.store.migrations").iterdir():
        m = _NAME.match(res.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), res.read_text(encoding="utf-8")))
    found.sort(key=lambda x: x.version)
    versions = [x.version for x in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {versions}", code="E401")
    return tuple(found)


def applied(conn: sqlite3.Connection) -> set[int]:
    """Versions recorded in the database (empty for a new file)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                          "AND name = 'schema_migrations'").fetchone()
    if not exists:
        return set()
    return {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}


def pending(conn: sqlite3.Connection) -> tuple[Migration, ...]:
    done = applied(conn)
    return tuple(m for m in available() if m.version not in done)


def schema_version(conn: sqlite3.Connection) -> int:
    done = applied(conn)
    return max(done) if done else 0


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers' ``BEGIN ... END`` kept whole).

    ``executescript`` would commit the open transaction first, so each statement
    is executed on its own inside the migration's transaction.
    """
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise StoreError(f"incomplete SQL statement at the end of a migration: {buf[:60]!r}",
                         code="E403")
    return out


def migrate(conn: sqlite3.Connection, *, where: str = "") -> tuple[int, ...]:
    """Apply the pending migrations, each recorded with it; returns the versions applied.

    One transaction (:func:`~newsgraph.store.tx.transaction`: a savepoint when the
    caller holds a transaction already) covers them all.
    """
    if not pending(conn):
        return ()
    register(conn)  # the functions migrations and triggers call
    done: list[int] = []
    with transaction(conn):
        conn.execute(_TABLE)
        for mig in pending(conn):  # again, under the lock: another process may have migrated
            try:
                for stmt in statements(mig.sql):
                    conn.execute(stmt)
            except sqlite3.Error as exc:
                raise StoreError(f"migration {mig.version:03d}_{mig.name} failed: {exc}",
                                 code="E402", where=where or None) from exc
            conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                         (mig.version, mig.name,
                          datetime.now(timezone.utc).isoformat(timespec="seconds")))
            done.append(mig.version)
    return tuple(done)
