"""Words in capitals match only where the text writes them in capitals (US is not "us",
"used" or "using"; IS is not "is"); lower-case words still match their forms."""

from __future__ import annotations

import pytest

from newsgraph import KnowledgeBase
from newsgraph.query.syntax import compile_search
from newsgraph.store.fts import caps_words, is_capitals

from webkb import _Builder, build_kb

TEXTS = {
    "cap-us": ("Aid arrives", "The US sent aid to the port on Monday, officials said."),
    "low-us": ("Tools", "He used the new tool and told us he was using it daily."),
    "cap-is": ("Fighting", "IS fighters attacked a village, the UN said."),
    "low-is": ("Weather", "It is cold and the forecast is for snow."),
    "sanctions": ("Trade", "The EU imposed new sanctions on the exporters."),
    "phrase": ("Troops", "US troops left the base; the UK sent engineers."),
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    items = []
    for aid, (headline, body) in TEXTS.items():
        items.append(_Builder(aid, headline, [body], published="2024-01-02",
                              publication="Test Wire").build())
    path = build_kb(tmp_path_factory.mktemp("caps") / "kb.db", items)
    with KnowledgeBase(str(path)) as k:
        yield k


def ids(kb, q):
    return {h.id for h in kb.search(q, limit=50).hits}


def test_capitals_are_two_letters_or_more_all_upper():
    assert [w for w in ("US", "UK", "NATO", "IS", "Us", "us", "U", "G20", "COVID19")
            if is_capitals(w)] == ["US", "UK", "NATO", "IS", "COVID19"]
    assert caps_words("The US and ÖVP met NATO; the UK’s MPs.", "EU-UN") == "US ÖVP NATO UK EU UN"


@pytest.mark.parametrize("query,want", [
    ("US", {"cap-us", "phrase"}), ("us", {"cap-us", "low-us", "phrase"}),
    ("IS", {"cap-is"}), ("UN", {"cap-is"}), ("EU", {"sanctions"}),
    ("sanction", {"sanctions"}),  # lower case still stems
    ('"US troops"', {"phrase"}), ("US-UK", set()), ("US OR IS", {"cap-us", "phrase", "cap-is"}),
    ("aid -US", set()), ("aid -us", set()), ("troops -UK", set()), ("US troops", {"phrase"}),
])
def test_capitals_match_as_written(kb, query, want):
    assert ids(kb, query) == want
    assert kb.search(query).total == len(want)


def test_capitals_filter_the_listing_and_the_facets_alike(kb):
    res = kb.search("US", limit=0)
    assert res.total == 2 and sum(n for _, n in res.facets["publication"]) == 2


def test_only_the_capitals_are_highlighted(kb):
    hit = next(h for h in kb.search("US").hits if h.id == "cap-us")
    assert [hit.text[a:b] for a, b in hit.highlights] == ["US"]
    both = kb.search("us").hits
    low = next(h for h in both if h.id == "low-us")
    assert {low.text[a:b] for a, b in low.highlights} >= {"us", "used"}  # stems, as before


def test_a_term_without_capitals_keeps_its_highlights_beside_one_with():
    c = compile_search("US sanctions")
    assert c.capitals and c.plain == '"sanctions"'
    from newsgraph.query.syntax import keep_highlight

    assert keep_highlight("US", c) and keep_highlight("sanction", c)
    assert not keep_highlight("used", c) and not keep_highlight("us", c)


def test_the_index_of_capitals_follows_deletions(tmp_path):
    items = [_Builder(aid, h, [b], published="2024-01-02", publication="Test Wire").build()
             for aid, (h, b) in TEXTS.items()]
    with KnowledgeBase(str(build_kb(tmp_path / "kb.db", items))) as kb:
        kb.delete("cap-us")
        assert ids(kb, "US") == {"phrase"}
        n = kb.conn.execute("SELECT count(*) FROM articles_caps").fetchone()[0]
        assert n == kb.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_a_plain_sqlite_connection_updates_and_deletes_articles(tmp_path):
    import sqlite3

    items = [_Builder(aid, h, [b], published="2024-01-02", publication="Test Wire").build()
             for aid, (h, b) in TEXTS.items()]
    path = build_kb(tmp_path / "kb.db", items)
    with sqlite3.connect(path) as conn:  # no newsgraph function registered on it
        conn.execute("UPDATE articles SET cluster_id = 'phrase' WHERE id = 'cap-us'")
        conn.execute("DELETE FROM articles WHERE id = 'phrase'")
    with KnowledgeBase(str(path)) as kb:
        assert ids(kb, "US") == {"cap-us"}
