-- newsgraph knowledge base: incremental near-duplicate grouping (newsgraph.scale.clusters).
--
-- What locality-sensitive hashing needs of each grouped article, so that a `dedupe` run
-- reads only the new articles and the stored ones that share a band with them.  The
-- tables start empty: the first `dedupe` (or `watch`, `load`) after this migration finds
-- no grouping state and groups every stored signature from scratch, filling them.

-- The grouping `articles.cluster_id` holds now (one row): the signature scheme with its
-- banding (`...:lsh.b25.r5`: b bands of r values each) and the Jaccard threshold.  A run
-- under another scheme or threshold regroups from scratch.
CREATE TABLE IF NOT EXISTS dedupe_state (
    id         INTEGER PRIMARY KEY,
    scheme     TEXT NOT NULL UNIQUE,
    threshold  REAL NOT NULL,
    grouped_at TEXT NOT NULL
);

-- The articles in that grouping, each numbered for its band rows (a number is a few
-- bytes, an article id 64): an article here has its band rows and `cluster_id` set.
CREATE TABLE IF NOT EXISTS dedupe_articles (
    n          INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);

-- One row per band of each grouped article's MinHash signature: two articles are
-- candidates when they share a (band, hash).  `hash`: 47 bits of BLAKE2b of the band (six
-- bytes); `scheme`: dedupe_state.id.  No foreign keys, so that a regroup empties it at
-- once (SQLite's truncation); the trigger below removes an article's rows with it.
CREATE TABLE IF NOT EXISTS article_bands (
    scheme INTEGER NOT NULL,
    band   INTEGER NOT NULL,
    hash   INTEGER NOT NULL,
    n      INTEGER NOT NULL,          -- dedupe_articles.n
    PRIMARY KEY (scheme, band, hash, n)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_bands_n ON article_bands(n);
CREATE TRIGGER IF NOT EXISTS dedupe_articles_bands AFTER DELETE ON dedupe_articles
BEGIN
    DELETE FROM article_bands WHERE n = OLD.n;
END;

-- Stories an article left (deleted, or replaced by `ingest`/`load`): the next run
-- regroups their remaining members, which may no longer be one story.
CREATE TABLE IF NOT EXISTS dedupe_dirty (
    cluster_id TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS articles_dedupe_dirty AFTER DELETE ON articles
WHEN OLD.cluster_id IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO dedupe_dirty (cluster_id) VALUES (OLD.cluster_id);
END;
