"""Helpers for event-stage tests: hand-built actor indexes over synthetic sentences."""

from __future__ import annotations

import re

from newsgraph.actors import ActorIndex
from newsgraph.models import Actor, Article, Mention, Source, Span


def article(text: str, *, published: str | None = "2022-01-08") -> Article:
    return Article(id="t", source=Source(None, "text", "0"), text=text,
                   paragraphs=(Span(0, len(text)),), published=published)


def index(text: str, spec: dict[str, tuple]) -> ActorIndex:
    """Actors from ``{surface: (id, kind, country, sector[, members[, roles]])}``; every whole-word
    occurrence of each surface form becomes a mention of that actor."""
    by_id: dict[str, dict] = {}
    for surface, (aid, kind, country, sector, *rest) in spec.items():
        d = by_id.setdefault(aid, {"name": surface, "kind": kind, "country": country,
                                   "sector": sector, "members": tuple(rest[0]) if rest else (),
                                   "roles": tuple(rest[1]) if len(rest) > 1 else (),
                                   "mentions": []})
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            d["mentions"].append(Mention(m.start(), m.end(), m.group(0)))
    return ActorIndex.build(tuple(
        Actor(aid, d["name"], d["kind"], d["country"], d["sector"], d["members"], d["roles"],
              mentions=tuple(sorted(d["mentions"], key=lambda m: m.start)))
        for aid, d in by_id.items()))


COUNTRY = lambda code: (code, "country", code, "GOV")  # noqa: E731


def jsonl_articles(path, *, published: str | None = None):
    """Articles built from an eval corpus JSONL file (``id``, ``text``, ``published``)."""
    import json

    from newsgraph.models import Article, Source, Span

    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            text = r["text"]
            out.append(Article(id=r["id"], source=Source(str(path), "jsonl", r["id"], n), text=text,
                               paragraphs=(Span(0, len(text)),), language=r.get("language") or "en",
                               publication=r.get("publication"),
                               published=r.get("published") or published))
    return out


def predict(articles, out_path) -> int:
    """Run the pipeline over ``articles`` and write analysis records as JSON Lines."""
    import json

    from newsgraph.models import Failure
    from newsgraph.pipeline import analyze_articles

    n = 0
    with open(out_path, "w", encoding="utf-8") as f:
        for a in analyze_articles(articles):
            if isinstance(a, Failure):
                raise RuntimeError(str(a))
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n
