-- Quotes newest first, for "said about" on the explorer's actor pages.
CREATE INDEX IF NOT EXISTS quotes_published ON quotes(published);
