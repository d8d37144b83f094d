"""KnowledgeBase.search by actor and month: the actor filter, exact actor and month
facets, and listing by filters alone (what the explorer's search page needs)."""

from __future__ import annotations

import pytest

from newsgraph import KnowledgeBase
from newsgraph.errors import QueryError

from webkb import build_kb, story_analyses


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with KnowledgeBase(build_kb(tmp_path_factory.mktemp("a") / "kb.db", story_analyses())) as k:
        yield k


@pytest.mark.parametrize("facets", [True, False])
def test_actor_filter(kb, facets):
    res = kb.search("Chile", actor="person:pablo-rojas", facets=facets)
    assert res.total == 2 and {h.id for h in res.hits} == {"fx-pact", "fx-talks"}
    assert {h.id for h in kb.search("Chile", actor="PER", facets=facets).hits} == {
        "fx-story-2", "fx-story-4"}
    with pytest.raises(QueryError) as err:  # an unknown actor says so, never 0 silently
        kb.search("Chile", actor="nobody", facets=facets)
    assert err.value.code == "E520"
    both = kb.search("Chile", actor="NOR", publication="Pacific Daily", facets=facets)
    assert both.total == 3 and all(h.publication == "Pacific Daily" for h in both.hits)


@pytest.mark.parametrize("query", ["Chile", "Norway OR Peru", ""])
def test_actor_and_month_facets_are_exact(kb, query):
    """Every facet count is what searching with that value as a filter finds."""
    filt = {} if query else {"since": "2023"}
    res = kb.search(query, **filt)
    actors, months = res.facets["actor"], res.facets["month"]
    assert actors and months
    assert [m for m, _ in months] == sorted(m for m, _ in months)  # in date order
    assert sum(n for _, n in months) == res.total
    for month, n in months:
        assert kb.search(query, since=month, until=month).total == n, month
    assert [n for _, n in actors] == sorted((n for _, n in actors), reverse=True)
    for actor, n in actors:
        assert kb.search(query, actor=actor, **filt).total == n, actor


def test_facets_follow_the_filters(kb):
    res = kb.search("Chile", actor="person:pablo-rojas")
    assert dict(res.facets["actor"])["person:pablo-rojas"] == 2
    assert "PER" not in dict(res.facets["actor"])
    assert dict(res.facets["month"]) == {"2023-03": 1, "2023-05": 1}
    assert dict(kb.search("Chile", until="2023-03").facets["month"]) == {
        "2023-01": 1, "2023-02": 1, "2023-03": 1}


def test_a_linked_actor_is_found_and_counted_under_its_knowledge_base_id(tmp_path):
    with KnowledgeBase(build_kb(tmp_path / "kb.db")) as kb:
        with kb.transaction() as conn:  # what `newsgraph link` writes
            conn.execute("INSERT INTO actors (id, name, kind) "
                         "VALUES ('person:rojas', 'Pablo Rojas', 'person')")
            conn.execute("UPDATE article_actors SET kb_actor_id = 'person:rojas' "
                         "WHERE actor_id = 'person:pablo-rojas'")
        res = kb.search("Chile")
        assert dict(res.facets["actor"])["person:rojas"] == 2
        assert "person:pablo-rojas" not in dict(res.facets["actor"])
        for actor in ("person:rojas", "person:pablo-rojas"):  # either id finds them
            assert {h.id for h in kb.search("Chile", actor=actor).hits} == {"fx-pact",
                                                                           "fx-talks"}


def test_no_query_lists_what_passes_the_filters_newest_first(kb):
    res = kb.search("", actor="person:pablo-rojas", limit=1)
    assert res.total == 2 and [h.id for h in res.hits] == ["fx-talks"]
    assert res.hits[0].score is None and res.to_dict()["hits"][0]["score"] is None
    assert res.hits[0].snippet.startswith("SANTIAGO") and "\n" not in res.hits[0].snippet
    assert [h.id for h in kb.search("", actor="person:pablo-rojas", offset=1).hits] == [
        "fx-pact"]
    days = [h.published for h in kb.search("", since="2023", limit=50).hits]
    assert days == sorted(days, reverse=True) and len(days) == 12
    assert kb.search("", since="2023", facets=False).total == 12
    with pytest.raises(QueryError) as e:
        kb.search("  ")
    assert e.value.code == "E501"


def test_the_actor_facet_of_many_matches_counts_the_newest_and_says_so(kb, monkeypatch):
    import newsgraph.query.search as q

    everything = kb.search("", since="2000")
    assert everything.actor_sample is None and everything.total > 3
    monkeypatch.setattr(q, "ACTOR_FACET_SAMPLE", 3)
    res = kb.search("", since="2000")
    assert res.actor_sample == 3 and res.to_dict()["actor_sample"] == 3
    newest = kb.search("", since="2000", limit=3, facets=False).hits
    # each actor's count is over the newest three articles only
    for actor, n in res.facets["actor"]:
        with_actor = {x.id for x in kb.search("", since="2000", actor=actor, limit=100,
                                              facets=False).hits}
        assert n == sum(1 for h in newest if h.id in with_actor)
    assert sum(n for _, n in res.facets["month"]) == res.total  # other facets stay exact


def test_rank_limit_lists_many_matches_newest_first(kb):
    ranked = kb.search("Chile", limit=100)
    assert ranked.order == "relevance" and ranked.total > 2
    newest = kb.search("Chile", limit=100, rank_limit=2)
    assert newest.order == "newest" and newest.total == ranked.total
    assert {h.id for h in newest.hits} == {h.id for h in ranked.hits}
    assert all(h.score is None for h in newest.hits)
    dates = [h.published for h in newest.hits]
    assert dates == sorted(dates, reverse=True)
    assert kb.search("Chile", rank_limit=ranked.total).order == "relevance"
