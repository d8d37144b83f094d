"""One analysis as the rows it adds to each table: the one mapping from the pipeline's
records to the knowledge base's columns.

:mod:`.write` inserts these rows into SQLite and :mod:`newsgraph.scale.parquet` writes
them to Parquet shards (which ``load`` copies into SQLite column for column), so a
record stored either way is the same.  JSON columns hold compact JSON text.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import QUAD_CLASS, Analysis, Event

__all__ = ["ANALYSIS_TABLES", "analysis_rows", "article_row", "event_row", "held_persons",
           "to_json"]

#: The tables an analysis adds rows to, in the order they are written.
ANALYSIS_TABLES = ("articles", "article_actors", "mentions", "actor_roles", "quotes", "events",
                   "event_actors", "held_events")

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def to_json(value: Any) -> str:
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    return _dumps(value)


def article_row(a: Analysis, *, analysed_at: str | None = None) -> dict[str, Any]:
    """The ``articles`` row of an analysis (``ingested_at`` and ``cluster_id`` are the
    store's to set)."""
    art = a.article
    hs = art.headline_span
    home = a.home_country
    return {
        "id": art.id, "sha256": art.source.sha256, "source_path": art.source.path,
        "source_format": art.source.format, "source_record": art.source.record,
        "publication": art.publication, "language": art.language, "country": art.country,
        "published": art.published, "url": art.url, "headline": art.headline,
        "deck": art.deck, "byline": art.byline, "dateline": art.dateline, "text": art.text,
        "paragraphs": "[" + ",".join(f"[{p.start},{p.end}]" for p in art.paragraphs) + "]",
        "captions": to_json([c.to_dict() for c in art.captions]),
        "origin": to_json(dict(art.origin)),
        "times": to_json([t.to_dict() for t in a.times]),
        "warnings": to_json(list(art.warnings)), "analysis_warnings": to_json(list(a.warnings)),
        "pipeline_version": a.pipeline_version or None,
        "headline_start": hs.start if hs else None, "headline_end": hs.end if hs else None,
        "home_country": home.code if home else None,
        "home_country_from": home.origin if home else None,
        "analysed_at": analysed_at,
    }


def event_row(article_id: str, seq: int, e: Event, published: str | None) -> dict[str, Any]:
    return {
        "article_id": article_id, "seq": seq, "type": e.type, "quad": QUAD_CLASS.get(e.type),
        "mode": e.mode, "source": to_json(list(e.source)), "target": to_json(list(e.target)),
        "modality": e.modality, "context": to_json(list(e.context)),
        "reported_by": e.reported_by, "date": e.date, "date_granularity": e.date_granularity,
        "location": e.location, "trigger": e.trigger.text, "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end, "sentence_start": e.sentence.start,
        "sentence_end": e.sentence.end, "cameo": e.cameo, "rule": e.rule or None,
        "confidence": float(e.confidence), "published": published,
        "grounding": to_json(dict(e.grounding)),
    }


def held_persons(a: Analysis, e: Event) -> list[str]:
    """The people of a held event whose state, once known, would make it political."""
    people = {x.id for x in a.actors if x.kind == "person" and not x.country}
    return [i for i in dict.fromkeys((*e.source, *e.target)) if i in people]


def analysis_rows(a: Analysis, *, analysed_at: str | None = None) -> dict[str, list[dict]]:
    """The rows one analysis adds to each table of :data:`ANALYSIS_TABLES`."""
    art, aid = a.article, a.article.id
    rows: dict[str, list[dict]] = {t: [] for t in ANALYSIS_TABLES}
    rows["articles"].append(article_row(a, analysed_at=analysed_at))
    done: set[str] = set()
    for actor in a.actors:
        if actor.id in done:  # a stage bug must not abort the batch; the first one wins
            continue
        done.add(actor.id)
        rows["article_actors"].append({
            "article_id": aid, "actor_id": actor.id, "kb_actor_id": None, "name": actor.name,
            "kind": actor.kind, "country": actor.country, "country_from": actor.country_from,
            "sector": actor.sector, "roles": to_json(list(actor.roles)),
            "members": to_json(list(actor.members)), "affiliation": actor.affiliation,
            "n_mentions": len(actor.mentions)})
        rows["mentions"].extend({"article_id": aid, "actor_id": actor.id, "start": m.start,
                                 "end": m.end, "text": m.text, "form": m.form}
                                for m in actor.mentions)
        rows["actor_roles"].extend({"actor_id": actor.id, "role": role, "country": actor.country,
                                    "article_id": aid, "seen": art.published}
                                   for role in actor.roles)
    for seq, q in enumerate(a.quotes):
        sp, cue = q.speaker, q.cue
        rows["quotes"].append({
            "article_id": aid, "seq": seq, "start": q.start, "end": q.end, "text": q.text,
            "kind": q.kind, "speaker_actor": sp.actor if sp else None,
            "speaker_name": sp.name if sp else None, "speaker_start": sp.start if sp else None,
            "speaker_end": sp.end if sp else None, "speaker_author": sp.author if sp else None,
            "speaker_affiliation": sp.affiliation if sp else None,
            "cue": cue.text if cue else None, "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None, "about": to_json(list(q.about)),
            "sentence_start": q.sentence.start if q.sentence else None,
            "sentence_end": q.sentence.end if q.sentence else None, "rule": q.rule or None,
            "published": art.published})
    for seq, e in enumerate(a.events):
        rows["events"].append(event_row(aid, seq, e, art.published))
        for role, ids in (("source", e.source), ("target", e.target)):
            rows["event_actors"].extend({"article_id": aid, "seq": seq, "actor_id": actor_id,
                                         "role": role} for actor_id in dict.fromkeys(ids))
    for seq, e in enumerate(a.held_events):
        rows["held_events"].append({"article_id": aid, "seq": seq, "event": _dumps(e.to_dict()),
                                    "persons": to_json(held_persons(a, e))})
    return rows
