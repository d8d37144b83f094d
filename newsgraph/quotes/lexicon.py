"""The quote stage's word lists, read once from the package's data files.

``cue_verbs.tsv`` lists reporting verbs by lemma (or lemma and preposition: "call for")
with their frame (``say``, ``promise``, ``belief``, ``finding``, ``naming``, ``object`` or
``direct``) and whether their object is the hearer ("told the BBC"); ``speaker_words.tsv`` lists pronouns and determiners
used when naming speakers; ``cue_nouns.tsv`` lists nouns of saying ("claim", "pledge") whose
complement clause is what was said; ``speaker_nouns.tsv`` lists nouns for documents and
bodies that speak.  All are tables read by the package's one checked reader
(:func:`newsgraph.lexicon.read_table`): a malformed line, an unknown frame or class, or a
word listed twice is ``[E305]`` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from ..lexicon import Row, read_table

__all__ = ["Lexicon", "load_lexicon", "FRAMES", "WORD_CLASSES", "NOUN_CLASSES"]

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


def _classified(name: str, columns: tuple[str, ...], *allowed: frozenset[str],
                once: bool = True) -> tuple[Row, ...]:
    """The rows of the table ``data/<name>``: every cell filled, each later column's values
    one of its set in ``allowed``, the first column's words listed once (unless not ``once``)."""
    return read_table("newsgraph.quotes", name, columns, required=columns,
                      choices=dict(zip(columns[1:], allowed)), unique=columns[0] if once else None)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read on first use; the files never change at run time)."""
    verbs = [(r["lemma"], r["frame"], r["object"])
             for r in _classified("cue_verbs.tsv", ("lemma", "frame", "object"), FRAMES, OBJECTS)]
    cues = {lemma.lower(): frame for lemma, frame, _ in verbs}
    words: dict[str, set[str]] = {}
    for r in _classified("speaker_words.tsv", ("word", "class"), WORD_CLASSES, once=False):
        words.setdefault(r["word"].lower(), set()).add(r["class"])
    nouns = {r["noun"].lower(): r["class"]
             for r in _classified("speaker_nouns.tsv", ("noun", "class"), NOUN_CLASSES)}
    noun_cues = {r["noun"].lower(): r["frame"]
                 for r in _classified("cue_nouns.tsv", ("noun", "frame"), NOUN_FRAMES)}
    return Lexicon(MappingProxyType(cues),
                   MappingProxyType({w: frozenset(c) for w, c in words.items()}),
                   MappingProxyType(nouns),
                   frozenset(lemma.lower() for lemma, _, obj in verbs if obj == "hearer"),
                   MappingProxyType(noun_cues))
