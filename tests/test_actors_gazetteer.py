"""The actors stage's data tables and the country lookup (no model needed)."""

from __future__ import annotations

import pycountry
import pytest

from newsgraph.actors.gazetteer import gazetteer, load_countries, load_regions, lookup_country
from newsgraph.actors.lexicon import lexicon

# Kosovo has no ISO code; XKX is the user-assigned code the EU, IMF and World Bank use.
NON_ISO = {"XKX"}


def test_every_un_member_and_observer_is_present():
    rows = load_countries()
    members = [c for c, *_ in rows.values() if c.status == "member"]
    observers = {c.alpha3 for c, *_ in rows.values() if c.status == "observer"}
    assert len(members) == 193
    assert observers == {"VAT", "PSE"}
    for code in ("TWN", "XKX", "ESH", "HKG", "MAC"):
        assert code in rows


def test_codes_agree_with_iso_3166():
    for a3, (c, *_rest) in load_countries().items():
        if a3 in NON_ISO:
            continue
        iso = pycountry.countries.get(alpha_3=a3)
        assert iso is not None, a3
        assert iso.alpha_2 == c.alpha2, a3


def test_territories_name_a_known_parent():
    rows = load_countries()
    for c, *_ in rows.values():
        if c.parent:
            assert c.status == "territory" and c.parent in rows


def test_regions_belong_to_known_countries():
    rows = load_countries()
    regions = load_regions()
    assert len(regions) > 200
    assert all(p.code in rows and p.kind in ("region", "city") for p in regions)


@pytest.mark.parametrize("name, code", [
    ("Thailand", "THA"), ("Russia", "RUS"), ("Turkey", "TUR"), ("Ivory Coast", "CIV"),
    ("Burma", "MMR"), ("Kosovo", "XKX"), ("the United States", "USA"), ("U.S.", "USA"),
    ("US", "USA"), ("UK", "GBR"), ("DPRK", "PRK"), ("ROK", "KOR"), ("PRC", "CHN"),
    ("North Korea's", "PRK"), ("the Netherlands", "NLD"), ("Czech Republic", "CZE"),
    ("Taiwan", "TWN"), ("Western Sahara", "ESH"), ("Palestine", "PSE"), ("Hong Kong", "HKG"),
    ("  thailand  ", "THA"),
])
def test_lookup_country(name, code):
    c = lookup_country(name)
    assert c is not None and c.alpha3 == code
    assert len(c.alpha2) == 2 and c.name


@pytest.mark.parametrize("name", ["", "us", "Atlantis", "Japanese", "Tokyo", "Xinjiang", "Serbia and"])
def test_lookup_country_rejects_non_country_names(name):
    assert lookup_country(name) is None


def test_kosovo_is_not_serbia():
    assert lookup_country("Kosovo").alpha3 == "XKX"
    assert lookup_country("Serbia").alpha3 == "SRB"


def test_forms_by_kind():
    g = gazetteer()
    assert g.lookup("Japanese").kind == "demonym" and g.lookup("Japanese").code == "JPN"
    assert g.lookup("North Korean").code == "PRK"
    assert g.lookup("Beijing").kind == "capital" and g.lookup("Beijing").code == "CHN"
    assert g.lookup("Kremlin").code == "RUS"
    assert g.lookup("Xinjiang").kind == "region" and g.lookup("Xinjiang").code == "CHN"
    assert g.lookup("Hokkaido").code == "JPN"


def test_every_member_has_a_demonym():
    # "Congolese" and "Dominican" are shared; the table gives them to COD and DOM only.
    missing = [c.alpha3 for c, _aliases, adjectives, _caps in load_countries().values()
               if c.status == "member" and not adjectives]
    assert missing == ["COG", "DMA"]
    assert gazetteer().lookup("Congolese").code == "COD"
    assert gazetteer().lookup("Dominican").code == "DOM"


def test_lexicon_tables():
    lex = lexicon()
    assert lex.roles["secretary of state"] == "GOV"
    assert lex.roles["general"] == "MIL"
    assert lex.roles["expert"] == ""
    assert lex.sector("US Secretary of State") == "GOV"
    assert lex.sector("former United States diplomat for Asia") == "GOV"
    assert lex.sector("Japanese security policy expert") is None
    assert lex.pronouns["its"][2] == "thing"
    assert lex.titles["mr"] == "m"
    assert "Nicole" in lex.given_names and "the" not in lex.given_names
    assert {"statement", "joint statement", "state news agency"} <= lex.document_nouns


@pytest.mark.parametrize("form, code", [("Algerians", "DZA"), ("Israelis", "ISR"), ("Thais", "THA"),
                                        ("Americans", "USA"), ("Filipinos", "PHL"),
                                        ("Palestinians", "PSE"), ("Liberians", "LBR"), ("Afghans", "AFG"),
                                        ("Sri Lankans", "LKA"), ("Czechs", "CZE"), ("Poles", "POL"),
                                        ("Turks", "TUR"), ("Frenchmen", "FRA"), ("Brits", "GBR")])
def test_plural_demonyms(form, code):
    hit = gazetteer().lookup(form)
    assert hit.kind == "demonym" and hit.code == code


@pytest.mark.parametrize("form", ["Chineses", "Swisss", "Frenchs", "Japaneses", "Frenchmens", "Poless"])
def test_no_plural_for_invariable_demonyms(form):
    assert gazetteer().lookup(form) is None


def test_intergovernmental_organisations_table():
    from newsgraph.actors.lexicon import lexicon

    lex = lexicon()
    assert lex.igo("the EU") == lex.igo("European Union") == "European Union"
    assert lex.igo("NATO") == "North Atlantic Treaty Organization"
    assert lex.igo("Security Council") == "United Nations Security Council"
    assert lex.igo("WHO") == "World Health Organization" and lex.igo("who") is None
    assert lex.igo("Rand Corporation") is None
    for name in set(lex.igos.values()):
        assert lookup_country(name) is None  # never a state


def test_state_abbreviations_table():
    from newsgraph.actors.gazetteer import load_abbreviations, load_countries

    table = load_abbreviations()
    assert table["Ont."] == ("Ontario", "CAN") and table["B.C."][1] == "CAN"
    assert table["Calif."] == ("California", "USA") and table["N.S.W."][1] == "AUS"
    assert all(code in load_countries() for _, code in table.values())
