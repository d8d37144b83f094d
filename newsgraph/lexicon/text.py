"""Identifiers from names: :func:`slug`, the one accent rule of every actor id.

The actors stage makes ids from names (``person:jose-ramos-horta``, ``org:womens-institute``)
and the link pass makes the knowledge base's person ids and surname keys the same way, so an
article's actor and the knowledge base's agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .reader import read_table

__all__ = ["slug", "fold"]

_POSSESSIVE = re.compile(r"'s\b")
_NON_WORD = re.compile(r"[\W_]+")


@functools.cache
def _letters() -> dict[str, str]:
    """Latin letter with no decomposition -> its ASCII spelling (``data/letters.tsv``)."""
    return {row["letter"]: row["ascii"] for row in read_table(
        __package__, "letters.tsv", ("letter", "ascii"), required=("letter", "ascii"), unique="letter")}


def fold(text: str) -> str:
    """Lower case without accents: "José" -> "jose", "Søren" -> "soren"; letters of other
    scripts stay as they are, less their accents ("Ελλάδα" -> "ελλαδα", "习近平")."""
    letters = _letters()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).lower())
    return "".join(letters.get(ch, ch) for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """The id form of a name: its words folded (:func:`fold`) and joined by ``-``; a
    possessive keeps its ``s`` ("José Ramos-Horta" -> "jose-ramos-horta", "Women's
    Institute" -> "womens-institute", "习 近平" -> "习-近平")."""
    s = _POSSESSIVE.sub("s", fold(text).replace("’", "'"))
    return _NON_WORD.sub("-", s).strip("-")
