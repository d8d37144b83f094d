"""Attributions beyond "X said" and who is never a speaker, on sentences written for these
tests (loads the spaCy model)."""

from __future__ import annotations

import pytest

from newsgraph import actors as actors_stage
from newsgraph.models import Article, Source, Span
from newsgraph.quotes import extract_quotes

pytestmark = pytest.mark.model


def analyse(text):
    from newsgraph.parse import parse

    article = Article("t", Source(None, "text", "t"), text, (Span(0, len(text)),))
    doc = parse(text)
    return extract_quotes(article, doc, actors_stage.extract_actors(article, doc))


def find(quotes, start_of_text):
    hits = [q for q in quotes if q.text.startswith(start_of_text)]
    assert hits, f"no quote starting {start_of_text!r} in {[q.text for q in quotes]}"
    return hits[0]


def texts(quotes):
    return [q.text for q in quotes]


# -- never a speaker ---------------------------------------------------------------

def test_a_time_expression_is_never_the_speaker():
    text = ("Jane Holt presented the plan on Monday.\n\n"
            "But this financial year, because of high prices, she said the duty would be frozen.")
    q = find(analyse(text), "the duty would be frozen")
    assert q.speaker.name == "Jane Holt"


def test_a_medium_told_something_is_never_the_speaker():
    text = ("Tom Hale leads the dockers' union.\n\n"
            "The plan is flawed, he told BBC Radio 4.\n\n"
            "Hale told the Daily Courier that the strike would go on.")
    quotes = analyse(text)
    assert find(quotes, "The plan is flawed").speaker.name == "Tom Hale"
    assert find(quotes, "the strike would go on").speaker.name == "Tom Hale"


def test_a_person_who_speaks_wins_over_the_document_named_with_according_to():
    text = ("Tom Hale spoke in Leeds on Monday.\n\n"
            "According to an advance text of the speech, he told delegates that the union "
            "would fight the cuts.")
    q = find(analyse(text), "the union would fight")
    assert q.speaker.name == "Tom Hale" and q.cue.text == "told"


def test_the_quote_own_words_are_never_its_speaker():
    text = ("Rosa Diaz spoke after the vote.\n\n"
            "“The campaign is in panic mode. Full panic mode,” said Diaz, a party organiser.")
    q = find(analyse(text), "The campaign is in panic mode")
    assert q.speaker.name == "Rosa Diaz"


# -- attributions beyond "said" ------------------------------------------------------

def test_according_to_names_the_source():
    text = "According to the health ministry, 40 people were taken to hospital on Sunday."
    q = find(analyse(text), "40 people were taken")
    assert q.speaker.name == "health ministry" and q.rule.endswith(":according-to")


def test_told_someone_that_keeps_the_teller():
    text = "Ana Ruiz told reporters on Friday that the deal was close."
    q = find(analyse(text), "the deal was close")
    assert q.speaker.name == "Ana Ruiz" and q.cue.text == "told"


def test_participle_saying_shares_its_subject():
    text = "Mark Ellis rejected the offer, saying the terms were unfair."
    q = find(analyse(text), "the terms were unfair")
    assert q.speaker.name == "Mark Ellis" and q.cue.text == "saying"


@pytest.mark.parametrize("verb", ["added", "noted", "insisted", "argued", "claimed",
                                  "acknowledged", "warned", "explained", "suggested"])
def test_reporting_verbs_beyond_said(verb):
    text = f"Carla Mendes {verb} that the bridge would need years of repairs."
    q = find(analyse(text), "the bridge would need")
    assert q.speaker.name == "Carla Mendes" and q.cue.text == verb


def test_a_participle_after_the_object_belongs_to_the_subject():
    text = "Mark Ellis e-mailed Ruth Gale about the plan, suggesting the vote would be close."
    q = find(analyse(text), "the vote would be close")
    assert q.speaker.name == "Mark Ellis"


def test_of_several_parsed_subjects_the_one_next_to_the_cue_speaks():
    text = "The mayor will host a news conference every morning, Tory co-chairman Liam Fox said."
    q = find(analyse(text), "The mayor will host")
    assert q.speaker.name == "Liam Fox"


def test_a_reported_clause_the_parse_hung_as_an_adverbial():
    text = "Rita Sol said after the meeting she would not accept the offer."
    q = find(analyse(text), "after the meeting she would not accept")
    assert q.speaker.name == "Rita Sol" and q.rule.endswith(":reported-clause")


def test_in_a_statement_the_subject_speaks():
    text = "In a statement, Harbour Energy said it would cut prices in May."
    q = find(analyse(text), "it would cut prices")
    assert q.speaker.name == "Harbour Energy"


def test_long_held_positions_record_their_cue():
    text = "Senator Paul Ward has long argued that the tax favours the rich."
    q = find(analyse(text), "the tax favours")
    assert q.speaker.name == "Paul Ward" and q.cue.text == "argued"


def test_beliefs_and_expectations_are_attributions_with_their_cue():
    text = ("Lena Park believes that the market will recover. The union expects that talks "
            "will resume next week, and Tom Hale thinks the government will back down.")
    quotes = analyse(text)
    q = find(quotes, "the market will recover")
    assert q.speaker.name == "Lena Park" and q.cue.text == "believes"
    assert q.rule.endswith(":reported-belief")
    assert find(quotes, "talks will resume").cue.text == "expects"
    assert find(quotes, "the government will back down").speaker.name == "Tom Hale"


def test_thinking_in_passing_is_no_attribution():
    text = ("I think the plan will fail. No one knows how the fire started. "
            "Rita Sol saw what she thought was a wolf. Investigators do not know who set it.")
    assert texts(analyse(text)) == []


def test_polls_and_studies_speak_for_their_authors():
    text = ("A poll by the Daily Courier shows that most voters back the strike.\n\n"
            "Researchers at Eastfield University found that rents rose by a third.\n\n"
            "The survey suggests most tenants cannot move.\n\n"
            "She found out the shop had closed.")
    quotes = analyse(text)
    q = find(quotes, "most voters back the strike")
    assert q.speaker.name == "Daily Courier" and q.rule.endswith(":reported-finding")
    assert find(quotes, "rents rose").cue.text == "found"
    assert find(quotes, "most tenants cannot move").speaker.name == "survey"
    assert not any(t.startswith("the shop had closed") for t in texts(quotes))


def test_what_someone_calls_something_is_an_attribution():
    text = ("Lawrence Kemp called the merger a costly mistake. Rescuers described the storm "
            "as the worst in decades. Calgary MP Jane Rempel called the minister a “chicken” "
            "on Twitter.")
    quotes = analyse(text)
    q = find(quotes, "a costly mistake")
    assert q.speaker.name == "Lawrence Kemp" and q.rule.endswith(":reported-naming")
    assert find(quotes, "the worst").speaker.name == "Rescuers"
    chicken = find(quotes, "chicken")
    assert chicken.kind == "direct" and chicken.speaker.name == "Jane Rempel"


def test_attribution_set_off_inside_the_sentence_it_reports():
    text = ("Mayor Tom Hale opened the bridge in Leeds.\n\n"
            "Police, the mayor says, have no plans to close the road. Too often, he says, "
            "young drivers ignore the rules.")
    quotes = analyse(text)
    assert find(quotes, "Police").speaker.name == "Tom Hale"
    q = find(quotes, "have no plans to close the road")
    assert q.speaker.name == "Tom Hale" and q.rule.endswith(":reported-clause-around")
    assert find(quotes, "young drivers ignore the rules").speaker.name == "Tom Hale"


def test_unnamed_officials_speak_with_whom_they_belong_to():
    text = ("Tom Hale leads the dockers' union. Hillary Clinton is a candidate.\n\n"
            "Hale's spokesman said the claims were false. Aides to Clinton said she would not "
            "resign. A senior Treasury official said the plan was dead. Sources close to the "
            "union said talks had failed.")
    quotes = analyse(text)
    spokesman = find(quotes, "the claims were false").speaker
    assert spokesman.name == "spokesman" and spokesman.actor is None
    assert spokesman.affiliation == "Tom Hale" and spokesman.to_dict()["affiliation"] == "Tom Hale"
    assert find(quotes, "she would not resign").speaker.affiliation == "Hillary Clinton"
    assert find(quotes, "the plan was dead").speaker.affiliation == "Treasury"
    sources = find(quotes, "talks had failed").speaker
    assert sources.name == "Sources" and sources.affiliation is not None


def test_role_nouns_and_descriptions_speak_as_the_actor_they_refer_to():
    text = ("Prime Minister Tony Blair opened the debate. Standard Life said profits fell.\n\n"
            "“This is a good budget,” the prime minister said. The insurer argued that markets "
            "were weak.")
    quotes = analyse(text)
    q = find(quotes, "This is a good budget")
    assert q.speaker.name == "Tony Blair" and q.speaker.actor == "person:tony-blair"
    assert find(quotes, "markets were weak").speaker.name == "Standard Life"


def test_an_unresolved_pronoun_keeps_no_name():
    text = "“We will win,” he said."
    q = find(analyse(text), "We will win")
    assert q.speaker is not None and q.speaker.name is None
