"""Watch news feeds and sitemaps and keep the knowledge base current (``newsgraph watch``).

Python::

    from newsgraph import KnowledgeBase
    from newsgraph.watch import WatchSettings, FetchSettings, read_sources, run_cycle

    specs, problems = read_sources("sources.txt")
    with KnowledgeBase("news.db") as kb:
        report = run_cycle(kb, specs, WatchSettings(fetch=FetchSettings(delay=2.0)))
        print(report.line())
        for a in arrivals(kb, since="2026-11-28T09:00:00Z"):
            print(a.arrived, a.headline)

Modules: :mod:`.sources` (the SOURCES file), :mod:`.urls` (canonical URLs, with
courlan), :mod:`.fetch` (polite HTTP, with httpx), :mod:`.discover` (links of
feeds, sitemaps and home pages, with trafilatura), :mod:`.state` (the watcher's
tables), :mod:`.cycle` (one cycle), :mod:`.loop` (cycles every ``--every``),
:mod:`.arrivals` (articles by time of arrival).
"""

from __future__ import annotations

from .arrivals import Arrival, arrival_bound, arrivals
from .cycle import CycleReport, WatchSettings, ingest_documents, page_document, run_cycle
from .fetch import DEFAULT_USER_AGENT, Fetcher, FetchError, FetchSettings, Response
from .loop import parse_every, watch
from .sources import SourceSpec, parse_sources, read_sources
from .state import SourceReport, WatchState
from .urls import canonical

__all__ = [
    "watch", "run_cycle", "WatchSettings", "CycleReport", "FetchSettings", "Fetcher",
    "FetchError", "Response", "DEFAULT_USER_AGENT", "SourceSpec", "parse_sources",
    "read_sources", "SourceReport", "WatchState", "sources_report", "canonical", "parse_every",
    "ingest_documents", "page_document", "Arrival", "arrivals", "arrival_bound",
]


def sources_report(kb, *, all: bool = False) -> list[SourceReport]:
    """Each source with its last success, articles found and errors (``newsgraph sources``)."""
    return WatchState(kb).report(all=all)
