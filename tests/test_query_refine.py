"""The query layer's words in a sentence, arrival bounds and sort columns (what the
explorer's lists ask of it), through the Python API."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph import KnowledgeBase
from newsgraph.errors import QueryError
from newsgraph.query import words
from newsgraph.query.arrivals import arrival_bound
from newsgraph.query.filters import Filter

from webkb import build_kb, story_analyses


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = build_kb(tmp_path_factory.mktemp("refine") / "kb.db", story_analyses())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET ingested_at = '2026-01-01T10:00:00+00:00'")
        conn.execute("UPDATE articles SET ingested_at = '2026-02-01T10:00:00+00:00' "
                     "WHERE id IN ('fx-talks', 'fx-story-3')")
    conn.close()
    with KnowledgeBase(path, readonly=True) as kb:
        yield kb


@pytest.mark.parametrize("text,found", [
    ("salmon tariffs", ("salmon", "tariffs")), ('"joint fisheries" Peru', ("joint fisheries", "Peru")),
    ("  ", ()), ("*** --", ()), ('"unterminated phrase', ("unterminated phrase",)),
    ("US US", ("US",)),
])
def test_terms(text, found):
    assert words.terms(text) == found


@pytest.mark.parametrize("sentence,text,hit", [
    ("The US imposed tariffs.", "US", True),
    ("Officials used new tariffs.", "US", False),  # a whole word, capitals as written
    ("Talks with us were useful.", "US", False),
    ("Talks with us were useful.", "us", True),  # lower case: any case
    ("The EU-US deal", "US", True),
    ("North Korea's missile", '"North Korea"', True),
    ("North  Korea", '"north korea"', True),
    ("Koreans in the north", '"north korea"', False),
    ("Chile praised Peru.", "peru chile", True),
    ("Chile praised Peru.", "peru bolivia", False),
])
def test_whole_words(sentence, text, hit):
    assert words.matches(sentence, words.terms(text)) is hit


def test_the_index_finds_a_superset():
    """Every sentence that holds the terms is in an article the FTS expression finds."""
    assert words.fts_expr(("North Korea's", "US")) == '"North Korea s" "US"'


def test_arrival_bounds_in_every_spelling():
    assert arrival_bound("2026-02-01") == "2026-02-01"
    assert arrival_bound("2026-02-01T10:00") == "2026-02-01T10:00:00+00:00"
    assert arrival_bound("2026-02-01T12:00+02:00") == "2026-02-01T10:00:00+00:00"
    for bad in ("yesterday", "2026-13-01", "2026-02-30T10:00"):
        with pytest.raises(QueryError, match="E704"):
            Filter(arrived_since=bad)


def test_events_quotes_and_search_by_arrival(kb):
    new = kb.events(arrived_since="2026-01-15")
    assert {e.article_id for e in new} == {"fx-talks", "fx-story-3"}
    assert all(e.arrived == "2026-02-01T10:00:00+00:00" for e in new)
    # a timestamp bound is exclusive: what arrived after the last visit
    assert kb.events(arrived_since="2026-02-01T10:00:00Z").total == 0
    # a bare date until is the whole day
    assert kb.events(arrived_until="2026-02-01").total == kb.events().total
    assert kb.events(arrived_until="2026-01-31").total == kb.events().total - new.total
    assert {q.article_id for q in kb.quotes(arrived_since="2026-01-15")} == {"fx-talks"}
    assert {h.id for h in kb.search("", arrived_since="2026-01-15").hits} == {
        "fx-talks", "fx-story-3"}
    arrived = kb.arrivals(since="2026-01-15")
    assert arrived.total == 2 and arrived.summary() == "2 articles"
    first = kb.events(sort="-arrived", limit=2)
    assert {e.article_id for e in first} <= {"fx-talks", "fx-story-3"}


def test_sort_columns(kb):
    confidences = [e.confidence for e in kb.events(sort="-confidence")]
    assert confidences == sorted(confidences, reverse=True)
    headlines = [q.headline for q in kb.quotes(sort="headline")]
    assert headlines == sorted(headlines)
    # a sort keeps the filter and the total
    by_type = kb.events(source="NOR", sort="type", limit=2)
    assert by_type.total == kb.events(source="NOR").total
    for bad in ("colour", "-", "type,day"):
        with pytest.raises(QueryError, match="E508"):
            kb.events(sort=bad)
    with pytest.raises(QueryError, match="E508"):
        kb.search("Chile", order="oldest")


def test_words_with_an_actor(kb):
    both = kb.events(source="NOR", text="salmon")
    assert [e.type for e in both] == ["SANCTION"]
    assert kb.quotes(by="person:ingrid-dahl", text="inspectors").total == 1
    assert kb.quotes(by="person:ingrid-dahl", text="INSPECTORS").total == 0


def _indexed(conn):
    events = sorted(map(tuple, conn.execute("SELECT rowid, sentence FROM event_text")))
    want = sorted(map(tuple, conn.execute(
        "SELECT e.id, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.sentence_start IS NOT NULL")))
    conn.execute("INSERT INTO quote_text(quote_text, rank) VALUES ('integrity-check', 1)")
    return events, want


def test_the_word_indexes_follow_every_write(tmp_path):
    """Migration 080's indexes hold every event sentence and quote, through ingest,
    delete, a new analysis and a second ingest of the same article."""
    import dataclasses

    items = story_analyses()
    path = build_kb(tmp_path / "kb.db", items)
    with KnowledgeBase(path) as kb:
        events, want = _indexed(kb.conn)
        assert events == want and len(events) == kb.events().total
        assert kb.quotes(text="fleets").total == 1
        kb.delete("fx-pact")  # its events and quotes go (by cascade)
        events, want = _indexed(kb.conn)
        assert events == want and kb.quotes(text="fleets").total == 0
        again = dataclasses.replace(items[1], events=items[1].events[:1])
        kb.store_analysis(again)  # a new analysis of fx-talks: one event left
        events, want = _indexed(kb.conn)
        assert events == want and kb.events(text="demanded").total == 0
        kb.store(items[0])  # fx-pact again
        events, want = _indexed(kb.conn)
        assert events == want and kb.quotes(text="fleets").total == 1
        assert kb.events(text='"signed a fisheries agreement"').total == 1


@pytest.mark.parametrize("sort", ["type", "-type", "modality", "-modality", "publication",
                                  "-publication", "arrived", "-arrived"])
def test_a_sort_walks_an_index_or_sorts_in_memory_to_the_same_order(kb, monkeypatch, sort):
    from newsgraph.query import listing

    for f in ({}, {"source": "NOR"}, {"text": "talks"}):
        small = [e.id for e in kb.events(sort=sort, **f)]
        quotes = [q.id for q in kb.quotes(sort=sort.replace("type", "kind").replace(
            "modality", "speaker"), **({"by": "NOR"} if f.get("source") else {}))]
        monkeypatch.setattr(listing, "SORT_IN_MEMORY", 0)
        assert [e.id for e in kb.events(sort=sort, **f)] == small, f
        assert [q.id for q in kb.quotes(sort=sort.replace("type", "kind").replace(
            "modality", "speaker"), **({"by": "NOR"} if f.get("source") else {}))] == quotes
        monkeypatch.setattr(listing, "SORT_IN_MEMORY", 5_000)
