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


# -- second round: passives, control, participles, objects, nouns of saying ------------

def test_a_passive_cue_subject_is_never_the_speaker():
    text = ("Tom Hale ran the depot for years.\n\n"
            "Late that night, Hale was too tired to drive, having been told he could lose his job.\n\n"
            "Some were so angry when the tax was announced they marched on the town hall.")
    quotes = analyse(text)
    assert not any(t.startswith("he could lose his job") for t in texts(quotes))
    assert not any("marched on the town hall" in t for t in texts(quotes))


def test_quoted_as_saying_keeps_the_one_quoted():
    text = "Inspector Ana Ruiz spoke on Monday. She was quoted as saying that officers were investigating."
    q = find(analyse(text), "officers were investigating")
    assert q.speaker.name == "Ana Ruiz"


def test_a_bare_participle_clause_is_asked_not_asking():
    text = ("Dana Lowe was at the meeting.\n\n"
            "Asked what she would tell the council, Lowe said: “Just listen to us.”")
    quotes = analyse(text)
    assert not any(t.startswith("what she would tell") for t in texts(quotes))
    assert find(quotes, "Just listen to us").speaker.name == "Dana Lowe"


def test_an_infinitive_after_an_object_belongs_to_the_object():
    text = "The storm broke the water plant, prompting the city to urge residents to save water."
    q = find(analyse(text), "to save water")
    assert q.speaker.name == "city" and q.cue.text == "urge"


def test_a_reporting_participle_after_a_clause_goes_to_the_reporter():
    text = ("Ben Hart argued that the move hurt his group, noting the board often lobbies its "
            "members. Hart said the vote was unfair, adding the members had not been told.")
    quotes = analyse(text)
    assert find(quotes, "the board often lobbies").speaker.name == "Ben Hart"
    assert find(quotes, "the members had not been told").speaker.name == "Ben Hart"


def test_a_speaker_is_called_by_the_name_given_to_them():
    text = ("A flood agency official in Kelmar province named Joko told reporters most victims "
            "were tourists. His mother, Giselle, said her son had copied the game.")
    quotes = analyse(text)
    assert find(quotes, "most victims were tourists").speaker.name == "Joko"
    assert find(quotes, "her son had copied").speaker.name == "Giselle"


def test_a_document_sent_by_someone_speaks_for_its_sender():
    text = ("A statement e-mailed to the Daily Courier by Rhea Bond, who joined the board in May, "
            "said the station would comply.")
    q = find(analyse(text), "the station would comply")
    assert q.speaker.name == "Rhea Bond"


def test_demands_charges_and_citations_are_attributions_of_their_object():
    text = ("In July, the Harbour Union called for a moratorium on new schools in a statement. "
            "Rita Sol called on the mayor to resign. Tom Hale accused the board of hiding the "
            "costs. Lena Park cited the rising rents as proof of failure.")
    quotes = analyse(text)
    q = find(quotes, "a moratorium on new schools")
    assert q.speaker.name == "Harbour Union" and q.rule.endswith(":reported-object")
    assert q.cue.text == "called" and "statement" not in q.text
    assert find(quotes, "the mayor to resign").speaker.name == "Rita Sol"
    assert find(quotes, "the board of hiding the costs").speaker.name == "Tom Hale"
    assert find(quotes, "the rising rents as proof").speaker.name == "Lena Park"


def test_call_with_an_object_before_for_names_not_demands():
    text = "Clara Voss called her vote for the war a mistake. Rita Sol described the plan as reckless."
    quotes = analyse(text)
    assert not any(q.rule.endswith(":reported-object") for q in quotes)
    assert find(quotes, "reckless").rule.endswith(":reported-naming")


def test_a_negated_naming_names_nothing():
    text = "The word doesn't describe the sweet known as nougat."
    assert texts(analyse(text)) == []


def test_requests_with_ask():
    text = ("The commission asked Judge Ray Holm, a former magistrate, to look into the police "
            "board. Lawmakers also asked whether the deals required the witnesses to cooperate.")
    quotes = analyse(text)
    assert find(quotes, "to look into the police board").speaker.name == "commission"
    assert find(quotes, "whether the deals required").speaker.name == "Lawmakers"


def test_nouns_of_saying_with_their_owner():
    text = ("Fact checkers examined Tom Hale's claim that there were thousands of thefts. "
            "Rita Sol renewed her pledge to build a new bridge. The claim that the vote was "
            "rigged is false. Ben Hart defended his plan to close the school.")
    quotes = analyse(text)
    q = find(quotes, "there were thousands of thefts")
    assert q.speaker.name == "Tom Hale" and q.cue.text == "claim" and q.rule.endswith(":reported-noun")
    assert find(quotes, "to build a new bridge").speaker.name == "Rita Sol"
    assert not any("rigged" in t or "close the school" in t for t in texts(quotes))


def test_set_off_attributions_end_at_their_own_words():
    text = ("Dr. Paul Ward runs the clinic.\n\n"
            "The pills have a narrow use, he says, and are meant only for short courses. "
            "There is a real satisfaction, insists 16-year-old Xander Wise, in finishing a book. "
            "It is on the premier's watch, Ward said, that the clinic lost its funding.")
    quotes = analyse(text)
    assert find(quotes, "The pills have a narrow use").speaker.name == "Paul Ward"
    assert find(quotes, "and are meant only for short courses").speaker.name == "Paul Ward"
    assert find(quotes, "There is a real satisfaction").speaker.name == "Xander Wise"
    assert find(quotes, "in finishing a book").speaker.name == "Xander Wise"
    assert find(quotes, "It is on the premier's watch").rule.endswith(":reported-clause-around")
    assert find(quotes, "the clinic lost its funding").speaker.name == "Paul Ward"


def test_a_set_off_cue_that_introduces_a_quotation_quotes_nothing_before_it():
    text = ("Mayor Tom Hale spoke to reporters.\n\n"
            "When told of the agency's statement, he said, “I never said there was a study.”\n\n"
            "Yet, she says, the road stays open.")
    quotes = analyse(text)
    assert not any(t.startswith("When told") or t == "Yet" for t in texts(quotes))
    assert find(quotes, "I never said there was a study").speaker.name == "Tom Hale"


def test_said_with_a_gerund_or_a_clause_hung_on_in_a_statement():
    text = ("Coach Peter Vale said having Erik Lund back on the ice was a big boost. "
            "Governor Ana Ruiz said in a statement that the new bridge would open in May.")
    quotes = analyse(text)
    assert find(quotes, "having Erik Lund back").speaker.name == "Peter Vale"
    assert find(quotes, "the new bridge would open").speaker.name == "Ana Ruiz"


def test_a_relative_clause_wrapped_round_its_cue_starts_after_it():
    text = "Emma Roy stayed in hospital with two wounds that police said did not look self-inflicted."
    q = find(analyse(text), "did not look self-inflicted")
    assert q.speaker.name == "police" and q.text.startswith("did")


def test_short_infinitive_contents():
    text = "After her son died, Wendy Gale urged police to investigate."
    q = find(analyse(text), "to investigate")
    assert q.speaker.name == "Wendy Gale"


def test_a_quotation_after_a_colon_takes_the_subject_of_its_clause():
    text = ("Dr. Rob Strang says the drugs are overused.\n\n"
            "Dave Martell, the addictions doctor on the coast, is more blunt: \"With this new "
            "monitoring, I think they will find things that are horrifying.\"\n\n"
            "Interest waned in May when Elon Musk again took to Twitter with this: \"We will "
            "build the car in Berlin next year.\"")
    quotes = analyse(text)
    assert find(quotes, "With this new monitoring").speaker.name == "Dave Martell"
    assert find(quotes, "We will build the car").speaker.name == "Elon Musk"


def test_a_relative_who_after_a_predicate_noun_stands_for_the_subject():
    text = "Tom Reed is a serial liar and a showman who has repeatedly pledged to ban all imports."
    q = find(analyse(text), "to ban all imports")
    assert q.speaker.name == "Tom Reed"


def test_no_quote_on_a_line_linking_to_another_story():
    text = ("Budget talks resumed in Ottawa on Monday.\n"
            "READ MORE: Budget won't balance until 2040, Finance Department says\n"
            "The minister said the budget would balance next year.")
    quotes = analyse(text)
    assert texts(quotes) == ["the budget would balance next year"]


def test_the_grounds_given_for_a_statement_are_part_of_it():
    text = ("Mr Hale said the alliance must develop new tools, citing the buildup on the border. "
            "The union called the deal a betrayal, citing the loss of 200 jobs.")
    quotes = analyse(text)
    assert not any(t.startswith("the buildup on the border") for t in texts(quotes))
    assert find(quotes, "the loss of 200 jobs").speaker.name == "union"


def test_whose_message_follows_a_colon_speaks_it():
    text = ("Sir Digby Jones said stability was all important.\n\n"
            "His message to the chancellor was: “Please don't give it away before the election.”\n\n"
            "Her reply was: “We will spend it on schools.”")
    quotes = analyse(text)
    assert find(quotes, "Please don't give it away").speaker.name == "Digby Jones"
    assert find(quotes, "We will spend it on schools").speaker.name != "reply"


def test_told_a_hearer_that_reports_the_clause_the_parse_hung_on_the_hearer():
    text = ("Ann Marsh spoke in Leeds last week.\n\n"
            "In Leeds last week, Ann Marsh told a meeting of council leaders that few towns "
            "understood the cost of the floods better than theirs.")
    q = find(analyse(text), "few towns understood")
    assert q.speaker.name == "Ann Marsh" and q.cue.text == "told"


def test_a_gerund_after_by_is_said_by_the_clauses_subject():
    text = "Ann Marsh courted the voters by telling them that the town had been forgotten."
    q = find(analyse(text), "the town had been forgotten")
    assert q.speaker.name == "Ann Marsh" and q.cue.text == "telling"


def test_a_clause_before_a_semicolon_is_not_what_the_cue_reports():
    text = "It is an unlikely outcome; Ann Marsh says the council will meet again next week."
    assert texts(analyse(text)) == ["the council will meet again next week"]


@pytest.mark.parametrize("sentence, first, second, cue", [
    ("The Kestrel Republic said it was firmly opposed to the test and warned its neighbour "
     "to refrain from further launches.", "it was firmly opposed to the test",
     "to refrain from further launches", "warned"),
    ("Mayor Ann Reyes said the roads were closed and asked drivers to stay at home.",
     "the roads were closed", "to stay at home", "asked"),
    ("Finance Minister Tom Ode said the plan would cost millions and added that it would be "
     "reviewed next year.", "the plan would cost millions", "it would be reviewed next year", "added"),
])
def test_a_second_report_joined_to_the_content_is_a_quote_of_its_own(sentence, first, second, cue):
    """ "X said A and warned B": the parse makes the second cue a conjunct inside A, but
    it reports on its own, for the same speaker."""
    quotes = analyse(sentence)
    a, b = find(quotes, first), find(quotes, second)
    assert a.text == first and b.text == second
    assert b.cue.text == cue and b.speaker is not None and b.speaker.name == a.speaker.name


def test_a_conjunct_that_reports_nothing_stays_in_the_content():
    q = find(analyse("Senator Lena Moss said she had read the report and agreed with its findings."),
             "she had read the report")
    assert q.text == "she had read the report and agreed with its findings"


@pytest.mark.parametrize("text, name", [
    ('The crowd cheered for Maria Lenz, the veteran boxer who says she will "fight on."', "Maria Lenz"),
    ("Fans welcomed Hart, a striker who said he would stay at the club.", "Hart"),
])
def test_a_description_in_apposition_to_a_name_speaks_as_that_name(text, name):
    assert analyse(text)[0].speaker.name == name


@pytest.mark.parametrize("text, start, name", [
    ("Economist Jane Roe wrote in a recent report for the Harbour Institute that ports were "
     "failing.\nSpending on ports has fallen by 8 per cent since 2016, the report said.",
     "Spending on ports", "Jane Roe"),
    ("A report by the Kestrel Foundation was published on Monday.\nThe report said most schools "
     "lacked heating.", "most schools lacked heating", "Kestrel Foundation"),
])
def test_the_document_speaks_for_the_author_of_its_earlier_mention(text, start, name):
    assert find(analyse(text), start).speaker.name == name


def test_who_obtained_or_saw_a_document_did_not_write_it():
    text = "According to a memo obtained by The Daily Courier, the fund believed in the papers."
    assert find(analyse(text), "the fund believed").speaker.name == "memo"
