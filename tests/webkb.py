"""Synthetic analyses for the explorer's tests, and a knowledge base built from them.

The texts are written for these tests (no evaluation text).  Offsets are found
with ``str.index`` so every span satisfies ``text[start:end] == span text``.
They are stored with ``KnowledgeBase.ingest_items``, as ``newsgraph ingest`` does.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.models import (Actor, Analysis, Article, Caption, Cue, Event,
                              Mention, Quote, Source, Span, Speaker, Trigger)
from newsgraph import KnowledgeBase

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
              roles=(), members=()) -> None:
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
                                     roles=tuple(roles), members=tuple(members),
                                     mentions=tuple(mentions))

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


def build_kb(path: Path, items: list[Analysis] | None = None) -> Path:
    """A knowledge base file holding ``items`` (default: :func:`analyses`), stored
    through the knowledge base's own ingest."""
    with KnowledgeBase(str(path)) as kb:
        summary = kb.ingest_items(analyses() if items is None else items)
        assert summary.failed == 0, summary
    return path


_STORY = [
    # (month, kind, source, target, sentence template, trigger)
    ("2023-01", "CONSULT", "NOR", "CHL", "{s} officials met {t} negotiators in Lima for talks.",
     "met"),
    ("2023-02", "AID", "NOR", "PER", "{s} sent emergency aid to {t} after the floods.",
     "sent emergency aid"),
    ("2023-02", "SUPPORT", "CHL", "PER", "{s} praised {t} for its flood response.",
     "praised"),
    ("2023-04", "THREATEN", "CHL", "NOR", "{s} warned {t} of retaliation over quotas.",
     "warned"),
    ("2023-04", "CONSULT", "PER", "CHL", "{s} held talks with {t} on border trade.",
     "held talks"),
    ("2023-07", "SANCTION", "NOR", "CHL", "{s} suspended salmon imports from {t}.",
     "suspended salmon imports"),
    ("2023-08", "AGREE", "CHL", "NOR", "{s} promised {t} a review of the tariffs.",
     "promised"),
    ("2023-09", "COOPERATE", "PER", "NOR", "{s} and {t} began joint fisheries patrols.",
     "began joint fisheries patrols"),
]
_NAMES = {"NOR": "Norway", "CHL": "Chile", "PER": "Peru"}


def rule_analyses() -> list[Analysis]:
    """:func:`story_analyses` plus articles that need the whole actor rule: a group of
    states, a person whose state only the knowledge base knows (see :func:`link_berg`),
    and an event dated by its week."""
    out = story_analyses()
    b = _Builder("fx-group", "Ministers of Norway and Chile rebuke Peru",
                 ["The foreign ministers of Norway and Chile jointly criticised Peru over "
                  "its fishing fleet on Tuesday.",
                  "Ola Berg, a negotiator, warned Peru that the quota talks could end."],
                 published="2023-06-14", publication="Pacific Daily")
    b.actor("group:ministers", "the foreign ministers of Norway and Chile", "group",
            "The foreign ministers of Norway and Chile", members=("NOR", "CHL"))
    b.actor("PER", "Peru", "country", "Peru", country="PER")
    b.actor("person:ola-berg", "Ola Berg", "person", "Ola Berg")
    b.event("ACCUSE", ["group:ministers"], ["PER"], "jointly criticised")
    b.event("THREATEN", ["person:ola-berg"], ["PER"], "warned")
    b.quote("the quota talks could end", "person:ola-berg", "Ola Berg", "warned",
            kind="indirect", about=("PER",))
    out.append(b.build())
    b = _Builder("fx-week", "Chile protests Norwegian trawlers",
                 ["Chile lodged a protest with Norway during the week of the summit, "
                  "officials said."],
                 published="2023-07-03", publication="The Northern Ledger")
    b.actor("CHL", "Chile", "country", "Chile", country="CHL")
    b.actor("NOR", "Norway", "country", "Norway", country="NOR")
    b.event("ACCUSE", ["CHL"], ["NOR"], "lodged a protest", date="2023-W26")
    out.append(b.build())
    return out


def link_berg(kb) -> None:
    """What ``newsgraph link`` would write had it learnt that Ola Berg acts for Norway."""
    with kb.transaction() as conn:
        conn.execute("INSERT INTO actors (id, name, kind, country) "
                     "VALUES ('person:ola-berg-kb', 'Ola Berg', 'person', 'NOR')")
        conn.execute("UPDATE article_actors SET kb_actor_id = 'person:ola-berg-kb' "
                     "WHERE actor_id = 'person:ola-berg'")


def story_analyses() -> list[Analysis]:
    """:func:`analyses` plus eight short reports spread over 2023, for the charts."""
    out = analyses()
    for i, (month, kind, src, tgt, tmpl, trigger) in enumerate(_STORY):
        sentence = tmpl.format(s=_NAMES[src], t=_NAMES[tgt])
        b = _Builder(f"fx-story-{i}", f"{_NAMES[src]} and {_NAMES[tgt]}: {kind.lower()}",
                     [sentence, f"Analysts said relations between {_NAMES[src]} and "
                      f"{_NAMES[tgt]} remained tense."],
                     published=f"{month}-{10 + i:02d}",
                     publication=("Pacific Daily", "The Northern Ledger")[i % 2])
        for code in {src, tgt}:
            b.actor(code, _NAMES[code], "country", _NAMES[code], country=code)
        b.event(kind, [src], [tgt], trigger)
        out.append(b.build())
    return out
