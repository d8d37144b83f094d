"""``newsgraph load``: Parquet shards of ``newsgraph batch`` into the knowledge base.

Each shard is loaded in one transaction and recorded in ``loaded_shards``, so a
rerun skips it.  Inside a shard the rule of ``ingest`` applies
(:func:`newsgraph.store.write.make_room`): an article whose content hash is already
stored is a duplicate and skipped with all its rows; one with the id, or the file
path, of a stored article but new content replaces it.  Documents that failed in
the batch are recorded in ``errors`` under a ``runs`` row of command ``load``.
Afterwards near-duplicate clusters are updated from the shards' signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..store import runs, transaction
from ..store.rows import ANALYSIS_TABLES
from ..store.write import insert_analysis_rows, insert_rows, make_room

__all__ = ["LoadReport", "load"]


@dataclass
class LoadReport:
    n_shards: int = 0
    n_skipped_shards: int = 0
    n_articles: int = 0
    n_duplicates: int = 0
    n_replaced: int = 0
    n_failed: int = 0
    clusters: object | None = None  # newsgraph.scale.clusters.ClusterReport


def _read(folder: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    path = folder / f"{table}.parquet"
    if not path.exists():
        if table in ("signatures", "actor_roles", "event_actors", "held_events"):
            return []
        raise InputError("shard table missing (a shard is complete only with all its "
                         "tables)", code="E611", where=str(path))
    try:
        return pq.read_table(path).to_pylist()
    except Exception as exc:  # a damaged file: name it, with the reason
        raise InputError(f"cannot read the shard table: {type(exc).__name__}: {exc}",
                         code="E611", where=str(path)) from exc


def _load_shard(conn, folder: Path, meta: dict, run_id: int, report: LoadReport) -> None:
    from ..scale.parquet import SCHEMAS

    tables = {t: _read(folder, t) for t in SCHEMAS}
    stamp = runs.now()
    new: set[str] = set()
    for art in tables["articles"]:
        outcome = make_room(conn, sha256=art["sha256"], article_id=art["id"],
                            path=art["source_path"], record=art["source_record"])
        if outcome == "duplicate":
            report.n_duplicates += 1
            continue
        report.n_replaced += outcome == "replaced"
        insert_rows(conn, "articles", [{**art, "cluster_id": None, "ingested_at": stamp}])
        new.add(art["id"])
    insert_analysis_rows(conn, {t: [r for r in tables[t] if r["article_id"] in new]
                                for t in ANALYSIS_TABLES if t != "articles"})
    for row in tables["signatures"]:
        if row["article_id"] in new:
            conn.execute("INSERT OR REPLACE INTO article_signatures VALUES (?, ?, ?)",
                         (row["article_id"], row["scheme"], row["signature"]))
    for row in tables["errors"]:
        runs.record_failure(conn, run_id, row["location"], row["code"], row["message"])
    conn.execute("INSERT INTO loaded_shards VALUES (?, ?, ?, ?, ?, ?)",
                 (meta["id"], str(folder.resolve()), meta.get("pipeline_version"), len(new),
                  len(tables["articles"]) - len(new), stamp))
    report.n_articles += len(new)
    report.n_failed += len(tables["errors"])


def load(kb, out: str, *, dedupe: bool = True) -> LoadReport:
    """Load every complete shard of the batch folder ``out`` not loaded before."""
    from ..scale.batch import read_manifest

    if not (Path(out) / "shards").is_dir():
        raise InputError("not a `newsgraph batch` output folder (no shards/)", code="E612",
                         where=str(out))
    conn = kb.conn
    report = LoadReport()
    done = {r[0] for r in conn.execute("SELECT shard_id FROM loaded_shards")}
    with transaction(conn):
        run_id = runs.start_run(conn, "load", {"folder": str(out)}, None)
    for meta in read_manifest(out)["shards"]:
        report.n_shards += 1
        if meta["id"] in done:
            report.n_skipped_shards += 1
            continue
        with transaction(conn):  # one transaction per shard
            _load_shard(conn, Path(out) / "shards" / meta["id"], meta, run_id, report)
    with transaction(conn):
        runs.save_counts(conn, run_id, read=report.n_articles + report.n_duplicates
                         + report.n_failed, stored=report.n_articles,
                         duplicates=report.n_duplicates, failed=report.n_failed, finished=True)
    if dedupe:
        from ..scale.clusters import update_clusters

        report.clusters = update_clusters(conn)
    return report
