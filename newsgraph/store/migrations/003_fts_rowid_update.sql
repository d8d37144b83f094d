-- newsgraph knowledge base, schema version 3 (store).
-- The full-text index follows an article whose rowid changes too (schema 2's
-- update trigger watched headline and text only), so no update of `articles`
-- can leave a stale entry behind.
DROP TRIGGER IF EXISTS articles_fts_update;

CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles
WHEN old.rowid IS NOT new.rowid OR old.headline IS NOT new.headline OR old.text IS NOT new.text
BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;
