"""The scale commands through the real CLI entry point."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.scale.batch import write_shard

from dedupe_fixtures import corpus
from newsgraph.models import Analysis
from scale_corpus import write_corpus

runner = CliRunner()


def test_load_then_dedupe_then_search_dedupe(tmp_path):
    write_shard(str(tmp_path / "out"), "s1", [Analysis(a) for a in corpus().values()])
    db = str(tmp_path / "kb.db")
    res = runner.invoke(app, ["load", str(tmp_path / "out"), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    assert r["n_articles"] == 6 and r["clusters"]["n_clusters"] == 2
    res = runner.invoke(app, ["load", str(tmp_path / "out"), "--db", db, "--json"])
    assert json.loads(res.stdout)["n_skipped_shards"] == 1
    res = runner.invoke(app, ["dedupe", "--db", db, "--show", "5", "--json"])
    assert res.exit_code == 0, res.output
    assert [(c["cluster_id"], c["n_articles"]) for c in json.loads(res.stdout)["clusters"]] == [
        ("h1", 3), ("b1", 2)]
    res = runner.invoke(app, ["search", "Amber", "--db", db, "--dedupe", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["total"] == 2


def test_errors_are_one_line_with_a_code(tmp_path):
    res = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code != 0 and "[E612]" in res.output
    res = runner.invoke(app, ["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert res.exit_code != 0 and "[E610]" in res.output
    res = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"),
                              "--scheduler", "tcp://127.0.0.1:1", "--local-cluster", "2"])
    assert res.exit_code == 2


@pytest.mark.model
def test_batch_on_a_local_cluster_then_load(tmp_path):
    write_corpus(tmp_path / "in", 3)
    out, db = str(tmp_path / "out"), str(tmp_path / "kb.db")
    res = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", out, "--local-cluster", "1",
                              "--shard-size", "2", "--json", "--quiet"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    assert (r["n_shards"], r["n_written"], r["n_articles"]) == (2, 2, 3)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert len(manifest["shards"]) == 2
    res = runner.invoke(app, ["load", out, "--db", db, "--json"])
    assert json.loads(res.stdout)["n_articles"] == 3
