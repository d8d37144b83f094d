-- newsgraph knowledge base: how actors were grounded to their state, and events held back
-- for want of one (migration range 060-069).
--
-- The article's home country (the state it reports from) and where that came from; how
-- each actor's state was found; how each event's actors were grounded; the organisation
-- an unnamed speaker ("a spokesman", "aides") belongs to.
ALTER TABLE articles ADD COLUMN home_country TEXT;
ALTER TABLE articles ADD COLUMN home_country_from TEXT;
ALTER TABLE article_actors ADD COLUMN country_from TEXT;
ALTER TABLE events ADD COLUMN grounding TEXT NOT NULL DEFAULT '{}';
ALTER TABLE quotes ADD COLUMN speaker_affiliation TEXT;

-- Events held back only because a person taking part is not known to act for a state
-- (the analysis record's `held_events`).  `newsgraph link` moves one into `events` once
-- one of its `persons` is linked to a knowledge-base actor that has a state.
CREATE TABLE IF NOT EXISTS held_events (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    event      TEXT NOT NULL,    -- the event record (docs/analysis-json.md) as JSON
    persons    TEXT NOT NULL     -- JSON list of the article's person actor ids it waits on
);
CREATE INDEX IF NOT EXISTS held_events_article ON held_events(article_id);
