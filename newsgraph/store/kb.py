"""KnowledgeBase: open/migrate the SQLite file and write analyses (placeholder)."""

from __future__ import annotations

import sqlite3
from importlib import resources

from .q_actors import ActorQueries
from .q_articles import ArticleQueries
from .q_clusters import ClusterQueries
from .q_events import EventQueries
from .q_explore import ExploreQueries
from .q_quotes import QuoteQueries

__all__ = ["KnowledgeBase"]


class KnowledgeBase(ArticleQueries, ActorQueries, QuoteQueries, EventQueries, ClusterQueries,
                    ExploreQueries):
    """A newsgraph knowledge base in one SQLite file (``newsgraph.db`` by default)."""

    def __init__(self, path: str = "newsgraph.db", *, readonly: bool = False):
        self.path = str(path)
        self.conn = sqlite3.connect(self.path)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            sql = resources.files("newsgraph.store.migrations").joinpath("001_initial.sql").read_text()
            self.conn.executescript(sql)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
