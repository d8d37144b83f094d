"""Trigger matching: which tokens of a sentence name a PLOVER act, by the lexicon.

A match is a token (the verb or noun that carries the act), the lexicon entry
whose conditions hold there, and the tokens that make up the trigger's text
("voiced ... concern", "pulled out", "hunger strike").  Each token is looked up
once in a dict, so matching costs O(tokens) per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..lexicon.words import whole_words
from .lexicon import WORDS, Entry, Lexicon, load_lexicon

__all__ = ["Match", "match_sentence", "match_token"]

_OBJ_DEPS = frozenset(("dobj", "obj", "nsubjpass", "attr", "oprd"))
_MOD_DEPS = frozenset(("compound", "amod", "nmod", "npadvmod"))
_VERB_POS = frozenset(("VERB",))
_NOMINAL_DEPS = frozenset(("dobj", "nsubj", "nsubjpass", "pobj", "amod", "compound"))
_NOUN_POS = frozenset(("NOUN",))


@dataclass(frozen=True, slots=True)
class Match:
    token: Token  # the word that carries the act
    entry: Entry
    parts: tuple[Token, ...]  # every token of the trigger text, in order
    obj: Token | None = None  # the object noun an object condition consumed ("voiced *concern*")

    @property
    def start(self) -> int:
        return self.parts[0].idx

    @property
    def end(self) -> int:
        last = self.parts[-1]
        return last.idx + len(last.text)


def _low(tok: Token) -> str:
    low = tok.lemma_.lower()
    return low.replace("-", "") if tok.lower_ in whole_words() else low  # "co-operate": cooperate


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in _OBJ_DEPS and (c.dep_ != "nsubjpass" or _is_passive(tok)):
            out.append(c)
            for x in c.children:
                if x.dep_ == "conj":
                    out.append(x)
                elif x.dep_ == "prep" and x.lower_ == "of":  # "700 kg of medicine"
                    out.extend(p for p in x.children if p.dep_ == "pobj")
        elif c.dep_ == "prep" and (not preps or c.lower_ in preps):
            out.extend(x for x in c.children if x.dep_ == "pobj")
    return out


#: clauses whose mark may be a phrasal verb's preposition: "called [for the minister to resign]"
_FOR_CLAUSE_DEPS = frozenset(("advcl", "ccomp", "xcomp"))


def _verb_match(tok: Token, e: Entry) -> tuple[Token, ...] | None:
    """The extra tokens of the trigger when ``e``'s conditions hold at verb ``tok``."""
    extra: list[Token] = []
    # A particle or preposition of a phrasal verb follows it ("called for", "pulled out");
    # one before it belongs to a fronted phrase ("For the Greens, she called the plan ...").
    if e.prt:
        hit = next((c for c in tok.children if c.dep_ in ("prt", "advmod", "prep")
                    and c.lower_ in e.prt and c.i > tok.i), None)
        if hit is None:
            return None
        extra.append(hit)
    if e.prep:
        hit = next((c for c in tok.children if c.dep_ in ("prep", "prt", "agent")
                    and c.lower_ in e.prep and c.i > tok.i and not _time_phrase(c)), None) \
            or next((m for c in tok.children if c.dep_ in _FOR_CLAUSE_DEPS for m in c.children
                     if m.dep_ == "mark" and m.lower_ in e.prep and m.i == tok.i + 1), None)
        if hit is None:  # (or the "for" of "called for the minister to resign", a clause's mark)
            return None
        extra.append(hit)
    if e.obj:
        hit = next((o for o in _objects(tok, e.prep) if _low(o) in e.obj or o.lower_ in e.obj
                    or any(c.dep_ == "compound" and _low(c) in e.obj for c in o.children)), None)
        if hit is None:
            return None
        extra.append(hit)
    if e.dobj:  # "approved the bill", not "approved spending with an increase"
        hit = next((o for o in tok.children if o.dep_ in ("dobj", "nsubjpass") and (_low(o) in e.dobj
                    or any(c.dep_ == "compound" and _low(c) in e.dobj for c in o.children))), None)
        if hit is None:
            return None
        extra.append(hit)
    if e.noobj and any(_low(o) in e.noobj or o.lower_ in e.noobj
                       for o in _objects(tok, frozenset()) if o.dep_ in ("dobj", "nsubjpass")):
        return None
    if e.noprep and any(c.dep_ == "prep" and c.lower_ in e.noprep for c in tok.children):
        return None
    if e.intrans and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return None
    if e.comp and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return None
    if e.trans and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        return None
    if e.noclause and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return None
    if e.objcomp and not other_agent_clause(tok):
        return None
    return tuple(extra)


def other_agent_clause(verb: Token) -> Token | None:
    """The infinitive clause of someone other than the subject: "want *the government* to act",
    "told them to stop" (object + infinitive), not "want to act" nor "told them that ..."; or,
    after a verb of wanting, an object and a past participle ("want the tax scrapped")."""
    has_obj = any(c.dep_ in ("dobj", "dative") for c in verb.children)
    if verb.lemma_.lower() in WORDS.participle_wants:  # "wanted the tax scrapped": someone is to scrap it
        for c in verb.children:
            if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD") and any(x.dep_ == "nsubj" for x in c.children) \
                    and not any(x.dep_ in ("aux", "auxpass", "mark") for x in c.children):
                return c
            done = next((x for x in c.subtree if x.dep_ == "acl" and x.tag_ == "VBN" and x.i > c.i
                         and not any(y.dep_ == "aux" for y in x.children)), None) \
                if c.dep_ == "dobj" else None  # "wanted a clause inserted", "the sanctions on Iran lifted"
            if done is not None:
                return done
    mental = load_lexicon().mental_verbs
    for c in verb.children:
        if not any(x.dep_ in ("aux", "auxpass") and x.lower_ == "to" for x in c.children) \
                or c.lemma_.lower() in mental or c.lemma_ == "be":
            continue  # not an infinitive, or no act: "allowed the public to think", "want X to be"
        if c.dep_ == "xcomp" and c.lemma_.lower() in WORDS.seeing_verbs and not has_obj:
            inner = other_agent_clause(c) or next(  # "wants to see the government act"
                (x for x in c.children if x.dep_ == "ccomp" and any(
                    y.dep_ in ("nsubj", "nsubjpass") for y in x.children)), None)
            if inner is not None:
                return inner
        if c.dep_ == "xcomp" and has_obj:
            return c
        if c.dep_ == "ccomp" and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
            return c
    return None


def _time_phrase(prep: Token) -> bool:
    """A preposition whose object is a date or time ("on Thursday", "for two years")."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objs) and all(p.ent_type_ in ("DATE", "TIME") for p in objs)


def _noun_match(tok: Token, e: Entry) -> tuple[Token, ...] | None:
    extra: list[Token] = []
    mods = [c for c in tok.children if c.dep_ in _MOD_DEPS]
    if e.mod:
        hit = next((c for c in mods if _low(c) in e.mod or c.lower_ in e.mod), None)
        if hit is None:
            return None
        extra.append(hit)
    if e.nomod and any(_low(c) in e.nomod or c.lower_ in e.nomod for c in mods):
        return None
    if e.prep:
        head_prep = tok.dep_ == "pobj" and tok.head.lower_ in e.prep
        if not head_prep and not any(c.dep_ == "prep" and c.lower_ in e.prep for c in tok.children):
            return None
    return tuple(extra)


def match_token(tok: Token, lex: Lexicon) -> Match | None:
    """The most specific lexicon entry whose conditions hold at ``tok``, or None."""
    lemma = _low(tok)
    if tok.pos_ in _VERB_POS:
        if tok.dep_ in _NOMINAL_DEPS:
            return None  # "evacuated the wounded", "the wounded soldiers": a state, not an act
        if lemma not in lex.verbs and lemma + "e" in lex.verbs \
                and tok.lower_ in (lemma + "ed", lemma + "ing", lemma + "es"):
            lemma += "e"  # the lemmatizer's lost "e": "fined" -> "fin", not "fine"
        for e in lex.verbs.get(lemma, ()):
            extra = _verb_match(tok, e)
            if extra is not None:
                obj = extra[-1] if e.obj else None
                parts = tuple(sorted((tok, *extra), key=lambda t: t.i))
                return Match(tok, e, parts, obj)
    elif tok.pos_ in _NOUN_POS:
        for e in lex.nouns.get(lemma, ()):
            extra = _noun_match(tok, e)
            if extra is not None:
                return Match(tok, e, tuple(sorted((tok, *extra), key=lambda t: t.i)))
    return None


def match_sentence(sent: Span, lex: Lexicon) -> list[Match]:
    """All trigger matches of a sentence, in text order.

    A noun that a light-verb pattern already consumed ("voiced concern": concern)
    or that is part of a longer match is not matched again on its own.
    """
    matches: list[Match] = []
    for tok in sent:
        if tok.pos_ not in _VERB_POS and tok.pos_ not in _NOUN_POS:
            continue
        m = match_token(tok, lex)
        if m is not None:
            matches.append(m)
    if len(matches) < 2:
        return matches
    covered = {t.i for m in matches if m.entry.pos == "V" for t in m.parts if t.i != m.token.i}
    return [m for m in matches if m.token.i not in covered]
