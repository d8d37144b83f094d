"""HTML pages: recognising markup.  Extraction (trafilatura, captions, credits) is
the cleaner's job: :mod:`newsgraph.clean.html`."""

from __future__ import annotations

import re

__all__ = ["looks_like_html"]

_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|article|meta|title|div|p)[\s>]", re.I)


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` is HTML markup."""
    head = text[:2048].lstrip()
    return head.startswith("<") and bool(_MARKUP.search(head))
