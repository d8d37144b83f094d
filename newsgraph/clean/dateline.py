"""Datelines: the place a story was filed from, printed before the first paragraph.

Forms newspapers print: ``TOKYO: ``, ``LONDON — ``, ``WASHINGTON (AP) — ``,
``BUENOS AIRES - ``, ``NEW YORK, Jan 7 (Reuters) - ``, ``Tokyo (Kyodo) - ``.  The place
must be in capitals unless an agency in brackets follows it, so a paragraph that
opens "Star Wars: Battlefront" or "Subs Not Used:" keeps its words.
"""

from __future__ import annotations

import re

__all__ = ["split_dateline", "RULE"]

RULE = "clean.dateline.v1"

_CAPS_WORD = r"[A-Z][A-Z.'\u2019\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z.'\u2019\-]+"
_DATE = r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
_AGENCY = r"\((?P<{name}>[A-Za-z][A-Za-z0-9 .&\-]{{0,24}})\)"
_SEP = r"(?:\s*:\s+|\s+(?:\u2014|\u2013|--|-)\s+|\s*(?:\u2014|\u2013)\s*)"

_CAPS = re.compile(
    rf"^(?P<place>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}})"
    rf"(?:,\s*(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){{0,2}}))?{_DATE}"
    rf"(?:\s*{_AGENCY.format(name='agency')})?{_SEP}")
_TITLED = re.compile(
    rf"^(?P<place>{_TITLE_WORD}(?: {_TITLE_WORD}){{0,2}}){_DATE}"
    rf"\s*{_AGENCY.format(name='agency')}{_SEP}")


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """``(place, agency, rest)`` of a first paragraph; ``(None, None, paragraph)`` when it
    has no dateline.  The rest must still hold words after the dateline."""
    m = _CAPS.match(paragraph) or _TITLED.match(paragraph)
    if not m:
        return None, None, paragraph
    place = m.group("place")
    if (" " not in place and len(place.replace(".", "")) < 4) or place.endswith("-"):
        # one short capitalised word is an acronym ("AP:", "UN -"), not a place
        return None, None, paragraph
    rest = paragraph[m.end():]
    if not rest or rest[0] in ":-\u2013\u2014":
        return None, None, paragraph
    return place, m.group("agency"), rest


def take_dateline(paragraphs: list[str], meta: dict[str, str]) -> str | None:
    """Remove the dateline from the first paragraph (in place) and return its place;
    a wire agency printed with it ("WASHINGTON (AP) —") goes to ``meta["agency"]``."""
    if not paragraphs:
        return None
    place, agency, rest = split_dateline(paragraphs[0])
    if not place:
        return None
    paragraphs[0] = rest
    if agency:
        meta.setdefault("agency", agency)
    return place
