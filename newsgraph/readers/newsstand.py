"""Newsstand scrapes: recognising the layout of a digital-newsstand text file.

The layout (see ``examples/`` and the cleaner, :mod:`newsgraph.clean.newsstand`):
publication line, headline, optional deck and ``By`` byline, a ``-`` line, body
paragraphs, photo captions marked `` ?? AGENCY ?? `` or `` ?? ?? ``, and the footer
``Newspapers in English`` / ``Newspapers from <Country>``.  This module only
decides whether a plain-text file has that layout; the cleaner reads it.
"""

from __future__ import annotations

import re

__all__ = ["looks_like_newsstand"]

_SEPARATOR = re.compile(r"^[ \t]*-[ \t]*\r?$", re.M)
_FOOTER = re.compile(r"^[ \t]*Newspapers (?:in|from) \S", re.M)
_CAPTION = re.compile(r"^[ \t]*\?\? ", re.M)


def looks_like_newsstand(text: str) -> bool:
    """True when ``text`` has the newsstand separator line near the top, or its footer
    or caption markers."""
    m = _SEPARATOR.search(text, 0, 4000)
    if m and text[:m.start()].strip():
        return True
    tail = text[-400:]
    return bool(_FOOTER.search(tail) or _CAPTION.search(text))
