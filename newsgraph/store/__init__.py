"""The knowledge base: SQLite (WAL, FTS5, migrations) and its query layer."""

from .kb import KnowledgeBase

__all__ = ["KnowledgeBase"]
