"""Runs and failures: the ``runs`` and ``errors`` tables.

Every ingest, reprocess and load is a row of ``runs`` (its command, arguments,
pipeline version and counts); every document that failed is a row of ``errors``
naming the run, where (file, line or record), the code and the message.  The
functions run inside the caller's transaction and never commit.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from ..safetext import has_surrogates, scrub

__all__ = ["now", "start_run", "save_counts", "record_failure"]


def now() -> str:
    """The time written into the knowledge base: UTC, ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, command: str, args: dict[str, Any] | None,
              pipeline_version: str | None) -> int:
    """A new row of ``runs``; returns its id."""
    text = json.dumps(args or {}, ensure_ascii=False, default=str)
    if has_surrogates(text):  # a file name that is not UTF-8: its bytes as JSON escapes
        text = json.dumps(args or {}, default=str)
    cur = conn.execute("INSERT INTO runs (command, args, started_at, pipeline_version) "
                       "VALUES (?, ?, ?, ?)", (command, text, now(), pipeline_version))
    return cur.lastrowid


def save_counts(conn: sqlite3.Connection, run_id: int, *, read: int, stored: int,
                duplicates: int, failed: int, finished: bool = False,
                pipeline_version: str | None = None) -> None:
    conn.execute("UPDATE runs SET n_read = ?, n_stored = ?, n_duplicates = ?, n_failed = ?, "
                 "finished_at = ?, pipeline_version = COALESCE(?, pipeline_version) "
                 "WHERE id = ?",
                 (read, stored, duplicates, failed, now() if finished else None,
                  pipeline_version, run_id))


def record_failure(conn: sqlite3.Connection, run_id: int, where: str, code: str,
                   message: str) -> None:
    conn.execute("INSERT INTO errors (run_id, at, location, code, message) VALUES (?, ?, ?, ?, ?)",
                 (run_id, now(), scrub(where)[0], code, scrub(message)[0]))
