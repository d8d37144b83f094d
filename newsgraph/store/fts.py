"""Words written in capitals, for search: the ``articles_caps`` index.

The full-text index ``articles_fts`` stems and folds case (``porter unicode61``), so
``US`` would find "us", "used" and "using".  A word a person writes in capitals
(``US``, ``UK``, ``EU``, ``UN``, ``IS``, ``NATO``) means that acronym, so the query
layer matches it against a second index, ``articles_caps`` (migration 064): for each
article, the words its headline and text write in capitals, unstemmed.

A word is *in capitals* (:func:`is_capitals`) when it has two letters or more, all
upper-case ("US", "NATO", "G20" has one letter: no).  The SQL function
``newsgraph_caps(headline, text)`` (:func:`caps_words`), registered on every
connection the store opens or migrates (:func:`register`), lists them for the
triggers that keep the index current.
"""

from __future__ import annotations

import re
import sqlite3

__all__ = ["is_capitals", "caps_words", "register", "CAPS_FUNCTION"]

CAPS_FUNCTION = "newsgraph_caps"
# What FTS5's unicode61 tokenizer keeps as a token: letters, digits (and marks).
_TOKEN = re.compile(r"[^\W_]+")
# The words in capitals of plain ASCII; a text with a capital letter outside ASCII
# (ÖVP, ΚΚΕ, КПРФ) is read token by token.  Both give what the token rule gives.
_ASCII_CAPS = re.compile(r"\b[A-Z][A-Z0-9]+\b")
_OTHER_CAPITAL = re.compile(r"[\u00C0-\u00DE\u0391-\u03A9\u0410-\u042F]")


def is_capitals(word: str) -> bool:
    """Whether ``word`` (one token) is written in capitals: two letters or more, every
    cased one upper-case."""
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


def caps_words(*texts: str | None) -> str:
    """The words written in capitals in ``texts``, each once, in order, space-separated."""
    seen: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        if text.isascii() or not _OTHER_CAPITAL.search(text):
            words = _ASCII_CAPS.findall(text)
        else:
            words = _TOKEN.findall(text)
        for word in words:
            if is_capitals(word):
                seen.setdefault(word, None)
    return " ".join(seen)


def register(conn: sqlite3.Connection) -> None:
    """Make ``newsgraph_caps(headline, text)`` callable on ``conn`` (its triggers use it)."""
    conn.create_function(CAPS_FUNCTION, 2, caps_words, deterministic=True)
