"""The last actors pass: people whose office gives their state (rules ``actors.rules.v10:office``).

A person with no state from the text's syntax (nationality word, possessive, appositive,
party: :mod:`.people`) takes one from an office they hold, by its entry in ``data/roles.tsv``:

- ``title``: an office held in one state only ("MSP", "Chancellor of the Exchequer",
  "Taoiseach", "Lord" as a peer's title);
- ``home``: an office the article's home country has ("the shadow chancellor", "MP",
  "Prime Minister", "Senator", "Gov." in a US article; "President" is no office of the
  United Kingdom, so a UK article's bare "President Roe" stays without a state).

A role that names a body that is no organ of the state ("company president", "club
chairman", "union general secretary") gives nothing, nor does an office that firms have too
("president", "governor", "chancellor") held in an organisation that is neither a party nor an
organ of the state ("Acme president Jane Roe"), nor any office of a body such a word names
("Welsh secretary of the Medical Association"); "Veterans Affairs Minister Jane Roe" is a
minister whatever her portfolio is called.  The pass runs after every other actors pass, so roles that a later resolver
attaches to a person ("the prime minister" -> the person who holds the office) are
grounded too: call :func:`ground_offices` after adding them, or use :func:`office_state`
for one role.
"""

from __future__ import annotations

import re

from .context import Context
from .lexicon import WORDS, Lexicon
from .organs import organ_by_shape, organ_states

__all__ = ["ground_offices", "ground_bodies", "office_state"]


def office_state(lex: Lexicon, role: str, home: str | None, *, affiliated: bool = False
                 ) -> tuple[str, str, str | None] | None:
    """(state, how, sector) that holding ``role`` gives, or None: how is ``title`` (an office of
    one state) or ``home`` (an office the home country has).  "Tory shadow chancellor", "Sen."
    and "Welsh Health Minister" are read by their office ("shadow chancellor", "senator",
    "minister"); ``affiliated``: the holder works for a body that is no organ of the state."""
    words = role.lower().replace("-", " ").split()
    key = lex.office(role)
    if key is None or affiliated and key in lex.shared_offices:
        return None
    if key in " ".join(words) and any(w in lex.nonstate_words for w in words):
        return None  # "union general secretary"; not "trade and industry secretary" (a portfolio)
    states = lex.role_states.get(key)
    if not states:
        return None
    sector = lex.roles.get(key) or None
    if (only := states.only()) is not None:
        return only, "title", sector
    if home and home in states:
        return home, "home", sector
    return None


def ground_offices(ctx: Context) -> None:
    """Give every person with no state the state of an office they hold (see the module)."""
    b, lex = ctx.builder, ctx.lex
    home = ctx.home.code if ctx.home else None  # people: never the state a story names most
    for aid, d in b.data.items():
        if d["kind"] != "person" or d["country"]:
            continue
        affiliated = bool(d["affiliation"]) and not _state_body(ctx, d["affiliation"])
        if affiliated and any(w in lex.nonstate_words for w in d["affiliation"].lower().split()):
            continue  # "Welsh secretary of the Medical Association": an office of that body
        for role in (*d["roles"], *d["offices"]):
            got = office_state(lex, role, home, affiliated=affiliated)
            if got is not None:
                state, how, sector = got
                b.update(aid, country=state, country_from=how, sector=sector)
                break


def _state_body(ctx: Context, name: str) -> bool:
    """Is an affiliation a party or an organ of the state ("Home Office", "Ministry of Defence")?"""
    if any(hit.name == name for hit in ctx.party_at.values()) or organ_states(name) is not None \
            or organ_by_shape(name.split()) is not None:
        return True
    return any(d["name"] == name and d["sector"] in ("GOV", "LEG", "JUD", "COP", "MIL", "PTY")
               for d in ctx.builder.data.values() if d["kind"] == "organization")


def ground_bodies(ctx: Context) -> None:
    """National bodies and the people who speak for them (rules ``actors.rules.v10:body``):

    - a publication or broadcaster of ``data/publications.tsv`` named in the text is of its
      country (``publication``: "the BBC"); a news agency is of none;
    - a civil-society body whose name's head is a ``national_bodies`` word ("... Union",
      "... Alliance", "... Society") and names no state is of the article's home country
      (``home``; or of the state a foreign story is about, ``article``): trade unions and
      campaign bodies are national;
    - a person with no state who speaks for a body of the article that has one takes it
      (``affiliation``: "Richard Lewis, Welsh secretary of the British Medical Association"),
      and so does the staff of a person who has one, named by full name or surname
      ("Blair's spokeswoman", "an aide to Mr Blair": ``staff_roles``);
    - a person's title held in a body that is no organ of a state gives no state sector: the
      person takes the body's sector ("general secretary of the Fire Brigades Union": LAB,
      "president of the European Commission": IGO), or none when the body's is unknown but its
      name's head is a ``national_bodies`` word that is no ``state_body_heads`` word ("Welsh
      secretary of the British Medical Association" is no government official).
    """
    from .home import publication

    b, lex = ctx.builder, ctx.lex
    home, domestic_how = ctx.domestic or (None, None)
    for aid, d in b.data.items():
        if d["kind"] != "organization" or d["country"]:
            continue
        pub = publication(d["name"])
        if pub is not None and pub.kind != "agency":
            b.update(aid, country=pub.country, country_from="publication")
        elif home and d["sector"] not in ("BUS", "IGO") and \
                d["name"].split()[-1].lower() in lex.national_bodies:
            b.update(aid, country=home, country_from=domestic_how)
    # every organisation by each name the text gives it ("PCS" of "Public and Commercial
    # Services Union (PCS)")
    bodies = {m.text: d for aid, d in b.data.items() if d["kind"] == "organization"
              for m in b.mentions.get(aid, ()) if m.form in ("name", "alias")}
    by_name = {d["name"]: d for d in b.data.values() if d["kind"] == "organization" and d["country"]}
    for text, d in bodies.items():
        if d["country"]:
            by_name.setdefault(text, d)
    for aid, d in b.data.items():
        if d["kind"] == "person" and not d["country"] and d["affiliation"] in by_name:
            body = by_name[d["affiliation"]]
            b.update(aid, country=body["country"], country_from="affiliation")
    for d in b.data.values():
        body = bodies.get(d["affiliation"]) if d["kind"] == "person" else None
        if body is None or body["sector"] in _STATE_BODIES or d["sector"] not in (None, *_OFFICE_SECTORS):
            continue  # a party's member keeps the office they hold (people.py decides)
        if body["sector"]:  # "PCS leader Jane Roe", "general secretary of the FBU": the union's (LAB)
            d["sector"] = body["sector"]
        elif _head_word(body["name"]) in lex.national_bodies - lex.state_body_heads:
            d["sector"] = None  # "Welsh secretary of the British Medical Association": no state office
    for aid, d in b.data.items():
        if d["kind"] == "person" and not d["country"]:
            boss = next((p for role in d["roles"] if (p := _served(ctx, role)) is not None), None)
            if boss is not None:
                b.update(aid, country=b.data[boss]["country"], country_from="affiliation",
                         affiliation=b.data[boss]["name"])


def _head_word(name: str) -> str:
    """The head of a body's name: "Confederation of British Industry" -> "confederation"."""
    return name.split(" of ")[0].split()[-1].lower()


#: the sectors of offices of a state, which a title held in another body does not give
_OFFICE_SECTORS = ("GOV", "LEG", "JUD", "COP", "MIL")
#: bodies whose sector a title held in them does not replace: organs of a state, parties
_STATE_BODIES = (*_OFFICE_SECTORS, "OPP", "PTY")

#: "Trudeau's spokeswoman", "spokeswoman for Justin Trudeau", "an aide to Mr Blair"
_SERVES = re.compile(r"^(?:(?P<owner>.+?)['’]s\s+(?P<role>.+)|(?P<role2>.+?)\s+(?:for|to)\s+(?P<owner2>.+))$")


def _served(ctx: Context, role: str) -> str | None:
    """The person with a state whom a staff role ("Trudeau's spokeswoman", "aide to Mr Blair")
    serves, by their full name or surname, or None."""
    m = _SERVES.match(role.strip())
    if m is None:
        return None
    owner, title = (m["owner"], m["role"]) if m["owner"] else (m["owner2"], m["role2"])
    low = " ".join(title.lower().split())
    if not any(low == r or low.endswith(" " + r) for r in WORDS.staff_roles):
        return None
    words = [w for w in owner.split() if w.lower() not in ctx.lex.titles]
    if not words:
        return None
    for pid, d in ctx.builder.data.items():
        if d["kind"] == "person" and d["country"] and (d["name"] == " ".join(words)
                                                       or d["name"].split()[-1] == words[-1]):
            return pid
    return None

