"""Keep the ``actors`` table's figures current: article count, first and last dates,
names seen, and the most frequent name, state and sector.

Two ways, both set-based SQL:

- **delta** (the usual case): the rows the link pass just assigned to an actor
  (``temp.link_new``) are added to its counts, so a run costs in proportion to the new
  articles, not to how often "USA" was ever named;
- **recount** (actors in ``temp.link_recount``: they lost rows because an article was
  re-analysed or deleted, or ``link --full``): rebuilt from all their rows.

The most frequent name, state and sector are read from per-actor tallies
(``actor_name_stats``, ``actor_value_stats``, migration 012), which both ways keep.
Ties go to the longer name, and to the state or sector seen last.
"""

from __future__ import annotations

import sqlite3

__all__ = ["apply_stats"]

_RECOUNT = (
    "DELETE FROM actor_name_stats WHERE actor_id IN (SELECT id FROM temp.link_recount)",
    "DELETE FROM actor_value_stats WHERE actor_id IN (SELECT id FROM temp.link_recount)",
    "DROP TABLE IF EXISTS temp.link_rows",
    """CREATE TEMP TABLE link_rows AS
       SELECT aa.kb_actor_id AS id, aa.article_id, aa.name, aa.kind, aa.country, aa.sector,
              aa.members, ar.published
       FROM article_actors aa JOIN articles ar ON ar.id = aa.article_id
       WHERE aa.kb_actor_id IN (SELECT id FROM temp.link_recount)""",
    """UPDATE actors SET n_articles = 0, first_seen = NULL, last_seen = NULL, members = '[]'
       WHERE id IN (SELECT id FROM temp.link_recount)""",
    "DROP TABLE IF EXISTS temp.link_agg",
    """CREATE TEMP TABLE link_agg (id TEXT PRIMARY KEY, n INTEGER, first_seen TEXT,
                                   last_seen TEXT, members TEXT) WITHOUT ROWID""",
    """INSERT INTO temp.link_agg
       SELECT id, COUNT(DISTINCT article_id), MIN(published), MAX(published),
              MAX(CASE WHEN members != '[]' THEN members END)
       FROM temp.link_rows GROUP BY id""",
    """UPDATE actors SET n_articles = g.n, first_seen = g.first_seen, last_seen = g.last_seen,
              members = COALESCE(g.members, '[]')
       FROM temp.link_agg AS g WHERE g.id = actors.id""",
)

_DELTA = (
    "DROP TABLE IF EXISTS temp.link_rows",
    # the newly assigned rows of actors that are not being recounted
    """CREATE TEMP TABLE link_rows AS
       SELECT aa.kb_actor_id AS id, aa.article_id, aa.name, aa.kind, aa.country, aa.sector,
              aa.members, ar.published
       FROM temp.link_new n
       JOIN article_actors aa ON aa.article_id = n.article_id AND aa.actor_id = n.actor_id
       JOIN articles ar ON ar.id = aa.article_id
       WHERE aa.kb_actor_id IS NOT NULL
         AND aa.kb_actor_id NOT IN (SELECT id FROM temp.link_recount)""",
    # an article counts once per actor: not when an earlier row of it already counted
    "DROP TABLE IF EXISTS temp.link_agg",
    """CREATE TEMP TABLE link_agg (id TEXT PRIMARY KEY, n INTEGER, first_seen TEXT,
                                   last_seen TEXT, members TEXT) WITHOUT ROWID""",
    """INSERT INTO temp.link_agg
       SELECT r.id,
              COUNT(DISTINCT CASE WHEN NOT EXISTS (
                  SELECT 1 FROM article_actors x  -- by the article (primary key), not the actor:
                  WHERE x.article_id = r.article_id AND +x.kb_actor_id = r.id  -- '+' says so
                    AND NOT EXISTS (SELECT 1 FROM temp.link_new y
                                    WHERE y.article_id = x.article_id
                                      AND y.actor_id = x.actor_id))
                    THEN r.article_id END),
              MIN(r.published), MAX(r.published),
              MAX(CASE WHEN r.members != '[]' THEN r.members END)
       FROM temp.link_rows r GROUP BY r.id""",
    """UPDATE actors SET
         n_articles = actors.n_articles + g.n,
         first_seen = CASE WHEN actors.first_seen IS NULL THEN g.first_seen
                           WHEN g.first_seen IS NULL THEN actors.first_seen
                           ELSE MIN(actors.first_seen, g.first_seen) END,
         last_seen = CASE WHEN actors.last_seen IS NULL THEN g.last_seen
                          WHEN g.last_seen IS NULL THEN actors.last_seen
                          ELSE MAX(actors.last_seen, g.last_seen) END,
         members = CASE WHEN g.members IS NULL THEN actors.members
                        WHEN actors.members IS NULL OR actors.members = '[]' THEN g.members
                        ELSE MAX(actors.members, g.members) END
       FROM temp.link_agg AS g WHERE g.id = actors.id""",
)

_TALLY = (
    """INSERT INTO actor_name_stats (actor_id, name, full, n, last_seen)
       SELECT id, name, MAX(kind != 'person' OR ng_person_id(name) IS NOT NULL), COUNT(*),
              COALESCE(MAX(published), '')
       FROM temp.link_rows WHERE true GROUP BY id, name
       ON CONFLICT (actor_id, name) DO UPDATE SET
         n = n + excluded.n, full = MAX(full, excluded.full),
         last_seen = MAX(last_seen, excluded.last_seen)""",
    """INSERT INTO actor_value_stats (actor_id, field, value, n, last_seen)
       SELECT id, 'country', country, COUNT(*), COALESCE(MAX(published), '')
       FROM temp.link_rows WHERE country IS NOT NULL GROUP BY id, country
       ON CONFLICT (actor_id, field, value) DO UPDATE SET
         n = n + excluded.n, last_seen = MAX(last_seen, excluded.last_seen)""",
    """INSERT INTO actor_value_stats (actor_id, field, value, n, last_seen)
       SELECT id, 'sector', sector, COUNT(*), COALESCE(MAX(published), '')
       FROM temp.link_rows WHERE sector IS NOT NULL GROUP BY id, sector
       ON CONFLICT (actor_id, field, value) DO UPDATE SET
         n = n + excluded.n, last_seen = MAX(last_seen, excluded.last_seen)""",
    "INSERT OR IGNORE INTO temp.link_changed SELECT DISTINCT id FROM temp.link_rows",
)

_DERIVE = (
    "INSERT OR IGNORE INTO temp.link_changed SELECT id FROM temp.link_recount",
    """UPDATE actors SET
         name = COALESCE((SELECT s.name FROM actor_name_stats s
                          WHERE s.actor_id = actors.id AND s.full
                          ORDER BY s.n DESC, LENGTH(s.name) DESC, s.name LIMIT 1), actors.name),
         country = (SELECT v.value FROM actor_value_stats v
                    WHERE v.actor_id = actors.id AND v.field = 'country'
                    ORDER BY v.n DESC, v.last_seen DESC, v.value LIMIT 1),
         sector = (SELECT v.value FROM actor_value_stats v
                   WHERE v.actor_id = actors.id AND v.field = 'sector'
                   ORDER BY v.n DESC, v.last_seen DESC, v.value LIMIT 1),
         aliases = COALESCE((SELECT json_group_array(name) FROM
                               (SELECT s.name FROM actor_name_stats s
                                WHERE s.actor_id = actors.id ORDER BY s.name)), '[]')
       WHERE id IN (SELECT id FROM temp.link_changed)""",
    # actors whose every row went away (articles deleted or re-analysed without them)
    """DELETE FROM actors WHERE id IN (SELECT id FROM temp.link_recount)
       AND n_articles = 0""",
    "DROP TABLE IF EXISTS temp.link_rows",
    "DROP TABLE IF EXISTS temp.link_agg",
    "DELETE FROM temp.link_changed",
    "DELETE FROM temp.link_recount",
    "DELETE FROM temp.link_new",
)


def apply_stats(conn: sqlite3.Connection) -> None:
    """Recount the actors in ``temp.link_recount``, add ``temp.link_new``'s rows to the
    others, and refresh name, state, sector and aliases of every actor that changed.
    Empties the three temp tables for the next step of the run."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS link_changed (id TEXT PRIMARY KEY) "
                 "WITHOUT ROWID")
    for stmt in _RECOUNT:
        conn.execute(stmt)
    for stmt in _TALLY:
        conn.execute(stmt)
    for stmt in _DELTA:
        conn.execute(stmt)
    for stmt in _TALLY:
        conn.execute(stmt)
    for stmt in _DERIVE:
        conn.execute(stmt)
