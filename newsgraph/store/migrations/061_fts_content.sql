-- The full-text index again, declared the way Datasette and sqlite-utils recognise an
-- external-content index of `articles` (content="articles"), so Datasette offers its
-- search box on the articles table.  Same columns, tokenizer and triggers as before.
DROP TRIGGER IF EXISTS articles_fts_insert;
DROP TRIGGER IF EXISTS articles_fts_delete;
DROP TRIGGER IF EXISTS articles_fts_update;
DROP TABLE IF EXISTS articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, text,
    content="articles", content_rowid="rowid",
    tokenize="porter unicode61 remove_diacritics 2"
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles
WHEN old.rowid IS NOT new.rowid OR old.headline IS NOT new.headline OR old.text IS NOT new.text
BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;

INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
