"""The quote stage's data files load and hold what the rules rely on."""

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.lexicon import read_table
from newsgraph.quotes.lexicon import FRAMES, load_lexicon


def test_cue_verbs_include_reporting_verbs_beyond_said():
    lex = load_lexicon()
    for verb in ("say", "tell", "warn", "promise", "pledge", "insist", "add", "note", "argue",
                 "announce", "claim", "deny"):
        assert lex.frame(verb) in FRAMES, verb
    assert lex.frame("promise") == "promise"
    assert lex.frame("Said") is None  # lemmas only; lookups are case-insensitive
    assert lex.frame("SAY") == "say"


def test_speaker_words_and_nouns():
    lex = load_lexicon()
    assert lex.is_class("he", "person-pronoun") and lex.is_class("it", "thing-pronoun")
    assert lex.is_class("her", "determiner") and lex.is_class("her", "person-pronoun")
    assert lex.noun_class("statement") == "document"
    assert lex.noun_class("utility") == "body"
    assert lex.noun_class("mayor") is None


def test_lexicon_is_loaded_once():
    assert load_lexicon() is load_lexicon()


def test_malformed_line_names_file_and_line():
    with pytest.raises(NewsgraphError) as err:
        read_table("newsgraph.quotes", "bad.tsv", ("lemma", "frame"), text="# c\nlemma\tframe\nsay\n")
    assert err.value.code == "E305" and err.value.where == "newsgraph/quotes/data/bad.tsv:3"


def test_cue_frames_and_hearers():
    lex = load_lexicon()
    assert lex.frame("believe") == "belief" and lex.frame("expect") == "belief"
    assert lex.frame("find") == "finding" and lex.frame("show") == "finding"
    assert lex.frame("call") == "naming" and lex.frame("describe") == "naming"
    assert lex.tells("tell") and lex.tells("assure") and not lex.tells("say")
    assert lex.noun_class("spokesman") == "agent" and lex.noun_class("aide") == "agent"
    assert lex.is_class("nobody", "nobody-in-particular")


def test_object_cues_and_nouns_of_saying():
    lex = load_lexicon()
    assert lex.frame("call", "for") == "object" and lex.frame("call", "on") == "object"
    assert lex.frame("cite") == "object" and lex.frame("accuse") == "object"
    assert lex.frame("call") == "naming" and lex.frame("call", "off") is None
    assert lex.frame("ask") == "promise" and lex.tells("ask")
    assert lex.noun_frame("claim") == "say" and lex.noun_frame("pledge") == "promise"
    assert lex.noun_frame("plan") is None and lex.noun_frame("mayor") is None
