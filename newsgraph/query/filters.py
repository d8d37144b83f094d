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
from ..safetext import has_surrogates, safe_path

__all__ = ["Filter", "check_text", "MODALITIES", "ABOUT_SCOPES", "PERIODS", "ORDERS", "date_bound",
           "upper", "period_of", "page_bounds", "order_sql", "country_alpha2", "country_alpha3",
           "nearest", "suggest"]

MODALITIES = ("asserted", "intended", "hypothetical", "negated")
#: How far from a quote ``about`` looks, nearest first (see :mod:`newsgraph.query.quotes`).
ABOUT_SCOPES = ("quote", "sentence", "paragraph", "headline")
PERIODS = ("week", "month", "year")
ORDERS = ("newest", "oldest")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_text(value: Any, what: str) -> Any:
    """``value``, or ``[E509]`` when it is a string that is not valid Unicode text: a lone
    surrogate, or the escaped bytes of a command-line argument that is not UTF-8."""
    if isinstance(value, str) and has_surrogates(value):
        raise QueryError(f"{what} '{safe_path(value)}' is not valid Unicode text (bytes that are "
                         "not UTF-8, or a lone surrogate)", code="E509")
    return value


def date_bound(value: str | None, name: str) -> str | None:
    """``value`` stripped, or None when empty; ``[E505]`` when it is no date: not
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or a month or day the calendar does not
    have (``2005-13``, ``2005-02-30``)."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if not _DATE.match(value):
        raise QueryError(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                         code="E505")
    year, month, day = (value.split("-") + [None, None])[:3]
    if month is not None and not 1 <= int(month) <= 12:
        raise QueryError(f"{name} {value!r} is not a date: there is no month {month}",
                         code="E505")
    if day is not None:
        try:
            _date(int(year), int(month), int(day))
        except ValueError:
            raise QueryError(f"{name} {value!r} is not a date: {_month_name(int(month))} "
                             f"{year} has no day {day}", code="E505") from None
    return value


#: ISO 3166-1's exceptionally reserved alpha-2 codes that stand for a state (the
#: United Kingdom's "UK", Greece's "EL" in the European Union's usage).
_RESERVED = {"UK": "GB", "EL": "GR"}


def _iso_country(value: str):
    """pycountry's record of an ISO 3166-1 alpha-2 or alpha-3 code (or an exceptionally
    reserved one: ``UK``) or a country's name (official, common or formal: "GB", "GBR",
    "United Kingdom"), or None."""
    import pycountry

    key = " ".join(value.split())
    key = _RESERVED.get(key.upper(), key)
    if not key:
        return None
    try:
        if len(key) in (2, 3) and key.isalpha() and key.isascii():
            return pycountry.countries.get(**{f"alpha_{len(key)}": key.upper()})
        return pycountry.countries.lookup(key)
    except LookupError:
        return None


def country_alpha3(value: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 or alpha-3 code or a country's name
    ("GB", "gbr", "United Kingdom" -> ``GBR``), or None."""
    hit = _iso_country(value)
    return hit.alpha_3 if hit is not None else None


def country_alpha2(value: str | None, name: str = "country") -> str | None:
    """A publication's country as ISO 3166-1 alpha-2 (how articles store it), from an
    alpha-2 or alpha-3 code or a name ("GB", "GBR", "United Kingdom" -> ``GB``);
    ``[E523]`` naming the nearest countries when it is none of them."""
    if value is None or not str(value).strip():
        return None
    hit = _iso_country(str(value))
    if hit is None:
        import pycountry

        known = [c.alpha_2 for c in pycountry.countries] + [c.name for c in pycountry.countries]
        raise QueryError(f"unknown {name} {value!r}: give an ISO 3166-1 code (GB or GBR) or "
                         f"a country's name{suggest(str(value), known)}", code="E523")
    return hit.alpha_2


def _month_name(month: int) -> str:
    return ("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December")[month - 1]


def nearest(value: str, known, *, n: int = 5) -> list[str]:
    """The known values closest to ``value`` (difflib), best first, for "did you mean"."""
    import difflib

    known = list(dict.fromkeys(k for k in known if k))
    by_fold = {}
    for k in known:
        by_fold.setdefault(k.casefold(), k)
    hits = difflib.get_close_matches(value.casefold(), list(by_fold), n=n, cutoff=0.6)
    return [by_fold[h] for h in hits]


def suggest(value: str, known, *, n: int = 5) -> str:
    """``"; nearest: A, B"`` (or ``""``) to end an "unknown" message with."""
    near = nearest(value, known, n=n)
    return f"; nearest: {', '.join(near)}" if near else ""


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
        near = [n for b in bad for n in nearest(b, allowed, n=3)]
        hint = f" (did you mean {', '.join(dict.fromkeys(near))}?)" if near else ""
        raise QueryError(f"unknown {what} {', '.join(bad)}{hint}; expected one of "
                         f"{', '.join(allowed)}", code="E531")
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
    about: str | None = None  # quotes: an actor (or words) the quote is about
    about_in: str | None = None  # quotes: how far ``about`` looks (ABOUT_SCOPES; headline)
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
            for item in (v if isinstance(v, (list, tuple)) else (v,)):
                check_text(item, f.name)
            if isinstance(v, str) and f.name not in ("type", "modality"):
                object.__setattr__(self, f.name, v.strip() or None)
        object.__setattr__(self, "type", _split(self.type, EVENT_TYPES, "type", upper_case=True))
        object.__setattr__(self, "modality",
                           _split(self.modality, MODALITIES, "modality", upper_case=False))
        object.__setattr__(self, "country", country_alpha2(self.country))
        if self.about_in is not None and self.about_in not in ABOUT_SCOPES:
            raise QueryError(f"about_in {self.about_in!r}: expected one of "
                             f"{', '.join(ABOUT_SCOPES)}", code="E531")
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
