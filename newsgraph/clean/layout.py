"""The structure a format parser finds in one document, before text assembly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Layout", "normalize_block", "split_blocks", "norm_key"]

# Characters dropped outright (zero-width space, word joiner, stray byte-order marks,
# soft hyphens); control characters, odd spaces and runs of whitespace become one space.
_DROP = re.compile("[\u200b\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"[\s\x00-\x1f\x7f\x85\u2028\u2029]+")
_WS = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"""[.!?:;"'\u201d\u2019)\]\u2026]$""")
_BULLET = re.compile(r"^(?:[-\u2022*\u2013]\s)")


@dataclass(frozen=True, slots=True)
class Layout:
    """Headline, deck, byline, dateline, body paragraphs and captions of one document.

    ``meta``/``origin`` hold metadata the document itself carries (a newsstand
    publication line and footer, a page's metadata), with where each came from.
    """

    paragraphs: tuple[str, ...]
    headline: str | None = None
    deck: str | None = None
    byline: str | None = None
    dateline: str | None = None
    captions: tuple[tuple[str, str | None], ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def normalize_block(s: str) -> str:
    """One block of text on one line: control characters, odd spaces and runs of
    whitespace become a single space; ends stripped."""
    if s.isprintable() and "  " not in s:  # the common case: nothing to do
        return s.strip()
    if not s.isascii():
        s = _DROP.sub("", s)
    return _SPACE.sub(" ", s).strip()


def norm_key(s: str) -> str:
    """A comparison key: whitespace-normalised and case-folded."""
    return _WS.sub(" ", s).strip().casefold()


def split_blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines (lines already right-stripped)."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if line.strip():
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def block_paragraphs(block: list[str]) -> list[str]:
    """The paragraphs of one block: a line that ends mid-sentence runs on into the
    next line (hard-wrapped text); bullet lines always start a new paragraph."""
    out: list[str] = []
    cur = ""
    for line in block:
        line = line.strip()
        if cur and (_ENDS_SENTENCE.search(cur) or _BULLET.match(line)):
            out.append(cur)
            cur = ""
        cur = f"{cur} {line}" if cur else line
    if cur:
        out.append(cur)
    return [p for p in (normalize_block(x) for x in out) if p]
