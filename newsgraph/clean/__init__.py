"""Clean stage: :class:`RawDocument` -> :class:`Article`.

The format's parser (:mod:`.newsstand`, :mod:`.html`, :mod:`.text`) finds the
headline, deck, byline, dateline, body paragraphs and captions; this module
assembles the canonical ``text`` (headline, deck, body paragraphs, then captions,
joined by ``"\\n"``) with the offsets of every part, and settles the metadata:
what the document itself says first (its header, footer or page metadata, or a
corpus record's fields), then the reader's sidecar, manifest, path and ``--date``
values, each with its origin.  The language is detected only where none of them
gives it.
"""

from __future__ import annotations

from ..errors import InputError
from ..lang import detect_language
from ..models import Article, Caption, RawDocument, Span
from .codes import country_code, language_code
from .html import parse_html
from .layout import Layout
from .newsstand import parse_newsstand
from .text import parse_text

__all__ = ["clean", "assemble", "VERSION"]

VERSION = "clean.rules.v2"

_TEXT_FORMATS = ("text", "jsonl", "csv", "json")


def clean(raw: RawDocument) -> Article:
    """The clean article of one raw document.

    Raises :class:`InputError` (``E201``) when the document holds no article text.
    """
    where = _where(raw)
    fmt = raw.source.format
    try:
        if fmt == "newsstand":
            layout = parse_newsstand(raw.content)
        elif fmt == "html":
            layout = parse_html(raw.content, url=raw.meta.get("url"))
        else:  # a text file's first line may be its title; a corpus record's is a field
            layout = parse_text(raw.content, title=fmt == "text")
    except InputError as exc:
        raise InputError(exc.message, code=exc.code, where=where) from None
    except Exception as exc:  # a parser bug or a third-party failure must not stop a batch
        raise InputError(f"cleaning failed: {type(exc).__name__}: {exc}", code="E299",
                         where=where) from exc
    if not layout.paragraphs:
        raise InputError("no article text found", code="E201", where=where)
    return assemble(raw, layout)


def assemble(raw: RawDocument, layout: Layout) -> Article:
    """Build the article's canonical text, spans and metadata from a layout."""
    meta = dict(raw.meta)
    origin = dict(raw.meta_origin)
    for key, value in layout.meta.items():  # the document's own metadata comes first
        if value and (origin.get(key) != "record"):
            meta[key] = value
            origin[key] = layout.origin.get(key, raw.source.format)
    headline = layout.headline or meta.get("headline") or None
    if headline and not layout.headline:
        origin["headline"] = origin.get("headline", "record")
    elif layout.headline and layout.origin.get("headline"):
        origin["headline"] = layout.origin["headline"]
    byline = layout.byline or meta.get("byline") or None

    parts: list[str] = []
    pos = 0

    def add(s: str) -> Span:
        nonlocal pos
        start = pos
        parts.append(s)
        pos += len(s) + 1
        return Span(start, start + len(s))

    headline_span = add(headline) if headline else None
    if layout.deck:
        add(layout.deck)
    paragraphs = tuple(add(p) for p in layout.paragraphs)
    captions = []
    for text, credit in layout.captions:
        span = add(text)
        captions.append(Caption(text, credit, span.start, span.end))
    text = "\n".join(parts)

    warnings = list(raw.warnings) + list(layout.warnings)
    language = language_code(meta.get("language"))
    if meta.get("language") and not language:
        warnings.append(f"[W204] language {meta['language']!r} is not an ISO 639 code or name")
    if language is None:
        origin.pop("language", None)
        language, _prob = detect_language("\n".join(layout.paragraphs[:4]))
        if language:
            origin["language"] = "detected"
    country = country_code(meta.get("country"))
    if country is None:
        origin.pop("country", None)
    return Article(
        raw.id, raw.source, text, paragraphs, tuple(captions),
        headline=headline, headline_span=headline_span, deck=layout.deck, byline=byline,
        dateline=layout.dateline, publication=meta.get("publication"), language=language,
        country=country, published=meta.get("published"), url=meta.get("url"),
        origin={k: v for k, v in origin.items()
                if k in ("published", "publication", "url", "language", "country", "headline",
                         "byline")},
        warnings=tuple(warnings))


def _where(raw: RawDocument) -> str:
    """Where to say a failure happened: the file, the file and record, or the id."""
    src = raw.source
    if src.record is not None:
        unit = "row" if src.format == "csv" else "line"
        return f"{src.path or '<stdin>'}:{unit} {src.record}"
    return src.path or raw.id[:12]
