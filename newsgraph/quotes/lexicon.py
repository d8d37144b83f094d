"""The quote stage's word lists, read once from the package's data files.

The cue verbs are the shared reporting verbs (:func:`newsgraph.lexicon.words.reporting_verbs`):
by lemma (or lemma and preposition: "call for"), with their frame (``say``, ``promise``,
``belief``, ``finding``, ``naming``, ``object`` or ``direct``) and whether their object is
the hearer ("told the BBC"); the pronoun classes of speaker words come from the shared
pronouns.  The stage's own files: ``speaker_words.tsv`` lists determiners, place words
and indefinite pronouns used when naming speakers; ``cue_nouns.tsv`` lists nouns of saying
("claim", "pledge") whose complement clause is what was said; ``speaker_nouns.tsv`` lists
nouns for documents and bodies that speak.  All are tables read by the package's one checked reader
(:func:`newsgraph.lexicon.read_table`): a malformed line, an unknown frame or class, or a
word listed twice is ``[E305]`` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from ..lexicon import Row, WordLists, read_table
from ..lexicon.words import pronoun_set, reporting_verbs

__all__ = ["Lexicon", "load_lexicon", "FRAMES", "WORD_CLASSES", "NOUN_CLASSES", "WORDS"]

#: The stage's function words and small closed classes (``data/words.json``), read on first use.
WORDS = WordLists("newsgraph.quotes", "words.json", version="quotes.words.v2")
FRAMES = frozenset({"say", "promise", "belief", "finding", "naming", "object", "direct"})
NOUN_FRAMES = frozenset({"say", "promise"})
NOUN_CLASSES = frozenset({"document", "body", "generic", "agent"})
#: classes of speaker words: the pronoun classes come from the shared pronouns
#: (:func:`_pronoun_classes`), the others from ``speaker_words.tsv``
PRONOUN_CLASSES = frozenset({"person-pronoun", "thing-pronoun", "group-pronoun", "first-person"})
WORD_CLASSES = PRONOUN_CLASSES | {"determiner", "place-word", "nobody-in-particular"}


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


def _pronoun_classes() -> dict[str, frozenset[str]]:
    """The pronouns that can name a speaker, by class: "he", "him" (person), "it" (thing),
    "they", "them" (group: subject or object case); "I", "we", "you" (first-person: who
    speaks or is spoken to, as a subject)."""
    third = dict(person=(3,), cases=("subject", "object"))
    return {"person-pronoun": pronoun_set(**third, refers=("person",)),
            "thing-pronoun": pronoun_set(**third, refers=("thing",)),
            "group-pronoun": pronoun_set(**third, number=("pl",)),
            "first-person": pronoun_set(person=(1, 2), cases=("subject",))}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read on first use; the files never change at run time)."""
    verbs = [v for v in reporting_verbs().values() if v.frame in FRAMES]
    cues = {v.lemma: v.frame for v in verbs}
    words: dict[str, set[str]] = {}
    for cls, members in _pronoun_classes().items():
        for word in members:
            words.setdefault(word, set()).add(cls)
    for r in _classified("speaker_words.tsv", ("word", "class"), WORD_CLASSES - PRONOUN_CLASSES, once=False):
        words.setdefault(r["word"].lower(), set()).add(r["class"])
    nouns = {r["noun"].lower(): r["class"]
             for r in _classified("speaker_nouns.tsv", ("noun", "class"), NOUN_CLASSES)}
    noun_cues = {r["noun"].lower(): r["frame"]
                 for r in _classified("cue_nouns.tsv", ("noun", "frame"), NOUN_FRAMES)}
    return Lexicon(MappingProxyType(cues),
                   MappingProxyType({w: frozenset(c) for w, c in words.items()}),
                   MappingProxyType(nouns),
                   frozenset(v.lemma for v in verbs if v.hearer),
                   MappingProxyType(noun_cues))
