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
from . import charts
from .markup import highlight, spans_of_article

__all__ = ["NotFound", "PAGES", "actor_url", "article_url", "dyad_url", "network_url",
           "search_url"]

QUADS = tuple(dict.fromkeys(QUAD_CLASS.values()))


class NotFound(LookupError):
    """The id in the URL is not in the knowledge base (``code`` says what kind of id)."""

    def __init__(self, message: str, *, code: str = "E511"):
        super().__init__(message)
        self.code = code


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

def _filter(params: Mapping[str, Any], *names: str):
    """The :class:`~newsgraph.query.filters.Filter` of a page's query parameters
    (``since``/``until`` for dates, ``type`` repeated or comma separated)."""
    from ..query.filters import Filter

    fields: dict[str, Any] = {}
    for name in names:
        if name == "type":
            fields["type"] = [t for v in params.get("types") or () for t in v.split(",")] or None
        elif name == "dedupe":
            fields["dedupe"] = params.get("dedupe") in ("1", "on")
        else:
            fields[name] = (params.get(name) or "").strip() or None
    return Filter(**fields)


def home_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    return kb.overview().to_dict()


PER_PAGE = 20
#: Rank by relevance up to this many matches; more are listed newest first (the page
#: says so): bm25 scores every match, too slow for a page past a few thousand.
RANK_LIMIT = 5_000
FACET_ITEMS = 15  # values shown per facet (every month is shown)
_SEARCH_FILTERS = ("publication", "country", "language", "actor", "since", "until", "dedupe")


def search_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    """:meth:`KnowledgeBase.search <newsgraph.kb.KnowledgeBase.search>`, one page of it,
    with the display names of the actors in its facet."""
    f = _filter(params, *_SEARCH_FILTERS)
    page = _int(params.get("page"), 1, name="page")
    query = (params.get("q") or "").strip()
    filters = {k: getattr(f, k) for k in _SEARCH_FILTERS if k != "dedupe"}
    out = {"query": query, "fts": "", "filters": filters, "dedupe": f.dedupe, "total": 0,
           "page": page, "per_page": PER_PAGE, "pages": 1, "hits": [], "facets": {},
           "actor_sample": None, "order": None}
    if not query and not any(filters.values()):
        return out  # the empty form
    res = kb.search(query, f, fts=params.get("fts") in ("1", "on"), limit=PER_PAGE,
                    offset=(page - 1) * PER_PAGE, snippet_words=24, rank_limit=RANK_LIMIT,
                    names=False).to_dict()
    facets = {k: [x for x in v if x["value"] is not None][:None if k == "month" else FACET_ITEMS]
              for k, v in res["facets"].items()}
    names = kb.actor_names(x["value"] for x in facets.get("actor", ()))
    for x in facets.get("actor", ()):
        x["name"] = names[x["value"]]
    out.update(fts=res["fts"], total=res["total"], hits=res["hits"], facets=facets,
               pages=max(1, -(-res["total"] // PER_PAGE)), actor_sample=res["actor_sample"],
               order=res["order"], rank_limit=RANK_LIMIT, actors=res["actors"])
    return out


def article_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    art = kb.article(path["id"], analysis=True)
    if art is None or art.id != path["id"]:
        raise NotFound(f"no article with id {path['id']!r}", code="E504")
    d = art.to_dict()
    d.update(source_path=art.article.source.path, source_format=art.article.source.format,
             source_record=art.article.source.record)
    return d


ACTOR_ITEMS = 25  # events and quotes listed per section of an actor page


def actor_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    profile = kb.actor_profile(path["id"], limit=ACTOR_ITEMS, names=False)
    if profile is None:
        raise NotFound(f"no actor with id {path['id']!r}", code="E520")
    return profile.to_dict()


DYAD_ITEMS = 50  # events listed on a dyad page


def dyad_data(kb, path: Mapping[str, str], params: Mapping[str, str]) -> dict[str, Any]:
    a, b = path["a"], path["b"]
    for actor_id in (a, b):
        if not kb.resolve(actor_id, names=False).ids:
            raise NotFound(f"no actor with id {actor_id!r}", code="E520")
    f = _filter(params, "type", "modality", "since", "until", "dedupe")
    d = kb.dyad(a, b, f, by="month", limit=DYAD_ITEMS)
    out = d.to_dict()
    out["names"] = kb.actor_names([a, b])
    out["selected"] = {"since": f.since, "until": f.until, "type": list(f.type)}
    if f.since or f.until or f.type:  # the chart shows every event, the list the selection
        out["chart"] = kb.dyad(a, b, by="month", limit=0).to_dict()["periods"]
    else:
        out["chart"] = out["periods"]
    return out


NETWORK_SAMPLE = 5_000  # the network is drawn from the newest matching events


def network_data(kb, path: Mapping[str, str], params: Mapping[str, Any]) -> dict[str, Any]:
    f = _filter(params, "type", "since", "until")
    g = kb.event_graph(f, sample=NETWORK_SAMPLE,
                       max_edges=min(_int(params.get("edges"), 60, name="edges"), 400))
    d = g.to_dict()
    d["filters"] = {"types": list(f.type), "since": f.since, "until": f.until}
    d["nodes"] = [{"id": n["id"], "name": n["label"], "weight": n["weight"]} for n in d["nodes"]]
    d["max_edges"] = min(_int(params.get("edges"), 60, name="edges"), 400)
    return d


# -- what the HTML pages add ---------------------------------------------------

def home_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    pubs = [(p["name"], p["articles"], search_url({"publication": p["name"]}))
            for p in data["publications"][:12]]
    return {"pub_chart": charts.bars(pubs, label="articles per publication") if pubs else None}


def search_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    f = data["filters"]
    state = {"q": data["query"], "publication": f["publication"], "country": f["country"],
             "language": f["language"], "actor": f["actor"], "since": f["since"],
             "until": f["until"], "fts": params.get("fts") or None,
             "dedupe": "1" if data["dedupe"] else None}
    return {"state": state}


def article_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    spans = spans_of_article(data, actor_href=actor_url, names=data["names"])
    body, warnings = highlight(data["text"], spans)
    return {"body": body, "markup_warnings": warnings}


def _month_columns(months: list[str]) -> list[str]:
    return charts.months_between(months[0], months[-1]) if months else []


def actor_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    actor = data["actor"]
    counts: dict[tuple[str, str], int] = {}
    for t in data["timeline"]:
        if t["quad"]:
            key = (t["period"], t["quad"])
            counts[key] = counts.get(key, 0) + t["n"]
    months = sorted({m for m, _ in counts})
    chart = charts.stacked_bars(_month_columns(months), QUADS, counts,
                                colours=charts.QUAD_COLOURS,
                                label=f"events of {actor['name']} by quad class") if counts else None
    partners: dict[str, int] = {}
    for e in data["events_as_source"]["items"]:
        for t in e["target"]:
            partners[t] = partners.get(t, 0) + 1
    for e in data["events_as_target"]["items"]:
        for s in e["source"]:
            partners[s] = partners.get(s, 0) + 1
    partners.pop(actor["id"], None)
    top = sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    return {"timeline_chart": chart,
            "partners": [{"id": k, "name": data["names"].get(k, k), "events": n,
                          "dyad": dyad_url(actor["id"], k)} for k, n in top]}


def dyad_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    a, b = data["a"]["spec"], data["b"]["spec"]
    names = data["names"]
    counts: dict[tuple[str, str], int] = {}
    for r in data["chart"]:
        if r["period"]:
            counts[(r["period"], r["type"])] = counts.get((r["period"], r["type"]), 0) + r["n"]
    months = sorted({m for m, _ in counts})
    base = dyad_url(a, b)
    chart = charts.stacked_bars(
        _month_columns(months), EVENT_TYPES, counts, colours=charts.TYPE_COLOURS,
        href=lambda m, t: f"{base}?{urlencode({'since': m, 'until': m, 'type': t})}#sentences",
        label=f"events between {names[a]} and {names[b]}") if counts else None
    groups: dict[tuple[str, str], list] = {}
    for e in data["events"]["items"]:
        groups.setdefault((e["month"] or "undated", e["type"]), []).append(e)
    ordered = sorted(groups.items(), key=lambda kv: kv[0], reverse=True)
    sel = data["selected"]
    selected = bool(sel["since"] or sel["until"] or sel["type"])
    query = urlencode([(k, v) for k, v in (("since", sel["since"]), ("until", sel["until"]))
                       if v] + [("type", t) for t in sel["type"]])
    return {"chart": chart, "base": base, "a": a, "b": b, "selected": selected,
            "selection": query,
            "groups": [{"month": m, "type": t, "events": evs} for (m, t), evs in ordered]}


def network_view(data: dict[str, Any], params: Mapping[str, str]) -> dict[str, Any]:
    pairs = data["pairs"]
    chart = charts.network(data["nodes"], pairs, href=actor_url,
                           edge_href=dyad_url) if data["nodes"] else None
    return {"chart": chart, "event_types": EVENT_TYPES, "pairs": pairs}


#: name -> (data function, view function, template)
PAGES = {
    "home": (home_data, home_view, "home.html"),
    "search": (search_data, search_view, "search.html"),
    "article": (article_data, article_view, "article.html"),
    "actor": (actor_data, actor_view, "actor.html"),
    "dyad": (dyad_data, dyad_view, "dyad.html"),
    "network": (network_data, network_view, "network.html"),
}
