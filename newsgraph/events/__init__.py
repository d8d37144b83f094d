"""Event stage: political events coded in PLOVER, each tied to the sentence it came from.

:func:`extract_events` reads each sentence of a parsed article:

1. trigger words and patterns from the lexicon (``data/triggers.tsv``, :mod:`.triggers`);
2. frames, arguments from the dependency parse, modality and type (:mod:`.compose`);
3. guards: an event needs a political actor (a state, a group of states, a person acting
   for a state, a political organisation) on one side, so sport, business and culture
   news ("attack", "strike", "beat", "shoot") yields nothing;
4. date (the sentence's time expression, else the publication date), location, PLOVER
   context, the CAMEO code, the versioned rule and a confidence.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..actors import ActorIndex
from ..models import Article, Event, Quote, Span, TimeExpr, Trigger
from ..timex import parse_published
from .arguments import is_political
from .compose import RULES, Draft, sentence_drafts
from .statements import load_stance, quoted_judgements
from .lexicon import Lexicon, load_lexicon

__all__ = ["extract_events", "code_events", "EventsFound", "VERSION"]

VERSION = RULES


@dataclass(frozen=True, slots=True)
class EventsFound:
    """The events of an article, and those held back only because a person taking part is
    not known to act for any state (``newsgraph link`` releases them when it links that
    person to an actor that does)."""

    events: tuple[Event, ...]
    held: tuple[Event, ...] = ()


def extract_events(article: Article, doc: Doc, actors: ActorIndex, *,
                   times: tuple[TimeExpr, ...] = (), quotes: tuple[Quote, ...] = ()) -> tuple[Event, ...]:
    """PLOVER events of one parsed article, in text order."""
    return code_events(article, doc, actors, times=times, quotes=quotes).events


def code_events(article: Article, doc: Doc, actors: ActorIndex, *,
                times: tuple[TimeExpr, ...] = (), quotes: tuple[Quote, ...] = ()) -> EventsFound:
    """Events and held events of one parsed article, each in text order."""
    lex = load_lexicon()
    out: list[Event] = []
    held: list[Event] = []
    judged: dict[int, list[Draft]] = {}  # sentence start -> quoted judgements in it
    for d in quoted_judgements(doc, quotes, lex, actors, load_stance(), RULES):
        judged.setdefault(d.anchor.sent.start, []).append(d)
    head = article.headline_span
    for sent in doc.sents:
        headline = head is not None and sent.start_char < head.end
        drafts = sentence_drafts(sent, lex, actors, quotes, headline=headline) + \
            judged.get(sent.start, [])
        if not drafts:
            continue
        for kept, into in ((_merge_subsets([d for d in drafts if _political(d, lex)]), out),
                           (_merge_subsets([d for d in drafts if _held(d, lex)]), held)):
            seen: set[tuple] = set()
            for d in kept:
                key = (d.type, tuple(sorted(a.id for a in d.source)),
                       tuple(sorted(a.id for a in d.target)), d.modality)
                if key not in seen:
                    seen.add(key)
                    into.append(_event(d, sent.start_char, sent.end_char, article, times, lex))
    order = lambda e: (e.trigger.start, e.type)  # noqa: E731
    return EventsFound(tuple(sorted(out, key=order)), tuple(sorted(held, key=order)))


def _merge_subsets(drafts: list[Draft]) -> list[Draft]:
    """One act reported twice in a sentence ("telephoned ... to discuss"): of two events of
    the same type, the one whose participants are a subset of the other's is dropped."""
    if len(drafts) < 2:
        return drafts
    parts = [frozenset(a.id for a in (*d.source, *d.target)) for d in drafts]
    keep = []
    for i, d in enumerate(drafts):
        dominated = any(
            j != i and drafts[j].type == d.type and parts[i] <= parts[j]
            and (parts[i] < parts[j] or j < i)
            and (_governs(drafts[j].anchor, d.anchor) or _governs(d.anchor, drafts[j].anchor))
            for j in range(len(drafts)))
        if not dominated:
            keep.append(d)
    return keep


def _governs(a, b) -> bool:
    """``a`` is ``b`` or governs it through dependents other than coordination."""
    cur = b
    for _ in range(12):
        if cur == a:
            return True
        if cur.dep_ == "conj" or cur.head == cur:
            return False
        cur = cur.head
    return False


def _political(d: Draft, lex: Lexicon) -> bool:
    """Some participant is political, and the act has someone doing it or done to."""
    parts = (*d.source, *d.target)
    return bool(parts) and any(is_political(a, lex) for a in parts)


def _held(d: Draft, lex: Lexicon) -> bool:
    """Not political as the article tells it, but it would be if a person taking part were
    known to act for a state."""
    return not _political(d, lex) and any(
        a.kind == "person" and a.country is None and not (a.sector and a.sector.upper() in
                                                          lex.nonpolitical_sectors)
        for a in (*d.source, *d.target))


def _event(d: Draft, s_start: int, s_end: int, article: Article, times: tuple[TimeExpr, ...],
           lex: Lexicon) -> Event:
    text = article.text
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    date, gran = _date(d.start, s_start, s_end, _dating(times, d.anchor.doc, article.published),
                       article.published)
    context = _context(d, lex)
    return Event(
        type=d.type, source=tuple(a.id for a in d.source), target=tuple(a.id for a in d.target),
        modality=d.modality, trigger=Trigger(text[d.start:d.end], d.start, d.end),
        sentence=Span(s_start, s_end), rule=d.rule, confidence=round(d.confidence, 3),
        mode=d.mode, context=context, reported_by=d.reported_by, date=date,
        date_granularity=gran, location=d.location.id if d.location is not None else None,
        cameo=d.cameo,
        grounding=tuple((a.id, a.country_from) for a in {x.id: x for x in (*d.source, *d.target)}.values()
                        if a.country and a.country_from),
    )


#: How far from publication an event may be dated by an expression without a year.
_MAX_DAYS_WITHOUT_YEAR = 366


def _dating(times: tuple[TimeExpr, ...], doc: Doc, published: str | None) -> tuple[TimeExpr, ...]:
    """The time expressions that can date an act: not a date naming another occasion ("the
    11 September attacks", "the 1984 strike": the date modifies a noun), and not one more
    than a year from publication unless it gives its year."""
    pub = parse_published(published)
    out = []
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            root = span.root
            if root.dep_ in ("compound", "nmod", "amod", "poss", "nummod") and root.head.pos_ in ("NOUN", "PROPN") \
                    and not (span.start <= root.head.i < span.end):
                continue  # the date names an occasion ("the 1984 strike")
        if pub is not None and t.value and not _YEAR.search(t.text):
            when = _first_day(t.value)
            if when is not None and abs((when - pub).days) > _MAX_DAYS_WITHOUT_YEAR:
                continue
        out.append(t)
    return tuple(out)


def _first_day(value: str) -> _dt.date | None:
    """The first day a value (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY) covers."""
    try:
        if "W" in value:
            year, week = value.split("-W")
            return _dt.date.fromisocalendar(int(year), int(week), 1)
        parts = [int(p) for p in value.split("-")]
        return _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


_YEAR = re.compile(r"\b(1[89]|20)\d\d\b|'\d\d\b")


def _date(pos: int, s_start: int, s_end: int, times: tuple[TimeExpr, ...],
          published: str | None) -> tuple[str | None, str | None]:
    """The sentence's time expression nearest the trigger, else the publication date."""
    best = None
    for t in times:
        if t.value and s_start <= t.start < s_end:
            dist = abs(t.start - pos)
            if best is None or dist < best[0]:
                best = (dist, t)
    if best is not None:
        return best[1].value, best[1].granularity
    if published:
        return published, "day" if len(published) == 10 else None
    return None, None


def _context(d: Draft, lex: Lexicon) -> tuple[str, ...]:
    found: list[str] = []
    for tok in d.anchor.sent:
        c = lex.contexts.get(tok.lemma_.lower())
        if c and c not in found:
            found.append(c)
    return tuple(found)
