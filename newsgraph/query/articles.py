"""Articles: one stored article (with its analysis), the overview, stats, recorded errors."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import QueryError
from ..models import Article, Mention, TimeExpr
from ..store.write import article_from_row
from .events import EVENT_COLUMNS, EventRecord, event_records
from .filters import check_text
from .listing import Record
from .quotes import QuoteRecord, quote_record

__all__ = ["ArticleActor", "StoredArticle", "KBStats", "Overview", "RecordedError",
           "resolve_id", "article", "stats", "overview", "errors"]


@dataclass(frozen=True)
class ArticleActor(Record):
    """An actor as one article found it, with the knowledge-base actor it is linked to."""

    id: str
    kb_id: str  # the linked id (``newsgraph link``), else ``id``
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    roles: tuple[str, ...]
    members: tuple[str, ...]
    affiliation: str | None
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class StoredArticle(Record):
    """An article as stored, with what the knowledge base knows about it; with
    ``analysis=True`` also its actors (and mentions), quotes, events and times."""

    article: Article
    pipeline_version: str | None  # None: stored without analysis (``--no-analysis``)
    ingested_at: str
    analysed_at: str | None
    n_actors: int
    n_quotes: int
    n_events: int
    warnings: tuple[str, ...] = ()  # the analysis's own warnings
    cluster_id: str | None = None
    actors: tuple[ArticleActor, ...] | None = None
    quotes: tuple[QuoteRecord, ...] | None = None
    events: tuple[EventRecord, ...] | None = None
    times: tuple[TimeExpr, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    def names(self) -> dict[str, str]:
        """Display names of the actor ids its events and quotes use."""
        out = {a.id: a.name for a in self.actors or ()}
        for e in self.events or ():
            out.update({i: i for i in e.source + e.target if i not in out})
        return out

    def to_dict(self) -> dict[str, Any]:
        d = self.article.to_dict()
        d.update(pipeline_version=self.pipeline_version, ingested_at=self.ingested_at,
                 analysed_at=self.analysed_at, n_actors=self.n_actors, n_quotes=self.n_quotes,
                 n_events=self.n_events, cluster_id=self.cluster_id,
                 warnings=list(self.article.warnings) + list(self.warnings))
        if self.actors is not None:
            d.update(times=[t.to_dict() for t in self.times],
                     actors=[a.to_dict() for a in self.actors],
                     quotes=[q.to_dict() for q in self.quotes or ()],
                     events=[e.to_dict() for e in self.events or ()], names=self.names())
        return d


def resolve_id(conn: sqlite3.Connection, id_or_prefix: str) -> str | None:
    """The full id of the article with this id or id prefix (None: no such article).

    ``[E503]`` when the prefix names several articles.
    """
    if not check_text(id_or_prefix, "article id"):
        return None
    row = conn.execute("SELECT id FROM articles WHERE id = ?", (id_or_prefix,)).fetchone()
    if row:
        return row[0]
    sql, params = _prefix_range(id_or_prefix)
    ids = [r[0] for r in conn.execute(
        f"SELECT id FROM articles WHERE {sql} ORDER BY id LIMIT 6", params)]
    if len(ids) > 1:
        shown = ", ".join(i[:16] for i in ids[:5]) + (", ..." if len(ids) > 5 else "")
        raise QueryError(f"{id_or_prefix!r} matches several articles ({shown}): "
                         "give more of the id", code="E503")
    return ids[0] if ids else None


def ids_with_prefix(conn: sqlite3.Connection, prefix: str, *, limit: int = 1000
                    ) -> list[tuple[str, str | None, str | None]]:
    """``(id, published, headline)`` of the articles whose id is ``prefix`` or starts with
    it, in id order, at most ``limit``."""
    if not prefix or not check_text(prefix, "article id"):
        return []
    sql, params = _prefix_range(prefix)
    return [tuple(r) for r in conn.execute(
        f"SELECT id, published, headline FROM articles WHERE {sql} ORDER BY id LIMIT ?",
        (*params, limit))]


def _prefix_range(prefix: str) -> tuple[str, tuple]:
    """SQL condition and parameters for the ids that start with ``prefix``."""
    last = ord(prefix[-1])
    if last < 0x10FFFF:  # the ids from the prefix up to the next one
        after = last + 1 if not 0xD7FF <= last < 0xE000 else 0xE000  # surrogates skipped
        return "id >= ? AND id < ?", (prefix, prefix[:-1] + chr(after))
    # the last code point there is: no next one
    return "id >= ? AND substr(id, 1, ?) = ?", (prefix, len(prefix), prefix)


def _actors(conn: sqlite3.Connection, aid: str) -> tuple[ArticleActor, ...]:
    mentions: dict[str, list[Mention]] = {}
    for r in conn.execute('SELECT actor_id, start, "end", text, form FROM mentions '
                          'WHERE article_id = ? ORDER BY start', (aid,)):
        mentions.setdefault(r["actor_id"], []).append(
            Mention(r["start"], r["end"], r["text"], r["form"] or "name"))
    out = []
    for r in conn.execute("SELECT * FROM article_actors WHERE article_id = ? "
                          "ORDER BY n_mentions DESC, actor_id", (aid,)):
        out.append(ArticleActor(
            r["actor_id"], r["kb_actor_id"] or r["actor_id"], r["name"], r["kind"], r["country"],
            r["sector"], tuple(json.loads(r["roles"] or "[]")),
            tuple(json.loads(r["members"] or "[]")), r["affiliation"],
            tuple(mentions.pop(r["actor_id"], ()))))
    for actor_id, ms in mentions.items():  # mentions of an actor with no row (a stage bug)
        out.append(ArticleActor(actor_id, actor_id, ms[0].text, None, None, None, (), (), None,
                                tuple(ms)))
    return tuple(out)


def article(conn: sqlite3.Connection, id_or_prefix: str, *,
            analysis: bool = False) -> StoredArticle | None:
    """The stored article with this id (or unambiguous id prefix), or None."""
    aid = resolve_id(conn, id_or_prefix)
    if aid is None:
        return None
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone()
    n = {t: conn.execute(f"SELECT count(*) FROM {t} WHERE article_id = ?", (aid,)).fetchone()[0]
         for t in ("article_actors", "quotes", "events")}
    extra: dict[str, Any] = {}
    if analysis:
        quotes = conn.execute("SELECT q.*, a.headline, a.publication FROM quotes q "
                              "JOIN articles a ON a.id = q.article_id WHERE q.article_id = ? "
                              "ORDER BY q.seq", (aid,)).fetchall()
        events = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a "
                              "ON a.id = e.article_id WHERE e.article_id = ? ORDER BY e.seq",
                              (aid,)).fetchall()
        extra = dict(actors=_actors(conn, aid), quotes=tuple(quote_record(r) for r in quotes),
                     events=tuple(event_records(conn, events)),
                     times=tuple(TimeExpr(**t) for t in json.loads(row["times"] or "[]")))
    return StoredArticle(article_from_row(row), row["pipeline_version"], row["ingested_at"],
                         row["analysed_at"], n["article_actors"], n["quotes"], n["events"],
                         tuple(json.loads(row["analysis_warnings"] or "[]")), row["cluster_id"],
                         **extra)


@dataclass(frozen=True)
class KBStats(Record):
    path: str
    size_bytes: int
    schema_version: int
    articles: int
    analysed: int  # with a pipeline_version
    current: int  # analysed by the running pipeline version
    actors: int  # actor rows over all articles
    quotes: int
    events: int
    runs: int
    errors: int
    first_published: str | None
    last_published: str | None
    languages: tuple[tuple[str | None, int], ...]
    publications: tuple[tuple[str | None, int], ...]
    countries: tuple[tuple[str | None, int], ...]
    pipeline_versions: tuple[tuple[str | None, int], ...]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("languages", "publications", "countries", "pipeline_versions"):
            d[k] = [{"value": v, "count": n} for v, n in getattr(self, k)]
        return d


def stats(conn: sqlite3.Connection, path: str, *, current_version: str,
          top: int = 10) -> KBStats:
    """Counts over the knowledge base (top ``top`` publications and countries);
    ``current`` counts the articles analysed by ``current_version``."""
    from ..store.migrate import schema_version

    def one(sql: str, *p) -> Any:
        return conn.execute(sql, p).fetchone()[0]

    def group(col: str, n: int) -> tuple:
        return tuple(tuple(r) for r in conn.execute(
            f"SELECT {col}, count(*) AS n FROM articles GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?",
            (n,)))

    size = 0
    for suffix in ("", "-wal"):
        try:
            size += os.path.getsize(path + suffix)
        except OSError:
            pass
    return KBStats(
        path=path, size_bytes=size, schema_version=schema_version(conn),
        articles=one("SELECT count(*) FROM articles"),
        analysed=one("SELECT count(*) FROM articles WHERE pipeline_version IS NOT NULL"),
        current=one("SELECT count(*) FROM articles WHERE pipeline_version = ?", current_version),
        actors=one("SELECT count(*) FROM article_actors"),
        quotes=one("SELECT count(*) FROM quotes"), events=one("SELECT count(*) FROM events"),
        runs=one("SELECT count(*) FROM runs"), errors=one("SELECT count(*) FROM errors"),
        # two queries: each is one index look-up, where min and max together scan
        first_published=one("SELECT min(published) FROM articles"),
        last_published=one("SELECT max(published) FROM articles"),
        languages=group("language", 50), publications=group("publication", top),
        countries=group("country", top), pipeline_versions=group("pipeline_version", 20),
    )


@dataclass(frozen=True)
class Overview(Record):
    """The knowledge base at a glance (the explorer's home page)."""

    articles: int
    quotes: int
    events: int
    first_published: str | None
    last_published: str | None
    publications: tuple[tuple[str, int], ...]
    top_actors: tuple[dict, ...]
    top_actors_basis: str
    recent: tuple[dict, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "quotes": self.quotes, "events": self.events,
            "date_range": {"first": self.first_published, "last": self.last_published},
            "publications": [{"name": n, "articles": c} for n, c in self.publications],
            "top_actors": list(self.top_actors), "top_actors_basis": self.top_actors_basis,
            "recent": list(self.recent),
        }


def overview(conn: sqlite3.Connection, *, top: int = 12, recent: int = 10,
             window: int = 500) -> Overview:
    """Corpus size, date range, publications, top actors and recent articles.

    Top actors come from ``link``'s table when it is filled, else from the ``window``
    most recent articles.
    """
    pubs = conn.execute(
        "SELECT publication, count(*) AS n FROM articles WHERE publication IS NOT NULL "
        "GROUP BY publication ORDER BY n DESC, publication LIMIT 25").fetchall()
    basis = "knowledge base"
    rows = [dict(r) for r in conn.execute(
        "SELECT id, name, kind, country, n_articles FROM actors "
        "ORDER BY n_articles DESC, id LIMIT ?", (top,))]
    if not rows:
        basis = f"{window} most recent articles"
        for r in conn.execute(
                "SELECT aa.actor_id AS id, count(*) AS n_articles FROM "
                "(SELECT id FROM articles ORDER BY published DESC LIMIT ?) x "
                "CROSS JOIN article_actors aa ON aa.article_id = x.id "
                "GROUP BY aa.actor_id ORDER BY n_articles DESC, aa.actor_id LIMIT ?",
                (window, top)).fetchall():
            seen = conn.execute("SELECT name, kind, country FROM article_actors "
                                "WHERE actor_id = ? LIMIT 1", (r["id"],)).fetchone()
            rows.append({"id": r["id"], "name": seen["name"], "kind": seen["kind"],
                         "country": seen["country"], "n_articles": r["n_articles"]})
    latest = [dict(r) for r in conn.execute(
        "SELECT id, headline, publication, published, country, language FROM articles "
        "ORDER BY published DESC, rowid DESC LIMIT ?", (recent,))]
    return Overview(
        conn.execute("SELECT count(*) FROM articles").fetchone()[0],
        conn.execute("SELECT count(*) FROM quotes").fetchone()[0],
        conn.execute("SELECT count(*) FROM events").fetchone()[0],
        conn.execute("SELECT min(published) FROM articles").fetchone()[0],
        conn.execute("SELECT max(published) FROM articles").fetchone()[0],
        tuple((r[0], r[1]) for r in pubs), tuple(rows), basis, tuple(latest))


@dataclass(frozen=True)
class RecordedError(Record):
    """A document that failed in a run (``ingest``, ``reprocess``, ``load``)."""

    id: int
    run_id: int | None
    at: str
    location: str
    code: str
    message: str


def errors(conn: sqlite3.Connection, *, run_id: int | None = None,
           limit: int = 100) -> tuple[RecordedError, ...]:
    """Recorded failures, newest first (of one run with ``run_id``)."""
    where, params = ("WHERE run_id = ?", (run_id,)) if run_id is not None else ("", ())
    rows = conn.execute("SELECT id, run_id, at, location, code, message FROM errors "
                        f"{where} ORDER BY id DESC LIMIT ?", (*params, limit)).fetchall()
    return tuple(RecordedError(*tuple(r)) for r in rows)
