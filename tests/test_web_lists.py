"""The explorer's working lists (/events, /quotes, /actors): filters, sorting, paging,
downloads; every other list pages too; short ids and names lead to their pages;
links name things, never hashes."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import warnings
from html.parser import HTMLParser

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsgraph import KnowledgeBase
from newsgraph.web import create_app

from webkb import build_kb, story_analyses


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    return build_kb(tmp_path_factory.mktemp("lists") / "kb.db", story_analyses())


@pytest.fixture(scope="module")
def client(kb_path):
    return TestClient(create_app(kb_path))


@pytest.fixture(scope="module")
def kb(kb_path):
    with KnowledgeBase(kb_path, readonly=True) as kb:
        yield kb


class _Links(HTMLParser):
    """(href, text) of every link of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[list[str]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append([dict(attrs).get("href") or "", ""])
            self._open.append(len(self.links) - 1)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for i in self._open:
            self.links[i][1] += data


def links(html: str) -> list[tuple[str, str]]:
    p = _Links()
    p.feed(html)
    return [(h, t.strip()) for h, t in p.links]


# -- /events ---------------------------------------------------------------------------

@pytest.mark.parametrize("params,expected", [
    ({}, {}),
    ({"type": "ACCUSE"}, {"type": "ACCUSE"}),
    ({"type": ["CONSULT", "AID"]}, {"type": "CONSULT,AID"}),
    ({"source": "CHL"}, {"source": "CHL"}),
    ({"target": "NOR", "modality": "asserted"}, {"target": "NOR", "modality": "asserted"}),
    ({"actor": "PER", "since": "2023-02", "until": "2023-04"},
     {"actor": "PER", "since": "2023-02", "until": "2023-04"}),
    ({"publication": "Pacific Daily"}, {"publication": "Pacific Daily"}),
    ({"country": "CL"}, {"country": "CL"}),
    ({"text": "salmon"}, {"text": "salmon"}),
])
def test_events_page_is_the_knowledge_base_query(client, kb, params, expected):
    d = client.get("/events.json", params=params).json()
    want = kb.events(limit=25, **expected)
    assert d["total"] == want.total
    assert [e["id"] for e in d["items"]] == [e.id for e in want]
    html = client.get("/events", params=params)
    assert html.status_code == 200
    assert f"<strong>{want.total}</strong> event" in html.text


def test_events_text_matches_whole_words_and_capitals_as_written(kb):
    assert [e.type for e in kb.events(text="summoned")] == ["ACCUSE"]
    assert kb.events(text="summon").total == 0  # a whole word, not a prefix
    assert kb.events(text="SUMMONED").total == 0  # capitals match as written
    assert [e.type for e in kb.events(text='"signed a fisheries"')] == ["SUPPORT"]
    assert kb.events(text="salmon imports").total == 1  # every word, any order


def test_events_sort_by_each_column_both_ways(client, kb):
    for key in ("type", "modality", "publication", "day", "arrived"):
        up = client.get("/events.json", params={"sort": key, "per_page": 200}).json()["items"]
        down = client.get("/events.json", params={"sort": "-" + key, "per_page": 200}).json()
        column = {"day": "day", "arrived": "arrived"}.get(key, key)
        values = [e[column] for e in up]
        assert values == sorted(values), key
        assert [e[column] for e in down["items"]] == sorted(values, reverse=True), key
    html = client.get("/events", params={"sort": "type"}).text
    assert 'aria-sort="ascending"' in html
    assert "/events?sort=-type" in html  # again: the other way
    bad = client.get("/events", params={"sort": "colour"})
    assert bad.status_code == 400 and "E508" in bad.text


def test_events_pages_say_which_and_link_the_next(client, kb):
    total = kb.events().total
    d = client.get("/events.json", params={"per_page": 5, "source": "NOR"}).json()
    n = kb.events(source="NOR").total
    assert n > 5 and d["total"] == n and len(d["items"]) == 5 and d["pages"] == -(-n // 5)
    html = client.get("/events", params={"per_page": 5, "source": "NOR"}).text
    assert f"1-5 of {n}" in html
    nxt = [h for h, t in links(html) if t == "next →"]
    assert nxt == ["/events?source=NOR&amp;per_page=5&amp;page=2".replace("&amp;", "&")]
    second = client.get(nxt[0]).text
    assert f"6-{min(10, n)} of {n}" in second and "← previous" in second
    ids = [e["id"] for p in (1, 2) for e in client.get(
        "/events.json", params={"per_page": 5, "source": "NOR", "page": p}).json()["items"]]
    assert ids == [e.id for e in kb.events(source="NOR", limit=10)]
    assert total > 0


def test_every_filter_has_its_input_and_keeps_its_value(client):
    html = client.get("/events", params={"source": "Chile", "text": "salmon",
                                         "type": "SANCTION"}).text
    for name in ("source", "target", "actor", "modality", "country", "publication", "since",
                 "until", "text", "arrived_since"):
        assert f'name="{name}"' in html, name
    assert 'value="Chile"' in html and 'value="salmon"' in html
    assert 'value="SANCTION" checked' in html
    html = client.get("/quotes").text
    for name in ("speaker", "about", "country", "publication", "since", "until", "text",
                 "arrived_since"):
        assert f'name="{name}"' in html, name


def test_names_are_resolved_as_stored_and_said_so(client, kb):
    d = client.get("/events.json", params={"source": "Chile"}).json()
    assert d["total"] == kb.events(source="CHL").total
    assert d["actors"][0]["ids"] == ["CHL"] and d["actors"][0]["how"] == "name"
    r = client.get("/events", params={"source": "Nobody Known"})  # says so, and suggests
    assert r.status_code == 400 and "E520" in r.text


# -- /quotes ---------------------------------------------------------------------------

@pytest.mark.parametrize("params,expected", [
    ({}, {}), ({"speaker": "person:ingrid-dahl"}, {"by": "person:ingrid-dahl"}),
    ({"speaker": "Pablo Rojas"}, {"by": "Pablo Rojas"}), ({"about": "NOR"}, {"about": "NOR"}),
    ({"text": "fleets"}, {"text": "fleets"}), ({"since": "2023-05"}, {"since": "2023-05"}),
])
def test_quotes_page_is_the_knowledge_base_query(client, kb, params, expected):
    d = client.get("/quotes.json", params=params).json()
    want = kb.quotes(limit=25, **expected)
    assert d["total"] == want.total > 0
    assert [q["id"] for q in d["items"]] == [q.id for q in want]


def test_quotes_sort_by_speaker(client):
    names = [q["speaker"]["name"] for q in client.get(
        "/quotes.json", params={"sort": "speaker"}).json()["items"]]
    assert names == sorted(names)


# -- downloads -------------------------------------------------------------------------

def test_event_downloads_hold_the_filtered_set_with_the_cli_columns(client, kb):
    import pyarrow.parquet as pq

    from newsgraph.query.exports import EXPORT_COLUMNS

    params = {"source": "NOR", "type": ["SANCTION", "AID", "CONSULT"]}
    want = list(kb.iter_events(source="NOR", type="SANCTION,AID,CONSULT"))
    assert len(want) >= 3
    r = client.get("/events.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS  # the columns of `newsgraph events --format csv`
    assert [row["sentence"] for row in rows] == [e.sentence for e in want]
    assert [int(row["event_id"]) for row in rows] == [e.id for e in want]
    cli = _tmp(".csv")  # the export's own writer: the same rows (it writes oldest first)
    kb.export_events_csv(cli, source="NOR", type="SANCTION,AID,CONSULT")
    with open(cli, encoding="utf-8", newline="") as fh:
        assert sorted(fh.read().splitlines()) == sorted(r.text.splitlines())
    lines = client.get("/events.jsonl", params=params).text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == [e.id for e in want]
    r = client.get("/events.parquet", params=params)
    assert r.content[:4] == b"PAR1"
    table = pq.read_table(io.BytesIO(r.content))
    cli = pq.read_table(_cli_parquet(kb, source="NOR", type="SANCTION,AID,CONSULT"))
    assert table.schema == cli.schema  # the columns of `export --events-parquet`
    assert sorted(table.column("event_id").to_pylist()) == sorted(e.id for e in want)


def _tmp(suffix: str) -> str:
    import tempfile

    fd, path = tempfile.mkstemp(suffix=suffix)
    import os

    os.close(fd)
    return path


def _cli_parquet(kb, **fields):
    path = _tmp(".parquet")
    kb.export_events_parquet(path, **fields)
    return path


def test_quote_downloads(client, kb):
    import pandas as pd

    from newsgraph.cli.quotes import _CSV_FIELDS
    from newsgraph.web.download import QUOTE_CSV

    assert list(QUOTE_CSV) == _CSV_FIELDS
    want = list(kb.iter_quotes(by="NOR"))
    frame = pd.read_csv(io.StringIO(client.get("/quotes.csv", params={"speaker": "NOR"}).text))
    assert list(frame.columns) == _CSV_FIELDS and list(frame["text"]) == [q.text for q in want]
    lines = client.get("/quotes.jsonl", params={"speaker": "NOR"}).text.splitlines()
    assert [json.loads(x)["text"] for x in lines] == [q.text for q in want]
    pq = pd.read_parquet(io.BytesIO(client.get("/quotes.parquet",
                                               params={"speaker": "NOR"}).content))
    assert list(pq.columns) == _CSV_FIELDS and list(pq["text"]) == [q.text for q in want]


def test_download_of_nothing_and_of_a_bad_filter(client):
    r = client.get("/events.csv", params={"until": "1990"})
    assert r.status_code == 200 and r.text.strip().split(",")[0] == "event_id"
    r = client.get("/events.csv", params={"source": "Nobody Known"})
    assert r.status_code == 400 and "E520" in r.text
    r = client.get("/events.csv", params={"type": "NOPE"})
    assert r.status_code == 400 and "E531" in r.text
    r = client.get("/quotes.parquet", params={"arrived_since": "last tuesday"})
    assert r.status_code == 400 and "E704" in r.text


def test_the_list_page_links_its_downloads_with_its_filters(client):
    html = client.get("/events", params={"source": "NOR", "sort": "type",
                                         "type": ["AID", "CONSULT"]}).text
    hrefs = [h for h, _ in links(html)]
    for fmt in ("csv", "jsonl", "parquet"):
        assert f"/events.{fmt}?type=AID&type=CONSULT&source=NOR&sort=type" in hrefs


# -- every list pages ------------------------------------------------------------------

def test_actor_page_lists_page_each_on_its_own(client, monkeypatch):
    from newsgraph.web import pages

    monkeypatch.setattr(pages, "ACTOR_ITEMS", 2)
    d = client.get("/actors/NOR.json").json()
    src = d["events_as_source"]
    assert len(src["items"]) == 2 and src["total"] > 2
    html = client.get("/actors/NOR").text
    assert f"1-2 of {src['total']}" in html
    assert "/actors/NOR?source_page=2#events_as_source" in [h for h, _ in links(html)]
    d2 = client.get("/actors/NOR.json", params={"source_page": 2}).json()
    assert d2["events_as_source"]["offset"] == 2
    assert {e["id"] for e in d2["events_as_source"]["items"]}.isdisjoint(
        e["id"] for e in src["items"])
    assert d2["events_as_target"]["offset"] == 0  # the other lists stay on their page


def test_dyad_home_and_search_lists_page(client, monkeypatch):
    from newsgraph.web import pages

    monkeypatch.setattr(pages, "DYAD_ITEMS", 3)
    d = client.get("/dyads/NOR/CHL.json", params={"page": 2}).json()
    assert d["events"]["offset"] == 3 and d["page"] == 2
    html = client.get("/dyads/NOR/CHL").text
    assert f"1-3 of {d['total']}" in html and "next →" in html
    monkeypatch.setattr(pages, "HOME_ITEMS", 4)
    home = client.get("/index.json").json()["articles_list"]
    assert len(home["items"]) == 4 and home["total"] == 12 and home["pages"] == 3
    assert "1-4 of 12" in client.get("/").text
    last = client.get("/index.json", params={"page": 3}).json()["articles_list"]["items"]
    assert len(last) == 4


# -- ids and names in URLs -------------------------------------------------------------

def test_short_article_ids_redirect_to_the_article(tmp_path):
    items = story_analyses()[:3]
    hashed = "3f" * 32
    items[0] = dataclasses.replace(items[0], article=dataclasses.replace(items[0].article,
                                                                        id=hashed))
    c = TestClient(create_app(build_kb(tmp_path / "kb.db", items)))
    r = c.get(f"/articles/{hashed[:12]}", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == f"/articles/{hashed}"
    r = c.get(f"/articles/{hashed[:12]}.json", follow_redirects=False)
    assert r.headers["location"] == f"/articles/{hashed}.json"
    assert c.get(f"/articles/{hashed[:12]}.json").json()["id"] == hashed
    r = c.get("/articles/fx")  # fx-talks and fx-visit: which?
    assert r.status_code == 400 and "E503" in r.text


def test_actor_names_lead_to_the_actor(client):
    r = client.get("/actors/Ingrid%20Dahl", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/actors/person%3Aingrid-dahl"
    r = client.get("/actors/ingrid dahl.json", follow_redirects=False)
    assert r.headers["location"] == "/actors/person%3Aingrid-dahl.json"
    assert client.get("/actors/Dahl.json").json()["actor"]["id"] == "person:ingrid-dahl"
    assert client.get("/actors/nor.json").json()["actor"]["id"] == "NOR"
    r = client.get("/actors/Nobody%20Known")
    assert r.status_code == 404 and "E520" in r.text


def test_a_name_of_several_actors_asks_which(tmp_path):
    from webkb import analyses

    items = analyses()
    b = items[1]  # a second "Ingrid" in another article
    actors = tuple(dataclasses.replace(a, id="person:ingrid-berg", name="Ingrid Berg")
                   if a.id == "person:pablo-rojas" else a for a in b.actors)
    items[1] = dataclasses.replace(b, actors=actors, quotes=(), events=())
    c = TestClient(create_app(build_kb(tmp_path / "kb.db", items)))
    r = c.get("/actors/Ingrid")
    assert r.status_code == 300
    hrefs = [h for h, _ in links(r.text)]
    assert "/actors/person%3Aingrid-dahl" in hrefs and "/actors/person%3Aingrid-berg" in hrefs
    j = c.get("/actors/Ingrid.json")
    assert j.status_code == 300
    assert {x["id"] for x in j.json()["candidates"]} == {"person:ingrid-dahl",
                                                         "person:ingrid-berg"}


HEX = re.compile(r"\b[0-9a-f]{12,}\b")


def test_links_name_things_never_hashes(tmp_path):
    items = story_analyses()
    for i, a in enumerate(items):  # ids like the pipeline's (sha256), some without headline
        art = dataclasses.replace(a.article, id=f"{i:02x}" * 32,
                                  headline=a.article.headline if i % 2 else None)
        items[i] = dataclasses.replace(a, article=art)
    c = TestClient(create_app(build_kb(tmp_path / "kb.db", items)))
    first = f"{1:02x}" * 32
    for url in ("/", "/events", "/quotes", "/actors/NOR", "/dyads/NOR/CHL", "/network",
                "/search?q=Norway", f"/articles/{first}", "/?sort=arrived"):
        html = c.get(url).text
        shown = [t for _, t in links(html) if HEX.search(t)]
        assert shown == [], url


def test_quotes_about_an_actor_sort_by_date_only(client):
    html = client.get("/quotes", params={"about": "NOR"}).text
    hrefs = [h for h, _ in links(html)]
    assert not [h for h in hrefs if "sort=speaker" in h or "sort=kind" in h]
    assert [h for h in hrefs if "sort=published" in h]
    r = client.get("/quotes", params={"about": "NOR", "sort": "speaker"})
    assert r.status_code == 400 and "E508" in r.text
