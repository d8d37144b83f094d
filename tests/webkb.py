"""Synthetic analyses for the explorer's tests, and a knowledge base built from them.

The texts are written for these tests (no evaluation text).  Offsets are found
with ``str.index`` so every span satisfies ``text[start:end] == span text``.
Rows are written per ``store/migrations/001_initial.sql`` by :func:`write_rows`.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from newsgraph.models import (QUAD_CLASS, Actor, Analysis, Article, Caption, Cue, Event,
                              Mention, Quote, Source, Span, Speaker, Trigger)
from newsgraph.store import KnowledgeBase

HOSTILE_URL = "javascript:alert('url')"


def _find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


class _Builder:
    """Assembles one Analysis from a text and named spans."""

    def __init__(self, aid: str, headline: str, body: list[str], *, published: str,
                 publication: str, country: str = "GB", url: str | None = None,
                 captions: list[tuple[str, str | None]] = ()):
        parts = [headline, *body]
        self.text = "\n\n".join(parts + [c for c, _ in captions])
        paras, pos = [], len(headline) + 2
        for p in body:
            paras.append(Span(pos, pos + len(p)))
            pos += len(p) + 2
        caps = []
        for c, credit in captions:
            s = self.text.index(c)
            caps.append(Caption(c, credit, s, s + len(c)))
        self.article = Article(
            aid, Source(f"fixtures/{aid}.txt", "text", aid * 4), self.text, tuple(paras),
            tuple(caps), headline=headline, headline_span=Span(0, len(headline)),
            publication=publication, language="en", country=country, published=published,
            url=url, byline="Staff Reporter")
        self.actors: dict[str, dict] = {}
        self.quotes: list[Quote] = []
        self.events: list[Event] = []

    def actor(self, actor_id: str, name: str, kind: str, *surfaces: str, country=None,
              roles=()) -> None:
        mentions = []
        for s in surfaces:
            nth = 0
            while True:
                try:
                    a, b = _find(self.text, s, nth)
                except ValueError:
                    break
                nth += 1
                taken = [m for ms in self.actors.values() for m in ms["mentions"]] + mentions
                if not any(m.start < b and a < m.end for m in taken):
                    mentions.append(Mention(a, b, s))
        self.actors[actor_id] = dict(id=actor_id, name=name, kind=kind, country=country,
                                     roles=tuple(roles), mentions=tuple(mentions))

    def quote(self, content: str, speaker_id: str | None, speaker_surface: str | None,
              cue: str | None, kind: str = "direct", about=()) -> None:
        a, b = _find(self.text, content)
        sp = None
        if speaker_surface:
            s0, s1 = _find(self.text, speaker_surface)
            name = self.actors[speaker_id]["name"] if speaker_id else speaker_surface
            sp = Speaker(speaker_id, name, s0, s1)
        cu = None
        if cue:
            c0, c1 = _find(self.text, cue)
            cu = Cue(cue, c0, c1)
        self.quotes.append(Quote(a, b, content, kind, sp, cu, tuple(about),
                                 rule="fixture"))

    def event(self, type_: str, source, target, trigger: str, *, modality="asserted",
              date=None) -> None:
        t0, t1 = _find(self.text, trigger)
        s0 = self.text.rfind("\n", 0, t0) + 1
        s1 = self.text.find("\n", t1)
        s1 = len(self.text) if s1 < 0 else s1
        self.events.append(Event(type_, tuple(source), tuple(target), modality,
                                 Trigger(trigger, t0, t1), Span(s0, s1), "fixture", 0.9,
                                 date=date or self.article.published))

    def build(self) -> Analysis:
        return Analysis(self.article, actors=tuple(Actor(**a) for a in self.actors.values()),
                        quotes=tuple(self.quotes), events=tuple(self.events),
                        pipeline_version="fixtures")


def analyses() -> list[Analysis]:
    """Four small synthetic articles: three ordinary, one hostile."""
    out = []
    b = _Builder(
        "fx-pact", "Norway and Chile agree fisheries pact",
        ["OSLO: Norway and Chile signed a fisheries agreement on Monday, the two "
         "governments said.",
         "Norwegian Foreign Minister Ingrid Dahl said: \"This pact protects both our "
         "fleets.\" Dahl added that Oslo would send inspectors to Valparaiso next year.",
         "Chile's trade minister, Pablo Rojas, praised Norway for its patience during "
         "the talks."],
        published="2023-03-06", publication="The Northern Ledger",
        captions=[("Ingrid Dahl arrives in Santiago.", "Example Photo Agency")])
    b.actor("NOR", "Norway", "country", "Norway", "Norwegian", "Oslo", country="NOR")
    b.actor("CHL", "Chile", "country", "Chile", country="CHL")
    b.actor("person:ingrid-dahl", "Ingrid Dahl", "person", "Ingrid Dahl", "Dahl",
            country="NOR", roles=("Foreign Minister",))
    b.actor("person:pablo-rojas", "Pablo Rojas", "person", "Pablo Rojas", country="CHL",
            roles=("trade minister",))
    b.quote("This pact protects both our fleets.", "person:ingrid-dahl", "Ingrid Dahl",
            "said", about=("NOR", "CHL"))
    b.quote("Oslo would send inspectors to Valparaiso next year", "person:ingrid-dahl",
            "Dahl added", "added", kind="indirect", about=("NOR",))
    b.event("SUPPORT", ["NOR", "CHL"], ["CHL", "NOR"], "signed a fisheries agreement")
    b.event("COOPERATE", ["NOR"], ["CHL"], "would send inspectors", modality="intended",
            date="2024")
    b.event("SUPPORT", ["person:pablo-rojas"], ["NOR"], "praised")
    out.append(b.build())

    b = _Builder(
        "fx-talks", "Chile summons Norwegian envoy over salmon dispute",
        ["SANTIAGO: Chile summoned Norway's ambassador on Thursday to protest new "
         "salmon tariffs, officials said.",
         "Pablo Rojas told reporters that Chile \"will not accept unfair tariffs\" and "
         "demanded that Norway reverse the measure."],
        published="2023-05-11", publication="Pacific Daily", country="CL")
    b.actor("NOR", "Norway", "country", "Norway", "Norwegian", country="NOR")
    b.actor("CHL", "Chile", "country", "Chile", country="CHL")
    b.actor("person:pablo-rojas", "Pablo Rojas", "person", "Pablo Rojas", country="CHL",
            roles=("trade minister",))
    b.quote("will not accept unfair tariffs", "person:pablo-rojas", "Pablo Rojas",
            "told reporters", kind="mixed", about=("CHL",))
    b.event("ACCUSE", ["CHL"], ["NOR"], "summoned")
    b.event("REQUEST", ["person:pablo-rojas"], ["NOR"], "demanded")
    out.append(b.build())

    b = _Builder(
        "fx-visit", "Norwegian minister to visit Chile",
        ["Ingrid Dahl will travel to Santiago in June for talks with Chilean officials, "
         "her ministry said."],
        published="2023-05-20", publication="The Northern Ledger")
    b.actor("NOR", "Norway", "country", "Norwegian", country="NOR")
    b.actor("CHL", "Chile", "country", "Chile", "Chilean", country="CHL")
    b.actor("person:ingrid-dahl", "Ingrid Dahl", "person", "Ingrid Dahl", country="NOR",
            roles=("Foreign Minister",))
    b.event("CONSULT", ["person:ingrid-dahl"], ["CHL"], "will travel", modality="intended")
    out.append(b.build())

    b = _Builder(
        "fx-hostile", "<script>alert('headline')</script> Hostile <b>markup</b> test",
        ["Spokesman <img src=x onerror=alert(1)> said \"<script>alert('quote')</script> "
         "& friends\" before Norway condemned the <a href=\"javascript:alert(2)\">link</a>.",
         "A second paragraph with </div></main> stray closing tags and &amp; entities."],
        published="2023-06-01", publication="<i>Evil</i> Gazette", url=HOSTILE_URL,
        captions=[("<svg onload=alert(3)> caption", "<b>Credit</b>")])
    b.actor("NOR", "Norway", "country", "Norway", country="NOR")
    b.actor("person:spokesman", "Spokesman <img src=x onerror=alert(1)>", "person",
            "Spokesman <img src=x onerror=alert(1)>")
    b.quote("<script>alert('quote')</script> & friends", "person:spokesman",
            "Spokesman <img src=x onerror=alert(1)>", "said")
    b.event("ACCUSE", ["NOR"], ["person:spokesman"], "condemned")
    out.append(b.build())
    return out


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_rows(conn: sqlite3.Connection, a: Analysis) -> None:
    """Write one analysis as rows of the v1 schema (test helper)."""
    art = a.article
    now = datetime.now(timezone.utc).isoformat()
    conn.execute(
        "INSERT INTO articles (id, sha256, source_path, source_format, publication, language, "
        "country, published, url, headline, deck, byline, dateline, text, paragraphs, captions, "
        "pipeline_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (art.id, art.source.sha256, art.source.path, art.source.format, art.publication,
         art.language, art.country, art.published, art.url, art.headline, art.deck, art.byline,
         art.dateline, art.text, _j([[p.start, p.end] for p in art.paragraphs]),
         _j([c.to_dict() for c in art.captions]), a.pipeline_version, now))
    for act in a.actors:
        conn.execute(
            "INSERT INTO article_actors (article_id, actor_id, name, kind, country, roles, "
            "n_mentions) VALUES (?,?,?,?,?,?,?)",
            (art.id, act.id, act.name, act.kind, act.country, _j(list(act.roles)),
             len(act.mentions)))
        conn.executemany(
            'INSERT INTO mentions (article_id, actor_id, start, "end", text, form) '
            "VALUES (?,?,?,?,?,?)",
            [(art.id, act.id, m.start, m.end, m.text, m.form) for m in act.mentions])
        for role in act.roles:
            conn.execute("INSERT INTO actor_roles (actor_id, role, country, article_id, seen) "
                         "VALUES (?,?,?,?,?)", (act.id, role, act.country, art.id,
                                                art.published))
    for i, q in enumerate(a.quotes, 1):
        sp, cu = q.speaker, q.cue
        conn.execute(
            'INSERT INTO quotes (article_id, seq, start, "end", text, kind, speaker_actor, '
            "speaker_name, speaker_start, speaker_end, cue, cue_start, cue_end, about, rule, "
            "published) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (art.id, i, q.start, q.end, q.text, q.kind, sp and sp.actor, sp and sp.name,
             sp and sp.start, sp and sp.end, cu and cu.text, cu and cu.start, cu and cu.end,
             _j(list(q.about)), q.rule, art.published))
    for i, e in enumerate(a.events, 1):
        cur = conn.execute(
            "INSERT INTO events (article_id, seq, type, quad, source, target, modality, date, "
            "trigger, trigger_start, trigger_end, sentence_start, sentence_end, rule, "
            "confidence, published) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (art.id, i, e.type, QUAD_CLASS[e.type], _j(list(e.source)), _j(list(e.target)),
             e.modality, e.date, e.trigger.text, e.trigger.start, e.trigger.end,
             e.sentence.start, e.sentence.end, e.rule, e.confidence, art.published))
        conn.executemany("INSERT INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)",
                         [(cur.lastrowid, x, "source") for x in e.source]
                         + [(cur.lastrowid, x, "target") for x in e.target])


def ensure_fts(conn: sqlite3.Connection) -> None:
    """An FTS5 index over headline and text, unless the store's migrations made one."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
                    ).fetchone():
        return
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(headline, text, "
                 "content='articles', content_rowid='rowid')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def build_kb(path: Path, items: list[Analysis] | None = None) -> Path:
    """A knowledge base file holding ``items`` (default: :func:`analyses`)."""
    with KnowledgeBase(str(path)) as kb:
        for a in items if items is not None else analyses():
            write_rows(kb.conn, a)
        ensure_fts(kb.conn)
        kb.conn.commit()
    return path
