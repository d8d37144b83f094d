"""The pipeline: read -> clean -> parse -> actors -> times -> quotes -> events.

:func:`analyze` is the one-document entry point of the public API;
:func:`analyze_documents` streams many documents through the stages with one
batched parse (``nlp.pipe``) shared by every stage.  Neither touches the
knowledge base: an article's analysis depends on that article alone.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from . import actors as actors_stage
from . import clean as clean_stage
from . import events as events_stage
from . import quotes as quotes_stage
from . import timex as timex_stage
from .errors import NewsgraphError
from .models import Analysis, Article, Failure, RawDocument
from .readers import ReadOptions, read_paths, read_text

__all__ = ["Settings", "analyze", "analyze_documents", "analyze_articles", "pipeline_version"]


def pipeline_version() -> str:
    """The versions of every stage's rules, stored with each analysis."""
    from . import __version__

    return "+".join((f"newsgraph-{__version__}", clean_stage.VERSION, actors_stage.VERSION,
                     timex_stage.VERSION, quotes_stage.VERSION, events_stage.VERSION))


@dataclass(frozen=True)
class Settings:
    """Options for a pipeline run (keyword-only everywhere they are accepted)."""

    batch_size: int = 32
    english_stages: bool = True  # run actors/quotes/events (False: read + clean only)


def analyze(text_or_path: str | os.PathLike, *, published: str | None = None,
            format: str | None = None, id: str | None = None,
            settings: Settings = Settings()) -> Analysis:
    """Analyse one article given as text or as a path to a file.

    ``published`` (YYYY-MM-DD) is used when the input carries no date.
    Raises :class:`~newsgraph.errors.NewsgraphError` when the input cannot be read.
    """
    opts = ReadOptions(format=format, date=published)
    if isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path
            and len(text_or_path) < 4096 and Path(text_or_path).is_file()):
        docs = list(read_paths([os.fspath(text_or_path)], opts))
    else:
        docs = [read_text(str(text_or_path), opts, id=id)]
    results = list(analyze_documents(docs, settings=settings))
    if len(results) != 1:
        raise NewsgraphError(f"expected one article, found {len(results)}", code="E301")
    if isinstance(results[0], Failure):
        f = results[0]
        raise NewsgraphError(f.message, code=f.code, where=f.where)
    return results[0]


def analyze_documents(docs: Iterable[RawDocument | Article | Failure], *,
                      settings: Settings = Settings()) -> Iterator[Analysis | Failure]:
    """Clean, parse and analyse documents; failures pass through in order, and
    articles already clean (``reprocess``) go straight to the analysis."""
    cleaned = (_clean(d) for d in docs)
    yield from analyze_articles(cleaned, settings=settings)


def analyze_articles(articles: Iterable[Article | Failure], *,
                     settings: Settings = Settings()) -> Iterator[Analysis | Failure]:
    """Run the analysis stages over clean articles (used by ``reprocess`` too)."""
    version = pipeline_version()
    it = iter(articles)
    while batch := list(itertools.islice(it, settings.batch_size)):
        english = [a for a in batch if isinstance(a, Article) and _is_english(a)
                   and settings.english_stages]
        docs = {}
        if english:
            from .parse import parse_many
            for art, doc in zip(english, parse_many((a.text for a in english),
                                                     batch_size=settings.batch_size)):
                docs[id(art)] = doc
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            doc = docs.get(id(item))
            if doc is None:
                warn = () if _is_english(item) or not settings.english_stages else (
                    f"[W201] language {item.language!r} is not English: "
                    "stored and searchable, but actors, quotes and events were not extracted",)
                yield Analysis(item, warnings=warn, pipeline_version=version)
                continue
            try:
                yield analyze_parsed(item, doc, version=version)
            except Exception as exc:  # a stage bug must not stop the batch
                yield Failure(item.source.path or item.id, "E302",
                              f"analysis failed: {type(exc).__name__}: {exc}", item.source)


def analyze_parsed(article: Article, doc, *, version: str | None = None) -> Analysis:
    """Run actors, times, quotes and events on one parsed article."""
    index = actors_stage.extract_actors(article, doc)
    times = timex_stage.extract_times(article, doc)
    quotes = quotes_stage.extract_quotes(article, doc, index)
    found = events_stage.code_events(article, doc, index, times=times, quotes=quotes)
    return Analysis(article, times=times, actors=index.actors, quotes=quotes, events=found.events,
                    held_events=found.held, pipeline_version=version or pipeline_version(),
                    home_country=index.home_country)


def _clean(doc: RawDocument | Article | Failure) -> Article | Failure:
    if isinstance(doc, (Failure, Article)):
        return doc
    try:
        return clean_stage.clean(doc)
    except NewsgraphError as exc:
        return Failure(exc.where or doc.source.path or doc.id, exc.code, exc.message, doc.source)


def _is_english(article: Article) -> bool:
    return article.language in (None, "en")
