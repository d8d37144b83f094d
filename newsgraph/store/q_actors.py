"""Knowledge-base queries: actors and linking (actors issue).

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn``
(an sqlite3 connection whose rows are ``sqlite3.Row``).
"""

from __future__ import annotations

__all__ = ["ActorQueries"]


class ActorQueries:
    pass
