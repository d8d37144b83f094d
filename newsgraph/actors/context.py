"""Per-article facts the actor passes share: entities per token, sentences, quotation state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Doc, Span, Token

from ..lexicon.marks import QuotationIndex, find_quotations
from ..models import Article, HomeCountry
from .gazetteer import GazMatch, Gazetteer, gazetteer
from .home import home_country
from .index import Builder
from .lexicon import WORDS, Lexicon, lexicon

if TYPE_CHECKING:
    from .known import KnownPerson

__all__ = ["Context", "make_context", "find_forms", "keeps_capitals"]



@dataclass
class Context:
    article: Article
    doc: Doc
    toks: list[Token]  # the doc's tokens, made once (spaCy builds a new Token per access)
    ents: tuple[Span, ...]
    lex: Lexicon
    gaz: Gazetteer
    builder: Builder
    ent_of: list[Span | None]  # the entity each token is in
    sent_of: list[int]  # sentence number of each token
    sents: list[Span]
    in_quote: list[bool]  # inside a quotation (:func:`_quote_flags`)
    gaz_matches: list[GazMatch]
    gaz_at: dict[int, GazMatch]  # token index -> the gazetteer match covering it
    home: HomeCountry | None = None  # the state the article reports from (:mod:`.home`)
    #: the state whose organs and national bodies the article's unnamed ones are, and how it
    #: was found: the home country ("home"), or the one other state a foreign story is about
    #: ("article"): :func:`domestic_state`
    domestic: tuple[str, str] | None = None
    party_at: dict = field(default_factory=dict)  # token index -> PartyHit (:mod:`.parties`)
    gender: dict[str, str] = field(default_factory=dict)  # person actor id -> "m" | "f"
    #: person actor id -> the known office-holder they are (:mod:`.known`), and the offices
    #: (role titles, lower case) that person held in the article's year
    known: dict[str, KnownPerson] = field(default_factory=dict)
    held: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abbrevs: dict[int, tuple[str, str]] = field(default_factory=dict)
    start_tok: dict[int, int] = field(default_factory=dict)  # char offset -> token starting there  # "Ont." token -> (region, alpha-3)

    def is_possessive(self, i: int) -> bool:
        """Is token i followed by a possessive marker ("Japan's", "allies'")?"""
        return i + 1 < len(self.toks) and self.toks[i + 1].text in WORDS.possessive_marks and self.toks[i + 1].tag_ == "POS"

    def token_at(self, start: int) -> Token | None:
        """The token starting at character offset start, if any."""
        k = self.start_tok.get(start)
        return self.toks[k] if k is not None else None

    def token_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Tokens [i, j) of a mention at characters [start, end), or None when no token
        starts at ``start``."""
        i = self.start_tok.get(start)
        if i is None:
            return None
        j = i + 1
        while j < len(self.toks) and self.toks[j].idx < end:
            j += 1
        return i, j

    def reporting(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lex.reporting_verbs

    def country_of_match(self, m: GazMatch) -> str:
        return m.place.code


def _quote_flags(text: str, toks: list[Token]) -> list[bool]:
    """Is each token inside a quotation (:func:`newsgraph.lexicon.marks.find_quotations`:
    double or single marks, straight or curly, over paragraphs, unbalanced marks recovered)?"""
    index = QuotationIndex(find_quotations(text))
    return [index.containing(t.idx) is not None for t in toks]


def make_context(article: Article, doc: Doc) -> Context:
    lex, gaz = lexicon(), gazetteer()
    toks = list(doc)
    ents = tuple(doc.ents)
    ent_of: list[Span | None] = [None] * len(doc)
    for ent in ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for n, s in enumerate(sents):
        for k in range(s.start, s.end):
            sent_of[k] = n
    matches = gaz.find(doc, toks)
    gaz_at = {k: m for m in matches for k in range(m.i, m.j)}
    ctx = Context(article, doc, toks, ents, lex, gaz, Builder(article.text), ent_of, sent_of, sents,
                  _quote_flags(doc.text, toks), matches, gaz_at)
    ctx.home = home_country(article, gaz, matches)
    ctx.start_tok = {t.idx: t.i for t in toks}
    return ctx


#: How often a foreign story must name its state before "the government" is that state's.
FOREIGN_STORY_MENTIONS = 3


def domestic_state(ctx: Context) -> tuple[str, str] | None:
    """(state, how) that the article's unnamed organs and national bodies ("police", "the
    government", "unions") belong to: the home country, unless no party of the home country
    takes part and the article names one other state at least three times and more often than
    any other state, the home country included (a foreign story: "the government" of a BBC
    story about Italy is Italy's).  People never take a state this way: their offices give
    the home country's only (:mod:`.grounding`).  Call after the parties are found."""
    counts: dict[str, int] = {}
    for m in ctx.gaz_matches:
        c = ctx.gaz.countries[m.place.code]
        code = c.parent or c.alpha3
        counts[code] = counts.get(code, 0) + 1
    home = ctx.home.code if ctx.home else None
    if home and any(hit.country == home for hit in ctx.party_at.values()):
        return home, "home"  # the home country's parties take part: a domestic story
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][0] != home and ranked[0][1] >= FOREIGN_STORY_MENTIONS \
            and ranked[0][1] > counts.get(home, 0) and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return ranked[0][0], "article"
    return (home, "home") if home else None


def keeps_capitals(piece: str, form: str, *, acronym: bool = False) -> bool:
    """Does text ``piece`` (as long as ``form``) match a table form, keeping its capitals?  An
    acronym matches exactly; a capitalised word must be capitalised ("Labour", never "labour"),
    a lower-case one may be either ("government", "Government"); "party" may be either."""
    if acronym:
        return piece == form
    if piece.lower() != form.lower():
        return False
    for m in re.finditer(r"\S+", form):
        word = m.group(0)
        if word[:1].isupper() and word.lower() != "party" and not piece[m.start()].isupper():
            return False
    return True


def find_forms(ctx: Context, table: dict[str, list], ok: Callable[[str, object], bool]
               ) -> list[tuple[int, int, object]]:
    """Longest table forms over the doc, aligned to tokens, left to right: (i, j, form).
    ``table``: first two letters (lower case) -> forms (objects with ``text``), longest first;
    ``ok(piece, form)`` says whether the text there matches (case)."""
    doc, text = ctx.toks, ctx.article.text.replace("’", "'")
    out = []
    n, i = len(doc), 0
    while i < n:
        t = doc[i]
        hit = None
        for form in table.get(t.text[:2].lower(), ()) if t.text[:1].isalpha() else ():
            end = t.idx + len(form.text)
            if not ok(text[t.idx:end], form):
                continue
            j = i
            while j < n and doc[j].idx < end:
                j += 1
            if doc[j - 1].idx + len(doc[j - 1].text) != end:
                continue  # ends inside a token
            hit = (i, j, form)
            break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out
