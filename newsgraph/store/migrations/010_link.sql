-- newsgraph link: the cross-article pass (migration range 010-019).
-- Every statement is idempotent: `newsgraph link` also runs this file itself.

-- Which articles the link pass has seen, and the analysis it saw: an article whose
-- analysis changed (analysed_at differs) is linked again.
CREATE TABLE IF NOT EXISTS link_state (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    analysed_at TEXT,
    linked_at   TEXT NOT NULL,
    version     TEXT NOT NULL
);

-- Lookup keys of knowledge-base actors ("surname:kishida" -> person:fumio-kishida).
CREATE TABLE IF NOT EXISTS actor_keys (
    key      TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (key, actor_id)
) WITHOUT ROWID;

-- Bare-surname person mentions ("Kishida", "Mr Hayashi") not linked yet, by key:
-- retried when a person with that surname becomes known.
CREATE TABLE IF NOT EXISTS link_pending (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id   TEXT NOT NULL,
    key        TEXT NOT NULL,
    reason     TEXT NOT NULL,          -- unknown | ambiguous
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS link_pending_key ON link_pending(key);
CREATE INDEX IF NOT EXISTS actor_roles_article ON actor_roles(article_id);
