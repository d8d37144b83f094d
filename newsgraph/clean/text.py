"""Plain text and corpus records: paragraphs, a title line, and a dateline on the first
paragraph.

**A title line.**  A plain-text file (``title=True``: not a corpus record, whose headline
is a field of its own) whose first line stands alone, a blank line below it and text
after, is its headline when it reads as one: at most 200 characters and 30 words, not
starting in lower case, not ending like a sentence or a clause (``.``, ``,``, ``;``,
``:``; a question or an exclamation may be a headline), and not a byline (``By ...``).
"""

from __future__ import annotations

import re

from .dateline import take_dateline
from .layout import Layout, block_paragraphs, normalize_block, split_blocks

__all__ = ["parse_text", "title_line"]

_BYLINE = re.compile(r"^by\s+\S", re.I)


def title_line(lines: list[str]) -> str | None:
    """The headline of plain text whose first line is a title (see the module), or None.

    ``lines`` are the text's lines, right-stripped."""
    i = next((k for k, ln in enumerate(lines) if ln.strip()), None)
    if i is None or i + 2 >= len(lines) or lines[i + 1].strip():
        return None
    if not any(ln.strip() for ln in lines[i + 2:]):
        return None
    title = normalize_block(lines[i])
    if (len(title) > 200 or len(title.split()) > 30 or title[:1].islower()
            or title[-1] in ".,;:" or _BYLINE.match(title)):
        return None
    return title


def parse_text(content: str, *, title: bool = False) -> Layout:
    """Paragraphs of plain text: blocks separated by blank lines (hard-wrapped lines
    joined), or each line its own paragraph where the text has no blank lines; with
    ``title``, a first line that is a title is the headline (see the module)."""
    lines = [ln.rstrip() for ln in content.splitlines()]
    headline = title_line(lines) if title else None
    if headline is not None:
        first = next(k for k, ln in enumerate(lines) if ln.strip())
        lines = lines[first + 1:]
    if any(not ln.strip() for ln in lines):
        paragraphs = [p for block in split_blocks(lines) for p in block_paragraphs(block)]
    else:
        paragraphs = [p for p in (normalize_block(ln) for ln in lines) if p]
    meta: dict[str, str] = {}
    dateline = take_dateline(paragraphs, meta)
    origin = {"headline": "title line"} if headline is not None else {}
    return Layout(tuple(paragraphs), headline=headline, dateline=dateline, meta=meta,
                  origin=origin)
