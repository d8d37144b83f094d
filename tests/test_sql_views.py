"""SQL that agrees: the analysts' views, the Parquet export and the CLI give the same
monthly counts; foreign keys are declared; Datasette finds the full-text index."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest
from typer.testing import CliRunner

from newsgraph import KnowledgeBase
from newsgraph.cli import app
from webkb import build_kb, link_berg, rule_analyses

STATES = ("NOR", "CHL", "PER")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = build_kb(tmp_path_factory.mktemp("sql") / "kb.db", rule_analyses())
    with KnowledgeBase(path) as kb:
        link_berg(kb)
    return str(path)


def _cli_months(db: str, *args: str) -> Counter:
    r = CliRunner().invoke(app, [*args, "--format", "jsonl", "--limit", "0", "--db", db])
    assert r.exit_code == 0, r.output
    return Counter(json.loads(x)["month"] for x in r.stdout.splitlines())


def test_monthly_events_by_source_state_agree(db, tmp_path):
    """"How many events did each state start, per month?" three ways."""
    conn = sqlite3.connect(db)
    sql = Counter({(m, c): n for m, c, n in conn.execute(
        "SELECT month, source_country, count(DISTINCT event_id) FROM events_flat "
        "WHERE source_country IS NOT NULL GROUP BY 1, 2")})
    pq = pytest.importorskip("pyarrow.parquet")
    with KnowledgeBase(db, readonly=True) as kb:
        kb.export_events_parquet(str(tmp_path / "events.parquet"))
    parquet: Counter = Counter()
    for row in pq.read_table(tmp_path / "events.parquet").to_pylist():
        for c in set(row["source_countries"]):
            parquet[(row["month"], c)] += 1
    cli: Counter = Counter()
    for state in STATES:
        for month, n in _cli_months(db, "events", "--source", state).items():
            cli[(month, state)] += n
    assert sql == parquet == cli
    # June: Norway's condemnation (fx-hostile), the ministers' group, Ola Berg (linked)
    assert sql[("2023-06", "NOR")] == 3
    assert sql[("2023-07", "CHL")] >= 1  # the week-dated protest, on its article's day


def test_monthly_accusations_by_type_and_pair(db):
    conn = sqlite3.connect(db)
    sql = {(m, s, t): n for m, s, t, n in conn.execute(
        "SELECT month, source_country, target_country, count(DISTINCT event_id) FROM events_flat "
        "WHERE type = 'ACCUSE' AND source_country IS NOT NULL AND target_country IS NOT NULL "
        "GROUP BY 1, 2, 3")}
    cli = Counter()
    for s in STATES:
        for t in STATES:
            if s != t:
                for month, n in _cli_months(db, "events", "--type", "ACCUSE", "--source", s,
                                            "--target", t).items():
                    cli[(month, s, t)] += n
    assert sql == {k: v for k, v in cli.items() if k[1] != k[2]}


def test_monthly_quotes_by_speaker_state_agree(db):
    conn = sqlite3.connect(db)
    sql = Counter({(m, c): n for m, c, n in conn.execute(
        "SELECT month, speaker_country, count(DISTINCT quote_id) FROM quotes_flat "
        "WHERE speaker_country IS NOT NULL GROUP BY 1, 2")})
    cli: Counter = Counter()
    for state in STATES:
        r = CliRunner().invoke(app, ["quotes", "--by", state, "--format", "json", "--limit", "0",
                                     "--db", db])
        for q in json.loads(r.stdout)["items"]:
            cli[(q["published"][:7], state)] += 1
    assert sql == cli and sql


def test_foreign_keys_are_declared(db):
    conn = sqlite3.connect(db)

    def refs(table):
        return {(r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")}

    assert ("kb_actor_id", "actors", "id") in refs("article_actors")
    assert ("article_id", "articles", "id") in refs("article_actors")
    assert ("event_id", "events", "id") in refs("event_parties")
    assert ("quote_id", "quotes", "id") in refs("quote_parties")
    assert not conn.execute("PRAGMA foreign_key_check").fetchall()


def test_datasette_finds_the_full_text_index(db):
    """Datasette looks for an FTS virtual table declared with content="TABLE"."""
    conn = sqlite3.connect(db)
    found = conn.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 AND "
        "sql LIKE '%VIRTUAL TABLE%USING FTS%content=\"articles\"%'").fetchall()
    assert found == [("articles_fts",)]
    hits = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'salmon'")
    assert hits.fetchall()
