-- Words written in capitals (US, UK, EU, UN, IS, NATO), unstemmed, for search: the index
-- articles_fts stems and folds case, so "US" there is "us", "used" and "using".  A query
-- word in capitals must also be here (newsgraph.query.syntax).  newsgraph_caps(headline,
-- text) is a function every newsgraph connection registers (newsgraph.store.fts): a plain
-- SQLite connection (Datasette, the sqlite3 shell) reads, deletes and updates articles,
-- but cannot insert one or change its headline or text.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_caps USING fts5(
    caps, tokenize="unicode61 remove_diacritics 2"
);

INSERT INTO articles_caps(rowid, caps) SELECT rowid, newsgraph_caps(headline, text) FROM articles;

CREATE TRIGGER IF NOT EXISTS articles_caps_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_caps(rowid, caps) VALUES (new.rowid, newsgraph_caps(new.headline, new.text));
END;

CREATE TRIGGER IF NOT EXISTS articles_caps_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_caps WHERE rowid = old.rowid;
END;

CREATE TRIGGER IF NOT EXISTS articles_caps_update AFTER UPDATE OF headline, text ON articles
WHEN old.headline IS NOT new.headline OR old.text IS NOT new.text
BEGIN
    DELETE FROM articles_caps WHERE rowid = old.rowid;
    INSERT INTO articles_caps(rowid, caps) VALUES (new.rowid, newsgraph_caps(new.headline, new.text));
END;
