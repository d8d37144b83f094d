"""Typed records produced by the pipeline.

Every object that points into an article carries ``start``/``end``: half-open
Python string offsets into :attr:`Article.text`, so ``article.text[x.start:x.end]``
is the span's text.  All records are frozen; stages return new objects and never
mutate their input.  ``to_dict()`` gives the JSON record of ``docs/analysis-json.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Source", "RawDocument", "Span", "Caption", "Article", "TimeExpr", "Mention",
    "Actor", "HomeCountry", "Speaker", "TextSpan", "Cue", "Quote", "Trigger", "Event", "Analysis", "Failure",
    "EVENT_TYPES", "QUAD_CLASS",
]

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: PLOVER quad class of each event type.
QUAD_CLASS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from."""

    path: str | None
    format: str  # newsstand | html | text | jsonl | csv
    sha256: str
    record: int | None = None  # line or row number inside a corpus file (1-based)

    def where(self, fallback: str) -> str:
        """Where a failure of this document is reported: its file (else ``fallback``,
        e.g. the article id), with the record: ``corpus.jsonl:line 12``, ``corpus.csv:row 3``."""
        base = self.path or fallback
        if self.record is None:
            return base
        return f"{base}:{'row' if self.format == 'csv' else 'line'} {self.record}"

    def to_dict(self) -> dict[str, Any]:
        d = {"path": self.path, "format": self.format, "sha256": self.sha256}
        if self.record is not None:
            d["record"] = self.record
        return d


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a reader found it, before cleaning.

    ``content`` is decoded text (newsstand/plain text, HTML markup, or a corpus
    record's ``text``).  ``meta`` holds metadata the reader or a sidecar supplied
    (``headline``, ``publication``, ``published``, ``url``, ``language``, ...) and
    ``meta_origin`` says, per field, where it came from (``record``, ``sidecar``,
    ``manifest``, ``path``, ``option``, ``html``, ``footer``).
    """

    id: str
    source: Source
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    meta_origin: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or analysed: where, and what went wrong."""

    where: str  # "path", "path:line 12", "path:record 3"
    code: str  # short searchable code, e.g. "E101"
    message: str
    source: Source | None = None

    def __str__(self) -> str:
        return f"{self.where}: [{self.code}] {self.message}"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Caption:
    text: str
    credit: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: metadata plus canonical ``text``.

    ``text`` is the headline, deck, body paragraphs, then captions, each block on
    its own line, joined by a single ``"\\n"``.  ``paragraphs`` are the body
    paragraphs only.
    """

    id: str
    source: Source
    text: str
    paragraphs: tuple[Span, ...]
    captions: tuple[Caption, ...] = ()
    headline: str | None = None
    headline_span: Span | None = None
    deck: str | None = None
    byline: str | None = None
    dateline: str | None = None
    publication: str | None = None
    language: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of the publication
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    origin: dict[str, str] = field(default_factory=dict)  # field -> where it came from
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "publication": self.publication,
            "language": self.language,
            "country": self.country,
            "published": self.published,
            "url": self.url,
            "headline": self.headline,
            "deck": self.deck,
            "byline": self.byline,
            "dateline": self.dateline,
            "text": self.text,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "captions": [c.to_dict() for c in self.captions],
            "origin": dict(self.origin),
        }


@dataclass(frozen=True, slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    value: str | None  # YYYY-MM-DD | YYYY-Www | YYYY-MM | YYYY | None
    granularity: str | None  # day | week | month | year
    rule: str = ""  # the versioned rule that read it ("timex.rules.v2:month")

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "value": self.value, "granularity": self.granularity, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    form: str = "name"  # name | surname | title | pronoun | demonym | capital | alias | group
    rule: str = ""  # the versioned rule that found it ("actors.rules.v2:pronoun")

    def to_dict(self) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "text": self.text, "form": self.form}
        if self.rule:
            d["rule"] = self.rule
        return d


@dataclass(frozen=True, slots=True)
class Actor:
    id: str  # "USA" | "person:antony-blinken" | "org:rand-corporation" | ...
    name: str
    kind: str  # country | person | organization | location | group | document
    country: str | None = None  # ISO alpha-3 the actor belongs to / acts for
    sector: str | None = None
    members: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    mentions: tuple[Mention, ...] = ()
    #: how ``country`` was found: name | title | nationality | possessive | appositive | party |
    #: home | article | owner | known | publication | affiliation (docs/analysis-json.md);
    #: None when there is no country
    country_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
            "country_from": self.country_from, "sector": self.sector,
            "members": list(self.members), "roles": list(self.roles),
            "affiliation": self.affiliation,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class HomeCountry:
    """The state an article reports from: domestic offices and organs that name no state act
    for it.  ``origin``: dateline | publication | footer | record | sidecar | manifest."""

    code: str  # ISO 3166-1 alpha-3
    origin: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "from": self.origin}


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: str | None
    name: str | None
    start: int
    end: int
    author: str | None = None  # who wrote a document that speaks ("a study by X")
    affiliation: str | None = None  # whom an unnamed speaker belongs to ("aides to X", "X's spokesman")

    def to_dict(self) -> dict[str, Any]:
        d = {"actor": self.actor, "name": self.name, "start": self.start, "end": self.end}
        if self.author:
            d["author"] = self.author
        if self.affiliation:
            d["affiliation"] = self.affiliation
        return d


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A span of the article with its text: a quote's cue, an event's trigger."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


Cue = TextSpan  # the reporting verb of a quote
Trigger = TextSpan  # the words that express an event


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    speaker: Speaker | None
    cue: Cue | None
    about: tuple[str, ...] = ()  # actor ids mentioned inside the content
    sentence: Span | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "about": list(self.about),
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    modality: str  # asserted | intended | hypothetical | negated
    trigger: Trigger
    sentence: Span
    rule: str
    confidence: float
    mode: str | None = None
    context: tuple[str, ...] = ()
    reported_by: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    location: str | None = None
    cameo: str | None = None
    #: how the state of each source and target actor was found (``Actor.country_from``)
    grounding: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type, "mode": self.mode, "source": list(self.source),
            "target": list(self.target), "modality": self.modality,
            "context": list(self.context), "reported_by": self.reported_by,
            "date": self.date, "date_granularity": self.date_granularity,
            "location": self.location, "trigger": self.trigger.to_dict(),
            "sentence": self.sentence.to_dict(), "cameo": self.cameo,
            "rule": self.rule, "confidence": round(self.confidence, 3),
            "grounding": dict(self.grounding),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        """The event of a record written by :meth:`to_dict`."""
        t, s = d["trigger"], d["sentence"]
        return cls(d["type"], tuple(d["source"]), tuple(d["target"]), d["modality"],
                   TextSpan(t["text"], t["start"], t["end"]), Span(s["start"], s["end"]),
                   d["rule"], float(d["confidence"]), d.get("mode"), tuple(d.get("context", ())),
                   d.get("reported_by"), d.get("date"), d.get("date_granularity"),
                   d.get("location"), d.get("cameo"), tuple((d.get("grounding") or {}).items()))


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article with everything found in it."""

    article: Article
    times: tuple[TimeExpr, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    pipeline_version: str = ""
    #: events held back only because a person taking part is not known to act for a state
    held_events: tuple[Event, ...] = ()
    home_country: HomeCountry | None = None

    @property
    def id(self) -> str:
        return self.article.id

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        d = self.article.to_dict()
        d["home_country"] = self.home_country.to_dict() if self.home_country else None
        d["times"] = [t.to_dict() for t in self.times]
        d["actors"] = [a.to_dict() for a in self.actors]
        d["quotes"] = [q.to_dict() for q in self.quotes]
        d["events"] = [e.to_dict() for e in self.events]
        d["held_events"] = [e.to_dict() for e in self.held_events]
        d["warnings"] = list(self.article.warnings) + list(self.warnings)
        d["pipeline_version"] = self.pipeline_version
        return d
