"""Speakers: from the token that names a speaker to a :class:`Speaker`.

The actors stage does the coreference work: a name, a surname, a description or
a pronoun it resolved is looked up with ``ActorIndex.for_token`` /
``ActorIndex.at`` and the speaker gets that actor's id and name.  Where the
index has nothing, the name is read from the text: the named entity at the
token (an acronym such as "IRCC" spelled out from an organisation named in the
article), else the noun phrase without its determiner or possessor ("its
state news agency" -> "state news agency").  A pronoun ("he", "it", "they") or
a definite description ("the mayor", "the utility") goes to the most recent
compatible speaker or name before it; a document ("the joint statement")
keeps its own name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..models import Actor, Speaker
from .lexicon import Lexicon

__all__ = ["SpeakerResolver", "phrase_span", "phrase_tokens"]

_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_NOT_PERSON_ENTS = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                    "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
_PHRASE_DEPS = {"det", "poss", "compound", "amod", "nmod", "nummod", "quantmod", "case",
                "advmod", "cc", "conj", "prep", "pobj", "predet", "npadvmod"}
_PRONOUN_CLASSES = ("person-pronoun", "thing-pronoun", "group-pronoun")
_WANT = {"person-pronoun": ("person",), "thing-pronoun": ("org", "document"),
         "group-pronoun": ("group", "org"), "person": ("person",), "org": ("org",)}
_INITIAL_SKIP = {"and", "of", "the", "for", "&", "de", "la", "du"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
_TITLE_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                 "miss": "f", "madam": "f", "dame": "f", "lady": "f", "lord": "m"}
#: How far back (characters) a pronoun or description looks for its antecedent.
_REACH = 2000


@dataclass(frozen=True, slots=True)
class _Named:
    """A name or resolved speaker remembered for later pronouns and descriptions."""

    start: int
    end: int
    actor: str | None
    name: str
    cls: str  # person | org | document | group
    subject: bool = False


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


def _same_name(a: str, b: str) -> bool:
    return bool(a.split()) and bool(b.split()) and a.split()[-1].lower() == b.split()[-1].lower()


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace(",", " ").split()
                   if w.lower() not in _INITIAL_SKIP and w[:1].isupper())


class SpeakerResolver:
    """Resolves the speaker tokens of one article, in document order."""

    def __init__(self, doc: Doc, actors, lexicon: Lexicon, *,
                 quoted: list[tuple[int, int]] = ()):
        self.doc = doc
        self.actors = actors
        self.lex = lexicon
        self._recent: list[_Named] = []  # speakers so far, in document order
        self._quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        names: list[_Named] = []
        seen = set()
        for actor in actors.actors:
            cls = {"person": "person", "organization": "org"}.get(actor.kind)
            if cls is None:
                continue
            for m in actor.mentions:
                if m.form != "pronoun":
                    names.append(_Named(m.start, m.end, actor.id, actor.name, cls))
                    seen.add(m.start)
        self._persons: dict[str, list[Actor]] = {}
        for actor in actors.actors:
            if actor.kind == "person" and len(actor.name.split()) > 1:
                self._persons.setdefault(actor.name.split()[-1].lower(), []).append(actor)
        self._acronyms: dict[str, str] = {}
        self._full: dict[str, str] = {}
        for ent in doc.ents:
            cls = {"PERSON": "person", "ORG": "org"}.get(ent.label_)
            if cls is None:
                continue
            if cls == "org" and len(ent) > 1:
                self._acronyms.setdefault(_initials(ent.text), ent.text)
            if cls == "person" and len(ent) > 1:
                self._full.setdefault(ent[-1].text, ent.text)
            if ent.start_char not in seen:
                subj = ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head.dep_ == "ROOT"
                names.append(_Named(ent.start_char, ent.end_char, None, ent.text, cls, subj))
        names.sort(key=lambda n: n.start)
        text = doc.text
        self._names = [n for n in names if not self._in_quote(n.start)
                       and not (n.cls == "person" and self._not_a_person(n, text))]
        self._name_starts = [n.start for n in self._names]
        self._gender = _genders(doc, lexicon)

    def _not_a_person(self, named: _Named, text: str) -> bool:
        """A place the model took for a person ("Winston Churchill Square", "Ont."), or a photo credit."""
        words = named.name.split()
        if not words:
            return True
        if self.lex.is_class(words[-1], "place-word"):
            return True
        if "/" in named.name or text[named.end:named.end + 3].lstrip().startswith("/"):
            return True  # a photo credit, "(Jane Roe/Agency)"
        return len(words) == 1 and len(words[0]) <= 4 and text[named.end:named.end + 1] == "."

    # -- naming -------------------------------------------------------------

    def is_first_person(self, tok: Token) -> bool:
        return tok.pos_ == "PRON" and self.lex.is_class(tok.lower_, "first-person")

    def _pronoun_class(self, tok: Token) -> str | None:
        if tok.pos_ != "PRON":
            return None
        return next((c for c in _PRONOUN_CLASSES if self.lex.is_class(tok.lower_, c)), None)

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

    def _description(self, tok: Token) -> str | None:
        """ "the mayor" / "the utility": the class of what it refers back to, or None."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.ent_type_:
            return None
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            return None
        if any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in tok.lefts):
            return None
        noun = self.lex.noun_class(tok.lemma_)
        if noun in ("document", "generic"):
            return None
        if noun == "body":
            # "the Canadian government", "the provincial ministry" name themselves
            modified = any(c.dep_ in ("amod", "compound", "nmod") for c in tok.lefts)
            return None if modified and not self._named_org(tok.lower_, tok.idx) else "org"
        return "person"

    def _named_org(self, noun: str, pos: int) -> _Named | None:
        """The most recent organisation named with ``noun`` ("the commission" ->
        "Ontario Civilian Police Commission") before ``pos``."""
        k = bisect_left(self._name_starts, pos) - 1
        while k >= 0 and pos - self._names[k].start <= _REACH:
            named = self._names[k]
            if named.cls == "org" and noun in named.name.lower().split():
                return named
            k -= 1
        return None

    def _class_of(self, tok: Token, actor: Actor | None) -> str:
        if actor is not None:
            return {"person": "person", "group": "group", "document": "document"}.get(
                actor.kind, "org")
        ent = _entity(tok)
        if ent is not None:
            if ent.label_ == "PERSON" or (len(ent) == 1 and ent.text in self._full):
                return "person"
            return "group" if ent.label_ == "NORP" else "org"
        if tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_PERSON_ENTS:
            return "person"
        if tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.rights):
            return "group"
        if self.lex.noun_class(tok.lemma_) == "document":
            return "document"
        # "the spokeswoman", "city staff": a role, not a name a later "he" or "the mayor" points to
        return "role" if self.lex.noun_class(tok.lemma_) is None else "org"

    def _actor_for(self, tok: Token, start: int, end: int) -> Actor | None:
        actor = self.actors.for_token(tok)
        if actor is None and tok.pos_ == "PROPN":
            actor = self.actors.at(start, end)
        if actor is not None and actor.kind == "organization" and " " not in actor.name:
            # a speaking one-word "organisation" that is the surname of a person named before
            person = self._person_by_surname(actor.name, start)
            if person is not None:
                return person
        return actor

    def _person_by_surname(self, surname: str, pos: int) -> Actor | None:
        """The person whose full name, ending in ``surname``, was last written before ``pos``."""
        best, best_at = None, -1
        for actor in self._persons.get(surname.lower(), ()):
            at = max((m.start for m in actor.mentions if m.form != "pronoun" and m.start < pos),
                     default=-1)
            if at > best_at:
                best, best_at = actor, at
        return best

    def _author(self, tok: Token) -> str | None:
        """Who wrote a document that speaks: "the post by Jason Schultz", "a statement from
        the EU", "a release e-mailed to reporters by Jane Doe"."""
        if self._class_of(tok, None) != "document":
            return None
        for t in tok.subtree:
            if t.i <= tok.i or t.dep_ not in ("prep", "agent") or t.lower_ not in ("by", "from"):
                continue
            for p in t.children:
                if p.dep_ == "pobj" and p.ent_type_ in ("PERSON", "ORG"):
                    ent = _entity(p)
                    return ent.text if ent is not None else p.text
        return None

    # -- resolution ---------------------------------------------------------

    def resolve(self, tok: Token, *, self_reference: str | None = None) -> Speaker:
        """The speaker named (or referred to) by ``tok``; remembered for later pronouns.

        ``self_reference``: the gendered pronoun ("he", "she") that opens what the speaker
        said ("Vickers said he ..."): a proper name the model took for an organisation is
        then a person, of that gender."""
        if tok.ent_type_ != "PERSON":  # "Japan's foreign minister, Yoshimasa Hayashi, said"
            tok = next((c for c in tok.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), tok)
        pron = self._pronoun_class(tok)
        start, end = (tok.idx, tok.idx + len(tok.text)) if pron else phrase_span(tok)
        actor = self._actor_for(tok, start, end)
        desc = None if pron else self._description(tok)
        if desc == "person" and actor is not None and actor.kind != "person":
            actor = None  # "the mayor" is a person, whatever group the index put it in
        if desc == "org" and self._named_org(tok.lower_, start) is not None:
            actor = None  # "the commission": the organisation named with that word
        refers = pron or (desc if actor is None else None)
        if refers:
            # Who spoke last matters more for a quote's "he said" than a general antecedent:
            # the quote structure (speaker continuity, gender, names outside quotes) comes first,
            # the actors stage's resolution where it finds nothing.
            prior = self._antecedent(refers, start, _PRONOUN_GENDER.get(tok.lower_),
                                     noun=tok.lower_ if desc else None)
            if prior is None:
                if actor is not None:
                    return Speaker(actor.id, actor.name, start, end)
                if pron:
                    return Speaker(None, None, start, end)
            else:
                aid = prior.actor or (actor.id if actor is not None and _same_name(
                    actor.name, prior.name) else None)
                speaker = Speaker(aid, prior.name, start, end)
                self._remember(speaker, prior.cls)
                return speaker
        cls = self._class_of(tok, actor)
        gender = _PRONOUN_GENDER.get((self_reference or "").lower())
        if gender and cls != "person" and tok.pos_ == "PROPN" and (
                actor is None or actor.kind != "organization"):
            cls = "person"
            self._gender.setdefault(tok.lower_, gender)
        if actor is not None:
            name = actor.name
            if name.isupper() and name.isalpha():
                name = self._acronyms.get(name, name)
            speaker = Speaker(actor.id, name, start, end, self._author(tok))
        else:
            name = self._phrase_name(tok)
            if name.isupper() and name.isalpha():
                name = self._acronyms.get(name, name)
            elif cls == "person" and " " not in name:
                name = self._full.get(name, name)
            speaker = Speaker(None, name, start, end, self._author(tok))
        self._remember(speaker, cls)
        return speaker

    def _remember(self, speaker: Speaker, cls: str) -> None:
        if speaker.name:
            self._recent.append(_Named(speaker.start, speaker.end, speaker.actor, speaker.name,
                                       cls, True))

    def _in_quote(self, pos: int) -> bool:
        k = bisect_left(self._quoted_starts, pos + 1) - 1
        return k >= 0 and self._quoted[k][0] <= pos < self._quoted[k][1]

    def _antecedent(self, refers: str, pos: int, gender: str | None = None, *,
                    noun: str | None = None) -> _Named | None:
        """The most recent compatible speaker or name (outside quotes) before ``pos``.

        With a gendered pronoun, a name known to agree wins over a more recent name
        of unknown gender; for a description ("the commission"), a name containing
        its noun ("Ontario Civilian Police Commission") wins over a more recent one."""
        if noun is not None and refers == "org":
            named = self._named_org(noun, pos)
            if named is not None:
                return named
        want = _WANT[refers]
        i = len(self._recent) - 1
        k = bisect_left(self._name_starts, pos) - 1
        unknown: _Named | None = None
        while i >= 0 or k >= 0:
            a = self._recent[i] if i >= 0 else None
            b = self._names[k] if k >= 0 else None
            if b is None or (a is not None and a.start >= b.start):
                named, i = a, i - 1
            else:
                named, k = b, k - 1
            if pos - named.start > _REACH:
                break
            if named.start >= pos or named.end > pos or named.cls not in want:
                continue
            got = self._gender_of(named)
            if gender is None or got == gender:
                return named
            if got is None and unknown is None:
                unknown = named
        return unknown

    def _gender_of(self, named: _Named) -> str | None:
        if named.cls != "person" or not named.name.split():
            return None
        return self._gender.get(named.name.split()[-1].lower())

    def nearest_person(self, pos: int) -> Speaker | None:
        """The person most recently named or quoted before ``pos`` (for a quote with no
        attribution and no quote before it to follow)."""
        prior = self._antecedent("person", pos)
        return Speaker(prior.actor, prior.name, prior.start, prior.end) if prior else None

def _genders(doc: Doc, lex: Lexicon) -> dict[str, str]:
    """Gender of the people of one article, by surname: from a common first name, a
    title ("Mr", "Ms") before the name, or the only gendered pronouns of a sentence
    whose subject the person is."""
    votes: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        key = ent[-1].lower_
        first = lex.first_names.get(ent[0].lower_) if len(ent) > 1 else None
        if first:
            votes.setdefault(key, set()).add(first)
            continue
        if ent.start > 0 and doc[ent.start - 1].lower_ in _TITLE_GENDER:
            votes.setdefault(key, set()).add(_TITLE_GENDER[doc[ent.start - 1].lower_])
            continue
        if ent.root.dep_ != "nsubj":
            continue
        found = {_PRONOUN_GENDER[t.lower_] for t in ent.sent
                 if t.lower_ in _PRONOUN_GENDER and t.i >= ent.end}
        if len(found) == 1:
            votes.setdefault(key, set()).update(found)
    return {k: next(iter(v)) for k, v in votes.items() if len(v) == 1}
