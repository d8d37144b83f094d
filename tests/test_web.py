"""The explorer in-process: every page and its JSON twin, safety, errors, read-only."""

from __future__ import annotations

import hashlib
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsgraph.web import create_app
from newsgraph.errors import StoreError

from webkb import HOSTILE_URL, build_kb


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory) -> Path:
    return build_kb(tmp_path_factory.mktemp("web") / "kb.db")


@pytest.fixture(scope="module")
def client(kb_path) -> TestClient:
    return TestClient(create_app(kb_path))


@pytest.fixture(scope="module")
def empty_client(tmp_path_factory) -> TestClient:
    return TestClient(create_app(build_kb(tmp_path_factory.mktemp("empty") / "kb.db", [])))


class _Scan(HTMLParser):
    """Collects the elements, attributes and text of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def scan(html: str) -> _Scan:
    s = _Scan()
    s.feed(html)
    return s


PAGES = [
    ("/", "/index.json"),
    ("/search?q=fisheries", "/search.json?q=fisheries"),
    ("/articles/fx-pact", "/articles/fx-pact.json"),
    ("/actors/NOR", "/actors/NOR.json"),
    ("/actors/person%3Aingrid-dahl", "/actors/person%3Aingrid-dahl.json"),
    ("/dyads/NOR/CHL", "/dyads/NOR/CHL.json"),
    ("/network", "/network.json"),
]


@pytest.mark.parametrize("page,twin", PAGES)
def test_every_page_and_its_json_twin(client, page, twin):
    html = client.get(page)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert "script-src" not in html.headers["content-security-policy"]  # no scripts at all
    assert "<script" not in html.text
    js = client.get(twin)
    assert js.status_code == 200
    assert js.headers["content-type"] == "application/json"
    assert isinstance(js.json(), dict)


def test_home_summary(client):
    d = client.get("/index.json").json()
    assert d["articles"] == 4 and d["events"] == 7 and d["quotes"] == 4
    assert d["date_range"] == {"first": "2023-03-06", "last": "2023-06-01"}
    assert {p["name"]: p["articles"] for p in d["publications"]}["The Northern Ledger"] == 2
    assert d["top_actors"][0]["id"] == "NOR"  # in all four articles
    assert d["recent"][0]["id"] == "fx-hostile"
    html = client.get("/").text
    assert "/articles/fx-pact" in html and "<svg" in html


def test_search_hits_facets_paging_and_snippets(client):
    d = client.get("/search.json", params={"q": "Chile"}).json()
    assert d["total"] == 3
    assert {h["id"] for h in d["hits"]} == {"fx-pact", "fx-talks", "fx-visit"}
    for h in d["hits"]:  # highlights are character offsets into a snippet with no markers
        assert h["highlights"] and not any(c in h["snippet"] for c in "\x02\x03«»")
        assert all(h["snippet"][a:b].lower() == "chile" for a, b in h["highlights"])
    pubs = {f["value"]: f["count"] for f in d["facets"]["publication"]}
    assert pubs == {"The Northern Ledger": 2, "Pacific Daily": 1}
    assert {f["value"] for f in d["facets"]["actor"]} >= {"NOR", "CHL"}
    narrowed = client.get("/search.json", params={"q": "Chile", "publication": "Pacific Daily"})
    assert [h["id"] for h in narrowed.json()["hits"]] == ["fx-talks"]
    dated = client.get("/search.json", params={"q": "Chile", "since": "2023-05", "until": "2023-05"})
    assert {h["id"] for h in dated.json()["hits"]} == {"fx-talks", "fx-visit"}
    by_actor = client.get("/search.json", params={"actor": "person:pablo-rojas"}).json()
    assert {h["id"] for h in by_actor["hits"]} == {"fx-pact", "fx-talks"}
    page2 = client.get("/search.json", params={"q": "Chile", "page": 2}).json()
    assert page2["hits"] == [] and page2["page"] == 2
    html = client.get("/search", params={"q": "fisheries"}).text
    assert "<mark>fisheries</mark>" in html or "<mark>Fisheries</mark>" in html


@pytest.mark.parametrize("params", [
    {"q": "Chile"}, {"q": "Chile", "publication": "Pacific Daily"}, {"actor": "NOR"},
    {"q": "Chile OR Oslo", "since": "2023-05", "actor": "CHL"}, {"q": "Chile", "page": "2"}])
def test_search_is_the_knowledge_base_search(client, kb_path, params):
    """The page shows :meth:`KnowledgeBase.search`'s result: same hits, total and facets."""
    from newsgraph import KnowledgeBase

    d = client.get("/search.json", params=params).json()
    with KnowledgeBase(kb_path, readonly=True) as kb:
        res = kb.search(params.get("q", ""), publication=params.get("publication"),
                        actor=params.get("actor"), since=params.get("since"), limit=20,
                        offset=20 * (int(params.get("page", 1)) - 1))
    assert d["total"] == res.total and d["pages"] == 1
    assert [h["id"] for h in d["hits"]] == [h.id for h in res.hits]
    assert {k: [(f["value"], f["count"]) for f in v] for k, v in d["facets"].items()} == {
        k: [tuple(x) for x in v] for k, v in res.facets.items()}
    assert d["order"] == res.order == ("relevance" if params.get("q") else "newest")
    assert not {"matches", "scanned", "facet_sample"} & set(d)  # no second search path


def test_past_the_rank_limit_the_page_lists_newest_first_and_says_so(client, monkeypatch):
    from newsgraph.web import pages

    ranked = client.get("/search.json", params={"q": "Chile"}).json()
    monkeypatch.setattr(pages, "RANK_LIMIT", 1)
    d = client.get("/search.json", params={"q": "Chile"}).json()
    assert d["order"] == "newest" and d["total"] == ranked["total"] > 1
    dates = [h["published"] for h in d["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert "ranked by relevance up to 1 matches" in client.get("/search", params={"q": "Chile"}).text


def test_one_per_story_toggle(tmp_path):
    import sqlite3

    path = build_kb(tmp_path / "kb.db")
    with sqlite3.connect(path) as conn:  # fx-talks reprints the story of fx-pact
        conn.execute("UPDATE articles SET cluster_id = 'fx-pact' "
                     "WHERE id IN ('fx-pact', 'fx-talks')")
    conn.close()
    c = TestClient(create_app(path))
    d = c.get("/search.json", params={"q": "Chile"}).json()
    assert d["total"] == 3 and not d["dedupe"]
    d = c.get("/search.json", params={"q": "Chile", "dedupe": "1"}).json()
    assert d["dedupe"] and d["total"] == 2
    assert {h["id"] for h in d["hits"]} == {"fx-pact", "fx-visit"}
    assert sum(f["count"] for f in d["facets"]["month"]) == 2
    assert {f["value"]: f["count"] for f in d["facets"]["actor"]}["person:pablo-rojas"] == 1
    html = c.get("/search", params={"q": "Chile", "dedupe": "1"}).text
    boxes = [a for t, a in scan(html).tags if t == "input" and a.get("name") == "dedupe"]
    assert len(boxes) == 1 and "checked" in boxes[0]
    assert "one per story" in html and "actor=NOR&amp;dedupe=1" in html  # facets keep it
    unchecked = c.get("/search", params={"q": "Chile"}).text
    assert "checked" not in [a for t, a in scan(unchecked).tags
                             if t == "input" and a.get("name") == "dedupe"][0]


def test_search_without_query_is_a_form(client):
    r = client.get("/search")
    assert r.status_code == 200 and "Type words to search" in r.text


@pytest.mark.parametrize("q,fts,code,reason", [
    ("-Chile", None, "E501", "only excludes terms"), ("*** ???", None, "E501", "has no words"),
    ('"unterminated', "1", "E502", "cannot search"), ("AND", "1", "E502", "cannot search"),
    ("foo:bar", "1", "E502", "cannot search"), ("(Chile", "1", "E502", "cannot search")])
def test_malformed_search_is_a_400_with_the_reason(client, q, fts, code, reason):
    """The codes and reasons of ``newsgraph search``: it is the same search."""
    params = {"q": q, "fts": fts} if fts else {"q": q}
    r = client.get("/search", params=params)
    assert r.status_code == 400
    assert code in r.text and reason in r.text
    j = client.get("/search.json", params=params)
    assert j.status_code == 400 and j.json()["error"]["code"] == code


def test_simple_syntax_needs_no_escaping(client):
    for q in ['"unterminated Chile', "Chile:Norway", "(Chile", "Chile AND"]:
        assert client.get("/search.json", params={"q": q}).status_code == 200, q


@pytest.mark.parametrize("url,code", [
    ("/search?q=x&since=yesterday", "E505"), ("/search?q=x&page=zero", "E506"),
    ("/network?type=NOPE", "E531"), ("/network?until=2023-13-45x", "E505")])
def test_bad_parameters_are_400(client, url, code):
    r = client.get(url)
    assert r.status_code == 400 and code in r.text


@pytest.mark.parametrize("url", ["/articles/nope", "/articles/nope.json", "/actors/nobody",
                                 "/actors/nobody.json", "/dyads/NOR/nobody",
                                 "/dyads/nobody/NOR.json", "/no/such/page"])
def test_unknown_ids_are_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    if url.endswith(".json"):
        assert r.json()["error"]["status"] == 404


def test_article_page_highlights_actors_quotes_and_events(client):
    d = client.get("/articles/fx-pact.json").json()
    text = d["text"]
    for a in d["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for q in d["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    for e in d["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"]
    html = client.get("/articles/fx-pact").text
    s = scan(html)
    mention_links = {a["href"] for t, a in s.tags if t == "a" and "mention" in a.get("class", "")}
    assert {"/actors/NOR", "/actors/CHL", "/actors/person%3Aingrid-dahl"} <= mention_links
    quotes = [a for t, a in s.tags if "hl quote" in a.get("class", "")]
    assert any("Ingrid Dahl" in a.get("title", "") for a in quotes)  # speaker shown
    assert any(a.get("id") == "q1" for _, a in s.tags)
    triggers = [a for t, a in s.tags if "hl trigger" in a.get("class", "")]
    assert any(a.get("title") == "COOPERATE Norway → Chile (intended)" for a in triggers)
    assert "Example Photo Agency" in html  # caption credit
    assert "The Northern Ledger" in html and "2023-03-06" in html


def test_actor_page(client):
    d = client.get("/actors/person%3Aingrid-dahl.json").json()
    actor = d["actor"]
    assert actor["name"] == "Ingrid Dahl" and actor["country"] == "NOR" and actor["kind"] == "person"
    assert [r["role"] for r in d["roles"]] == ["Foreign Minister"]
    assert len(d["quotes_by"]["items"]) == d["quotes_by"]["total"] == 2
    assert [e["type"] for e in d["events_as_source"]["items"]] == ["CONSULT"]
    nor = client.get("/actors/NOR.json").json()
    assert {q["text"] for q in nor["quotes_about"]["items"]} == {
        "This pact protects both our fleets.",
        "Oslo would send inspectors to Valparaiso next year"}
    assert {e["type"] for e in nor["events_as_target"]["items"]} == {"SUPPORT", "ACCUSE", "REQUEST"}
    # a state's events include those of the people who act for it (Ingrid Dahl's visit)
    assert "CONSULT" in {e["type"] for e in nor["events_as_source"]["items"]}
    assert "people and organisations that act for it" in nor["rule"]
    quads = {(t["period"], t["quad"]) for t in nor["timeline"]}
    assert ("2024-01"[:4], None) not in quads
    assert ("2023-05", "verbal conflict") in quads
    html = client.get("/actors/NOR").text
    assert 'aria-label="events of Norway by quad class, by month"' in html
    assert "/dyads/NOR/CHL" in html


def test_dyad_page_bars_link_to_their_sentences(client):
    d = client.get("/dyads/NOR/CHL.json").json()
    # each event once; a state's people count for it (Dahl for Norway, Rojas for Chile)
    assert sorted((e["type"], e["direction"]) for e in d["events"]["items"]) == sorted([
        ("SUPPORT", "a->b"), ("SUPPORT", "b->a"), ("COOPERATE", "a->b"), ("ACCUSE", "b->a"),
        ("REQUEST", "b->a"), ("CONSULT", "a->b")])
    assert all(e["sentence"] for e in d["events"]["items"])
    counts = {}
    for m in d["periods"]:
        counts[(m["period"], m["type"])] = counts.get((m["period"], m["type"]), 0) + m["n"]
    assert counts == {("2023-03", "SUPPORT"): 2, ("2023-03", "COOPERATE"): 1,
                      ("2023-05", "ACCUSE"): 1, ("2023-05", "REQUEST"): 1,
                      ("2023-05", "CONSULT"): 1}
    assert d["total"] == 6
    html = client.get("/dyads/NOR/CHL").text
    s = scan(html)
    svg_links = [a["href"] for t, a in s.tags if t == "a" and "since=" in a.get("href", "")]
    assert "/dyads/NOR/CHL?since=2023-05&until=2023-05&type=ACCUSE#sentences" in svg_links
    sel = {"since": "2023-05", "until": "2023-05", "type": "ACCUSE"}
    bar = client.get("/dyads/NOR/CHL.json", params=sel).json()
    assert [(e["type"], e["month"]) for e in bar["events"]["items"]] == [("ACCUSE", "2023-05")]
    assert "summoned" in bar["events"]["items"][0]["sentence"]
    page = client.get("/dyads/NOR/CHL", params=sel).text
    assert "Chile summoned Norway" in page and 'id="sentences"' in page
    assert client.get("/dyads/NOR/CHL", params={"since": "May"}).status_code == 400


def test_network_filters(client):
    d = client.get("/network.json").json()
    pairs = {(e["source"], e["target"]): e["weight"] for e in d["pairs"]}
    assert pairs[("CHL", "NOR")] == 2  # SUPPORT (pact) and ACCUSE (summons)
    only = client.get("/network.json", params=[("type", "ACCUSE")]).json()
    assert {e["types"][0] for e in only["pairs"]} == {"ACCUSE"}
    dated = client.get("/network.json", params={"since": "2023-05-01", "until": "2023-05-15"}).json()
    assert {(e["source"], e["target"]) for e in dated["pairs"]} == {
        ("CHL", "NOR"), ("person:pablo-rojas", "NOR")}
    html = client.get("/network", params=[("type", "ACCUSE")]).text
    assert 'value="ACCUSE" checked' in html and "<svg" in html


def test_hostile_article_renders_inert(client):
    html = client.get("/articles/fx-hostile").text
    s = scan(html)
    assert not [t for t, _ in s.tags if t in ("script", "img", "iframe", "b", "i", "svg")]
    assert not [a for _, a in s.tags if any(k.startswith("on") for k in a)]
    hrefs = [a.get("href", "") for _, a in s.tags]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")]
    text = "".join(s.text)
    assert "<script>alert('quote')</script> & friends" in text  # shown, as text
    assert HOSTILE_URL in text
    for page in ("/", "/search?q=hostile", "/search?actor=NOR", "/actors/person%3Aspokesman",
                 "/dyads/NOR/person%3Aspokesman", "/network"):
        s = scan(client.get(page).text)
        assert not [t for t, _ in s.tags if t in ("script", "img", "iframe", "b", "i")], page
        assert not [a for _, a in s.tags if any(k.startswith("on") for k in a)], page


def test_query_strings_are_escaped(client):
    r = client.get("/search", params={"q": '"<script>alert(1)</script>"'})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text
    r = client.get("/search", params={"q": "<img src=x onerror=alert(1)>"})
    assert r.status_code == 200 and "<img" not in r.text
    r = client.get("/search", params={"q": "<img src=x onerror=alert(1)>", "fts": "1"})
    assert r.status_code == 400 and "<img" not in r.text and "&lt;img" in r.text


def test_nothing_writes(client, kb_path):
    before = hashlib.sha256(kb_path.read_bytes()).hexdigest()
    for page, twin in PAGES:
        client.get(page), client.get(twin)
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/articles/fx-pact")
        assert r.status_code == 405
    assert hashlib.sha256(kb_path.read_bytes()).hexdigest() == before


def test_connection_is_read_only(kb_path):
    import sqlite3

    from newsgraph.web.app import _ReadOnlyKB

    kb = _ReadOnlyKB(str(kb_path)).get()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        kb.conn.execute("DELETE FROM articles")


def test_missing_knowledge_base_is_refused(tmp_path):
    with pytest.raises(StoreError, match="E404"):
        create_app(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("page", ["/", "/search?q=anything", "/network", "/search?actor=NOR"])
def test_empty_knowledge_base_pages(empty_client, page):
    r = empty_client.get(page)
    assert r.status_code == 200
    assert re.search(r'class="empty"', r.text)


def test_static_css_is_served(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]


def test_unmigrated_knowledge_base_is_refused_at_start(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE articles (id TEXT)").connection.close()
    with pytest.raises(StoreError, match="E405"):
        create_app(path)
