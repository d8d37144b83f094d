"""Clusters in the knowledge base: stories counted once in articles, quotes and events."""

from __future__ import annotations

import pytest

from newsgraph.models import Analysis, Cue, Event, Quote, Speaker, Span, Trigger
from newsgraph.scale.batch import write_shard
from newsgraph.ingest import load
from newsgraph import KnowledgeBase
from newsgraph.query.clusters import event_ids_once, quote_ids_once, story_filter

from dedupe_fixtures import corpus


def _event(article, word, type_="CONSULT", source=("FRE",), target=("SYL",), date="2024-03-05"):
    i = article.text.index(word)
    return Event(type_, source, target, "asserted", Trigger(word, i, i + len(word)),
                 Span(i, i + len(word)), "test.rules.v1:x", 0.9, date=date)


def _quote(article, text):
    i = article.text.index(text)
    return Quote(i, i + len(text), text, "direct", Speaker("person:ana-petrova", "Ana Petrova",
                                                            i, i + 1), Cue("said", i, i + 1))


@pytest.fixture()
def kb(tmp_path):
    arts = corpus()
    analyses = []
    for aid, art in arts.items():
        events, quotes = (), ()
        if aid.startswith("h"):
            events = (_event(art, "signed"),)
            quotes = (_quote(art, "This is a good day for the fishermen of both nations"),)
            if aid == "h1":
                events += (_event(art, "welcomed", type_="SUPPORT"),)
        if aid == "c1":
            events = (_event(art, "collided"),)
        analyses.append(Analysis(art, events=events, quotes=quotes))
    write_shard(str(tmp_path / "out"), "s1", analyses)
    k = KnowledgeBase(str(tmp_path / "kb.db"))
    load(k, str(tmp_path / "out"))
    yield k
    k.close()


def test_clusters_and_members(kb):
    rows = [(r.cluster_id, r.n_articles) for r in kb.clusters()]
    assert rows == [("h1", 3), ("b1", 2)]
    members = kb.cluster_members("h3")
    assert [m.id for m in members] == ["h1", "h3", "h2"]
    assert members[0].representative is True and members[0].to_dict()["representative"]
    assert [m.id for m in kb.cluster_members("c1")] == ["c1"]
    assert kb.cluster_members("nope") == ()


def test_story_filter_keeps_one_article_per_story(kb):
    ids = [r[0] for r in kb.conn.execute(
        f"SELECT id FROM articles WHERE {story_filter('articles')} ORDER BY id")]
    assert ids == ["b1", "c1", "h1"]


def test_an_event_reported_by_copies_counts_once_with_its_evidence(kb):
    assert kb.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 5
    once = kb.conn.execute(f"SELECT id, article_id, type FROM events WHERE id IN "
                           f"({event_ids_once()}) ORDER BY id").fetchall()
    assert [(r["article_id"], r["type"]) for r in once] == [
        ("h1", "CONSULT"), ("h1", "SUPPORT"), ("c1", "CONSULT")]
    evidence = kb.event_evidence(once[0]["id"])
    assert [r.article_id for r in evidence] == ["h1", "h3", "h2"]  # by date
    assert [r.article_id for r in kb.event_evidence(once[2]["id"])] == ["c1"]


def test_a_quote_printed_by_copies_counts_once(kb):
    assert kb.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 3
    assert kb.conn.execute(f"SELECT COUNT(*) FROM quotes WHERE id IN ({quote_ids_once()})"
                           ).fetchone()[0] == 1


def test_reclustering_is_idempotent_and_follows_the_threshold(kb):
    again = kb.update_clusters()
    assert (again.n_signed, again.n_clusters, again.n_clustered) == (0, 2, 5)
    strict = kb.update_clusters(threshold=0.95)  # the update (b2) is no longer a copy
    assert strict.n_signed == 0 and strict.n_clusters == 1
    assert kb.conn.execute("SELECT cluster_id FROM articles WHERE id = 'b2'").fetchone()[0] is None


def test_search_dedupe_shows_a_story_once(kb):
    assert kb.search("Amber").total == 4
    res = kb.search("Amber", dedupe=True)
    assert res.total == 2 and sorted(h.id for h in res.hits) == ["c1", "h1"]
    assert sum(n for _, n in res.facets["month"]) == sum(
        n for _, n in res.facets["publication"]) == 2  # facets count stories too
    assert kb.search("Amber", dedupe=True, facets=False).total == 2
    assert kb.search("", publication="Daily Test", dedupe=True).total == 3  # no query


def test_events_quotes_and_dyad_count_a_story_once(kb):
    from newsgraph.query import Filter
    assert len(kb.events()) == 5
    assert len(kb.events(filter=Filter(dedupe=True))) == 3
    assert len(kb.quotes()) == 3 and len(kb.quotes(dedupe=True)) == 1
    # by default every report counts (as in SQL and the Parquet export); --dedupe: a story once
    assert kb.dyad("FRE", "SYL").total == 5
    assert kb.dyad("FRE", "SYL", dedupe=True).total == 3  # h1's two events and c1's


def test_cli_dedupe_options(kb):
    import json
    from typer.testing import CliRunner
    from newsgraph.cli import app
    run = lambda *a: CliRunner().invoke(app, [*a, "--db", kb.path])
    res = run("dyad", "FRE", "SYL", "--format", "json", "--dedupe")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["total"] == 3
    assert json.loads(run("dyad", "FRE", "SYL", "--format", "json").stdout)["total"] == 5
    assert len(run("events", "--dedupe", "--format", "jsonl").stdout.splitlines()) == 3
    assert json.loads(run("quotes", "--dedupe", "--format", "json").stdout)["total"] == 1
