-- newsgraph knowledge base: words in event sentences and quotes, by index, and the
-- sort columns of the explorer's lists (migration range 080-089: the explorer).
--
-- `Filter.text` (the explorer's /events?text= and /quotes?text=) keeps events whose
-- sentence, and quotes whose words, hold given words.  Without an index each would
-- read its article's text; these full-text tables answer from the index.  Whole
-- words (no stemming), any case, accents folded.

-- The sentence of every event (rowid = events.id), its text kept here: the events
-- table holds only offsets into the article.
CREATE VIRTUAL TABLE IF NOT EXISTS event_text USING fts5(
    sentence,
    tokenize="unicode61 remove_diacritics 2"
);

CREATE TRIGGER IF NOT EXISTS event_text_insert AFTER INSERT ON events
WHEN new.sentence_start IS NOT NULL AND new.sentence_end IS NOT NULL BEGIN
    INSERT INTO event_text(rowid, sentence)
        SELECT new.id, substr(a.text, new.sentence_start + 1, new.sentence_end - new.sentence_start)
        FROM articles a WHERE a.id = new.article_id;
END;

CREATE TRIGGER IF NOT EXISTS event_text_delete AFTER DELETE ON events BEGIN
    DELETE FROM event_text WHERE rowid = old.id;
END;

CREATE TRIGGER IF NOT EXISTS event_text_update AFTER UPDATE OF article_id, sentence_start, sentence_end ON events
BEGIN
    DELETE FROM event_text WHERE rowid = old.id;
    INSERT INTO event_text(rowid, sentence)
        SELECT new.id, substr(a.text, new.sentence_start + 1, new.sentence_end - new.sentence_start)
        FROM articles a WHERE a.id = new.article_id AND new.sentence_start IS NOT NULL
        AND new.sentence_end IS NOT NULL;
END;

INSERT INTO event_text(rowid, sentence)
    SELECT e.id, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.sentence_start IS NOT NULL AND e.sentence_end IS NOT NULL;

-- The words of every quote: an index of quotes.text (its content is the quotes table).
CREATE VIRTUAL TABLE IF NOT EXISTS quote_text USING fts5(
    text,
    content="quotes", content_rowid="id",
    tokenize="unicode61 remove_diacritics 2"
);

CREATE TRIGGER IF NOT EXISTS quote_text_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_text(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER IF NOT EXISTS quote_text_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quote_text(quote_text, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER IF NOT EXISTS quote_text_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quote_text(quote_text, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quote_text(rowid, text) VALUES (new.id, new.text);
END;

INSERT INTO quote_text(quote_text) VALUES ('rebuild');

-- The explorer's lists sort by these columns: each index gives the whole order
-- (the column, then the day or date, then the id) from either end.
CREATE INDEX IF NOT EXISTS events_type_day ON events(type, day);
CREATE INDEX IF NOT EXISTS events_modality_day ON events(modality, day);
CREATE INDEX IF NOT EXISTS quotes_speaker_name ON quotes(speaker_name, published);
CREATE INDEX IF NOT EXISTS quotes_kind ON quotes(kind, published);

-- What arrived after a moment, as article ids, from the index alone.
CREATE INDEX IF NOT EXISTS articles_ingested_id ON articles(ingested_at, id);
