-- newsgraph knowledge base, schema version 1.
-- Plain tables that sqlite3, DuckDB and Datasette can read.  Offsets are
-- Python string indices into articles.text.  JSON columns hold JSON arrays/objects.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS articles (
    rowid            INTEGER PRIMARY KEY,        -- FTS5 content rowid
    id               TEXT NOT NULL UNIQUE,       -- record id (sha256 of raw bytes, or the corpus id)
    sha256           TEXT NOT NULL,              -- content hash: same content twice adds nothing
    source_path      TEXT,
    source_format    TEXT,
    source_record    INTEGER,
    publication      TEXT,
    language         TEXT,
    country          TEXT,                       -- ISO alpha-2 of the publication
    published        TEXT,                       -- YYYY-MM-DD
    url              TEXT,
    headline         TEXT,
    deck             TEXT,
    byline           TEXT,
    dateline         TEXT,
    text             TEXT NOT NULL,
    paragraphs       TEXT NOT NULL DEFAULT '[]', -- JSON [[start, end], ...]
    captions         TEXT NOT NULL DEFAULT '[]', -- JSON [{"text","credit","start","end"}]
    origin           TEXT NOT NULL DEFAULT '{}', -- JSON field -> where it came from
    times            TEXT NOT NULL DEFAULT '[]', -- JSON times of the analysis record
    warnings         TEXT NOT NULL DEFAULT '[]', -- JSON
    pipeline_version TEXT,                       -- which rules produced the stored analysis
    cluster_id       TEXT,                       -- near-duplicate cluster (`newsgraph dedupe`)
    ingested_at      TEXT NOT NULL,
    analysed_at      TEXT
);
CREATE INDEX IF NOT EXISTS articles_sha ON articles(sha256);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_publication ON articles(publication);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster_id);

-- Actors as found in one article (ids are local to the article's analysis:
-- "USA", "person:antony-blinken", ...).  kb_actor_id is set by `newsgraph link`
-- when the actor is linked to a knowledge-base actor; queries use
-- COALESCE(kb_actor_id, actor_id).
CREATE TABLE IF NOT EXISTS article_actors (
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id     TEXT NOT NULL,
    kb_actor_id  TEXT,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    country      TEXT,
    sector       TEXT,
    roles        TEXT NOT NULL DEFAULT '[]',
    members      TEXT NOT NULL DEFAULT '[]',
    affiliation  TEXT,
    n_mentions   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);
CREATE INDEX IF NOT EXISTS article_actors_kb ON article_actors(kb_actor_id);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id   TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    form       TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id, actor_id);

-- Knowledge-base actors: one row per canonical actor across articles
-- (maintained by `newsgraph link`).
CREATE TABLE IF NOT EXISTS actors (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    members    TEXT NOT NULL DEFAULT '[]',
    aliases    TEXT NOT NULL DEFAULT '[]',  -- JSON names seen
    first_seen TEXT,
    last_seen  TEXT,
    n_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS actors_kind ON actors(kind, country);

-- Roles seen for an actor, with the date they were seen.
CREATE TABLE IF NOT EXISTS actor_roles (
    actor_id   TEXT NOT NULL,
    role       TEXT NOT NULL,
    country    TEXT,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seen       TEXT
);
CREATE INDEX IF NOT EXISTS actor_roles_actor ON actor_roles(actor_id);

CREATE TABLE IF NOT EXISTS quotes (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,          -- order in the article
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    speaker_actor  TEXT,
    speaker_name   TEXT,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_author TEXT,
    cue            TEXT,
    cue_start      INTEGER,
    cue_end        INTEGER,
    about          TEXT NOT NULL DEFAULT '[]',
    sentence_start INTEGER,
    sentence_end   INTEGER,
    rule           TEXT,
    published      TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_actor);

CREATE TABLE IF NOT EXISTS events (
    id               INTEGER PRIMARY KEY,
    article_id       TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    type             TEXT NOT NULL,
    quad             TEXT,
    mode             TEXT,
    source           TEXT NOT NULL DEFAULT '[]',
    target           TEXT NOT NULL DEFAULT '[]',
    modality         TEXT NOT NULL,
    context          TEXT NOT NULL DEFAULT '[]',
    reported_by      TEXT,
    date             TEXT,
    date_granularity TEXT,
    location         TEXT,
    trigger          TEXT,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    sentence_start   INTEGER,
    sentence_end     INTEGER,
    cameo            TEXT,
    rule             TEXT,
    confidence       REAL,
    published        TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);

-- One row per (event, actor, role) for source/target filters and dyads.
CREATE TABLE IF NOT EXISTS event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('source', 'target'))
);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, role);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);

CREATE TABLE IF NOT EXISTS runs (
    id               INTEGER PRIMARY KEY,
    command          TEXT NOT NULL,
    args             TEXT,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    n_read           INTEGER NOT NULL DEFAULT 0,
    n_stored         INTEGER NOT NULL DEFAULT 0,
    n_duplicates     INTEGER NOT NULL DEFAULT 0,
    n_failed         INTEGER NOT NULL DEFAULT 0,
    pipeline_version TEXT
);

CREATE TABLE IF NOT EXISTS errors (
    id       INTEGER PRIMARY KEY,
    run_id   INTEGER REFERENCES runs(id),
    at       TEXT NOT NULL,
    location TEXT NOT NULL,   -- file, and line or record
    code     TEXT NOT NULL,
    message  TEXT NOT NULL
);
