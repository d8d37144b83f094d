"""One question, one answer: the CLI, the explorer's JSON twins and the Python API ask
the same typed queries and must give equal answers (events of a state, a dyad by month,
an actor's events and quotes, search hit counts), on a knowledge base that needs the
whole actor rule (people acting for a state, a group of states, a link to a
knowledge-base actor, an event dated by its week)."""

from __future__ import annotations

import json
import warnings

import pytest
from typer.testing import CliRunner

from newsgraph import Filter, KnowledgeBase
from newsgraph.cli import app
from webkb import build_kb, link_berg, rule_analyses

pytest.importorskip("starlette")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from newsgraph.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = build_kb(tmp_path_factory.mktemp("one") / "kb.db", rule_analyses())
    with KnowledgeBase(path) as kb:
        link_berg(kb)
    return str(path)


@pytest.fixture(scope="module")
def web(db):
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def kb(db):
    with KnowledgeBase(db, readonly=True) as k:
        yield k


def cli(*args: str) -> str:
    r = CliRunner().invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("state", ["NOR", "CHL", "PER"])
def test_events_of_a_state(db, web, kb, state):
    api = kb.events(source=state)
    lines = [json.loads(x) for x in cli("events", "--source", state, "--format", "jsonl",
                                         "--limit", "0", "--db", db).splitlines()]
    page = web.get(f"/actors/{state}.json").json()["events_as_source"]
    assert [e["id"] for e in lines] == [e.id for e in api] == [e["id"] for e in page["items"]]
    assert page["total"] == api.total == len(lines)
    assert json.loads(json.dumps(api.items[0].to_dict())) == lines[0] == page["items"][0]


def test_the_state_includes_its_people_its_groups_and_linked_people(kb):
    nor = {e.article_id + ":" + e.type for e in kb.events(source="NOR")}
    assert "fx-visit:CONSULT" in nor  # Ingrid Dahl, a Norwegian minister
    assert "fx-group:ACCUSE" in nor  # the ministers of Norway and Chile
    assert "fx-group:THREATEN" in nor  # Ola Berg, linked to an actor of Norway
    assert "fx-group:ACCUSE" in {e.article_id + ":" + e.type for e in kb.events(source="CHL")}


@pytest.mark.parametrize("a,b", [("NOR", "CHL"), ("CHL", "PER"), ("person:pablo-rojas", "NOR")])
def test_a_dyad_by_month(db, web, kb, a, b):
    api = kb.dyad(a, b, by="month")
    out = json.loads(cli("dyad", a, b, "--by", "month", "--format", "json", "--db", db))
    page = web.get(f"/dyads/{a}/{b}.json").json()
    assert out["periods"] == page["periods"] == [c.to_dict() for c in api.counts]
    assert out["total"] == page["total"] == api.total


def test_a_week_dated_event_falls_in_the_same_month_everywhere(db, web, kb):
    protest = next(e for e in kb.events(source="CHL") if e.article_id == "fx-week")
    assert (protest.date, protest.day, protest.month) == ("2023-W26", "2023-07-03", "2023-07")
    out = json.loads(cli("dyad", "CHL", "NOR", "--format", "json", "--db", db))
    page = web.get("/dyads/CHL/NOR.json").json()
    for periods in (out["periods"], page["periods"]):
        assert {"period": "2023-07", "direction": "a->b", "type": "ACCUSE",
                "quad": "verbal conflict", "n": 1} in periods


@pytest.mark.parametrize("actor", ["NOR", "person:ingrid-dahl", "person:ola-berg-kb", "PER"])
def test_an_actor_s_events_and_quotes(db, web, kb, actor):
    api = kb.actor_profile(actor, limit=25).to_dict()
    out = json.loads(cli("actor", actor, "--limit", "25", "--json", "--db", db))
    page = web.get(f"/actors/{actor}.json").json()
    for key in ("events_as_source", "events_as_target", "quotes_by", "quotes_about"):
        assert out[key]["total"] == page[key]["total"] == api[key]["total"], key
        ids = [x["id"] for x in api[key]["items"]]
        assert [x["id"] for x in out[key]["items"]] == ids == [x["id"] for x in page[key]["items"]]
    assert out["timeline"] == page["timeline"] == api["timeline"]
    assert out["rule"] == page["rule"] == api["rule"]


def test_quotes_of_a_state(db, kb):
    api = kb.quotes(by="NOR")
    out = json.loads(cli("quotes", "--by", "NOR", "--format", "json", "--limit", "0",
                         "--db", db))
    assert [q["id"] for q in out["items"]] == [q.id for q in api] and out["total"] == api.total
    assert "the quota talks could end" in {q.text for q in api}  # Ola Berg, linked to Norway


@pytest.mark.parametrize("params", [
    {"q": "Chile"}, {"q": "Norway", "actor": "NOR"}, {"q": "", "actor": "PER"},
    {"q": "Chile OR Peru", "since": "2023-05", "until": "2023-06"},
    {"q": "talks", "publication": "Pacific Daily"}])
def test_search_hit_counts(db, web, kb, params):
    f = Filter(**{k: v for k, v in params.items() if k != "q"})
    api = kb.search(params["q"], f, limit=20)
    args = ["search", params["q"], "--format", "json", "--db", db, "-n", "20"]
    for k, v in params.items():
        if k != "q":
            args += [f"--{k}", v]
    out = json.loads(cli(*args))
    page = web.get("/search.json", params=params).json()
    assert out["total"] == page["total"] == api.total
    assert [h["id"] for h in out["hits"]] == [h["id"] for h in page["hits"]] == [
        h.id for h in api.hits]
