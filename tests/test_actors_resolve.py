"""The one resolver (newsgraph.actors.resolve): pronouns, role nouns and descriptions,
on sentences written for these tests (loads the spaCy model)."""

from __future__ import annotations

import re

import pytest

from newsgraph.actors import extract_actors
from newsgraph.actors.reftables import pairs
from newsgraph.actors.resolve import CLASSES, descriptions
from newsgraph.errors import NewsgraphError
from newsgraph.models import Article, Source, Span

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def run():
    from newsgraph.parse import load_model

    nlp = load_model().nlp

    def _run(text: str, **meta):
        art = Article("t", Source(None, "text", "0"), text, (Span(0, len(text)),), **meta)
        return extract_actors(art, nlp(text))

    return _run


def at(text, phrase, nth=0):
    """Offset of the nth occurrence of ``phrase`` as whole words."""
    return [m.start() for m in re.finditer(rf"\b{re.escape(phrase)}\b", text)][nth]


def refers(index, text, phrase, nth=0):
    """The actor a phrase (its nth whole-word occurrence) is a mention of, or None."""
    start = at(text, phrase, nth)
    for a in index.actors:
        for m in a.mentions:
            if m.start == start and m.end == start + len(phrase):
                return a
    return None


def rule_of(index, text, phrase):
    start = at(text, phrase)
    return next(m.rule for a in index.actors for m in a.mentions if m.start == start)


def test_role_noun_goes_to_the_person_holding_the_role(run):
    text = ("Chancellor Gordon Brown presented the budget on Monday. Prime Minister Tony Blair "
            "praised it.\n\nThe prime minister said the plan was sound. The chancellor told MPs "
            "that taxes would not rise.")
    idx = run(text)
    assert refers(idx, text, "The prime minister").name == "Tony Blair"
    assert refers(idx, text, "The chancellor").name == "Gordon Brown"
    assert rule_of(idx, text, "The prime minister").endswith(":role-noun")


def test_a_title_fits_its_portfolio_but_not_another_office(run):
    text = ("Foreign Minister Anna Berg met Prime Minister Karl Dahl in Oslo on Friday.\n\n"
            "The minister said the talks had gone well.")
    idx = run(text)
    assert refers(idx, text, "The minister").name == "Anna Berg"


def test_a_role_no_one_holds_never_goes_to_another_office_holder(run):
    text = ("Chancellor Gordon Brown presented the budget on Monday.\n\n"
            "The prime minister said the plan was sound.")
    idx = run(text)
    assert refers(idx, text, "The prime minister") is None


def test_organisation_descriptions_go_to_an_organisation_of_that_kind(run):
    text = ("Standard Life said its profits fell by a fifth. The insurer argued that markets "
            "were weak, and the company expects a recovery next year.")
    idx = run(text)
    assert refers(idx, text, "The insurer").name == "Standard Life"
    assert refers(idx, text, "the company").name == "Standard Life"


def test_a_description_takes_the_organisation_named_with_its_noun(run):
    text = ("The Northland Police Commission met on Tuesday, and Harbour Energy announced new "
            "prices.\n\nThe commission said the force needed more officers.")
    idx = run(text)
    assert refers(idx, text, "The commission").name == "Northland Police Commission"


def test_a_medium_that_is_only_told_something_is_no_antecedent(run):
    text = ("Tom Hale spoke to BBC Radio 4 on Monday.\n\n"
            "The union expects that talks will resume next week.")
    idx = run(text)
    assert refers(idx, text, "The union") is None


def test_person_description_goes_to_the_person_just_named(run):
    text = ("Omar Haddad works at a bakery in the old town.\n\n"
            "The 32-year-old baker says each day he learns new words.")
    idx = run(text)
    assert refers(idx, text, "The 32-year-old baker").name == "Omar Haddad"


def test_whoever_speaks_is_someone_but_a_collective_keeps_its_name(run):
    text = ("Lena Vogt runs the comic shop on Main Street.\n\n"
            "“Every artist starts somewhere,” says the bow-tied maverick.\n\n"
            "The opposition warned that taxes would rise.")
    idx = run(text)
    assert refers(idx, text, "the bow-tied maverick").name == "Lena Vogt"
    assert refers(idx, text, "The opposition") is None


def test_an_unknown_noun_before_its_cue_is_not_taken_for_a_person(run):
    text = "Lena Vogt runs the comic shop on Main Street.\n\nThe clip says the shop will close."
    idx = run(text)
    assert refers(idx, text, "The clip") is None


def test_a_public_office_no_one_was_given_stays_unresolved(run):
    text = ("Michelle Hart spoke at the rally on Monday.\n\n"
            "The president said the economy was strong.")
    idx = run(text)
    assert refers(idx, text, "The president") is None


def test_a_public_office_no_one_named_holds_is_its_unnamed_holder_in_the_home_state(run):
    text = ("Michelle Hart spoke at the rally on Monday.\n\n"
            "The prime minister said the economy was strong. Critics attacked the prime minister.")
    idx = run(text, publication="BBC News")
    pm = refers(idx, text, "The prime minister")
    assert (pm.kind, pm.name, pm.country, pm.country_from, pm.sector) \
        == ("person", "UK prime minister", "GBR", "home", "GOV")
    assert refers(idx, text, "the prime minister") is pm  # later references find the holder
    assert rule_of(idx, text, "The prime minister").endswith(":office-holder")
    assert refers(idx, text, "Michelle Hart").country is None  # never given to someone named
    text = "Michelle Hart spoke on Monday.\n\nThe president said the economy was strong."
    assert refers(run(text, publication="BBC News"), text, "The president") is None  # no UK office
    text = "Michelle Hart spoke on Monday.\n\nThe former prime minister said it was strong."
    assert refers(run(text, publication="BBC News"), text, "The former prime minister") is None
    text = "Michelle Hart spoke on Monday.\n\nThe senator said it was strong."  # one of many
    assert refers(run(text, publication="The Washington Post"), text, "The senator") is None


def test_a_courtesy_title_of_the_other_sex_is_another_person(run):
    text = ("Michael Hart spoke in Leeds. His wife Sandra was there. Mrs Hart said she was proud "
            "of him. Mr Hart thanked her.")
    idx = run(text)
    him, her = refers(idx, text, "Michael Hart"), refers(idx, text, "Mrs Hart")
    assert him is not None and her is not None and him.id != her.id
    assert refers(idx, text, "Mr Hart") is him and refers(idx, text, "she") is her
    text = "Mrs Hart arrived first. Sandra Hart said she was proud."  # the same person
    idx = run(text)
    assert refers(idx, text, "Mrs Hart") is refers(idx, text, "Sandra Hart")


def test_a_title_named_before_its_holder_goes_to_the_holder_named_next(run):
    text = ("Games should carry larger warnings, the trade and industry secretary has said.\n\n"
            "Patricia Hewitt said parents needed help.")
    idx = run(text, published="2005-03-01", publication="BBC News")
    assert refers(idx, text, "the trade and industry secretary").name == "Patricia Hewitt"
    idx = run(text, published="2016-03-01", publication="BBC News")  # she held it no longer
    assert refers(idx, text, "the trade and industry secretary") is None


def test_sole_offices_are_offices():
    from newsgraph.actors.lexicon import WORDS, lexicon

    assert set(WORDS.sole_offices) <= set(lexicon().roles)


def test_a_title_that_is_no_public_office_falls_back_to_the_person_just_named(run):
    text = ("Guenther Roth, the founder of the carmaker, showed the new model on Monday.\n\n"
            "“It will make money,” the lanky professor said.")
    idx = run(text)
    assert refers(idx, text, "the lanky professor").name == "Guenther Roth"


def test_the_government_is_the_state_named_before(run):
    text = "Japan launched a new trade policy on Monday. The government said exports would grow."
    idx = run(text)
    assert refers(idx, text, "The government").id == "JPN"


def test_pronoun_gender_comes_from_a_common_first_name(run):
    text = ("Michael Grant and Susan Reid met the mayor on Monday.\n\n"
            "“We agreed on nothing,” she said.")
    idx = run(text)
    assert refers(idx, text, "she").name == "Susan Reid"


def test_an_object_pronoun_is_never_its_own_verbs_subject(run):
    text = ("Chancellor Gordon Brown presented the budget. Prime Minister Tony Blair backed him "
            "in the vote.")
    idx = run(text)
    assert refers(idx, text, "him").name == "Gordon Brown"


def test_a_possessive_goes_to_the_subject_of_its_own_clause(run):
    text = ("I am talking about Pablo Reyes, who like Diego Luna was born in Mexico and made his "
            "way north to open a shop.")
    idx = run(text)
    assert refers(idx, text, "his").name == "Pablo Reyes"


def test_he_said_follows_the_chain_of_reporting_subjects(run):
    text = ("Kevin Moss said he would not run for the leadership.\n\n"
            "He said the party, along with a credit union run by his friend Martin Lowe, had "
            "helped the town.\n\n"
            "“They brought a lot of jobs,” he said.")
    idx = run(text)
    assert refers(idx, text, "he", nth=1).name == "Kevin Moss"


def test_a_gendered_pronoun_reaches_further_back_for_the_only_person_who_agrees(run):
    text = ("Nadia Karim runs the shelter on King Street.\n\n"
            "Many users report trouble finding housing.\n\n"
            "They say rents are too high.\n\n"
            "They also want more counselling.\n\n"
            "Some want more beds.\n\n"
            "“We need to listen to them,” she added.")
    idx = run(text)
    assert refers(idx, text, "she").name == "Nadia Karim"


def test_a_pronoun_can_point_back_to_an_unnamed_speaker(run):
    text = ("Kevin Moss leads the council.\n\n"
            "A spokeswoman for the council said the vote would go ahead. She added that the "
            "budget was balanced.")
    idx = run(text)
    start = at(text, "She")
    assert refers(idx, text, "She") is None
    ante = idx.antecedent(start, start + 3)
    assert ante is not None and text[ante[0]:ante[1]].endswith("spokeswoman")


def test_expletive_it_is_left_alone(run):
    text = "Acme Corp said prices would rise. It is clear that the market is weak."
    idx = run(text)
    assert refers(idx, text, "It") is None


def test_description_table_is_checked():
    tables = descriptions()
    assert tables.nouns["insurer"] == "business" and tables.nouns["report"] == "thing"
    assert set(tables.nouns.values()) <= CLASSES
    assert tables.first_names["mary"] == "f" and tables.first_names["john"] == "m"
    assert tables.gendered_nouns["son"] == "m" and tables.gendered_nouns["wife"] == "f"
    assert set(tables.gendered_nouns.values()) == {"m", "f"}
    with pytest.raises(NewsgraphError, match=r"descriptions.tsv:2: \[E305\] class 'bank' is not one of"):
        pairs("descriptions.tsv", CLASSES, text="noun\tclass\ninsurer\tbank\n")
    with pytest.raises(NewsgraphError, match=r"descriptions.tsv:2: \[E305\] 1 tab-separated cells"):
        pairs("descriptions.tsv", CLASSES, text="noun\tclass\ninsurer business\n")
    with pytest.raises(NewsgraphError, match="listed twice"):
        pairs("descriptions.tsv", CLASSES, text="noun\tclass\nfirm\tbusiness\nfirm\torg\n")


def test_a_title_with_a_party_goes_to_the_nearby_member(run):
    text = ("Charles Kenway has said turnout will rise.\n\n"
            "The Liberal Democrat leader predicted that concerns over schools would matter.\n\n"
            "Michael Hart denied a split in his party. The Tory leader said his team agreed.")
    idx = run(text)
    assert refers(idx, text, "The Liberal Democrat leader").name == "Charles Kenway"
    assert refers(idx, text, "The Tory leader").name == "Michael Hart"


def test_a_public_office_without_a_party_is_still_never_guessed(run):
    text = "Tony Blair met Michael Hart on Monday.\n\nThe prime minister said the talks went well."
    idx = run(text)
    assert refers(idx, text, "The prime minister") is None


def test_an_organisation_is_the_noun_set_next_to_its_name(run):
    text = ("Shares in engineering group Jarvis rose on Monday.\n\n"
            "Magazines will lose ads next year, according to media buying company Groupex Media. "
            "Ratehub Inc. sells loans.\n\n"
            "Ad revenue fell 16 per cent, the company wrote in a report.")
    idx = run(text)
    assert refers(idx, text, "the company").name == "Groupex Media"


def test_a_noun_that_names_a_person_gives_their_sex(run):
    text = ("Wendy Gale keeps no photos. Her son Kody Marsh died in 2015 after taking pills.\n\n"
            "The pills were sold at a party.\n\n"
            "Kody alone made the choice, she says.")
    idx = run(text)
    assert refers(idx, text, "she").name == "Wendy Gale"


def test_a_pronoun_resolved_once_fixes_the_sex_for_later_ones(run):
    text = ("Casey Moor met Jordan Tate in 2010.\n\n"
            "He had just moved to the city.\n\n"
            "In 2012 Casey Moor opened a shop with Jordan Tate.\n\n"
            "Later she said the day was perfect.")
    idx = run(text)
    assert refers(idx, text, "He").name == "Casey Moor"
    assert refers(idx, text, "she").name == "Jordan Tate"


def test_the_agent_of_a_verb_can_be_the_agency(run):
    text = ("The mayor said a study had been done by Metrovia.\n\n"
            "The agency told reporters it had done no such study.")
    idx = run(text)
    assert refers(idx, text, "The agency").name == "Metrovia"


def test_a_pronoun_is_never_the_antecedent_of_its_own_relative_clause(run):
    text = ("Alastair Campbell is at the centre of a row.\n\nForeign Secretary Jack Straw said he "
            "had good relations with Mr Campbell, who he described as very talented.")
    idx = run(text)
    assert refers(idx, text, "he", 1).name == "Jack Straw"  # "who" is Campbell: "he" is not


def test_the_main_clause_subject_before_a_subordinate_one(run):
    text = ("Speaking after Mr Brown had delivered the budget, Charles Kennedy praised the "
            "economy.\n\nBut he criticised the rebate.")
    idx = run(text)
    assert refers(idx, text, "he").name == "Charles Kennedy"


def test_a_title_followed_by_a_name_is_that_name_not_an_earlier_holder(run):
    text = ("Jane Roe, the chairman of the Lake Club, spoke first.\n\n"
            "The chairman of the Bar Society, Tom Poe said the plans were wrong.")
    idx = run(text)
    assert refers(idx, text, "The chairman") is None  # the mention is Tom Poe's name


@pytest.mark.parametrize("noun, body", [("party", "The Greens"), ("union", "The Fire Brigades Union")])
def test_the_party_is_a_party_and_the_union_a_union(run, noun, body):
    text = f"{body} met the Home Office on Monday. The {noun} said it was pleased."
    idx = run(text, publication="BBC News")
    assert refers(idx, text, f"The {noun}").name == body.removeprefix("The ")
    text = f"Acme Foods met the Home Office on Monday. The {noun} said it was pleased."
    assert refers(run(text, publication="BBC News"), text, f"The {noun}") is None


def test_a_party_description_goes_to_the_member_just_named_not_to_a_person_of_no_party(run):
    text = ("WASHINGTON - Republican Jane Roe spoke on Monday, joined by her daughter Ann Roe.\n\n"
            "The GOP candidate proposes a tax cut.")
    idx = run(text, published="2016-09-20")
    assert refers(idx, text, "The GOP candidate").name == "Jane Roe"
    text = ("WASHINGTON - Democrat Jane Roe spoke in Ohio on Monday.\n\n"
            "The Democratic presidential nominee said she would create jobs.")
    assert refers(run(text, published="2016-09-20"), text, "The Democratic presidential nominee").name == "Jane Roe"


def test_a_bare_surname_of_two_people_goes_to_the_one_named_more(run):
    text = ("Tom Poe spoke on Monday. Mr Poe said he backed the plan. His wife, Ann Poe, also spoke.\n\n"
            "Jim Low said he would not accept Poe's endorsement.")
    idx = run(text)
    assert refers(idx, text, "Poe", nth=3).name == "Tom Poe"


def test_the_city_is_the_place_the_article_called_a_city(run):
    text = ("The city of Phoenix asked the campaign to stop using the images. Florida is a key "
            "state.\n\nThe city sent a letter on Thursday.")
    idx = run(text)
    assert refers(idx, text, "Florida").kind == "location"  # the nearer place before it
    assert refers(idx, text, "The city", nth=1).name == "Phoenix"
