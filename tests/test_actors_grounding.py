"""Grounding actors to the state they act for, on sentences written for these tests:
parties, offices, organs of the state and the article's home country (loads the model)."""

from __future__ import annotations

import pytest

from newsgraph.actors import extract_actors
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


def actor(index, text, words, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    a = index.at(start, start + len(words))
    assert a is not None, words
    return a


def grounded(index, text, words):
    a = actor(index, text, words)
    return a.country, a.country_from


BBC = {"publication": "BBC News"}
US = {"publication": "The Washington Post"}
CA = {"publication": "CBC News"}


def test_a_party_is_an_organisation_of_its_state(run):
    text = "The Tories attacked the plan. Labour said it would fight on, and the Lib Dems agreed."
    idx = run(text, **BBC)
    for words in ("Tories", "Labour", "Lib Dems"):
        a = actor(idx, text, words)
        assert (a.kind, a.sector, a.country) == ("organization", "PTY", "GBR"), words
    assert actor(idx, text, "Lib Dems").country_from == "party"  # one state has Lib Dems
    assert actor(idx, text, "Labour").country_from == "home"  # several have Labour
    assert not [a for a in idx.actors if a.kind == "person"]  # "Lib Dems" is no person
    assert idx.home_country.code == "GBR" and idx.home_country.origin == "publication"


def test_a_shared_short_name_takes_the_home_country_or_the_state_named(run):
    text = "Labour will govern alone after the vote."
    assert actor(run(text, publication="The New Zealand Herald"), text, "Labour").country == "NZL"
    text2 = "In Norway, Labour will govern alone after the vote."
    assert grounded(run(text2), text2, "Labour") == ("NOR", "article")
    bare = run(text).at(0, 6)  # no home country and no state named: no party, no state
    assert bare is None or (bare.country is None and bare.sector != "PTY")


def test_party_words_that_are_not_parties(run):
    text = "Labour costs rose and conservative estimates were cut, the green party said nothing."
    idx = run(text, **BBC)
    assert not [a for a in idx.actors if a.sector == "PTY"]


def test_a_member_takes_the_state_and_affiliation_of_the_party(run):
    text = ("Tory leader Jane Roe spoke first. Conservative health spokesman John Doe agreed, "
            "and Labour's Mary Poe, a former minister, disagreed. Sam Loe, Lib Dem co-chairman, "
            "said nothing.")
    idx = run(text, **BBC)
    for name in ("Jane Roe", "John Doe", "Mary Poe", "Sam Loe"):
        a = actor(idx, text, name)
        assert (a.country, a.country_from) == ("GBR", "party"), name
    assert actor(idx, text, "Jane Roe").affiliation == "Conservative Party"
    assert actor(idx, text, "Sam Loe").affiliation == "Liberal Democrats"
    assert actor(idx, text, "Sam Loe").sector == "PTY"  # a party office, not a firm's chairman


def test_us_parties_labels_and_titles(run):
    text = ("Democratic senator Ann Roe criticised the bill. Sen. Bob Doe (R-Texas) defended it, "
            "and Republican Carl Poe stayed silent.")
    idx = run(text, **US)
    for name in ("Ann Roe", "Bob Doe", "Carl Poe"):
        assert grounded(idx, text, name) == ("USA", "party"), name
    assert actor(idx, text, "Bob Doe").affiliation == "Republican Party"
    assert "Sen." in actor(idx, text, "Bob Doe").roles


def test_speaking_for_a_party(run):
    text = "For the Conservatives, Ann Roe said the figures did not add up."
    assert grounded(run(text, **BBC), text, "Ann Roe") == ("GBR", "party")


def test_a_party_title_said_of_a_person_makes_them_a_member(run):
    text = ("Ann Roe dismissed the figures on Monday.\n\nThe Tory leader said the plans were "
            "a start.\n\nBob Doe stayed silent. The Labour leader said nothing.")
    idx = run(text, **BBC)
    roe = actor(idx, text, "Ann Roe")
    assert (roe.country, roe.country_from, roe.affiliation) == ("GBR", "party", "Conservative Party")
    assert idx.at(text.index("The Tory leader"), text.index("The Tory leader") + 15).id == roe.id
    assert grounded(idx, text, "Bob Doe") == ("GBR", "party")
    assert actor(idx, text, "Bob Doe").affiliation.startswith("Labour")
    text = "Carl Poe, a Labour MP, replied. The Tory leader said nothing."
    idx = run(text, **BBC)
    assert actor(idx, text, "Carl Poe").affiliation.startswith("Labour")  # no one of another party


def test_a_courtesy_title_makes_a_surname_a_person(run):
    text = "Alastair Campbell spoke on Monday. Mr Campbell said nothing more."
    idx = run(text, **BBC)
    assert [a.kind for a in idx.actors if a.name.endswith("Campbell")] == ["person"]
    camp = actor(idx, text, "Campbell", nth=1)
    assert camp.id == "person:alastair-campbell"
    assert len([m for m in camp.mentions if text[m.start:m.end].endswith("Campbell")]) == 2


def test_a_director_general_holds_no_military_office(run):
    text = "Sir Ann Roe, the institute's director general, warned ministers."
    assert actor(run(text, **BBC), text, "Ann Roe").sector != "MIL"


def test_offices_ground_by_title_or_home_country(run):
    text = ("Shadow chancellor Ann Roe and MSP Bob Doe met Prime Minister Carl Poe and President "
            "Dan Moe.")
    idx = run(text)  # no home country
    assert grounded(idx, text, "Ann Roe") == ("GBR", "title")  # an office of one state
    assert grounded(idx, text, "Bob Doe") == ("GBR", "title")
    assert actor(idx, text, "Carl Poe").country is None
    idx = run(text, **BBC)
    assert grounded(idx, text, "Carl Poe") == ("GBR", "home")
    assert actor(idx, text, "Dan Moe").country is None  # the United Kingdom has no president
    assert "Prime Minister" in actor(idx, text, "Carl Poe").roles  # the office stays as written
    idx = run(text, **US)
    assert grounded(idx, text, "Dan Moe") == ("USA", "home")
    assert actor(idx, text, "Carl Poe").country is None  # nor the United States a prime minister


def test_canadian_offices(run):
    text = "Premier Ann Roe and Liberal MP Bob Doe met Ontario Premier Carl Poe in Ottawa."
    idx = run(text, **CA)
    assert grounded(idx, text, "Ann Roe") == ("CAN", "home")
    assert grounded(idx, text, "Bob Doe") == ("CAN", "party")
    assert grounded(idx, text, "Carl Poe") == ("CAN", "nationality")  # a province before the office


def test_nationality_and_region_words(run):
    text = ("Welsh Health Minister Ann Roe met French President Bob Doe and Kenya's foreign "
            "minister, Carl Poe. Dan Moe, a Texas lawyer, watched.")
    idx = run(text)
    assert grounded(idx, text, "Ann Roe") == ("GBR", "nationality")
    assert grounded(idx, text, "Bob Doe") == ("FRA", "nationality")
    assert grounded(idx, text, "Carl Poe") == ("KEN", "possessive")
    assert actor(idx, text, "Dan Moe").country is None  # a Texan lawyer holds no office of a state


def test_no_state_from_a_country_named_nearby(run):
    text = "Former minister Ann Roe condemned the war in Iraq, and Prince Bob visited Iraq."
    idx = run(text)
    assert actor(idx, text, "Ann Roe").country is None  # never IRQ
    idx = run(text, **BBC)
    assert grounded(idx, text, "Ann Roe") == ("GBR", "home")
    assert grounded(idx, text, "Bob") == ("GBR", "home")


def test_a_firm_office_gives_no_state(run):
    text = "Acme Corporation president Ann Roe and club chairman Bob Doe welcomed the ruling."
    idx = run(text, **US)
    assert actor(idx, text, "Ann Roe").country is None
    assert actor(idx, text, "Bob Doe").country is None


def test_organs_of_the_home_state(run):
    text = ("The government rejected the report. MPs voted against it, the Treasury said police "
            "had been warned, and the Home Office said nothing.")
    idx = run(text, **BBC)
    gov = actor(idx, text, "government")
    assert (gov.kind, gov.sector, gov.country, gov.country_from) == ("organization", "GOV", "GBR", "home")
    mps = actor(idx, text, "MPs")
    assert (mps.kind, mps.country, mps.members) == ("group", "GBR", ("GBR",))
    assert actor(idx, text, "police").sector == "COP"
    assert actor(idx, text, "Treasury").country == "GBR"
    ho = run(text).at(text.index("Home Office"), text.index("Home Office") + 11)
    assert ho is not None and (ho.country, ho.country_from) == ("GBR", "name")  # one state's office
    assert run(text).at(4, 14) is None  # no home country: "the government" is no one's


def test_an_organ_many_states_have_is_named_with_its_state(run):
    text = "The government rejected the report. MPs and the police said the Home Office had it."
    idx = run(text, **BBC)
    assert [actor(idx, text, w).name for w in ("government", "MPs", "police")] \
        == ["UK government", "UK MPs", "UK police"]
    assert actor(idx, text, "Home Office").name == "Home Office"  # one state's: as written
    french = run("The government said police had made arrests in Lyon.", publication="Le Monde")
    assert sorted(a.name for a in french.actors if a.kind == "organization") \
        == ["French government", "French police"]


def test_a_known_office_holder_named_in_full_takes_their_state(run):
    text = "Tony Blair met Angela Merkel on Monday. Mr Blair said the talks had gone well."
    idx = run(text)  # no home country, no state named
    assert grounded(idx, text, "Tony Blair") == ("GBR", "known")
    assert actor(idx, text, "Mr Blair").id == actor(idx, text, "Tony Blair").id
    assert actor(idx, text, "Tony Blair").affiliation == "Labour Party"
    assert grounded(idx, text, "Angela Merkel") == ("DEU", "known")
    text = "Blair said the talks had gone well, and Jane Roe agreed."
    idx = run(text)
    assert [a.country for a in idx.actors if a.kind == "person"] == [None, None]  # a surname alone is no one's
    text = "Tony Blair, a Canadian senator, said the talks had gone well."
    assert grounded(run(text), text, "Tony Blair") == ("CAN", "nationality")  # the text wins


def test_the_organ_of_a_place_too_small_for_the_gazetteer_is_the_home_states(run):
    text = "Thames Valley police said two men were held, and Kandahar police arrested a third."
    idx = run(text, **BBC)
    assert grounded(idx, text, "police") == ("GBR", "home")  # a local force of the home country
    kandahar = idx.at(text.index("Kandahar police") + 9, text.index("Kandahar police") + 15)
    assert kandahar is not None and kandahar.country == "AFG"  # a place the gazetteer knows
    assert not [a for a in run(text).actors if a.country == "GBR"]  # no home country: no state


def test_a_body_below_the_state_is_named_as_written_and_kept_apart(run):
    text = "The government and the assembly government disagreed, and local police stayed away."
    idx = run(text, **BBC)
    national, assembly = actor(idx, text, "government"), actor(idx, text, "assembly government")
    assert (assembly.name, assembly.country, assembly.sector) == ("assembly government", "GBR", "GOV")
    assert national.id == "org:government-gbr" and assembly.id != national.id
    assert actor(idx, text, "local police").id == "org:local-police-gbr"


def test_the_staff_of_a_person_with_a_state_act_for_it(run):
    text = ("Tony Blair spoke on Monday. Jane Roe, Blair's spokeswoman, said he was well, and "
            "Tom Poe, an aide to Mr Blair, agreed. Ann Low, Blair's sister, laughed.")
    idx = run(text)
    assert grounded(idx, text, "Jane Roe") == ("GBR", "affiliation")
    assert grounded(idx, text, "Tom Poe") == ("GBR", "affiliation")
    assert actor(idx, text, "Jane Roe").affiliation == "Tony Blair"
    assert grounded(idx, text, "Ann Low") == (None, None)  # family is no staff


def test_organs_that_belong_to_a_named_state_or_to_none(run):
    text = ("The British government and a government in exile argued, EU foreign ministers met, "
            "and Iraq's police were deployed.")
    idx = run(text, **BBC)
    assert not [a for a in idx.actors if a.id.startswith(("org:government", "group:ministers", "org:police"))]


def test_organ_named_by_a_party_or_as_an_organisation(run):
    text = "The Labour government and the Department for Transport defended West Midlands Police."
    idx = run(text, **BBC)
    assert grounded(idx, text, "government") == ("GBR", "party")
    assert actor(idx, text, "Department for Transport").country == "GBR"
    assert actor(idx, text, "Department for Transport").sector == "GOV"


def test_diet_is_no_parliament_without_japan(run):
    text = "Diet and exercise matter, the doctor said."
    assert not [a for a in run(text, **BBC).actors if a.sector == "LEG"]


def test_country_from_is_in_every_record(run):
    text = "Tory leader Jane Roe met the Japanese ambassador in London."
    idx = run(text, **BBC)
    for a in idx.actors:
        d = a.to_dict()
        assert "country_from" in d
        assert (d["country"] is None) == (d["country_from"] is None)


def test_nationality_before_a_ranked_office_but_not_before_a_topic(run):
    text = ("Ghanaian junior trade minister Ann Roe met Bob Doe, a Kenyan health policy expert at "
            "the Lakeside Institute.")
    idx = run(text)
    assert grounded(idx, text, "Ann Roe") == ("GHA", "nationality")
    assert actor(idx, text, "Bob Doe").country is None  # the policy is Kenyan, not the expert


def test_organisation_described_by_its_state(run):
    text = "Italian dairy firm Lattemilk Holdings collapsed, and a rival bought its farms."
    idx = run(text)
    assert grounded(idx, text, "Lattemilk Holdings") == ("ITA", "nationality")


def test_party_before_a_capitalised_portfolio_and_in_a_headline(run):
    text = "Lib Dems 'to cut fares'\nLib Dem Transport spokesman Ann Roe set out the plan."
    idx = run(text, **BBC)
    assert grounded(idx, text, "Ann Roe") == ("GBR", "party")
    assert not [a for a in idx.actors if a.kind == "person" and "Lib" in a.name]


def test_an_office_of_a_private_body_gives_no_state(run):
    # the office gives none; speaking for a national body of the home country gives its state
    text = "Dr Ann Roe, Welsh secretary of the Medical Practitioners Association, welcomed the plan."
    assert grounded(run(text, **BBC), text, "Ann Roe") == ("GBR", "affiliation")
    text = "Dr Ann Roe, Welsh secretary of the Acme Bank, welcomed the plan."
    assert actor(run(text, **BBC), text, "Ann Roe").country is None


def test_a_party_needs_its_state_in_play(run):
    text = "The Rwandan Patriotic Front won, and the National Front marched in Paris."
    idx = run(text)
    assert grounded(idx, text, "Rwandan Patriotic Front") == ("RWA", "party")
    assert grounded(idx, text, "National Front") == ("FRA", "article")  # Paris names France
    text2 = "The Patriotic Front won the vote."  # no state of such a party named
    assert not [a for a in run(text2).actors if a.sector == "PTY"]


def test_national_bodies_and_the_people_who_speak_for_them(run):
    text = ("The Public and Commercial Services Union said the plan was wrong. Jo Bloggs, "
            "secretary of the Royal Medical Association, welcomed it, as did the BBC.")
    ix = run(text, publication="BBC News")
    assert grounded(ix, text, "Public and Commercial Services Union") == ("GBR", "home")
    assert grounded(ix, text, "BBC") == ("GBR", "publication")
    assert grounded(ix, text, "Royal Medical Association") == ("GBR", "home")
    assert grounded(ix, text, "Jo Bloggs") == ("GBR", "affiliation")


def test_firms_and_agencies_are_no_national_bodies(run):
    text = "Acme Holdings said Reuters had reported its results."
    ix = run(text, publication="BBC News")
    assert actor(ix, text, "Acme Holdings").country is None


def test_a_foreign_story_grounds_its_unnamed_organs_to_the_state_it_is_about(run):
    text = ("Italian prosecutors questioned the businessman. The government said police would "
            "act. Italy has changed its rules since Italy's banks failed, and the unions protested.")
    ix = run(text, publication="BBC News")
    assert grounded(ix, text, "government") == ("ITA", "article")
    assert grounded(ix, text, "unions") == ("ITA", "article")


def test_a_domestic_story_keeps_the_home_country_though_it_names_a_foreign_state(run):
    text = ("Labour MPs said the war in Iraq had cost votes. Iraq was discussed again, "
            "and the government said the unions were wrong.")
    ix = run(text, publication="BBC News")
    assert grounded(ix, text, "government") == ("GBR", "home")
    assert grounded(ix, text, "unions") == ("GBR", "home")


def test_the_shadow_cabinet_and_shadow_ministers_are_the_opposition(run):
    text = ("The shadow cabinet met on Monday, and shadow home secretary David Davis spoke. "
            "The cabinet met on Tuesday.")
    idx = run(text, **BBC)
    shadow = actor(idx, text, "shadow cabinet")
    assert (shadow.sector, shadow.country) == ("OPP", "GBR")
    assert actor(idx, text, "cabinet", nth=1).id == "org:cabinet-gbr" != shadow.id
    assert actor(idx, text, "David Davis").sector == "OPP"


def test_a_policy_modifier_names_its_owner_but_other_modifiers_do_not(run):
    text = "Labour defended the government plans. Government bonds fell and the police chief resigned."
    idx = run(text, **BBC)
    assert actor(idx, text, "government").id == "org:government-gbr"  # the government's plans
    assert [a.id for a in idx.actors if a.kind == "organization" and a.sector in ("GOV", "COP")] \
        == ["org:government-gbr"]


def test_a_title_of_a_named_body_before_the_name(run):
    text = "The chairman of the Bar Society, Jane Roe said the plans were wrong."
    idx = run(text, **BBC)
    roe = actor(idx, text, "Jane Roe")
    assert (roe.roles, roe.affiliation) == (("chairman",), "Bar Society")
    text = "The president of France, Jacques Chirac said the plans were wrong."
    assert grounded(run(text), text, "Jacques Chirac") == ("FRA", "appositive")


def test_a_union_is_a_labour_body_of_the_home_state_and_its_leader_speaks_for_it(run):
    text = ("The Public and Commercial Services Union (PCS) joined the talks. PCS leader Jane Roe "
            "spoke, and the GMB union agreed.")
    idx = run(text, **BBC)
    pcs = actor(idx, text, "Commercial Services Union")
    assert (pcs.sector, pcs.country) == ("LAB", "GBR")
    roe = actor(idx, text, "Jane Roe")
    assert (roe.country, roe.country_from, roe.sector) == ("GBR", "affiliation", "LAB")
    assert actor(idx, text, "GMB").sector == "LAB"  # "the GMB union": the noun after the name


@pytest.mark.parametrize("text, name, sector", [
    # a state title held in a body that is no organ of a state is no state office
    ("Dr Ann Roe, Welsh secretary of the Royal Dental Association, said the plan would fail.",
     "Ann Roe", None),
    ("Sue Hart, press secretary of the Confederation of Bakers, said firms were worried.", "Sue Hart", None),
    # a title in a body of known sector takes the body's sector
    ("Tom Poe, general secretary of the Prison Officers Union, criticised the plan.", "Tom Poe", "LAB"),
    ("Jan Ode, president of the European Commission, said the talks would go on.", "Jan Ode", "IGO"),
    # a state body, or one that may be a state's organ, keeps the title's sector
    ("Mark Ode, spokesman for the Home Office, said the plan would go ahead.", "Mark Ode", "GOV"),
    ("Ann Low, secretary of the Electoral Commission, said the count was fair.", "Ann Low", "GOV"),
])
def test_a_title_held_in_a_body_takes_the_bodys_sector(run, text, name, sector):
    assert actor(run(text, **BBC), text, name).sector == sector


def test_a_party_word_before_a_policy_or_an_offer_names_the_party(run):
    text = "Ministers rejected a Conservative compromise offer and the Tory tax plan. Labour costs rose."
    idx = run(text, **BBC)
    assert actor(idx, text, "Conservative").id == actor(idx, text, "Tory").id == "org:conservative-party-gbr"
    assert idx.at(text.index("Labour"), text.index("Labour") + 6) is None  # "Labour costs": no party


def test_politicians_in_a_domestic_story_are_the_home_states(run):
    text = "The former minister urged politicians to speak from the heart."
    idx = run(text, **BBC)
    pols = actor(idx, text, "politicians")
    assert (pols.kind, pols.name, pols.country, pols.sector) == ("group", "UK politicians", "GBR", "ELI")
    assert run(text).at(text.index("politicians"), text.index("politicians") + 11) is None  # no home country


def test_a_noun_after_an_organ_s_name_that_is_no_kind_keeps_the_organ(run):
    text = "West Midlands Police officers arrested two men, and the GMB union protested."
    idx = run(text, **BBC)
    assert actor(idx, text, "West Midlands Police").sector == "COP"
    assert actor(idx, text, "GMB").sector == "LAB"


def test_a_title_in_the_plural_is_the_role_of_each_name_listed_after_it(run):
    text = "Tory MPs Jane Roe, Tom Poe and Ann Low spoke, and Labour MP Kim Yee and Bo Lee agreed."
    idx = run(text, **BBC)
    for name in ("Jane Roe", "Tom Poe", "Ann Low"):
        who = actor(idx, text, name)
        assert (who.roles, who.affiliation, who.country) == (("Tory MP",), "Conservative Party", "GBR"), name
    assert actor(idx, text, "Kim Yee").roles == ("Labour MP",)
    assert actor(idx, text, "Bo Lee").roles == ()  # a title in the singular is one person's
    text = "The two Green councillors, Jane Roe and Tom Poe, voted against it."
    idx = run(text, **BBC)
    assert actor(idx, text, "Tom Poe").roles == ("Green councillor",)


def test_an_organ_named_with_its_state_is_that_organ(run):
    text = "The US Justice Department sued Acme, and the British Home Office said nothing."
    idx = run(text)
    assert (actor(idx, text, "US Justice Department").sector, actor(idx, text, "US Justice Department").country) \
        == ("GOV", "USA")
    assert actor(idx, text, "British Home Office").sector == "GOV"


def test_a_party_title_that_is_no_office_of_the_state_is_a_party_office(run):
    text = ("Lib Dem home affairs spokesman Jane Roe spoke, Tory leader Tom Poe agreed and Labour MP "
            "Ann Low did not.")
    idx = run(text, **BBC)
    assert actor(idx, text, "Jane Roe").sector == "PTY"
    assert actor(idx, text, "Tom Poe").sector == "PTY"
    assert actor(idx, text, "Ann Low").sector == "LEG"  # an MP holds an office of the state
