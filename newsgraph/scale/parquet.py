"""Analysis -> rows and Arrow tables with the knowledge base's columns.

One shard holds these tables (the names and columns of the SQLite schema in
``store/migrations/001_initial.sql``, so DuckDB or Spark can query shards where
they lie and :mod:`.load` copies them into SQLite column for column):

``articles``, ``article_actors``, ``mentions``, ``actor_roles``, ``quotes``,
``events``, ``event_actors`` (keyed by ``article_id, seq`` instead of the
SQLite event id), ``errors`` (documents that failed) and ``signatures``
(near-duplicate MinHash signatures, see :mod:`.dedupe`).

JSON columns hold the same JSON text as in SQLite.  ``ingested_at`` and the
SQLite row ids are set when a shard is loaded.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import pyarrow as pa

from ..models import QUAD_CLASS, Analysis, Failure

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
        ("headline_start", I), ("headline_end", I), ("cluster_id", S), ("analysed_at", S)]),
    "article_actors": pa.schema([
        ("article_id", S), ("actor_id", S), ("kb_actor_id", S), ("name", S), ("kind", S),
        ("country", S), ("sector", S), ("roles", S), ("members", S), ("affiliation", S),
        ("n_mentions", I)]),
    "mentions": pa.schema([
        ("article_id", S), ("actor_id", S), ("start", I), ("end", I), ("text", S),
        ("form", S)]),
    "actor_roles": pa.schema([
        ("actor_id", S), ("role", S), ("country", S), ("article_id", S), ("seen", S)]),
    "quotes": pa.schema([
        ("article_id", S), ("seq", I), ("start", I), ("end", I), ("text", S), ("kind", S),
        ("speaker_actor", S), ("speaker_name", S), ("speaker_start", I), ("speaker_end", I),
        ("speaker_author", S), ("cue", S), ("cue_start", I), ("cue_end", I), ("about", S),
        ("sentence_start", I), ("sentence_end", I), ("rule", S), ("published", S)]),
    "events": pa.schema([
        ("article_id", S), ("seq", I), ("type", S), ("quad", S), ("mode", S), ("source", S),
        ("target", S), ("modality", S), ("context", S), ("reported_by", S), ("date", S),
        ("date_granularity", S), ("location", S), ("trigger", S), ("trigger_start", I),
        ("trigger_end", I), ("sentence_start", I), ("sentence_end", I), ("cameo", S),
        ("rule", S), ("confidence", F), ("published", S)]),
    "event_actors": pa.schema([
        ("article_id", S), ("seq", I), ("actor_id", S), ("role", S)]),
    "errors": pa.schema([
        ("location", S), ("code", S), ("message", S), ("source_path", S)]),
    "signatures": pa.schema([
        ("article_id", S), ("scheme", S), ("signature", B)]),
}
TABLES = tuple(SCHEMAS)


def _json(value: Any) -> str:  # the same JSON text as the store's writer
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def analysis_rows(a: Analysis, *, analysed_at: str | None = None) -> dict[str, list[dict]]:
    """The rows one analysis adds to each table (no ``signatures``: see dedupe).

    The same values as :mod:`newsgraph.store.write` stores (a test compares them).
    """
    art, aid = a.article, a.article.id
    hs = art.headline_span
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    rows["articles"].append({
        "id": aid, "sha256": art.source.sha256, "source_path": art.source.path,
        "source_format": art.source.format, "source_record": art.source.record,
        "publication": art.publication, "language": art.language, "country": art.country,
        "published": art.published, "url": art.url, "headline": art.headline,
        "deck": art.deck, "byline": art.byline, "dateline": art.dateline, "text": art.text,
        "paragraphs": _json([[p.start, p.end] for p in art.paragraphs]),
        "captions": _json([c.to_dict() for c in art.captions]),
        "origin": _json(dict(art.origin)),
        "times": _json([t.to_dict() for t in a.times]),
        "warnings": _json(list(art.warnings)), "analysis_warnings": _json(list(a.warnings)),
        "pipeline_version": a.pipeline_version or None,
        "headline_start": hs.start if hs else None, "headline_end": hs.end if hs else None,
        "cluster_id": None,
        "analysed_at": analysed_at,
    })
    done: set[str] = set()
    for actor in a.actors:
        if actor.id in done:  # as the store's writer: the first one wins
            continue
        done.add(actor.id)
        rows["article_actors"].append({
            "article_id": aid, "actor_id": actor.id, "kb_actor_id": None, "name": actor.name,
            "kind": actor.kind, "country": actor.country, "sector": actor.sector,
            "roles": _json(list(actor.roles)), "members": _json(list(actor.members)),
            "affiliation": actor.affiliation, "n_mentions": len(actor.mentions)})
        for m in actor.mentions:
            rows["mentions"].append({"article_id": aid, "actor_id": actor.id, "start": m.start,
                                     "end": m.end, "text": m.text, "form": m.form})
        for role in actor.roles:
            rows["actor_roles"].append({"actor_id": actor.id, "role": role,
                                        "country": actor.country, "article_id": aid,
                                        "seen": art.published})
    for seq, q in enumerate(a.quotes):
        sp, cue = q.speaker, q.cue
        rows["quotes"].append({
            "article_id": aid, "seq": seq, "start": q.start, "end": q.end, "text": q.text,
            "kind": q.kind, "speaker_actor": sp.actor if sp else None,
            "speaker_name": sp.name if sp else None, "speaker_start": sp.start if sp else None,
            "speaker_end": sp.end if sp else None, "speaker_author": sp.author if sp else None,
            "cue": cue.text if cue else None, "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None, "about": _json(list(q.about)),
            "sentence_start": q.sentence.start if q.sentence else None,
            "sentence_end": q.sentence.end if q.sentence else None, "rule": q.rule or None,
            "published": art.published})
    for seq, e in enumerate(a.events):
        rows["events"].append({
            "article_id": aid, "seq": seq, "type": e.type, "quad": QUAD_CLASS.get(e.type),
            "mode": e.mode, "source": _json(list(e.source)), "target": _json(list(e.target)),
            "modality": e.modality, "context": _json(list(e.context)),
            "reported_by": e.reported_by, "date": e.date,
            "date_granularity": e.date_granularity, "location": e.location,
            "trigger": e.trigger.text, "trigger_start": e.trigger.start,
            "trigger_end": e.trigger.end, "sentence_start": e.sentence.start,
            "sentence_end": e.sentence.end, "cameo": e.cameo, "rule": e.rule or None,
            "confidence": float(e.confidence), "published": art.published})
        for role, ids in (("source", e.source), ("target", e.target)):
            for actor_id in dict.fromkeys(ids):
                rows["event_actors"].append({"article_id": aid, "seq": seq,
                                             "actor_id": actor_id, "role": role})
    return rows


def failure_row(f: Failure) -> dict:
    return {"location": f.where, "code": f.code, "message": f.message,
            "source_path": f.source.path if f.source else None}


def to_tables(rows: dict[str, Iterable[dict]]) -> dict[str, pa.Table]:
    """Arrow tables (every table of :data:`SCHEMAS`, empty ones included)."""
    return {name: pa.Table.from_pylist(list(rows.get(name, ())), schema=schema)
            for name, schema in SCHEMAS.items()}
