"""reprocess: re-runs the analysis stages over stored articles whose pipeline differs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.models import Analysis
from newsgraph.pipeline import pipeline_version
from newsgraph import KnowledgeBase
from newsgraph.ingest import ingest_items
from store_helpers import make_article


@pytest.mark.model
def test_reprocess_analyses_outdated_articles_only(tmp_path):
    db = tmp_path / "kb.db"
    with KnowledgeBase(db) as kb:
        ingest_items(kb, [Analysis(make_article("Japan and China held talks in Tokyo.",
                                                path="in/1.txt")),
                          Analysis(make_article("Germany welcomed the plan.", path="in/2.txt"))])
        kb.conn.execute("UPDATE articles SET pipeline_version = ? WHERE source_path = 'in/2.txt'",
                        (pipeline_version(),))
    r = CliRunner().invoke(app, ["reprocess", "--db", str(db), "--json"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert (s["read"], s["stored"], s["failed"]) == (1, 1, 0)  # only the unanalysed one
    with KnowledgeBase(db) as kb:
        assert kb.stats().current == 2
        assert kb.reprocess().read == 0  # nothing left to do
        s = kb.reprocess(all=True)
        assert (s.read, s.stored) == (2, 2)
        row = kb.conn.execute("SELECT analysed_at, text FROM articles WHERE source_path = "
                              "'in/1.txt'").fetchone()
        assert row["analysed_at"] and row["text"].endswith("Tokyo.")
        assert kb.search("Tokyo").total == 1
        run = kb.conn.execute("SELECT * FROM runs ORDER BY id DESC").fetchone()
        assert run["command"] == "reprocess" and run["finished_at"]
