"""Knowledge-base queries: overviews for the explorer (home page, network, timelines).

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn``
(an sqlite3 connection whose rows are ``sqlite3.Row``).
"""

from __future__ import annotations

__all__ = ["ExploreQueries"]


class ExploreQueries:
    pass
