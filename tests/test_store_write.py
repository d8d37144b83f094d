"""Writing analyses: every table, replacement, deletion, and the FTS index kept in sync."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.models import QUAD_CLASS, Analysis
from newsgraph import KnowledgeBase
from newsgraph.store.write import article_from_row
from store_helpers import make_analysis, make_article


@pytest.fixture()
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as k:
        yield k


def _count(kb, table, aid=None):
    if aid is None:
        return kb.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return kb.conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (aid,)).fetchone()[0]


def _fts_ok(kb):
    kb.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    return True


def test_store_writes_every_table(kb):
    an = make_analysis()
    kb.store(an)
    aid = an.id
    assert _count(kb, "articles") == 1
    assert _count(kb, "article_actors", aid) == 3
    assert _count(kb, "mentions", aid) == 3
    assert _count(kb, "quotes", aid) == 1
    assert _count(kb, "events", aid) == 1
    role = kb.conn.execute("SELECT * FROM actor_roles WHERE article_id = ?", (aid,)).fetchone()
    assert (role["actor_id"], role["role"], role["country"], role["seen"]) == (
        "person:tanaka", "foreign minister", "JPN", "2022-01-08")
    ev = kb.conn.execute("SELECT * FROM events").fetchone()
    assert ev["quad"] == QUAD_CLASS["AGREE"] == "verbal cooperation"
    assert json.loads(ev["source"]) == ["USA", "JPN"] and ev["published"] == "2022-01-08"
    pairs = {(r["actor_id"], r["role"]) for r in kb.conn.execute("SELECT * FROM event_actors")}
    assert pairs == {("USA", "source"), ("JPN", "source"), ("JPN", "target")}
    q = kb.conn.execute("SELECT * FROM quotes").fetchone()
    text = kb.conn.execute("SELECT text FROM articles").fetchone()[0]
    assert text[q["start"]:q["end"]] == q["text"]
    assert text[q["speaker_start"]:q["speaker_end"]] == "Tanaka"
    for m in kb.conn.execute('SELECT start, "end", text FROM mentions'):
        assert text[m[0]:m[1]] == m[2]
    row = kb.conn.execute("SELECT pipeline_version, times FROM articles").fetchone()
    assert row[0] == "test-pipeline-1"
    assert json.loads(row[1])[0]["value"] == "2022-01-07"
    assert _fts_ok(kb)


def test_store_again_replaces_all_rows(kb):
    an = make_analysis()
    kb.store(an)
    kb.store(an)
    for table in ("articles", "article_actors", "mentions", "actor_roles", "quotes", "events",
                  "event_actors"):
        assert _count(kb, table) == (1 if table in ("articles", "quotes", "events", "actor_roles")
                                     else 3), table
    assert kb.search("Tanaka").total == 1
    assert _fts_ok(kb)


def test_delete_cascades_and_leaves_search_consistent(kb):
    a, b = make_analysis(), make_analysis("Japan and the United States agreed on Friday to talk "
                                          "about Tanaka's plan, Mr Tanaka said.", path="in/b.txt")
    kb.store(a)
    kb.store(b)
    assert kb.search("Tanaka").total == 2
    assert kb.delete(a.id[:10]) == a.id
    for table in ("article_actors", "mentions", "actor_roles", "quotes", "events"):
        assert _count(kb, table, a.id) == 0
    assert _count(kb, "event_actors") == 3  # b's only
    assert kb.search("Tanaka").total == 1
    assert [h.id for h in kb.search("Tanaka").hits] == [b.id]
    assert _fts_ok(kb)


def test_store_analysis_replaces_analysis_but_keeps_text(kb):
    an = make_analysis()
    kb.store(dataclasses.replace(an, pipeline_version=""))  # the clean article only
    rec = kb.article(an.id)
    assert rec.pipeline_version is None and rec.n_events == 0
    kb.store_analysis(an)
    rec = kb.article(an.id)
    assert (rec.pipeline_version, rec.n_actors, rec.n_quotes, rec.n_events) == (
        "test-pipeline-1", 3, 1, 1)
    assert rec.warnings == ("an analysis warning",)
    assert _fts_ok(kb)


def test_duplicate_actor_ids_do_not_abort(kb):
    an = make_analysis()
    doubled = Analysis(an.article, actors=an.actors + an.actors[:1], pipeline_version="x")
    kb.store(doubled)
    assert _count(kb, "article_actors") == 3


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@settings(max_examples=30, deadline=None)
@given(body=_text, headline=_text, caption=st.none() | _text,
       record=st.none() | st.integers(1, 10**6))
def test_article_roundtrips_exactly(tmp_path_factory, body, headline, caption, record):
    art = make_article(body, headline=headline, caption=caption, record=record)
    with KnowledgeBase(tmp_path_factory.mktemp("rt") / "kb.db") as kb:
        kb.store(Analysis(art, pipeline_version="v"))
        row = kb.conn.execute("SELECT * FROM articles").fetchone()
        back = article_from_row(row)
    assert back == art
    for c in back.captions:
        assert back.text[c.start:c.end] == c.text
    assert back.text[back.headline_span.start:back.headline_span.end] == headline


def test_updates_keep_the_fts_index_in_sync(kb):
    an = make_analysis()
    kb.store(an)
    with kb.transaction() as conn:
        conn.execute("UPDATE articles SET text = text || ' Walrus.' WHERE id = ?", (an.id,))
    assert kb.search("walrus").total == 1
    with kb.transaction() as conn:
        conn.execute("UPDATE articles SET rowid = rowid + 100, pipeline_version = 'x'")
    assert [h.id for h in kb.search("walrus").hits] == [an.id]
    assert _fts_ok(kb)
