"""What is new: articles by their time of arrival (``newsgraph.watch.arrivals``).

The query lives in the query layer (:mod:`newsgraph.query.arrivals`), where the
explorer, search, events and quotes use the same bounds; this module keeps the
watcher's spelling, ``arrivals(kb, since=...)``.
"""

from __future__ import annotations

from ..query.arrivals import Arrival, Arrivals, arrival_bound
from ..query.arrivals import arrivals as _arrivals

__all__ = ["Arrival", "arrivals", "arrival_bound"]


def arrivals(kb, *, since: str | None = None, until: str | None = None,
             publication: str | None = None, limit: int = 50, offset: int = 0) -> Arrivals:
    """Articles that arrived after ``since`` (exclusive) and up to ``until``
    (inclusive; a bare date includes that whole day), newest arrival first
    (:func:`newsgraph.query.arrivals.arrivals`)."""
    return _arrivals(kb.conn, since=since, until=until, publication=publication,
                     limit=max(0, limit), offset=max(0, offset))
