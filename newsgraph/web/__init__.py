"""The explorer: a read-only web UI and JSON API over the knowledge base.

``newsgraph serve`` runs :func:`create_app` under uvicorn.
"""

from .app import create_app

__all__ = ["create_app"]
