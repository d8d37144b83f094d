"""The quote stage's word lists, read once from the package's data files.

``cue_verbs.tsv`` lists reporting verbs by lemma (or lemma and preposition: "call for")
with their frame (``say``, ``promise``, ``belief``, ``finding``, ``naming``, ``object`` or
``direct``) and whether their object is the hearer ("told the BBC"); ``speaker_words.tsv`` lists pronouns and determiners
used when naming speakers; ``cue_nouns.tsv`` lists nouns of saying ("claim", "pledge") whose
complement clause is what was said; ``speaker_nouns.tsv`` lists nouns for documents and
bodies that speak.  All are plain TSV with a header line and ``#`` comments; a
malformed line raises :class:`~newsgraph.errors.NewsgraphError` with code ``[E341]``
naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

from ..errors import NewsgraphError

__all__ = ["Lexicon", "load_lexicon", "read_tsv", "FRAMES", "WORD_CLASSES", "NOUN_CLASSES"]

FRAMES = frozenset({"say", "promise", "belief", "finding", "naming", "object", "direct"})
OBJECTS = frozenset({"hearer", "-"})
NOUN_FRAMES = frozenset({"say", "promise"})
NOUN_CLASSES = frozenset({"document", "body", "generic", "agent"})
WORD_CLASSES = frozenset({"person-pronoun", "thing-pronoun", "group-pronoun", "first-person",
                          "determiner", "place-word", "nobody-in-particular"})


@dataclass(frozen=True)
class Lexicon:
    """Cue verbs (lemma -> frame) and speaker words (word -> classes)."""

    cues: Mapping[str, str]
    words: Mapping[str, frozenset[str]]
    nouns: Mapping[str, str]
    hearers: frozenset[str] = frozenset()  # cue lemmas whose object is the hearer
    noun_cues: Mapping[str, str] = field(default_factory=dict)  # "claim" -> "say", "pledge" -> "promise"

    def frame(self, lemma: str, prep: str | None = None) -> str | None:
        """The frame of a cue verb, or of the verb with a preposition ("call for")."""
        if prep is not None:
            return self.cues.get(f"{lemma.lower()} {prep.lower()}")
        return self.cues.get(lemma.lower())

    def tells(self, lemma: str) -> bool:
        """Is the cue's object who hears it ("told the BBC"), never the speaker?"""
        return lemma.lower() in self.hearers

    def noun_frame(self, lemma: str) -> str | None:
        """The frame of a noun of saying ("claim", "pledge"), or None."""
        return self.noun_cues.get(lemma.lower())

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


def _classified(name: str, *allowed, what: str = "class") -> list[tuple[str, ...]]:
    """The (key, class, ...) rows of the data file ``name``, one column of classes for each
    set in ``allowed``; a class not in its set is an error (``E341``) naming the file."""
    rows = read_tsv(name, _data(name), 1 + len(allowed))
    for row in rows:
        for cls, ok in zip(row[1:], allowed):
            if cls not in ok:
                raise NewsgraphError(f"unknown {what} {cls!r} for {row[0]!r}", code="E341", where=name)
    return rows


def _data(name: str) -> str:
    return resources.files("newsgraph.quotes").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read on first use; the files never change at run time)."""
    verbs = _classified("cue_verbs.tsv", FRAMES, OBJECTS, what="frame or object")
    cues = {lemma.lower(): frame for lemma, frame, _ in verbs}
    words: dict[str, set[str]] = {}
    for word, cls in _classified("speaker_words.tsv", WORD_CLASSES):
        words.setdefault(word.lower(), set()).add(cls)
    nouns = {noun.lower(): cls for noun, cls in _classified("speaker_nouns.tsv", NOUN_CLASSES)}
    noun_cues = {noun.lower(): frame for noun, frame in _classified("cue_nouns.tsv", NOUN_FRAMES,
                                                                     what="frame")}
    return Lexicon(MappingProxyType(cues),
                   MappingProxyType({w: frozenset(c) for w, c in words.items()}),
                   MappingProxyType(nouns),
                   frozenset(lemma.lower() for lemma, _, obj in verbs if obj == "hearer"),
                   MappingProxyType(noun_cues))
