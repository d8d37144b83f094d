-- newsgraph knowledge base: one actor rule for every query (migration range 060-069).
--
-- An actor row of an article counts for "parties": its own id, the knowledge-base
-- actor `newsgraph link` linked it to, and the states it stands for (a country is
-- itself; a person, organisation or document stands for its own country, else the
-- country of the knowledge-base actor it is linked to; a group for each member).
-- The view actor_party_rule is that rule, written once; actor_parties holds its rows,
-- and event_parties / quote_parties carry them to every event and quote, so "events of
-- USA", "quotes by USA", a dyad and a search by actor all ask the same question.
-- Triggers keep the three tables current whatever writes the rows (ingest, load,
-- reprocess, link, or plain SQL).

-- An event's day: its date when that names a day, else its article's publication date.
-- --since/--until, newest-first order and week/month/year periods all use it.
ALTER TABLE events ADD COLUMN day TEXT GENERATED ALWAYS AS (
    CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN date ELSE published END
) VIRTUAL;
CREATE INDEX IF NOT EXISTS events_day ON events(day, type);

-- The explorer's per-id running counts are replaced by the party tables below.
DROP TRIGGER IF EXISTS explore_counts_insert;
DROP TRIGGER IF EXISTS explore_counts_delete;
DROP TABLE IF EXISTS explore_actor_months;
DROP TABLE IF EXISTS explore_dyad_months;

-- article_actors again, now declaring its link to the knowledge-base actor.
DROP TRIGGER IF EXISTS link_stale_delete;
DROP TRIGGER IF EXISTS link_stale_insert;
CREATE TABLE article_actors_060 (
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id     TEXT NOT NULL,
    kb_actor_id  TEXT REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    country      TEXT,
    sector       TEXT,
    roles        TEXT NOT NULL DEFAULT '[]',
    members      TEXT NOT NULL DEFAULT '[]',
    affiliation  TEXT,
    n_mentions   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, actor_id)
);
INSERT INTO article_actors_060 (article_id, actor_id, kb_actor_id, name, kind, country, sector,
                                roles, members, affiliation, n_mentions)
SELECT aa.article_id, aa.actor_id,
       CASE WHEN EXISTS (SELECT 1 FROM actors k WHERE k.id = aa.kb_actor_id)
            THEN aa.kb_actor_id END,
       aa.name, aa.kind, aa.country, aa.sector, aa.roles, aa.members, aa.affiliation,
       aa.n_mentions
FROM article_actors aa;
DROP TABLE article_actors;
ALTER TABLE article_actors_060 RENAME TO article_actors;
-- (with n_mentions: an actor's mentions are counted from the index)
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id, n_mentions);
CREATE INDEX IF NOT EXISTS article_actors_kb ON article_actors(kb_actor_id, n_mentions);
CREATE INDEX IF NOT EXISTS article_actors_name ON article_actors(name COLLATE NOCASE);

CREATE TRIGGER IF NOT EXISTS link_stale_delete AFTER DELETE ON article_actors BEGIN
    DELETE FROM link_state WHERE article_id = old.article_id;
    INSERT OR IGNORE INTO link_dirty (actor_id)
        SELECT old.kb_actor_id WHERE old.kb_actor_id IS NOT NULL;
END;

CREATE TRIGGER IF NOT EXISTS link_stale_insert AFTER INSERT ON article_actors BEGIN
    DELETE FROM link_state WHERE article_id = new.article_id;
END;

-- The rule.  ord: when two branches give the same party, the first one's flags stand.
CREATE VIEW IF NOT EXISTS actor_party_rule AS
SELECT aa.article_id, aa.actor_id, aa.actor_id AS party, aa.kind = 'country' AS is_country,
       (aa.kb_actor_id IS NULL OR aa.kb_actor_id = aa.actor_id) AS canonical, 1 AS ord
FROM article_actors aa
UNION ALL
SELECT aa.article_id, aa.actor_id, aa.kb_actor_id, aa.kind = 'country', 1, 2
FROM article_actors aa WHERE aa.kb_actor_id IS NOT NULL AND aa.kb_actor_id != aa.actor_id
UNION ALL
SELECT aa.article_id, aa.actor_id, COALESCE(aa.country, k.country), 1, 1, 3
FROM article_actors aa LEFT JOIN actors k ON k.id = aa.kb_actor_id
WHERE aa.kind NOT IN ('country', 'group', 'location')
  AND COALESCE(aa.country, k.country) IS NOT NULL
UNION ALL
SELECT aa.article_id, aa.actor_id, j.value, 1, 1, 4
FROM article_actors aa,
     json_each(CASE WHEN json_valid(aa.members) THEN aa.members ELSE '[]' END) j
WHERE aa.members != '[]' AND j.type = 'text';

CREATE TABLE IF NOT EXISTS actor_parties (
    article_id TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    party      TEXT NOT NULL,      -- an id, a linked id or a state the actor row counts for
    is_country INTEGER NOT NULL,   -- 1: the party is a state
    canonical  INTEGER NOT NULL,   -- 0: the row's own id, where `link` gave it another
    PRIMARY KEY (article_id, actor_id, party),
    FOREIGN KEY (article_id, actor_id) REFERENCES article_actors (article_id, actor_id)
        ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS event_parties (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,      -- source | target
    actor_id   TEXT NOT NULL,      -- the event's actor, as its article names it
    party      TEXT NOT NULL,
    is_country INTEGER NOT NULL,
    day        TEXT NOT NULL,      -- events.day ('' when undated)
    type       TEXT NOT NULL,
    PRIMARY KEY (event_id, role, actor_id, party)
) WITHOUT ROWID;

-- Events per party, month and type, each event once per party (an event two of whose
-- actors count for a state is one event of that state): timelines read these.
CREATE TABLE IF NOT EXISTS party_months (
    party TEXT NOT NULL,
    month TEXT NOT NULL,      -- YYYY-MM of the event's day ('' when undated)
    type  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (party, month, type)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS quote_parties (
    quote_id   INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,      -- speaker | about
    actor_id   TEXT NOT NULL,
    party      TEXT NOT NULL,
    is_country INTEGER NOT NULL,
    published  TEXT NOT NULL,      -- the article's publication date ('' when undated)
    PRIMARY KEY (quote_id, role, actor_id, party)
) WITHOUT ROWID;

-- What was stored before this migration, in bulk (the triggers come after): the rule's
-- branches in their order, so that the first branch's flags stand.
INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
SELECT article_id, actor_id, party, is_country, canonical FROM actor_party_rule WHERE ord = 1;
INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
SELECT article_id, actor_id, party, is_country, canonical FROM actor_party_rule WHERE ord = 2;
INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
SELECT article_id, actor_id, party, is_country, canonical FROM actor_party_rule WHERE ord = 3;
INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
SELECT article_id, actor_id, party, is_country, canonical FROM actor_party_rule WHERE ord = 4;

INSERT OR IGNORE INTO event_parties (event_id, role, actor_id, party, is_country, day, type)
SELECT e.id, ea.role, ea.actor_id, p.party, p.is_country, COALESCE(e.day, ''), e.type
FROM event_actors ea JOIN events e ON e.id = ea.event_id
JOIN actor_parties p ON p.article_id = e.article_id AND p.actor_id = ea.actor_id;
INSERT OR IGNORE INTO event_parties (event_id, role, actor_id, party, is_country, day, type)
SELECT e.id, ea.role, ea.actor_id, ea.actor_id, ea.actor_id GLOB '[A-Z][A-Z][A-Z]',
       COALESCE(e.day, ''), e.type
FROM event_actors ea JOIN events e ON e.id = ea.event_id;

INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
SELECT q.id, 'speaker', q.speaker_actor, p.party, p.is_country, COALESCE(q.published, '')
FROM quotes q JOIN actor_parties p
    ON p.article_id = q.article_id AND p.actor_id = q.speaker_actor;
INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
SELECT q.id, 'speaker', q.speaker_actor, q.speaker_actor,
       q.speaker_actor GLOB '[A-Z][A-Z][A-Z]', COALESCE(q.published, '')
FROM quotes q WHERE q.speaker_actor IS NOT NULL;
INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
SELECT q.id, 'about', j.value, p.party, p.is_country, COALESCE(q.published, '')
FROM quotes q, json_each(CASE WHEN json_valid(q.about) THEN q.about ELSE '[]' END) j
JOIN actor_parties p ON p.article_id = q.article_id AND p.actor_id = j.value
WHERE q.about != '[]' AND j.type = 'text';
INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
SELECT q.id, 'about', j.value, j.value, j.value GLOB '[A-Z][A-Z][A-Z]',
       COALESCE(q.published, '')
FROM quotes q, json_each(CASE WHEN json_valid(q.about) THEN q.about ELSE '[]' END) j
WHERE q.about != '[]' AND j.type = 'text';

INSERT INTO party_months (party, month, type, n)
SELECT party, substr(day, 1, 7), type, count(DISTINCT event_id) FROM event_parties
GROUP BY 1, 2, 3;

CREATE INDEX IF NOT EXISTS actor_parties_party ON actor_parties(party, canonical, article_id);
CREATE INDEX IF NOT EXISTS event_parties_party ON event_parties(party, role, day, event_id, type);
CREATE INDEX IF NOT EXISTS quote_parties_party
    ON quote_parties(party, role, published DESC, quote_id);

-- actor rows -> parties
CREATE TRIGGER IF NOT EXISTS parties_actor_insert AFTER INSERT ON article_actors BEGIN
    INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
    SELECT article_id, actor_id, party, is_country, canonical FROM actor_party_rule
    WHERE article_id = NEW.article_id AND actor_id = NEW.actor_id ORDER BY ord;
END;

CREATE TRIGGER IF NOT EXISTS parties_actor_update
AFTER UPDATE OF kb_actor_id, country, members, kind ON article_actors
WHEN OLD.kb_actor_id IS NOT NEW.kb_actor_id OR OLD.country IS NOT NEW.country
  OR OLD.members IS NOT NEW.members OR OLD.kind IS NOT NEW.kind
BEGIN
    DELETE FROM actor_parties WHERE article_id = NEW.article_id AND actor_id = NEW.actor_id;
    INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
    SELECT article_id, actor_id, party, is_country, canonical FROM actor_party_rule
    WHERE article_id = NEW.article_id AND actor_id = NEW.actor_id ORDER BY ord;
END;

-- a knowledge-base actor's country: the rows linked to it that give no country follow it
CREATE TRIGGER IF NOT EXISTS parties_kb_country AFTER UPDATE OF country ON actors
WHEN OLD.country IS NOT NEW.country
BEGIN
    DELETE FROM actor_parties WHERE (article_id, actor_id) IN (
        SELECT article_id, actor_id FROM article_actors
        WHERE kb_actor_id = NEW.id AND country IS NULL);
    INSERT OR IGNORE INTO actor_parties (article_id, actor_id, party, is_country, canonical)
    SELECT r.article_id, r.actor_id, r.party, r.is_country, r.canonical
    FROM article_actors aa CROSS JOIN actor_party_rule r
        ON r.article_id = aa.article_id AND r.actor_id = aa.actor_id
    WHERE aa.kb_actor_id = NEW.id AND aa.country IS NULL ORDER BY r.ord;
END;

-- parties -> events and quotes of the same article
CREATE TRIGGER IF NOT EXISTS parties_party_insert AFTER INSERT ON actor_parties BEGIN
    INSERT OR IGNORE INTO event_parties (event_id, role, actor_id, party, is_country, day, type)
    SELECT e.id, ea.role, ea.actor_id, NEW.party, NEW.is_country, COALESCE(e.day, ''), e.type
    FROM events e CROSS JOIN event_actors ea ON ea.event_id = e.id
    WHERE e.article_id = NEW.article_id AND ea.actor_id = NEW.actor_id;
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT q.id, 'speaker', q.speaker_actor, NEW.party, NEW.is_country, COALESCE(q.published, '')
    FROM quotes q WHERE q.article_id = NEW.article_id AND q.speaker_actor = NEW.actor_id;
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT q.id, 'about', j.value, NEW.party, NEW.is_country, COALESCE(q.published, '')
    FROM quotes q, json_each(CASE WHEN json_valid(q.about) THEN q.about ELSE '[]' END) j
    WHERE q.article_id = NEW.article_id AND q.about != '[]' AND j.value = NEW.actor_id;
END;

CREATE TRIGGER IF NOT EXISTS parties_party_delete AFTER DELETE ON actor_parties BEGIN
    DELETE FROM event_parties WHERE event_id IN (
        SELECT id FROM events WHERE article_id = OLD.article_id)
        AND actor_id = OLD.actor_id AND party = OLD.party;
    DELETE FROM quote_parties WHERE quote_id IN (
        SELECT id FROM quotes WHERE article_id = OLD.article_id)
        AND actor_id = OLD.actor_id AND party = OLD.party;
END;

-- events and quotes -> parties (an actor the analysis did not list stands for itself)
CREATE TRIGGER IF NOT EXISTS parties_event_actor_insert AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO event_parties (event_id, role, actor_id, party, is_country, day, type)
    SELECT e.id, NEW.role, NEW.actor_id, p.party, p.is_country, COALESCE(e.day, ''), e.type
    FROM events e CROSS JOIN actor_parties p
        ON p.article_id = e.article_id AND p.actor_id = NEW.actor_id
    WHERE e.id = NEW.event_id;
    INSERT OR IGNORE INTO event_parties (event_id, role, actor_id, party, is_country, day, type)
    SELECT e.id, NEW.role, NEW.actor_id, NEW.actor_id, NEW.actor_id GLOB '[A-Z][A-Z][A-Z]',
           COALESCE(e.day, ''), e.type
    FROM events e WHERE e.id = NEW.event_id;
END;

CREATE TRIGGER IF NOT EXISTS party_months_insert AFTER INSERT ON event_parties
WHEN NOT EXISTS (SELECT 1 FROM event_parties WHERE event_id = NEW.event_id
                 AND party = NEW.party AND (role, actor_id) != (NEW.role, NEW.actor_id))
BEGIN
    INSERT INTO party_months (party, month, type, n)
    VALUES (NEW.party, substr(NEW.day, 1, 7), NEW.type, 1)
    ON CONFLICT (party, month, type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS party_months_delete AFTER DELETE ON event_parties
WHEN NOT EXISTS (SELECT 1 FROM event_parties WHERE event_id = OLD.event_id
                 AND party = OLD.party)
BEGIN
    UPDATE party_months SET n = n - 1
    WHERE party = OLD.party AND month = substr(OLD.day, 1, 7) AND type = OLD.type;
    DELETE FROM party_months
    WHERE party = OLD.party AND month = substr(OLD.day, 1, 7) AND type = OLD.type AND n <= 0;
END;

CREATE TRIGGER IF NOT EXISTS parties_event_actor_delete AFTER DELETE ON event_actors BEGIN
    DELETE FROM event_parties WHERE event_id = OLD.event_id AND role = OLD.role
        AND actor_id = OLD.actor_id;
END;

CREATE TRIGGER IF NOT EXISTS parties_quote_insert AFTER INSERT ON quotes BEGIN
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT NEW.id, 'speaker', NEW.speaker_actor, p.party, p.is_country, COALESCE(NEW.published, '')
    FROM actor_parties p
    WHERE p.article_id = NEW.article_id AND p.actor_id = NEW.speaker_actor;
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT NEW.id, 'speaker', NEW.speaker_actor, NEW.speaker_actor,
           NEW.speaker_actor GLOB '[A-Z][A-Z][A-Z]', COALESCE(NEW.published, '')
    WHERE NEW.speaker_actor IS NOT NULL;
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT NEW.id, 'about', j.value, p.party, p.is_country, COALESCE(NEW.published, '')
    FROM json_each(CASE WHEN json_valid(NEW.about) THEN NEW.about ELSE '[]' END) j
    CROSS JOIN actor_parties p ON p.article_id = NEW.article_id AND p.actor_id = j.value
    WHERE j.type = 'text';
    INSERT OR IGNORE INTO quote_parties (quote_id, role, actor_id, party, is_country, published)
    SELECT NEW.id, 'about', j.value, j.value, j.value GLOB '[A-Z][A-Z][A-Z]',
           COALESCE(NEW.published, '')
    FROM json_each(CASE WHEN json_valid(NEW.about) THEN NEW.about ELSE '[]' END) j
    WHERE j.type = 'text';
END;
