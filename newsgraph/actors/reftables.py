"""The resolver's word tables (``data/descriptions.tsv``, ``data/gendered_nouns.tsv``, and the
sex of the shared given names), and the parties' words a title can carry ("the Tory leader")."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from ..lexicon import DataFileError, data_label
from ..lexicon.words import given_names, titles
from .tables import COLUMNS
from .tables import rows as table_rows

__all__ = ["CLASSES", "Descriptions", "descriptions", "pairs", "party_words", "parties_of"]

CLASSES = frozenset({"person", "business", "government", "org", "party", "union", "city", "country",
                     "thing", "collective"})
GENDERS = frozenset({"m", "f"})


@dataclass(frozen=True)
class Descriptions:
    nouns: dict[str, str]  # noun -> class
    first_names: dict[str, str]  # lower-case first name -> "m" | "f"
    gendered_nouns: dict[str, str]  # "son", "wife", "actress", and titles ("king") -> "m" | "f"


def pairs(name: str, allowed: frozenset[str], *, text: str | None = None) -> dict[str, str]:
    """word (lower case) -> class, from the two-column table ``data/<name>`` (or ``text``):
    every cell filled, the class one of ``allowed``, each word once (``[E305]`` otherwise)."""
    word, cls = COLUMNS[name]
    return {row[word].lower(): row[cls]
            for row in table_rows(name, required=(word, cls), choices={cls: allowed}, unique=word, text=text)}


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
    firsts = {name.lower(): sex for name, sex in given_names().items() if sex}
    nouns = pairs("gendered_nouns.tsv", GENDERS)
    titled = {t.title: t.gender for t in titles() if t.gender and " " not in t.title}
    clash = sorted(w for w in set(nouns) & set(titled) if nouns[w] != titled[w])
    if clash:
        raise DataFileError(f"{clash[0]!r} has another sex as a title of newsgraph/lexicon/data/titles.tsv",
                            where=data_label(__package__, "gendered_nouns.tsv"))
    return Descriptions(pairs("descriptions.tsv", CLASSES), firsts, {**nouns, **titled})
