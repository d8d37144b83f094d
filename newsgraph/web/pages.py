"""The explorer's pages: one data function per page, shared by the HTML page and
its ``.json`` twin, plus the chart and markup each HTML page adds to it.

Data functions take the knowledge base and the request's path and query
parameters, call one query of the knowledge base, and return a JSON-able dict.
They raise :class:`NotFound` for unknown ids and
:class:`~newsgraph.errors.QueryError` for parameters that cannot be run.
"""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote, urlencode

from ..errors import QueryError
from ..models import EVENT_TYPES, QUAD_CLASS
from ..store.bounds import date_bound
from . import charts
from .markup import highlight, spans_of_article

__all__ = ["NotFound", "PAGES", "actor_url", "article_url", "dyad_url", "network_url",
           "search_url"]

QUADS = tuple(dict.fromkeys(QUAD_CLASS.values()))


class NotFound(LookupError):
    """The id in the URL is not in the knowledge base."""


# -- URLs ----------------------------------------------------------------------

def _seg(value: str) -> str:
    return quote(str(value), safe="")


def article_url(article_id: str, *, json: bool = False) -> str:
    return f"/articles/{_seg(article_id)}{'.json' if json else ''}"


def actor_url(actor_id: str, *, json: bool = False) -> str:
    return f"/actors/{_seg(actor_id)}{'.json' if json else ''}"


def dyad_url(a: str, b: str, *, json: bool = False) -> str:
    return f"/dyads/{_seg(a)}/{_seg(b)}{'.json' if json else ''}"


def search_url(params: Mapping[str, Any], **change: Any) -> str:
    merged = {k: v for k, v in {**params, **change}.items()
              if v not in (None, "") and not (k == "page" and v == 1)}
    return "/search" + ("?" + urlencode(merged) if merged else "")


def network_url(**params: Any) -> str:
    items = [(k, v) for k, v in params.items() if v and k != "types"]
    items += [("type", t) for t in params.get("types") or ()]
    return "/network" + ("?" + urlencode(items) if items else "")


def _int(value: str | None, default: int, *, name: str) -> int:
    if value in (None, ""):
        return default
    try:
        n = int(value)
    except ValueError:
        raise QueryError(f"{name} must be a whole number, not {value!r}", code="E506") from None
    if n < 1:
        raise QueryError(f"{name} must be 1 or more, not {n}", code="E506")
    return n


# -- data functions ------------------------------------------------------------

def home_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    return kb.explore_summary()


PER_PAGE = 20
#: Rank by relevance up to this many matches; more are listed newest first (the page
#: says so): bm25 scores every match, too slow for a page past a few thousand.
RANK_LIMIT = 5_000
FACET_ITEMS = 15  # values shown per facet (every month is shown)
_FILTERS = ("publication", "country", "language", "actor", "date_from", "date_to")


def search_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    """:meth:`KnowledgeBase.search <newsgraph.store.q_articles.ArticleQueries.search>`, one
    page of it, with the display names of the actors in its facet."""
    filters = {k: (params.get(k) or "").strip() or None for k in _FILTERS[:4]}
    filters["date_from"] = date_bound(params.get("from"), "from", code="E505")
    filters["date_to"] = date_bound(params.get("to"), "to", code="E505")
    page = _int(params.get("page"), 1, name="page")
    dedupe = params.get("dedupe") in ("1", "on")
    query = (params.get("q") or "").strip()
    out = {"query": query, "fts": "", "filters": filters, "dedupe": dedupe, "total": 0,
           "page": page, "per_page": PER_PAGE, "pages": 1, "hits": [], "facets": {},
           "actor_sample": None, "order": None}
    if not query and not any(filters.values()):
        return out  # the empty form
    res = kb.search(query, fts=params.get("fts") in ("1", "on"), since=filters["date_from"],
                    until=filters["date_to"], publication=filters["publication"],
                    language=filters["language"], country=filters["country"],
                    actor=filters["actor"], limit=PER_PAGE, offset=(page - 1) * PER_PAGE,
                    highlight=("\x02", "\x03"), snippet_words=24, dedupe=dedupe,
                    rank_limit=RANK_LIMIT).to_dict()
    facets = {k: [f for f in v if f["value"] is not None][:None if k == "month" else FACET_ITEMS]
              for k, v in res["facets"].items()}
    names = kb.explore_actor_names(f["value"] for f in facets.get("actor", ()))
    for f in facets.get("actor", ()):
        f["name"] = names[f["value"]]
    out.update(fts=res["fts"], total=res["total"], hits=res["hits"], facets=facets,
               pages=max(1, -(-res["total"] // PER_PAGE)), actor_sample=res["actor_sample"],
               order=res["order"], rank_limit=RANK_LIMIT)
    return out


def article_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    art = kb.explore_article(path["id"])
    if art is None:
        raise NotFound(f"no article with id {path['id']!r}")
    ids = [i for e in art["events"] for i in e["source"] + e["target"]]
    names = {a["id"]: a["name"] for a in art["actors"]}
    names.update({i: i for i in ids if i not in names})
    art["names"] = names
    return art


def actor_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    actor = kb.explore_actor(path["id"])
    if actor is None:
        raise NotFound(f"no actor with id {path['id']!r}")
    return actor


def dyad_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    a, b = path["a"], path["b"]
    for actor_id in (a, b):
        if not kb.explore_actor_known(actor_id):
            raise NotFound(f"no actor with id {actor_id!r}")
    return kb.explore_dyad(a, b, month=params.get("month") or None,
                           type=params.get("type") or None)


def network_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    types = params.get("types") or ()
    return kb.explore_network(types=types, date_from=params.get("from") or None,
                              date_to=params.get("to") or None,
                              max_edges=min(_int(params.get("edges"), 60, name="edges"), 400))


# -- what the HTML pages add ---------------------------------------------------

def home_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    pubs = [(p["name"], p["articles"], search_url({"publication": p["name"]}))
            for p in data["publications"][:12]]
    return {"pub_chart": charts.bars(pubs, label="articles per publication") if pubs else None}


def search_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    f = data["filters"]
    state = {"q": data["query"], "publication": f["publication"], "country": f["country"],
             "language": f["language"], "actor": f["actor"], "from": f["date_from"],
             "to": f["date_to"], "fts": params.get("fts") or None,
             "dedupe": "1" if data["dedupe"] else None}
    return {"state": state}


def article_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    spans = spans_of_article(data, actor_href=actor_url, names=data["names"])
    body, warnings = highlight(data["text"], spans)
    return {"body": body, "markup_warnings": warnings}


def _month_columns(months: list[str]) -> list[str]:
    return charts.months_between(months[0], months[-1]) if months else []


def actor_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    counts: dict[tuple[str, str], int] = {}
    for t in data["timeline"]:
        if t["quad"]:
            key = (t["month"], t["quad"])
            counts[key] = counts.get(key, 0) + t["count"]
    months = sorted({m for m, _ in counts})
    chart = charts.stacked_bars(_month_columns(months), QUADS, counts,
                                colours=charts.QUAD_COLOURS,
                                label=f"events of {data['name']} by quad class") if counts else None
    partners: dict[str, int] = {}
    for e in data["events_as_source"]:
        for t in e["target"]:
            partners[t] = partners.get(t, 0) + 1
    for e in data["events_as_target"]:
        for s in e["source"]:
            partners[s] = partners.get(s, 0) + 1
    partners.pop(data["id"], None)
    top = sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    return {"timeline_chart": chart,
            "partners": [{"id": k, "name": data["names"].get(k, k), "events": n,
                          "dyad": dyad_url(data["id"], k)} for k, n in top]}


def dyad_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    counts = {(r["month"], r["type"]): r["count"] for r in data["by_month"]}
    months = sorted({m for m, _ in counts})
    base = dyad_url(data["a"]["id"], data["b"]["id"])
    chart = charts.stacked_bars(
        _month_columns(months), EVENT_TYPES, counts, colours=charts.TYPE_COLOURS,
        href=lambda m, t: f"{base}?{urlencode({'month': m, 'type': t})}#sentences",
        label=f"events between {data['a']['name']} and {data['b']['name']}") if counts else None
    groups: dict[tuple[str, str], list] = {}
    for e in data["events"]:
        groups.setdefault((e["month"] or "undated", e["type"]), []).append(e)
    ordered = sorted(groups.items(), key=lambda kv: kv[0], reverse=True)
    return {"chart": chart, "base": base,
            "groups": [{"month": m, "type": t, "events": evs} for (m, t), evs in ordered]}


def network_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    chart = charts.network(data["nodes"], data["edges"], href=actor_url,
                           edge_href=dyad_url) if data["nodes"] else None
    return {"chart": chart, "event_types": EVENT_TYPES}


#: name -> (data function, view function, template)
PAGES = {
    "home": (home_data, home_view, "home.html"),
    "search": (search_data, search_view, "search.html"),
    "article": (article_data, article_view, "article.html"),
    "actor": (actor_data, actor_view, "actor.html"),
    "dyad": (dyad_data, dyad_view, "dyad.html"),
    "network": (network_data, network_view, "network.html"),
}
