"""Text that can always be stored and printed: lone surrogates and undecodable file names.

Python strings may hold what UTF-8 cannot encode: a lone surrogate (``"\\ud800"`` is
valid JSON), or the escaped bytes of a file name or command-line argument that is
not UTF-8 (``surrogateescape``: byte 0xFF becomes ``"\\udcff"``).  SQLite, Parquet
and standard output refuse both.  The readers replace them (with a warning), and the
query layer refuses them with a code; nothing below that sees one.
"""

from __future__ import annotations

import os
import re

__all__ = ["has_surrogates", "scrub", "safe_path", "REPLACEMENT"]

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds a character UTF-8 cannot encode."""
    return _SURROGATE.search(text) is not None


def scrub(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if not has_surrogates(text):
        return text, 0
    out, n = _SURROGATE.subn(REPLACEMENT, text)
    return out, n


def safe_path(path: str | os.PathLike) -> str:
    """A file name as text that UTF-8 can encode: the bytes of a name that is not UTF-8
    are written as ``\\xff`` escapes (``café\\xe9.txt``), so the name stays recognisable
    and two different names stay different."""
    p = os.fspath(path)
    if isinstance(p, bytes):
        p = os.fsdecode(p)
    if not has_surrogates(p):
        return p
    return p.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
        if _only_escapes(p) else _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", p)


def _only_escapes(p: str) -> bool:
    """True when every surrogate in ``p`` is an escaped byte (U+DC80..U+DCFF)."""
    return all("\udc80" <= m.group() <= "\udcff" for m in _SURROGATE.finditer(p))
