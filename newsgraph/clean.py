"""Clean stage: RawDocument -> Article (placeholder; see the foundation issue)."""

from __future__ import annotations

from .models import Article, RawDocument, Span

__all__ = ["clean", "VERSION"]

VERSION = "clean.rules.v0"


def clean(raw: RawDocument) -> Article:
    text = raw.content.strip()
    return Article(raw.id, raw.source, text, (Span(0, len(text)),),
                   published=raw.meta.get("published"), language=raw.meta.get("language"),
                   origin=dict(raw.meta_origin))
