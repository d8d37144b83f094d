"""Analysis -> rows and Arrow tables with the knowledge base's columns.

One shard holds these tables (the names and columns of the SQLite schema in
``store/migrations/001_initial.sql``, so DuckDB or Spark can query shards where
they lie and :mod:`.load` copies them into SQLite column for column):

``articles``, ``article_actors``, ``mentions``, ``actor_roles``, ``quotes``,
``events``, ``event_actors`` (keyed by ``article_id, seq`` instead of the
SQLite event id), ``held_events``, ``errors`` (documents that failed) and
``signatures`` (near-duplicate MinHash signatures, see :mod:`.dedupe`).  The rows
of an analysis are :func:`newsgraph.store.rows.analysis_rows`, as the store's own.

JSON columns hold the same JSON text as in SQLite.  ``ingested_at`` and the
SQLite row ids are set when a shard is loaded.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import pyarrow as pa

from ..models import Failure
from ..store.rows import analysis_rows

__all__ = ["SCHEMAS", "TABLES", "analysis_rows", "failure_row", "to_tables"]

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.binary()

#: Arrow schema of every table of a shard, column for column as in SQLite.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", S), ("sha256", S), ("source_path", S), ("source_format", S),
        ("source_record", I), ("publication", S), ("language", S), ("country", S),
        ("published", S), ("url", S), ("headline", S), ("deck", S), ("byline", S),
        ("dateline", S), ("text", S), ("paragraphs", S), ("captions", S), ("origin", S),
        ("times", S), ("warnings", S), ("analysis_warnings", S), ("pipeline_version", S),
        ("headline_start", I), ("headline_end", I), ("home_country", S),
        ("home_country_from", S), ("analysed_at", S)]),
    "article_actors": pa.schema([
        ("article_id", S), ("actor_id", S), ("kb_actor_id", S), ("name", S), ("kind", S),
        ("country", S), ("country_from", S), ("sector", S), ("roles", S), ("members", S),
        ("affiliation", S), ("n_mentions", I)]),
    "mentions": pa.schema([
        ("article_id", S), ("actor_id", S), ("start", I), ("end", I), ("text", S),
        ("form", S)]),
    "actor_roles": pa.schema([
        ("actor_id", S), ("role", S), ("country", S), ("article_id", S), ("seen", S)]),
    "quotes": pa.schema([
        ("article_id", S), ("seq", I), ("start", I), ("end", I), ("text", S), ("kind", S),
        ("speaker_actor", S), ("speaker_name", S), ("speaker_start", I), ("speaker_end", I),
        ("speaker_author", S), ("speaker_affiliation", S), ("cue", S), ("cue_start", I),
        ("cue_end", I), ("about", S),
        ("sentence_start", I), ("sentence_end", I), ("rule", S), ("published", S)]),
    "events": pa.schema([
        ("article_id", S), ("seq", I), ("type", S), ("quad", S), ("mode", S), ("source", S),
        ("target", S), ("modality", S), ("context", S), ("reported_by", S), ("date", S),
        ("date_granularity", S), ("location", S), ("trigger", S), ("trigger_start", I),
        ("trigger_end", I), ("sentence_start", I), ("sentence_end", I), ("cameo", S),
        ("rule", S), ("confidence", F), ("published", S), ("grounding", S)]),
    "event_actors": pa.schema([
        ("article_id", S), ("seq", I), ("actor_id", S), ("role", S)]),
    "held_events": pa.schema([
        ("article_id", S), ("seq", I), ("event", S), ("persons", S)]),
    "errors": pa.schema([
        ("location", S), ("code", S), ("message", S), ("source_path", S)]),
    "signatures": pa.schema([
        ("article_id", S), ("scheme", S), ("signature", B)]),
}
TABLES = tuple(SCHEMAS)


def failure_row(f: Failure) -> dict:
    return {"location": f.where, "code": f.code, "message": f.message,
            "source_path": f.source.path if f.source else None}


def to_tables(rows: dict[str, Iterable[dict]]) -> dict[str, pa.Table]:
    """Arrow tables (every table of :data:`SCHEMAS`, empty ones included)."""
    return {name: pa.Table.from_pylist(list(rows.get(name, ())), schema=schema)
            for name, schema in SCHEMAS.items()}
