"""One filter for every question: :class:`Filter`, dates and periods.

Every query of the knowledge base (events, dyads, quotes, search, the network, the
exports) takes the same :class:`Filter`; each uses the fields that apply to what it
lists and refuses the others with ``[E507]`` rather than ignore them.  Dates are
always ``since`` and ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, both
inclusive, a prefix standing for the whole year or month):

- an event's date is its **day**: its own date when that names a day, else its
  article's publication date (``events.day``); newest-first order and the week,
  month and year periods of dyads and timelines use the same day;
- a quote's or an article's date is the article's publication date.

An actor (``source``, ``target``, ``actor``, ``by``, ``about``) is given by id,
linked id or name and matched by the one actor rule of :mod:`newsgraph.query.actors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date as _date
from typing import Any

from ..errors import QueryError
from ..models import EVENT_TYPES

__all__ = ["Filter", "MODALITIES", "PERIODS", "ORDERS", "date_bound", "upper", "period_of",
           "page_bounds", "order_sql"]

MODALITIES = ("asserted", "intended", "hypothetical", "negated")
PERIODS = ("week", "month", "year")
ORDERS = ("newest", "oldest")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_bound(value: str | None, name: str) -> str | None:
    """``value`` stripped, or None when empty; ``[E505]`` when it is no date."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if not _DATE.match(value):
        raise QueryError(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                         code="E505")
    return value


def upper(value: str) -> str:
    """The inclusive upper string bound for a ``YYYY[-MM[-DD]]`` prefix."""
    return value + "\uffff"


def page_bounds(limit: int | None, offset: int) -> tuple[int | None, int]:
    """``(limit, offset)`` checked: ``[E506]`` when either is negative."""
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("limit and offset must not be negative", code="E506")
    return (None if limit is None else int(limit)), int(offset)


def order_sql(order: str) -> str:
    """``DESC`` for ``newest`` first, ``ASC`` for ``oldest``; ``[E508]`` otherwise."""
    if order not in ORDERS:
        raise QueryError(f"order {order!r}: expected one of {', '.join(ORDERS)}", code="E508")
    return "DESC" if order == "newest" else "ASC"


def period_of(day: str | None, by: str) -> str | None:
    """The week (``2022-W01``), month (``2022-01``) or year (``2022``) of a day.

    ``day`` is an event's day (or an article's publication date): ``YYYY-MM-DD``,
    rarely a coarser date from a corpus record, which keeps what it names.
    """
    if by not in PERIODS:
        raise QueryError(f"period {by!r}: expected one of {', '.join(PERIODS)}", code="E533")
    if not day:
        return None
    if by == "year":
        return day[:4]
    if by == "month":
        return day[:7] if len(day) >= 7 else None
    if len(day) != 10:
        return None
    y, w, _ = _date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def _split(value: Any, allowed: tuple[str, ...], what: str, *, upper_case: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    vals = [str(v).strip().upper() if upper_case else str(v).strip().lower() for v in items]
    vals = [v for v in vals if v]
    bad = [v for v in vals if v not in allowed]
    if bad:
        raise QueryError(f"unknown {what} {', '.join(bad)}; expected one of {', '.join(allowed)}",
                         code="E531")
    return tuple(dict.fromkeys(vals))


@dataclass(frozen=True)
class Filter:
    """What to list: every field optional, all given fields must hold.

    ``type`` and ``modality`` take one value, several separated by commas, or a
    sequence.  ``country``, ``publication`` and ``language`` are the article's
    (its publication's ISO 3166-1 alpha-2 country); a state as an actor is given as
    ``source``/``target``/``actor``/``by``/``about`` (``USA``).  ``dedupe`` counts a
    near-duplicate story once (see ``newsgraph dedupe``).  ``text`` keeps events whose
    sentence, and quotes whose words, hold every word of it (:mod:`.words`);
    ``arrived_since``/``arrived_until`` bound the article's time of arrival
    (:mod:`.arrivals`).
    """

    source: str | None = None  # events: an actor doing the act
    target: str | None = None  # events: an actor the act is done to
    actor: str | None = None  # events: either role; articles: found in the article
    by: str | None = None  # quotes: the speaker
    about: str | None = None  # quotes: an actor the quote mentions
    type: Any = None  # events: PLOVER type(s)
    modality: Any = None  # events: asserted, intended, hypothetical, negated
    since: str | None = None
    until: str | None = None
    publication: str | None = None
    language: str | None = None
    country: str | None = None
    article_id: str | None = None
    dedupe: bool = False
    text: str | None = None  # events: words in the sentence; quotes: in the quote
    arrived_since: str | None = None  # time of arrival (query.arrivals): after this
    arrived_until: str | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, str) and f.name not in ("type", "modality"):
                object.__setattr__(self, f.name, v.strip() or None)
        object.__setattr__(self, "type", _split(self.type, EVENT_TYPES, "type", upper_case=True))
        object.__setattr__(self, "modality",
                           _split(self.modality, MODALITIES, "modality", upper_case=False))
        object.__setattr__(self, "since", date_bound(self.since, "since"))
        object.__setattr__(self, "until", date_bound(self.until, "until"))
        from .arrivals import arrival_bound

        for name in ("arrived_since", "arrived_until"):
            object.__setattr__(self, name, arrival_bound(getattr(self, name), name=name))

    @classmethod
    def of(cls, filter: "Filter | None" = None, **fields_: Any) -> "Filter":
        """``filter`` with ``fields_`` set (a new Filter when ``filter`` is None)."""
        base = filter or cls()
        return replace(base, **fields_) if fields_ else base

    def given(self) -> dict[str, Any]:
        """The fields that are set, as ``{name: value}``."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v not in (None, (), False):
                out[f.name] = list(v) if isinstance(v, tuple) else v
        return out

    def only(self, allowed: tuple[str, ...], what: str) -> "Filter":
        """This filter, or ``[E507]`` when it sets a field ``what`` cannot use."""
        extra = [k for k in self.given() if k not in allowed]
        if extra:
            raise QueryError(f"{what} cannot be filtered by {', '.join(extra)} "
                             f"(it takes {', '.join(allowed)})", code="E507")
        return self

    def to_dict(self) -> dict[str, Any]:
        return self.given()
