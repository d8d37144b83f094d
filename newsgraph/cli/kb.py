"""CLI commands: the knowledge base (ingest, search, show, stats, delete, reprocess)."""

from __future__ import annotations

from .app import app  # noqa: F401
