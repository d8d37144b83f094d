"""Dask LocalCluster runs: same records as one process; a killed worker loses nothing."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.pipeline import analyze_documents
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.scale.batch import (BatchOptions, make_local_cluster, plan_shards, read_manifest,
                                   run_batch)
from newsgraph.scale.parquet import TABLES, analysis_rows

from scale_corpus import write_corpus

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def client():
    cluster = make_local_cluster(2)  # what `newsgraph batch --local-cluster 2` runs on
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_local_cluster_workers_run_without_the_statistical_profiler(client):
    import dask

    seen = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert len(seen) == 2 and not any(seen.values()), seen


def _shard_rows(out: Path) -> dict[str, list[dict]]:
    rows = {t: [] for t in TABLES}
    for folder in sorted((out / "shards").iterdir()):
        for t in TABLES:
            rows[t] += pq.read_table(folder / f"{t}.parquet").to_pylist()
    return rows


def _normal(rows: dict[str, list[dict]]) -> dict[str, list]:
    out = {}
    for t, rs in rows.items():
        if t in ("signatures", "errors"):
            continue
        out[t] = sorted(repr(sorted({**r, "analysed_at": None}.items())) for r in rs)
    return out


def test_local_cluster_gives_the_same_records_as_one_process(tmp_path, client):
    paths = write_corpus(tmp_path / "in", 6)
    report = run_batch(paths, str(tmp_path / "out"), client=client,
                       options=BatchOptions(shard_size=2))
    assert (report.n_shards, report.n_written, report.n_articles) == (3, 3, 6)
    single = {t: [] for t in TABLES}
    for a in analyze_documents(read_paths(paths, ReadOptions())):
        for t, rs in analysis_rows(a).items():
            single[t] += rs
    got = _normal(_shard_rows(tmp_path / "out"))
    assert got == _normal(single)
    assert got["article_actors"]  # the model ran in the workers
    # rerun: nothing to do
    again = run_batch(paths, str(tmp_path / "out"), client=client,
                      options=BatchOptions(shard_size=2))
    assert (again.n_skipped, again.n_written) == (3, 0)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path, client):
    paths = write_corpus(tmp_path / "in", 8)
    out = tmp_path / "out"
    client.restart()  # fresh workers: their first shard loads the model (seconds)
    result = {}
    runner = threading.Thread(target=lambda: result.update(report=run_batch(
        paths, str(out), client=client, options=BatchOptions(shard_size=2))))
    runner.start()
    victim = None
    deadline = time.time() + 60
    while victim is None and time.time() < deadline:
        busy = {w: keys for w, keys in client.processing().items() if keys}
        if busy:
            addr = sorted(busy)[0]
            pid = client.run(os.getpid, workers=[addr])[addr]
            os.kill(pid, signal.SIGKILL)
            victim = pid
        time.sleep(0.05)
    runner.join(180)
    assert victim is not None, "no task was ever seen running"
    report = result["report"]
    shards = plan_shards(paths, shard_size=2)
    assert sorted(p.name for p in (out / "shards").iterdir()) == sorted(s.id for s in shards)
    ids = [r["id"] for r in _shard_rows(out)["articles"]]
    assert len(ids) == len(set(ids)) == 8
    manifest = read_manifest(str(out))
    assert report.n_articles == 8 and len(manifest["shards"]) == 4
    writers = {m["written_by"].rsplit(":", 1)[1] for m in manifest["shards"]}
    assert str(victim) not in writers  # the killed worker finished nothing: shards were redone


def test_a_shard_that_keeps_failing_is_reported_and_the_others_go_on(tmp_path, client):
    from newsgraph.pipeline import Settings
    paths = write_corpus(tmp_path / "in", 4)
    out = tmp_path / "out"
    out.mkdir()
    (out / "tmp").write_text("not a folder: every shard fails to write")
    options = BatchOptions(shard_size=2, settings=Settings(english_stages=False), retries=1)
    report = run_batch(paths, str(out), client=client, options=options)
    assert len(report.errors) == 2 and all("[E613]" in e for e in report.errors)
    assert report.n_written == 0
    (out / "tmp").unlink()  # once the cause is gone, a rerun writes them
    report = run_batch(paths, str(out), client=client, options=options)
    assert (report.n_written, report.errors, report.n_articles) == (2, [], 4)
