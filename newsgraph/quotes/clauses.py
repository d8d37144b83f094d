"""Reported speech found in the parse: indirect and mixed quotes.

- ``reported-clause``: a cue verb with a clausal complement, speaker before or
  after ("X said (that) ...", "..., X said", "X told reporters ...");
- ``reported-infinitive``: a promise-frame verb with "to ..." ("X pledged to ...");
- ``reported-belief``: an opinion or expectation with a clausal complement ("X believes
  (that) ...", "X expects ..."), the verb recorded as the cue;
- ``reported-naming``: what someone calls something ("called it a rookie mistake",
  "described the plan as reckless"): the name or description given;
- ``reported-object``: what an object-frame cue demands, cites or charges ("called for a
  moratorium", "called on the mayor to resign", "cited the figures as proof", "accused the
  board of lying");
- ``reported-finding``: what a study, poll or report found or showed ("the poll shows
  (that) ...", "researchers found that ...");
- ``reported-clause-before``: the clause before an attribution set off by commas
  ("The plan is sound, she said, ...", "..., argued X.");
- ``reported-clause-around``: the clause around an attribution set off by commas inside
  it ("Police, the mayor says, have no plans ...", "Too often, he says, drivers ...");
- ``reported-noun``: a noun of saying with its owner ("Trump's claim that ...", "his pledge
  to build a wall": ``reported-noun-infinitive``);
- ``according-to``: "According to X, ..." / "..., according to X";
- ``colon-headline``: a short line "Name: words" (headlines and captions).

A complement that lies (almost) wholly inside quotation marks is not a quote
here: it is handed back as the attribution of that quotation (``claims``), and
:mod:`newsgraph.quotes.direct` makes the direct quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon.marks import Quotation, QuotationIndex, quoted_share
from .candidates import Candidate, subject_of, trim_tokens
from .lexicon import WORDS, Lexicon

__all__ = ["reported_clauses", "noun_clauses", "according_to", "colon_headlines", "DIRECT_SHARE"]

#: A content with at least this share of its letters inside quotation marks is direct.
DIRECT_SHARE = 0.95
_MIN_TOKENS = 3
_MIN_OBJECT_TOKENS = 2  # "cited the figures", "urged police to investigate", not "cited it"
_CONTENT_DEPS = ("ccomp",)
_COLON_NAME_ENTS = {"PERSON", "ORG"}
_FINITE = ("VBD", "VBZ", "VBP")
_CONTENT_POS = ("NOUN", "PROPN", "PRON", "VERB", "ADJ", "NUM", "ADV")
_COLON_ACTOR_KINDS = {"person", "organization", "group", "document"}


def _content_head(verb: Token, frame: str) -> Token | None:
    if frame == "naming":  # "called it a rookie mistake", "described the plan as reckless"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or any(c.dep_ == "neg" for c in verb.children):
            return None  # "doesn't describe X known as Y" names nothing
        for c in verb.rights:
            if c.dep_ == "oprd":
                return c
        for t in (*verb.rights, *obj.subtree):
            if t.dep_ == "prep" and t.lower_ == "as" and t.i > obj.i:  # "as reckless", "as a mistake"
                return next((p for p in t.children if p.dep_ in ("pobj", "amod", "acomp")), None)
        return None
    for c in verb.children:
        if c.dep_ in _CONTENT_DEPS and not (c.i < verb.i and any(
                t.text in WORDS.clause_breaks for t in verb.doc[c.i:verb.i])):
            return c  # not "It is unlikely; her team says she will ...": the clause before the break
    for c in verb.rights:  # a clause the parse hung as an adverbial: "said after the vote he would ..."
        if (c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX") and frame in ("say", "belief")
                and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                and not any(x.dep_ in ("mark", "advmod") and x.i < c.i for x in c.children)):
            return c
    if frame == "promise":
        for c in verb.rights:
            if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
    if frame == "say":
        for o in verb.rights:  # "told a meeting of leaders that few people ...": the parse made
            if o.dep_ in ("dobj", "dative"):  # the complement a relative clause of the hearer
                for x in o.subtree:
                    if x.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in x.children) \
                            and any(m.dep_ in ("nsubj", "nsubjpass") for m in x.children):
                        return x
        for c in verb.rights:  # a gerund clause: "said having him back was a boost"
            if c.dep_ == "xcomp" and c.tag_ == "VBG" and any(x.dep_ in _CONTENT_DEPS for x in c.children):
                return c
        for c in verb.rights:  # "said in a statement that ...": the parse hung the clause on the noun
            if c.dep_ != "prep":
                continue
            for p in c.children:
                for x in p.children if p.dep_ == "pobj" else ():
                    if x.dep_ in ("acl", "relcl", "ccomp") and any(
                            m.dep_ == "mark" and m.lower_ == "that" for m in x.children):
                        return x
    return None


def _clause_tokens(verb: Token, head: Token, lex: Lexicon) -> list[Token]:
    """The content: the head's subtree, joined with the cue's other complements,
    clause-initial adverbials on the same side ("said while ..., X would ...") and
    adverbial clauses after it ("said she was glad because ..."), without a trailing
    ", citing/adding ..." participle clause, and without a second report joined to it
    ("said it was opposed to the test and warned ...": the parse makes "warned" a conjunct
    of the content, but it reports on its own)."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    second = next((c for c in head.rights if c.dep_ == "conj" and c.pos_ == "VERB"
                   and lex.frame(c.lemma_) in ("say", "promise")
                   and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                   and _content_head(c, lex.frame(c.lemma_)) is not None), None)
    if head.i > verb.i:
        for c in verb.rights:
            if c.dep_ in _CONTENT_DEPS or (c.dep_ == "advcl" and verb.i < c.i < head.i) or (
                    c.dep_ == "advcl" and c.i > head.i and c.tag_ != "VBG"):  # "..., because ..."
                left, right = min(left, c.left_edge.i), max(right, c.right_edge.i)
    if left < verb.i < head.i:  # "wounds that police said did not appear ...": after the cue
        left = verb.i + 1
    if second is not None:
        right = min((t.i for t in head.children if t.dep_ == "cc" and head.i < t.i < second.i),
                    default=second.i) - 1
    last = max((c for c in doc[left:right + 1] if c.head.i in (head.i, verb.i) and c.i > head.i),
               key=lambda c: c.i, default=None)
    if (last is not None and last.dep_ == "advcl" and last.tag_ == "VBG"
            and doc[last.left_edge.i - 1].text == ","):
        right = last.left_edge.i - 2
    return list(doc[left:right + 1])


def _set_off_content(verb: Token) -> list[Token]:
    """ "The plan is sound, she said (, and ...)": the parse hangs the cue, set off by a
    comma, under the reported clause before it; that clause up to the comma is the content."""
    doc = verb.doc
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or head.i >= verb.i:
        return []
    cut = verb.left_edge.i - 1
    if cut <= 0 or doc[cut].text != ",":
        return []
    left = max(head.left_edge.i, verb.sent.start)
    return trim_tokens(list(doc[left:cut]))




def _states(verb: Token, head: Token, speaker: Token | None, frame: str, lex: Lexicon) -> bool:
    """Is this a belief or a finding attributed to a source, not thinking in passing?

    A belief ("X believes/expects (that) ...") needs its own subject that names someone (not
    "I", "you", "no one", "people"), a declarative clause (not "what she thought was ...",
    "he does not know where ..."), and a main or coordinated verb (not a relative clause or
    a participle: "a few friends she thought she could count on", "Thinking that ...").  A
    finding ("the study found ...") needs "that" or a document as its subject, and is not
    "found out"."""
    if frame not in ("belief", "finding"):
        return True
    first = head.left_edge
    if first.lower_ in WORDS.wh_words or any(c.dep_ in ("nsubj", "dobj", "pobj", "attr") and c.lower_ in WORDS.wh_words
                                  for c in head.children):
        return False
    if any(t.lower_ in WORDS.wh_words and t.i < head.i for t in verb.children):
        return False  # "what he thought was a shotgun"
    if frame == "finding":
        if any(c.dep_ == "prt" for c in verb.children):
            return False
        has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
        return has_that or (speaker is not None and lex.noun_class(speaker.lemma_) == "document")
    if speaker is None or verb.dep_ in ("relcl", "acl") or verb.tag_ == "VBG":
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        return False  # "expects the company to grow": an object and an infinitive, no clause
    return not (lex.is_class(speaker.lower_, "first-person")
                or lex.is_class(speaker.lower_, "nobody-in-particular")
                or any(c.lower_ in WORDS.nobody_determiners for c in speaker.children
                       if c.dep_ in ("det", "amod")))


_SET_OFF = (",", "—", "–")
_OPENING = ("“", "‘", '"', "'", "``")
_CLOSING = ("”", "’", '"', "'", "''")


def inverted_subject(verb: Token, stop: int) -> Token | None:
    """ "..., insists 16-year-old Xander Wise, ...": the speaker named after the cue, the head of
    the noun phrase the parse hung on it before ``stop``."""
    return next((t for t in verb.doc[verb.i + 1:stop] if t.head.i == verb.i
                 and t.dep_ in ("dobj", "nsubj", "npadvmod", "attr") and t.pos_ in ("PROPN", "NOUN")),
                None)


def _extent(verb: Token) -> tuple[int, int] | None:
    """The punctuation around an attribution set off inside the sentence it reports: before
    its subject (or the cue, when the subject follows), and after the words that go with the
    cue ("..., he says, and are ...", "..., insists Xander Wise, in seeing ...", "..., Scheer
    said, that ..."); None when the cue is not set off so."""
    doc, sent = verb.doc, verb.sent
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or verb.head.i == verb.i \
            or verb.tag_ not in _FINITE:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    before = (subj.left_edge.i if subj is not None else verb.i) - 1
    after = next((k for k in range(verb.i + 1, sent.end) if doc[k].text in _SET_OFF), None)
    if (after is None or before <= sent.start or doc[before].text != ","
            or after >= sent.end - 1
            or not all(verb.is_ancestor(doc[k]) for k in range(before + 1, after) if k != verb.i)):
        return None
    if subj is None and inverted_subject(verb, after) is None:
        return None  # "..., expected to ..., ...": no one named reports it
    return before, after


def _around_content(verb: Token) -> list[list[Token]]:
    """ "Police, the mayor says, have no plans ..." / "Too often, he says, drivers ...": a cue
    set off by commas inside the sentence it reports; the content is the sentence on both
    sides of it: two quotes, as for a quotation its attribution interrupts."""
    doc = verb.doc
    extent = _extent(verb)
    if extent is None:
        return []
    before, after = extent
    sent = verb.sent
    left, right = trim_tokens(list(doc[sent.start:before])), trim_tokens(list(doc[after + 1:sent.end]))
    if doc[after + 1].text in _OPENING and doc[before - 1].text not in _CLOSING:
        return []  # "When asked, he said, “...”": the cue introduces a quotation
    if not (_says_something(left) and _says_something(right)):
        return []  # "Yet, she says, ...": words on both sides that say something
    return [left, right]


def _says_something(toks: list[Token]) -> bool:
    """Words that say something, not one connective ("Yet", "However", "And")."""
    if len(toks) == 1 and toks[0].pos_ in ("ADV", "CCONJ", "SCONJ", "INTJ"):
        return False
    return any(t.pos_ in _CONTENT_POS for t in toks)


def _left_of(verb: Token) -> list[Token]:
    """ "It is on the premier's watch, Scheer said, that ...": the words before an attribution
    set off inside the sentence whose content follows it."""
    extent = _extent(verb)
    if extent is None:
        return []
    if verb.doc[extent[1] + 1].text in _OPENING and verb.doc[extent[0] - 1].text not in _CLOSING:
        return []
    left = trim_tokens(list(verb.doc[verb.sent.start:extent[0]]))
    return left if _says_something(left) else []


_CONTINUED = ("xcomp", "oprd", "ccomp")


def _in_statement(tok: Token, lex: Lexicon) -> bool:
    """Is ``tok`` a say-frame cue, or the clause one reports ("said the plan must change")?"""
    for _ in range(3):
        if tok.pos_ == "VERB" and lex.frame(tok.lemma_) == "say":
            return True
        if tok.dep_ not in ("ccomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _object_content(verb: Token, lex: Lexicon) -> list[Token] | None:
    """What an object-frame cue demands, cites or charges: the object of its preposition
    ("called for a moratorium on new schools", "called on the mayor to resign") or its own
    object ("cited the figures as proof", "accused the board of lying"), with the complements
    that complete it (an infinitive, "as ...", "of ..."), not the cue's other adverbials
    ("... in a statement on Thursday")."""
    doc = verb.doc
    start = None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "was called a charlatan by doctors for ...": no demand
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and _in_statement(verb.head, lex):
        return None  # "X said ..., citing Y": the grounds of what X said, not a statement of its own
    for c in verb.rights:
        if any(o.dep_ == "dobj" and o.i < c.i for o in verb.children):
            break  # "called her vote for the war a mistake": no "call for"
        if c.dep_ in ("prep", "prt") and lex.frame(verb.lemma_, c.lower_) == "object":
            if any(p.dep_ in ("pobj", "pcomp") for p in c.children):
                start, last = c.i + 1, c.right_edge.i
            break
    if start is None and lex.frame(verb.lemma_) == "object":
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if obj is not None:
            start, last = obj.left_edge.i, obj.right_edge.i
    if start is None:
        return None
    for c in verb.rights:
        if c.i > start and (c.dep_ in _CONTINUED or (c.dep_ == "prep" and c.lower_ in WORDS.naming_preps)):
            last = max(last, c.right_edge.i)
    return trim_tokens(list(doc[start:last + 1]))


def _span_of(toks: list[Token]) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _fit_marks(text: str, start: int, end: int, qindex: QuotationIndex) -> tuple[int, int] | None:
    """Extend a content to the end of quotations it opens; None when it starts inside one."""
    for q in qindex.overlapping(start, end):
        if q.start < start:
            return None
        if q.end > end or (q.close is not None and q.close >= end):
            end = max(end, q.outer_end)
    return start, end


def _candidate(toks: list[Token], verb: Token, speaker: Token | None, frame: str, rule: str,
               qindex: QuotationIndex, claims: dict, text: str) -> Candidate | None:
    """The quote of one content, or None (too short, holding its cue, or a quotation that
    becomes a direct quote: then its attribution goes to ``claims``)."""
    if len(toks) < (1 if rule in ("reported-clause-around", "reported-naming") else
                    _MIN_OBJECT_TOKENS if rule in ("reported-object", "reported-infinitive",
                                                   "reported-noun-infinitive")
                    else _MIN_TOKENS):
        return None
    start, end = _span_of(toks)
    if start <= verb.idx < end:
        return None
    quoted = qindex.overlapping(start, end)
    if quoted:
        share = quoted_share(text, start, end, quoted)
        if share >= DIRECT_SHARE or quoted[0].start < start or rule == "reported-naming":
            # a quotation holds the content, or the name given ("called him a “genius”")
            for q in quoted:
                claims.setdefault(q, (verb, speaker))
            return None
        fitted = _fit_marks(text, start, end, qindex)
        if fitted is None:
            return None
        start, end = fitted
    if frame == "direct" or speaker is None:
        return None
    return Candidate(start, end, verb, speaker, rule)


def reported_clauses(doc: Doc, lex: Lexicon, qindex: QuotationIndex, *, text: str
                     ) -> tuple[list[Candidate], dict[Quotation, tuple[Token, Token | None]]]:
    """Indirect and mixed quotes of the parse, and the attributions of quotations.

    ``text`` is the article's text (the Doc's text, which spaCy would rebuild per call)."""
    found: list[Candidate] = []
    claims: dict[Quotation, tuple[Token, Token | None]] = {}
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        if qindex.containing(verb.idx) is not None:
            continue
        content = _object_content(verb, lex)
        if content is not None:
            cand = _candidate(content, verb, subject_of(verb), "object", "reported-object", qindex,
                              claims, text)
            if cand is not None:
                found.append(cand)
            continue
        frame = lex.frame(verb.lemma_)
        if frame is None:
            continue
        speaker = subject_of(verb)
        head = _content_head(verb, frame)
        if head is not None and not _states(verb, head, speaker, frame, lex):
            continue
        if head is not None and frame == "naming":
            parts, rule = [trim_tokens(list(head.subtree))], "reported-naming"
        elif head is not None:
            parts = [trim_tokens(_clause_tokens(verb, head, lex))]
            rule = ("reported-belief" if frame == "belief" else
                    "reported-finding" if frame == "finding" else
                    "reported-infinitive" if head.dep_ == "xcomp" and head.tag_ != "VBG"
                    else "reported-clause")
            left = _left_of(verb) if rule == "reported-clause" and head.i > verb.i else []
            if left and speaker is not None:
                cand = _candidate(left, verb, speaker, frame, "reported-clause-around", qindex, claims, text)
                if cand is not None:
                    found.append(cand)
        else:
            parts, rule = _around_content(verb), "reported-clause-around"
            if not parts:
                parts, rule = [_set_off_content(verb)], "reported-clause-before"
            if not parts[0]:
                continue
            nxt = verb.nbor(1) if verb.i + 1 < len(doc) else None
            if (speaker is None and nxt is not None and nxt.pos_ == "PROPN"
                    and nxt.dep_ in ("dobj", "npadvmod", "nsubj") and not lex.tells(verb.lemma_)):
                speaker = nxt  # "..., argued Palvetzian." (never the hearer: "..., told BBC Radio")
            extent = _extent(verb) if rule == "reported-clause-around" else None
            if speaker is None and extent is not None and not lex.tells(verb.lemma_):
                speaker = inverted_subject(verb, extent[1])  # "..., insists 16-year-old X, ..."
            allowed = ("PROPN", "PRON", "NOUN") if rule == "reported-clause-around" else ("PROPN", "PRON")
            if speaker is None or speaker.pos_ not in allowed or (
                    rule == "reported-clause-before" and speaker.i < parts[0][-1].i):
                continue
        for toks in parts:
            cand = _candidate(toks, verb, speaker, frame, rule, qindex, claims, text)
            if cand is not None:
                found.append(cand)
    return found, claims


def _reports(toks: list[Token], lex: Lexicon) -> bool:
    """Do the tokens hold an attribution of their own ("he told delegates that ...")?"""
    return any(t.pos_ == "VERB" and lex.frame(t.lemma_) in ("say", "promise")
               and _content_head(t, "say") is not None and subject_of(t) is not None for t in toks)


def noun_clauses(doc: Doc, lex: Lexicon, qindex: QuotationIndex, *, text: str
                 ) -> tuple[list[Candidate], dict[Quotation, tuple[Token, Token | None]]]:
    """ "Trump's claim that ...", "his pledge to build a wall": a noun of saying with its
    possessor and the clause that says what was said ("that ...", or "to ..." for a promise);
    the possessor speaks.  A noun with no possessor ("the claim that ...") names no one."""
    found: list[Candidate] = []
    claims: dict[Quotation, tuple[Token, Token | None]] = {}
    for noun in doc:
        if noun.pos_ != "NOUN" or qindex.containing(noun.idx) is not None:
            continue
        frame = lex.noun_frame(noun.lemma_)
        if frame is None:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        for c in noun.rights:
            if c.dep_ not in ("acl", "ccomp") or c.pos_ not in ("VERB", "AUX"):
                continue
            that = any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            to = frame == "promise" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            if not (that or to):
                continue
            rule = "reported-noun-infinitive" if to else "reported-noun"
            cand = _candidate(trim_tokens(list(c.subtree)), noun, owner, frame, rule, qindex, claims, text)
            if cand is not None:
                found.append(cand)
            break
    return found, claims


def according_to(doc: Doc, lex: Lexicon, qindex: QuotationIndex, *, text: str) -> list[Candidate]:
    """ "According to X, ..." and "..., according to X": the rest of the sentence, unless
    someone in it is the subject of a cue ("According to an advance text, he told delegates
    that ...": he speaks, and the reported clause is his quote)."""
    out = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None or qindex.containing(tok.idx) is not None:
            continue
        sent = tok.sent
        left = trim_tokens(list(doc[sent.start:tok.i]))
        right = trim_tokens(list(doc[to.right_edge.i + 1:sent.end]))
        part = left if len(left) >= len(right) else right
        if len(part) < _MIN_TOKENS or _reports(part, lex):
            continue
        start, end = _span_of(part)
        fitted = _fit_marks(text, start, end, qindex)
        if fitted is None:
            continue
        out.append(Candidate(fitted[0], fitted[1], None, source, "according-to"))
    return out


def colon_headlines(doc: Doc, actors, *, text: str) -> list[Candidate]:
    """Short lines of the form "Name: words" (headline and caption attribution)."""
    out = []
    surnames = {a.name.split()[-1] for a in actors.actors if a.kind == "person" and a.name.split()}
    surnames |= {e[-1].text for e in doc.ents if e.label_ == "PERSON"}
    pos = 0
    for line in text.split("\n"):
        lstart, pos = pos, pos + len(line) + 1
        colon = line.find(": ")
        if colon <= 0 or colon > 40 or len(line.split()) > 20:
            continue
        lead = len(line) - len(line.lstrip())
        name = doc.char_span(lstart + lead, lstart + colon, alignment_mode="strict")
        if name is None or not all(t.pos_ == "PROPN" or t.ent_type_ in _COLON_NAME_ENTS
                                   for t in name):
            continue
        actor = actors.at(name.start_char, name.end_char)
        if not (any(t.ent_type_ in _COLON_NAME_ENTS for t in name) or name[-1].text in surnames
                or (actor is not None and actor.kind in _COLON_ACTOR_KINDS)):
            continue
        rest = doc.char_span(lstart + colon + 2, lstart + len(line.rstrip()), alignment_mode="expand")
        toks = trim_tokens(list(rest)) if rest is not None else []
        if len(toks) < _MIN_TOKENS:
            continue
        start, end = _span_of(toks)
        out.append(Candidate(start, end, None, name.root, "colon-headline"))
    return out
