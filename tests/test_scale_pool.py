"""The ordered process pool: same records as one process, in input order, robust to
worker deaths."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from newsgraph.errors import NewsgraphError

from newsgraph.models import Analysis, Failure
from newsgraph.pipeline import Settings, analyze_documents
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.scale.pool import AnalysisPool, analyze_parallel, stop_on_interrupt

from scale_corpus import write_corpus

NO_MODEL = Settings(english_stages=False)


def _records(results):
    return [r.to_dict() if isinstance(r, Analysis) else str(r) for r in results]


def _docs(tmp_path, n):
    return list(read_paths(write_corpus(tmp_path / "in", n), ReadOptions()))


def test_order_and_failures_pass_through(tmp_path):
    docs = _docs(tmp_path, 9)
    docs.insert(4, Failure("broken.txt", "E101", "unreadable"))
    out = list(analyze_parallel(docs, workers=2, batch_size=2, settings=NO_MODEL))
    assert len(out) == len(docs)
    assert isinstance(out[4], Failure) and out[4].where == "broken.txt"
    assert [r.id for r in out if isinstance(r, Analysis)] == [
        d.id for d in docs if not isinstance(d, Failure)]
    assert _records(out) == _records(analyze_documents(docs, settings=NO_MODEL))


def test_rejects_zero_workers():
    with pytest.raises(NewsgraphError, match="E600"):
        AnalysisPool(workers=0)


def test_killed_worker_is_replaced_and_nothing_is_lost(tmp_path):
    docs = _docs(tmp_path, 60)
    with AnalysisPool(workers=2, batch_size=1, settings=NO_MODEL, window=1) as pool:
        out = []
        for i, r in enumerate(pool.map(docs)):
            out.append(r)
            if i == 0:
                pid = next(iter(pool._executor._processes))
                os.kill(pid, signal.SIGKILL)
        assert pool.restarts >= 1
    assert [r.id for r in out] == [d.id for d in docs]
    assert all(isinstance(r, Analysis) for r in out)


def test_stop_finishes_the_current_batch_then_ends(tmp_path):
    docs = _docs(tmp_path, 20)
    stop = threading.Event()
    with AnalysisPool(workers=2, batch_size=4, settings=NO_MODEL) as pool:
        out = []
        for r in pool.map(docs, stop=stop):
            out.append(r)
            stop.set()
        assert pool.interrupted
    assert [r.id for r in out] == [d.id for d in docs[:4]]  # exactly the first batch


def test_first_ctrl_c_sets_the_event_second_interrupts():
    with stop_on_interrupt() as stop:
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.wait(2)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            stop.wait(2)  # the handler runs at the next bytecode boundary


@pytest.mark.model
def test_pool_gives_the_same_records_as_one_process(tmp_path):
    docs = _docs(tmp_path, 6)
    parallel = list(analyze_parallel(docs, workers=2, batch_size=2))
    single = list(analyze_documents(docs))
    assert _records(parallel) == _records(single)
    assert any(a.actors for a in parallel)  # the full pipeline ran in the workers


def test_workers_are_recycled_after_max_batches(tmp_path):
    docs = _docs(tmp_path, 8)
    seen = set()
    with AnalysisPool(workers=1, batch_size=1, settings=NO_MODEL, max_batches=2,
                      window=1) as pool:
        out = []
        for r in pool.map(docs):
            out.append(r)
            seen |= set(pool._executor._processes)
        assert pool.restarts == 0  # recycling is not a crash
    assert len(seen) >= 2
    assert [r.id for r in out] == [d.id for d in docs]
