"""Word lists several stages share: reporting verbs, titles, pronouns and given names.

Each is a table in ``newsgraph/lexicon/data/`` (its header comments say what every column
means), read once per process through :func:`~newsgraph.lexicon.read_table`:

- :func:`reporting_verbs` (``reporting_verbs.tsv``): verbs of saying and believing with the
  frame the quotes stage reads their content by, whether their object is the hearer, and
  the classes the actors stage (``speaker``: the subject speaks) and the events stage
  (``report``: the clause they govern is reported, not asserted) read;
- :func:`titles` (``titles.tsv``): titles written before a name, with the sex they say;
- :func:`pronouns` (``pronouns.tsv``): personal pronouns by person, number, gender, case;
- :func:`given_names` (``given_names.tsv``): given names, with the sex they usually carry
  where they carry one;
- :func:`name_particles`, :func:`name_suffixes` (``name_parts.tsv``): "von", "bin"; "Jr", "VIII".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .reader import read_table

__all__ = ["ReportingVerb", "reporting_verbs", "Title", "titles", "Pronoun", "pronouns",
           "pronoun_set", "given_names", "name_particles", "name_suffixes", "gerund_prepositions",
           "policy_nouns", "definite_determiners", "whole_words",
           "FRAMES", "VERB_CLASSES"]

#: How the quotes stage reads a cue verb's content (``-``: the verb is no cue of a quote).
FRAMES = frozenset({"say", "promise", "belief", "finding", "naming", "object", "direct", "-"})
VERB_CLASSES = frozenset({"speaker", "report"})
_GENDERS = ("m", "f", "-")


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str  # "say", or lemma and preposition: "call for"
    frame: str  # one of FRAMES
    hearer: bool  # its object is who hears it ("told the BBC")
    classes: frozenset[str]  # of VERB_CLASSES


@functools.cache
def reporting_verbs() -> Mapping[str, ReportingVerb]:
    """lemma (lower case) -> its entry."""
    out = {}
    for row in read_table(__package__, "reporting_verbs.tsv", ("lemma", "frame", "object", "classes"),
                          required=("lemma", "frame", "object", "classes"), unique="lemma",
                          choices={"frame": FRAMES, "object": ("hearer", "-")}):
        classes = frozenset(c for c in row.items("classes") if c != "-")
        if classes - VERB_CLASSES:
            raise row.error(f"unknown class {sorted(classes - VERB_CLASSES)[0]!r} "
                            f"(classes: {', '.join(sorted(VERB_CLASSES))})")
        lemma = row["lemma"].lower()
        out[lemma] = ReportingVerb(lemma, row["frame"], row["object"] == "hearer", classes)
    return MappingProxyType(out)


def verbs_of_class(cls: str) -> frozenset[str]:
    """The lemmas of one class ("speaker", "report")."""
    return frozenset(v.lemma for v in reporting_verbs().values() if cls in v.classes)


@dataclass(frozen=True, slots=True)
class Title:
    title: str  # lower case, no final dot: "mr", "prime minister"
    gender: str  # "m" | "f" | ""
    kind: str  # "title" | "role" | "lead"
    dotted: bool  # also written with a final dot ("Mr.")


@functools.cache
def titles() -> tuple[Title, ...]:
    """Every title, in the order of the file."""
    out = []
    for row in read_table(__package__, "titles.tsv", ("title", "gender", "kind", "dotted"),
                          required=("title", "gender", "kind", "dotted"), unique="title",
                          choices={"gender": _GENDERS, "kind": ("title", "role", "lead"), "dotted": ("y", "-")}):
        if row["title"] != row["title"].lower() or row["title"].endswith("."):
            raise row.error(f"{row['title']!r}: a title is written in lower case, without a final dot")
        out.append(Title(row["title"], row["gender"].strip("-"), row["kind"], row["dotted"] == "y"))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Pronoun:
    pronoun: str
    person: int  # 1, 2, 3
    number: str  # "sg" | "pl" | "" (either)
    gender: str  # "m" | "f" | "n" | "" (any)
    cases: frozenset[str]  # subject, object, possessive, independent, reflexive
    refers: str  # "person" | "thing" | "any"


_CASES = frozenset({"subject", "object", "possessive", "independent", "reflexive"})


@functools.cache
def pronouns() -> Mapping[str, Pronoun]:
    """pronoun (lower case) -> its entry."""
    out = {}
    for row in read_table(__package__, "pronouns.tsv", ("pronoun", "person", "number", "gender", "case", "refers"),
                          required=("pronoun", "person", "number", "gender", "case", "refers"), unique="pronoun",
                          choices={"person": ("1", "2", "3"), "number": ("sg", "pl", "-"),
                                   "gender": ("m", "f", "n", "-"), "refers": ("person", "thing", "any")}):
        cases = frozenset(row.items("case"))
        if not cases or cases - _CASES:
            raise row.error(f"case {row['case']!r}: one or more of {', '.join(sorted(_CASES))}")
        p = row["pronoun"].lower()
        out[p] = Pronoun(p, int(row["person"]), row["number"].strip("-"), row["gender"].strip("-"), cases,
                         row["refers"])
    return MappingProxyType(out)


@functools.cache
def pronoun_set(*, person: tuple[int, ...] = (1, 2, 3), cases: tuple[str, ...] = tuple(_CASES),
                refers: tuple[str, ...] = ("person", "thing", "any"), number: tuple[str, ...] | None = None
                ) -> frozenset[str]:
    """The pronouns of the given persons, in any of ``cases``, referring as ``refers`` says
    (and of ``number``, when given): ``pronoun_set(person=(3,), cases=("possessive",))`` is
    {his, her, its, their}."""
    return frozenset(p.pronoun for p in pronouns().values()
                     if p.person in person and p.cases & set(cases) and p.refers in refers
                     and (number is None or p.number in number))


@functools.cache
def gerund_prepositions() -> frozenset[str]:
    """Prepositions whose gerund shares the subject of the clause it modifies ("responded by
    accusing X": the responder accuses), lower case."""
    return frozenset(row["word"].lower() for row in read_table(
        __package__, "gerund_prepositions.tsv", ("word",), required=("word",), unique="word"))


@functools.cache
def policy_nouns() -> frozenset[str]:
    """Nouns of what an actor does or proposes ("plan", "bill", "budget"), lower case: a
    modifier that is an actor names the owner ("the government plans")."""
    return frozenset(row["word"].lower() for row in read_table(
        __package__, "policy_nouns.tsv", ("word",), required=("word",), unique="word"))


@functools.cache
def definite_determiners() -> frozenset[str]:
    """Determiners that make a noun refer back to one named before ("the plans", "these
    proposals"), lower case."""
    return frozenset(row["word"].lower() for row in read_table(
        __package__, "definite_determiners.tsv", ("word",), required=("word",), unique="word"))


@functools.cache
def whole_words() -> frozenset[str]:
    """Hyphenated words the tokenizer keeps whole ("co-operate"), lower case."""
    return frozenset(row["word"].lower() for row in read_table(
        __package__, "whole_words.tsv", ("word",), required=("word",), unique="word"))


@functools.cache
def given_names() -> Mapping[str, str]:
    """Given name as written ("Nicole") -> the sex it usually carries ("m", "f"), or "" for
    a name borne by both or whose sex is not known."""
    return MappingProxyType({row["name"]: row["gender"].strip("-") for row in read_table(
        __package__, "given_names.tsv", ("name", "gender"), required=("name", "gender"), unique="name",
        choices={"gender": _GENDERS})})


@functools.cache
def _name_parts() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {"particle": set(), "suffix": set()}
    for row in read_table(__package__, "name_parts.tsv", ("word", "kind"), required=("word", "kind"),
                          unique="word", choices={"kind": tuple(out)}):
        out[row["kind"]].add(row["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


def name_particles() -> frozenset[str]:
    """Lower-case words inside a name: "von", "der", "bin"."""
    return _name_parts()["particle"]


def name_suffixes() -> frozenset[str]:
    """Words after a name, lower case: "jr", "sr", "ii" ... "viii"."""
    return _name_parts()["suffix"]
