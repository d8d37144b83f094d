-- newsgraph link: per-actor tallies behind actors.name, .country, .sector and .aliases,
-- so that linking new articles adds to them instead of recounting every row.
CREATE TABLE IF NOT EXISTS actor_name_stats (
    actor_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    full      INTEGER NOT NULL,      -- 1: may be the actor's name (a person's full name)
    n         INTEGER NOT NULL,      -- rows of article_actors with this name
    last_seen TEXT NOT NULL,         -- latest article date ('' when none has a date)
    PRIMARY KEY (actor_id, name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actor_value_stats (
    actor_id  TEXT NOT NULL,
    field     TEXT NOT NULL,         -- country | sector
    value     TEXT NOT NULL,
    n         INTEGER NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (actor_id, field, value)
) WITHOUT ROWID;
