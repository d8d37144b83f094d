"""Bring Parquet shards (:mod:`.batch`) into the SQLite knowledge base, idempotently.

Each shard is loaded in one transaction and recorded in ``loaded_shards``, so
a rerun skips it.  Inside a shard the rule of ``ingest`` applies
(:func:`newsgraph.store.write.make_room`): an article whose content hash is
already stored is a duplicate and skipped with all its rows; one with the id,
or the file path, of a stored article but new content replaces it.
Documents that failed in the batch are recorded in ``errors`` under a
``runs`` row of command ``load``.  Afterwards near-duplicate clusters are
updated from the shards' signatures (:mod:`.clusters`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..store.write import make_room
from .batch import read_manifest
from .clusters import ClusterReport, transaction, update_clusters
from .parquet import SCHEMAS

__all__ = ["LoadReport", "load_shards"]


@dataclass
class LoadReport:
    n_shards: int = 0
    n_skipped_shards: int = 0
    n_articles: int = 0
    n_duplicates: int = 0
    n_replaced: int = 0
    n_failed: int = 0
    clusters: ClusterReport | None = None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _read(folder: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    path = folder / f"{table}.parquet"
    if not path.exists():
        if table in ("signatures", "actor_roles", "event_actors"):
            return []
        raise InputError("shard table missing (a shard is complete only with all its "
                         "tables)", code="E611", where=str(path))
    return pq.read_table(path).to_pylist()


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    cols = list(row)
    sql = (f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
           f"VALUES ({', '.join('?' * len(cols))})")
    return conn.execute(sql, [row[c] for c in cols]).lastrowid


def _load_shard(conn: sqlite3.Connection, folder: Path, meta: dict, run_id: int,
                report: LoadReport) -> None:
    tables = {t: _read(folder, t) for t in SCHEMAS}
    now = _now()
    new: set[str] = set()
    for art in tables["articles"]:
        outcome = make_room(conn, sha256=art["sha256"], article_id=art["id"],
                            path=art["source_path"], record=art["source_record"])
        if outcome == "duplicate":
            report.n_duplicates += 1
            continue
        report.n_replaced += outcome == "replaced"
        _insert(conn, "articles", {**art, "cluster_id": None, "ingested_at": now})
        new.add(art["id"])
    for table in ("article_actors", "mentions", "actor_roles", "quotes"):
        for row in tables[table]:
            if row["article_id"] in new:
                _insert(conn, table, row)
    event_ids = {}
    for row in tables["events"]:
        if row["article_id"] in new:
            event_ids[row["article_id"], row["seq"]] = _insert(conn, "events", row)
    for row in tables["event_actors"]:
        if (key := (row["article_id"], row["seq"])) in event_ids:
            _insert(conn, "event_actors", {"event_id": event_ids[key],
                                           "actor_id": row["actor_id"], "role": row["role"]})
    for row in tables["signatures"]:
        if row["article_id"] in new:
            conn.execute("INSERT OR REPLACE INTO article_signatures VALUES (?, ?, ?)",
                         (row["article_id"], row["scheme"], row["signature"]))
    for row in tables["errors"]:
        conn.execute("INSERT INTO errors (run_id, at, location, code, message) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (run_id, now, row["location"], row["code"], row["message"]))
    conn.execute("INSERT INTO loaded_shards VALUES (?, ?, ?, ?, ?, ?)",
                 (meta["id"], str(folder.resolve()), meta.get("pipeline_version"), len(new),
                  len(tables["articles"]) - len(new), now))
    report.n_articles += len(new)
    report.n_failed += len(tables["errors"])


def load_shards(out: str, conn: sqlite3.Connection, *, dedupe: bool = True) -> LoadReport:
    """Load every complete shard of the batch folder ``out`` not loaded before.

    ``conn``: the connection of a migrated :class:`~newsgraph.store.KnowledgeBase`.
    """
    if not (Path(out) / "shards").is_dir():
        raise InputError("not a `newsgraph batch` output folder (no shards/)", code="E612",
                         where=str(out))
    report = LoadReport()
    done = {r[0] for r in conn.execute("SELECT shard_id FROM loaded_shards")}
    with transaction(conn):
        run_id = conn.execute(
            "INSERT INTO runs (command, args, started_at) VALUES ('load', ?, ?)",
            (json.dumps([str(out)]), _now())).lastrowid
    for meta in read_manifest(out)["shards"]:
        report.n_shards += 1
        if meta["id"] in done:
            report.n_skipped_shards += 1
            continue
        with transaction(conn):  # one transaction per shard
            _load_shard(conn, Path(out) / "shards" / meta["id"], meta, run_id, report)
    with transaction(conn):
        conn.execute("UPDATE runs SET finished_at = ?, n_read = ?, n_stored = ?, "
                     "n_duplicates = ?, n_failed = ? WHERE id = ?",
                     (_now(), report.n_articles + report.n_duplicates + report.n_failed,
                      report.n_articles, report.n_duplicates, report.n_failed, run_id))
    if dedupe:
        report.clusters = update_clusters(conn)
    return report
