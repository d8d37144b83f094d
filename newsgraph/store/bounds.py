"""Date bounds shared by every knowledge-base query (``--since``, ``--until``, date ranges).

Stored dates are ISO strings (``YYYY-MM-DD``), so a bound may be a prefix
(``2022`` or ``2022-01``): ``>= since`` and ``<= until + U+FFFF`` include the
whole year or month.
"""

from __future__ import annotations

import re

from ..errors import QueryError

__all__ = ["date_bound", "upper"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_bound(value: str | None, name: str, *, code: str) -> str | None:
    """``value`` stripped, or None when empty; raises QueryError ``code`` when it is no date."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise QueryError(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                         code=code)
    return value


def upper(value: str) -> str:
    """The inclusive upper string bound for a ``YYYY[-MM[-DD]]`` prefix."""
    return value + "\uffff"
