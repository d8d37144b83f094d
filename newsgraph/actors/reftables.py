"""The resolver's word tables (``data/descriptions.tsv``, ``first_names.tsv``,
``gendered_nouns.tsv``) with their one checked reader, and the parties' words a title can
carry ("the Tory leader")."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import NewsgraphError

__all__ = ["CLASSES", "Descriptions", "descriptions", "parse_rows", "party_words", "parties_of"]

CLASSES = frozenset({"person", "business", "government", "org", "city", "country", "thing", "collective"})


@dataclass(frozen=True)
class Descriptions:
    nouns: dict[str, str]  # noun -> class
    first_names: dict[str, str]  # lower-case first name -> "m" | "f"
    gendered_nouns: dict[str, str]  # "son", "wife", "actress" -> "m" | "f"


def _rows(name: str, allowed) -> list[tuple[str, str]]:
    """(key, class) rows of ``data/<name>``."""
    return parse_rows(name, resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"),
                      allowed)


def parse_rows(name: str, text: str, allowed) -> list[tuple[str, str]]:
    """(key, class) rows of a ``word<TAB>class`` table with a header line and ``#`` comments;
    a malformed line, an unknown class or a word listed twice is error E319 naming file and line."""
    rows, header, seen = [], True, set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2 or not all(cells):
            raise NewsgraphError(f"expected 'word<TAB>class', got {line!r}", code="E319",
                                 where=f"{name}:{n}")
        if header:
            header = False
            continue
        key, cls = cells[0].lower(), cells[1]
        if cls not in allowed:
            raise NewsgraphError(f"unknown class {cls!r} for {key!r}", code="E319", where=f"{name}:{n}")
        if key in seen:
            raise NewsgraphError(f"{key!r} is listed twice", code="E319", where=f"{name}:{n}")
        seen.add(key)
        rows.append((key, cls))
    return rows


@functools.cache
def _party_forms() -> dict[str, frozenset[str]]:
    """Every name, short name and adjective of a party (lower case) -> the parties' names."""
    from .parties import party_forms

    return {f.text.lower(): frozenset(p.name for p in f.parties)
            for forms in party_forms().values() for f in forms}


@functools.cache
def party_words() -> frozenset[str]:
    return frozenset(w for form in _party_forms() for w in form.split())


def parties_of(text: str) -> frozenset[str]:
    """The parties a name or adjective stands for ("Tory", "Labour Party"), or none."""
    return _party_forms().get(text.lower().removeprefix("the "), frozenset())


@functools.cache
def descriptions() -> Descriptions:
    """The packaged tables (read once)."""
    return Descriptions(dict(_rows("descriptions.tsv", CLASSES)),
                        dict(_rows("first_names.tsv", ("m", "f"))),
                        dict(_rows("gendered_nouns.tsv", ("m", "f"))))
