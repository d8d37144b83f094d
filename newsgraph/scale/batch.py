"""Batch runs on Dask distributed: input shards -> Parquet shards with a manifest.

:func:`plan_shards` splits the inputs into shards (a corpus file, JSON Lines or
CSV, is a shard of its own; article files are grouped ``shard_size`` at a
time; a shard's id is a hash of its input paths and sizes).  :func:`run_batch`
maps :func:`run_shard` over the shards not yet done, on a Dask cluster (an
existing scheduler, or a ``LocalCluster``).  Each worker process loads the
spaCy model once, on its first shard.

Output folder::

    OUT/manifest.json               every completed shard, rewritten after each run
    OUT/shards/<id>/<table>.parquet the tables of :mod:`.parquet`
    OUT/shards/<id>/_shard.json     the shard's inputs, counts, pipeline version
    OUT/tmp/                        shards being written (removed when done)

A shard is written into a fresh folder under ``tmp/`` and renamed into place in
one ``rename`` (atomic on one filesystem).  A task retried after its worker
died, or run twice by the scheduler, finds the shard already there and keeps
it, so no shard is lost or written twice; a rerun skips completed shards.  The
output folder must be on a filesystem every worker can see.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError, NewsgraphError
from ..pipeline import Settings
from ..readers import ReadOptions
from ..safetext import safe_path

__all__ = ["BatchOptions", "Shard", "BatchReport", "plan_shards", "run_shard", "write_shard", "run_batch",
           "read_manifest", "CORPUS_SUFFIXES", "ARTICLE_SUFFIXES"]

CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".jsonl.gz", ".csv.gz")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".text")
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class BatchOptions:
    shard_size: int = 200  # article files per shard (a corpus file is one shard)
    read: ReadOptions = ReadOptions()
    settings: Settings = Settings()
    signatures: bool = True  # near-duplicate signatures for `load` to cluster
    retries: int = 2  # retries of a shard whose task raised (worker deaths are retried too)


@dataclass(frozen=True)
class Shard:
    id: str
    paths: tuple[str, ...]


@dataclass
class BatchReport:
    out: str
    n_shards: int = 0
    n_skipped: int = 0  # already complete before this run
    n_written: int = 0
    n_articles: int = 0
    n_failed: int = 0
    seconds: float = 0.0
    shards: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # shards that failed after their retries


def _expand(inputs: Iterable[str]) -> list[str]:
    files = []
    for name in inputs:
        p = Path(name)
        if p.is_dir():
            files.extend(str(f.resolve()) for f in sorted(p.rglob("*"))
                         if f.is_file() and not f.name.startswith(".")
                         and f.name.lower().endswith(ARTICLE_SUFFIXES + CORPUS_SUFFIXES))
        elif p.is_file():
            files.append(str(p.resolve()))
        else:
            raise InputError("input not found", code="E610", where=name)
    return files


def _shard_id(paths: Iterable[str]) -> str:
    h = hashlib.sha256()
    for p in paths:  # a name that is not UTF-8 hashes as its bytes
        h.update(os.fsencode(p) + f"\0{os.path.getsize(p)}\n".encode())
    return h.hexdigest()[:20]


def plan_shards(inputs: Iterable[str], *, shard_size: int = 200) -> list[Shard]:
    """Split input files and folders into shards with stable ids."""
    corpus, articles = [], []
    for f in _expand(inputs):
        (corpus if f.lower().endswith(CORPUS_SUFFIXES) else articles).append(f)
    groups = [(f,) for f in corpus]
    size = max(1, shard_size)
    groups += [tuple(articles[i:i + size]) for i in range(0, len(articles), size)]
    return [Shard(_shard_id(g), g) for g in groups]


def _shard_dir(out: Path, shard_id: str) -> Path:
    return out / "shards" / shard_id


def _read_meta(folder: Path) -> dict | None:
    try:
        return json.loads((folder / "_shard.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def run_shard(shard: Shard, out: str, options: BatchOptions = BatchOptions()) -> dict:
    """Analyse one shard and write its Parquet tables; returns the shard's metadata.

    Runs on a Dask worker (or anywhere).  If the shard is already complete,
    nothing is recomputed.
    """
    from ..pipeline import analyze_documents
    from ..readers import read_paths
    from .allocator import keep_large_allocations_on_heap

    keep_large_allocations_on_heap()  # Dask's workers start with a malloc setting that costs ~15%
    if (meta := _read_meta(_shard_dir(Path(out), shard.id))) is not None:
        return {**meta, "skipped": True}
    docs = read_paths(list(shard.paths), options.read)
    return write_shard(out, shard.id, analyze_documents(docs, settings=options.settings),
                       inputs=shard.paths, signatures=options.signatures)


def write_shard(out: str, shard_id: str, results: Iterable, *, inputs: Iterable[str] = (),
                signatures: bool = True) -> dict:
    """Write ``Analysis | Failure`` results as shard ``shard_id`` of the folder ``out``.

    The tables are written to a fresh folder under ``tmp/`` and renamed into
    ``shards/<id>`` at once; if that shard exists already (another attempt
    finished first), it is kept and this copy is dropped.  An article whose id came
    earlier in the shard (the same file twice, under two names) is a duplicate: only
    its first analysis is written, as ``ingest`` stores only the first.
    """
    import pyarrow.parquet as pq

    from ..models import Analysis
    from ..pipeline import pipeline_version
    from .dedupe import DedupeOptions, article_body, signature_bytes
    from .parquet import TABLES, analysis_rows, failure_row, to_tables

    root = Path(out)
    final = _shard_dir(root, shard_id)
    t0 = time.perf_counter()
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    dedupe = DedupeOptions()
    n_articles = n_failed = n_duplicates = 0
    seen: set[str] = set()
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    for result in results:
        if isinstance(result, Analysis) and result.id in seen:
            n_duplicates += 1
        elif isinstance(result, Analysis):
            seen.add(result.id)
            n_articles += 1
            for table, new in analysis_rows(result, analysed_at=now).items():
                rows[table].extend(new)
            if signatures:
                sig = signature_bytes(article_body(result.article), options=dedupe)
                if sig is not None:
                    rows["signatures"].append({"article_id": result.id,
                                               "scheme": dedupe.scheme(), "signature": sig})
        else:
            n_failed += 1
            rows["errors"].append(failure_row(result))
    tmp = root / "tmp" / f"{shard_id}.{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        counts = {}
        for name, table in to_tables(rows).items():
            pq.write_table(table, tmp / f"{name}.parquet", compression="zstd")
            counts[name] = table.num_rows
        meta = {"id": shard_id, "inputs": [safe_path(p) for p in inputs],
                "n_articles": n_articles, "n_failed": n_failed, "n_duplicates": n_duplicates,
                "rows": counts, "pipeline_version": pipeline_version(),
                "written_by": f"{socket.gethostname()}:{os.getpid()}",
                "seconds": round(time.perf_counter() - t0, 3), "written_at": now}
        (tmp / "_shard.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(tmp, final)  # atomic: the shard appears whole or not at all
        except OSError:
            if (existing := _read_meta(final)) is None:
                raise
            return {**existing, "skipped": True}  # another attempt finished first
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {**meta, "skipped": False}


def read_manifest(out: str) -> dict:
    """The manifest of an output folder, rebuilt from the shards that are complete."""
    root = Path(out)
    shards = []
    for folder in sorted((root / "shards").glob("*")):
        if (meta := _read_meta(folder)) is not None:
            shards.append(meta)
    return {"version": MANIFEST_VERSION, "shards": shards,
            "n_articles": sum(s["n_articles"] for s in shards),
            "n_failed": sum(s["n_failed"] for s in shards)}


def _write_manifest(out: str, options: BatchOptions) -> dict:
    manifest = read_manifest(out)
    manifest["options"] = {"shard_size": options.shard_size, "read": asdict(options.read)}
    path = Path(out) / "manifest.json"
    tmp = path.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return manifest


#: Dask settings for newsgraph's workers.  Dask's statistical profiler samples each
#: worker's threads every 10 ms; on a CPU-bound, pure-Python pipeline it costs about a
#: fifth of the throughput (measured: 16.8-18.8 articles/s with it, 20.8 without, on
#: 600 articles and 2 workers), and newsgraph never reads its profiles.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def make_local_cluster(n_workers: int):
    """A ``LocalCluster`` on 127.0.0.1 of ``n_workers`` single-threaded worker processes,
    configured with :data:`WORKER_CONFIG` (the worker processes inherit it)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None)


def run_batch(inputs: Iterable[str], out: str, *, scheduler: str | None = None,
              local_cluster: int | None = None, options: BatchOptions = BatchOptions(),
              client=None, progress: Callable[[dict], None] | None = None) -> BatchReport:
    """Run the pipeline over ``inputs`` on Dask and write Parquet shards to ``out``.

    ``client``: an existing ``distributed.Client``; else ``scheduler`` (an address
    like ``tcp://host:8786``); else a ``LocalCluster`` of ``local_cluster`` worker
    processes (default: the number of cores), one thread each.
    """
    from .pool import default_workers

    t0 = time.perf_counter()
    Path(out).mkdir(parents=True, exist_ok=True)
    shards = plan_shards(inputs, shard_size=options.shard_size)
    report = BatchReport(out=str(out), n_shards=len(shards))
    todo = [s for s in shards if _read_meta(_shard_dir(Path(out), s.id)) is None]
    report.n_skipped = len(shards) - len(todo)
    if todo:
        from distributed import Client, as_completed

        own_cluster = own_client = None
        try:
            if client is None:
                try:
                    if scheduler:
                        client = own_client = Client(scheduler)
                    else:
                        own_cluster = make_local_cluster(local_cluster or default_workers())
                        client = own_client = Client(own_cluster)
                except Exception as exc:  # a worker that dies at start, a scheduler not there
                    what = f"the scheduler {scheduler}" if scheduler else "a local Dask cluster"
                    raise NewsgraphError(f"cannot start or reach {what}: "
                                         f"{type(exc).__name__}: {str(exc).rstrip('.')}; "
                                         "no shard was run",
                                         code="E614") from exc
            futures = client.map(run_shard, todo, out=str(Path(out).resolve()),
                                 options=options, pure=False, retries=options.retries,
                                 key=[f"newsgraph-shard-{s.id}-{uuid.uuid4().hex[:6]}"
                                      for s in todo])
            shard_of = {f.key: s for f, s in zip(futures, todo)}
            for fut in as_completed(futures):
                try:
                    meta = fut.result()
                except Exception as exc:  # after its retries: report it, keep the others
                    shard = shard_of[fut.key]
                    more = f" and {len(shard.paths) - 1} other files" \
                        if len(shard.paths) > 1 else ""
                    report.errors.append(f"{safe_path(shard.paths[0])}{more}: [E613] shard "
                                         f"{shard.id} failed: {type(exc).__name__}: {exc}")
                    continue
                report.shards.append(meta)
                if not meta.get("skipped"):
                    report.n_written += 1
                if progress:
                    progress(meta)
        finally:
            if own_client is not None:
                own_client.close()
            if own_cluster is not None:
                own_cluster.close()
    shutil.rmtree(Path(out) / "tmp", ignore_errors=True)  # leftovers of workers that died
    manifest = _write_manifest(out, options)
    report.n_articles, report.n_failed = manifest["n_articles"], manifest["n_failed"]
    report.seconds = round(time.perf_counter() - t0, 3)
    return report
