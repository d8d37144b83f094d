-- newsgraph knowledge base, schema version 2 (store).
-- Full-text search over headline and text (FTS5, external content: the text is
-- stored once, in `articles`), kept in sync by triggers on insert, update and
-- delete; the article fields the schema 1 lacked to rebuild an Article exactly;
-- indexes that ingest's duplicate/replace look-ups and cascading deletes need.

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    headline, text,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;

CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
END;

CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF headline, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;

-- Articles stored before this migration (none in practice) become searchable.
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

ALTER TABLE articles ADD COLUMN headline_start INTEGER;
ALTER TABLE articles ADD COLUMN headline_end INTEGER;
ALTER TABLE articles ADD COLUMN analysis_warnings TEXT NOT NULL DEFAULT '[]';  -- JSON, the analysis's own

CREATE INDEX IF NOT EXISTS articles_source ON articles(source_path, source_record);
CREATE INDEX IF NOT EXISTS articles_version ON articles(pipeline_version);
-- Facets and filters read these columns without touching the article rows.
CREATE INDEX IF NOT EXISTS articles_facets ON articles(publication, country, language, published);
CREATE INDEX IF NOT EXISTS actor_roles_article ON actor_roles(article_id);
CREATE INDEX IF NOT EXISTS errors_run ON errors(run_id);
