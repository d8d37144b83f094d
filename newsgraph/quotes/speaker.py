"""Speakers: from the token that names a speaker to a :class:`Speaker`.

The actors stage does the coreference work: a name, a surname or a pronoun it
resolved is looked up with ``ActorIndex.for_token`` / ``ActorIndex.at`` and the
speaker gets that actor's id and name.  Where the index has nothing, the
speaker's name is read from the text: the named entity at the token, else the
noun phrase without its determiner or possessor ("its state news agency" ->
"state news agency"); a pronoun goes to the most recent compatible speaker or
person named before it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..models import Actor, Speaker
from .lexicon import Lexicon

__all__ = ["SpeakerResolver", "phrase_span", "phrase_tokens"]

_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_PHRASE_DEPS = {"det", "poss", "compound", "amod", "nmod", "nummod", "quantmod", "case",
                "advmod", "punct", "cc", "conj", "prep", "pobj", "predet", "npadvmod"}
_PRONOUN_CLASSES = ("person-pronoun", "thing-pronoun", "group-pronoun")
#: How far back (characters) a pronoun looks for its antecedent.
_REACH = 1500


@dataclass(frozen=True, slots=True)
class _Named:
    """A resolved speaker remembered for later pronouns."""

    start: int
    end: int
    actor: str | None
    name: str
    cls: str  # person | thing | group


def _entity(tok: Token) -> SpacySpan | None:
    if tok.ent_type_ not in _NAME_ENTS:
        return None
    for ent in tok.sent.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def phrase_tokens(tok: Token) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``: its name entity, or
    its left modifiers and conjuncts (no relative clauses, appositions or trailing
    prepositional phrases except "of ...")."""
    ent = _entity(tok)
    if ent is not None and not any(c.dep_ == "conj" for c in tok.rights):
        return ent.start, ent.end
    left = tok
    for c in tok.lefts:
        if c.dep_ in _PHRASE_DEPS and c.dep_ != "punct":
            left = min(left, c.left_edge, key=lambda t: t.i)
            break
    right = tok
    for c in tok.rights:
        if c.dep_ == "conj" or (c.dep_ == "cc" and any(x.dep_ == "conj" for x in tok.rights)):
            right = c.right_edge if c.dep_ == "conj" else c
        elif c.dep_ == "prep" and c.lower_ == "of":
            right = c.right_edge
        else:
            break
    return left.i, right.i + 1


def phrase_span(tok: Token) -> tuple[int, int]:
    """Character span of :func:`phrase_tokens`."""
    i, j = phrase_tokens(tok)
    doc = tok.doc
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


class SpeakerResolver:
    """Resolves speaker tokens of one article to speakers, in document order."""

    def __init__(self, doc: Doc, actors, lexicon: Lexicon):
        self.doc = doc
        self.actors = actors
        self.lex = lexicon
        self._recent: list[_Named] = []  # speakers so far, in document order
        persons: list[tuple[int, int, str | None, str, bool]] = []
        covered = set()
        for actor in actors.actors:
            if actor.kind != "person":
                continue
            for m in actor.mentions:
                if m.form != "pronoun":
                    persons.append((m.start, m.end, actor.id, actor.name, False))
                    covered.add(m.start)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.start_char not in covered:
                subj = (ent.root.dep_ in ("nsubj", "nsubjpass")
                        and ent.root.head.dep_ == "ROOT")
                persons.append((ent.start_char, ent.end_char, None, ent.text, subj))
        persons.sort()
        self._persons = persons
        self._person_starts = [p[0] for p in persons]

    # -- naming -------------------------------------------------------------

    def _pronoun_class(self, tok: Token) -> str | None:
        if tok.pos_ != "PRON":
            return None
        return next((c for c in _PRONOUN_CLASSES if self.lex.is_class(tok.lower_, c)), None)

    def is_first_person(self, tok: Token) -> bool:
        return tok.pos_ == "PRON" and self.lex.is_class(tok.lower_, "first-person")

    def _phrase_name(self, tok: Token) -> str:
        """The phrase's text without leading determiners and possessors."""
        doc = self.doc
        i, j = phrase_tokens(tok)
        toks = list(doc[i:j])
        drop = set()
        for c in tok.lefts:
            if c.dep_ == "poss":
                drop.update(t.i for t in c.subtree)
        i = 0
        while i < len(toks) and (toks[i].i in drop or self.lex.is_class(toks[i].lower_, "determiner")
                                 or toks[i].dep_ == "case"):
            i += 1
        toks = toks[i:] or toks
        return doc[toks[0].i:toks[-1].i + 1].text

    def _actor_for(self, tok: Token, start: int, end: int) -> Actor | None:
        actor = self.actors.for_token(tok)
        if actor is None and tok.pos_ == "PROPN":
            actor = self.actors.at(start, end)
        return actor

    def _author(self, tok: Token) -> str | None:
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "by":
                for p in c.children:
                    if p.dep_ == "pobj" and p.ent_type_ == "PERSON":
                        ent = _entity(p)
                        return ent.text if ent is not None else p.text
        return None

    # -- resolution ---------------------------------------------------------

    def resolve(self, tok: Token) -> Speaker:
        """The speaker named (or referred to) by ``tok``; remembered for later pronouns."""
        if tok.ent_type_ != "PERSON":  # "Japan's foreign minister, Yoshimasa Hayashi, said"
            tok = next((c for c in tok.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), tok)
        pron = self._pronoun_class(tok)
        start, end = (tok.idx, tok.idx + len(tok.text)) if pron else phrase_span(tok)
        actor = self._actor_for(tok, start, end)
        if pron:
            if actor is not None:
                return Speaker(actor.id, actor.name, start, end)
            prior = self._antecedent(pron, start)
            if prior is None:
                return Speaker(None, None, start, end)
            return Speaker(prior.actor, prior.name, start, end)
        if actor is not None and actor.kind in ("person", "organization", "group", "document",
                                                "country"):
            name = actor.name
            cls = "person" if actor.kind == "person" else (
                "group" if actor.kind == "group" else "thing")
            speaker = Speaker(actor.id, name, start, end, self._author(tok))
        else:
            ent = _entity(tok)
            name = self._phrase_name(tok)
            if ent is not None and ent.label_ == "PERSON":
                cls = "person"
            elif tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.rights):
                cls = "group"
            else:
                cls = "thing"
            speaker = Speaker(None, name, start, end, self._author(tok))
        self.remember(speaker, cls)
        return speaker

    def remember(self, speaker: Speaker, cls: str) -> None:
        if speaker.name:
            self._recent.append(_Named(speaker.start, speaker.end, speaker.actor, speaker.name, cls))

    def _antecedent(self, pron: str, pos: int) -> _Named | None:
        want = {"person-pronoun": ("person",), "thing-pronoun": ("thing",),
                "group-pronoun": ("group", "thing")}[pron]
        best: _Named | None = None
        for named in reversed(self._recent):
            if named.start < pos and named.cls in want and pos - named.start <= _REACH:
                best = named
                break
        if pron != "person-pronoun":
            return best
        # a person named (as a subject) after the last person-speaker is the better guess
        k = bisect_left(self._person_starts, pos) - 1
        floor = best.start if best is not None else pos - _REACH
        fallback = None
        while k >= 0 and self._persons[k][0] > floor:
            s, e, aid, name, subj = self._persons[k]
            if e <= pos:
                if subj:
                    return _Named(s, e, aid, name, "person")
                fallback = fallback or _Named(s, e, aid, name, "person")
            k -= 1
        return best or fallback
