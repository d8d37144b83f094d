"""Modality of an act: asserted, intended, hypothetical or negated.

Read from the act's own verb (auxiliaries, negation, an "if" condition) and the
clauses that govern it ("pledged to", "plans to", "is willing to").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Lexicon

__all__ = ["Chain", "governing_chain", "modality_of", "ASSERTED", "INTENDED", "HYPOTHETICAL",
           "NEGATED"]

ASSERTED, INTENDED, HYPOTHETICAL, NEGATED = "asserted", "intended", "hypothetical", "negated"
_CLIMB = frozenset(("xcomp", "ccomp", "acomp", "advcl", "conj"))


@dataclass(frozen=True, slots=True)
class Chain:
    """The clauses above an act's verb, nearest first: (dependency label, governing word)."""

    links: tuple[tuple[str, Token], ...]

    def heads(self):
        return (h for _, h in self.links)


def governing_chain(verb: Token, *, max_hops: int = 5) -> Chain:
    """Climb from ``verb`` through complement, adjectival and adverbial clauses."""
    links = []
    cur = verb
    for _ in range(max_hops):
        if cur.dep_ not in _CLIMB or cur.head == cur:
            break
        links.append((cur.dep_, cur.head))
        cur = cur.head
    return Chain(tuple(links))


def _aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _negated(tok: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lex.negators)
               for c in tok.children)


def _condition_mark(m: Token, lex: Lexicon) -> bool:
    """"if"/"unless" marking a condition, not "as if" (a comparison)."""
    return m.dep_ == "mark" and m.lower_ in lex.condition_marks and not (
        m.i > 0 and m.doc[m.i - 1].lower_ == "as")


def _conditional(tok: Token, lex: Lexicon) -> bool:
    if any(_condition_mark(c, lex) for c in tok.children):
        return True
    for c in tok.children:
        if c.dep_ == "advcl" and any(_condition_mark(m, lex) for m in c.children):
            return True
    return False


def _intent_word(tok: Token, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "ADJ" or tok.dep_ == "acomp":
        return lemma in lex.intent_adjectives or tok.lower_ in lex.intent_adjectives
    if tok.pos_ == "NOUN":
        return lemma in lex.intent_nouns
    if lemma in lex.asserted_intent_verbs:
        return False
    return lemma in lex.intent_verbs


def modality_of(verb: Token, lex: Lexicon, *, frames: tuple[Token, ...] = (),
                stop: frozenset[int] = frozenset()) -> str:
    """The modality of the act carried by ``verb``.

    ``frames`` are governing words that express a commitment to the act (a
    "pledged"/"agreed" that absorbed it): negation on them negates the act,
    otherwise they make it intended.  The climb stops at reporting verbs
    (``stop``), whose own tense says nothing about the act.
    """
    if verb.pos_ in ("NOUN", "PROPN"):  # "the planned withdrawal", "a possible strike"
        mods = {c.lower_ for c in verb.children if c.dep_ in ("amod", "compound")}
        if mods & lex.hypothetical_modifiers:
            return HYPOTHETICAL
        if mods & lex.intent_modifiers:
            return INTENDED
    words = [verb]
    chain = governing_chain(verb)
    for dep, head in chain.links:
        if head.i in stop or dep == "conj":
            break
        words.append(head)
    negated = any(_negated(w, lex) for w in words) or any(_negated(f, lex) for f in frames)
    if negated:
        return NEGATED
    if any(_conditional(w, lex) for w in words):
        return HYPOTHETICAL
    auxes = set().union(*(_aux_words(w) for w in words))
    if auxes & (lex.hypothetical_modals | lex.obligation_modals):
        return HYPOTHETICAL  # "could strike", "should sue": possible or recommended, not done
    if frames or auxes & lex.future_modals or any(_intent_word(w, lex) for w in words[1:]):
        return INTENDED
    if any(w.lower_ == "going" and any(c.lower_ == "to" for c in verb.children) for w in words[1:]):
        return INTENDED
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and any(c.lower_ == "to" and c.dep_ == "aux"
                                                                for c in verb.children):
        return INTENDED  # "the government is to ban smoking": a plan
    # "plan to", "decision to" on a noun the act's verb depends on
    if verb.dep_ == "acl" and verb.tag_ != "VBN" and _intent_word(verb.head, lex):
        return INTENDED  # not "a plan backed by X": the plan is what was backed
    return ASSERTED
