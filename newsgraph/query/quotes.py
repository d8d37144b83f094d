"""Quotes: who said what, about whom, when (the one actor rule; the publication date).

``by`` is the speaker, ``about`` an actor the quote mentions, both matched by the
actor rule of :mod:`newsgraph.query.actors` (``by="USA"`` finds what the United
States and the people who speak for it said).  Quotes come newest article first,
then in the order of the text.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..models import Cue, Span, Speaker
from .actors import Resolved, party_sql, resolve
from .clusters import quote_ids_once
from .filters import Filter, order_sql, page_bounds, upper
from .listing import Listing, Record

__all__ = ["QuoteRecord", "Quotes", "QUOTE_FILTERS", "quotes", "iter_quotes", "quote_where"]

#: The filter fields quote queries take.
QUOTE_FILTERS = ("by", "about", "since", "until", "dedupe", "article_id", "publication",
                 "language", "country")


@dataclass(frozen=True)
class QuoteRecord(Record):
    """One stored quote (offsets into its article's text) with its article."""

    id: int
    article_id: str
    headline: str | None
    publication: str | None
    published: str | None
    seq: int
    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None
    cue: Cue | None
    about: tuple[str, ...]
    sentence: Span | None
    rule: str | None

    def to_row(self) -> dict[str, Any]:
        sp = self.speaker
        return {"published": self.published, "publication": self.publication,
                "article_id": self.article_id, "speaker": sp.name if sp else None,
                "speaker_actor": sp.actor if sp else None, "kind": self.kind,
                "cue": self.cue.text if self.cue else None, "text": self.text,
                "about": " ".join(self.about), "rule": self.rule, "id": self.id}


@dataclass(frozen=True)
class Quotes(Listing[QuoteRecord]):
    filter: Filter = field(default_factory=Filter)
    actors: tuple[Resolved, ...] = ()

    noun = "quote"

    def to_dict(self) -> dict[str, Any]:
        return super().to_dict() | {"filter": self.filter.to_dict(),
                                    "actors": [r.to_dict() for r in self.actors]}


def quote_record(row) -> QuoteRecord:
    d = dict(row)
    speaker = None
    if d.get("speaker_name") or d.get("speaker_actor") or d.get("speaker_start") is not None:
        speaker = Speaker(d.get("speaker_actor"), d.get("speaker_name"), d.get("speaker_start"),
                          d.get("speaker_end"), d.get("speaker_author"))
    return QuoteRecord(
        d["id"], d["article_id"], d.get("headline"), d.get("publication"), d.get("published"),
        d["seq"], d["start"], d["end"], d["text"], d["kind"], speaker,
        Cue(d["cue"], d["cue_start"], d["cue_end"]) if d.get("cue") else None,
        tuple(json.loads(d.get("about") or "[]")),
        Span(d["sentence_start"], d["sentence_end"]) if d.get("sentence_start") is not None
        else None, d.get("rule"))


def quote_where(conn: sqlite3.Connection, f: Filter) -> tuple[str, list, tuple[Resolved, ...]]:
    """The WHERE clause on ``quotes q`` for ``f`` (its parameters, the actors resolved)."""
    conds, params, found = [], [], []
    for name, role in (("by", "speaker"), ("about", "about")):
        spec = getattr(f, name)
        if not spec:
            continue
        r = resolve(conn, spec)
        found.append(r)
        sub = party_sql(r.ids, params)
        params.append(role)
        conds.append(f"q.id IN (SELECT quote_id FROM quote_parties WHERE {sub} AND role = ?)")
    if f.since:
        conds.append("q.published >= ?")
        params.append(f.since)
    if f.until:
        conds.append("q.published <= ?")
        params.append(upper(f.until))
    if f.article_id:
        conds.append("q.article_id = ?")
        params.append(f.article_id)
    art = [(c, getattr(f, c)) for c in ("publication", "language", "country") if getattr(f, c)]
    if art:
        conds.append("q.article_id IN (SELECT id FROM articles WHERE "
                     + " AND ".join(f"{c} = ?" for c, _ in art) + ")")
        params += [v for _, v in art]
    if f.dedupe:
        conds.append(f"q.id IN ({quote_ids_once()})")
    return (" AND ".join(conds) or "1"), params, tuple(found)


_SELECT = ("SELECT q.*, a.headline, a.publication FROM quotes q "
           "JOIN articles a ON a.id = q.article_id WHERE {where} "
           "ORDER BY q.published IS NULL, q.published {way}, q.article_id, q.seq")


def quotes(conn: sqlite3.Connection, f: Filter = Filter(), *, limit: int | None = None,
           offset: int = 0, order: str = "newest") -> Quotes:
    """The quotes ``f`` matches, newest article first; ``limit`` from ``offset``
    (None: all), with the total."""
    limit, offset = page_bounds(limit, offset)
    where, params, found = quote_where(conn, f.only(QUOTE_FILTERS, "quotes"))
    total = conn.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchone()[0]
    rows = conn.execute(_SELECT.format(where=where, way=order_sql(order)) + " LIMIT ? OFFSET ?",
                        (*params, -1 if limit is None else limit, offset)).fetchall()
    return Quotes(tuple(quote_record(r) for r in rows), total, limit, offset, filter=f,
                  actors=found)


def iter_quotes(conn: sqlite3.Connection, f: Filter = Filter(), *,
                order: str = "newest") -> Iterator[QuoteRecord]:
    """Every quote ``f`` matches, in order, streamed."""
    where, params, _ = quote_where(conn, f.only(QUOTE_FILTERS, "quotes"))
    cur = conn.execute(_SELECT.format(where=where, way=order_sql(order)), params)
    while rows := cur.fetchmany(500):
        yield from (quote_record(r) for r in rows)
