"""Quote stage (placeholder; see the quotes issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from .actors import ActorIndex
from .models import Article, Quote

__all__ = ["extract_quotes", "VERSION"]

VERSION = "quotes.rules.v0"


def extract_quotes(article: Article, doc: Doc, actors: ActorIndex) -> tuple[Quote, ...]:
    return ()
