"""Knowledge-base queries: quotes by speaker, about an actor, in a date range.

A mixin of :class:`newsgraph.store.KnowledgeBase`; uses ``self.conn``
(an sqlite3 connection whose rows are ``sqlite3.Row``).

``by`` and ``about`` take an actor id ("person:antony-blinken", "USA") or a
name; a name matches, case-insensitively and as a substring, the speaker's
resolved name and the names of the actors an article found (so "Blinken"
finds quotes whose speaker mention was "he" once resolved to Antony Blinken).
Dates filter on the article's publication date (``YYYY-MM-DD``, inclusive).
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import QueryError
from .bounds import date_bound, upper
from .q_clusters import quote_ids_once

__all__ = ["QuoteQueries", "quote_row"]



def quote_row(row) -> dict[str, Any]:
    """One stored quote as a dict shaped like the analysis record's quote, plus its article."""
    d = dict(row)
    speaker = None
    if d.get("speaker_name") or d.get("speaker_actor") or d.get("speaker_start") is not None:
        speaker = {"actor": d.get("speaker_actor"), "name": d.get("speaker_name"),
                   "start": d.get("speaker_start"), "end": d.get("speaker_end")}
        if d.get("speaker_author"):
            speaker["author"] = d["speaker_author"]
    return {
        "article_id": d["article_id"], "headline": d.get("headline"),
        "publication": d.get("publication"), "published": d.get("published"),
        "seq": d["seq"], "start": d["start"], "end": d["end"], "text": d["text"],
        "kind": d["kind"], "speaker": speaker,
        "cue": ({"text": d["cue"], "start": d["cue_start"], "end": d["cue_end"]}
                if d.get("cue") else None),
        "about": json.loads(d.get("about") or "[]"),
        "sentence": ({"start": d["sentence_start"], "end": d["sentence_end"]}
                     if d.get("sentence_start") is not None else None),
        "rule": d.get("rule"),
    }



def _like(name: str) -> str:
    return "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class QuoteQueries:
    """Who said what: quotes filtered by speaker, actors mentioned and date."""

    def quotes(self, *, by: str | None = None, about: str | None = None,
               since: str | None = None, until: str | None = None,
               limit: int = 100, offset: int = 0, dedupe: bool = False) -> list[dict[str, Any]]:
        """Stored quotes, newest article first (then in text order).

        ``dedupe``: one quote per (story, speaker, text) across near-duplicate articles.

        Raises :class:`~newsgraph.errors.QueryError` ``[E523]`` on a malformed date and
        ``[E524]`` on a negative limit or offset.
        """
        since = date_bound(since, "--since", code="E523")
        until = date_bound(until, "--until", code="E523")
        if limit < 0 or offset < 0:
            raise QueryError("limit and offset must not be negative", code="E524")
        where, args = [], []
        if by:
            where.append(
                "(q.speaker_actor = ? OR q.speaker_name LIKE ? ESCAPE '\\' "
                "OR q.speaker_actor IN (SELECT aa.actor_id FROM article_actors aa "
                "WHERE aa.article_id = q.article_id AND (aa.kb_actor_id = ? "
                "OR aa.name LIKE ? ESCAPE '\\')))")
            args += [by, _like(by), by, _like(by)]
        if about:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(q.about) j WHERE j.value = ? OR j.value IN "
                "(SELECT aa.actor_id FROM article_actors aa WHERE aa.article_id = q.article_id "
                "AND (aa.kb_actor_id = ? OR aa.name LIKE ? ESCAPE '\\')))")
            args += [about, about, _like(about)]
        if since:
            where.append("q.published >= ?")
            args.append(since)
        if until:
            where.append("q.published <= ?")
            args.append(upper(until))
        if dedupe:
            where.append(f"q.id IN ({quote_ids_once()})")
        sql = ("SELECT q.*, a.headline, a.publication FROM quotes q "
               "JOIN articles a ON a.id = q.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY q.published IS NULL, q.published DESC, q.article_id, q.seq "
                 "LIMIT ? OFFSET ?")
        return [quote_row(r) for r in self.conn.execute(sql, (*args, limit, offset))]


