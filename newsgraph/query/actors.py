"""The one actor rule, and the knowledge base's actors.

**How an actor is matched.**  An actor row of an article counts for its *parties*:
its own id, the knowledge-base actor ``newsgraph link`` linked it to, and the states
it stands for (a country is itself; a person, organisation or document stands for
its own country, else the country of the knowledge-base actor it is linked to; a
group for each of its members).  The view ``actor_party_rule`` (migration 060) is
that rule; the tables ``actor_parties``, ``event_parties`` and ``quote_parties`` hold
its rows for every article, event and quote.  So ``USA`` finds the United States,
the people and organisations that act for it, and the groups it belongs to;
``person:fumio-kishida`` finds Fumio Kishida under his own id and every mention
``link`` joined to him.

:func:`resolve` turns what a person typed into the parties to look for: an id or a
state code as it is; else a name, matched against the names the articles gave their
actors: first the knowledge-base actors of ``newsgraph link`` (by name, by a name an
article gave them, by surname: ``Mr Kishida``), then the actors as the articles name
them, whole (``Antony Blinken``, any case) or by whole words (``Blinken``).  An ISO
3166-1 code in capitals stands for its state (``GB`` and ``GBR`` for ``GBR``), and so
does a country's ISO name ("United Kingdom").  A name that fits several ids of one
actor ("Blinken", "Antony Blinken") finds them all (:attr:`Resolved.ids` says which);
in a filter, a name that fits different actors ("Blair": Tony Blair, Ian Blair) is
``[E522]`` with the candidates, and a name nothing fits ``[E520]`` with the nearest.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import QueryError
from .filters import Filter, check_text, country_alpha3, nearest
from .listing import Listing, Record, T

__all__ = ["Resolved", "Filtered", "resolve", "stored_names_only", "party_sql", "RULE", "KBActor",
           "ActorMention", "RoleSeen", "ActorArticle", "NameSeen", "actors", "actor", "actor_info", "actor_names",
           "roles_seen", "actor_articles", "actor_mentions", "KINDS", "one_id"]

#: The actor rule in one sentence (the CLI and the explorer show it).
RULE = ("an actor matches by its id, the id `newsgraph link` linked it to, or its name; "
        "a state also matches the people and organisations that act for it (their own "
        "country, else that of the actor they are linked to) and the groups it belongs to")

KINDS = ("country", "person", "organization", "location", "group", "document")


@dataclass(frozen=True)
class Resolved(Record):
    """What a typed actor stands for: the parties to look for, and how they were found."""

    spec: str
    ids: tuple[str, ...]
    how: str  # id | code | name | surname | country | words | none

    def describe(self) -> str:
        if self.how == "id" or not self.ids:
            return self.spec
        return f"{self.spec} ({', '.join(self.ids)})"


@dataclass(frozen=True)
class Filtered(Listing[T]):
    """A page of matches with its filter and what the filter's actors were resolved to
    (``Events``, ``Quotes``)."""

    filter: Filter = field(default_factory=Filter)
    actors: tuple[Resolved, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return super().to_dict() | {"filter": self.filter.to_dict(),
                                    "actors": [r.to_dict() for r in self.actors]}


def _exists(conn: sqlite3.Connection, party: str) -> bool:
    for sql in ("SELECT 1 FROM actor_parties WHERE party = ? LIMIT 1",
                "SELECT 1 FROM event_parties WHERE party = ? LIMIT 1",
                "SELECT 1 FROM quote_parties WHERE party = ? LIMIT 1",
                "SELECT 1 FROM actors WHERE id = ?"):
        if conn.execute(sql, (party,)).fetchone():
            return True
    return False


#: Whether a name may be matched by its surname key (``newsgraph link``'s name
#: normaliser: it loads the actors package, and with it spaCy).  The explorer reads
#: names as stored only (:func:`stored_names_only`).
_SURNAMES: ContextVar[bool] = ContextVar("newsgraph_surnames", default=True)


@contextmanager
def stored_names_only() -> Iterator[None]:
    """Within this block, :func:`resolve` matches names as the articles stored them
    (whole, or by whole words) and never by surname keys: no language data is loaded."""
    token = _SURNAMES.set(False)
    try:
        yield
    finally:
        _SURNAMES.reset(token)


def _like(words: str) -> str:
    return "% " + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"


def resolve(conn: sqlite3.Connection, spec: str, *, names: bool = True,
            strict: bool = False) -> Resolved:
    """The parties ``spec`` stands for (see the module's rule); ``names=False`` takes
    ``spec`` as an id or ISO code only (the explorer's URLs).

    ``strict`` (every filter: ``source``, ``target``, ``actor``, ``by``, ``about``):
    ``[E520]`` naming the nearest known actors when nothing fits, ``[E522]`` listing the
    candidates when a name fits several different actors ("Blair": Tony Blair and Ian
    Blair), instead of an empty or a mixed answer."""
    spec = check_text(spec or "", "actor").strip()
    if not spec:
        return Resolved(spec, (), "none")
    for cand in dict.fromkeys((spec, spec.upper() if len(spec) == 3 and spec.isalpha() else spec)):
        if _exists(conn, cand):
            return Resolved(spec, (cand,), "id")
    if spec.isupper() and len(spec) in (2, 3) and spec.isalpha():
        code = country_alpha3(spec)  # an ISO 3166-1 code in capitals: GB, GBR
        if code:
            return Resolved(spec, (code,), "code")
    if not names:
        if strict:
            raise _unknown(conn, spec)
        return Resolved(spec, (), "none")
    for how, ids in _by_name(conn, spec):
        if ids:
            found = Resolved(spec, tuple(sorted(set(ids))), how)
            if strict and len(found.ids) > 1:
                _check_one(conn, found)
            return found
    if strict:
        raise _unknown(conn, spec)
    return Resolved(spec, (), "none")


def _by_name(conn: sqlite3.Connection, spec: str) -> Iterator[tuple[str, list[str]]]:
    """``(how, ids)`` of each way to find a name, in order; the first that finds ids wins.

    1. the name itself: a knowledge-base actor (``newsgraph link``) of that name, the
       people ``link`` knows under that surname, and the actors the articles give that
       name ("Campbell" finds both an organisation so named and Alastair Campbell);
    2. a country's ISO name ("United Kingdom"), or a name the articles wrote for an
       actor ("Britain", "the UK": a mention's text, pronouns aside);
    3. the actors whose names hold its words ("Blinken" in "Antony Blinken")."""
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM actors WHERE name = ? COLLATE NOCASE UNION "
        "SELECT kb_actor_id FROM article_actors WHERE name = ? COLLATE NOCASE "
        "AND kb_actor_id IS NOT NULL UNION "
        "SELECT COALESCE(kb_actor_id, actor_id) FROM article_actors "
        "WHERE name = ? COLLATE NOCASE", (spec, spec, spec))]
    surname = _by_surname(conn, spec) if _SURNAMES.get() and _bare(spec) else []
    yield ("surname" if surname and not ids else "name"), ids + surname
    code = country_alpha3(spec) if len(spec) > 3 else None
    yield "country", [code] if code else []
    yield "mention", [r[0] for r in conn.execute(
        "SELECT DISTINCT COALESCE(aa.kb_actor_id, m.actor_id) FROM mentions m "
        "JOIN article_actors aa ON aa.article_id = m.article_id AND aa.actor_id = m.actor_id "
        "WHERE m.text = ? COLLATE NOCASE AND m.form IS NOT 'pronoun' LIMIT 50", (spec,))]
    yield "words", [r[0] for r in conn.execute(
        "SELECT DISTINCT COALESCE(kb_actor_id, actor_id) FROM article_actors "
        "WHERE ' ' || lower(name) || ' ' LIKE ? ESCAPE '\\'",
        (_like(" ".join(spec.lower().split())),))]


def one_id(conn: sqlite3.Connection, found: Resolved) -> str:
    """The one actor ``found`` names: its id, or of several ids of one actor the one with
    the fullest name; ``[E522]`` when they are different actors."""
    if len(found.ids) == 1:
        return found.ids[0]
    widest = _check_one(conn, found)
    names = actor_names(conn, widest)
    return max(widest, key=lambda i: (len(names[i]), i))


def _check_one(conn: sqlite3.Connection, found: Resolved) -> list[str]:
    """``[E522]`` when the ids a name found are different actors.

    Ids are one actor when they are of one kind and their names' words (titles
    dropped) are all within the words of the longest of them: "Blinken" and "Antony
    Blinken", "Ian Blair" and "Sir Ian Blair"; "Tony Blair" and "Ian Blair" are two, and
    so are the person "Jordan Smith" and the country Jordan."""
    from ..link.names import name_tokens

    names = actor_names(conn, found.ids)
    kinds = _kinds(conn, found.ids)
    words = {i: frozenset(w.lower() for w in (name_tokens(names[i]) or names[i].split()))
             for i in found.ids}
    widest = [i for i in found.ids if not any(
        words[i] < words[j] and kinds[i] == kinds[j] for j in found.ids)]
    distinct = list(dict.fromkeys((words[i], kinds[i]) for i in widest))
    if len(distinct) > 1:
        listed = ", ".join(f"{names[i]} ({i})" for i in widest[:10])
        more = f" and {len(widest) - 10} more" if len(widest) > 10 else ""
        raise QueryError(f"{found.spec!r} fits {len(widest)} actors: {listed}{more}; give a "
                         "full name or an id", code="E522")
    return widest


def _kinds(conn: sqlite3.Connection, ids) -> dict[str, str | None]:
    """The kind of each id (``link``'s actor, else as an article found it)."""
    out: dict[str, str | None] = {}
    for i in ids:
        row = conn.execute("SELECT kind FROM actors WHERE id = ?", (i,)).fetchone() or \
            conn.execute("SELECT kind FROM article_actors WHERE actor_id = ? LIMIT 1",
                         (i,)).fetchone()
        out[i] = row[0] if row else ("country" if len(i) == 3 and i.isupper() else None)
    return out


def _unknown(conn: sqlite3.Connection, spec: str, *, words: bool = False) -> QueryError:
    """``[E520]`` for a name or id nothing in the knowledge base fits, with the nearest
    names and ids it knows (``words``: nor do any articles hold those words)."""
    known: dict[str, str] = {}  # candidate text -> what to suggest
    for name, ident in conn.execute("SELECT name, id FROM actors ORDER BY n_articles DESC "
                                    "LIMIT 20000"):
        known.setdefault(name, name)
        known.setdefault(ident, ident)
    for (name,) in conn.execute("SELECT DISTINCT name FROM article_actors LIMIT 20000"):
        known.setdefault(name, name)
        words = name.split()
        if len(words) > 1:
            known.setdefault(words[-1], name)  # a surname suggests the full name
    for (party,) in conn.execute("SELECT DISTINCT party FROM actor_parties "
                                 "WHERE is_country = 1 LIMIT 1000"):
        known.setdefault(party, party)
    near = list(dict.fromkeys(known[k] for k in nearest(spec, known, n=8)))[:5]
    hint = f"; nearest: {', '.join(near)}" if near else ""
    what = "no actor, and no article with the words" if words else "no actor"
    return QueryError(f"{what} {spec!r} in the knowledge base (give an id, a name, a "
                      f"surname or an ISO country code){hint}", code="E520")


def _bare(spec: str) -> bool:
    """Whether ``spec`` is one word once titles are dropped ("Blair", "Mr Blair")."""
    from ..link.names import name_tokens

    return len(name_tokens(spec)) == 1


def _by_surname(conn: sqlite3.Connection, spec: str) -> list[str]:
    """The knowledge-base people ``link`` knows under the surname of ``spec`` ("Mr Kishida")."""
    if not conn.execute("SELECT 1 FROM actor_keys LIMIT 1").fetchone():
        return []  # nothing linked yet
    from ..link.names import surname_key  # link's name keys: titles dropped

    key = surname_key(spec)
    if key is None:
        return []
    return [r[0] for r in conn.execute("SELECT actor_id FROM actor_keys WHERE key = ?", (key,))]


def party_sql(ids: tuple[str, ...], params: list, column: str = "party") -> str:
    """``party IN (...)`` for the resolved ids (params appended); false for none."""
    if not ids:
        return "0"
    params.extend(ids)
    return f"{column} IN ({', '.join('?' * len(ids))})"


# -- records -----------------------------------------------------------------------

@dataclass(frozen=True)
class KBActor(Record):
    """One actor across the knowledge base (from ``link``'s table, else as the articles
    name it: then ``linked`` is false and the figures are counted from the articles)."""

    id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    members: tuple[str, ...]
    aliases: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    n_articles: int
    linked: bool = True


@dataclass(frozen=True)
class NameSeen(Record):
    name: str
    articles: int


@dataclass(frozen=True)
class ActorMention(Record):
    """One mention of an actor in one article; ``text`` is ``article text[start:end]``."""

    article_id: str
    published: str | None
    headline: str | None
    name: str  # the name the article's analysis gave the actor
    text: str
    start: int
    end: int
    form: str | None


@dataclass(frozen=True)
class RoleSeen(Record):
    """A role a person was given, with the state, when and how often."""

    role: str
    country: str | None
    first_seen: str | None
    last_seen: str | None
    n_articles: int


@dataclass(frozen=True)
class ActorArticle(Record):
    """An article in which an actor was found (by the actor rule)."""

    article_id: str
    published: str | None
    publication: str | None
    headline: str | None
    name: str  # the name the article gave the actor row that matched
    n_mentions: int


class ActorList(Listing[KBActor]):
    noun = "actor"


class ArticleList(Listing[ActorArticle]):
    noun = "article"


class MentionList(Listing[ActorMention]):
    noun = "mention"


_ACTOR_COLS = ("id, name, kind, country, sector, members, aliases, first_seen, last_seen, "
               "n_articles")


def _kb_actor(row) -> KBActor:
    return KBActor(row["id"], row["name"], row["kind"], row["country"], row["sector"],
                   tuple(json.loads(row["members"] or "[]")),
                   tuple(json.loads(row["aliases"] or "[]")),
                   row["first_seen"], row["last_seen"], row["n_articles"])


def _kind(kind: str | None) -> str | None:
    if not kind:
        return None
    k = kind.lower()
    k = "organization" if k == "organisation" else k
    if k not in KINDS:
        raise QueryError(f"unknown actor kind {kind!r}; one of: {', '.join(KINDS)}", code="E521")
    return k


# -- queries -----------------------------------------------------------------------

def actors(conn: sqlite3.Connection, *, kind: str | None = None, country: str | None = None,
           name: str | None = None, limit: int | None = 100, offset: int = 0) -> ActorList:
    """Knowledge-base actors (``newsgraph link``'s table), most often named first.

    ``kind``: one of :data:`KINDS`; ``country``: ISO alpha-3 the actor belongs to or
    acts for (the actor itself for a country); ``name``: part of any name seen for it.
    """
    for value, what in ((kind, "kind"), (country, "country"), (name, "name")):
        check_text(value, what)
    where, args = [], []
    if k := _kind(kind):
        where.append("kind = ?")
        args.append(k)
    if country:
        where.append("(country = ? OR (kind = 'country' AND id = ?))")
        args += [country.upper(), country.upper()]
    if name:
        pat = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
        args += [pat, pat]
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM actors{cond}", args).fetchone()[0]
    rows = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors{cond} ORDER BY n_articles DESC, name "
                        "LIMIT ? OFFSET ?", (*args, -1 if limit is None else limit, offset))
    return ActorList(tuple(_kb_actor(r) for r in rows), total, limit, offset)


def actor_info(conn: sqlite3.Connection, actor_id: str) -> KBActor | None:
    """The actor with this id: ``link``'s row, else as the articles name it (None: never seen)."""
    row = conn.execute(f"SELECT {_ACTOR_COLS} FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is not None:
        return _kb_actor(row)
    seen = conn.execute(
        "SELECT name, kind, country, sector, members, count(*) AS n FROM (SELECT name, kind, "
        "country, sector, members FROM article_actors WHERE actor_id = ? LIMIT 500) "
        "GROUP BY name, kind, country, sector ORDER BY n DESC LIMIT 1", (actor_id,)).fetchone()
    if seen is None:
        if not conn.execute("SELECT 1 FROM event_parties WHERE party = ? LIMIT 1",
                            (actor_id,)).fetchone():
            return None
        return KBActor(actor_id, actor_id, None, None, None, (), (), None, None, 0, linked=False)
    n = conn.execute("SELECT count(DISTINCT article_id) FROM actor_parties WHERE party = ?",
                     (actor_id,)).fetchone()[0]
    first, last = (_newest(conn, "SELECT article_id FROM actor_parties WHERE party = ?",
                           (actor_id,), n, 1, way=way, column="published", dated=True).fetchone()
                   for way in ("ASC", "DESC"))
    return KBActor(actor_id, seen["name"], seen["kind"], seen["country"], seen["sector"],
                   tuple(json.loads(seen["members"] or "[]")), (), first[0] if first else None,
                   last[0] if last else None, n, linked=False)


def _newest(conn: sqlite3.Connection, ids_sql: str, params: tuple, n: int,
            want: int | None, *, way: str = "DESC", column: str = "id",
            dated: bool = False) -> sqlite3.Cursor:
    """A cursor over ``column`` of the articles whose ids ``ids_sql`` lists (``n`` of
    them) by publication date (``way``; undated ones last, or left out with ``dated``).

    ``want``: how many will be read (None: all).  When that is a small part of many,
    the articles are walked by date, each checked against the list (about
    ``want * all / n`` read); else the listed articles are looked up and sorted."""
    total = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
    walk = want is not None and n * n > want * total
    index = "INDEXED BY articles_published " if walk else ""
    cond = "published IS NOT NULL AND " if dated else ""
    return conn.execute(  # NULL is the smallest date: undated articles come last newest first
        f"SELECT {column} FROM articles {index}WHERE {cond}id IN ({ids_sql}) "
        f"ORDER BY published {way}, id", params)


def actor(conn: sqlite3.Connection, key: str) -> KBActor | None:
    """One actor by id (``USA``, ``person:fumio-kishida``), name or surname; None when
    nothing fits.  ``[E522]`` when a name fits several actors (they are listed)."""
    found = resolve(conn, key)
    if not found.ids:
        return None
    return actor_info(conn, one_id(conn, found))


def actor_names(conn: sqlite3.Connection, ids) -> dict[str, str]:
    """Display names of actor ids (``link``'s name, else as an article named it)."""
    wanted = list(dict.fromkeys(i for i in ids if i))
    known: dict[str, str] = {}
    for i in range(0, len(wanted), 900):
        chunk = wanted[i:i + 900]
        known.update((r[0], r[1]) for r in conn.execute(
            f"SELECT id, name FROM actors WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    out: dict[str, str] = {}
    for actor_id in wanted:
        name = known.get(actor_id)
        if name is None:
            row = conn.execute("SELECT name FROM article_actors WHERE actor_id = ? LIMIT 1",
                               (actor_id,)).fetchone()
            name = row[0] if row else None
        out[actor_id] = name or actor_id
    return out


def names_seen(conn: sqlite3.Connection, actor_id: str, *, top: int = 10) -> tuple[NameSeen, ...]:
    """The names the articles gave the actor (its own rows or rows linked to it), counted
    over at most 500 rows each way."""
    rows = conn.execute(
        "SELECT name, count(*) AS n FROM (SELECT name FROM article_actors WHERE actor_id = ? "
        "LIMIT 500) GROUP BY name UNION ALL SELECT name, count(*) FROM (SELECT name FROM "
        "article_actors WHERE kb_actor_id = ? AND actor_id != ? LIMIT 500) GROUP BY name",
        (actor_id, actor_id, actor_id)).fetchall()
    counts: dict[str, int] = {}
    for name, n in rows:
        counts[name] = counts.get(name, 0) + n
    return tuple(NameSeen(k, v) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])[:top])


def roles_seen(conn: sqlite3.Connection, actor_id: str) -> tuple[RoleSeen, ...]:
    """The roles the person was seen in, with state and dates, most recent first."""
    rows = conn.execute(
        "SELECT role, country, MIN(seen), MAX(seen), COUNT(DISTINCT article_id) "
        "FROM actor_roles WHERE actor_id = ? "
        "GROUP BY role COLLATE NOCASE, country ORDER BY MAX(seen) DESC, COUNT(*) DESC",
        (actor_id,)).fetchall()
    return tuple(RoleSeen(*tuple(r)) for r in rows)


def actor_articles(conn: sqlite3.Connection, ids: tuple[str, ...], *, limit: int | None = 100,
                   offset: int = 0) -> ArticleList:
    """The articles in which the actor was found by the actor rule, newest first."""
    params: list = []
    cond = party_sql(ids, params)
    total = conn.execute(f"SELECT count(DISTINCT article_id) FROM actor_parties WHERE {cond}",
                         params).fetchone()[0]
    cur = _newest(conn, f"SELECT article_id FROM actor_parties WHERE {cond}", tuple(params),
                  total, None if limit is None else offset + limit)
    found = list(itertools.islice(cur, offset, None if limit is None else offset + limit))
    out = []
    for (aid,) in found:
        r = conn.execute(
            "SELECT ar.id, ar.published, ar.publication, ar.headline, aa.name, aa.n_mentions "
            "FROM articles ar JOIN article_actors aa ON aa.article_id = ar.id "
            f"WHERE ar.id = ? AND aa.actor_id IN (SELECT actor_id FROM actor_parties "
            f"WHERE article_id = ? AND +{cond}) ORDER BY aa.actor_id LIMIT 1",
            (aid, aid, *params)).fetchone()
        out.append(ActorArticle(*tuple(r)))
    return ArticleList(tuple(out), total, limit, offset)


def actor_mentions(conn: sqlite3.Connection, actor_id: str, *, limit: int | None = 200,
                   offset: int = 0) -> MentionList:
    """The mentions of the actor itself (its own rows and rows linked to it), newest
    article first, in the order of the text."""
    # the mentions of a row are ``n_mentions`` (the writer stores both); read from indexes
    total = conn.execute(
        "SELECT (SELECT coalesce(sum(n_mentions), 0) FROM article_actors WHERE actor_id = ?) + "
        "(SELECT coalesce(sum(n_mentions), 0) FROM article_actors WHERE kb_actor_id = ? "
        "AND actor_id != ?)", (actor_id, actor_id, actor_id)).fetchone()[0]
    want = None if limit is None else offset + limit
    out: list[ActorMention] = []
    n_articles = conn.execute("SELECT count(*) FROM actor_parties WHERE party = ? "
                              "AND actor_id = ?", (actor_id, actor_id)).fetchone()[0]
    own = ("SELECT article_id FROM actor_parties WHERE party = ? AND actor_id = ? UNION "
           "SELECT article_id FROM article_actors WHERE kb_actor_id = ?")
    articles = _newest(conn, own, (actor_id, actor_id, actor_id), n_articles,
                       None if want is None else max(1, want // 2))
    for (aid,) in articles:  # newest first, until the page is full
        published, headline = conn.execute("SELECT published, headline FROM articles "
                                           "WHERE id = ?", (aid,)).fetchone()
        out += [ActorMention(aid, published, headline, *tuple(r)) for r in conn.execute(
            'SELECT x.name, m.text, m.start, m."end", m.form FROM article_actors x '
            "JOIN mentions m ON m.article_id = x.article_id AND m.actor_id = x.actor_id "
            "WHERE x.article_id = ? AND (x.actor_id = ? OR x.kb_actor_id = ?) ORDER BY m.start",
            (aid, actor_id, actor_id))]
        if want is not None and len(out) >= want:
            break
    page = out[offset:want]
    return MentionList(tuple(page), total, limit, offset)
