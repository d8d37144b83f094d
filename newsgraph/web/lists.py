"""The explorer's working lists: ``/events``, ``/quotes`` and ``/actors``.

Each is one query of the knowledge base (:meth:`KnowledgeBase.events`,
``quotes``, ``actors``) with the filters of ``newsgraph events`` and ``quotes``
as query parameters, a sort column, pages of :data:`PER_PAGE` (``per_page`` up
to :data:`MAX_PER_PAGE`) and downloads of every match
(:mod:`newsgraph.web.download`).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..models import EVENT_TYPES
from ..query.filters import ABOUT_SCOPES, MODALITIES
from .params import Pager, filter_of, number, page_url

__all__ = ["EVENT_PARAMS", "QUOTE_PARAMS", "events_data", "quotes_data", "actors_data",
           "events_view", "quotes_view", "actors_view", "actor_ids", "list_filter",
           "DOWNLOADS"]

PER_PAGE = 25
MAX_PER_PAGE = 200

#: Query parameters of ``/events``: the filter fields of ``newsgraph events``, and
#: ``text`` (words in the sentence) and the arrival bounds.
EVENT_PARAMS = ("type", "source", "target", "actor", "modality", "country", "publication",
                "language", "since", "until", "text", "arrived_since", "arrived_until", "dedupe")
#: Query parameters of ``/quotes``: ``speaker`` is ``newsgraph quotes --by``.
QUOTE_PARAMS = ("speaker", "about", "about_in", "country", "publication", "language", "since",
                "until", "text", "arrived_since", "arrived_until", "dedupe")
_RENAME = {"speaker": "by"}
#: The columns a list page can sort by: (label, sort key) per column header.
EVENT_COLUMNS = (("Date", "day"), ("Type", "type"), ("Who → whom", None),
                 ("Modality", "modality"), ("Sentence", None), ("Article", "publication"),
                 ("Arrived", "arrived"))
QUOTE_COLUMNS = (("Date", "published"), ("Speaker", "speaker"), ("Kind", "kind"),
                 ("Quote", None), ("Article", "publication"), ("Arrived", "arrived"))
DEFAULT_SORT = {"events": "-day", "quotes": "-published"}
#: Download formats: suffix -> (media type, description)
DOWNLOADS = {"csv": ("text/csv; charset=utf-8", "CSV"),
             "jsonl": ("application/x-ndjson", "JSON Lines"),
             "parquet": ("application/vnd.apache.parquet", "Parquet")}


def actor_ids(items: Iterable[Mapping[str, Any]]) -> list[str]:
    """The actor ids events and quotes (as dicts) name."""
    out: list[str] = []
    for x in items:
        out += list(x.get("source") or ()) + list(x.get("target") or ())
        sp = x.get("speaker")
        if isinstance(sp, Mapping) and sp.get("actor"):
            out.append(sp["actor"])
        out += list(x.get("about") or ())
    return out


def list_filter(kind: str, params: Mapping[str, Any]):
    """The filter of ``/events`` or ``/quotes`` from its query parameters."""
    names = EVENT_PARAMS if kind == "events" else QUOTE_PARAMS
    return filter_of(params, names, rename=_RENAME)


def _state(kind: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The list's parameters as given (for links that keep them)."""
    names = EVENT_PARAMS if kind == "events" else QUOTE_PARAMS
    state = {n: params.get(n) for n in names}
    state["sort"] = params.get("sort") or None
    state["per_page"] = params.get("per_page") or None
    return state


def _list(kind: str, kb, params: Mapping[str, Any]) -> dict[str, Any]:
    f = list_filter(kind, params)
    sort = params.get("sort") or DEFAULT_SORT[kind]
    per_page = min(number(params.get("per_page"), PER_PAGE, name="per_page"), MAX_PER_PAGE)
    page = number(params.get("page"), 1, name="page")
    query = kb.events if kind == "events" else kb.quotes
    res = query(f, limit=per_page, offset=(page - 1) * per_page, sort=sort).to_dict()
    state = _state(kind, params)
    pager = Pager(res["total"], page, per_page, f"/{kind}", state)
    kept = {k: v for k, v in state.items() if k != "per_page"}
    return {"kind": kind, "filter": res["filter"], "actors": res["actors"], "sort": sort,
            **pager.to_dict(), "items": res["items"],
            "names": kb.actor_names(actor_ids(res["items"])),
            "downloads": {fmt: page_url(f"/{kind}.{fmt}", kept) for fmt in DOWNLOADS}}


def events_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """``/events``: :meth:`KnowledgeBase.events` with the page's filters, one page of it."""
    return _list("events", kb, params)


def quotes_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """``/quotes``: :meth:`KnowledgeBase.quotes` with the page's filters, one page of it."""
    return _list("quotes", kb, params)


def _headers(kind: str, data: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
    """Column headers: a sort link each (again: the other way), and ``aria-sort``."""
    columns = EVENT_COLUMNS if kind == "events" else QUOTE_COLUMNS
    current = data["sort"]
    key, desc = current.lstrip("-"), current.startswith("-")
    out = []
    # quotes about an actor anywhere near them come nearest first
    ranked = kind == "quotes" and bool(data["filter"].get("about")) \
        and data["filter"].get("about_in") != "quote"
    for label, sort in columns:
        if ranked and sort != "published":
            sort = None  # quotes about an actor come nearest first: by date only
        h: dict[str, Any] = {"label": label, "sort": sort, "aria": None, "href": None}
        if sort:
            on = sort == key
            # first click: dates and arrival newest first, the others A to Z
            first_desc = sort in ("day", "published", "arrived")
            next_desc = (not desc) if on else first_desc
            h["href"] = page_url(f"/{kind}", state, sort=("-" if next_desc else "") + sort,
                                 page=None)
            if on:
                h["aria"] = "descending" if desc else "ascending"
        out.append(h)
    return out


def _view(kind: str, data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    state = _state(kind, params)
    pager = Pager(data["total"], data["page"], data["per_page"], f"/{kind}", state)
    return {"state": state, "pager": pager, "headers": _headers(kind, data, state),
            "event_types": EVENT_TYPES, "modalities": MODALITIES, "about_scopes": ABOUT_SCOPES,
            "json_url": page_url(f"/{kind}.json", state, page=data["page"]),
            "download_formats": DOWNLOADS}


def events_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    return _view("events", data, params)


def quotes_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    return _view("quotes", data, params)


ACTOR_PARAMS = ("name", "kind", "country")


def actors_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """``/actors``: the knowledge base's actors (``newsgraph link``'s table), most often
    named first, by part of a name, kind and country."""
    page = number(params.get("page"), 1, name="page")
    opts = {k: (params.get(k) or "").strip() or None for k in ACTOR_PARAMS}
    res = kb.actors(**opts, limit=PER_PAGE, offset=(page - 1) * PER_PAGE).to_dict()
    return {"filter": {k: v for k, v in opts.items() if v}, "items": res["items"],
            **Pager(res["total"], page, PER_PAGE, "/actors", opts).to_dict()}


def actors_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    from ..query.actors import KINDS

    state = {k: params.get(k) for k in ACTOR_PARAMS}
    return {"state": state, "kinds": KINDS,
            "pager": Pager(data["total"], data["page"], data["per_page"], "/actors", state),
            "json_url": page_url("/actors.json", state, page=data["page"])}
