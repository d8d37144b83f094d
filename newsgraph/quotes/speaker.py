"""Speakers: from the token that names a speaker to a :class:`Speaker`.

The actors stage resolves every reference in one place (:mod:`newsgraph.actors.resolve`):
a name, a surname, a pronoun ("he said"), a role noun ("the prime minister said") or a
description ("the insurer argued") that it resolved is looked up with
``ActorIndex.for_token`` / ``ActorIndex.at`` and the speaker gets that actor's id and
name.  This module adds no resolution of its own; it only names what the index does not
hold:

- a document that speaks with a named author or owner ("a study by the institute", "the
  agency's report") speaks for that author: the speaker is the author;
- otherwise the name is read from the text: the named entity at the token (an acronym
  spelled out from an organisation named in the article), else the noun phrase without
  its determiner or possessor ("its state news agency" -> "state news agency");
- an unnamed agent (a spokesman, an official, aides, sources) keeps that name, with the
  organisation or person it belongs to where the phrase says ("Hale's spokesman", "a
  senior Treasury official", "aides to Clinton", "sources close to the union") as its
  ``affiliation``;
- a pronoun the actors stage could not resolve has no name.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..lexicon.words import definite_determiners
from ..models import Actor, Speaker
from .lexicon import WORDS, Lexicon

__all__ = ["SpeakerResolver", "phrase_span", "phrase_tokens"]

_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_PHRASE_DEPS = {"det", "poss", "compound", "amod", "nmod", "nummod", "quantmod", "case",
                "advmod", "cc", "conj", "prep", "pobj", "predet", "npadvmod"}
_AUTHOR_KINDS = ("person", "organization", "country")
#: how many tokens back "the report" looks for its earlier mention (a few paragraphs)
_EARLIER_MENTION = 400


def _entity(tok: Token) -> SpacySpan | None:
    if tok.ent_type_ not in _NAME_ENTS:
        return None
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                         label=tok.ent_type_)


def phrase_tokens(tok: Token) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``: its name entity, or
    its left modifiers and conjuncts (no relative clauses, appositions or trailing
    prepositional phrases except "of ...")."""
    ent = _entity(tok)
    if ent is not None and not any(c.dep_ == "conj" for c in tok.rights):
        return ent.start, ent.end
    left = tok
    for c in tok.lefts:
        if c.dep_ in _PHRASE_DEPS:
            left = c.left_edge
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


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace(",", " ").split()
                   if w.lower() not in WORDS.name_skip and w[:1].isupper())


class SpeakerResolver:
    """Names the speaker tokens of one article from its :class:`~newsgraph.actors.ActorIndex`."""

    def __init__(self, doc: Doc, actors, lexicon: Lexicon, *,
                 quoted: list[tuple[int, int]] = ()):
        self.doc = doc
        self.actors = actors
        self.lex = lexicon
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self._acronyms: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ == "ORG" and len(ent) > 1:
                self._acronyms.setdefault(_initials(ent.text), ent.text)
        persons = sorted((m.start, m.end, a) for a in actors.actors if a.kind == "person"
                         for m in a.mentions)
        self._persons = [p for p in persons if not self._in_quote(p[0])]
        self._person_starts = [s for s, _, _ in self._persons]

    def is_first_person(self, tok: Token) -> bool:
        return tok.pos_ == "PRON" and self.lex.is_class(tok.lower_, "first-person")

    def _is_pronoun(self, tok: Token) -> bool:
        if tok.tag_ == "PRP$":  # "his claim that ...": a possessive owner
            return True
        return tok.pos_ == "PRON" and any(
            self.lex.is_class(tok.lower_, c) for c in ("person-pronoun", "thing-pronoun", "group-pronoun"))

    def _phrase_name(self, tok: Token) -> str:
        """The phrase's text without leading determiners and possessors."""
        doc = self.doc
        i, j = phrase_tokens(tok)
        drop = set()
        for c in tok.lefts:
            if c.dep_ == "poss":
                drop.update(t.i for t in c.subtree)
        while i < j - 1 and (i in drop or doc[i].dep_ == "case" or doc[i].is_punct
                             or self.lex.is_class(doc[i].lower_, "determiner")):
            i += 1
        return doc[i:j].text

    def _actor_for(self, tok: Token, start: int, end: int) -> Actor | None:
        actor = self.actors.for_token(tok)
        if actor is None and tok.pos_ == "PROPN":
            actor = self.actors.at(start, end)
        return actor

    def _is_document(self, tok: Token, actor: Actor | None) -> bool:
        if actor is not None:
            return actor.kind == "document"
        return tok.pos_ == "NOUN" and self.lex.noun_class(tok.lemma_) == "document"

    def _author(self, tok: Token) -> tuple[Actor | None, str] | None:
        """Who wrote or owns a document that speaks: "the agency's report", "the Civic Action
        study", "the post by Jason Schultz", "a statement from the EU", "figures from
        Statistics Canada", "a release e-mailed to reporters by Jane Doe"; for "the report"
        with none of these, the author of the nearest earlier mention of the report ("a report
        by the institute", "Jane Roe wrote in a report ...")."""
        got = self._own_author(tok)
        if got is not None or not any(c.dep_ == "det" and c.lower_ in definite_determiners()
                                      for c in tok.children):
            return got
        for t in reversed(self.doc[max(0, tok.i - _EARLIER_MENTION):tok.i]):
            if t.lemma_ == tok.lemma_ and t.pos_ == "NOUN":
                return self._own_author(t) or self._writer(t)
        return None

    def _writer(self, doc_tok: Token) -> tuple[Actor | None, str] | None:
        """ "Jane Roe wrote in a recent report ...": who wrote (or said) what the document holds."""
        prep = doc_tok.head
        verb = prep.head
        if (doc_tok.dep_ != "pobj" or prep.lower_ != "in" or verb.pos_ != "VERB"
                or self.lex.frame(verb.lemma_) is None):
            return None
        who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        actor = self.actors.for_token(who) if who is not None else None
        return (actor, actor.name) if actor is not None and actor.kind in _AUTHOR_KINDS else None

    def _own_author(self, tok: Token) -> tuple[Actor | None, str] | None:
        """The author this mention of a document names itself: its possessor or modifier, or
        "by"/"from" after it or after a verb of issuing it."""
        for c in tok.lefts:  # a possessive pronoun ("its report") leaves the document its name
            if c.dep_ in ("poss", "compound") and c.pos_ != "PRON":
                actor = self.actors.for_token(c)
                if actor is not None and actor.kind in _AUTHOR_KINDS:
                    return actor, actor.name
        heads = {tok.i} | {c.i for c in tok.rights  # "released by", "e-mailed to X by"; not "obtained by"
                           if (c.dep_ == "acl" or (c.dep_ == "relcl" and c.tag_ in ("VBN", "VBG")))
                           and c.lemma_.lower() in WORDS.issuing_verbs}
        for t in tok.subtree:
            if t.head.i not in heads or t.dep_ not in ("prep", "agent") or t.lower_ not in ("by", "from"):
                continue
            for p in t.children:
                if p.dep_ != "pobj":
                    continue
                actor = self.actors.for_token(p)
                if actor is not None and actor.kind in _AUTHOR_KINDS:
                    return actor, actor.name
                if p.ent_type_ in ("PERSON", "ORG"):
                    ent = _entity(p)
                    return None, ent.text if ent is not None else p.text
        return None

    def _affiliation(self, tok: Token) -> str | None:
        """Whom an unnamed speaker belongs to, where the phrase says: "Hale's spokesman",
        "his aides", "Clinton aides", "a senior Treasury official", "a senior American
        official", "a spokesman for the ministry", "aides to Clinton", "an official at the
        agency", "sources close to the union"."""
        def named(t: Token) -> str | None:
            actor = self.actors.for_token(t)
            if actor is not None and actor.kind != "location":
                return actor.name
            ent = _entity(t)
            return ent.text if ent is not None and ent.label_ in ("ORG", "PERSON", "NORP", "GPE") else None

        for c in tok.lefts:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and (c.pos_ in ("PROPN", "PRON") or c.ent_type_):
                found = named(c)
                if found:
                    return found
        for t in tok.subtree:
            if t.dep_ == "prep" and t.lower_ in WORDS.author_preps and (
                    t.head.i == tok.i or (t.head.head.i == tok.i and t.head.dep_ == "amod")):
                for p in t.children:
                    if p.dep_ == "pobj":
                        found = named(p) or (self._phrase_name(p) if p.pos_ == "NOUN" else None)
                        if found:
                            return found
        return None

    @staticmethod
    def _named(tok: Token) -> Token:
        """The name given to a speaker described before it: "Japan's foreign minister, Yoshimasa
        Hayashi, said", "his mother, Giselle, said", "an official named Jhony told"."""
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PRON":
            return tok
        for c in tok.rights:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", "ORG", ""):
                return c
        for t in tok.subtree:
            if t.dep_ == "acl" and t.lemma_ in WORDS.naming_verbs and t.tag_ == "VBN":
                names = [c for c in t.children if c.dep_ in ("oprd", "attr", "dobj", "xcomp")]
                names += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "as"
                          for p in c.children if p.dep_ == "pobj"]
                name = next((c for c in names if c.pos_ == "PROPN"), None)
                if name is not None:
                    return name
        return tok

    def resolve(self, tok: Token) -> Speaker:
        """The speaker named (or referred to) by ``tok``: a description in apposition to a
        person or body named before it is that one ("Nunes, the brawler who calls herself ...")."""
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.pos_ == "PROPN":
            named = self._actor_for(tok.head, *phrase_span(tok.head))
            if (named.kind in ("person", "organization") if named is not None
                    else tok.head.ent_type_ in ("PERSON", "ORG")):
                tok = tok.head
        tok = self._named(tok)
        pron = self._is_pronoun(tok)
        start, end = (tok.idx, tok.idx + len(tok.text)) if pron else phrase_span(tok)
        actor = self._actor_for(tok, start, end)
        if pron:
            if actor is not None:
                return Speaker(actor.id, actor.name, start, end)
            ante = self.actors.antecedent(start, end)  # "a spokeswoman said ... she added"
            head = self.doc.char_span(ante[1] - 1, ante[1], alignment_mode="expand") if ante else None
            return Speaker(None, self._phrase_name(head[-1]) if head else None, start, end)
        if self._is_document(tok, actor):
            author = self._author(tok)
            if author is not None:
                by, name = author
                return Speaker(by.id if by else None, name, start, end, name)
        if actor is not None:
            name = actor.name
            if name.isupper() and name.isalpha():
                name = self._acronyms.get(name, name)
            return Speaker(actor.id, name, start, end)
        name = self._phrase_name(tok)
        if name.isupper() and name.isalpha():
            name = self._acronyms.get(name, name)
        agent = tok.pos_ == "NOUN" and self.lex.noun_class(tok.lemma_) == "agent"
        return Speaker(None, name, start, end, affiliation=self._affiliation(tok) if agent else None)

    def _in_quote(self, pos: int) -> bool:
        k = bisect_left(self._quoted_starts, pos + 1) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def nearest_person(self, pos: int) -> Speaker | None:
        """The person mentioned last before ``pos`` outside quotations (for a quote with no
        attribution and no quote before it to follow)."""
        k = bisect_left(self._person_starts, pos) - 1
        while k >= 0:
            start, end, actor = self._persons[k]
            if end <= pos:
                return Speaker(actor.id, actor.name, start, end)
            k -= 1
        return None
