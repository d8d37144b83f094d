"""The query layer: the typed questions the CLI, the explorer and the Python API ask.

Every query is a function of a connection (and, for search, the connection's facet
table) and one :class:`Filter`; it returns frozen records with ``to_dict()`` and lists
(:class:`~newsgraph.query.listing.Listing`) that carry their total and
``to_pandas()``.  :class:`newsgraph.KnowledgeBase` exposes each as a method.

Modules: :mod:`.filters` (the filter, dates, periods), :mod:`.actors` (the actor rule,
actors), :mod:`.events` (events, dyads, timelines), :mod:`.quotes`, :mod:`.search`
(full text, facets; :mod:`.syntax`, :mod:`.facets`), :mod:`.articles` (an article,
overview, stats, errors), :mod:`.profile` (an actor's page), :mod:`.graph` (the
network, graph and Parquet exports), :mod:`.clusters` (stories counted once).
"""

from __future__ import annotations

from .actors import RULE, KBActor, Resolved
from .articles import KBStats, Overview, StoredArticle
from .events import Dyad, EventRecord, Events
from .filters import MODALITIES, PERIODS, Filter, period_of
from .graph import Graph
from .listing import Listing
from .profile import ActorProfile
from .quotes import QuoteRecord, Quotes

__all__ = ["Filter", "MODALITIES", "PERIODS", "period_of", "RULE", "Listing", "EventRecord",
           "Events", "Dyad", "QuoteRecord", "Quotes", "SearchHit", "SearchResult",
           "StoredArticle", "KBStats", "Overview", "KBActor", "Resolved", "ActorProfile",
           "Graph"]


def __getattr__(name: str):
    # search needs numpy: imported when first asked for
    if name in ("SearchHit", "SearchResult"):
        from . import search
        return getattr(search, name)
    raise AttributeError(name)
