"""Per-article facts the actor passes share: entities per token, sentences, quotation state."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..models import Article
from .gazetteer import GazMatch, Gazetteer, gazetteer
from .index import Builder
from .lexicon import Lexicon, lexicon

__all__ = ["Context", "make_context"]

OPEN_QUOTES = {"“": "”", "‘": "’", "«": "»"}
CLOSE_QUOTES = {"”", "»"}
DETERMINERS = {"the", "a", "an"}
POSSESSIVE = {"'s", "’s", "'", "’"}


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
    in_quote: list[bool]  # inside “...” (or "...") quotation marks
    gaz_matches: list[GazMatch]
    gaz_at: dict[int, GazMatch]  # token index -> the gazetteer match covering it
    dateline_country: str | None = None
    gender: dict[str, str] = field(default_factory=dict)  # person actor id -> "m" | "f"
    abbrevs: dict[int, tuple[str, str]] = field(default_factory=dict)
    start_tok: dict[int, int] = field(default_factory=dict)  # char offset -> token starting there  # "Ont." token -> (region, alpha-3)

    def is_possessive(self, i: int) -> bool:
        """Is token i followed by a possessive marker ("Japan's", "allies'")?"""
        return i + 1 < len(self.toks) and self.toks[i + 1].text in POSSESSIVE and self.toks[i + 1].tag_ == "POS"

    def token_at(self, start: int) -> Token | None:
        """The token starting at character offset start, if any."""
        k = self.start_tok.get(start)
        return self.toks[k] if k is not None else None

    def reporting(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lex.reporting_verbs

    def country_of_match(self, m: GazMatch) -> str:
        return m.place.code


def _quote_flags(doc: list[Token]) -> list[bool]:
    flags = [False] * len(doc)
    inside = False
    straight = False
    for tok in doc:
        t = tok.text
        if "\n" in t or ("\n\n" in tok.whitespace_):
            flags[tok.i] = inside
            if "\n\n" in t or "\n\n" in tok.whitespace_:
                inside = straight = False  # a new paragraph: an unclosed quote may reopen, never leak
            continue
        if t in ("“", "«") or (t == '"' and not straight):
            inside = True
            straight = t == '"'
            continue
        if t in CLOSE_QUOTES or (t == '"' and straight):
            inside = straight = False
            continue
        flags[tok.i] = inside
    return flags


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
                  _quote_flags(toks), matches, gaz_at)
    ctx.dateline_country = _dateline_country(ctx)
    ctx.start_tok = {t.idx: t.i for t in toks}
    return ctx


def _dateline_country(ctx: Context) -> str | None:
    """The country of the article's dateline place ("TOKYO" -> JPN), if the gazetteer knows it."""
    place = ctx.article.dateline
    if place:
        hit = ctx.gaz.lookup(place.split(",")[0].strip().title()) or ctx.gaz.lookup(place.strip())
        return hit.code if hit else None
    # no dateline field: an all-caps place opening a paragraph, followed by ':' or a dash
    text = ctx.article.text
    for m in ctx.gaz_matches:
        if m.start > 2000:
            break
        if (m.start == 0 or text[m.start - 1] == "\n") and text[m.start:m.end].isupper():
            after = text[m.end:m.end + 3].lstrip(" ,")
            if after[:1] in (":", "—", "–", "-", "("):
                return m.place.code
    return None
