"""Quote stage: every quotation and reported statement, with its speaker.

``extract_quotes(article, doc, actors)`` finds

- direct quotes: quotations (straight or curly, double or single marks,
  several paragraphs, unbalanced marks recovered) with their attribution
  (:mod:`newsgraph.lexicon.marks`, :mod:`.direct`);
- indirect and mixed quotes: cue verbs with a clausal complement, nouns of saying with
  their owner ("her claim that ..."), "according to X", "Name: words" lines (:mod:`.clauses`);

none on a line that links to another story ("READ MORE: ...", "WATCH: ...");

and resolves each speaker to an actor of the actors stage (:mod:`.speaker`).
Cue verbs and speaker words are data files (:mod:`.lexicon`).  Each record
carries its content span, kind, cue, speaker mention, the actors mentioned
inside it (``about``), its sentence and the versioned rule that made it.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc

from ..actors import ActorIndex
from ..actors.nonpersons import line_flags
from ..lexicon.marks import QuotationIndex, find_quotations, quoted_share
from ..models import Article, Cue, Quote, Span
from .candidates import RULES, Candidate, can_speak
from .clauses import according_to, colon_headlines, noun_clauses, reported_clauses
from .direct import quotation_quotes
from .lexicon import load_lexicon
from .speaker import SpeakerResolver

__all__ = ["extract_quotes", "quote_kind", "VERSION"]

VERSION = RULES

#: A quote is direct when at least this share of its letters is inside quotation
#: marks, indirect when at most 1 - this share is, and mixed otherwise.
DIRECT_SHARE = 0.95


def quote_kind(share: float) -> str:
    """direct / indirect / mixed from the share of letters inside quotation marks."""
    if share >= DIRECT_SHARE:
        return "direct"
    if share <= 1 - DIRECT_SHARE:
        return "indirect"
    return "mixed"


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Keep the outermost of overlapping reported clauses (longest first)."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return kept


class _Mentions:
    """Actor mentions of one article by offset, for ``Quote.about``."""

    def __init__(self, actors: ActorIndex):
        spans = sorted((m.start, m.end, a.id) for a in actors.actors for m in a.mentions)
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def inside(self, start: int, end: int) -> tuple[str, ...]:
        out: list[str] = []
        k = bisect_left(self._starts, start)
        while k < len(self._spans) and self._spans[k][0] < end:
            s, e, aid = self._spans[k]
            if e <= end and aid not in out:
                out.append(aid)
            k += 1
        return tuple(out)


def _sentence(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return Span(span[0].sent.start_char, span[-1].sent.end_char)


def _paragraphs_between(text: str, end: int, start: int) -> int:
    """Non-empty lines wholly between offsets end and start."""
    if start <= end:
        return 0
    lines = text[end:start].split("\n")[1:-1]
    return sum(1 for line in lines if line.strip())


def _may_speak(c: Candidate, qindex: QuotationIndex) -> bool:
    """A candidate's speaker token can speak: it has letters, is no time expression or amount,
    and is not words of the quote itself or of any quotation."""
    tok = c.speaker
    if tok is None or not any(ch.isalpha() for ch in tok.text) or not can_speak(tok):
        return False
    return not (c.start <= tok.idx < c.end) and qindex.containing(tok.idx) is None


def extract_quotes(article: Article, doc: Doc, actors: ActorIndex) -> tuple[Quote, ...]:
    """Every quote of the article, in text order."""
    text = article.text
    lex = load_lexicon()
    quotations = find_quotations(text)
    qindex = QuotationIndex(quotations)
    clauses, claims = reported_clauses(doc, lex, qindex, text=text)
    nouns, noun_claims = noun_clauses(doc, lex, qindex, text=text)
    for q, attrib in noun_claims.items():
        claims.setdefault(q, attrib)
    clauses = _drop_nested(clauses + nouns + according_to(doc, lex, qindex, text=text)
                           + colon_headlines(doc, actors, text=text))
    direct = quotation_quotes(doc, lex, quotations, [(c.start, c.end) for c in clauses], claims,
                              text=text)
    lines = line_flags(text)  # a link to another story ("READ MORE: ..., minister says") quotes no one here
    cands = sorted((c for c in clauses + direct if lines.of(c.start) not in lines.promo),
                   key=lambda c: (c.start, c.end))
    resolver = SpeakerResolver(doc, actors, lex, quoted=[(c.start, c.end) for c in cands])
    mentions = _Mentions(actors)
    out: list[Quote] = []
    for c in cands:
        speaker = None
        cue = Cue(c.cue.text, c.cue.idx, c.cue.idx + len(c.cue.text)) if c.cue is not None else None
        if _may_speak(c, qindex) and not resolver.is_first_person(c.speaker):
            speaker = resolver.resolve(c.speaker)
        if speaker is None and (c.inherit or c.rule.startswith("quotation")):
            # no attribution of its own (a pronoun the actors stage left unresolved keeps no name)
            prev = out[-1] if out else None
            if (prev is not None and prev.speaker is not None and prev.speaker.name
                    and _paragraphs_between(text, prev.end, c.start) == 0):
                speaker = prev.speaker
                if cue is None and prev.cue is not None and _paragraphs_between(text, prev.cue.end, c.start) == 0 \
                        and "\n" not in text[prev.cue.end:c.start]:
                    cue = prev.cue  # "“A,” he said. “B.”": the second part of one interrupted quotation
            else:
                speaker = resolver.nearest_person(c.start) or speaker
        share = quoted_share(text, c.start, c.end, qindex.overlapping(c.start, c.end))
        marks = [x for x in (c.cue, c.speaker) if x is not None]
        lo = min([c.start] + [x.idx for x in marks])
        hi = max([c.end] + [x.idx + len(x.text) for x in marks])
        out.append(Quote(c.start, c.end, text[c.start:c.end], quote_kind(share), speaker, cue,
                         about=mentions.inside(c.start, c.end), sentence=_sentence(doc, lo, hi),
                         rule=f"{RULES}:{c.rule}"))
    return tuple(out)
