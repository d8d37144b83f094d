-- newsgraph knowledge base: scale tables.  Idempotent: safe to run again.

-- Near-duplicate MinHash signatures of each article's body text (newsgraph.scale.dedupe).
-- ``scheme`` names the shingling and hashing (dedupe.minhash.v1:w5:p128:s1); a signature
-- made under another scheme is recomputed.
CREATE TABLE IF NOT EXISTS article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    scheme     TEXT NOT NULL,
    signature  BLOB NOT NULL          -- num_perm little-endian uint32 (datasketch affine32)
);

-- Parquet shards already brought in by `newsgraph load` (a rerun skips them).
CREATE TABLE IF NOT EXISTS loaded_shards (
    shard_id         TEXT PRIMARY KEY,
    folder           TEXT NOT NULL,
    pipeline_version TEXT,
    n_articles       INTEGER NOT NULL DEFAULT 0,
    n_duplicates     INTEGER NOT NULL DEFAULT 0,
    loaded_at        TEXT NOT NULL
);
