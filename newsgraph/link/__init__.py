"""The cross-article pass: ``newsgraph link``, run after each ingest.

It reads what the analyses stored in ``article_actors`` and maintains the
knowledge-base actors: ``actors`` (one row per canonical actor, with the names seen,
first and last dates and article count), ``actor_roles`` (each role a person was given,
with the state and the article's date), and ``article_actors.kb_actor_id``.

- Countries, organisations and locations keep their ids (``USA``, ``org:rand-corporation``).
- A person named in full ("Fumio Kishida", "Prime Minister Fumio Kishida") is the actor
  ``person:fumio-kishida``, known under the key ``surname:kishida``.
- A bare surname ("Kishida", "Mr Hayashi") links to the one known person with that
  surname, and so to the state that person acts for; where the article gives the bare
  mention a state, only people of that state (or of none) count.  With two or more
  candidates it stays unlinked (``ambiguous``); with none it waits (``unknown``) and is
  tried again when someone with that surname becomes known.  A link once made is kept.
- A full name whose first word is no known given name ("Xi Jinping") may be written
  family name first, so "Mr Xi" elsewhere finds it too (key ``surname:xi``, see
  :func:`.names.family_first_key`).

The pass never runs inside ``analyze``: an article's analysis never depends on what was
ingested before it.  It is idempotent and incremental: ``link_state`` records the
articles it has seen (and the analysis time it saw), and the triggers of migration 011
forget an article whose actor rows are rewritten or deleted, so a run touches only new
or re-analysed articles.  The work is SQL over those articles (name normalisation is
registered as SQLite functions and applied once per distinct name); the actors'
figures are kept by :mod:`.stats`, adding new rows to running tallies and recounting
only actors that lost rows.  A state the article does not give is not written into
``article_actors``: the linked actor (``kb_actor_id`` -> ``actors.country``) carries it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from ..errors import StoreError
from ..store import transaction
from ..store.migrate import migrate
from ..store.write import release_held
from .names import TITLES_VERSION, family_first_key, person_id, surname_key
from .stats import apply_stats

__all__ = ["link", "LinkReport", "VERSION", "ensure_schema"]

VERSION = f"link.rules.v3+{TITLES_VERSION}"

#: Kinds that are knowledge-base actors under their own analysis id.
SELF_KINDS = ("country", "organization", "organisation", "location")


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one run of the link pass did."""

    articles: int  # articles linked in this run (new or re-analysed)
    persons: int  # full-name person mentions linked to a knowledge-base person
    surnames_linked: int  # bare surnames linked to the one known person with that surname
    surnames_ambiguous: int  # bare surnames left unlinked: several known people
    surnames_unknown: int  # bare surnames left unlinked: nobody known yet
    actors: int  # knowledge-base actors in total after the run
    released: int = 0  # held events released: a person in them now links to an actor with a state

    def to_dict(self) -> dict[str, int]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Bring the knowledge base's schema up to date, each migration recorded
    (:func:`newsgraph.store.migrate.migrate`; a file opened by
    :class:`~newsgraph.KnowledgeBase` is current already)."""
    migrate(conn)


def _register(conn: sqlite3.Connection) -> None:
    conn.create_function("ng_person_id", 1, person_id, deterministic=True)
    conn.create_function("ng_surname_key", 1, surname_key, deterministic=True)
    conn.create_function("ng_family_first_key", 1, family_first_key, deterministic=True)


def link(conn: sqlite3.Connection, *, full: bool = False) -> LinkReport:
    """Link the articles not linked yet (all of them with ``full=True``)."""
    try:
        conn.execute("SELECT 1 FROM article_actors LIMIT 1")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"not a newsgraph knowledge base: {exc}", code="E410") from exc
    ensure_schema(conn)
    _register(conn)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    # one transaction (a savepoint inside the caller's): a failed run leaves the
    # knowledge base as it was
    with transaction(conn):
        if full:
            conn.execute("DELETE FROM link_state")
            conn.execute("DELETE FROM actor_keys")
        for stmt in _TODO:
            conn.execute(stmt)
        if full:  # every actor is recounted, and those no article names any more go
            conn.execute("INSERT OR IGNORE INTO temp.link_recount SELECT id FROM actors")
        n_articles = conn.execute("SELECT COUNT(*) FROM temp.link_todo").fetchone()[0]
        persons = _link_named(conn)
        apply_stats(conn)  # before surnames: candidates are narrowed by their state
        linked, ambiguous, unknown = _link_surnames(conn)
        apply_stats(conn)
        _refresh_roles(conn)
        released = release_held(conn)
        conn.execute(
            "INSERT OR REPLACE INTO link_state (article_id, analysed_at, linked_at, version) "
            "SELECT id, analysed_at, ?, ? FROM temp.link_todo", (now, VERSION))
        total = conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0]
        for stmt in _DROP:
            conn.execute(stmt)
    return LinkReport(n_articles, persons, linked, ambiguous, unknown, total, released)


_DROP = (
    "DROP TABLE IF EXISTS temp.link_names",
    "DROP TABLE IF EXISTS temp.link_todo",
    "DROP TABLE IF EXISTS temp.link_recount",
    "DROP TABLE IF EXISTS temp.link_new",
    "DROP TABLE IF EXISTS temp.link_changed",
    "DROP TABLE IF EXISTS temp.link_roles",
)

_TODO = (
    *_DROP,
    """CREATE TEMP TABLE link_todo AS
       SELECT a.id, a.published, a.analysed_at FROM articles a
       LEFT JOIN link_state s ON s.article_id = a.id
       WHERE s.article_id IS NULL OR s.analysed_at IS NOT a.analysed_at""",
    "CREATE UNIQUE INDEX temp.link_todo_id ON link_todo(id)",
    "CREATE TEMP TABLE link_recount (id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TEMP TABLE link_new (article_id TEXT, actor_id TEXT, PRIMARY KEY (article_id, actor_id))"
    " WITHOUT ROWID",
    "CREATE TEMP TABLE link_changed (id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TEMP TABLE link_roles (article_id TEXT PRIMARY KEY) WITHOUT ROWID",
    "INSERT INTO link_roles SELECT id FROM link_todo",
    "DELETE FROM link_pending WHERE article_id IN (SELECT id FROM link_todo)",
    # an article linked before whose analysis changed in place: its actors are recounted
    """INSERT OR IGNORE INTO link_recount SELECT DISTINCT kb_actor_id FROM article_actors
       WHERE article_id IN (SELECT id FROM link_todo) AND kb_actor_id IS NOT NULL""",
    # actors that lost rows when articles were re-analysed or deleted
    "INSERT OR IGNORE INTO link_recount SELECT actor_id FROM main.link_dirty",
    "DELETE FROM main.link_dirty",
    """UPDATE article_actors SET kb_actor_id = NULL
       WHERE article_id IN (SELECT id FROM link_todo) AND kb_actor_id IS NOT NULL""",
    # the distinct person names of the new articles, with their id and key
    """CREATE TEMP TABLE link_names AS
       SELECT name, ng_person_id(name) AS pid, ng_surname_key(name) AS key,
              ng_family_first_key(name) AS first_key
       FROM (SELECT DISTINCT name FROM article_actors
             WHERE article_id IN (SELECT id FROM link_todo) AND kind = 'person')""",
    "CREATE UNIQUE INDEX temp.link_names_name ON link_names(name)",
)


def _link_named(conn: sqlite3.Connection) -> int:
    """Countries, organisations, locations and full-name persons of the new articles."""
    kinds = ",".join("?" * len(SELF_KINDS))
    conn.execute(
        f"UPDATE article_actors SET kb_actor_id = actor_id "
        f"WHERE article_id IN (SELECT id FROM temp.link_todo) AND kind IN ({kinds})", SELF_KINDS)
    cur = conn.execute(
        "UPDATE article_actors SET kb_actor_id = n.pid FROM temp.link_names n "
        "WHERE article_actors.article_id IN (SELECT id FROM temp.link_todo) "
        "AND article_actors.kind = 'person' AND n.name = article_actors.name "
        "AND n.pid IS NOT NULL")
    persons = cur.rowcount
    conn.execute(
        "INSERT OR IGNORE INTO temp.link_new SELECT article_id, actor_id FROM article_actors "
        "WHERE article_id IN (SELECT id FROM temp.link_todo) AND kb_actor_id IS NOT NULL")
    # new actors get a first row here; apply_stats fills in names, dates and counts
    conn.execute(
        "INSERT OR IGNORE INTO actors (id, name, kind) "
        "SELECT aa.kb_actor_id, aa.name, aa.kind FROM article_actors aa "
        "WHERE aa.article_id IN (SELECT id FROM temp.link_todo) AND aa.kb_actor_id IS NOT NULL")
    conn.execute(
        "INSERT OR IGNORE INTO actor_keys (key, actor_id) "
        "SELECT DISTINCT key, pid FROM temp.link_names WHERE pid IS NOT NULL AND key IS NOT NULL "
        "UNION SELECT DISTINCT first_key, pid FROM temp.link_names "
        "WHERE pid IS NOT NULL AND first_key IS NOT NULL")
    return persons


def _link_surnames(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """Bare surnames of the new articles, and waiting ones whose surname became known."""
    conn.execute(
        "INSERT OR REPLACE INTO link_pending (article_id, actor_id, key, reason) "
        "SELECT aa.article_id, aa.actor_id, n.key, 'unknown' "
        "FROM article_actors aa JOIN temp.link_names n ON n.name = aa.name "
        "WHERE aa.article_id IN (SELECT id FROM temp.link_todo) AND aa.kind = 'person' "
        "AND aa.kb_actor_id IS NULL AND n.key IS NOT NULL")
    # the mentions to try: those of the new articles, and waiting ones whose surname a
    # new article named in full (an ambiguous one stays so: more people only add to it)
    conn.execute("DROP TABLE IF EXISTS temp.link_try")
    conn.execute(
        """
        CREATE TEMP TABLE link_try AS
        SELECT article_id, actor_id, key FROM link_pending
        WHERE article_id IN (SELECT id FROM temp.link_todo)
        UNION
        SELECT article_id, actor_id, key FROM link_pending
        WHERE reason = 'unknown' AND key IN (SELECT key FROM temp.link_names WHERE pid IS NOT NULL
                                             UNION SELECT first_key FROM temp.link_names
                                             WHERE pid IS NOT NULL)
        """)
    # candidates: known people under the key, restricted to the mention's state when it has one
    rows = conn.execute(
        """
        SELECT p.article_id, p.actor_id, COUNT(DISTINCT k.actor_id) AS n, MIN(k.actor_id) AS kb
        FROM temp.link_try p
        JOIN article_actors aa ON aa.article_id = p.article_id AND aa.actor_id = p.actor_id
        JOIN actor_keys k ON k.key = p.key
        JOIN actors a ON a.id = k.actor_id
        WHERE aa.country IS NULL OR a.country IS NULL OR a.country = aa.country
        GROUP BY p.article_id, p.actor_id
        """).fetchall()
    conn.execute("DROP TABLE temp.link_try")
    links = [(kb, art, act) for art, act, n, kb in rows if n == 1]
    many = [(art, act) for art, act, n, _ in rows if n > 1]
    conn.executemany("UPDATE article_actors SET kb_actor_id = ? "
                     "WHERE article_id = ? AND actor_id = ?",
                     links)
    conn.executemany("DELETE FROM link_pending WHERE article_id = ? AND actor_id = ?",
                     [(art, act) for _, art, act in links])
    conn.executemany("UPDATE link_pending SET reason = 'ambiguous' "
                     "WHERE article_id = ? AND actor_id = ?", many)
    conn.executemany("INSERT OR IGNORE INTO temp.link_new VALUES (?, ?)",
                     [(art, act) for _, art, act in links])
    conn.executemany("INSERT OR IGNORE INTO temp.link_roles VALUES (?)",
                     [(art,) for _, art, _ in links])
    unknown = conn.execute(
        "SELECT COUNT(*) FROM link_pending WHERE reason = 'unknown' "
        "AND article_id IN (SELECT id FROM temp.link_todo)").fetchone()[0]
    return len(links), len(many), unknown


def _refresh_roles(conn: sqlite3.Connection) -> None:
    """The roles of the articles this run touched, under knowledge-base ids, with dates."""
    conn.execute("DELETE FROM actor_roles "
                 "WHERE article_id IN (SELECT article_id FROM temp.link_roles)")
    conn.execute(
        """
        INSERT INTO actor_roles (actor_id, role, country, article_id, seen)
        SELECT DISTINCT COALESCE(aa.kb_actor_id, aa.actor_id), r.value, aa.country,
               aa.article_id, ar.published
        FROM article_actors aa
        JOIN articles ar ON ar.id = aa.article_id
        JOIN json_each(CASE WHEN json_valid(aa.roles) THEN aa.roles ELSE '[]' END) r
        WHERE aa.article_id IN (SELECT article_id FROM temp.link_roles)
          AND aa.roles != '[]' AND TRIM(r.value) != ''
        """)
