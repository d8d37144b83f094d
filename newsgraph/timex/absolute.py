"""dateparser, for absolute date strings the grammar does not cover
("the 5th of January, 2022", "Jan 5th '22").

It is only ever given one expression that spaCy marked as a date and that holds a
month name or a number and no relative word (the grammar decides that); never free
text, where dateparser's search reads "we" as Wednesday.  Its settings are relative
to the publication date.  A string without a four-digit year resolves only when
there is a publication date to take the year from.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .resolve import Value, iso_week

__all__ = ["parse_absolute"]

_YEAR4 = re.compile(r"\b\d{4}\b")
_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


@functools.lru_cache(maxsize=64)
def _parser(date_order: str | None, base: dt.datetime | None):
    """A parser per (date order, publication date); the cache only saves building it."""
    from dateparser.date import DateDataParser  # imported on first need: it is slow to load

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    if date_order:
        settings["DATE_ORDER"] = date_order
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def parse_absolute(text: str, published: dt.date | None, *, date_order: str | None = None) -> Value:
    """``(value, granularity)`` of an absolute date string, or ``(None, None)``."""
    has_year = bool(_YEAR4.search(text))
    if published is None and not has_year:
        return None, None
    base = dt.datetime.combine(published, dt.time(12)) if published else None
    try:
        data = _parser(date_order, base).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings
        return None, None
    if data is None or data.date_obj is None:
        return None, None
    d = data.date_obj.date()
    period = _PERIODS.get(data.period or "day", "day")
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if period == "week":
        return iso_week(d), "week"
    return d.isoformat(), "day"
