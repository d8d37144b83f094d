"""The knowledge base under hostile use: `load` of a shard with one file twice, searches
that would run for minutes, ids with "/", and `reprocess` keeping `link`'s links.

The articles are the synthetic fixtures of ``webkb`` (no spaCy needed).
"""

from __future__ import annotations

import json
import sqlite3
import time
import warnings
from pathlib import Path

import pytest

from newsgraph import KnowledgeBase
from newsgraph.errors import QueryError
from newsgraph.ingest import ingest, ingest_items, load

from webkb import analyses, build_kb, link_berg, rule_analyses


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory) -> Path:
    return build_kb(tmp_path_factory.mktemp("rel") / "kb.db")


def _counts(kb) -> dict[str, int]:
    return {t: kb.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "article_actors", "mentions", "quotes", "events",
                      "event_actors")}


# -- 2. `load` of a shard that holds the same article twice ------------------------

def _old_shard(out: Path, shard_id: str, items) -> None:
    """A shard as ``batch`` wrote it before it dropped repeated articles: every analysis's
    rows, repeats included."""
    pq = pytest.importorskip("pyarrow.parquet")
    from newsgraph.scale.parquet import TABLES, analysis_rows, to_tables

    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for a in items:
        for table, new in analysis_rows(a, analysed_at="2024-01-01T00:00:00Z").items():
            rows[table].extend(new)
    folder = out / "shards" / shard_id
    folder.mkdir(parents=True)
    for name, table in to_tables(rows).items():
        pq.write_table(table, folder / f"{name}.parquet")
    (folder / "_shard.json").write_text(json.dumps(
        {"id": shard_id, "inputs": [], "n_articles": len(items), "n_failed": 0, "rows": {},
         "pipeline_version": "fixtures"}), encoding="utf-8")


def test_batch_writes_an_article_found_twice_in_a_shard_once(tmp_path):
    pytest.importorskip("pyarrow")
    from newsgraph.scale.batch import write_shard

    first = analyses()[0]
    meta = write_shard(str(tmp_path / "out"), "twice", [first, first, analyses()[1]],
                       signatures=False)
    assert (meta["n_articles"], meta["n_duplicates"]) == (2, 1)
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        r = load(kb, str(tmp_path / "out"))
        assert r.n_articles == 2
        assert _counts(kb) == _counts_of(tmp_path / "one.db", [first, analyses()[1]])


def _counts_of(db: Path, items) -> dict[str, int]:
    with KnowledgeBase(build_kb(db, items)) as kb:
        return _counts(kb)


def test_load_keeps_one_copy_of_an_article_a_shard_holds_twice(tmp_path):
    first, second = analyses()[:2]
    _old_shard(tmp_path / "out", "old", [first, second, first])
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        r = load(kb, str(tmp_path / "out"))
        assert (r.n_articles, r.n_duplicates, r.warnings) == (2, 1, [])
        assert _counts(kb) == _counts_of(tmp_path / "one.db", [first, second])
        again = load(kb, str(tmp_path / "out"))  # a rerun skips the shard
        assert (again.n_skipped_shards, again.n_articles) == (1, 0)


def test_load_keeps_an_article_whose_copies_differ_without_analysis(tmp_path):
    import dataclasses

    first = analyses()[0]
    other = dataclasses.replace(first, quotes=first.quotes[:1])  # a copy analysed otherwise
    _old_shard(tmp_path / "out", "old", [first, other])
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        r = load(kb, str(tmp_path / "out"))
        assert r.n_articles == 1 and "[W601]" in r.warnings[0]
        row = kb.conn.execute("SELECT pipeline_version FROM articles").fetchone()
        assert row[0] is None  # `reprocess` analyses it
        assert _counts(kb)["quotes"] == 0


# -- 5. search cost ------------------------------------------------------------------

def test_a_query_with_too_many_terms_is_refused_at_once(kb_path):
    with KnowledgeBase(kb_path, readonly=True) as kb:
        for query in (" OR ".join(f"w{i}*" for i in range(520)),  # the audit's 12.5 s
                      "labour " * 4000, " ".join(f"word{i}" for i in range(65)),
                      " ".join(f"p{i}*" for i in range(9)), '"' + "fish " * 70 + '"'):
            t0 = time.perf_counter()
            with pytest.raises(QueryError) as err:
                kb.search(query)
            assert err.value.code == "E513" and time.perf_counter() - t0 < 1.0
        with pytest.raises(QueryError) as err:
            kb.search(" OR ".join(f"w{i}*" for i in range(40)), fts=True)
        assert err.value.code == "E513"
        assert kb.search(" ".join(f"word{i}" for i in range(64))).total == 0  # the cap is fine
        assert kb.search("fisher* OR salmon*").total >= 1


def test_a_query_past_its_time_budget_is_stopped_with_a_code(kb_path, monkeypatch):
    from newsgraph.query import limits

    conn = sqlite3.connect(":memory:")
    endless = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
               "SELECT count(*) FROM c")
    t0 = time.perf_counter()
    with pytest.raises(QueryError) as err:
        with limits.time_limit(conn, 0.2):
            conn.execute(endless).fetchone()
    assert err.value.code == "E514" and time.perf_counter() - t0 < 2.0
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection goes on
    monkeypatch.setattr(limits, "_STEPS", 1)  # look at the clock at every step
    with KnowledgeBase(kb_path, readonly=True) as kb:
        with pytest.raises(QueryError) as err:
            kb.search("fisheries", timeout=1e-9)
        assert err.value.code == "E514"
        assert kb.search("fisheries").total >= 1


def _client(path: Path):
    pytest.importorskip("starlette")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from newsgraph.web import create_app

    return TestClient(create_app(path))


def test_the_explorer_answers_a_costly_search_with_400_and_a_code(kb_path):
    client = _client(kb_path)
    r = client.get("/search.json", params={"q": " OR ".join(f"w{i}*" for i in range(520))})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E513"
    r = client.get("/search", params={"q": "labour " * 4000})
    assert r.status_code == 400 and "E513" in r.text


# -- 9. smaller ones -----------------------------------------------------------------

def test_an_article_id_with_a_slash_has_a_page(tmp_path):
    from newsgraph.web.pages import article_url

    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(json.dumps({"id": "wire/2024/001", "text": "Chile praised Peru.",
                                  "headline": "Praise"}) + "\n", encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        assert ingest(kb, [str(corpus)], analysis=False).stored == 1
    client = _client(tmp_path / "kb.db")
    search = client.get("/search", params={"q": "praised"})
    assert article_url("wire/2024/001") in search.text
    for url in (article_url("wire/2024/001"), article_url("wire/2024/001", json=True)):
        r = client.get(url)
        assert r.status_code == 200, url
    assert client.get(article_url("wire/2024/001", json=True)).json()["id"] == "wire/2024/001"


def test_reprocess_keeps_the_links_and_says_to_link_again(tmp_path):
    path = build_kb(tmp_path / "kb.db", rule_analyses())
    with KnowledgeBase(path) as kb:
        link_berg(kb)
        links = "SELECT article_id, actor_id, kb_actor_id FROM article_actors " \
                "WHERE kb_actor_id IS NOT NULL ORDER BY 1, 2"
        before = kb.conn.execute(links).fetchall()
        assert before
        by_berg = kb.events(source="person:ola-berg-kb").total
        s = ingest_items(kb, rule_analyses(), reanalysis=True, command="reprocess")
        assert [tuple(r) for r in kb.conn.execute(links)] == [tuple(r) for r in before]
        assert kb.events(source="person:ola-berg-kb").total == by_berg > 0
        assert s.linked == len({r[0] for r in before})
        assert "newsgraph link" in s.line()
