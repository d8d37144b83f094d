"""Direct quotes: quotations with their attribution.

Each quotation that no indirect or mixed quote already holds becomes a direct
quote when it has an attribution:

- ``quotation-clause``: the parse makes the quotation the complement of a cue verb;
- ``quotation-after``: a cue verb right after it ("“...,” she said", "“...,” said X");
- ``quotation-before``: a cue verb before it, the quotation after a colon or
  comma or a few words later ("X told reporters: “...”", "X said, “...”");
- ``quotation-colon``: no cue, the quotation after a colon: the sentence's subject speaks
  ("Musk took to Twitter with this: “...”");
- ``quotation-floating``: a quotation of its own at a sentence start, with no
  cue: it takes the speaker of the quote before it (see ``Candidate.inherit``).

A short quotation (under four words) in mid-sentence that the parse does not
make a cue's complement is a scare quote or a title and is left out, even with a
cue nearby.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon.marks import Quotation
from .candidates import Candidate, subject_of
from .lexicon import Lexicon

__all__ = ["quotation_quotes"]

_AFTER_REACH = 25  # tokens after a closing mark searched for the cue
_BEFORE_GAP = 4  # words allowed between a cue and the opening mark without a colon or comma
_MIN_FLOATING_WORDS = 4
_NOUNISH = ("PROPN", "PRON", "NOUN")
_OPENERS = set("“‘\"'«„")
_CLOSING_PUNCT = set(",?!—–-:;")


def _token_at(doc: Doc, pos: int) -> Token | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _is_cue(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and lex.frame(tok.lemma_) is not None


def _inverted_subject(cue: Token, stop: int) -> Token | None:
    """ "said Daniel Russel": the noun phrase right after a finite cue, up to its head."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc = cue.doc
    for t in doc[cue.i + 1:stop]:
        if t.pos_ in _NOUNISH and any(ch.isalpha() for ch in t.text):
            while t.dep_ in ("compound", "flat") and cue.i < t.head.i < stop:
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "NUM"):
            break
    return None


def _after(q: Quotation, doc: Doc, lex: Lexicon, text: str) -> tuple[Token, Token | None] | None:
    if q.close is None:
        return None
    mark = _token_at(doc, q.close)
    if mark is None or mark.i + 1 >= len(doc):
        return None
    inner = text[q.start:q.close].rstrip()
    i = mark.i + 1
    while i < len(doc) and (doc[i].is_space or doc[i].text in ("’", "'", "”")):
        i += 1
    reach = _AFTER_REACH
    if i < len(doc) and doc[i].text == ",":
        i += 1
    elif inner[-1:] in (".", "…") and not (i < len(doc) and doc[i].is_lower):
        return None  # "“... .” Next sentence": a full stop ends the quote and its sentence
    elif inner[-1:] not in _CLOSING_PUNCT:
        reach = _BEFORE_GAP  # "“...” Farinloye says": the cue must follow at once
    stop = min(len(doc), i + reach)
    for t in doc[i:stop]:
        if t.text in ".!?" or "\n" in t.text or t.text in _OPENERS:
            stop = t.i
            break
    for t in doc[i:stop]:
        if _is_cue(t, lex):
            return t, subject_of(t) or _inverted_subject(t, stop)
    return None


def _before(q: Quotation, doc: Doc, lex: Lexicon, text: str
            ) -> tuple[Token | None, Token | None] | None:
    if q.open is None:
        return None
    mark = _token_at(doc, q.open)
    if mark is None:
        return None
    sent_start = mark.sent.start
    if sent_start == mark.i and mark.i > 0 and doc[mark.i - 1].text == ":":
        sent_start = doc[mark.i - 1].sent.start  # the parse began a sentence at the mark
    line_start = text.rfind("\n", 0, q.open) + 1
    toks = [t for t in doc[sent_start:mark.i] if t.idx >= line_start]
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if not _is_cue(t, lex):
            continue
        gap = toks[k + 1:]
        words = [g for g in gap if not g.is_punct]
        if (gap and gap[-1].text in (":", ",")) or len(words) <= _BEFORE_GAP:
            return t, subject_of(t)
        return None
    if toks and toks[-1].text == ":":  # "Musk took to Twitter with this: “...”", "X is more blunt: “...”"
        colon = toks[-1]
        t = toks[-2] if len(toks) > 1 else colon
        for _ in range(8):  # the clause that ends at the colon, innermost first
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < colon.i), None)
            if subj is not None and subj.pos_ in _NOUNISH:
                owner = next((c for c in subj.children if c.dep_ == "poss"), None)
                if owner is not None and lex.noun_frame(subj.lemma_) is not None or \
                        owner is not None and lex.noun_class(subj.lemma_) == "document":
                    return None, owner  # "His message to the chancellor was: “...”": his words
                return None, subj
            if t.head.i == t.i:
                break
            t = t.head
    return None


def _starts_sentence(q: Quotation, text: str) -> bool:
    at = q.outer_start
    line_start = text.rfind("\n", 0, at) + 1
    lead = text[line_start:at].rstrip()
    return not lead or lead[-1] in ".!?:”\"’)"


def quotation_quotes(doc: Doc, lex: Lexicon, quotations: tuple[Quotation, ...],
                     held: list[tuple[int, int]],
                     claims: dict[Quotation, tuple[Token, Token | None]], *,
                     text: str) -> list[Candidate]:
    """Direct quotes from the quotations not held by a reported clause in ``held``."""
    out: list[Candidate] = []
    for q in quotations:
        if any(s <= q.start and q.end <= e for s, e in held):
            continue
        attrib = claims.get(q)
        rule = "quotation-clause"
        if attrib is None:
            attrib, rule = _after(q, doc, lex, text), "quotation-after"
        if attrib is None:
            attrib, rule = _before(q, doc, lex, text), "quotation-before"
        if (attrib is not None and rule != "quotation-clause" and not _starts_sentence(q, text)
                and _words(text[q.start:q.end]) < _MIN_FLOATING_WORDS):
            attrib = None  # a word or two in mid-sentence near a cue: a scare quote or a title
        if attrib is not None:
            cue, speaker = attrib
            rule = rule if cue is not None else "quotation-colon"
            out.append(Candidate(q.start, q.end, cue, speaker, rule, inherit=speaker is None))
        elif (_starts_sentence(q, text) and _words(text[q.start:q.end]) >= _MIN_FLOATING_WORDS
              and not text[q.start].islower()):
            out.append(Candidate(q.start, q.end, None, None, "quotation-floating", inherit=True))
    return out
