"""Name normalisation for linking, and its titles data file."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from newsgraph.lexicon import slug
from newsgraph.link.names import load_titles, name_tokens, person_id, surname_key


@pytest.mark.parametrize("name,tokens", [
    ("Fumio Kishida", ("Fumio", "Kishida")),
    ("Mr Kishida", ("Kishida",)),
    ("Mr. Kishida", ("Kishida",)),
    ("Prime Minister Fumio Kishida", ("Fumio", "Kishida")),
    ("US Secretary of State Antony Blinken", ("US", "Secretary", "of", "State", "Antony", "Blinken")),
    ("Secretary of State Antony Blinken", ("Antony", "Blinken")),
    ("Martin Luther King Jr.", ("Martin", "Luther", "King")),
    ("Kishida's", ("Kishida",)),
    ("President", ("President",)),
    ("", ()),
])
def test_name_tokens(name, tokens):
    assert name_tokens(name) == tokens


def test_ids_and_keys():
    assert person_id("Prime Minister Fumio Kishida") == "person:fumio-kishida"
    assert person_id("Mr Kishida") is None
    assert person_id("José Ramos-Horta") == "person:jose-ramos-horta"
    assert surname_key("Mr Hayashi") == surname_key("Yoshimasa Hayashi") == "surname:hayashi"
    assert surname_key("Ursula von der Leyen") == surname_key("von der Leyen") == "surname:leyen"
    assert surname_key("President") is None
    assert surname_key(None) is None
    assert person_id("习 近平") == "person:习-近平"


def test_titles_file():
    titles = load_titles()
    assert ("mr",) in titles and ("prime", "minister") in titles
    assert all(w == w.lower() and not w.endswith(".") for t in titles for w in t)
    assert [len(t) for t in titles] == sorted((len(t) for t in titles), reverse=True)


@given(st.text(max_size=40))
def test_normalisation_never_raises_and_ids_are_slugs(name):
    pid = person_id(name)
    key = surname_key(name)
    if pid is not None:
        assert pid.startswith("person:") and slug(pid[7:]) == pid[7:]
        assert key is not None  # a full name always has a surname
    if key is not None:
        assert key.startswith("surname:") and key[8:]
