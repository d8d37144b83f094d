"""Resolve a :class:`~newsgraph.timex.grammar.Parsed` expression against the
publication date, by calendar arithmetic only.

Values are ISO 8601: ``YYYY-MM-DD`` (day), ``YYYY-Www`` (ISO week), ``YYYY-MM``
(month), ``YYYY`` (year).  Without a publication date only expressions that name
their own year resolve; everything relative stays ``None`` (never guessed).

``direction`` is the tense of the clause the expression sits in: ``-1`` past,
``1`` future, ``0`` unknown.  It decides which October "in October" means and which
Tuesday "on Tuesday" means when the expression does not say (past or unknown: the
most recent one not after publication; future: the next one).  A month and day
without a year and without tense take the nearest such date.
"""

from __future__ import annotations

import datetime as dt

from .grammar import Parsed

__all__ = ["resolve", "iso_week", "add_months", "MDY_COUNTRIES", "MIXED_ORDER_COUNTRIES"]

#: Publication countries (ISO alpha-2) that write numeric dates month first.
MDY_COUNTRIES = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "PR", "VI", "MP", "UM"})
#: Publication countries where both orders are common: numeric dates stay unresolved
#: unless one part is over 12.
MIXED_ORDER_COUNTRIES = frozenset({"CA"})

Value = tuple[str | None, str | None]


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) moved by ``k`` months."""
    total = year * 12 + (month - 1) + k
    return total // 12, total % 12 + 1


def _y(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is off the calendar")
    return f"{year:04d}"


def _ym(year: int, month: int) -> str:
    return f"{_y(year)}-{month:02d}"


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plausible(year: int) -> bool:
    return 1000 <= year <= 2199


def resolve(p: Parsed, published: dt.date | None, *, direction: int = 0,
            country: str | None = None) -> Value:
    """``(value, granularity)`` of a parsed expression; value ``None`` when unresolvable.

    ``country`` is the publication's ISO alpha-2 country, used only for the order of
    numeric dates ("5/1/2022").
    """
    try:
        return _resolve(p, published, direction, country)
    except (OverflowError, ValueError):  # "yesterday" of 0001-01-01: off the calendar
        return None, p.granularity


def _resolve(p: Parsed, published: dt.date | None, direction: int,
             country: str | None) -> Value:
    gran = p.granularity
    if p.kind == "unknown":
        return None, gran
    if p.kind == "date" and p.numeric is not None:
        return _numeric(p, published, direction, country)
    if p.kind == "date" and p.year is not None:
        return _absolute(p.year, p.month, p.day, gran)
    if published is None:
        return None, gran
    P = published
    if p.kind == "deictic":
        return (P + dt.timedelta(days=p.n)).isoformat(), "day"
    if p.kind == "relative":
        if p.unit in ("week", "weekend"):
            return iso_week(P + dt.timedelta(weeks=p.n)), "week"
        if p.unit == "month":
            return _ym(*add_months(P.year, P.month, p.n)), "month"
        return _y(P.year + p.n), "year"
    if p.kind == "ago":
        if p.unit == "day":
            return (P - dt.timedelta(days=p.n)).isoformat(), "day"
        if p.unit == "week":
            return iso_week(P - dt.timedelta(weeks=p.n)), "week"
        if p.unit == "month":
            return _ym(*add_months(P.year, P.month, -p.n)), "month"
        return _y(P.year - p.n), "year"
    if p.kind == "weekday":
        return _weekday(p, P, direction).isoformat(), "day"
    if p.kind in ("date", "week_of"):
        year = P.year + p.year_rel if p.year_rel is not None else None
        if p.day is None:
            return _month(p, P, year, direction), "month"
        d = _month_day(p.month, p.day, P, year, direction, weekday=p.weekday)
        if d is None:
            return None, gran
        return (iso_week(d), "week") if p.kind == "week_of" else (d.isoformat(), "day")
    return None, gran


def _absolute(year: int, month: int | None, day: int | None, gran: str | None) -> Value:
    if not _plausible(year):
        return None, gran
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return None, gran
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    d = _date(year, month, day)
    if d is None:
        return None, gran
    return (iso_week(d), "week") if gran == "week" else (d.isoformat(), "day")


def _weekday(p: Parsed, P: dt.date, direction: int) -> dt.date:
    pw, wd = P.weekday(), p.weekday
    if p.week_rel is not None:
        monday = P - dt.timedelta(days=pw) + dt.timedelta(weeks=p.week_rel)
        return monday + dt.timedelta(days=wd)
    if p.rel == 0:
        return P - dt.timedelta(days=pw) + dt.timedelta(days=wd)
    if p.rel == -1:
        return P - dt.timedelta(days=(pw - wd) % 7 or 7)
    if p.rel == 1 or direction > 0:
        return P + dt.timedelta(days=(wd - pw) % 7 or 7)
    return P - dt.timedelta(days=(pw - wd) % 7)


def _month(p: Parsed, P: dt.date, year: int | None, direction: int) -> str:
    m = p.month
    if year is not None:
        y = year
    elif p.rel == 0:
        y = P.year
    elif p.rel == -1:
        y = P.year if m < P.month else P.year - 1
    elif p.rel == 1:
        y = P.year if m > P.month else P.year + 1
    elif direction > 0:
        y = P.year if m >= P.month else P.year + 1
    else:
        y = P.year if m <= P.month else P.year - 1
    return _ym(y, m)


def _month_day(month: int, day: int, P: dt.date, year: int | None,
               direction: int, *, weekday: int | None = None) -> dt.date | None:
    if year is not None:
        return _date(year, month, day)
    cands = [d for d in (_date(P.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if weekday is not None:  # "Monday, July 3": the year in which July 3 is a Monday
        same = [d for d in cands if d.weekday() == weekday]
        if len(same) == 1:
            return same[0]
    if direction < 0:
        past = [d for d in cands if d <= P]
        return past[-1] if past else None
    if direction > 0:
        future = [d for d in cands if d >= P]
        return future[0] if future else None
    return min(cands, key=lambda d: (abs((d - P).days), d > P), default=None)


def _numeric(p: Parsed, published: dt.date | None, direction: int,
             country: str | None) -> Value:
    a, b, year = p.numeric
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b:
        month = day = a
    elif country is None or country.upper() in MIXED_ORDER_COUNTRIES:
        return None, "day"  # 5/1: May 1 or 5 January? Not guessed.
    elif country.upper() in MDY_COUNTRIES:
        month, day = a, b
    else:
        day, month = a, b
    if not 1 <= month <= 12:
        return None, "day"
    if year is not None:
        return _absolute(year, month, day, "day")
    if published is None:
        return None, "day"
    d = _month_day(month, day, published, None, direction)
    return (d.isoformat(), "day") if d else (None, "day")
