"""Event queries, dyads, graph and Parquet exports, and the events CLI, on a hand-filled KB."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import QueryError
from newsgraph import KnowledgeBase
from newsgraph.query import Filter, period_of

TEXT = "Atlantis condemned Lemuria. Atlantis and Lemuria held talks. Mu would sign a pact."


def _fill(path):
    kb = KnowledgeBase(str(path))
    c = kb.conn
    c.execute("INSERT INTO articles (id, sha256, text, published, headline, ingested_at) "
              "VALUES ('a1', 'h1', ?, '2022-01-08', 'Islands', '2022-01-08T00:00:00')", (TEXT,))
    c.execute("INSERT INTO articles (id, sha256, text, published, ingested_at) "
              "VALUES ('a2', 'h2', ?, '2022-02-20', '2022-02-20T00:00:00')", (TEXT,))
    actors = [("ATL", "Atlantis", "country", "ATL", "[]"), ("LEM", "Lemuria", "country", "LEM", "[]"),
              ("person:mu-chief", "Mu Chief", "person", "MUU", "[]"),
              ("group:isles", "the isles", "group", None, '["ATL", "LEM"]')]
    for art in ("a1", "a2"):
        for aid, name, kind, country, members in actors:
            c.execute("INSERT INTO article_actors (article_id, actor_id, name, kind, country, members) "
                      "VALUES (?, ?, ?, ?, ?, ?)", (art, aid, name, kind, country, members))
    events = [  # article, seq, type, quad, source, target, modality, date, trigger span
        ("a1", 0, "ACCUSE", "verbal conflict", ["ATL"], ["LEM"], "asserted", "2022-01-07", (9, 18)),
        ("a1", 1, "CONSULT", "verbal cooperation", ["ATL", "LEM"], [], "asserted", "2022-01-08", (45, 50)),
        ("a1", 2, "AGREE", "verbal cooperation", ["person:mu-chief"], ["LEM"], "intended", "2022-01", (62, 72)),
        ("a2", 0, "ACCUSE", "verbal conflict", ["LEM"], ["ATL"], "negated", "2022-02-19", (9, 18)),
        ("a2", 1, "ACCUSE", "verbal conflict", ["group:isles"], ["person:mu-chief"], "asserted", "2022-02-19", (9, 18)),
    ]
    for art, seq, typ, quad, src, tgt, mod, date, (ts, te) in events:
        cur = c.execute(
            "INSERT INTO events (article_id, seq, type, quad, source, target, modality, date, trigger,"
            " trigger_start, trigger_end, sentence_start, sentence_end, rule, confidence, published,"
            " context, cameo) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, '[]', '112')",
            (art, seq, typ, quad, json.dumps(src), json.dumps(tgt), mod, date, TEXT[ts:te], ts, te, 0, 27,
             "events.rules.v1:test", 0.9, "2022-01-08"))
        for role, ids in (("source", src), ("target", tgt)):
            for i in ids:
                c.execute("INSERT INTO event_actors (event_id, actor_id, role) VALUES (?, ?, ?)",
                          (cur.lastrowid, i, role))
    c.commit()
    return kb


@pytest.fixture()
def kb(tmp_path):
    k = _fill(tmp_path / "kb.db")
    yield k
    k.close()


def test_filters_by_actor_type_modality_and_date(kb):
    assert len(kb.events()) == kb.events().total == 5
    accuse = kb.events(filter=Filter(source="ATL", type="accuse"))
    # ATL acts itself once, and as a member of "the isles" once
    assert sorted(e.article_id for e in accuse) == ["a1", "a2"]
    assert [e.modality for e in kb.events(filter=Filter(modality="negated"))] == ["negated"]
    # a person matches through the state they act for
    assert [e.type for e in kb.events(filter=Filter(source="MUU"))] == ["AGREE"]
    assert [e.type for e in kb.events(filter=Filter(target="Mu Chief"))] == ["ACCUSE"]
    jan = kb.events(filter=Filter(since="2022-01", until="2022-01"))
    assert {e.article_id for e in jan} == {"a1"} and len(jan) == 3
    e = kb.events(filter=Filter(source="ATL", target="LEM", type="ACCUSE"))[0]
    assert e.sentence == TEXT[0:27] and e.trigger == "condemned"
    assert e.source_countries == ("ATL",) and e.target_countries == ("LEM",)
    assert e.to_dict()["source_countries"] == ["ATL"]
    # keywords make the same filter
    assert kb.events(source="ATL", type="accuse").to_dict() == accuse.to_dict()
    page = kb.events(limit=2, offset=1)
    assert (len(page), page.total, page.summary()) == (2, 5, "2-3 of 5 events")


def test_bad_filters_raise_coded_errors(kb):
    with pytest.raises(QueryError, match="E531"):
        kb.events(filter=Filter(type="PUNCH"))
    with pytest.raises(QueryError, match="E505"):
        kb.events(filter=Filter(since="last week"))


def test_dyad_counts_by_direction_period_type_and_quad(kb):
    d = kb.dyad("ATL", "LEM", by="month")
    # ATL->LEM accuse (Jan), LEM->ATL negated accuse (Feb), ATL & LEM talks together (Jan),
    # "the isles" (ATL and LEM) accuse Mu together (Feb); Mu's promise to LEM is not theirs
    assert d.total == 4
    assert d.by_type() == {("a->b", "ACCUSE"): 1, ("b->a", "ACCUSE"): 1, ("a&b", "CONSULT"): 1,
                           ("a&b", "ACCUSE"): 1}
    assert d.by_quad() == {("a->b", "verbal conflict"): 1, ("b->a", "verbal conflict"): 1,
                           ("a&b", "verbal cooperation"): 1, ("a&b", "verbal conflict"): 1}
    assert kb.dyad("ATL", "LEM", filter=Filter(modality="asserted")).total == 3
    periods = {(r.period, r.direction) for r in d.counts}
    assert ("2022-01", "a->b") in periods and ("2022-02", "b->a") in periods
    weeks = kb.dyad("ATL", "LEM", by="week").counts
    assert {r.period for r in weeks} >= {"2022-W01", "2022-W07"}
    assert {e.direction for e in d.events} == {"a->b", "b->a", "a&b"}


def test_periods_come_from_the_event_day():
    """An event's day is its date when that names a day, else its article's publication
    date; its week, month and year are those of that day."""
    assert period_of("2022-01-07", "week") == "2022-W01"
    assert period_of("2022-01-07", "month") == "2022-01"
    assert period_of("2022-01-07", "year") == "2022"
    assert period_of("2021-01-03", "week") == "2020-W53"  # ISO weeks
    assert period_of(None, "month") is None


def test_a_coarsely_dated_event_falls_on_its_article_s_day(kb):
    # a1's promise is dated "2022-01" (a month): it falls on its article's day
    e = next(e for e in kb.events() if e.type == "AGREE")
    assert (e.date, e.day, e.month) == ("2022-01", "2022-01-08", "2022-01")
    assert [e.type for e in kb.events(since="2022-01-08", until="2022-01-08", type="AGREE")] == [
        "AGREE"]


def test_graph_exports_parse_and_aggregate(kb, tmp_path):
    n, e = kb.export_graph(str(tmp_path / "g.graphml"), format="graphml")
    root = ET.parse(tmp_path / "g.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == n and len(root.findall(".//g:edge", ns)) == e
    g = kb.event_graph(countries=True)
    # the isles (ATL, LEM) accuse Mu Chief's state: two country edges
    assert g.edge("ATL", "MUU", "ACCUSE").weight == 1
    assert g.edge("LEM", "MUU", "ACCUSE").weight == 1
    assert g.edge("ATL", "LEM", "ACCUSE").first == "2022-01-07"
    n2, e2 = kb.export_graph(str(tmp_path / "g.gexf"), format="gexf", countries=True)
    groot = ET.parse(tmp_path / "g.gexf").getroot()
    assert len(groot.findall(".//{http://www.gexf.net/1.2draft}edge")) == e2 == len(g.edges)
    with pytest.raises(QueryError, match="E534"):
        kb.export_graph(str(tmp_path / "x"), format="dot")


def test_parquet_export_roundtrip(kb, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    n = kb.export_events_parquet(str(tmp_path / "ev.parquet"))
    t = pq.read_table(tmp_path / "ev.parquet")
    assert n == t.num_rows == 5
    assert set(t.column("modality").to_pylist()) == {"asserted", "intended", "negated"}
    assert ["ATL", "LEM"] in t.column("source_ids").to_pylist()


def test_cli_events_dyad_export(tmp_path):
    _fill(tmp_path / "kb.db").close()
    db = str(tmp_path / "kb.db")
    r = CliRunner().invoke(app, ["events", "--db", db, "--type", "ACCUSE", "--modality",
                                 "asserted", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 2 and all(x["modality"] == "asserted" for x in rows)
    r = CliRunner().invoke(app, ["events", "--db", db, "--source", "ATL", "--format", "plover"])
    rec = json.loads(r.stdout.splitlines()[0])
    assert rec["event"] in ("ACCUSE", "CONSULT") and "recipient" in rec and rec["modality"]
    r = CliRunner().invoke(app, ["events", "--db", db, "--format", "csv"])
    assert r.stdout.splitlines()[0].startswith("event_id,article_id,published,publication")
    assert len(r.stdout.splitlines()) == 6
    r = CliRunner().invoke(app, ["events", "--db", db, "--limit", "2", "--format", "jsonl"])
    assert len(r.stdout.splitlines()) == 2 and "first 2 of 5 events; 3 more" in r.stderr
    r = CliRunner().invoke(app, ["events", "--db", db])  # a table by default
    assert r.exit_code == 0 and "┃ day" in r.stdout and "5 events" not in r.stderr
    r = CliRunner().invoke(app, ["dyad", "ATL", "LEM", "--db", db, "--by", "week"])
    assert r.exit_code == 0 and "verbal conflict" in r.output and "2022-W01" in r.output
    r = CliRunner().invoke(app, ["export", "--db", db, "--graph", "gexf", "-o", str(tmp_path / "x.gexf")])
    assert r.exit_code == 0 and "edges" in r.output
    r = CliRunner().invoke(app, ["events", "--db", db, "--type", "PUNCH"])
    assert r.exit_code == 2 and "E531" in r.output
    r = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "E404" in r.output


@pytest.mark.model
def test_end_to_end_analyse_store_query(tmp_path):
    from newsgraph.pipeline import analyze

    text = ("France condemns Iran over missile tests\n\n"
            "France yesterday condemned Iran's latest missile tests and said it would impose "
            "new sanctions on Tehran if talks failed.\n")
    a = analyze(text, published="2023-03-02", format="text")
    assert any(e.type == "ACCUSE" for e in a.events), a.events
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        kb.store(a)
        rows = kb.events(filter=Filter(source="FRA", target="IRN"))
        assert {r.type for r in rows} >= {"ACCUSE"}
        assert all(r.modality in ("asserted", "intended", "hypothetical", "negated") for r in rows)
        d = kb.dyad("FRA", "IRN", by="week")
        assert d.total == len(kb.events(filter=Filter(source="FRA", target="IRN")))
