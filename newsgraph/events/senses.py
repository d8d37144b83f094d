"""Which sense of a trigger word a sentence means: force or words, politics or economics.

Some trigger words have a political act as only one of their senses:

* ``sense:physical`` ("attack", "clash", "fight"): violence when the clause shows force — a
  force word in it ("troops", "killed", "bomb"), a participant that bears arms (military,
  police, rebels), or a state attacking — and no verbal grounds ("attacked the minister
  *over* the plan"); otherwise the entry's verbal type ("attacked the plan": ACCUSE), or no
  event at all when it has none ("fighting the election").
* ``sense:economic`` ("demand", "support", "withdraw"): no event when the act applies to an
  economic quantity ("strong demand", "demand for oil", "support the economy", "withdrew
  its bid");
* ``sense:published`` ("release"): no event when what is released is a document or a product
  ("released a report", "the list, which was released on Monday");
* ``sense:territory`` ("defend"): no event when what is defended is a place or the actor
  itself ("defended the border", "must be able to defend itself").

The words are data (``data/senses.json``), read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..lexicon import read_json
from ..models import Actor
from .lexicon import WORDS, Entry

__all__ = ["Senses", "load_senses", "physical", "economic", "published", "territorial", "SENSES_VERSION"]

SENSES_VERSION = "events.senses.v2"
_KEYS = ("physical_cues", "armed_sectors", "verbal_preps", "economic_words", "economic_modifiers",
         "published_things", "territory_words", "quantity_verbs", "quantity_setters")


@dataclass(frozen=True)
class Senses:
    physical_cues: frozenset[str]
    armed_sectors: frozenset[str]
    verbal_preps: frozenset[str]
    economic_words: frozenset[str]
    economic_modifiers: frozenset[str]
    published_things: frozenset[str]
    territory_words: frozenset[str]
    quantity_verbs: frozenset[str]
    quantity_setters: frozenset[str]


@lru_cache(maxsize=1)
def load_senses() -> Senses:
    data = read_json("newsgraph.events", "senses.json", version=SENSES_VERSION)
    return Senses(**{k: data.words(k, lower=True) for k in _KEYS})


def physical(anchor: Token, participants: tuple[Actor, ...], senses: Senses) -> bool:
    """Does the clause of ``anchor`` describe force rather than words?"""
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in senses.verbal_preps and c.i > anchor.i:
            return False  # "attacked the chancellor over his budget": grounds, so words
        if c.dep_ == "dobj" and c.tag_ == "PRP" and c.lower_.endswith(WORDS.seq("reflexive_endings")):
            return False  # "shooting itself in the foot": a figure of speech
    if any(a.sector and a.sector.upper() in senses.armed_sectors for a in participants):
        return True
    source_states = [a for a in participants if a.kind == "country"]
    if source_states and all(a.kind in ("country", "location", "group") for a in participants):
        return True  # states and places: "Iran attacked Iraq"
    clause = list(anchor.subtree)
    clause += [t for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    return any(t.lemma_.lower() in senses.physical_cues or t.lower_ in senses.physical_cues
               for t in clause if t != anchor)


def economic(token: Token, entry: Entry, obj: Token | None, senses: Senses) -> bool:
    """Does the act apply to an economic quantity ("demand for oil", "support the dollar")?"""
    words = senses.economic_words
    if entry.pos == "N":
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in senses.quantity_verbs:
            return True  # "demand rose": an amount
        head = token.head
        if token.dep_ == "dobj" and (head.lemma_.lower() in senses.quantity_setters or any(
                c.dep_ == "prt" and c.lower_ == "down" for c in (*head.children, *token.children))):
            return True  # "cut demand", "keep demands down" (the parser may hang "down" on either)
        if any(c.dep_ in ("amod", "compound", "nmod") and (c.lemma_.lower() in senses.economic_modifiers
                                                             or c.lemma_.lower() in words)
               for c in token.children):
            return True
        return any(p.lemma_.lower() in words or p.lower_ in words
                   for c in token.children if c.dep_ == "prep" and c.lower_ in WORDS.economic_preps
                   for p in c.children if p.dep_ == "pobj")
    return any(o.lemma_.lower() in words or o.lower_ in words for o in _objects(token, obj))


def published(token: Token, obj: Token | None, senses: Senses) -> bool:
    """Is what the act releases a document or a product ("released a report")?"""
    words = senses.published_things
    return any(o.lemma_.lower() in words or o.lower_ in words for o in _objects(token, obj))


def territorial(token: Token, obj: Token | None, senses: Senses) -> bool:
    """Is the act done to a place or to the actor itself ("defended the border")?"""
    words = senses.territory_words
    return any(o.lemma_.lower() in words or o.lower_ in words for o in _objects(token, obj))


def _objects(verb: Token, obj: Token | None) -> list[Token]:
    """What a verb acts on: its object, passive subject, or the antecedent of a relative
    pronoun standing for either ("the list, which was released")."""
    if obj is not None:
        return [obj]
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            if c.lower_ in WORDS.sense_relatives and verb.dep_ == "relcl":
                out.append(verb.head)
            else:
                out.append(c)
    if not out and verb.dep_ == "acl" and verb.tag_ == "VBN":
        out.append(verb.head)  # "the report released on Monday"
    return out
