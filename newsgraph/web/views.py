"""What the HTML pages add to their data: charts, highlighted text, pagers, links.

Each function takes a page's data (:mod:`newsgraph.web.pages`) and the request's
query parameters and returns the extra names its template uses.
"""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import quote, urlencode

from ..models import EVENT_TYPES, QUAD_CLASS
from . import charts
from .markup import highlight, spans_of_article
from .params import Pager, actor_url, dyad_url, page_url, search_url

__all__ = ["home_view", "search_view", "article_view", "actor_view", "dyad_view",
           "network_view", "QUADS"]

QUADS = tuple(dict.fromkeys(QUAD_CLASS.values()))


def home_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    pubs = [(p["name"], p["articles"], search_url({"publication": p["name"]}))
            for p in data["publications"][:12]]
    lst = data["articles_list"]
    state = {"sort": None if lst["sort"] == "published" else lst["sort"],
             "arrived_since": lst["arrived_since"]}
    return {"pub_chart": charts.bars(pubs, label="articles per publication") if pubs else None,
            "pager": Pager(lst["total"], lst["page"], lst["per_page"], "/", state,
                           anchor="#articles"),
            "sort_urls": {s: page_url("/", {"arrived_since": lst["arrived_since"]},
                                      sort=None if s == "published" else s) + "#articles"
                          for s in ("published", "arrived")},
            "next_visit": "/?arrived_since=" + quote(data["now"].replace("+00:00", "Z"),
                                                      safe=":")}


def search_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    f = data["filters"]
    state = {"q": data["query"], **{k: f[k] for k in f}, "fts": params.get("fts") or None,
             "dedupe": "1" if data["dedupe"] else None, "order": data["asked_order"]}
    return {"state": state,
            "pager": Pager(data["total"], data["page"], data["per_page"], "/search", state)}


def article_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    spans = spans_of_article(data, actor_href=actor_url, names=data["names"])
    body, warnings = highlight(data["text"], spans, paragraphs=True)
    return {"body": body, "markup_warnings": warnings}


def _buckets(counts: dict[tuple[str, str], int]) -> tuple[list[str], dict, str]:
    """Monthly counts in the buckets :func:`charts.buckets` picks for their span."""
    months = sorted({m for m, _ in counts})
    if not months:
        return [], {}, "month"
    columns, of, unit = charts.buckets(months[0], months[-1])
    out: dict[tuple[str, str], int] = {}
    for (m, s), n in counts.items():
        out[(of(m), s)] = out.get((of(m), s), 0) + n
    return columns, out, unit


def actor_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    actor = data["actor"]
    counts: dict[tuple[str, str], int] = {}
    for t in data["timeline"]:
        if t["quad"] and len(t["period"]) >= 7:
            key = (t["period"][:7], t["quad"])
            counts[key] = counts.get(key, 0) + t["n"]
    columns, binned, unit = _buckets(counts)
    chart = charts.stacked_bars(columns, QUADS, binned, colours=charts.QUAD_COLOURS,
                                label=f"events of {actor['name']} by quad class, by {unit}"
                                ) if binned else None
    partners: dict[str, int] = {}
    for e in data["events_as_source"]["items"]:
        for t in e["target"]:
            partners[t] = partners.get(t, 0) + 1
    for e in data["events_as_target"]["items"]:
        for s in e["source"]:
            partners[s] = partners.get(s, 0) + 1
    partners.pop(actor["id"], None)
    top = sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    path = actor_url(actor["id"])
    pagers: dict[str, Any] = {}
    for section in ("quotes_by", "quotes_about", "events_as_source", "events_as_target"):
        lst = data[section]
        field = lst["field"]
        pagers[section] = Pager(lst["total"], lst["page"], lst["limit"] or max(1, lst["total"]),
                                path, dict(params), param=lst["page_param"], anchor=f"#{section}")
        pagers[section + "_all"] = page_url(
            "/quotes" if section.startswith("quotes") else "/events",
            {"speaker" if field == "by" else field: actor["id"],
             "about_in": "quote" if field == "about" else None})
    return {"timeline_chart": chart, "timeline_unit": unit, "pagers": pagers,
            "partners": [{"id": k, "name": data["names"].get(k, k), "events": n,
                          "dyad": dyad_url(actor["id"], k)} for k, n in top],
            "new_urls": {
                "events": page_url("/events", {"actor": actor["id"], "sort": "-arrived",
                                               "arrived_since": data["new"]["arrived_since"]}),
                "quotes_by": page_url("/quotes", {"speaker": actor["id"], "sort": "-arrived",
                                                  "arrived_since": data["new"]["arrived_since"]}),
                "quotes_about": page_url("/quotes", {"about": actor["id"], "about_in": "quote",
                                                     "sort": "-arrived",
                                                     "arrived_since": data["new"]["arrived_since"]})}}


def dyad_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    a, b = data["a"]["spec"], data["b"]["spec"]
    names = data["names"]
    counts: dict[tuple[str, str], int] = {}
    for r in data["chart"]:
        if r["period"] and len(r["period"]) >= 7:
            counts[(r["period"], r["type"])] = counts.get((r["period"], r["type"]), 0) + r["n"]
    columns, binned, unit = _buckets(counts)
    base = dyad_url(a, b)

    def bar_href(period: str, t: str) -> str:
        since, until = charts.bucket_bounds(period)
        return f"{base}?{urlencode({'since': since, 'until': until, 'type': t})}#sentences"

    chart = charts.stacked_bars(
        columns, EVENT_TYPES, binned, colours=charts.TYPE_COLOURS, href=bar_href,
        label=f"events between {names[a]} and {names[b]}, by {unit}") if binned else None
    groups: dict[tuple[str, str], list] = {}
    for e in data["events"]["items"]:
        groups.setdefault((e["month"] or "undated", e["type"]), []).append(e)
    ordered = sorted(groups.items(), key=lambda kv: kv[0], reverse=True)
    sel = data["selected"]
    selected = bool(sel["since"] or sel["until"] or sel["type"])
    query = urlencode([(k, v) for k, v in (("since", sel["since"]), ("until", sel["until"]))
                       if v] + [("type", t) for t in sel["type"]])
    state = {"since": sel["since"], "until": sel["until"], "type": sel["type"]}
    ev = data["events"]
    return {"chart": chart, "unit": unit, "base": base, "a": a, "b": b, "selected": selected,
            "selection": query,
            "pager": Pager(ev["total"], data["page"], ev["limit"] or max(1, ev["total"]), base,
                           state, anchor="#sentences"),
            "groups": [{"month": m, "type": t, "events": evs} for (m, t), evs in ordered]}


def network_view(data: dict[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    pairs = data["pairs"]
    quads: dict[tuple[str, str], dict[str, int]] = {}
    for e in data["edges"]:
        q = quads.setdefault((e["source"], e["target"]), {})
        q[e["quad"] or ""] = q.get(e["quad"] or "", 0) + e["weight"]
    for p in pairs:  # a link's colour: the quad class of most of its events
        q = quads.get((p["source"], p["target"]), {})
        p["quad"] = max(sorted(q), key=lambda k: q[k]) if q else None
    chart = charts.network(data["nodes"], pairs, href=actor_url,
                           edge_href=dyad_url) if data["nodes"] else None
    f = data["filters"]
    more = None
    if data["more"] and data["max_edges"] < 400:
        more = page_url("/network", {"type": f["types"], "since": f["since"],
                                     "until": f["until"]}, edges=min(400, data["max_edges"] * 2))
    return {"chart": chart, "event_types": EVENT_TYPES, "pairs": pairs, "more_url": more,
            "quad_colours": charts.QUAD_COLOURS}
