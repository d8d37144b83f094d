"""The explorer's running counts (migration 050) always equal a recount of the events."""

from __future__ import annotations

import dataclasses

from newsgraph.store import KnowledgeBase

from webkb import build_kb, story_analyses

MONTH = ("CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 7) "
         "ELSE substr(e.published, 1, 7) END")


def _recount(conn):
    actors = conn.execute(
        f"SELECT ea.actor_id, {MONTH} AS m, e.type, count(*) FROM event_actors ea "
        "JOIN events e ON e.id = ea.event_id WHERE m IS NOT NULL GROUP BY 1, 2, 3").fetchall()
    dyads = conn.execute(
        f"SELECT s.actor_id, t.actor_id, {MONTH} AS m, e.type, count(*) FROM event_actors s "
        "JOIN event_actors t ON t.event_id = s.event_id AND t.role = 'target' "
        "JOIN events e ON e.id = s.event_id WHERE s.role = 'source' "
        "AND s.actor_id != t.actor_id AND m IS NOT NULL GROUP BY 1, 2, 3, 4").fetchall()
    return sorted(map(tuple, actors)), sorted(map(tuple, dyads))


def _stored(conn):
    return (sorted(map(tuple, conn.execute("SELECT actor_id, month, type, n FROM explore_actor_months"))),
            sorted(map(tuple, conn.execute("SELECT source, target, month, type, n FROM explore_dyad_months"))))


def test_counts_follow_ingest_delete_and_reanalysis(tmp_path):
    items = story_analyses()
    path = build_kb(tmp_path / "kb.db", items)
    with KnowledgeBase(str(path)) as kb:
        stored = _stored(kb.conn)
        assert stored == _recount(kb.conn)
        assert ("NOR", "CHL", "2023-03", "SUPPORT", 1) in stored[1]
        assert ("NOR", "2024-01"[:4], "COOPERATE", 1) not in stored[0]  # "2024" is a year: article month
        assert ("NOR", "2023-03", "COOPERATE", 1) in stored[0]
        kb.delete("fx-pact")
        assert _stored(kb.conn) == _recount(kb.conn)
        # a new analysis of a stored article replaces its events
        talks = next(a for a in items if a.id == "fx-talks")
        kb.store_analysis(dataclasses.replace(talks, events=talks.events[:1]))
        assert _stored(kb.conn) == _recount(kb.conn)
        assert not [r for r in _stored(kb.conn)[0] if r[-1] <= 0]


def test_actor_page_plans_agree(tmp_path):
    """The newest-first walk (heavy actors) and the per-actor rows give the same page."""
    path = build_kb(tmp_path / "kb.db", story_analyses())
    with KnowledgeBase(str(path), readonly=True) as kb:
        for actor in ("NOR", "CHL", "PER", "person:ingrid-dahl", "person:pablo-rojas"):
            walk = kb.explore_actor(actor, walk=True)
            rows = kb.explore_actor(actor, walk=False)
            for key in ("quotes_by", "quotes_about", "events_as_source", "events_as_target"):
                assert sorted(x["id"] for x in walk[key]) == sorted(x["id"] for x in rows[key]), key
            assert walk["timeline"] == rows["timeline"]


def test_dyad_is_the_same_from_either_side(tmp_path):
    path = build_kb(tmp_path / "kb.db", story_analyses())
    with KnowledgeBase(str(path), readonly=True) as kb:
        ab, ba = kb.explore_dyad("NOR", "CHL"), kb.explore_dyad("CHL", "NOR")
        assert sorted(e["id"] for e in ab["events"]) == sorted(e["id"] for e in ba["events"])
        assert ab["by_month"] == ba["by_month"] and ab["total"] == ba["total"] == 8
        flip = {"a->b": "b->a", "b->a": "a->b"}
        assert {e["id"]: e["direction"] for e in ab["events"]} == {
            e["id"]: flip[e["direction"]] for e in ba["events"]}


def test_dyad_plans_agree(tmp_path):
    path = build_kb(tmp_path / "kb.db", story_analyses())
    with KnowledgeBase(str(path), readonly=True) as kb:
        for kind in (None, "SUPPORT"):
            walk = kb.explore_dyad("NOR", "CHL", type=kind, walk=True)
            rows = kb.explore_dyad("NOR", "CHL", type=kind, walk=False)
            assert sorted((e["id"], e["direction"]) for e in walk["events"]) == sorted(
                (e["id"], e["direction"]) for e in rows["events"])
            assert walk["events"]
