"""Name-like spans that are no person of the story (rules ``not-person.v2``).

The people pass (:mod:`.people`) asks :func:`not_person` about every candidate name; a rule name
back means the span is dropped.  Cues come from ``data/nonpersons.json``.

Rules, by line (a line is one paragraph of the article text):
- ``promo``: a line that links to another story ("READ MORE: ...", "WATCH: ...");
- ``caption``: a line that carries a photo credit ("(Jane Roe/Agency)", "Jane Roe / Agency ...")
  is a caption: the credit is no person, and the people shown are left to the body;
- ``byline``: "Jane Roe, The Daily Press" alone on a line;
- ``credit``: names after a sign-off cue opening a line ("With files from ...") or a photo cue
  ("... in this photo taken by Jane Roe"), a name that
  closes a caption after a full stop ("... in 2015. Jane Roe"), an author's note ("Jane Roe is a
  Toronto reporter ...") and a video intro ("Jane Roe has the details.");
- ``list-title``: in a list line "Jane Roe, Some Film" or "Jane Roe (Some Show)", the part after
  the person is a title.

By span:
- ``hashtag``: "#SomeTag", "@handle";
- ``determiner``: a lone capitalised word after "the" or "a" ("the Sharks", "the Widget price");
- ``acronym``: a name ending in a word of capitals ("FLOTUS", "Northside LRT");
- ``name-end``: a name ending in a word such as "Hotel" or "Award";
- ``modifier``: a name before a place noun ("the Hill Park riding", "the Redrock pipeline");
- ``org-appositive``: "Hollow Hall, a non-profit agency";
- ``place-list``: a conjunct of places after "in", "at", ... ("in Leeds, York and Hill Top").

``list-title``, ``modifier``, ``org-appositive`` and ``place-list`` hold for the whole article: the same words
elsewhere are no person either (:data:`ARTICLE_WIDE`).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..lexicon import read_json
from ..lexicon.words import name_suffixes
from .lexicon import WORDS

__all__ = ["ARTICLE_WIDE", "Lines", "RULES", "cues", "line_flags", "not_person"]

#: Version of these rules (the names :func:`not_person` returns are ``RULES:<rule>``).
RULES = "not-person.v2"
ARTICLE_WIDE = frozenset({"list-title", "modifier", "org-appositive", "place-list"})
_CAP_WORD = r"[A-Z][\w.'’-]*"
_PHOTO_CREDIT = re.compile(rf"(?:^|\(\s*){_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}}\s*/\s*[A-Z]")
_LABEL = re.compile(r"^[\W_]*([A-Za-z][A-Za-z ]{0,20}?)\s*:")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+$")


@dataclass(frozen=True)
class Cues:
    promo_labels: frozenset[str]
    credit_cues: tuple[str, ...]
    photo_cues: tuple[str, ...]
    media_words: frozenset[str]
    journalist_nouns: frozenset[str]
    reporter_intros: tuple[str, ...]
    place_nouns: frozenset[str]
    org_appositives: frozenset[str]
    name_ends: frozenset[str]
    locative_preps: frozenset[str]
    title_small_words: frozenset[str]
    appositive: re.Pattern  # ", a lawyer for ...": the noun phrase of the appositive, group 1


@functools.cache
def cues() -> Cues:
    data = read_json(__package__, "nonpersons.json", version=RULES)
    return Cues(
        promo_labels=data.words("promo_labels"), credit_cues=data.seq("credit_cues"),
        photo_cues=data.seq("photo_cues"),
        media_words=data.words("media_words"), journalist_nouns=data.words("journalist_nouns"),
        reporter_intros=data.seq("reporter_intros"), place_nouns=data.words("place_nouns"),
        org_appositives=data.words("org_appositives"), name_ends=data.words("name_ends"),
        locative_preps=data.words("locative_preps"), title_small_words=data.words("title_small_words"),
        appositive=re.compile(r",\s+an?\s+([^.,;:()]*?)(?:\s+(?:"
                              + "|".join(map(re.escape, data.seq("appositive_ends")))
                              + r")\b|[.,;:()]|$)"))


@dataclass(frozen=True)
class Lines:
    """The article's lines: where each starts and ends, and which are link lines or captions."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    promo: frozenset[int]
    caption: frozenset[int]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def line_flags(text: str) -> Lines:
    c = cues()
    starts, ends, promo, caption = [], [], set(), set()
    pos = 0
    for n, line in enumerate(text.split("\n")):
        starts.append(pos)
        ends.append(pos + len(line))
        pos += len(line) + 1
        m = _LABEL.match(line)
        if m and m.group(1).strip().lower() in c.promo_labels:
            promo.add(n)
        if "/" in line and _PHOTO_CREDIT.search(line):
            caption.add(n)
    return Lines(tuple(starts), tuple(ends), frozenset(promo), frozenset(caption))


def not_person(ctx, lines: Lines, ti: int, i: int, j: int) -> str | None:
    """The rule that makes tokens [i, j) (with a courtesy title from ti) no person, or None."""
    doc, text, c = ctx.toks, ctx.article.text, cues()
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    n = lines.of(start)
    if n in lines.promo:
        return "promo"
    if n in lines.caption:
        return "caption"
    ls, le = lines.starts[n], lines.ends[n]
    before, after = text[ls:start], text[end:le]
    words = [doc[k].text for k in range(i, j)]
    if before.endswith(("#", "@")):
        return "hashtag"
    if not before.strip():
        rest = after.strip()
        if rest.startswith(",") and not rest.endswith(".") and len(rest.split()) <= 6 \
                and any(w.lower().strip(",.") in c.media_words for w in rest.split()):
            return "byline"
    if not before.strip() or _SENTENCE_END.search(before):
        m = re.match(r"\s+is an?\s+(.*)", after)
        if m and any(w.strip(",.").lower() in c.journalist_nouns for w in m.group(1).split()[:5]):
            return "credit"  # an author's note: "Jane Roe is a Toronto-based reporter ..."
    low = before.lower()
    opening = re.sub(r"^[\W_]*", "", low.rsplit("(", 1)[-1])  # "– With files from ", "(Photo: "
    if any(opening.startswith(cue) for cue in c.credit_cues) or any(cue in low for cue in c.photo_cues):
        return "credit"
    if len(words) >= 2 and not after.strip() and before.strip() and _SENTENCE_END.search(before):
        return "credit"  # a photographer's name closing a caption
    if any(after.lower().startswith(" " + p) for p in c.reporter_intros):
        return "credit"
    if _list_title(ctx, before, after):
        return "list-title"
    if len(words) == 1 and ti == i and i > 0 and doc[i - 1].lower_ in WORDS.articles:
        return "determiner"
    last = words[-1]
    if sum(ch.isupper() for ch in last) >= 3 and last.isupper() and last.lower() not in name_suffixes() \
            and (len(words) == 1 or not all(w.isupper() for w in words)):
        return "acronym"
    if last.lower() in c.name_ends:
        return "name-end"
    if j < len(doc) and doc[j].lower_ in c.place_nouns and doc[j].text.islower():
        return "modifier"
    if _in_place_list(ctx, i, j):
        return "place-list"
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in WORDS.indefinite_articles:
        m = c.appositive.match(after)
        head = re.findall(r"[\w-]+", m.group(1).lower())[-1:] if m else []
        det = doc[j + 1]
        if head and head[0] in c.org_appositives or \
                det.dep_ == "det" and det.head.i > det.i and det.head.lower_ in c.org_appositives:
            return "org-appositive"  # the appositive's head noun: "a non-profit agency"
    return None


def _list_title(ctx, before: str, after: str) -> bool:
    """Is the span (part of) the title in a list line "Jane Roe, Some Film" / "Jane Roe (Some Show)"?"""
    body = _LABEL.sub("", before)  # "WINNER: Jane Roe, "
    if body.count(",") + body.count("(") != 1 or "," in after:
        return False
    if "(" in body:
        head, _, mid = body.partition("(")
        if not after.rstrip().endswith(")"):
            return False
    else:
        head, _, mid = body.partition(",")
    title = (mid + " " + after.rstrip(" )")).split()
    if any(not w[:1].isupper() and w.lower() not in cues().title_small_words for w in title if w[:1].isalpha()):
        return False
    names = head.split()
    return 2 <= len(names) <= 4 and all(w[:1].isupper() and w.isalpha() for w in names) \
        and ctx.gaz.lookup(head.strip()) is None


def _in_place_list(ctx, i: int, j: int) -> bool:
    """Is the name one of a list of places after a locative preposition ("in Leeds, York and X")?"""
    doc = ctx.toks
    t = doc[j - 1]
    while t.dep_ == "conj" and t.head.i < t.i:
        t = t.head
    if t.i == j - 1 or t.dep_ != "pobj" or t.head.lower_ not in cues().locative_preps:
        return False
    others = [c for c in (t, *t.conjuncts) if not i <= c.i < j]
    places = [c for c in others if c.ent_type_ in ("GPE", "LOC") or c.i in ctx.gaz_at]
    return len(places) >= 2 and not any(c.ent_type_ == "PERSON" for c in others)
