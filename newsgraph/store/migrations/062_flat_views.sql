-- Views for analysts (sqlite3, DuckDB's sqlite scanner, Datasette): the events and
-- quotes with their actors, states, dates and articles, one row each, so that a
-- question in SQL gets the answer `newsgraph events`, `dyad` and the explorer give.
--
-- event_sides: one row per event, role and actor, and per state that actor counts
-- for (a group once per member; NULL when it counts for none), by the actor rule of
-- migration 060 (actor_parties).  events_flat: one row per event and source/target
-- pair of event_sides; count events with count(DISTINCT event_id).  The period
-- columns come from events.day (its date when that names a day, else the article's
-- publication date).

CREATE VIEW IF NOT EXISTS event_sides AS
SELECT ea.event_id, ea.role, ea.actor_id,
       COALESCE(aa.kb_actor_id, ea.actor_id) AS kb_actor_id,
       COALESCE(k.name, aa.name, ea.actor_id) AS name,
       aa.kind,
       p.party AS country
FROM event_actors ea
JOIN events e ON e.id = ea.event_id
LEFT JOIN article_actors aa ON aa.article_id = e.article_id AND aa.actor_id = ea.actor_id
LEFT JOIN actors k ON k.id = aa.kb_actor_id
LEFT JOIN event_parties p ON p.event_id = ea.event_id AND p.role = ea.role
    AND p.actor_id = ea.actor_id AND p.is_country = 1;

CREATE VIEW IF NOT EXISTS events_flat AS
SELECT e.id AS event_id, e.article_id, e.seq,
       e.day, substr(e.day, 1, 7) AS month, substr(e.day, 1, 4) AS year,
       e.date, e.published, e.type, e.quad, e.mode, e.modality, e.cameo,
       s.actor_id AS source_actor, s.kb_actor_id AS source_kb_actor, s.name AS source_name,
       s.country AS source_country,
       t.actor_id AS target_actor, t.kb_actor_id AS target_kb_actor, t.name AS target_name,
       t.country AS target_country,
       e.trigger, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
           AS sentence,
       e.location, e.reported_by, e.rule, e.confidence,
       a.headline, a.publication, a.country AS publication_country, a.url
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN event_sides s ON s.event_id = e.id AND s.role = 'source'
LEFT JOIN event_sides t ON t.event_id = e.id AND t.role = 'target';

-- quotes_flat: one row per quote and state its speaker counts for (NULL when none).
CREATE VIEW IF NOT EXISTS quotes_flat AS
SELECT q.id AS quote_id, q.article_id, q.seq, q.published,
       substr(q.published, 1, 7) AS month, substr(q.published, 1, 4) AS year,
       q.text, q.kind,
       q.speaker_actor, COALESCE(aa.kb_actor_id, q.speaker_actor) AS speaker_kb_actor,
       COALESCE(k.name, q.speaker_name) AS speaker_name, qp.party AS speaker_country,
       q.cue, q.about,
       substr(a.text, q.sentence_start + 1, q.sentence_end - q.sentence_start) AS sentence,
       q.rule, a.headline, a.publication, a.country AS publication_country, a.url
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN article_actors aa ON aa.article_id = q.article_id AND aa.actor_id = q.speaker_actor
LEFT JOIN actors k ON k.id = aa.kb_actor_id
LEFT JOIN quote_parties qp ON qp.quote_id = q.id AND qp.role = 'speaker'
    AND qp.actor_id = q.speaker_actor AND qp.is_country = 1;
