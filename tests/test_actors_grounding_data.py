"""The grounding tables of the actors stage: parties, publications, organs, offices, state
groups, and the home country of an article (no model needed)."""

from __future__ import annotations

import pytest

from newsgraph.actors import grounding, home, known, organs, parties, tables
from newsgraph.actors.gazetteer import gazetteer, load_countries
from newsgraph.actors.lexicon import lexicon
from newsgraph.lexicon import Row
from newsgraph.models import Article, Source, Span

# The 60 most populous electoral democracies (written for this test from general knowledge,
# with some margin on the borderline cases): each must have its parties in parties.tsv.
DEMOCRACIES = """IND USA IDN BRA PAK NGA BGD MEX JPN PHL DEU GBR FRA ZAF ITA KEN KOR COL ESP ARG
UKR POL CAN PER MYS GHA NPL AUS TWN LKA CHL ROU ECU GTM NLD SEN ZMB MWI BEL BOL DOM CZE GRC PRT
SWE HUN ISR AUT CHE BGR PRY DNK FIN NOR SVK IRL NZL CRI PAN HRV URY JAM MNG LTU""".split()


def test_parties_cover_the_largest_democracies():
    have = {p.country for p in parties.parties()}
    assert len(DEMOCRACIES) >= 60
    assert not [c for c in DEMOCRACIES if c not in have]


def test_party_states_and_names_are_known():
    countries = load_countries()
    table = parties.parties()
    assert all(p.country in countries and p.name for p in table)
    # a name that carries its state in parentheses shows without it ("Labour Party (Norway)")
    nor = next(p for p in table if p.key == "Labour Party (Norway)")
    assert (nor.name, nor.country) == ("Labour Party", "NOR")
    assert next(p for p in table if p.key == "Janata Dal (United)").name == "Janata Dal (United)"


def test_a_short_name_several_states_share_lists_them_all():
    forms = {f.text: f for fs in parties.party_forms().values() for f in fs}
    labour = {p.country for p in forms["Labour"].parties}
    assert {"GBR", "NZL", "IRL"} <= labour
    assert forms["Tory"].use == "adjective" and {p.country for p in forms["Tory"].parties} == {"GBR", "CAN"}
    assert forms["GOP"].acronym and forms["Lib Dems"].use == "alias"


def test_party_labels():
    labels = parties.label_parties()
    assert {p.country for p in labels["D"]} == {"USA"}
    assert {p.name for p in labels["Lab"]} >= {"Labour Party"}


@pytest.mark.parametrize("name, url, code, kind", [
    ("BBC News", None, "GBR", "broadcaster"), ("the guardian", None, "GBR", "newspaper"),
    ("The New York Times", None, "USA", "newspaper"), ("Le Monde", None, "FRA", "newspaper"),
    ("The Asahi Shimbun", None, "JPN", "newspaper"), ("Bangkok Post", None, "THA", "newspaper"),
    ("CBC News", None, "CAN", "broadcaster"), ("HuffPost Canada", None, "CAN", "online"),
    ("Huffington Post", None, "USA", "online"), ("Reuters", None, "GBR", "agency"),
    ("AFP", None, "FRA", "agency"), (None, "https://www.theglobeandmail.com/politics/x", "CAN", "newspaper"),
    ("Unknown Weekly", "https://news.bbc.co.uk/2/hi/uk_news/1.stm", "GBR", "broadcaster"),
])
def test_publication_lookup(name, url, code, kind):
    pub = home.publication(name, url)
    assert pub is not None and (pub.country, pub.kind) == (code, kind)


def test_unknown_publication():
    assert home.publication("The Village Crier", "https://example.org/a") is None


def test_publication_names_match_without_case_accents_or_the_in_any_script():
    assert home.publication("the SUEDDEUTSCHE zeitung", None).country == "DEU"
    assert home.publication("Süddeutsche Zeitung.", None).country == "DEU"
    # a name in another script keeps its letters: it matches nothing here, and no name whose
    # letters were all dropped ("" once matched every such name alike)
    assert home._key("Καθημερινή") == "καθημερινη" and home._key("朝日新聞") == "朝日新聞"
    assert home.publication("朝日新聞", None) is None


def _article(**kw) -> Article:
    return Article("t", Source(None, "text", "0"), "Body text.", (Span(0, 10),), **kw)


@pytest.mark.parametrize("kw, want", [
    ({"dateline": "OTTAWA", "publication": "BBC News"}, ("CAN", "dateline")),
    ({"dateline": "LONDON, Ont.", "publication": "BBC News"}, ("CAN", "dateline")),
    ({"dateline": "HONG KONG"}, ("CHN", "dateline")),
    ({"country": "TH", "origin": {"country": "footer"}, "publication": "BBC News"}, ("THA", "footer")),
    ({"country": "IE", "origin": {"country": "sidecar"}}, ("IRL", "sidecar")),
    ({"publication": "BBC News"}, ("GBR", "publication")),
    ({"publication": "Toronto Star"}, ("CAN", "publication")),
    ({"publication": "Reuters"}, None),  # an agency reports from everywhere
    ({}, None),
])
def test_home_country(kw, want):
    got = home.home_country(_article(**kw), gazetteer(), [])
    assert (None if got is None else (got.code, got.origin)) == want
    if got is not None:
        assert got.to_dict() == {"code": want[0], "from": want[1]}


def test_state_groups_and_states_cells():
    groups = tables.state_groups()
    assert "GBR" in groups["monarchies"] and "USA" not in groups["monarchies"]
    assert "USA" not in groups["ministers"] and "GBR" in groups["ministers"]
    every_but = tables.parse_states("*;-USA;-@monarchies", "test")
    assert "FRA" in every_but and "USA" not in every_but and "GBR" not in every_but
    assert tables.parse_states("GBR", "test").only() == "GBR"
    assert tables.parse_states("", "test").only() is None and not tables.parse_states("", "test")


@pytest.mark.parametrize("cell", ["XXY", "@nogroup", "GBR;-USA", "*;FRA"])
def test_bad_states_cell_is_a_coded_error(cell):
    with pytest.raises(ValueError, match=r"roles.tsv:3: \[E318\]"):
        tables.parse_states(cell, "roles.tsv:3")


def test_bad_rows_are_coded_errors(monkeypatch):
    def fake(rows_):
        return lambda name: tuple(Row(cells, f"{name}:{n}", n) for n, cells in rows_)

    monkeypatch.setattr(parties, "rows", fake([(4, {"country": "XXX", "name": "A Party", "aliases": "",
                                                     "adjectives": "", "labels": ""})]))
    parties.parties.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"parties.tsv:4: \[E315\]"):
            parties.parties()
    finally:
        parties.parties.cache_clear()
    monkeypatch.setattr(home, "rows", fake([(7, {"name": "X", "aliases": "", "domains": "",
                                                 "country": "GBR", "kind": "blog"})]))
    home.publications.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"publications.tsv:7: \[E316\]"):
            home.publications()
    finally:
        home.publications.cache_clear()
    monkeypatch.setattr(organs, "rows", fake([(9, {"form": "junta", "kind": "body", "sector": "GOV",
                                                   "states": "*", "name": ""})]))
    organs.organs.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"organs.tsv:9: \[E317\]"):
            organs.organs()
    finally:
        organs.organs.cache_clear()


ROE = {"country": "GBR", "name": "Jane Roe", "aliases": "", "party": "", "office": "Minister"}


@pytest.mark.parametrize("cells", [
    [ROE | {"country": "XXX"}],
    [ROE | {"party": "Whig Party"}],
    [ROE | {"aliases": "Roe"}],
    [ROE | {"office": ""}],
    [ROE, ROE | {"name": "Jane A Roe", "aliases": "Jane Roe", "country": "USA"}],  # two people
])
def test_bad_known_people_are_coded_errors(monkeypatch, cells):
    monkeypatch.setattr(known, "rows", lambda name: tuple(Row(c, f"{name}:{5 + n}", 5 + n)
                                                          for n, c in enumerate(cells)))
    known.known_people.cache_clear()
    try:
        with pytest.raises(ValueError, match=rf"people.tsv:{4 + len(cells)}: \[E319\]"):
            known.known_people()
    finally:
        known.known_people.cache_clear()


def test_known_people_table():
    people = known.known_people()
    assert len({p.name for p in people.values()}) >= 500
    countries = load_countries()
    assert all(p.country in countries for p in people.values())
    # spellings compare without accents, full stops or case
    assert known.known_person("george w. bush") is known.known_person("George W Bush")
    assert known.known_person("Tony Blair").country == "GBR"
    assert known.known_person("Tony Blair").party == "Labour Party"
    assert known.known_person("Blair") is None and known.known_person("Jane Roe") is None
    # offices with years: held in those years
    assert known.known_person("Gordon Brown").offices_in(2005) == ("chancellor",)
    assert known.known_person("Gordon Brown").offices_in(2008) == ("prime minister",)
    assert known.known_person("Gordon Brown").offices_in(2015) == ()


def test_office_terms_are_read_from_the_office_note():
    assert known._terms("Prime Minister 1997-2007; Chancellor 1989") == (
        ("prime minister", 1997, 2007), ("chancellor", 1989, 1989))
    assert known._terms("President 2006-2010 and 2014-2018; Home Secretary 2024-; a note") == (
        ("president", 2006, 2010), ("president", 2014, 2018), ("home secretary", 2024, None))


def test_wrong_number_of_columns():
    with pytest.raises(ValueError, match=r"newsgraph/actors/data/igos.tsv:4: \[E305\] 1 tab-separated"):
        tables.rows("igos.tsv", text="# c\nname\taliases\n1\t2\n3\n")
    with pytest.raises(ValueError, match=r"igos.tsv:2: \[E305\] the header names"):
        tables.rows("igos.tsv", text="# c\nname\talias\n")


@pytest.mark.parametrize("role, home_code, want", [
    ("MSP", None, ("GBR", "title")), ("Tory shadow chancellor", None, ("GBR", "title")),
    ("Taoiseach", "USA", ("IRL", "title")), ("Sen.", "USA", ("USA", "home")),
    ("Prime Minister", "CAN", ("CAN", "home")), ("Prime Minister", "USA", None),
    ("President", "GBR", None), ("President", "KEN", ("KEN", "home")),
    ("Welsh Health Minister", "GBR", ("GBR", "home")), ("minister", "USA", None),
    ("company president", "USA", None), ("club chairman", "GBR", None),
    ("spokesman", "GBR", None), ("ambassador", "GBR", None), ("Prince", "GBR", ("GBR", "home")),
])
def test_office_state(role, home_code, want):
    got = grounding.office_state(lexicon(), role, home_code)
    assert (None if got is None else got[:2]) == want


@pytest.mark.parametrize("role, office", [
    ("trade and industry secretary", "trade secretary"),
    ("Culture, Media and Sport Secretary", "culture secretary"),
    ("environment, food and rural affairs secretary", "environment secretary"),
    ("Tory trade and industry secretary", "trade secretary"),
    ("work and pensions secretary", "work and pensions secretary"),  # a title of its own
    ("industry and trade body secretary", "secretary"),  # no coordinated portfolio before the head
    ("research and development secretary", "secretary"),  # no conjunct is an office
])
def test_coordinated_portfolios_name_the_office_of_their_first(role, office):
    assert lexicon().office(role) == office


def test_a_portfolio_word_is_no_private_body():
    assert grounding.office_state(lexicon(), "trade and industry secretary", None)[:2] == ("GBR", "title")
    assert grounding.office_state(lexicon(), "industry body secretary", "GBR") is None


def test_a_shared_office_in_a_firm_gives_no_state():
    assert grounding.office_state(lexicon(), "president", "USA", affiliated=True) is None
    assert grounding.office_state(lexicon(), "minister", "CAN", affiliated=True)[:2] == ("CAN", "home")


def test_organ_shapes_and_states():
    assert organs.organ_by_shape(["Ministry", "of", "Defence"]).sector == "GOV"
    assert organs.organ_by_shape(["West", "Yorkshire", "Police"]).sector == "COP"
    assert organs.organ_by_shape(["Interior", "Ministry"]) is None  # usually another state's
    assert organs.organ_states("Home Office").only() == "GBR"
    assert "USA" in organs.organ_states("Congress") and organs.organ_states("Labour") is None
