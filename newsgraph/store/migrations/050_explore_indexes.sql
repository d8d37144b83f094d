-- Indexes for the explorer's pages (web issue; migration range 050-059).
-- Covering indexes so that actor pages, dyads and the network read index
-- b-trees only, and events can be walked newest first.
CREATE INDEX IF NOT EXISTS event_actors_actor_role_event ON event_actors(actor_id, role, event_id);
CREATE INDEX IF NOT EXISTS event_actors_event_role_actor ON event_actors(event_id, role, actor_id);
CREATE INDEX IF NOT EXISTS events_published ON events(published, type);
CREATE INDEX IF NOT EXISTS events_id_when ON events(id, type, date, published);
CREATE INDEX IF NOT EXISTS quotes_speaker_published ON quotes(speaker_actor, published);
