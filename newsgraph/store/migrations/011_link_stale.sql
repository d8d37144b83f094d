-- newsgraph link: an article whose actor rows are rewritten (reprocess, re-ingest),
-- extended or deleted is linked again by the next `newsgraph link`, whatever its
-- analysed_at says, and the knowledge-base actors it named are recounted.
CREATE TABLE IF NOT EXISTS link_dirty (
    actor_id TEXT PRIMARY KEY       -- a knowledge-base actor that lost an article row
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS link_stale_delete AFTER DELETE ON article_actors BEGIN
    DELETE FROM link_state WHERE article_id = old.article_id;
    INSERT OR IGNORE INTO link_dirty (actor_id)
        SELECT old.kb_actor_id WHERE old.kb_actor_id IS NOT NULL;
END;

CREATE TRIGGER IF NOT EXISTS link_stale_insert AFTER INSERT ON article_actors BEGIN
    DELETE FROM link_state WHERE article_id = new.article_id;
END;
