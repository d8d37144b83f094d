"""The event lexicon: trigger words and patterns, modality words, crosswalk, contexts.

All of it is data under ``newsgraph/events/data/``, read once per process by
:func:`load_lexicon` through the package's one checked reader (the loaded object is
immutable, so the cache never changes a result).  A malformed line is
:class:`~newsgraph.lexicon.DataFileError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import DataFileError, WordLists, read_json, read_table
from ..lexicon.words import policy_nouns, verbs_of_class
from ..models import EVENT_TYPES

__all__ = ["Entry", "Lexicon", "load_lexicon", "LEXICON_VERSION", "FRAMES", "TRIGGER_COLUMNS", "WORDS"]

LEXICON_VERSION = "events.lexicon.v4"
MODALITY_VERSION = "events.modality.v3"
POLITICAL_VERSION = "events.political.v1"
PACKAGE = "newsgraph.events"
#: The stage's function words and small closed classes (``data/words.json``), read on first use.
WORDS = WordLists(PACKAGE, "words.json", version="events.words.v4")
FRAMES = ("agree", "reject", "request", "threaten", "warn")
#: Senses a trigger word can have besides the political act: the act is coded only when the
#: sentence shows that sense is not meant (``senses.json``; :mod:`.senses`).
SENSES = ("physical", "economic", "published", "territory")
_CONDITIONS = ("obj", "dobj", "prt", "prep", "mod", "nomod", "noobj", "noprep")
#: The columns of ``triggers.tsv``.
TRIGGER_COLUMNS = ("rule", "type", "pos", "lemma", "cond", "mode", "cameo", "flags")


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger: a verb or noun lemma, the conditions it needs, and what it codes."""

    rule: str  # e.g. "voice-concern"
    type: str  # PLOVER type
    pos: str  # "V" | "N"
    lemma: str
    mode: str | None
    cameo: str | None
    obj: frozenset[str] = frozenset()
    dobj: frozenset[str] = frozenset()  # the direct object itself, not a prepositional one
    prt: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    nomod: frozenset[str] = frozenset()
    noobj: frozenset[str] = frozenset()
    noprep: frozenset[str] = frozenset()
    intrans: bool = False
    comp: bool = False  # needs a complement clause
    trans: bool = False  # needs a direct object ("blew up the bridge", not "the row blew up")
    noclause: bool = False  # no "that" clause ("conceded defeat", not "conceded that ...")
    objcomp: bool = False  # someone else is to act: "wants the government to withdraw", "told them to stop"
    frame: str | None = None  # agree | reject | request | threaten
    targeted: str | None = None  # type when a target is found
    light: bool = False  # the object noun carries the act's arguments
    sense: str | None = None  # physical | economic: a sense check applies (:mod:`.senses`)
    verbal: str | None = None  # with sense physical: the type of the verbal sense ("attacked the plan")
    twosided: bool = False  # an act that needs a second side named (a consultation: even at a named place)
    commit: bool = False  # a commitment: what it commits to is intended ("pledged tax cuts")
    undergo: bool = False  # the subject undergoes the act; "from"/"by" names its source ("faces calls from X")

    @property
    def specificity(self) -> int:
        return (sum(bool(x) for x in (self.obj, self.dobj, self.prt, self.prep, self.mod)) + self.intrans
                + self.comp + self.trans + self.noclause + self.objcomp)


@dataclass(frozen=True)
class Lexicon:
    version: str
    verbs: dict[str, tuple[Entry, ...]]  # lemma -> entries, most specific first
    nouns: dict[str, tuple[Entry, ...]]
    report_verbs: frozenset[str]
    speech_verbs: frozenset[str]  # verbs of saying ("refused to comment": no refusal of anything)
    failure_verbs: frozenset[str]
    mental_verbs: frozenset[str]
    pretend_verbs: frozenset[str]
    support_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    asserted_intent_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    intent_nouns: frozenset[str]
    intent_modifiers: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_verbs: frozenset[str]
    negators: frozenset[str]
    condition_marks: frozenset[str]
    crosswalk: dict[str, str]
    contexts: dict[str, str]
    political_kinds: frozenset[str]
    political_sectors: frozenset[str]
    nonpolitical_sectors: frozenset[str]
    org_words: frozenset[str]
    org_acronyms: frozenset[str]
    state_organs: frozenset[str]
    office_words: frozenset[str]
    nonstate_heads: frozenset[str]
    entries: tuple[Entry, ...] = field(default=(), repr=False)


#: word lists a condition may name with "@" (``obj=@policy|call``)
_SHARED_LISTS = {"@policy": policy_nouns}


def parse_entry(cols: list[str], where: str = "<entry>") -> Entry:
    """Build an :class:`Entry` from the eight columns of ``triggers.tsv``
    (:data:`TRIGGER_COLUMNS`); ``where`` names the line in an error."""
    def fail(code: str, message: str) -> DataFileError:
        return DataFileError(message, code=code, where=where)

    rule, etype, pos, lemma, cond, mode, cameo, flags = (c.strip() for c in cols)
    if etype not in EVENT_TYPES:
        raise fail("E352", f"unknown PLOVER type {etype!r}")
    if pos not in ("V", "N"):
        raise fail("E353", f"pos must be V or N, not {pos!r}")
    kw: dict = {}
    for part in filter(None, (p.strip() for p in cond.split(";"))):
        if part in ("intrans", "comp", "trans", "noclause", "objcomp"):
            kw[part] = True
            continue
        key, _, vals = part.partition("=")
        if key not in _CONDITIONS or not vals:
            raise fail("E354", f"bad condition {part!r}")
        words: set[str] = set()
        for v in filter(None, (v.strip().lower() for v in vals.split("|"))):
            if v.startswith("@"):  # a shared list: "@policy" is lexicon/data/policy_nouns.tsv
                if v not in _SHARED_LISTS:
                    raise fail("E354", f"unknown word list {v!r} in {part!r}")
                words |= _SHARED_LISTS[v]()
            else:
                words.add(v)
        kw[key] = frozenset(words)
    for flag in filter(None, (f.strip() for f in flags.split(",") if f.strip() != "-")):
        key, _, val = flag.partition(":") if ":" in flag else flag.partition("=")
        if key == "frame" and val in FRAMES:
            kw["frame"] = val
        elif key == "targeted" and val in EVENT_TYPES:
            kw["targeted"] = val
        elif key in ("light", "twosided", "commit", "undergo") and not val:
            kw[key] = True
        elif key == "sense" and val.partition("=")[0] in SENSES:
            kw["sense"], _, verbal = val.partition("=")
            if verbal and verbal not in EVENT_TYPES:
                raise fail("E355", f"bad verbal type in {flag!r}")
            kw["verbal"] = verbal or None
        else:
            raise fail("E355", f"bad flag {flag!r}")
    return Entry(rule, etype, pos, lemma.lower(), None if mode == "-" else mode,
                 None if cameo == "-" else cameo, **kw)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon data files (once per process)."""
    entries = []
    seen = set()
    for row in read_table(PACKAGE, "triggers.tsv", TRIGGER_COLUMNS, required=("rule", "type", "pos", "lemma")):
        e = parse_entry([row[c] for c in TRIGGER_COLUMNS], row.where)
        if e.rule in seen:
            raise row.error(f"duplicate rule {e.rule!r}", "E356")
        seen.add(e.rule)
        entries.append(e)
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for e in entries:
        (verbs if e.pos == "V" else nouns).setdefault(e.lemma, []).append(e)
    order = lambda es: tuple(sorted(es, key=lambda e: -e.specificity))  # noqa: E731
    mod = read_json(PACKAGE, "modality.json", version=MODALITY_VERSION)
    pol = read_json(PACKAGE, "political.json", version=POLITICAL_VERSION)
    crosswalk = {row["type"]: row["cameo"] for row in read_table(PACKAGE, "crosswalk.tsv", ("type", "cameo"),
                                                                 required=("type", "cameo"),
                                                                 choices={"type": EVENT_TYPES}, unique="type")}
    missing = set(EVENT_TYPES) - set(crosswalk)
    if missing:
        raise DataFileError(f"no CAMEO code for {sorted(missing)}", code="E358",
                            where="newsgraph/events/data/crosswalk.tsv")
    contexts = {row["lemma"]: row["context"] for row in read_table(PACKAGE, "context.tsv", ("lemma", "context"),
                                                                   required=("lemma", "context"))}
    fs = lambda key, src=mod: src.words(key)  # noqa: E731
    return Lexicon(
        version=LEXICON_VERSION,
        verbs={k: order(v) for k, v in verbs.items()},
        nouns={k: order(v) for k, v in nouns.items()},
        report_verbs=verbs_of_class("report"), speech_verbs=verbs_of_class("speaker"), failure_verbs=fs("failure_verbs"), mental_verbs=fs("mental_verbs"), pretend_verbs=fs("pretend_verbs"),
        support_verbs=fs("support_verbs"), intent_verbs=fs("intent_verbs"),
        asserted_intent_verbs=fs("asserted_intent_verbs"),
        intent_adjectives=fs("intent_adjectives"), intent_nouns=fs("intent_nouns"),
        intent_modifiers=fs("intent_modifiers"), hypothetical_modifiers=fs("hypothetical_modifiers"),
        future_modals=fs("future_modals"), hypothetical_modals=fs("hypothetical_modals"),
        obligation_modals=fs("obligation_modals"),
        obligation_verbs=fs("obligation_verbs"), negators=fs("negators"),
        condition_marks=fs("condition_marks"), crosswalk=crosswalk, contexts=contexts,
        political_kinds=fs("political_kinds", pol), political_sectors=fs("political_sectors", pol),
        nonpolitical_sectors=fs("nonpolitical_sectors", pol),
        org_words=pol.words("org_words", lower=True),
        org_acronyms=pol.words("org_acronyms"), state_organs=fs("state_organs", pol),
        office_words=fs("office_words", pol), nonstate_heads=fs("nonstate_heads", pol),
        entries=tuple(entries),
    )
