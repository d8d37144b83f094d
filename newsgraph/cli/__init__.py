"""Command line: a thin shell over the Python API.

Each module registers its commands on :data:`newsgraph.cli.app.app`; this one
imports them all and exposes :func:`main` (the ``newsgraph`` console script).
"""

from __future__ import annotations

from . import actors, articles, events, kb, quotes, scale, serve, watch  # noqa: F401  (register)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
