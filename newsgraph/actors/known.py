"""Known office-holders: who a person named in full is, when the article does not say
(rules ``actors.rules.v10:known``), as event coders' actor dictionaries do.

``data/people.tsv`` lists people prominent in national politics (heads of state and government,
ministers, party leaders, officials who act for a government) with the state they act for,
their party and their offices with years, written from general knowledge. Only full names
count: "Mr Blair" or "Blair" alone is no one until the article names him in full (then the
mentions are one actor already). What the text says always wins.

- :func:`find_known` (after the people pass, before references are resolved): a person of the
  article whose full name, or a listed spelling of it, is the table's holds the offices the
  table gives them in the article's year, so that "the prime minister" in a 2005 article that
  names Tony Blair is Tony Blair (the resolver's ``role-noun`` rule);
- :func:`ground_known` (after the office conventions): a listed person the text does not place
  takes the listed state (``country_from`` ``known``) and, when the text gives no affiliation,
  the party.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import fold
from .context import Context
from .tables import rows, split

__all__ = ["KnownPerson", "known_people", "known_person", "find_known", "ground_known"]

#: "Prime Minister 1997-2007", "Home Secretary 2024-", "President 2006-2010 and 2014-2018"
_OFFICE = re.compile(r"^(?P<title>.*?\D)\s+(?P<years>\d{4}(?:-(?:\d{4})?)?(?:\s*(?:,|and)\s*\d{4}(?:-(?:\d{4})?)?)*)$")
_YEARS = re.compile(r"(\d{4})(?:(-)(\d{4})?)?")


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    country: str  # alpha-3
    party: str | None  # the party's name as in parties.tsv
    office: str  # as written in the table: "Prime Minister 1997-2007; Chancellor 1989-1990"
    #: (title in lower case, first year, last year or None while in office)
    terms: tuple[tuple[str, int, int | None], ...] = ()

    def offices_in(self, year: int) -> tuple[str, ...]:
        """The titles the person held at some time in ``year``."""
        return tuple(dict.fromkeys(t for t, a, b in self.terms if a <= year <= (b or 9999)))


def _key(name: str) -> str:
    """A name as compared: folded (:func:`~newsgraph.lexicon.fold`), full stops dropped, spacing
    ignored ("George W. Bush" ~ "George W Bush", "Lech Wałęsa" ~ "Lech Walesa")."""
    return " ".join(fold(name).replace(".", " ").replace("\u2019", "'").split())


def _terms(office: str) -> tuple[tuple[str, int, int | None], ...]:
    out = []
    for item in split(office):
        m = _OFFICE.match(item.strip())
        if m is None:
            continue  # a note without years ("Armed Services Committee chairman")
        title = m["title"].strip().lower()
        for a, dash, b in _YEARS.findall(m["years"]):
            out.append((title, int(a), int(b) if b else (None if dash else int(a))))
    return tuple(out)


@functools.cache
def known_people() -> dict[str, KnownPerson]:
    """Every listed spelling (as :func:`_key` compares it) -> the person."""
    from .gazetteer import load_countries
    from .parties import parties

    countries = load_countries()
    party_names = {(p.country, p.key) for p in parties()}
    out: dict[str, KnownPerson] = {}
    for row in rows("people.tsv"):
        code, name, party = row["country"].strip(), row["name"].strip(), row["party"].strip()
        office = row["office"].strip()
        forms = [name, *split(row["aliases"])]
        if code not in countries or not office or party and (code, party) not in party_names \
                or any(len(_key(f).split()) < 2 for f in forms):
            raise row.error("an unknown state, an unknown party for the state, no office, or a "
                            "one-word name", "E319")
        person = KnownPerson(name, code, party or None, office, _terms(office))
        for f in forms:
            if out.get(_key(f), person) is not person:
                raise row.error(f"{f!r} is listed for two people", "E319")
            out[_key(f)] = person
    return out


def known_person(name: str) -> KnownPerson | None:
    """The listed person a full name stands for ("Tony Blair"), or None."""
    return known_people().get(_key(name))


def find_known(ctx: Context) -> None:
    """Note which people of the article are listed, and the offices they held in its year."""
    b = ctx.builder
    published = ctx.article.published or ""
    year = int(published[:4]) if published[:4].isdigit() else None
    for aid, d in b.data.items():
        if d["kind"] != "person":
            continue
        names = [d["name"], *(m.text for m in b.mentions[aid] if m.form == "name")]
        person = next((p for n in names if len(n.split()) >= 2 and (p := known_person(n))), None)
        if person is not None:
            ctx.known[aid] = person
            if year is not None:  # as the roles table names them ("Prime Minister of Sweden")
                ctx.held[aid] = tuple(dict.fromkeys(ctx.lex.office(t) or t
                                                    for t in person.offices_in(year)))


def ground_known(ctx: Context) -> None:
    """Give a listed person the text does not place the listed state (and party)."""
    for aid, person in ctx.known.items():
        if not ctx.builder.data[aid]["country"]:
            ctx.builder.update(aid, country=person.country, country_from="known",
                               affiliation=person.party)
