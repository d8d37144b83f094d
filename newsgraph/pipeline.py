"""The pipeline: read -> clean -> parse -> actors -> times -> quotes -> events.

:func:`analyze` (text) and :func:`analyze_file` (a path) are the one-document entry
points of the public API; :func:`analyze_documents` streams many documents through
the stages with one batched parse (``nlp.pipe``) shared by every stage.  None of them
touches the knowledge base: an article's analysis depends on that article alone.

Failures have one path, whoever runs the pipeline (this process, a worker of the
process pool, a Dask worker): a document that cannot be read is its reader's
``[E1xx]``; one the cleaner rejects its ``[E2xx]``, a cleaner bug ``[E299]``; an
analysis stage (or the parser) that fails on an article ``[E302]``.  Each is a
:class:`~newsgraph.models.Failure` in the stream, in order, and the batch goes on.
The stages and spaCy are imported when an analysis first runs.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import NewsgraphError
from .models import Analysis, Article, Failure, RawDocument
from .readers import ReadOptions, read_paths, read_text

__all__ = ["Settings", "analyze", "analyze_file", "analyze_documents", "analyze_articles",
           "pipeline_version"]


def pipeline_version() -> str:
    """The version stored with each analysis (see :mod:`newsgraph.versions`)."""
    from .versions import pipeline_version as version

    return version()


@dataclass(frozen=True)
class Settings:
    """Options for a pipeline run (keyword-only everywhere they are accepted)."""

    batch_size: int = 32
    # run actors/times/quotes/events; False: read and clean only, and the articles
    # count as not analysed (no pipeline version: ``reprocess`` analyses them later)
    english_stages: bool = True


_PATH_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".json", ".gz")


def analyze(text: str, *, published: str | None = None, format: str | None = None,
            id: str | None = None, settings: Settings = Settings()) -> Analysis:
    """Analyse one article given as text (newsstand, HTML or plain; ``format`` to say which).

    ``published`` (YYYY-MM-DD) is used when the text carries no date.  A path is
    refused with ``[E303]``: use :func:`analyze_file`.
    """
    if not isinstance(text, str):
        raise NewsgraphError(f"analyze() takes the article's text, not {type(text).__name__}: "
                             "use analyze_file(path) for a file", code="E303")
    candidate = text.strip()
    if "\n" not in candidate and candidate.lower().endswith(_PATH_SUFFIXES) \
            and _is_file(candidate):
        raise NewsgraphError(f"analyze() takes the article's text, and {candidate!r} is the "
                             "name of a file: use analyze_file(path)", code="E303")
    doc = read_text(text, ReadOptions(format=format, date=published), id=id)
    return _one(analyze_documents([doc], settings=settings))


def _is_file(candidate: str) -> bool:
    """True when ``candidate`` names an existing file (a name too long, or one with a NUL
    or bytes the file system cannot take, names none)."""
    try:
        return Path(candidate).is_file()
    except (OSError, ValueError):
        return False


def analyze_file(path: str | os.PathLike, *, published: str | None = None,
                 format: str | None = None, settings: Settings = Settings()) -> Analysis:
    """Analyse the one article in the file at ``path``.

    Raises :class:`~newsgraph.errors.NewsgraphError` when it cannot be read (its code
    says why) or holds more or fewer than one article (``[E301]``).
    """
    opts = ReadOptions(format=format, date=published)
    return _one(analyze_documents(read_paths([os.fspath(path)], opts), settings=settings))


def _one(results: Iterable[Analysis | Failure]) -> Analysis:
    results = list(results)
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
    if not settings.english_stages:
        for item in articles:
            yield item if isinstance(item, Failure) else Analysis(item)
        return
    version = ""  # computed when the first article is analysed
    it = iter(articles)
    while batch := list(itertools.islice(it, settings.batch_size)):
        english = [a for a in batch if isinstance(a, Article) and _is_english(a)]
        docs = _parse(english, settings.batch_size)
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            doc = docs.get(id(item))
            version = version or pipeline_version()
            if doc is None and _is_english(item):
                yield _failure(item, docs.get(("error", id(item))))
                continue
            if doc is None:
                warn = (f"[W201] language {item.language!r} is not English: stored and "
                        "searchable, but actors, quotes and events were not extracted",)
                yield Analysis(item, warnings=warn, pipeline_version=version)
                continue
            try:
                yield analyze_parsed(item, doc, version=version)
            except Exception as exc:  # a stage bug must not stop the batch
                yield _failure(item, exc)


def _parse(articles: list[Article], batch_size: int) -> dict:
    """``{id(article): Doc}``; an article the parser fails on maps ``("error", id)`` to
    the exception (the others of its batch are parsed one by one)."""
    if not articles:
        return {}
    from .parse import parse_many

    try:
        return {id(a): d for a, d in zip(articles, parse_many((a.text for a in articles),
                                                                 batch_size=batch_size))}
    except Exception:
        pass
    out: dict = {}
    for a in articles:
        try:
            out[id(a)] = next(iter(parse_many([a.text], batch_size=1)))
        except Exception as exc:
            out[("error", id(a))] = exc
    return out


def _failure(article: Article, exc: BaseException | None) -> Failure:
    what = f"{type(exc).__name__}: {exc}" if exc is not None else "no parse"
    return Failure(article.source.where(article.id), "E302", f"analysis failed: {what}",
                   article.source)


def analyze_parsed(article: Article, doc, *, version: str | None = None) -> Analysis:
    """Run actors, times, quotes and events on one parsed article."""
    from . import actors, events, quotes, timex

    index = actors.extract_actors(article, doc)
    times = timex.extract_times(article, doc)
    found = quotes.extract_quotes(article, doc, index)
    coded = events.code_events(article, doc, index, times=times, quotes=found)
    return Analysis(article, times=times, actors=index.actors, quotes=found, events=coded.events,
                    held_events=coded.held, pipeline_version=version or pipeline_version(),
                    home_country=index.home_country)


def _clean(doc: RawDocument | Article | Failure) -> Article | Failure:
    if isinstance(doc, (Failure, Article)):
        return doc
    from .clean import clean

    try:
        return clean(doc)
    except NewsgraphError as exc:
        return Failure(exc.where or doc.source.where(doc.id), exc.code, exc.message, doc.source)
    except Exception as exc:  # a cleaner bug must not stop the batch
        return Failure(doc.source.where(doc.id), "E299",
                       f"cleaning failed: {type(exc).__name__}: {exc}", doc.source)


def _is_english(article: Article) -> bool:
    return article.language in (None, "en")
