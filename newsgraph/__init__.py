"""newsgraph: who did what to whom, and who said what, in news articles.

Public API::

    import newsgraph
    a = newsgraph.analyze_file("article.txt", published="2022-01-08")
    a = newsgraph.analyze("Headline\\n\\nThe text of an article ...")
    a.to_dict()                     # the JSON record of docs/analysis-json.md
    kb = newsgraph.KnowledgeBase("newsgraph.db")
    kb.events(newsgraph.Filter(source="USA", type="ACCUSE"), limit=100)

Importing newsgraph loads neither spaCy nor the analysis stages: they are imported
when an analysis first runs.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, NewsgraphError, QueryError, StoreError
from .models import (Actor, Analysis, Article, Caption, Event, Failure, Mention, Quote,
                     RawDocument, Source, Speaker, TimeExpr)
from .pipeline import (Settings, analyze, analyze_articles, analyze_documents, analyze_file,
                       pipeline_version)

__all__ = [
    "__version__", "analyze", "analyze_file", "analyze_documents", "analyze_articles",
    "pipeline_version", "Settings", "KnowledgeBase", "Filter",
    "Analysis", "Article", "Actor", "Caption", "Event", "Failure", "Mention", "Quote",
    "RawDocument", "Source", "Speaker", "TimeExpr",
    "NewsgraphError", "InputError", "QueryError", "StoreError",
]


def __getattr__(name: str):
    # The knowledge base and its queries are imported when first asked for.
    if name == "KnowledgeBase":
        from .kb import KnowledgeBase
        return KnowledgeBase
    if name == "Filter":
        from .query.filters import Filter
        return Filter
    raise AttributeError(name)
