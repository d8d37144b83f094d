"""One actor's page: who it is, what it said and was said about it, what it did and
had done to it, over time (``newsgraph actor``, the explorer's actor page, the API)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from .actors import (RULE, ActorArticle, ArticleList, KBActor, MentionList, NameSeen, Resolved,
                     RoleSeen, actor_articles, actor_info, actor_mentions, actor_names,
                     names_seen, one_id, resolve, roles_seen)
from .events import Events, TimelineCount, events, timeline
from .filters import Filter
from .listing import Record
from .quotes import Quotes, quotes

__all__ = ["ActorProfile", "actor_profile"]


@dataclass(frozen=True)
class ActorProfile(Record):
    """Everything the knowledge base holds about one actor, each list a page of
    ``limit`` with its total.  Events and quotes follow the actor rule (for a state:
    the people and organisations that act for it and its groups too)."""

    actor: KBActor
    resolved: Resolved
    names_seen: tuple[NameSeen, ...]
    roles: tuple[RoleSeen, ...]
    articles: ArticleList
    mentions: MentionList
    quotes_by: Quotes
    quotes_about: Quotes  # that name it in the quote (`quotes --about X --about-in quote`)
    events_as_source: Events
    events_as_target: Events
    timeline: tuple[TimelineCount, ...]  # its events (either role) by month and type
    names: dict[str, str]  # display names of the actor ids in the lists

    @property
    def id(self) -> str:
        return self.actor.id

    def to_dict(self) -> dict[str, Any]:
        return super().to_dict() | {"rule": RULE}


def actor_profile(conn: sqlite3.Connection, key: str, *, limit: int | None = 20,
                  names: bool = True) -> ActorProfile | None:
    """The profile of the actor ``key`` (an id; with ``names`` also a name or surname,
    ``[E522]`` when that fits several actors); None when nothing fits."""
    found = resolve(conn, key, names=names)
    if not found.ids:
        return None
    actor_id = one_id(conn, found)
    info = actor_info(conn, actor_id)
    if info is None:
        return None
    one = Resolved(actor_id, (actor_id,), "id")
    as_source = events(conn, Filter(source=actor_id), limit=limit)
    as_target = events(conn, Filter(target=actor_id), limit=limit)
    said = quotes(conn, Filter(by=actor_id), limit=limit)
    about = quotes(conn, Filter(about=actor_id, about_in="quote"), limit=limit)  # naming it
    ids = [i for evs in (as_source, as_target) for e in evs for i in e.source + e.target]
    ids += [q.speaker.actor for q in (*said, *about) if q.speaker and q.speaker.actor]
    return ActorProfile(
        info, found, names_seen(conn, actor_id), roles_seen(conn, actor_id),
        actor_articles(conn, one.ids, limit=limit), actor_mentions(conn, actor_id, limit=limit),
        said, about, as_source, as_target, timeline(conn, actor_id),
        actor_names(conn, [actor_id, *ids]))
