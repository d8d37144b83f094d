"""newsgraph: who did what to whom, and who said what, in news articles.

Public API::

    import newsgraph
    a = newsgraph.analyze("article.txt", published="2022-01-08")
    a.to_dict()                     # the JSON record of docs/analysis-json.md
    kb = newsgraph.KnowledgeBase("newsgraph.db")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .models import (Actor, Analysis, Article, Caption, Event, Failure, Mention, Quote,
                     RawDocument, Source, Speaker, TimeExpr)
from .pipeline import Settings, analyze, analyze_articles, analyze_documents, pipeline_version

__all__ = [
    "__version__", "analyze", "analyze_documents", "analyze_articles", "pipeline_version",
    "Settings", "KnowledgeBase",
    "Analysis", "Article", "Actor", "Caption", "Event", "Failure", "Mention", "Quote",
    "RawDocument", "Source", "Speaker", "TimeExpr",
]


def __getattr__(name: str):
    # The knowledge base pulls in sqlite helpers only when asked for.
    if name == "KnowledgeBase":
        from .store import KnowledgeBase
        return KnowledgeBase
    raise AttributeError(name)
