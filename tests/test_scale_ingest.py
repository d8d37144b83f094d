"""`ingest --workers`: the pool feeds the single writer; Ctrl-C stops after a batch; resumable."""

from __future__ import annotations

import os
import signal

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.pipeline import Settings
from newsgraph.scale.ingest import ingest_parallel, plan_workers
from newsgraph.store import KnowledgeBase

from scale_corpus import write_corpus

NO_MODEL = Settings(english_stages=False)


def _ids(kb):
    return [r[0] for r in kb.conn.execute("SELECT id FROM articles ORDER BY rowid")]


def test_plan_workers_scales_with_the_input():
    assert plan_workers(8, 10, docs_per_worker=64) == 1
    assert plan_workers(8, 130, docs_per_worker=64) == 3
    assert plan_workers(2, 10_000) == 2
    assert plan_workers(4, None) == 4  # standard input: as asked
    assert plan_workers(None, 10_000) >= 1


def test_pool_ingest_stores_what_one_process_stores_in_order(tmp_path):
    paths = write_corpus(tmp_path / "in", 12)
    one = KnowledgeBase(str(tmp_path / "one.db"))
    one.ingest(paths, settings=NO_MODEL)
    two = KnowledgeBase(str(tmp_path / "two.db"))
    s = ingest_parallel(two, paths, workers=2, docs_per_worker=1, pool_batch=3,
                        settings=NO_MODEL, batch_size=5)
    assert (s.stored, s.failed, s.interrupted) == (12, 0, False)
    assert _ids(two) == _ids(one)
    again = ingest_parallel(two, paths, workers=2, docs_per_worker=1, settings=NO_MODEL)
    assert (again.stored, again.duplicates) == (0, 12)


def test_ctrl_c_finishes_the_batch_reports_and_a_rerun_resumes(tmp_path):
    paths = write_corpus(tmp_path / "in", 40)
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    sent = []

    def progress(s):
        if s.read == 1 and not sent:
            sent.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C sends

    s = ingest_parallel(kb, paths, workers=2, docs_per_worker=1, pool_batch=4,
                        settings=NO_MODEL, batch_size=100, on_progress=progress)
    assert s.interrupted
    assert s.stored == 4 == len(_ids(kb))  # the batch being yielded was finished and committed
    rest = ingest_parallel(kb, paths, workers=2, docs_per_worker=1, settings=NO_MODEL)
    assert (rest.stored, rest.duplicates, rest.interrupted) == (36, 4, False)
    assert len(_ids(kb)) == 40


def test_cli_ingest_accepts_workers(tmp_path):
    paths = write_corpus(tmp_path / "in", 2)
    db = str(tmp_path / "kb.db")
    res = CliRunner().invoke(app, ["ingest", *paths, "--db", db, "--workers", "2", "--quiet",
                                   "--no-analysis"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["ingest", "--help"])
    assert "--workers" in res.output
