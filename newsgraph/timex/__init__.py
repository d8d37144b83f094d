"""Time expressions, normalised against the publication date.

:func:`extract_times` reads spaCy's DATE entities (and the TIME entities that name a
day: "last night", "Tuesday evening"), plus a few day words the model sometimes
leaves untagged ("yesterday", "Tuesday"), and resolves each one with the rules of
:mod:`.grammar` and :mod:`.resolve`:

- "yesterday", "today", "tonight" -> a day; "this week", "next week" -> an ISO week;
  "last month" -> a month; "this year", "last year" -> a year; "two weeks ago" -> a week;
- "in October" -> the most recent October not after publication (the next one in a
  future-tense clause: "will meet in October"); "on Tuesday" likewise;
- explicit dates ("January 5", "5 January 2022", "2021") as written; a month and day
  without a year take the nearest such date unless the clause's tense says otherwise;
- durations, frequencies and ages ("three years", "annual", "58-year-old") are skipped;
- with no publication date, only expressions that carry their own year resolve
  (``value`` is ``None`` otherwise: never guessed).

Each :class:`~newsgraph.models.TimeExpr` carries the versioned rule that read it
(``timex.rules.v2:month``).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from ..models import Article, TimeExpr
from .absolute import parse_absolute
from .grammar import Grammar, Parsed, load_grammar, parse_expression
from .resolve import MDY_COUNTRIES, MIXED_ORDER_COUNTRIES, resolve

__all__ = ["extract_times", "resolve_text", "parse_published", "VERSION"]

VERSION = "timex.rules.v2"

_NEEDS_TENSE = frozenset({"weekday", "date", "week_of"})


def parse_published(value: str | None) -> dt.date | None:
    """The publication date of ``YYYY-MM-DD`` (a longer ISO timestamp is cut to the day)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve_text(text: str, published: dt.date | None, *, direction: int = 0,
                 country: str | None = None) -> tuple[str | None, str | None, str] | None:
    """``(value, granularity, rule)`` of one expression, or ``None`` when it is not a
    point in time (a duration, frequency or age).  ``direction``: -1 past, 1 future."""
    p = parse_expression(text)
    if p is None:
        return None
    if p.needs_dateparser:
        value, gran = parse_absolute(text, published, date_order=_date_order(country))
        return value, gran, f"{VERSION}:dateparser"
    value, gran = resolve(p, published, direction=direction, country=country)
    return value, gran, f"{VERSION}:{p.rule}"


def extract_times(article: Article, doc: Doc) -> tuple[TimeExpr, ...]:
    """Every time expression of the article that is a point in time, in text order."""
    grammar = load_grammar()
    published = parse_published(article.published)
    country = article.country
    found: dict[int, TimeExpr] = {}
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        covered.update(range(ent.start, ent.end))
        expr = _read(ent, ent.start_char, ent.end_char, article.text, grammar, published,
                     country, time_label=ent.label_ == "TIME")
        if expr is not None:
            found[expr.start] = expr
    for tok in doc:
        if tok.i in covered:
            continue
        low = tok.lower_
        if low in grammar.day_words or (low in grammar.weekdays and tok.is_title and len(low) > 3):
            expr = _read(doc[tok.i:tok.i + 1], tok.idx, tok.idx + len(tok.text), article.text,
                         grammar, published, country, time_label=False)
            if expr is not None:
                found[expr.start] = expr
    return tuple(found[k] for k in sorted(found))


def _read(span: Span, start: int, end: int, text: str, grammar: Grammar,
          published: dt.date | None, country: str | None, *, time_label: bool) -> TimeExpr | None:
    surface = text[start:end]
    stripped = surface.strip()
    if not stripped:
        return None
    if stripped != surface:  # a span that took in a line break
        start += len(surface) - len(surface.lstrip())
        end = start + len(stripped)
        surface = stripped
    p = parse_expression(surface, grammar=grammar)
    if p is None:
        return None
    if time_label and p.kind not in ("deictic", "weekday", "date"):
        return None  # clock times ("10 am") and spans of hours name no day
    if p.needs_dateparser:
        value, gran = parse_absolute(surface, published, date_order=_date_order(country))
    else:
        direction = _direction(span, grammar) if p.kind in _NEEDS_TENSE and _open(p) else 0
        value, gran = resolve(p, published, direction=direction, country=country)
    return TimeExpr(surface, start, end, value, gran, rule=f"{VERSION}:{p.rule}")


def _open(p: Parsed) -> bool:
    """Whether the tense of the clause can change the value (no year, no this/last/next)."""
    return p.year is None and p.year_rel is None and p.rel is None and p.week_rel is None


def _date_order(country: str | None) -> str | None:
    if not country or country.upper() in MIXED_ORDER_COUNTRIES:
        return None
    return "MDY" if country.upper() in MDY_COUNTRIES else "DMY"


def _direction(span: Span, grammar: Grammar) -> int:
    """Tense of the clause governing ``span``: -1 past, 1 future, 0 unknown."""
    verb = _governing_verb(span.root)
    if verb is None:
        return 0
    if _has_future_aux(verb, grammar):
        return 1
    past_aux = _past_aux(verb)
    if verb.tag_ == "VBN" and verb.lemma_ in grammar.future_governors and not past_aux:
        return 1  # "is scheduled for Tuesday", "is expected in October"
    if verb.tag_ == "VBD" or past_aux:
        return -1
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        head = verb.head  # "plans to visit", "is due to meet", "will try to finish"
        gov = _governing_verb(head)
        for g in (head, gov):
            if g is not None and g is not verb and (
                    _has_future_aux(g, grammar)
                    or (g.lemma_ in grammar.future_governors and g.tag_ != "VBD"
                        and not _past_aux(g))):
                return 1
    return 0


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _has_future_aux(verb: Token, grammar: Grammar) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in grammar.future_aux
               for c in verb.children)


def _past_aux(verb: Token) -> bool:
    """'has/had + participle', or 'was/were' (past passive or progressive)."""
    return any(c.dep_ in ("aux", "auxpass") and (c.lemma_ == "have" or c.tag_ == "VBD")
               for c in verb.children)
