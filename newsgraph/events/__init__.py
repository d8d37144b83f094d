"""Event stage: PLOVER events (placeholder; see the events issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import ActorIndex
from ..models import Article, Event, Quote, TimeExpr

__all__ = ["extract_events", "VERSION"]

VERSION = "events.rules.v0"


def extract_events(article: Article, doc: Doc, actors: ActorIndex, *,
                   times: tuple[TimeExpr, ...] = (), quotes: tuple[Quote, ...] = ()) -> tuple[Event, ...]:
    return ()
