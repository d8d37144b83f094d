"""Time expressions normalised against the publication date (placeholder; see the actors issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from .models import Article, TimeExpr

__all__ = ["extract_times", "VERSION"]

VERSION = "timex.rules.v0"


def extract_times(article: Article, doc: Doc) -> tuple[TimeExpr, ...]:
    return ()
