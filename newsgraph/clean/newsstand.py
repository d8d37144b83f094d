"""The newsstand layout: header, ``-`` separator, body, captions, footer.

::

    Bangkok Post                      publication
    Japan vows to step up ...         headline
    China undermining ...             deck (optional)
    By Jane Doe                       byline (optional)
    -                                 separator
    TOKYO: The United States ...      body paragraphs, the first with a dateline
     ?? AFP ?? A Japanese tank ...    caption with credit AFP ...
    AFP A Japanese tank ...           ... and its duplicate line (dropped)
     ?? ?? Blinken: Allies must ...   caption without credit
    Newspapers in English             footer: language
    Newspapers from Thailand          footer: country

Blank lines separate blocks; lines may end in CR LF and carry trailing spaces.
"""

from __future__ import annotations

import re

from .codes import country_code, language_code
from .dateline import take_dateline
from .layout import Layout, block_paragraphs, norm_key, normalize_block, split_blocks

__all__ = ["parse_newsstand"]

_FOOTER = re.compile(r"^\s*Newspapers (in|from)\s+(\S.{0,60}?)\s*$")
_CAPTION = re.compile(
    r"^[ \t]*\?\?[ \t]+(?:(?P<credit>[^?\n]*?[^?\s])[ \t]+)?\?\?[ \t]*(?P<text>.*)$")
_BYLINE = re.compile(r"^(?:by|BY|By)\s+(?P<name>\S.*)$")
# A byline printed as the first body line: "By" and capitalised name words only.
_SHORT_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.'\u2019\-]*(?:\s+(?:[A-Z][\w.'\u2019\-]*|and|de|da|van|von|bin)){0,5}$")


def parse_newsstand(content: str) -> Layout:
    """Read the newsstand layout of ``content``."""
    lines = [ln.rstrip() for ln in content.splitlines()]
    meta: dict[str, str] = {}
    origin: dict[str, str] = {}
    warnings: list[str] = []
    kept = []
    for ln in lines:
        m = _FOOTER.match(ln) if ln.startswith(("N", " ", "\t")) else None
        if m is None:
            kept.append(ln)
            continue
        kind, value = m.group(1), m.group(2)
        if kind == "in":
            code = language_code(value)
            key = "language"
        else:
            code = country_code(value)
            key = "country"
        if code:
            meta.setdefault(key, code)
            origin.setdefault(key, "footer")
        else:
            warnings.append(f"[W202] footer {kind} {value!r}: no ISO code for it")

    sep = next((i for i, ln in enumerate(kept) if ln.strip() == "-"), None)
    if sep is not None:
        header = [ln.strip() for ln in kept[:sep] if ln.strip()]
        body = kept[sep + 1:]
    else:
        header, body = [], kept
        warnings.append("[W203] no '-' line after the header: read as body only")

    headline = deck = byline = None
    if header:
        if len(header) == 1:
            headline = normalize_block(header[0])
        else:
            meta["publication"], origin["publication"] = normalize_block(header[0]), "header"
            headline = normalize_block(header[1])
        decks = []
        for ln in header[2:]:
            m = _BYLINE.match(ln)
            if m and byline is None:
                byline = normalize_block(m.group("name"))
            else:
                decks.append(ln)
        deck = normalize_block(" ".join(decks)) or None

    paragraphs: list[str] = []
    captions: list[tuple[str, str | None]] = []
    for block in split_blocks(body):
        text_lines: list[str] = []
        i = 0
        while i < len(block):
            m = _CAPTION.match(block[i])
            if m is None:
                text_lines.append(block[i])
                i += 1
                continue
            if text_lines:
                paragraphs.extend(block_paragraphs(text_lines))
                text_lines = []
            credit = normalize_block(m.group("credit") or "") or None
            cap = normalize_block(m.group("text"))
            i += 1
            if i < len(block) and not _CAPTION.match(block[i]):
                nxt = norm_key(block[i])
                dup = {norm_key(cap), norm_key(f"{credit} {cap}")} if credit else {norm_key(cap)}
                if nxt in dup:
                    i += 1  # the duplicated caption line
                elif not cap:  # marker on its own line: the caption is the next line
                    cap = normalize_block(block[i])
                    if credit and cap.startswith(credit + " "):
                        cap = cap[len(credit) + 1:]
                    i += 1
            if cap:
                captions.append((cap, credit))
        if text_lines:
            paragraphs.extend(block_paragraphs(text_lines))

    if byline is None and paragraphs and _SHORT_BYLINE.match(paragraphs[0]) and len(paragraphs) > 1:
        byline = _BYLINE.match(paragraphs.pop(0)).group("name")  # type: ignore[union-attr]
    dateline = take_dateline(paragraphs, meta)
    return Layout(tuple(paragraphs), headline=headline, deck=deck, byline=byline,
                  dateline=dateline, captions=tuple(captions), meta=meta, origin=origin,
                  warnings=tuple(warnings))
