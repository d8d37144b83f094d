"""What every quote finder returns before speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon.words import gerund_prepositions, pronoun_set
from .lexicon import WORDS

__all__ = ["Candidate", "RULES", "NEVER_SPEAKS", "can_speak", "subject_of", "trim_tokens"]

#: Versioned name of this stage's rules; each record stores ``RULES + ":" + rule``.
RULES = "quotes.rules.v7"


@dataclass(slots=True)
class Candidate:
    """A quote's content span with the tokens of its cue and speaker (either may be None)."""

    start: int
    end: int
    cue: Token | None
    speaker: Token | None
    rule: str
    inherit: bool = False  # no attribution of its own: take the previous quote's speaker


#: entity types that never speak: times ("this financial year") and amounts ("$5 million");
#: a share ("12 percent said", "52 percent of voters") stands for the people it counts
NEVER_SPEAKS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"})


def _personal() -> frozenset[str]:
    """Personal pronouns that can be a subject who reports ("he said the plan failed, saying
    ..." may be his), unlike "it", "the move" or "the plan": I, you, he, she, we, they."""
    return pronoun_set(cases=("subject",), refers=("person", "any"))


def can_speak(tok: Token) -> bool:
    """False for a time expression or an amount: never a speaker."""
    return tok.ent_type_ not in NEVER_SPEAKS




def _passive(verb: Token) -> bool:
    """ "was told", "has been asked", and a bare participle clause ("Asked about the plan, she
    said ...", "When told of the vote, he ...": she and he were asked and told)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (verb.tag_ in ("VBN", "VBD") and verb.dep_ == "advcl"  # the tagger takes some for VBD
            and not any(c.dep_ in ("aux", "nsubj") for c in verb.children))


def _agent(verb: Token) -> Token | None:
    """ "was announced by the ministry": the agent of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _antecedent(noun: Token) -> Token:
    """Who a relative "who" stands for: the noun it follows, or, when that noun only says what
    the subject is ("X is a serial liar and a birther who pledged ..."), the subject."""
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "attr":
        subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return noun


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who does the reporting: the verb's subject, else (for "…, saying", "and added",
    "went on to say", "who said", "a statement saying") the subject it shares.  A time
    expression or an amount the parse made a subject ("But this financial year, he said")
    is passed over.  A passive cue's subject is what is said or who hears it ("the plan was
    announced", "having been told he could ..."): its speaker is the agent ("by X") or no
    one, except "X was quoted as saying".  An infinitive after an object belongs to that
    object ("prompting the city to urge residents ..."); a reporting participle after a
    clause it does not belong in goes to the reporter ("X argued that the move hurt him,
    noting ..." and "..., adding ..." are X's)."""
    if _passive(verb):
        if verb.lemma_ == "quote":
            return next((c for c in verb.children if c.dep_ == "nsubjpass" and can_speak(c)), None)
        return _agent(verb)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and can_speak(c)]
    if subjects:  # several (a mis-parse of "Tory co-chairman Liam Fox said"): the nearest
        before = [c for c in subjects if c.i < verb.i]
        c = before[-1] if before else subjects[0]
        if c.lower_ in WORDS.relative_pronouns and verb.dep_ == "relcl":
            return _antecedent(verb.head)
        return c
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        head = verb.head
        if (head.dep_ in ("dobj", "pobj", "dative") and depth < 3
                and any(t.text == "," for t in verb.doc[head.i + 1:verb.i])):
            return subject_of(head.head, depth + 1)  # "X e-mailed Y, suggesting ...": X suggests
        return head  # "a statement saying ..."
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return subject_of(verb.head.head, depth + 1)  # "X was quoted as saying ..."
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in gerund_prepositions() \
            and verb.head.head.pos_ in ("VERB", "AUX") and depth < 3:
        return subject_of(verb.head.head, depth + 1)  # "X pitched himself by telling them that ..."
    if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_ not in WORDS.subject_control:
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON") and can_speak(obj):
                return obj
        if (verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp"
                and head.head.i != head.i and verb.i > head.i
                and verb.doc[verb.left_edge.i - 1].text == ","):
            inner = subject_of(head, depth + 1)
            if verb.lemma_ == "add" or inner is None or (
                    inner.pos_ != "PROPN" and inner.lower_ not in _personal()):
                return subject_of(head.head, depth + 1) or inner  # the reporter's participle
            return inner
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i != head.i:
            inner = subject_of(head, depth + 1)  # "X said it was opposed and warned ...": X warns,
            if inner is None or (inner.pos_ != "PROPN" and inner.lower_ not in _personal()):
                return subject_of(head.head, depth + 1) or inner  # unless a person is named there
            return inner
        return subject_of(head, depth + 1)
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i > 0 else None
    if (prev is not None and prev.head.i == verb.i and (prev.pos_ == "PROPN" or prev.tag_ == "NNP")
            and can_speak(prev)
            and prev.dep_ not in ("dobj", "pobj", "attr")):
        return prev  # the parse missed the subject: "McNeely said ..." with "McNeely" as a modifier
    if verb.is_sent_start and verb.i > 0:  # the parser split "Vickers | said ..." apart
        prev = doc[verb.i - 1]
        if prev.pos_ in ("PROPN", "NOUN", "PRON") and not prev.whitespace_.count("\n"):
            return prev
    return None


def trim_tokens(toks: list[Token]) -> list[Token]:
    """Drop leading and trailing punctuation, spaces and a leading "that"."""
    a, b = 0, len(toks)
    while a < b and (toks[a].is_punct or toks[a].is_space or toks[a].lower_ == "that"
                     and (toks[a].dep_ == "mark" or toks[a].tag_ == "IN")):
        a += 1
    while b > a and (toks[b - 1].is_punct or toks[b - 1].is_space):
        b -= 1
    return toks[a:b]
