"""Actors stage: countries, people, organisations, groups and documents, with mentions.

Public interface used by later stages (quotes, events)::

    result = extract_actors(article, doc)      # -> ActorIndex
    result.actors                               # tuple[Actor, ...]
    result.at(start, end)                       # Actor whose mention covers/overlaps the span, or None
    result.for_token(token)                     # Actor mentioned at a spaCy token, or None
    result.get(actor_id)                        # Actor by id

NOTE: this is a placeholder built on spaCy's entities only; the actors issue
replaces the internals while keeping this interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..models import Actor, Article, Mention

__all__ = ["ActorIndex", "extract_actors", "VERSION"]

VERSION = "actors.rules.v0"


@dataclass(frozen=True)
class ActorIndex:
    """Actors of one article and a lookup from character offsets to actors."""

    actors: tuple[Actor, ...]
    _by_id: dict[str, Actor] = field(default_factory=dict, repr=False)
    _spans: tuple[tuple[int, int, str], ...] = ()  # sorted (start, end, actor id)

    @classmethod
    def build(cls, actors: tuple[Actor, ...]) -> "ActorIndex":
        spans = sorted((m.start, m.end, a.id) for a in actors for m in a.mentions)
        return cls(actors, {a.id: a for a in actors}, tuple(spans))

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), the longest overlap first."""
        best, best_len = None, 0
        for s, e, aid in self._spans:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_len:
                best, best_len = aid, overlap
        return self._by_id.get(best) if best else None

    def for_token(self, token: Token) -> Actor | None:
        return self.at(token.idx, token.idx + len(token.text))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def extract_actors(article: Article, doc: Doc) -> ActorIndex:
    kinds = {"PERSON": "person", "ORG": "organization", "GPE": "location", "NORP": "location"}
    found: dict[str, tuple[str, str, list[Mention]]] = {}
    for ent in doc.ents:
        kind = kinds.get(ent.label_)
        if not kind:
            continue
        aid = f"{kind[:3]}:{_slug(ent.text)}"
        found.setdefault(aid, (ent.text, kind, []))[2].append(
            Mention(ent.start_char, ent.end_char, ent.text))
    actors = tuple(Actor(aid, name, kind, mentions=tuple(ms)) for aid, (name, kind, ms) in found.items())
    return ActorIndex.build(actors)
