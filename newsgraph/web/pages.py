"""The explorer's pages: one data function per page, shared by the HTML page and
its ``.json`` twin (the HTML additions are in :mod:`newsgraph.web.views`).

Data functions take the knowledge base and the request's path and query
parameters, call the queries of the knowledge base, and return a JSON-able dict.
They raise :class:`NotFound` for unknown ids, :class:`Redirect` where a short id
or a name stands for one page, :class:`Choose` where a name fits several actors,
and :class:`~newsgraph.errors.QueryError` for parameters that cannot be run.
Every list they return is one page of its query with its total
(:class:`~newsgraph.web.params.Pager`).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

from ..errors import QueryError
from ..query.arrivals import now_utc
from ..query.filters import Filter
from . import lists, views
from .params import NotFound, Pager, actor_url, article_url, filter_of, number

__all__ = ["NotFound", "Redirect", "Choose", "PAGES"]


class Redirect(Exception):
    """The page lives at ``url`` (a short article id, an actor's name)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


class Choose(Exception):
    """A name fits several actors: ``candidates`` (dicts of :class:`KBActor`)."""

    def __init__(self, name: str, candidates: list[dict[str, Any]]):
        super().__init__(name)
        self.name = name
        self.candidates = candidates


PER_PAGE = 20
HOME_ITEMS = 10
HOME_ORDERS = ("published", "arrived")


def home_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """The overview, and the articles newest published or newest arrived first
    (``sort=arrived``; ``arrived_since`` keeps those that arrived after a moment:
    "since my last visit")."""
    d = kb.overview().to_dict()
    since = (params.get("arrived_since") or "").strip() or None
    sort = params.get("sort") or ("arrived" if since else "published")
    if sort not in HOME_ORDERS:
        raise QueryError(f"sort {sort!r}: expected one of {', '.join(HOME_ORDERS)}",
                         code="E508")
    page = number(params.get("page"), 1, name="page")
    pager_params = {"sort": sort if sort != "published" else None, "arrived_since": since}
    listed = kb.arrivals(since=since, limit=HOME_ITEMS, offset=(page - 1) * HOME_ITEMS,
                         order=sort)
    items, total = [a.to_dict() for a in listed], listed.total
    d.update(articles_list={"sort": sort, "arrived_since": since, "items": items,
                            **Pager(total, page, HOME_ITEMS, "/", pager_params).to_dict()},
             now=now_utc())
    if since:
        d["new"] = {"events": kb.events(arrived_since=since, limit=0).total,
                    "quotes": kb.quotes(arrived_since=since, limit=0).total}
    return d


#: Rank by relevance up to this many matches; more are listed newest first (the page
#: says so): bm25 scores every match, too slow for a page past a few thousand.
RANK_LIMIT = 5_000
FACET_ITEMS = 15  # values shown per facet (every month is shown)
_SEARCH_FILTERS = ("publication", "country", "language", "actor", "since", "until", "dedupe",
                   "arrived_since", "arrived_until")


def search_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """:meth:`KnowledgeBase.search <newsgraph.kb.KnowledgeBase.search>`, one page of it,
    with the display names of the actors in its facet.  ``order``: relevance, newest
    (published) or arrived (newest arrival first); with an order and no words, every
    article in that order."""
    f = filter_of(params, _SEARCH_FILTERS)
    page = number(params.get("page"), 1, name="page")
    query = (params.get("q") or "").strip()
    order = params.get("order") or None
    filters = {k: getattr(f, k) for k in _SEARCH_FILTERS if k != "dedupe"}
    out = {"query": query, "fts": "", "filters": filters, "dedupe": f.dedupe, "total": 0,
           "page": page, "per_page": PER_PAGE, "pages": 1, "hits": [], "facets": {},
           "facet_totals": {}, "actor_sample": None, "order": None, "asked_order": order}
    if not query and not any(filters.values()) and order is None:
        return out  # the empty form
    res = kb.search(query, f, fts=params.get("fts") in ("1", "on"), limit=PER_PAGE,
                    offset=(page - 1) * PER_PAGE, snippet_words=24, rank_limit=RANK_LIMIT,
                    names=False, order=order).to_dict()
    known = {k: [x for x in v if x["value"] is not None] for k, v in res["facets"].items()}
    facets = {k: v[:None if k == "month" else FACET_ITEMS] for k, v in known.items()}
    names = kb.actor_names(x["value"] for x in facets.get("actor", ()))
    for x in facets.get("actor", ()):
        x["name"] = names[x["value"]]
    out.update(fts=res["fts"], total=res["total"], hits=res["hits"], facets=facets,
               facet_totals={k: len(v) for k, v in known.items()},
               pages=max(1, -(-res["total"] // PER_PAGE)), actor_sample=res["actor_sample"],
               order=res["order"], rank_limit=RANK_LIMIT, actors=res["actors"])
    return out


def article_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """The article with this id; a unique id prefix (the CLI prints 12 characters)
    redirects to it."""
    art = kb.article(path["id"], analysis=True)
    if art is None:
        raise NotFound(f"no article with id {path['id']!r}", code="E504")
    if art.id != path["id"]:
        raise Redirect(article_url(art.id, json=path.get("json", False)))
    d = art.to_dict()
    d.update(source_path=art.article.source.path, source_format=art.article.source.format,
             source_record=art.article.source.record)
    return d


ACTOR_ITEMS = 25  # events and quotes listed per section of an actor page
NEW_ITEMS = 10  # events and quotes listed in an actor page's "new this week"
#: section of the actor page -> (filter field, page parameter)
ACTOR_SECTIONS = {"quotes_by": ("by", "said_page"), "quotes_about": ("about", "about_page"),
                  "events_as_source": ("source", "source_page"),
                  "events_as_target": ("target", "target_page")}


def _section_filter(field: str, actor_id: str) -> Filter:
    """The filter of a list of the actor page: quotes about it are those naming it in the
    quote, as ``newsgraph actor`` lists them."""
    return Filter(about=actor_id, about_in="quote") if field == "about" else \
        Filter(**{field: actor_id})


def resolve_actor(kb, key: str, *, json: bool = False) -> str:
    """The actor id ``key`` names: an id as it is; else a name the articles gave an
    actor (no language model: the names stored), which redirects to its page."""
    as_id = kb.resolve(key, names=False).ids
    if as_id:
        return as_id[0]
    found = kb.resolve(key).ids
    if not found:
        raise NotFound(f"no actor with id or name {key!r}", code="E520")
    if len(found) == 1:
        raise Redirect(actor_url(found[0], json=json))
    infos = [kb.actor(i) for i in found[:25]]
    raise Choose(key, [a.to_dict() for a in infos if a is not None])


def actor_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    """``newsgraph actor``: each list a page of :data:`ACTOR_ITEMS` (its own page
    parameter), and first what arrived this week (or since ``arrived_since``)."""
    actor_id = resolve_actor(kb, path["id"], json=path.get("json", False))
    profile = kb.actor_profile(actor_id, limit=ACTOR_ITEMS, names=False)
    if profile is None:
        raise NotFound(f"no actor with id {actor_id!r}", code="E520")
    d = profile.to_dict()
    more_ids: list[str] = []
    for section, (field, param) in ACTOR_SECTIONS.items():
        page = number(params.get(param), 1, name=param)
        if page > 1:
            query = kb.quotes if section.startswith("quotes") else kb.events
            d[section] = query(_section_filter(field, actor_id), limit=ACTOR_ITEMS,
                               offset=(page - 1) * ACTOR_ITEMS).to_dict()
            more_ids += lists.actor_ids(d[section]["items"])
        d[section].update(page=page, page_param=param, field=field)
    d["new"] = _new_for_actor(kb, actor_id, params)
    for part in ("events", "quotes_by", "quotes_about"):
        more_ids += lists.actor_ids(d["new"].get(part, {}).get("items", ()))
    if more_ids:
        d["names"].update(kb.actor_names(i for i in more_ids if i not in d["names"]))
    return d


def _new_for_actor(kb, actor_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The actor's events and quotes from the articles that arrived since a moment
    (``arrived_since``; else a week ago), newest arrival first."""
    since = (params.get("arrived_since") or "").strip() or (
        datetime.now(timezone.utc) - timedelta(days=7)).isoformat(timespec="seconds")
    f = Filter(arrived_since=since)  # checks the bound
    out: dict[str, Any] = {"arrived_since": f.arrived_since,
                           "week": not params.get("arrived_since")}
    arrived = kb.arrivals(since=f.arrived_since, limit=0).total
    out["articles"] = arrived
    if not arrived:
        return out
    if arrived == kb.arrivals(limit=0).total:
        out["everything"] = True  # every article arrived since: the lists below are new
        return out
    out["events"] = kb.events(actor=actor_id, arrived_since=f.arrived_since,
                              limit=NEW_ITEMS).to_dict()
    for name, field in (("quotes_by", "by"), ("quotes_about", "about")):
        out[name] = kb.quotes(Filter.of(_section_filter(field, actor_id),
                                        arrived_since=f.arrived_since),
                              limit=NEW_ITEMS).to_dict()
    return out


DYAD_ITEMS = 50  # events listed on a dyad page


def dyad_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    a, b = path["a"], path["b"]
    for actor_id in (a, b):
        if not kb.resolve(actor_id, names=False).ids:
            raise NotFound(f"no actor with id {actor_id!r}", code="E520")
    f = filter_of(params, ("type", "modality", "since", "until", "dedupe"))
    page = number(params.get("page"), 1, name="page")
    d = kb.dyad(a, b, f, by="month", limit=DYAD_ITEMS, offset=(page - 1) * DYAD_ITEMS)
    out = d.to_dict()
    out["names"] = kb.actor_names([a, b, *lists.actor_ids(out["events"]["items"])])
    out["selected"] = {"since": f.since, "until": f.until, "type": list(f.type)}
    out["page"] = page
    if f.since or f.until or f.type:  # the chart shows every event, the list the selection
        out["chart"] = kb.dyad(a, b, by="month", limit=0).to_dict()["periods"]
    else:
        out["chart"] = out["periods"]
    return out


NETWORK_SAMPLE = 5_000  # the network is drawn from the newest matching events
NETWORK_EDGES = 60  # links drawn by default (``edges``, at most MAX_EDGES)
MAX_EDGES = 400


def network_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    f = filter_of(params, ("type", "since", "until"))
    max_edges = min(number(params.get("edges"), NETWORK_EDGES, name="edges"), MAX_EDGES)
    g = kb.event_graph(f, sample=NETWORK_SAMPLE, max_edges=max_edges + 1)
    d = g.to_dict()
    d["more"] = len(d["pairs"]) > max_edges  # more links than drawn
    keep = {(p["source"], p["target"]) for p in d["pairs"][:max_edges]}
    d["pairs"] = d["pairs"][:max_edges]
    d["edges"] = [e for e in d["edges"] if (e["source"], e["target"]) in keep]
    weight: dict[str, int] = {}
    for p in d["pairs"]:
        for i in (p["source"], p["target"]):
            weight[i] = weight.get(i, 0) + p["weight"]
    d["filters"] = {"types": list(f.type), "since": f.since, "until": f.until}
    d["nodes"] = sorted(({"id": n["id"], "name": n["label"], "weight": weight[n["id"]]}
                         for n in d["nodes"] if n["id"] in weight),
                        key=lambda n: (-n["weight"], n["id"]))
    d["max_edges"] = max_edges
    return d


#: name -> (data function, view function, template)
PAGES = {
    "home": (home_data, views.home_view, "home.html"),
    "search": (search_data, views.search_view, "search.html"),
    "article": (article_data, views.article_view, "article.html"),
    "actor": (actor_data, views.actor_view, "actor.html"),
    "actors": (lists.actors_data, lists.actors_view, "actors.html"),
    "dyad": (dyad_data, views.dyad_view, "dyad.html"),
    "network": (network_data, views.network_view, "network.html"),
    "events": (lists.events_data, lists.events_view, "events.html"),
    "quotes": (lists.quotes_data, lists.quotes_view, "quotes.html"),
}
