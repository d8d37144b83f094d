"""Person precision: names that are no person of the story (``not-person.v1``) and names of
one person written two ways. Synthetic sentences; loads the spaCy model once."""

from __future__ import annotations

import pytest

from newsgraph.actors import extract_actors
from newsgraph.actors.nonpersons import cues, line_flags
from newsgraph.models import Article, Source, Span

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def persons():
    from newsgraph.parse import load_model

    nlp = load_model().nlp

    def _persons(text: str) -> set[str]:
        art = Article("t", Source(None, "text", "0"), text, (Span(0, len(text)),))
        idx = extract_actors(art, nlp(text))
        for a in idx.actors:
            for m in a.mentions:
                assert text[m.start:m.end] == m.text
        return {a.name for a in idx.actors if a.kind == "person"}

    return _persons


def test_cue_file_loads():
    c = cues()
    assert "read more" in c.promo_labels and "with files from" in c.credit_cues
    assert "reporter" in c.journalist_nouns and "riding" in c.place_nouns


def test_line_flags():
    text = "Body text here.\nREAD MORE: Another story\n(Jane Roe/Daily Wire) A dog in a park."
    lines = line_flags(text)
    assert lines.promo == {1} and lines.caption == {2}
    assert lines.of(text.index("Another")) == 1


def test_photo_credit_and_caption(persons):
    text = ("Mayor Harold Quint opened the new bridge on Monday.\n"
            "The bridge crosses the river near the old mill. (Dorothy Vance/Valley Press)\n"
            "Marcus Ostrow / The Valley Press Nadia Kerrigan waves at the crowd.\n"
            "Quint said the bridge cost less than planned.")
    got = persons(text)
    assert "Harold Quint" in got
    assert not {"Dorothy Vance", "Marcus Ostrow", "Nadia Kerrigan"} & got


def test_byline_signoff_and_author_note(persons):
    text = ("Gordon Pell, The Valley Press\n"
            "Mayor Harold Quint said the budget would pass.\n"
            "Arlene Whitby has the details.\n"
            "Rita Fenwick is a Valley-based reporter covering city hall.\n"
            "With files from Walter Bream and Ingrid Soames")
    got = persons(text)
    assert "Harold Quint" in got
    assert not {"Gordon Pell", "Arlene Whitby", "Rita Fenwick", "Walter Bream", "Ingrid Soames"} & got


def test_promo_line(persons):
    text = ("Councillor Harold Quint said the vote was close.\n"
            "READ MORE: Tax plan is unfair, says economist Daniel Ferreira\n"
            "Quint voted against the plan.")
    got = persons(text)
    assert "Harold Quint" in got and "Daniel Ferreira" not in got


def test_list_titles(persons):
    text = ("The nominees were announced on Monday.\n"
            "Helena Varga, Margaret Loves Winter\n"
            "Oscar Pendle (Jenny Comes Home)\n"
            "WINNER: Helena Varga")
    got = persons(text)
    assert "Helena Varga" in got
    assert not {"Margaret Loves Winter", "Margaret Loves", "Jenny Comes Home", "Jenny"} & got


def test_places_and_things(persons):
    text = ("Voters in Kenneth Ridge riding are angry, Mayor Harold Quint said.\n"
            "Rallies were held in Toronto, Ottawa and Lester Falls on Saturday.\n"
            "Quint praised the Wombats after the game and posted #GoWombatsGo online.\n"
            "Boyle Hall, a non-profit agency, runs the shelter. Boyle Hall opened in 2003.")
    got = persons(text)
    assert "Harold Quint" in got
    assert not {"Kenneth Ridge", "Lester Falls", "Wombats", "GoWombatsGo", "Boyle Hall"} & got


def test_name_variants_are_one_person(persons):
    text = ('Farida Al Mansour arrived in 2016. Al Mansour said the winters were hard.\n'
            'Later, Anne Marie Dufresne met her. Peter "Bulldog" Brankovic joined them.\n'
            'Brankovic said he was happy.')
    got = persons(text)
    assert "Farida Al Mansour" in got and "Al Mansour" not in got
    assert "Anne Marie Dufresne" in got and "Marie Dufresne" not in got
    assert "Peter Brankovic" in got and "Peter" not in got
