"""Political parties: organisations (sector ``PTY``) of the state they stand in.

Rules (``actors.rules.v10:party``), from ``data/parties.tsv``:

- a party's name or short name ("the Labour Party", "Labour", "the Tories", "Lib Dems", "GOP")
  is a mention of the party (form ``name`` or ``alias``); a party word before a noun a party
  takes ("a Conservative MP", "Democratic senator", "Tory plans") or before a member's name
  ("Republican John Roe"), or as a member noun ("a Democrat"), is one too (form ``adjective``);
  a label in parentheses after a name ("(D-Ohio)", "(Lab)") is read by the people pass;
- capitalised words must be capitalised in the text ("labour costs" is no party), a short
  name that only modifies another noun is no party ("Labour Day", "Labour costs"), and a
  one-word name inside a longer person's name or on a gazetteer place is left alone;
- which party a form names: a state named just before it ("the Australian Labor Party",
  "German Greens", "Japan's Liberal Democratic Party") chooses; else only parties whose
  state is in play count (the article's home country, or a state the article names; so
  "Patriotic Front" is nobody's party in an article that names no Zambia); one such state
  names it; of several ("Labour", "Liberals", "Democrats"), the home country's, else the one
  the article names most; a form that is also a state organ there ("Congress" in a US
  article) is left to the organs pass.  The party's ``country_from`` is ``party`` (the table
  names one state), ``nationality``, ``home`` or ``article`` accordingly; a full name that
  two states in play share equally is a party with no state.

The pass runs before places and people, so its spans are neither places nor people.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..lexicon import slug
from ..lexicon.words import policy_nouns
from .context import Context, find_forms, keeps_capitals
from .lexicon import WORDS
from .tables import rows, split

__all__ = ["Party", "PartyHit", "find_parties", "parties", "party_forms"]

SECTOR = "PTY"
_PAREN = re.compile(r"\s*\(([^)]*)\)$")
_ACRONYM = re.compile(r"^[A-Z0-9&().'-]{2,}$")


@dataclass(frozen=True, slots=True)
class Party:
    key: str  # the table's name, unique per state ("Labour Party (Norway)")
    name: str  # as shown: the table's name without a parenthesised state ("Labour Party")
    country: str  # alpha-3


@dataclass(frozen=True, slots=True)
class Form:
    text: str  # as written in the table
    use: str  # name | alias | adjective
    parties: tuple[Party, ...]
    acronym: bool


@dataclass(frozen=True, slots=True)
class PartyHit:
    """A party mention at tokens [i, j): the actor, its state and how the state was chosen."""

    aid: str
    name: str
    country: str | None
    country_from: str | None
    i: int
    j: int
    use: str  # name | alias | adjective


@functools.cache
def parties() -> tuple[Party, ...]:
    from .gazetteer import gazetteer, load_countries

    countries = load_countries()
    out, seen = [], set()
    for row in rows("parties.tsv"):
        key, code = row["name"].strip(), row["country"].strip()
        if code not in countries or not key or (key, code) in seen:
            raise row.error(f"unknown state {code!r}, no name, or a party twice", "E315")
        seen.add((key, code))
        m = _PAREN.search(key)
        shown = key[:m.start()] if m and gazetteer().lookup(m.group(1)) is not None else key
        out.append(Party(key, shown, code))
    return tuple(out)


@functools.cache
def party_forms() -> dict[str, list[Form]]:
    """First two letters (lower case) -> forms starting so, longest first.  A form several
    parties share holds them all, with its strongest use (name, then alias, then adjective)."""
    uses = ("name", "alias", "adjective")
    by_text: dict[str, tuple[list[Party], set[str]]] = {}
    for row, party in zip(rows("parties.tsv"), parties()):
        for use, forms in (("name", [party.name]), ("alias", split(row["aliases"])),
                           ("adjective", split(row["adjectives"]))):
            for f in forms:
                ps, us = by_text.setdefault(f.replace("’", "'"), ([], set()))
                if party not in ps:
                    ps.append(party)
                us.add(use)
    out: dict[str, list[Form]] = {}
    for text, (ps, us) in by_text.items():
        use = next(u for u in uses if u in us)
        out.setdefault(text[:2].lower(), []).append(Form(text, use, tuple(ps), bool(_ACRONYM.match(text))))
    for forms in out.values():
        forms.sort(key=lambda f: -len(f.text))
    return out


@functools.cache
def label_parties() -> dict[str, tuple[Party, ...]]:
    """Party label as written ("D", "Lab") -> the parties that use it."""
    out: dict[str, list[Party]] = {}
    for row, party in zip(rows("parties.tsv"), parties()):
        for lab in split(row["labels"]):
            out.setdefault(lab, []).append(party)
    return {k: tuple(v) for k, v in out.items()}


def _matches(ctx: Context) -> list[tuple[int, int, Form]]:
    """Longest party forms over the doc (capitalised words capitalised, acronyms exact)."""
    return find_forms(ctx, party_forms(), lambda piece, f: keeps_capitals(piece, f.text, acronym=f.acronym))


def _takes_party(ctx: Context, k: int, form: Form) -> bool:
    """Is token k the start of what a party word may stand before: a party noun or an office,
    after at most three lower-case modifiers ("Labour MPs", "Democratic senator", "Tory
    co-chairman", "Conservative health spokesman"), or (for a word, not an acronym) a member's
    name ("Tory John Roe")?"""
    doc, lex = ctx.toks, ctx.lex
    n = len(doc)
    if k >= n:
        return False
    ent = ctx.ent_of[k]
    if not form.acronym and ent is not None and ent.label_ == "PERSON" and ent.start == k:
        return True
    if doc[k].text == "-" and k + 1 < n and doc[k + 1].lower_ in WORDS.party_led_participles:
        return True  # "a Labour-led council"
    for x in range(k, min(n, k + 6)):
        t = doc[x]
        low = t.lower_
        if low in lex.party_nouns or low in policy_nouns() or low in lex.role_heads \
                or (x == k and low in lex.titles):
            return True
        if t.text == "-" or (t.is_alpha and t.text.islower() and t.pos_ in ("NOUN", "ADJ", "PROPN")) \
                or (t.text[:1].isupper() and (low in lex.role_words or low in lex.role_modifiers)):
            continue  # "co-", "health", "home affairs", "Treasury": modifiers of the office
        return False
    return False


def _member_noun(ctx: Context, i: int, j: int) -> bool:
    """"a Democrat", "a Tory from Ohio": the party word as a noun for a member."""
    doc = ctx.toks
    if i == 0 or doc[i - 1].lower_ not in WORDS.indefinite_articles:
        return False
    return j >= len(doc) or not (doc[j].pos_ in ("NOUN", "PROPN") and doc[j].text[:1].isalpha())


def _accepted(ctx: Context, i: int, j: int, form: Form) -> bool:
    doc = ctx.toks
    ent = ctx.ent_of[i]
    first, last = (ent.start, ent.end) if ent is not None else (i, j)
    while first < i and doc[first].lower_ in WORDS.articles:
        first += 1  # "The Lib Dems" tagged as a person
    while last > j and (doc[last - 1].is_punct or doc[last - 1].text in WORDS.possessive_marks):
        last -= 1  # "Lib Dems '"
    if ent is not None and ent.label_ == "PERSON" and (first < i or last > j):
        # inside a longer name: only a party word before the member's name ("Tory John Roe") or
        # title ("Labour MPs Jane Roe", taken whole for a name); never a word of the name itself
        # ("Damian Green", "Morena Roe")
        if first < i or form.acronym or form.use != "adjective" and not (
                j < len(doc) and doc[j].lower_ in ctx.lex.party_nouns and doc[j].text[:1].isupper()):
            return False
    if j - i == 1 and i in ctx.gaz_at:
        return False  # a place ("Colorado"), or part of one ("Democratic Republic of Congo")
    if form.use == "adjective":
        return _takes_party(ctx, j, form) or _member_noun(ctx, i, j)
    if j - i == 1 and j < len(doc):
        nxt = doc[j]
        if nxt.pos_ in ("NOUN", "PROPN") and nxt.text[:1].isalpha() and doc[i].head.i == j \
                and doc[i].dep_ in ("compound", "amod", "nmod") and not _takes_party(ctx, j, form):
            return False  # "Labour costs", "Labour Day": it only modifies another noun
    return True


def _named_states(ctx: Context) -> Counter:
    """How often the article names each state (countries, demonyms, capitals, regions; a
    party's own "Scottish" or "Rwandan" counts)."""
    counts: Counter = Counter()
    for m in ctx.gaz_matches:
        c = ctx.gaz.countries[m.place.code]
        counts[c.parent or c.alpha3] += 1
    return counts


def _nationality(ctx: Context, i: int) -> str | None:
    """A state named right before a party name ("Australian Labor", "Japan's LDP")."""
    doc = ctx.toks
    k = i - 1
    if k >= 1 and doc[k].text in WORDS.possessive_marks:
        k -= 1
    m = ctx.gaz_at.get(k) if k >= 0 else None
    if m is None or m.j != k + 1:
        return None
    c = ctx.gaz.countries[m.place.code]
    return c.parent or c.alpha3


def _organ_states(form: str):
    from .organs import organ_states

    return organ_states(form)


def _choose(ctx: Context, form: Form, i: int, home: str | None, named: Counter
            ) -> tuple[Party | None, str | None, str | None]:
    """(party, its state, how chosen) for the form at token i; (None, None, None) to skip it."""
    ps = list(form.parties)
    nat = _nationality(ctx, i)
    if nat is not None:
        mine = [p for p in ps if p.country == nat]
        if mine:
            return mine[0], nat, "nationality"
        return Party(form.text, form.text, nat), nat, "nationality"
    in_play = {home} | set(named) if home else set(named)
    states = [s for s in dict.fromkeys(p.country for p in ps) if s in in_play]
    organ = _organ_states(form.text)
    if home and organ is not None and home in organ:
        return None, None, None  # "Congress" in a US article: the legislature
    if len(states) == 1:
        how = "party" if len(set(p.country for p in ps)) == 1 and organ is None else (
            "home" if states[0] == home else "article")
        return next(p for p in ps if p.country == states[0]), states[0], how
    if home in states:
        return next(p for p in ps if p.country == home), home, "home"
    ranked = sorted(states, key=lambda s: -named.get(s, 0))
    if len(ranked) >= 2 and named.get(ranked[0], 0) > named.get(ranked[1], 0):
        return next(p for p in ps if p.country == ranked[0]), ranked[0], "article"
    if len(ranked) < 2 or " " not in form.text.strip():
        return None, None, None  # no state of the party's in play
    return Party(form.text, form.text, ""), None, None  # a full name several states' parties share


def find_parties(ctx: Context) -> dict[int, PartyHit]:
    """Add the article's parties; returns (and keeps in ``ctx.party_at``) {token: party hit}."""
    b, doc, text = ctx.builder, ctx.toks, ctx.article.text
    home = ctx.home.code if ctx.home else None
    spans = [(i, j, f) for i, j, f in _matches(ctx) if _accepted(ctx, i, j, f)]
    named = _named_states(ctx)
    chosen: dict[tuple[str, str | None], tuple[Party | None, str | None, str | None]] = {}
    at: dict[int, PartyHit] = {}
    for i, j, form in spans:
        nat = _nationality(ctx, i)
        key = (form.text, nat)
        if key not in chosen:
            chosen[key] = _choose(ctx, form, i, home, named)
        party, code, how = chosen[key]
        if party is None:
            continue
        aid = f"org:{slug(party.name)}" + (f"-{code.lower()}" if code else "")
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        new = aid not in b.data
        b.add(aid, name=party.name, kind="organization", country=code, country_from=how, sector=SECTOR)
        if form.use != "adjective" and (new or b.data[aid]["name"] == party.name):
            b.update(aid, name=text[start:end])  # named as the article first names it ("the Tories")
        mform = {"name": "name", "alias": "alias"}.get(form.use, "adjective")
        if form.use != "adjective" and text[start:end] == party.name:
            mform = "name"
        b.mention(aid, start, end, mform, rule="party")
        hit = PartyHit(aid, party.name, code, how, i, j, form.use)
        for k in range(i, j):
            at[k] = hit
    ctx.party_at = at
    return at


def label_party(ctx: Context, label: str) -> tuple[Party, str, str] | None:
    """The party of a label after a member's name ("D" of "(D-Ohio)"): (party, state, how), when
    one party with that label stands in a state in play (home country or named)."""
    ps = label_parties().get(label)
    if not ps:
        return None
    home = ctx.home.code if ctx.home else None
    named = {c for m in ctx.gaz_matches for c in [ctx.gaz.countries[m.place.code].parent or m.place.code]}
    for state, how in ((home, "home"),) + tuple((s, "article") for s in sorted(named)):
        mine = [p for p in ps if p.country == state]
        if state and len(mine) == 1:
            return mine[0], state, how
    return None
