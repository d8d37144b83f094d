-- newsgraph knowledge base: `newsgraph watch` state (migration range 070-079).
--
-- The watcher keeps everything it needs to resume here, so a killed watcher
-- neither fetches nor stores anything twice: the sources of the SOURCES file,
-- every article URL found (canonical form) with its status, and the HTTP
-- validators (ETag, Last-Modified) of the feeds, sitemaps and home pages it reads.

-- One row per source URL ever listed (rows of sources no longer listed stay, inactive).
CREATE TABLE IF NOT EXISTS watch_sources (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,      -- as listed (canonical form)
    publication     TEXT,                      -- the name given in SOURCES, if any
    country         TEXT,                      -- ISO 3166-1 alpha-2 given in SOURCES, if any
    kind            TEXT,                      -- feed | sitemap | homepage (as last read)
    documents       TEXT NOT NULL DEFAULT '[]',-- JSON: feeds found on a home page, sitemaps of an index
    active          INTEGER NOT NULL DEFAULT 1,
    added_at        TEXT NOT NULL,
    last_checked    TEXT,
    last_success    TEXT,
    last_error_code TEXT,                      -- of the last cycle that failed (NULL after a success)
    last_error      TEXT,
    n_errors        INTEGER NOT NULL DEFAULT 0,-- cycles in which the source failed
    n_found         INTEGER NOT NULL DEFAULT 0 -- article URLs found (new ones only)
);

-- Every article URL found, once.  status: queued (to fetch), stored, duplicate
-- (its text is stored already, from another URL), retry (a transient failure;
-- tried again next cycle), failed (permanent, or out of attempts), robots
-- (robots.txt disallows it).
CREATE TABLE IF NOT EXISTS watch_urls (
    url         TEXT PRIMARY KEY,
    source_id   INTEGER REFERENCES watch_sources(id),
    status      TEXT NOT NULL DEFAULT 'queued',
    found_at    TEXT NOT NULL,
    fetched_at  TEXT,
    http_status INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0,
    article_id  TEXT,                          -- the stored article (no foreign key: it may be deleted)
    code        TEXT,                          -- error code of the last failure
    message     TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS watch_urls_status ON watch_urls(status, found_at);
CREATE INDEX IF NOT EXISTS watch_urls_source ON watch_urls(source_id, status);

-- HTTP validators of the documents read each cycle (feeds, sitemaps, home pages).
CREATE TABLE IF NOT EXISTS watch_validators (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT NOT NULL
) WITHOUT ROWID;

-- One row per watch cycle.
CREATE TABLE IF NOT EXISTS watch_cycles (
    id             INTEGER PRIMARY KEY,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    n_sources      INTEGER NOT NULL DEFAULT 0,
    n_failed_sources INTEGER NOT NULL DEFAULT 0,
    n_found        INTEGER NOT NULL DEFAULT 0,
    n_fetched      INTEGER NOT NULL DEFAULT 0,
    n_stored       INTEGER NOT NULL DEFAULT 0,
    n_duplicates   INTEGER NOT NULL DEFAULT 0,
    n_failed       INTEGER NOT NULL DEFAULT 0
);

-- Articles by time of arrival (``ingested_at``): what is new since a given moment.
CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at);
