-- The explorer's indexes and running counts (migration range 050-059).
--
-- Covering indexes, so that actor pages, dyads and the network read index
-- b-trees only, and events can be walked newest first.
CREATE INDEX IF NOT EXISTS event_actors_actor_role_event ON event_actors(actor_id, role, event_id);
CREATE INDEX IF NOT EXISTS event_actors_event_role_actor ON event_actors(event_id, role, actor_id);
CREATE INDEX IF NOT EXISTS events_published ON events(published, type);
CREATE INDEX IF NOT EXISTS quotes_speaker_published ON quotes(speaker_actor, published);

-- Events per actor, and per (source, target) pair, by month and PLOVER type: the
-- actor timeline and the dyad chart read these instead of counting every event.
-- The month is the event's date when it names a month or day, else the month
-- its article was published.  Triggers keep the counts as events are written
-- and deleted (deleting an article deletes its events).
CREATE TABLE IF NOT EXISTS explore_actor_months (
    actor_id TEXT NOT NULL,
    month    TEXT NOT NULL,   -- YYYY-MM
    type     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (actor_id, month, type)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS explore_dyad_months (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    month  TEXT NOT NULL,     -- YYYY-MM
    type   TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (source, target, month, type)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS explore_counts_insert AFTER INSERT ON event_actors BEGIN
    INSERT INTO explore_actor_months (actor_id, month, type, n)
    SELECT NEW.actor_id,
           CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 7)
                ELSE substr(e.published, 1, 7) END AS m, e.type, 1
    FROM events e WHERE e.id = NEW.event_id AND m GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
    ON CONFLICT (actor_id, month, type) DO UPDATE SET n = n + 1;
    INSERT INTO explore_dyad_months (source, target, month, type, n)
    SELECT CASE NEW.role WHEN 'source' THEN NEW.actor_id ELSE o.actor_id END,
           CASE NEW.role WHEN 'source' THEN o.actor_id ELSE NEW.actor_id END,
           CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 7)
                ELSE substr(e.published, 1, 7) END AS m, e.type, 1
    FROM event_actors o, events e
    WHERE o.event_id = NEW.event_id AND o.role != NEW.role AND o.actor_id != NEW.actor_id
      AND e.id = NEW.event_id AND m GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
    ON CONFLICT (source, target, month, type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS explore_counts_delete BEFORE DELETE ON events BEGIN
    UPDATE explore_actor_months SET n = n - (
        SELECT count(*) FROM event_actors ea
        WHERE ea.event_id = OLD.id AND ea.actor_id = explore_actor_months.actor_id)
    WHERE actor_id IN (SELECT actor_id FROM event_actors WHERE event_id = OLD.id)
      AND type = OLD.type
      AND month = CASE WHEN OLD.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
                       THEN substr(OLD.date, 1, 7) ELSE substr(OLD.published, 1, 7) END;
    DELETE FROM explore_actor_months
    WHERE actor_id IN (SELECT actor_id FROM event_actors WHERE event_id = OLD.id) AND n <= 0;
    UPDATE explore_dyad_months SET n = n - (
        SELECT count(*) FROM event_actors s, event_actors t
        WHERE s.event_id = OLD.id AND s.role = 'source' AND t.event_id = OLD.id
          AND t.role = 'target' AND s.actor_id = explore_dyad_months.source
          AND t.actor_id = explore_dyad_months.target)
    WHERE source IN (SELECT actor_id FROM event_actors WHERE event_id = OLD.id AND role = 'source')
      AND target IN (SELECT actor_id FROM event_actors WHERE event_id = OLD.id AND role = 'target')
      AND type = OLD.type
      AND month = CASE WHEN OLD.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
                       THEN substr(OLD.date, 1, 7) ELSE substr(OLD.published, 1, 7) END;
    DELETE FROM explore_dyad_months
    WHERE source IN (SELECT actor_id FROM event_actors WHERE event_id = OLD.id AND role = 'source')
      AND target IN (SELECT actor_id FROM event_actors WHERE event_id = OLD.id AND role = 'target')
      AND n <= 0;
END;

-- Events stored before this migration are counted once here.
INSERT INTO explore_actor_months (actor_id, month, type, n)
SELECT ea.actor_id,
       CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 7)
            ELSE substr(e.published, 1, 7) END AS m, e.type, count(*)
FROM event_actors ea JOIN events e ON e.id = ea.event_id
WHERE m GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
GROUP BY ea.actor_id, m, e.type;

INSERT INTO explore_dyad_months (source, target, month, type, n)
SELECT s.actor_id, t.actor_id,
       CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 7)
            ELSE substr(e.published, 1, 7) END AS m, e.type, count(*)
FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id AND t.role = 'target'
JOIN events e ON e.id = s.event_id
WHERE s.role = 'source' AND s.actor_id != t.actor_id AND m GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
GROUP BY s.actor_id, t.actor_id, m, e.type;
