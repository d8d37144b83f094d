"""Plain text and corpus records: paragraphs, and a dateline on the first one."""

from __future__ import annotations

from .dateline import take_dateline
from .layout import Layout, block_paragraphs, normalize_block, split_blocks

__all__ = ["parse_text"]


def parse_text(content: str) -> Layout:
    """Paragraphs of plain text: blocks separated by blank lines (hard-wrapped lines
    joined), or each line its own paragraph where the text has no blank lines."""
    lines = [ln.rstrip() for ln in content.splitlines()]
    if any(not ln.strip() for ln in lines):
        paragraphs = [p for block in split_blocks(lines) for p in block_paragraphs(block)]
    else:
        paragraphs = [p for p in (normalize_block(ln) for ln in lines) if p]
    meta: dict[str, str] = {}
    dateline = take_dateline(paragraphs, meta)
    return Layout(tuple(paragraphs), dateline=dateline, meta=meta)
