"""ActorIndex (the stage's result) and the per-article builder that collects actors and mentions."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..models import Actor, HomeCountry, Mention

__all__ = ["ActorIndex", "Builder", "VERSION"]

#: Version of the actor rules; each mention's ``rule`` is ``VERSION:<rule name>``.
VERSION = "actors.rules.v10"


@dataclass(frozen=True)
class ActorIndex:
    """Actors of one article and a lookup from character offsets to actors."""

    actors: tuple[Actor, ...]
    home_country: HomeCountry | None = None  # the state the article reports from
    _by_id: dict[str, Actor] = field(default_factory=dict, repr=False)
    _spans: tuple[tuple[int, int, str], ...] = ()  # sorted (start, end, actor id)
    _starts: tuple[int, ...] = ()
    #: references to someone the article does not name ("a spokeswoman said ... she added"):
    #: (start, end) of the reference -> (start, end) of the phrase it points back to
    links: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, actors: tuple[Actor, ...], home_country: HomeCountry | None = None,
              links: dict[tuple[int, int], tuple[int, int]] | None = None) -> "ActorIndex":
        spans = tuple(sorted((m.start, m.end, a.id) for a in actors for m in a.mentions))
        return cls(actors, home_country, {a.id: a for a in actors}, spans,
                   tuple(s for s, _, _ in spans), dict(links or {}))

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end): the longest overlap, then the
        shortest (most specific) mention."""
        best, key = None, None
        hi = bisect.bisect_left(self._starts, end)
        for s, e, aid in self._spans[max(0, hi - 64):hi]:  # mentions are short: 64 back is plenty
            overlap = min(e, end) - max(s, start)
            if overlap <= 0:
                continue
            k = (overlap, -(e - s))
            if key is None or k > key:
                best, key = aid, k
        return self._by_id.get(best) if best else None

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Actor]]:
        """Every mention inside [start, end), in text order."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        out = []
        for s, e, aid in self._spans[lo:hi]:
            if e <= end:
                a = self._by_id[aid]
                out.extend((m, a) for m in a.mentions if m.start == s and m.end == e)
        return out

    def for_token(self, token: Token) -> Actor | None:
        return self.at(token.idx, token.idx + len(token.text))

    def antecedent(self, start: int, end: int) -> tuple[int, int] | None:
        """For a reference at exactly [start, end) to someone the article does not name, the
        span of the phrase it points back to ("a spokeswoman"); None otherwise."""
        return self.links.get((start, end))


class Builder:
    """Mutable collection of one article's actors while the passes run (never shared)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data: dict[str, dict] = {}
        self.mentions: dict[str, list[Mention]] = {}
        self.claimed: dict[tuple[int, int], str] = {}
        self.links: dict[tuple[int, int], tuple[int, int]] = {}

    def add(self, aid: str, *, name: str, kind: str, country: str | None = None,
            country_from: str | None = None, sector: str | None = None,
            members: tuple[str, ...] = (), roles: tuple[str, ...] = (),
            affiliation: str | None = None) -> str:
        d = self.data.get(aid)
        if d is None:
            d = self.data[aid] = {"name": name, "kind": kind, "country": None, "country_from": None,
                                  "sector": None, "members": (), "roles": [], "affiliation": None,
                                  "offices": []}
            self.mentions[aid] = []
        self.update(aid, country=country, country_from=country_from, sector=sector, members=members,
                    roles=roles, affiliation=affiliation)
        return aid

    def update(self, aid: str, *, country: str | None = None, country_from: str | None = None,
               sector: str | None = None, members: tuple[str, ...] = (), roles: tuple[str, ...] = (),
               affiliation: str | None = None, name: str | None = None,
               offices: tuple[str, ...] = ()) -> None:
        """Fill what the actor lacks (the first country, sector and affiliation found stay);
        ``country_from`` says how ``country`` was found ("name" when not given)."""
        d = self.data[aid]
        if country and not d["country"]:
            d["country"] = country
            d["country_from"] = country_from or "name"
        for o in offices:
            if o not in d["offices"]:
                d["offices"].append(o)
        if sector and not d["sector"]:
            d["sector"] = sector
        if members and not d["members"]:
            d["members"] = tuple(members)
        if affiliation and not d["affiliation"]:
            d["affiliation"] = affiliation
        if name:
            d["name"] = name
        for r in roles:
            if r and r not in d["roles"]:
                d["roles"].append(r)

    def mention(self, aid: str, start: int, end: int, form: str = "name", *, rule: str) -> bool:
        """Add a mention unless that exact span already belongs to an actor."""
        if (start, end) in self.claimed or start >= end:
            return False
        self.claimed[(start, end)] = aid
        self.mentions[aid].append(Mention(start, end, self.text[start:end], form, f"{VERSION}:{rule}"))
        return True

    def remove(self, start: int, end: int) -> None:
        """Take back the mention at exactly [start, end) (a later rule knows better)."""
        aid = self.claimed.pop((start, end), None)
        if aid is not None:
            self.mentions[aid] = [m for m in self.mentions[aid] if (m.start, m.end) != (start, end)]

    def owner(self, start: int, end: int) -> str | None:
        return self.claimed.get((start, end))

    def kind(self, aid: str) -> str | None:
        d = self.data.get(aid)
        return d["kind"] if d else None

    def build(self, home_country: HomeCountry | None = None) -> ActorIndex:
        actors = []
        for aid, d in self.data.items():
            ms = tuple(sorted(self.mentions[aid], key=lambda m: (m.start, m.end)))
            if not ms:
                continue
            actors.append(Actor(aid, d["name"], d["kind"], d["country"], d["sector"], d["members"],
                                tuple(d["roles"]), d["affiliation"], ms, d["country_from"]))
        actors.sort(key=lambda a: (a.mentions[0].start, a.id))
        return ActorIndex.build(tuple(actors), home_country, self.links)
