"""`newsgraph link`, `newsgraph actors` and `newsgraph actor` through the real CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from link_rows import add_article, country, person
from newsgraph.cli import app
from newsgraph import KnowledgeBase

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "kb.db")
    with KnowledgeBase(path) as kb:
        add_article(kb, "a1", "2022-01-08", [
            country("JPN", "Japan"),
            person("Fumio Kishida", country="JPN", roles=["Prime Minister"]),
            person("Antony Blinken", country="USA", roles=["Secretary of State"]),
        ])
        add_article(kb, "a2", "2022-02-01", [person("Kishida", aid="person:kishida")])
        add_article(kb, "a3", "2022-02-02", [person("Hiroshi Tanaka"), person("Maria Tanaka")])
    return path


def _run(*args):
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_link_actors_actor(db):
    report = json.loads(_run("link", "--db", db, "--json"))
    assert report["articles"] == 3 and report["surnames_linked"] == 1
    assert "linked 0 articles" in _run("link", "--db", db)  # idempotent

    rows = [json.loads(line) for line in
            _run("actors", "--db", db, "--format", "jsonl").splitlines()]
    assert rows[0]["id"] == "person:fumio-kishida" and rows[0]["n_articles"] == 2
    people = [json.loads(line) for line in
              _run("actors", "--db", db, "--kind", "person", "--country", "USA", "--format",
                   "jsonl").splitlines()]
    assert [p["name"] for p in people] == ["Antony Blinken"]
    table = _run("actors", "--db", db, "--kind", "person")
    assert "Fumio Kishida" in table and "Antony Blinken" in table

    profile = json.loads(_run("actor", "Kishida", "--db", db, "--json"))
    assert profile["actor"]["id"] == "person:fumio-kishida"
    assert profile["actor"]["country"] == "JPN"
    assert [r["role"] for r in profile["roles"]] == ["Prime Minister"]
    assert {a["article_id"] for a in profile["articles"]["items"]} == {"a1", "a2"}
    assert len(profile["mentions"]["items"]) == profile["mentions"]["total"] == 2
    text = _run("actor", "person:fumio-kishida", "--db", db)
    assert "Prime Minister" in text and "2022-01-08" in text


def test_errors_are_reported(db, tmp_path):
    _run("link", "--db", db)
    missing = runner.invoke(app, ["actor", "Nobody", "--db", db])
    assert missing.exit_code == 2 and "E520" in missing.output
    bad = runner.invoke(app, ["actors", "--kind", "planet", "--db", db])
    assert bad.exit_code == 2 and "E521" in bad.output
    nodb = runner.invoke(app, ["actors", "--db", str(tmp_path / "none.db")])
    assert nodb.exit_code == 2 and "E404" in nodb.output
    nolink = runner.invoke(app, ["link", "--db", str(tmp_path / "none.db")])
    assert nolink.exit_code == 2 and "E404" in nolink.output
    ambiguous = runner.invoke(app, ["actor", "Tanaka", "--db", db])
    assert ambiguous.exit_code == 2 and "E522" in ambiguous.output


def test_actors_before_link_says_so(db):
    result = runner.invoke(app, ["actors", "--db", db])
    assert result.exit_code == 0 and "newsgraph link" in result.output
