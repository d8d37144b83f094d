"""Typed results of the knowledge base's article queries (search, show, stats).

Frozen dataclasses with ``to_dict()`` (what ``--json`` prints) and, for the
tabular ones, ``to_pandas()`` for notebook users (pandas is optional).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..models import Article

__all__ = ["SearchHit", "SearchResult", "StoredArticle", "KBStats", "to_dataframe"]


def to_dataframe(rows: list[dict[str, Any]], columns: list[str]):
    """A pandas DataFrame of ``rows``; a clear error where pandas is not installed."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("[E510] to_pandas() needs pandas: pip install 'newsgraph[notebook]'") \
            from exc
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    headline: str | None
    publication: str | None
    published: str | None
    country: str | None
    language: str | None
    url: str | None
    snippet: str  # matched terms between the ``highlight`` markers of the search
    score: float | None  # bm25: lower is better (None: a search without a query)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = None if self.score is None else round(self.score, 4)
        return d


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    fts: str  # the FTS5 expression that ran
    total: int  # matches, filters applied
    hits: tuple[SearchHit, ...]
    # field -> ((value, count), ...): publication, country, language, actor, month
    facets: dict[str, tuple[tuple[str | None, int], ...]]
    limit: int
    offset: int
    # the actor facet counted only this many matches, the newest (None: every match)
    actor_sample: int | None = None
    order: str = "relevance"  # of the hits: "relevance" (bm25) or "newest" (published)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "fts": self.fts, "total": self.total, "limit": self.limit,
            "offset": self.offset, "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [{"value": v, "count": n} for v, n in items]
                       for k, items in self.facets.items()},
            "actor_sample": self.actor_sample, "order": self.order,
        }

    def to_pandas(self):
        cols = ["id", "headline", "publication", "published", "country", "language", "url",
                "snippet", "score"]
        return to_dataframe([h.to_dict() for h in self.hits], cols)

    to_dataframe = to_pandas


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored, with what the knowledge base knows about it."""

    article: Article
    pipeline_version: str | None  # None: stored without analysis (``--no-analysis``)
    ingested_at: str
    analysed_at: str | None
    n_actors: int
    n_quotes: int
    n_events: int
    warnings: tuple[str, ...] = ()  # the analysis's own warnings

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        d = self.article.to_dict()
        d.update(pipeline_version=self.pipeline_version, ingested_at=self.ingested_at,
                 analysed_at=self.analysed_at, n_actors=self.n_actors, n_quotes=self.n_quotes,
                 n_events=self.n_events,
                 warnings=list(self.article.warnings) + list(self.warnings))
        return d


@dataclass(frozen=True, slots=True)
class KBStats:
    path: str
    size_bytes: int
    schema_version: int
    articles: int
    analysed: int  # with a pipeline_version
    current: int  # analysed by the running pipeline version
    actors: int  # actor rows over all articles
    quotes: int
    events: int
    runs: int
    errors: int
    first_published: str | None
    last_published: str | None
    languages: tuple[tuple[str | None, int], ...]
    publications: tuple[tuple[str | None, int], ...]
    countries: tuple[tuple[str | None, int], ...]
    pipeline_versions: tuple[tuple[str | None, int], ...]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("languages", "publications", "countries", "pipeline_versions"):
            d[k] = [{"value": v, "count": n} for v, n in getattr(self, k)]
        return d
