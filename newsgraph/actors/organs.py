"""Organs of the state that name no state: "the government", "the Treasury", "police", "MPs".

Rules (``actors.rules.v10:organ``), from ``data/organs.tsv``:

- an organ word is a mention of that organ of a state when it heads its noun phrase (not
  "government bonds", "police chief") after no determiner, "the" or "this" (plurals also after a
  quantity: "some MPs", "200 MPs"), and the phrase names no other actor: "the British
  government", "Iraq's police", "the government of Japan", "police in Lagos" are the states'
  (places and events read them), "a government", "his cabinet" and "EU foreign ministers" are
  none;
- its state: a party before it ("the Labour government", "Tory MPs": ``party``), a region
  before it ("the Scottish ministers": ``nationality``; a place too small for the gazetteer
  leaves it to the rules after: "West Yorkshire police"), the one state that has such a body
  ("the Home Office", "the Knesset": ``name``), else the article's home country when it has
  such a body ("the government", "MPs", "the Senate": ``home``); with none, no actor;
- a one-word organ whose state is not in play (home country or a state the article names)
  is left alone ("Diet" in an article about food);
- an organisation's name of an organ's shape ("Ministry of Defence", "Department for
  Transport", "Cabinet Office", "West Yorkshire Police") with no state in it is the home
  country's (:func:`organ_by_shape`, used by the organisations pass).

Organs of one state are ``org:<name>`` (``org:home-office``), named as the article first names
them; those of the home country carry its code, so that two states' governments stay two actors
(``org:government-gbr``, ``group:mps-gbr``), and are named with their state's attributive form
(``countries.tsv``): "UK government", "US Senate", "French police".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..lexicon import slug
from ..lexicon.words import policy_nouns
from .context import Context, find_forms, keeps_capitals
from .lexicon import WORDS
from .tables import States, parse_states, rows

__all__ = ["Organ", "extract_organs", "organ_by_shape", "organ_id", "organ_named", "organ_states", "organs"]

KINDS = frozenset({"organization", "group", "head"})
#: LAB: trade unions; ELI: politicians as a class ("politicians", CAMEO's elites)
SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "OPP", "LAB", "ELI"})


@dataclass(frozen=True, slots=True)
class Organ:
    text: str  # as written in the table
    kind: str  # organization | group | head
    sector: str
    states: States
    name: str


@functools.cache
def organs() -> tuple[Organ, ...]:
    out = []
    for row in rows("organs.tsv"):
        kind, sector = row["kind"].strip(), row["sector"].strip()
        if kind not in KINDS or sector not in SECTORS or not row["form"].strip():
            raise row.error(f"kind must be one of {sorted(KINDS)}, sector one of {sorted(SECTORS)}", "E317")
        states = parse_states(row["states"], row.where)
        out.append(Organ(row["form"].strip(), kind, sector, states, row["name"].strip() or row["form"].strip()))
    return tuple(out)


@functools.cache
def _table() -> dict[str, list[Organ]]:
    out: dict[str, list[Organ]] = {}
    for o in organs():
        if o.kind != "head":
            out.setdefault(o.text[:2].lower(), []).append(o)
    for forms in out.values():
        forms.sort(key=lambda o: -len(o.text))
    return out


@functools.cache
def organ_id(name: str, code: str) -> str:
    """The actor id of ``code``'s organ named ``name`` in the table ("government", "GBR" ->
    ``org:government-gbr``; "Home Office", "GBR" -> ``org:home-office``)."""
    organ = next((o for o in organs() if o.name == name and o.kind != "head"), None)
    if organ is None:
        raise KeyError(f"no organ named {name!r} in organs.tsv")
    return _aid(organ.kind, organ.name, code, one_state=organ.states.only() == code)


def _aid(kind: str, name: str, code: str, *, one_state: bool = False) -> str:
    if kind == "group":
        return f"group:{slug(name)}-{code.lower()}"
    return f"org:{slug(name)}" + ("" if one_state else f"-{code.lower()}")


def organ_states(form: str) -> States | None:
    """Where the organ written exactly ``form`` exists ("Congress"), or None if it is none."""
    for o in _table().get(form[:2].lower(), ()):
        if o.text == form:
            return o.states
    return None


def organ_named(words: list[str]) -> Organ | None:
    """The organisation of the table written exactly so ("Justice Department" of "US Justice
    Department"), in any case."""
    text = " ".join(words).lower()
    return next((o for o in organs() if o.kind == "organization" and o.text.lower() == text), None)


def organ_by_shape(words: list[str]) -> Organ | None:
    """The organ whose name shape ("Ministry of *", "* Police") fits an organisation's words."""
    for o in organs():
        if o.kind != "head":
            continue
        shape = o.text.split()
        if shape[0] == "*" and len(words) > len(shape) - 1 and \
                [w.lower() for w in words[-(len(shape) - 1):]] == [w.lower() for w in shape[1:]]:
            return o
        if shape[-1] == "*" and len(words) > len(shape) - 1 and \
                [w.lower() for w in words[:len(shape) - 1]] == [w.lower() for w in shape[:-1]]:
            return o
    return None


def _state_of(ctx: Context, k: int) -> tuple[str | None, str | None, bool]:
    """(state, how, blocks) for a modifier token of an organ: a party or a region gives a state;
    any other actor (a country, a person, an organisation) makes the phrase none of ours."""
    hit = ctx.party_at.get(k)
    if hit is not None:
        return hit.country, "party", hit.country is None
    m = ctx.gaz_at.get(k)
    if m is not None:
        if m.place.kind in ("region", "city"):
            c = ctx.gaz.countries[m.place.code]
            return c.parent or c.alpha3, "nationality", False
        return None, None, True
    ent = ctx.ent_of[k]
    if ent is not None and ent.label_ in ("GPE", "LOC") \
            and not any(t in ctx.gaz_at for t in range(ent.start, ent.end)):
        return None, None, False  # a place too small for the gazetteer ("West Yorkshire police"): local
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        return None, None, True
    return None, None, False


def _head_of(ctx: Context, i: int, j: int):
    doc = ctx.toks
    for k in range(j - 1, i - 1, -1):
        if not (i <= doc[k].head.i < j) or doc[k].head.i == k:
            return doc[k]
    return doc[j - 1]


def _owns(noun) -> bool:
    """Is ``noun`` a policy whose modifier names its owner ("the government plans", "government
    proposals"), with no determiner or a definite one?"""
    return noun.lemma_.lower() in policy_nouns() and noun.tag_ in ("NN", "NNS") and all(
        c.lower_ in WORDS.organ_determiners for c in noun.children if c.dep_ == "det")


def _ground(ctx: Context, i: int, j: int, organ: Organ, in_play: set[str]) -> tuple[str, str] | None:
    """(state, how) for the organ at tokens [i, j), or None when it is no organ of ours."""
    doc, lex = ctx.toks, ctx.lex
    head = _head_of(ctx, i, j)
    if head.dep_ in ("compound", "amod", "nmod") and head.head.i >= j \
            and not _owns(head.head):
        return None  # "government bonds", "police chief": a modifier
    ent = ctx.ent_of[i]
    if ent is not None and ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON") \
            and (ent.end > j or ent.start < i and ent.doc[ent.start].lower_ not in WORDS.organ_determiners):
        return None  # a word of a longer name ("Government House", "Senate Bill 5")
    if organ.text == "opposition" and j < len(doc) and doc[j].lower_ == "to":
        return None  # "opposition to the plan"
    plural = organ.kind == "group"
    state, how = None, None
    for c in head.children:
        if c.i in range(i, j):
            continue
        if c.dep_ == "det":
            if c.lower_ not in (WORDS.plural_determiners if plural else WORDS.organ_determiners):
                return None  # "a government", "any cabinet"
        elif c.dep_ == "poss":
            s, h, blocks = _state_of(ctx, c.i)
            if blocks or s is None:
                return None  # "Iraq's police", "his cabinet"
            state, how = s, h
        elif c.dep_ in ("amod", "compound", "nmod", "nummod"):
            if plural and c.lower_ in lex.portfolios and c.text.islower():
                return None  # "foreign ministers": one per state, so several states
            for k in range(c.left_edge.i, c.i + 1):
                s, h, blocks = _state_of(ctx, k)
                if blocks:
                    return None
                if s is not None:
                    state, how = s, h
        elif c.dep_ == "prep" and c.lower_ in WORDS.organ_state_preps:
            for p in c.children:
                if p.dep_ == "pobj" and any(_state_of(ctx, k)[2] or _state_of(ctx, k)[0]
                                            for k in range(p.left_edge.i, p.i + 1)):
                    return None  # "the government of Japan", "police in Lagos"
    if state is not None:
        return state, how
    if only := organ.states.only():
        if j - i == 1 and only not in in_play:
            return None  # "Diet" with Japan nowhere in the article
        return only, "name"
    if ctx.domestic and ctx.domestic[0] in organ.states:
        return ctx.domestic  # the home country's, or the state a foreign story is about
    return None


def _subnational_start(ctx: Context, i: int, j: int) -> int | None:
    """The first token of a modifier that makes the organ at [i, j) a body below the state's
    ("assembly" of "the assembly government", "local" of "local police"), or None."""
    head = _head_of(ctx, i, j)
    mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < i]
    if any(c.lower_ in WORDS.subnational_modifiers for c in mods):
        return min(c.left_edge.i for c in mods)
    return None


def extract_organs(ctx: Context) -> None:
    """Add the organs of the state the article names without naming their state."""
    b, doc = ctx.builder, ctx.toks
    home = ctx.home.code if ctx.home else None
    in_play = {ctx.gaz.countries[m.place.code].parent or m.place.code for m in ctx.gaz_matches}
    if home:
        in_play.add(home)
    spans = find_forms(ctx, _table(), lambda piece, o: keeps_capitals(piece, o.text))
    for i, j, organ in spans:
        if any(k in ctx.party_at for k in range(i, j)):
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if b.owner(start, end) is not None:
            continue
        got = _ground(ctx, i, j, organ, in_play)
        if got is None:
            continue
        code, how = got
        # a body of one state is named as the article first names it; a body many states have
        # is named with its state's: "UK government", "US Senate", "French police"; a body
        # below the state as written, apart from the state's ("the assembly government")
        aid = organ_id(organ.name, code)
        name = ctx.article.text[start:end] if organ.states.only() == code \
            else f"{ctx.gaz.countries[code].attributive} {organ.name}"
        if (sub := _subnational_start(ctx, i, j)) is not None:
            start, name = doc[sub].idx, ctx.article.text[doc[sub].idx:end]
            aid = _aid(organ.kind, name.lower(), code)
        if organ.kind == "group":
            b.add(aid, name=name, kind="group", country=code, country_from=how,
                  sector=organ.sector, members=(code,))
        else:
            b.add(aid, name=name, kind="organization", country=code, country_from=how,
                  sector=organ.sector)
        form = "name" if ctx.article.text[start:end] == organ.name else "alias"
        b.mention(aid, start, end, form, rule="organ")
