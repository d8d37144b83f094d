"""The quote stage's word lists, read once from the package's data files.

``cue_verbs.tsv`` lists reporting verbs by lemma with their frame (``say``,
``promise`` or ``direct``); ``speaker_words.tsv`` lists pronouns and determiners
used when naming speakers; ``speaker_nouns.tsv`` lists nouns for documents and
bodies that speak; ``first_names.tsv`` gives the usual gender of common first
names (only to tell whom "he" or "she" can refer to).  Both are plain TSV with a header line and ``#``
comments; a malformed line raises :class:`~newsgraph.errors.NewsgraphError`
with code ``[E341]`` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from ..errors import NewsgraphError

__all__ = ["Lexicon", "load_lexicon", "read_tsv", "FRAMES", "WORD_CLASSES", "NOUN_CLASSES"]

FRAMES = frozenset({"say", "promise", "direct"})
NOUN_CLASSES = frozenset({"document", "body", "generic"})
WORD_CLASSES = frozenset({"person-pronoun", "thing-pronoun", "group-pronoun", "first-person",
                          "determiner", "place-word"})


@dataclass(frozen=True)
class Lexicon:
    """Cue verbs (lemma -> frame) and speaker words (word -> classes)."""

    cues: Mapping[str, str]
    words: Mapping[str, frozenset[str]]
    nouns: Mapping[str, str]
    first_names: Mapping[str, str]

    def frame(self, lemma: str) -> str | None:
        return self.cues.get(lemma.lower())

    def noun_class(self, lemma: str) -> str | None:
        return self.nouns.get(lemma.lower())

    def is_class(self, word: str, cls: str) -> bool:
        return cls in self.words.get(word.lower(), ())


def read_tsv(name: str, text: str, columns: int) -> list[tuple[str, ...]]:
    """Rows of a TSV data file (header and ``#`` comments skipped)."""
    rows, header = [], True
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if len(cells) != columns or not all(cells):
            raise NewsgraphError(f"expected {columns} tab-separated fields, got {line!r}",
                                 code="E341", where=f"{name}:{n}")
        if header:
            header = False
            continue
        rows.append(cells)
    return rows


def _data(name: str) -> str:
    return resources.files("newsgraph.quotes").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read on first use; the files never change at run time)."""
    cues: dict[str, str] = {}
    for lemma, frame in read_tsv("cue_verbs.tsv", _data("cue_verbs.tsv"), 2):
        if frame not in FRAMES:
            raise NewsgraphError(f"unknown frame {frame!r} for {lemma!r}", code="E341",
                                 where="cue_verbs.tsv")
        cues[lemma.lower()] = frame
    words: dict[str, set[str]] = {}
    for word, cls in read_tsv("speaker_words.tsv", _data("speaker_words.tsv"), 2):
        if cls not in WORD_CLASSES:
            raise NewsgraphError(f"unknown class {cls!r} for {word!r}", code="E341",
                                 where="speaker_words.tsv")
        words.setdefault(word.lower(), set()).add(cls)
    nouns: dict[str, str] = {}
    for noun, cls in read_tsv("speaker_nouns.tsv", _data("speaker_nouns.tsv"), 2):
        if cls not in NOUN_CLASSES:
            raise NewsgraphError(f"unknown class {cls!r} for {noun!r}", code="E341",
                                 where="speaker_nouns.tsv")
        nouns[noun.lower()] = cls
    names: dict[str, str] = {}
    for name, gender in read_tsv("first_names.tsv", _data("first_names.tsv"), 2):
        if gender not in ("m", "f"):
            raise NewsgraphError(f"unknown gender {gender!r} for {name!r}", code="E341",
                                 where="first_names.tsv")
        names[name.lower()] = gender
    return Lexicon(MappingProxyType(cues),
                   MappingProxyType({w: frozenset(c) for w, c in words.items()}),
                   MappingProxyType(nouns), MappingProxyType(names))
