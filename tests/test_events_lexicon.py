"""The event lexicon data files: well formed, complete, loaded once."""

from __future__ import annotations

import re

import pytest

from newsgraph.events.lexicon import load_lexicon, parse_entry
from newsgraph.lexicon import DataFileError
from newsgraph.models import EVENT_TYPES


def test_lexicon_loads_and_covers_every_type():
    lex = load_lexicon()
    assert lex is load_lexicon()  # read once per process
    assert {e.type for e in lex.entries} == set(EVENT_TYPES)
    assert set(lex.crosswalk) == set(EVENT_TYPES)
    rules = [e.rule for e in lex.entries]
    assert len(rules) == len(set(rules))


def test_entries_are_well_formed():
    lex = load_lexicon()
    for e in lex.entries:
        assert re.fullmatch(r"[a-z0-9-]+", e.rule), e.rule
        assert e.cameo is None or re.fullmatch(r"\d{2,4}", e.cameo), (e.rule, e.cameo)
        assert e.lemma == e.lemma.lower() and e.lemma.strip() == e.lemma
        if e.light:
            assert e.obj, f"{e.rule}: a light-verb pattern needs an object condition"
    for cameo in lex.crosswalk.values():
        assert re.fullmatch(r"\d{3}", cameo)


def test_more_specific_entries_are_tried_first():
    lex = load_lexicon()
    for entries in (*lex.verbs.values(), *lex.nouns.values()):
        specs = [e.specificity for e in entries]
        assert specs == sorted(specs, reverse=True)


def test_modality_words_are_disjoint_where_they_must_be():
    lex = load_lexicon()
    assert not lex.future_modals & lex.hypothetical_modals
    assert "if" in lex.condition_marks and "say" in lex.report_verbs
    assert lex.asserted_intent_verbs <= lex.intent_verbs


@pytest.mark.parametrize("cols, code", [
    (["r", "PUNCH", "V", "hit", "", "-", "-", "-"], "E352"),
    (["r", "ASSAULT", "X", "hit", "", "-", "-", "-"], "E353"),
    (["r", "ASSAULT", "V", "hit", "colour=red", "-", "-", "-"], "E354"),
    (["r", "ASSAULT", "V", "hit", "", "-", "-", "frame:dance"], "E355"),
])
def test_bad_entries_raise_coded_errors(cols, code):
    with pytest.raises(DataFileError, match=code):
        parse_entry(cols, "triggers.tsv:1")


def test_parse_entry_reads_conditions_and_flags():
    e = parse_entry(["fire-x", "MOBILIZE", "V", "fire", "obj=missile|rocket;prep=at", "weapons", "150",
                     "targeted=ASSAULT"])
    assert e.obj == {"missile", "rocket"} and e.prep == {"at"} and e.targeted == "ASSAULT"
    assert e.specificity == 2
