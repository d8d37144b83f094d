"""Data files of the actors stage (TSV/JSON/text tables); see each file's header."""
