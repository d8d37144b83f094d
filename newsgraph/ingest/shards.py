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

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..store import runs, transaction
from ..store.tx import write_failed
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
    warnings: list[str] = field(default_factory=list)


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

    tables = _first_copies({t: _read(folder, t) for t in SCHEMAS}, report)
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


def _first_copies(tables: dict[str, list[dict]], report: LoadReport) -> dict[str, list[dict]]:
    """The shard's rows with each article once.

    A shard written before ``batch`` dropped repeated articles may hold the same
    article (the same file under two names) twice, with its analysis rows twice.  The
    copies of one file are analysed alike, so each table's rows of that article are
    ``k`` equal runs: the first is kept.  Where they are not (a sidecar or a date in the
    path told the copies apart), the article is kept without its analysis
    (``reprocess`` analyses it) and a warning says so.
    """
    from collections import Counter

    copies = Counter(a["id"] for a in tables["articles"])
    repeated = {aid: k for aid, k in copies.items() if k > 1}
    if not repeated:
        return tables
    out = {t: list(rows) for t, rows in tables.items()}
    seen: set[str] = set()
    out["articles"] = [a for a in tables["articles"]
                       if a["id"] not in seen and not seen.add(a["id"])]
    report.n_duplicates += sum(k - 1 for k in repeated.values())
    unsure: set[str] = set()
    for table, rows in tables.items():
        if table in ("articles", "errors", "signatures") or not rows or \
                "article_id" not in rows[0]:
            continue
        for aid, k in repeated.items():
            mine = [r for r in rows if r["article_id"] == aid]
            n = len(mine) // k
            if len(mine) % k or any(mine[i * n:(i + 1) * n] != mine[:n] for i in range(1, k)):
                unsure.add(aid)
            keep = mine[:n]
            out[table] = [r for r in out[table] if r["article_id"] != aid] + keep
    for art in out["articles"]:
        if art["id"] in unsure:
            art.update(pipeline_version=None, analysed_at=None)
            report.warnings.append(f"{art['source_path'] or art['id']}: [W601] stored twice in "
                                   "its shard with different analyses: loaded without analysis "
                                   "(run `newsgraph reprocess`)")
    if unsure:
        out = {t: [r for r in rows if r.get("article_id") not in unsure]
               if t not in ("articles", "errors", "signatures") else rows
               for t, rows in out.items()}
    return out


def load(kb, out: str, *, dedupe: bool = True) -> LoadReport:
    """Load every complete shard of the batch folder ``out`` not loaded before."""
    if not (Path(out) / "shards").is_dir():
        raise InputError("not a `newsgraph batch` output folder (no shards/)", code="E612",
                         where=str(out))
    try:
        return _load(kb, out, dedupe=dedupe)
    except sqlite3.Error as exc:  # disk full, I/O error: one line, never a traceback
        raise write_failed(exc, where=getattr(kb, "path", None)) from exc


def _load(kb, out: str, *, dedupe: bool) -> LoadReport:
    from ..scale.batch import read_manifest

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
