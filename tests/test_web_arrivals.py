"""What is new (issue 16): the home page, search, events, quotes and an actor's page
sort and filter by time of arrival; "since my last visit" is a timestamp parameter."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import datetime, timedelta, timezone

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsgraph import KnowledgeBase
from newsgraph.web import create_app

from webkb import build_kb, story_analyses

OLD = "2024-01-15T08:00:00+00:00"


def _ago(days: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    """Everything arrived long ago, except fx-talks (two days ago) and fx-visit (an hour)."""
    path = build_kb(tmp_path_factory.mktemp("arrivals") / "kb.db", story_analyses())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET ingested_at = ?", (OLD,))
        conn.execute("UPDATE articles SET ingested_at = ? WHERE id = 'fx-talks'", (_ago(2),))
        conn.execute("UPDATE articles SET ingested_at = ? WHERE id = 'fx-visit'", (_ago(1 / 24),))
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(kb_path):
    return TestClient(create_app(kb_path))


def test_home_lists_by_arrival_and_since_a_visit(client):
    d = client.get("/index.json", params={"sort": "arrived"}).json()["articles_list"]
    assert [a["id"] for a in d["items"][:2]] == ["fx-visit", "fx-talks"]
    arrived = [a["arrived"] for a in d["items"]]
    assert arrived == sorted(arrived, reverse=True)
    visit = _ago(1)  # between the two new ones
    d = client.get("/index.json", params={"arrived_since": visit}).json()
    assert [a["id"] for a in d["articles_list"]["items"]] == ["fx-visit"]
    assert d["articles_list"]["total"] == 1
    assert d["new"] == {"events": 1, "quotes": 0}  # Ingrid Dahl's planned visit
    html = client.get("/", params={"arrived_since": visit}).text
    assert "New since" in html and "Norwegian minister to visit Chile" in html
    assert "fisheries pact" not in html.split('id="articles"')[1]
    assert "/?arrived_since=" in html  # the link to keep for the next visit
    by_published = client.get("/index.json").json()["articles_list"]["items"]
    dates = [a["published"] for a in by_published]
    assert dates == sorted(dates, reverse=True)


def test_a_bad_moment_is_a_400(client):
    for url in ("/?arrived_since=yesterday", "/search?q=Chile&arrived_since=2024-13-45",
                "/events?arrived_since=soon", "/actors/NOR?arrived_since=never"):
        r = client.get(url)
        assert r.status_code == 400 and "E704" in r.text, url


def test_search_sorts_and_filters_by_arrival(client, kb_path):
    d = client.get("/search.json", params={"q": "Chile", "order": "arrived"}).json()
    assert d["order"] == "arrived"
    assert [h["id"] for h in d["hits"][:2]] == ["fx-visit", "fx-talks"]
    d = client.get("/search.json", params={"q": "Chile", "arrived_since": _ago(3)}).json()
    assert {h["id"] for h in d["hits"]} == {"fx-visit", "fx-talks"} and d["total"] == 2
    with KnowledgeBase(kb_path, readonly=True) as kb:
        res = kb.search("Chile", arrived_since=_ago(3), order="arrived")
        assert [h.id for h in res.hits] == ["fx-visit", "fx-talks"]
        assert kb.search("", arrived_until="2024-01-15").total == 10
    html = client.get("/search", params={"q": "Chile", "order": "arrived"}).text
    assert "newest arrival first" in html and 'value="arrived" selected' in html


def test_events_and_quotes_by_arrival(client):
    d = client.get("/events.json", params={"arrived_since": _ago(3), "sort": "-arrived"}).json()
    assert [e["article_id"] for e in d["items"]] == ["fx-visit", "fx-talks", "fx-talks"]
    q = client.get("/quotes.json", params={"arrived_since": _ago(3)}).json()
    assert [x["article_id"] for x in q["items"]] == ["fx-talks"]
    assert q["items"][0]["arrived"] > OLD


def test_an_actor_page_shows_this_week_first(client):
    d = client.get("/actors/NOR.json").json()
    new = d["new"]
    assert new["week"] and new["articles"] == 2
    assert [e["article_id"] for e in new["events"]["items"]] == ["fx-visit", "fx-talks",
                                                                 "fx-talks"]
    assert new["quotes_by"]["total"] == 0
    html = client.get("/actors/NOR").text
    assert "New this week" in html
    assert html.index("New this week") < html.index("Events as source")
    assert html.index("Norwegian minister to visit Chile") < html.index("Roles seen")
    since = client.get("/actors/NOR.json", params={"arrived_since": _ago(1)}).json()["new"]
    assert not since["week"] and since["events"]["total"] == 1


def test_nothing_new_and_everything_new(tmp_path):
    path = build_kb(tmp_path / "kb.db")
    c = TestClient(create_app(path))
    new = c.get("/actors/NOR.json").json()["new"]
    assert new["everything"]  # all just ingested: the page says so, lists nothing twice
    assert "everything below is new" in c.get("/actors/NOR").text
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET ingested_at = ?", (OLD,))
    conn.close()
    new = TestClient(create_app(path)).get("/actors/NOR.json").json()["new"]
    assert new["articles"] == 0 and "events" not in new
