"""Data files of the query layer (TSV tables); see each file's header."""
