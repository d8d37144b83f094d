"""`ingest --workers`: the pool feeds the single writer; Ctrl-C stops after a batch; resumable."""

from __future__ import annotations

import os
import signal

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.pipeline import Settings
from newsgraph import KnowledgeBase
from newsgraph.ingest import count_to_reprocess, ingest, plan_workers, reprocess

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
    s = ingest(two, paths, workers=2, docs_per_worker=1, pool_batch=3,
               settings=NO_MODEL, batch_size=5)
    assert (s.stored, s.failed, s.interrupted) == (12, 0, False)
    assert _ids(two) == _ids(one)
    again = ingest(two, paths, workers=2, docs_per_worker=1, settings=NO_MODEL)
    assert (again.stored, again.duplicates) == (0, 12)


def test_ctrl_c_finishes_the_batch_reports_and_a_rerun_resumes(tmp_path):
    paths = write_corpus(tmp_path / "in", 40)
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    sent = []

    def progress(s):
        if s.read == 1 and not sent:
            sent.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C sends

    s = ingest(kb, paths, workers=2, docs_per_worker=1, pool_batch=4,
               settings=NO_MODEL, batch_size=100, on_progress=progress)
    assert s.interrupted
    assert s.stored == 4 == len(_ids(kb))  # the batch being yielded was finished and committed
    rest = ingest(kb, paths, workers=2, docs_per_worker=1, settings=NO_MODEL)
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


def _analysis_rows(kb):
    return {t: kb.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
            for t in ("article_actors", "mentions", "quotes")} | {
        "events": kb.conn.execute("SELECT article_id, seq, type, source, target, rule FROM events "
                                  "ORDER BY article_id, seq").fetchall(),
        "versions": kb.conn.execute("SELECT id, pipeline_version FROM articles ORDER BY rowid")
        .fetchall()}


def test_reprocess_on_workers_writes_what_one_process_writes(tmp_path):
    paths = write_corpus(tmp_path / "in", 6)
    kbs = []
    for name in ("one", "two"):
        kb = KnowledgeBase(str(tmp_path / f"{name}.db"))
        kb.ingest(paths, analysis=False)
        kbs.append(kb)
    one = reprocess(kbs[0], workers=1)
    two = reprocess(kbs[1], workers=2, docs_per_worker=1, pool_batch=2, batch_size=4)
    assert (one.stored, two.stored, two.failed, two.interrupted) == (6, 6, 0, False)
    rows = _analysis_rows(kbs[1])
    assert rows == _analysis_rows(kbs[0])
    assert rows["quotes"] and rows["mentions"]  # the stages ran on the workers
    again = reprocess(kbs[1], workers=2, docs_per_worker=1)
    assert again.read == 0  # every article is analysed by this pipeline version


def test_reprocess_ctrl_c_finishes_the_batch_and_a_rerun_does_the_rest(tmp_path):
    paths = write_corpus(tmp_path / "in", 30)
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    kb.ingest(paths, analysis=False)
    sent = []

    def progress(s):
        if s.read == 1 and not sent:
            sent.append(True)
            os.kill(os.getpid(), signal.SIGINT)

    # the model runs: an analysis stamps the pipeline version, so a rerun skips it
    s = reprocess(kb, workers=2, docs_per_worker=1, pool_batch=4, batch_size=100,
                  on_progress=progress)
    assert s.interrupted and s.stored == 4
    assert count_to_reprocess(kb) == 26
    rest = reprocess(kb, workers=2, docs_per_worker=1)
    assert (rest.stored, rest.interrupted) == (26, False) and count_to_reprocess(kb) == 0


def test_reprocess_command_takes_workers(tmp_path):
    paths = write_corpus(tmp_path / "in", 3)
    db = str(tmp_path / "kb.db")
    KnowledgeBase(db).ingest(paths, analysis=False)
    out = CliRunner().invoke(app, ["reprocess", "--db", db, "--workers", "2"])
    assert out.exit_code == 0, out.output
    assert "read 3, re-analysed 3, failed 0" in out.output
    quiet = CliRunner().invoke(app, ["reprocess", "--db", db, "--all", "--workers", "2", "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""  # -q: no summary either
