"""The actor rule's tables (migration 060) always equal a recount by the rule, whatever
writes the rows; and a dyad is the same question from either side."""

from __future__ import annotations

import dataclasses
import json

from newsgraph import KnowledgeBase

from webkb import build_kb, story_analyses


def _recount(conn):
    actors = conn.execute(
        "SELECT article_id, actor_id, party FROM actor_party_rule").fetchall()
    events = conn.execute(
        "SELECT ea.event_id, ea.role, ea.actor_id, r.party FROM event_actors ea "
        "JOIN events e ON e.id = ea.event_id JOIN actor_party_rule r "
        "ON r.article_id = e.article_id AND r.actor_id = ea.actor_id "
        "UNION SELECT event_id, role, actor_id, actor_id FROM event_actors").fetchall()
    quotes = conn.execute(
        "SELECT q.id, 'speaker', q.speaker_actor, r.party FROM quotes q JOIN actor_party_rule r "
        "ON r.article_id = q.article_id AND r.actor_id = q.speaker_actor "
        "UNION SELECT id, 'speaker', speaker_actor, speaker_actor FROM quotes "
        "WHERE speaker_actor IS NOT NULL "
        "UNION SELECT q.id, 'about', j.value, r.party FROM quotes q, json_each(q.about) j "
        "JOIN actor_party_rule r ON r.article_id = q.article_id AND r.actor_id = j.value "
        "UNION SELECT q.id, 'about', j.value, j.value FROM quotes q, json_each(q.about) j"
    ).fetchall()
    return sorted(set(map(tuple, actors))), sorted(set(map(tuple, events))), \
        sorted(set(map(tuple, quotes)) | _context(conn, actors))


def _context(conn, actors):
    """quote_parties' context rows (migration 065), recounted here in Python: each actor
    named in a quote's sentence, else paragraph, else headline, but for its speaker."""
    parties: dict = {}
    for aid, actor, party in actors:
        parties.setdefault((aid, actor), set()).add(party)
    out = set()
    for (qid, aid, start, end, s0, s1, speaker, sp0, sp1, paras, h0, h1) in conn.execute(
            'SELECT q.id, q.article_id, q.start, q."end", q.sentence_start, q.sentence_end, '
            "q.speaker_actor, q.speaker_start, q.speaker_end, a.paragraphs, a.headline_start, "
            "a.headline_end FROM quotes q JOIN articles a ON a.id = q.article_id"):
        spans = json.loads(paras or "[]")
        starts = [p[0] for p in spans if p[0] <= start]
        ends = [p[1] for p in spans if p[1] >= end]
        para = (max(starts), min(ends)) if starts and ends else None
        for actor, m0, m1 in conn.execute(
                'SELECT actor_id, start, "end" FROM mentions WHERE article_id = ?', (aid,)):
            if actor == speaker or (sp0 is not None and m0 < sp1 and m1 > sp0):
                continue
            role = ("sentence" if s0 is not None and s0 <= m0 and m1 <= s1 else
                    "paragraph" if para and para[0] <= m0 and m1 <= para[1] else
                    "headline" if h0 is not None and h0 <= m0 and m1 <= h1 else None)
            out |= {(qid, role, actor, p) for p in parties.get((aid, actor), ())} if role else set()
    return out


def _months(conn):
    return sorted(map(tuple, conn.execute("SELECT party, month, type, n FROM party_months"))), \
        sorted(map(tuple, conn.execute(
            "SELECT party, substr(day, 1, 7), type, count(DISTINCT event_id) FROM event_parties "
            "GROUP BY 1, 2, 3")))


def _stored(conn):
    return (sorted(map(tuple, conn.execute(
                "SELECT article_id, actor_id, party FROM actor_parties"))),
            sorted(map(tuple, conn.execute(
                "SELECT event_id, role, actor_id, party FROM event_parties"))),
            sorted(map(tuple, conn.execute(
                "SELECT quote_id, role, actor_id, party FROM quote_parties"))))


def test_parties_follow_ingest_delete_reanalysis_and_link(tmp_path):
    items = story_analyses()
    path = build_kb(tmp_path / "kb.db", items)
    with KnowledgeBase(str(path)) as kb:
        stored = _stored(kb.conn)
        assert stored == _recount(kb.conn)
        assert _months(kb.conn)[0] == _months(kb.conn)[1]
        # Ingrid Dahl (NOR) is a party of her events as herself and as Norway
        assert ("fx-visit", "person:ingrid-dahl", "NOR") in stored[0]
        kb.delete("fx-pact")
        assert _stored(kb.conn) == _recount(kb.conn)
        assert _months(kb.conn)[0] == _months(kb.conn)[1]
        # a new analysis of a stored article replaces its events
        talks = next(a for a in items if a.id == "fx-talks")
        kb.store_analysis(dataclasses.replace(talks, events=talks.events[:1]))
        assert _stored(kb.conn) == _recount(kb.conn)
        # link: a person linked to a knowledge-base actor follows its country
        with kb.transaction() as conn:
            conn.execute("INSERT INTO actors (id, name, kind, country) "
                         "VALUES ('person:rojas', 'Pablo Rojas', 'person', 'PER')")
            conn.execute("UPDATE article_actors SET kb_actor_id = 'person:rojas', country = NULL "
                         "WHERE actor_id = 'person:pablo-rojas'")
        assert _stored(kb.conn) == _recount(kb.conn)
        assert {p for _, r, a, p in _stored(kb.conn)[2] if a == "person:pablo-rojas"} == {
            "person:pablo-rojas", "person:rojas", "PER"}
        assert kb.quotes(by="PER").total == 1
        with kb.transaction() as conn:
            conn.execute("UPDATE actors SET country = 'CHL' WHERE id = 'person:rojas'")
        assert _stored(kb.conn) == _recount(kb.conn)
        assert _months(kb.conn)[0] == _months(kb.conn)[1]
        assert kb.quotes(by="PER").total == 0 and kb.quotes(by="CHL").total == 1
        # the running counts give the timeline a recount gives
        for actor in ("NOR", "CHL", "person:ingrid-dahl"):
            fast = kb.timeline(actor)
            slow = kb.timeline(actor, modality="asserted,intended,hypothetical,negated")
            assert fast == slow


def test_dyad_is_the_same_from_either_side(tmp_path):
    path = build_kb(tmp_path / "kb.db", story_analyses())
    with KnowledgeBase(str(path), readonly=True) as kb:
        ab, ba = kb.dyad("NOR", "CHL", limit=None), kb.dyad("CHL", "NOR", limit=None)
        assert sorted(e.id for e in ab.events) == sorted(e.id for e in ba.events)
        # 6 in the four short articles (people counted for their states), 4 in the stories
        assert ab.total == ba.total == len(ab.events) == 10
        other = {e.id: e.direction for e in ba.events}
        for e in ab.events:  # one way round is the other way round from the other side
            if e.direction == "b->a":
                assert other[e.id] == "a->b"
        assert sum(c.n for c in ab.counts) == ab.total
