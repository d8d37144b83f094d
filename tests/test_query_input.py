"""No silent wrong answers: impossible dates, unknown actors, countries and types are
refused with a code (and the nearest known values); an actor is found by id, name or
ISO code alike; an ambiguous name lists its candidates."""

from __future__ import annotations

import pytest

from newsgraph import Filter, KnowledgeBase
from newsgraph.errors import QueryError

from webkb import _Builder, build_kb, story_analyses


def _two_blairs():
    """Two people who share a surname, in articles of their own (sentences written here)."""
    out = []
    b = _Builder("bl-pm", "Prime minister defends policy",
                 ["Tony Blair said the decision had been right. Mr Blair spoke in London."],
                 published="2004-03-02", publication="The Northern Ledger")
    b.actor("person:tony-blair", "Tony Blair", "person", "Tony Blair", "Mr Blair",
            country="GBR")
    b.actor("GBR", "United Kingdom", "country", "London", country="GBR")
    b.quote("the decision had been right", "person:tony-blair", "Tony Blair", "said",
            kind="indirect")
    out.append(b.build())
    b = _Builder("bl-police", "Police chief on patrols",
                 ["Sir Ian Blair said more officers would patrol the streets."],
                 published="2004-03-05", publication="Pacific Daily")
    b.actor("person:ian-blair", "Ian Blair", "person", "Sir Ian Blair", country="GBR")
    b.quote("more officers would patrol the streets", "person:ian-blair", "Sir Ian Blair",
            "said", kind="indirect")
    out.append(b.build())
    return out


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = build_kb(tmp_path_factory.mktemp("q") / "kb.db", story_analyses() + _two_blairs())
    with KnowledgeBase(str(path)) as k:
        yield k


@pytest.mark.parametrize("since", ["2005-13", "2005-02-30", "2005-13-45", "2023-00",
                                   "2023-04-31", "2023-1", "last week"])
def test_impossible_dates_are_refused(kb, since):
    with pytest.raises(QueryError) as err:
        kb.events(since=since)
    assert err.value.code == "E505" and since in err.value.message
    with pytest.raises(QueryError) as err:
        kb.search("Chile", until=since)
    assert err.value.code == "E505"


def test_real_dates_pass():
    assert Filter(since="2024-02-29", until="2023-12").since == "2024-02-29"


def test_an_unknown_type_suggests_the_nearest():
    with pytest.raises(QueryError) as err:
        Filter(type="ACUSE")
    assert err.value.code == "E531" and "did you mean ACCUSE?" in err.value.message


@pytest.mark.parametrize("country", ["GB", "GBR", "gb", "United Kingdom", "UK"])
def test_a_country_is_a_code_of_either_length_or_a_name(kb, country):
    assert Filter(country=country).country == "GB"
    assert kb.search("Chile", country=country).total == kb.search("Chile", country="GB").total


def test_an_unknown_country_says_so_with_the_nearest():
    with pytest.raises(QueryError) as err:
        Filter(country="Chilee")
    assert err.value.code == "E523" and "Chile" in err.value.message


@pytest.mark.parametrize("spec", ["NOR", "NO", "Norway", "norway"])
def test_an_actor_is_an_id_an_iso_code_or_a_name_alike(kb, spec):
    want = [e.id for e in kb.events(source="NOR")]
    assert want and [e.id for e in kb.events(source=spec)] == want
    assert kb.search("", actor=spec).total == kb.search("", actor="NOR").total


@pytest.mark.parametrize("call", [
    lambda kb: kb.events(source="Narnia"), lambda kb: kb.quotes(by="Narnia"),
    lambda kb: kb.quotes(about="Narnia"), lambda kb: kb.dyad("NOR", "Narnia"),
    lambda kb: kb.search("Chile", actor="Narnia"), lambda kb: kb.event_graph(actor="Narnia")])
def test_an_unknown_actor_says_so_in_every_query(kb, call):
    with pytest.raises(QueryError) as err:
        call(kb)
    assert err.value.code == "E520" and "'Narnia'" in err.value.message


def test_an_unknown_actor_suggests_the_nearest_names(kb):
    with pytest.raises(QueryError) as err:
        kb.events(source="Pablo Rojaz")
    assert "nearest: Pablo Rojas" in err.value.message


def test_a_full_name_finds_one_person_and_a_shared_surname_lists_both(kb):
    tony = kb.quotes(by="Tony Blair")
    assert [q.text for q in tony] == ["the decision had been right"]
    assert [q.text for q in kb.quotes(by="person:ian-blair")] == [
        "more officers would patrol the streets"]
    with pytest.raises(QueryError) as err:
        kb.quotes(by="Blair")
    msg = err.value.message
    assert err.value.code == "E522" and "Tony Blair (person:tony-blair)" in msg \
        and "Ian Blair (person:ian-blair)" in msg


def test_a_surname_and_the_full_name_of_one_person_are_one_actor(kb):
    # "Rojas" (a surname) and "Pablo Rojas" are one person: no ambiguity
    assert kb.events(source="Rojas").total == kb.events(source="Pablo Rojas").total > 0


def test_the_explorer_answers_400_with_the_code(kb):
    from starlette.testclient import TestClient

    from newsgraph.web import create_app

    c = TestClient(create_app(kb.path))
    for url, code in (("/search.json?q=Chile&since=2005-02-30", "E505"),
                      ("/search.json?q=Chile&until=2005-13", "E505"),
                      ("/search.json?q=Chile&actor=Narnia", "E520"),
                      ("/search.json?q=Chile&country=Narnia", "E523"),
                      ("/network.json?since=2023-02-29", "E505")):
        r = c.get(url)
        assert r.status_code == 400 and r.json()["error"]["code"] == code, url
    page = c.get("/search?q=Chile&since=2005-02-30")
    assert page.status_code == 400 and "E505" in page.text
    assert c.get("/search.json?q=Chile&country=GBR").json()["total"] == \
        c.get("/search.json?q=Chile&country=GB").json()["total"] > 0


def test_the_cli_says_the_code_and_exits_2(kb):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    for args, code in ((["events", "--since", "2005-13"], "E505"),
                       (["search", "Chile", "--since", "2005-13-45"], "E505"),
                       (["events", "--source", "Narnia"], "E520"),
                       (["quotes", "--by", "Blinken", "--about", "CHN"], "E520"),
                       (["dyad", "USA", "Narnia"], "E520"),
                       (["quotes", "--by", "Blair"], "E522"),
                       (["search", "Chile", "--country", "Narnia"], "E523"),
                       (["events", "--type", "ACUSE"], "E531")):
        r = CliRunner().invoke(app, [*args, "--db", kb.path])
        assert r.exit_code == 2 and f"[{code}]" in r.stderr, (args, r.output)
    r = CliRunner().invoke(app, ["search", "Chile", "--country", "GBR", "--db", kb.path,
                                 "--format", "json"])
    assert r.exit_code == 0 and '"country": "GB"' in r.stdout
    r = CliRunner().invoke(app, ["search", "", "--actor", "Pablo Rojas", "--db", kb.path,
                                 "--format", "json"])
    assert r.exit_code == 0 and '"total": 0' not in r.stdout
