"""Quotes: who said what, about whom, when (the one actor rule; the publication date).

``by`` is the speaker, ``about`` what the quote is about (see :mod:`.about`: named in
the quote, else its sentence, paragraph or headline, ranked in that order), both matched
by the actor rule of :mod:`newsgraph.query.actors` (``by="USA"`` finds what the United
States and the people who speak for it said).  Quotes come newest article first,
then in the order of the text (with ``about``: nearest first, then newest).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any, Iterator

from ..models import Cue, Span, Speaker
from .actors import Filtered, Resolved, party_sql, resolve
from .arrivals import arrived_sql, few_arrived
from .clusters import quote_ids_once
from .filters import Filter, order_sql, page_bounds, upper
from .listing import Record, sort_sql, sorted_ids_sql
from .words import count_words, words_sql

__all__ = ["QuoteRecord", "Quotes", "QUOTE_FILTERS", "QUOTE_SORTS", "quotes", "iter_quotes",
           "quote_where"]

#: The filter fields quote queries take.
QUOTE_FILTERS = ("by", "about", "about_in", "since", "until", "dedupe", "article_id",
                 "publication", "language", "country", "text", "arrived_since",
                 "arrived_until")

#: The columns quotes can be sorted by (``sort="speaker"``, ``sort="-arrived"``
#: descending; not with ``about``, whose quotes come nearest first).
QUOTE_SORTS = {"published": "q.published", "speaker": "q.speaker_name", "kind": "q.kind",
               "publication": "a.publication", "headline": "a.headline",
               "arrived": "a.ingested_at"}


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
    about_match: str | None = None  # with ``about``: quote, sentence, paragraph or headline
    arrived: str | None = None  # when its article arrived (ingested_at, UTC)

    def to_row(self) -> dict[str, Any]:
        sp = self.speaker
        return {"published": self.published, "publication": self.publication,
                "article_id": self.article_id, "headline": self.headline,
                "speaker": sp.name if sp else None,
                "speaker_actor": sp.actor if sp else None, "kind": self.kind,
                "cue": self.cue.text if self.cue else None, "text": self.text,
                "about": " ".join(self.about), "about_match": self.about_match,
                "rule": self.rule, "id": self.id}

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        if self.about_match is None:
            d.pop("about_match")
        return d


@dataclass(frozen=True)
class Quotes(Filtered[QuoteRecord]):
    """A page of quotes, with the filter and what its actors were resolved to."""

    noun = "quote"


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
        else None, d.get("rule"), arrived=d.get("arrived"))


#: Quotes a stored article holds, about, to weigh the articles that arrived after a
#: moment against an actor's quotes (:func:`~newsgraph.query.arrivals.few_arrived`).
_QUOTES_PER_ARTICLE = 3


def quote_where(conn: sqlite3.Connection, f: Filter, *, drive: bool = False
                ) -> tuple[str, list, tuple[Resolved, ...], str | None, list]:
    """The WHERE clause on ``quotes q`` for ``f`` (its parameters, the actors resolved),
    and with ``drive`` the condition on ``quote_parties p`` of its first actor (None)."""
    conds, params, found = [], [], []
    p_sql, p_params = None, []
    roles = [(resolve(conn, getattr(f, name), strict=True), role)
             for name, role in (("by", "speaker"), ("about", "about")) if getattr(f, name)]
    if drive and roles and few_arrived(conn, f, "quote_parties", roles[0][0].ids,
                                       _QUOTES_PER_ARTICLE):
        drive = False  # the quotes of the few articles that arrived, checked for the actor
    for r, role in roles:
        found.append(r)
        if not drive and f.arrived_since:
            sub = party_sql(r.ids, params, "+x.party")  # by the quote: its key, not the party
            params.append(role)
            conds.append(f"EXISTS (SELECT 1 FROM quote_parties x WHERE x.quote_id = q.id "
                         f"AND {sub} AND x.role = ?)")
            continue
        if drive and p_sql is None:
            p_sql = party_sql(r.ids, p_params, "p.party") + " AND p.role = ?"
            p_params.append(role)
            continue
        sub = party_sql(r.ids, params)
        params.append(role)
        conds.append(f"q.id IN (SELECT quote_id FROM quote_parties WHERE {sub} AND role = ?)")
    on = "p" if p_sql is not None else "q"
    dates, date_params = [], []
    if f.since:
        dates.append(f"{on}.published >= ?")
        date_params.append(f.since)
    if f.until:
        dates.append(f"{on}.published <= ?")
        date_params.append(upper(f.until))
    if p_sql is not None:
        p_sql = " AND ".join([p_sql, *dates])
        p_params += date_params
    else:
        conds, params = dates + conds, date_params + params
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
    arrived = arrived_sql(f.arrived_since, f.arrived_until, params)
    if arrived:
        conds.append(f"q.article_id IN (SELECT id FROM articles WHERE {' AND '.join(arrived)})")
    conds += words_sql(f.text, params, kind="quotes")
    return (" AND ".join(conds) or "1"), params, tuple(found), p_sql, p_params


def _ids(conn: sqlite3.Connection, f: Filter, limit: int | None, offset: int,
         order: str, sort: str | None = None
         ) -> tuple[list[int], int, tuple[Resolved, ...], dict[int, int]]:
    """(one page of quote ids in order, the total, the actors resolved, the ``about``
    level of each id: see :mod:`.about`); ``sort``: by a column of :data:`QUOTE_SORTS`.

    Newest article first, then in the order stored (the text's order); the first actor
    of the filter drives through the index of ``quote_parties`` (by party, role, date)."""
    f.only(QUOTE_FILTERS, "quotes")
    way = order_sql(order)
    column = None
    if sort is not None:
        column, way = sort_sql(sort, QUOTE_SORTS)
        column = None if column == "q.published" else column
    if f.about and (f.about_in != "quote" or not resolve(conn, f.about).ids):
        if column is not None:
            from ..errors import QueryError

            raise QueryError(f"sort {sort!r}: quotes about an actor come nearest first; "
                             "sort by date only (published)", code="E508")
        from .about import about_ids

        return about_ids(conn, f, lambda rest: quote_where(conn, rest)[:3], limit, offset, way)
    # no about, or about an actor named in the quote: walk the index by date
    where, params, found, p_sql, p_params = quote_where(conn, f, drive=True)
    back = "ASC" if way == "DESC" else "DESC"
    if p_sql is None:
        src, args = f"FROM quotes q WHERE {where}", params
        total = count_words(conn, f.text, kind="quotes") if set(f.given()) == {"text"} \
            else conn.execute(f"SELECT count(*) {src}", args).fetchone()[0]
        ids_sql = f"SELECT q.id {src}"
        # undated last: going down NULL comes last anyway (and the index gives the order)
        nulls = "q.published IS NULL, " if way == "ASC" else ""
        sql = f"{ids_sql} ORDER BY {nulls}q.published {way}, q.id {back}"
    else:
        join = "" if where == "1" else " CROSS JOIN quotes q ON q.id = p.quote_id"
        src, args = f"FROM quote_parties p{join} WHERE {p_sql} AND {where}", p_params + params
        total = conn.execute(f"SELECT count(DISTINCT p.quote_id) {src}", args).fetchone()[0]
        ids_sql = f"SELECT p.quote_id {src}"
        sql = (f"SELECT DISTINCT p.published, p.quote_id {src} "
               f"ORDER BY p.published {way}, p.quote_id {back}")
    if column is not None:  # by another column: the matching quotes, sorted
        cond = (where, params) if p_sql is None else (f"+q.id IN ({ids_sql})", args)
        sql, args = sorted_ids_sql("quotes", "q", column, way, (ids_sql, args), cond,
                                   matched=total)
    rows = conn.execute(sql + " LIMIT ? OFFSET ?",
                        (*args, -1 if limit is None else limit, offset)).fetchall()
    ids = [r[-1] for r in rows]
    return ids, total, found, ({i: 1 for i in ids} if f.about else {})


def _records(conn: sqlite3.Connection, ids: list[int],
             levels: dict[int, int] | None = None) -> list[QuoteRecord]:
    from .about import LEVEL_NAMES

    by_id = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        by_id.update((r["id"], r) for r in conn.execute(
            "SELECT q.*, a.headline, a.publication, a.ingested_at AS arrived FROM quotes q "
            f"JOIN articles a ON a.id = q.article_id "
            f"WHERE q.id IN ({','.join('?' * len(chunk))})", chunk))
    out = [quote_record(by_id[i]) for i in ids if i in by_id]
    if levels:
        out = [replace(q, about_match=LEVEL_NAMES.get(levels.get(q.id))) for q in out]
    return out


def quotes(conn: sqlite3.Connection, f: Filter = Filter(), *, limit: int | None = None,
           offset: int = 0, order: str = "newest", sort: str | None = None) -> Quotes:
    """The quotes ``f`` matches, newest article first (``sort``: by a column of
    :data:`QUOTE_SORTS`, ``-`` before it descending); ``limit`` from ``offset``
    (None: all), with the total."""
    limit, offset = page_bounds(limit, offset)
    ids, total, found, levels = _ids(conn, f, limit, offset, order, sort)
    return Quotes(tuple(_records(conn, ids, levels)), total, limit, offset, filter=f,
                  actors=found)


def iter_quotes(conn: sqlite3.Connection, f: Filter = Filter(), *, order: str = "newest",
                sort: str | None = None) -> Iterator[QuoteRecord]:
    """Every quote ``f`` matches, in order, streamed."""
    ids, _, _, levels = _ids(conn, f, None, 0, order, sort)
    for i in range(0, len(ids), 500):
        yield from _records(conn, ids[i:i + 500], levels)
