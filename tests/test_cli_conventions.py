"""One CLI convention: every listing command takes --format table|json|jsonl|csv, --limit
and --offset and says how many more there are; --version; NEWSGRAPH_DB and [E404]
everywhere; -q is quiet; the progress total counts articles only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from newsgraph import KnowledgeBase
from newsgraph.cli import app

from webkb import build_kb, story_analyses

LISTINGS = [
    ("events",), ("quotes",), ("search", "Chile"), ("actors",), ("dyad", "NOR", "CHL"),
    ("sources",),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = build_kb(tmp_path_factory.mktemp("conv") / "kb.db", story_analyses())
    from newsgraph.link import link

    with KnowledgeBase(str(path)) as kb:
        link(kb.conn)
    return str(path)


def run(*args, env=None, input=None):
    return CliRunner().invoke(app, list(args), env=env, input=input)


@pytest.mark.parametrize("cmd", LISTINGS, ids=lambda c: c[0])
def test_every_listing_takes_the_four_formats(db, cmd):
    table = run(*cmd, "--db", db)
    assert table.exit_code == 0, table.output
    js = run(*cmd, "--db", db, "--format", "json")
    doc = json.loads(js.stdout)
    assert js.exit_code == 0 and isinstance(doc, dict)
    lines = run(*cmd, "--db", db, "--format", "jsonl").stdout.splitlines()
    assert all(isinstance(json.loads(x), dict) for x in lines)
    rows = list(csv.reader(io.StringIO(run(*cmd, "--db", db, "--format", "csv").stdout)))
    if cmd[0] != "sources":  # no watched sources in this knowledge base
        assert lines and len(rows) == len(lines) + 1  # a header, then one row a record
    bad = run(*cmd, "--db", db, "--format", "yaml")
    assert bad.exit_code == 2 and "[E536]" in bad.stderr


@pytest.mark.parametrize("cmd", [c for c in LISTINGS if c[0] not in ("dyad", "sources")],
                         ids=lambda c: c[0])
def test_limit_offset_and_how_many_more(db, cmd):
    total = json.loads(run(*cmd, "--db", db, "--format", "json", "--limit", "0").stdout)["total"]
    assert total > 2
    r = run(*cmd, "--db", db, "--format", "jsonl", "--limit", "2")
    assert len(r.stdout.splitlines()) == 2
    assert f"first 2 of {total}" in r.stderr and f"{total - 2} more: --offset 2" in r.stderr
    r = run(*cmd, "--db", db, "--format", "jsonl", "--limit", "2", "--offset", "2")
    assert len(r.stdout.splitlines()) == min(2, total - 2) and f"3-" in r.stderr
    r = run(*cmd, "--db", db, "--format", "jsonl", "--limit", "0")
    assert len(r.stdout.splitlines()) == total and not r.stderr.strip()


def test_version():
    from newsgraph import __version__

    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"newsgraph {__version__}"


@pytest.mark.parametrize("cmd", [
    ("events",), ("quotes",), ("search", "x"), ("actors",), ("actor", "NOR"),
    ("dyad", "NOR", "CHL"), ("sources",), ("show", "abc"), ("stats",), ("delete", "abc"),
    ("link",), ("reprocess",), ("dedupe",), ("export", "--graph", "gexf"), ("serve",)],
    ids=lambda c: c[0])
def test_every_command_honours_newsgraph_db_and_says_e404(db, tmp_path, cmd):
    missing = str(tmp_path / "none.db")
    r = run(*cmd, env={"NEWSGRAPH_DB": missing})
    assert r.exit_code == 2 and "[E404]" in r.stderr and missing in r.stderr
    if cmd[0] not in ("serve", "delete", "show", "link", "reprocess", "dedupe", "export"):
        ok = run(*cmd, env={"NEWSGRAPH_DB": db})
        assert ok.exit_code == 0, ok.output


def test_quiet_ingest_prints_nothing_but_failures(tmp_path):
    (tmp_path / "a.txt").write_text("Harbour talks resume\n\nThe two ports agreed to talk.\n")
    db = str(tmp_path / "kb.db")
    r = run("ingest", "--no-analysis", "-q", "--db", db, str(tmp_path / "a.txt"))
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == ""
    r = run("ingest", "--no-analysis", "-q", "--db", db, str(tmp_path / "missing.txt"))
    assert r.exit_code == 1 and "missing.txt" in r.stderr and "stored" not in r.stderr


def test_the_progress_total_counts_articles_only(tmp_path):
    from newsgraph.ingest import count_documents

    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text("Body text.\n")
    (d / "a0.json").write_text('{"published": "2024-01-02"}')  # a sidecar
    (d / "manifest.csv").write_text("path,published\na1.txt,2024-01-03\n")
    (d / "notes.md").write_text("not read")
    (d / "c.jsonl").write_text('{"id": "r1", "text": "x"}\n{"id": "r2", "text": "y"}\n')
    (d / "r.csv").write_text("id,text\nr3,z\n")
    assert count_documents([str(d)], manifest=str(d / "manifest.csv")) == 3 + 2 + 1


def test_delete_by_full_id_asks_nothing_and_by_prefix_asks(db, tmp_path):
    import shutil

    copy = str(tmp_path / "kb.db")
    shutil.copy(db, copy)
    r = run("delete", "fx-story-", "--db", copy)
    assert r.exit_code == 2 and "[E541]" in r.stderr and "8 articles" in r.stderr
    r = run("delete", "fx-story-", "--db", copy, "--yes", "-q")
    assert r.exit_code == 0 and r.stdout == ""
    r = run("delete", "fx-pact", "--db", copy)
    assert r.exit_code == 0 and "deleted fx-pact" in r.stdout
    assert json.loads(run("stats", "--db", copy, "--json").stdout)["articles"] == 3


def test_stored_counts_grow_as_the_run_goes(tmp_path, monkeypatch):
    from newsgraph.ingest import writer

    monkeypatch.setattr(writer, "FLUSH_SECONDS", 0.0)  # a slow run: every item waited long
    seen = []
    items = story_analyses()[:4]
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        s = kb.ingest_items(iter(items), batch_size=500,
                            on_progress=lambda s: seen.append((s.read, s.stored)))
    assert s.stored == 4
    assert (2, 2) in seen  # stored while reading, not only at the end of the batch
