"""The watcher's state in the knowledge base (migration ``070_watch.sql``).

Everything a killed watcher needs to resume lives in four tables: the sources
(``watch_sources``), every article URL found with its status (``watch_urls``),
the HTTP validators of the documents read (``watch_validators``) and the cycles
(``watch_cycles``).  What one source gave in a cycle -- its new URLs, its
validators, its success or failure -- is written in one transaction, so a feed
is never marked as read (``304`` next time) while its links are lost.  Article
URLs are marked after their batch is stored; a URL whose article is stored but
not yet marked (a kill between the two) is marked by :meth:`WatchState.settle`
without being fetched again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Iterable

from ..models import Failure
from .discover import Scan
from .sources import SourceSpec
from .urls import host_of

__all__ = ["WatchState", "SourceRow", "SourceReport", "now"]

def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source as the watcher reads it in a cycle."""

    id: int
    url: str
    publication: str | None
    country: str | None
    kind: str | None
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceReport:
    """One line of ``newsgraph sources``."""

    url: str
    publication: str | None
    country: str | None
    kind: str | None
    active: bool
    added: str
    last_checked: str | None
    last_success: str | None
    found: int  # article URLs found
    stored: int  # of which stored as articles
    duplicates: int  # of which the same text as an article stored from another URL
    pending: int  # of which still to fetch (queued, or to retry)
    failed: int  # of which failed for good (robots.txt included)
    errors: int  # cycles in which the source itself failed
    last_error_code: str | None
    last_error: str | None

    def to_dict(self) -> dict:
        return asdict(self)


class WatchState:
    """Reads and writes the watcher's tables of one :class:`KnowledgeBase`."""

    def __init__(self, kb):
        self.kb = kb
        self.conn = kb.conn

    # -- sources ----------------------------------------------------------------------
    def sync_sources(self, specs: Iterable[SourceSpec]) -> list[SourceRow]:
        """Record the sources of the SOURCES file (new ones added, names and countries
        updated, those no longer listed made inactive); returns them in file order."""
        specs = list(specs)
        at = now()
        with self.kb.transaction() as conn:
            conn.execute("UPDATE watch_sources SET active = 0")
            for s in specs:
                conn.execute(
                    "INSERT INTO watch_sources (url, publication, country, added_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET active = 1, "
                    "publication = excluded.publication, country = excluded.country",
                    (s.url, s.publication, s.country, at))
        rows = {r["url"]: r for r in self.conn.execute(
            "SELECT id, url, publication, country, kind, documents FROM watch_sources "
            "WHERE active = 1")}
        return [SourceRow(rows[s.url]["id"], s.url, rows[s.url]["publication"],
                          rows[s.url]["country"], rows[s.url]["kind"],
                          tuple(json.loads(rows[s.url]["documents"] or "[]")))
                for s in specs]

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            "SELECT url, etag, last_modified FROM watch_validators")}

    def save_scan(self, source: SourceRow, scan: Scan) -> int:
        """Queue the scan's new links and record its outcome and validators, in one
        transaction; returns how many links were new."""
        at = now()
        with self.kb.transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO watch_urls (url, source_id, status, found_at) "
                "VALUES (?, ?, 'queued', ?)", ((u, source.id, at) for u in scan.links))
            new = conn.total_changes - before
            conn.executemany(
                "INSERT INTO watch_validators (url, etag, last_modified, checked_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                ((v.url, v.etag, v.last_modified, at) for v in scan.validators))
            kind = scan.kind or source.kind
            documents = json.dumps(list(scan.documents or source.documents))
            if scan.failure is None:
                conn.execute(
                    "UPDATE watch_sources SET kind = ?, documents = ?, last_checked = ?, "
                    "last_success = ?, last_error_code = NULL, last_error = NULL, "
                    "n_found = n_found + ? WHERE id = ?",
                    (kind, documents, at, at, new, source.id))
            else:
                conn.execute(
                    "UPDATE watch_sources SET kind = ?, documents = ?, last_checked = ?, "
                    "last_error_code = ?, last_error = ?, n_errors = n_errors + 1, "
                    "n_found = n_found + ? WHERE id = ?",
                    (kind, documents, at, scan.failure.code, scan.failure.message, new,
                     source.id))
        return new

    # -- article URLs -----------------------------------------------------------------
    def settle(self) -> int:
        """Mark the URLs still to fetch whose article is stored already (a watcher
        killed between storing a batch and marking it); returns how many."""
        with self.kb.transaction() as conn:
            cur = conn.execute(
                "UPDATE watch_urls SET status = 'stored', article_id = ("
                "  SELECT a.id FROM articles a WHERE a.source_path = watch_urls.url "
                "  AND a.source_record IS NULL LIMIT 1) "
                "WHERE status IN ('queued', 'retry') AND EXISTS ("
                "  SELECT 1 FROM articles a WHERE a.source_path = watch_urls.url "
                "  AND a.source_record IS NULL)")
            return cur.rowcount

    def to_fetch(self, *, max_attempts: int) -> list[tuple[str, int]]:
        """The URLs to fetch, as ``(url, source_id)``, oldest first and interleaved by
        host, so that no host holds up the others."""
        rows = self.conn.execute(
            "SELECT url, source_id FROM watch_urls WHERE status = 'queued' "
            "OR (status = 'retry' AND attempts < ?) ORDER BY found_at, url",
            (max_attempts,)).fetchall()
        by_host: dict[str, list[tuple[str, int]]] = {}
        for url, sid in rows:
            by_host.setdefault(host_of(url), []).append((url, sid))
        queues = list(by_host.values())
        out: list[tuple[str, int]] = []
        for i in range(max((len(q) for q in queues), default=0)):
            out.extend(q[i] for q in queues if i < len(q))
        return out

    def mark(self, outcomes: list[tuple[str, Failure | None, int | None]], *,
             max_attempts: int) -> tuple[int, int, int]:
        """Record what became of fetched URLs: ``(url, failure or None, http status)``.

        A URL without failure is ``stored`` when an article was stored from it, else
        ``duplicate``.  Returns ``(stored, duplicates, failed)``.
        """
        at = now()
        stored = dup = failed = 0
        with self.kb.transaction() as conn:
            for url, failure, http in outcomes:
                if failure is None:
                    row = conn.execute("SELECT id FROM articles WHERE source_path = ? AND "
                                       "source_record IS NULL LIMIT 1", (url,)).fetchone()
                    status = "stored" if row else "duplicate"
                    stored += row is not None
                    dup += row is None
                    conn.execute(
                        "UPDATE watch_urls SET status = ?, article_id = ?, fetched_at = ?, "
                        "http_status = ?, attempts = attempts + 1, code = NULL, message = NULL "
                        "WHERE url = ?", (status, row[0] if row else None, at, http, url))
                    continue
                failed += 1
                transient = failure.code in TRANSIENT_CODES
                status = "robots" if failure.code == "E716" else (
                    "retry" if transient else "failed")
                conn.execute(
                    "UPDATE watch_urls SET status = CASE WHEN ? = 'retry' AND attempts + 1 >= ? "
                    "THEN 'failed' ELSE ? END, fetched_at = ?, http_status = ?, "
                    "attempts = attempts + 1, code = ?, message = ? WHERE url = ?",
                    (status, max_attempts, status, at, http, failure.code, failure.message, url))
        return stored, dup, failed

    # -- cycles -----------------------------------------------------------------------
    def start_cycle(self) -> int:
        with self.kb.transaction() as conn:
            return conn.execute("INSERT INTO watch_cycles (started_at) VALUES (?)",
                                (now(),)).lastrowid

    def finish_cycle(self, cycle_id: int, counts: dict[str, int]) -> None:
        cols = ("n_sources", "n_failed_sources", "n_found", "n_fetched", "n_stored",
                "n_duplicates", "n_failed")
        with self.kb.transaction() as conn:
            conn.execute(f"UPDATE watch_cycles SET finished_at = ?, "
                         f"{', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                         (now(), *(counts.get(c[2:], 0) for c in cols), cycle_id))

    # -- report -----------------------------------------------------------------------
    def report(self, *, all: bool = False) -> list[SourceReport]:
        """Each source (the active ones unless ``all``) with what it gave."""
        where = "" if all else "WHERE s.active = 1"
        rows = self.conn.execute(
            "SELECT s.*, "
            "  COALESCE(SUM(u.status = 'stored'), 0) AS n_stored, "
            "  COALESCE(SUM(u.status = 'duplicate'), 0) AS n_dup, "
            "  COALESCE(SUM(u.status IN ('queued', 'retry')), 0) AS n_pending, "
            "  COALESCE(SUM(u.status IN ('failed', 'robots')), 0) AS n_failed "
            "FROM watch_sources s LEFT JOIN watch_urls u ON u.source_id = s.id "
            f"{where} GROUP BY s.id ORDER BY s.id").fetchall()
        return [SourceReport(r["url"], r["publication"], r["country"], r["kind"],
                             bool(r["active"]), r["added_at"], r["last_checked"],
                             r["last_success"], r["n_found"], r["n_stored"], r["n_dup"],
                             r["n_pending"], r["n_failed"], r["n_errors"], r["last_error_code"],
                             r["last_error"]) for r in rows]


#: Failures a later cycle may not meet again: timeouts, connection errors, 429 and
#: 5xx answers, robots.txt unavailable.
TRANSIENT_CODES = frozenset({"E711", "E712", "E720", "E721"})
