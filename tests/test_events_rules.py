"""Event extraction on synthetic sentences with hand-built actor indexes (loads spaCy)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events_util import COUNTRY, article, index
from newsgraph.events import VERSION, extract_events
from newsgraph.models import TimeExpr

pytestmark = pytest.mark.model

ACTORS = {
    "France": COUNTRY("FRA"), "Germany": COUNTRY("DEU"), "Iran": COUNTRY("IRN"), "Chile": COUNTRY("CHL"),
    "Peruvian": COUNTRY("PER"), "Brazil": COUNTRY("BRA"), "Argentina": COUNTRY("ARG"),
    "Norway": COUNTRY("NOR"), "Iceland": COUNTRY("ISL"), "Pyongyang": COUNTRY("PRK"),
    "Russia": COUNTRY("RUS"), "Ukraine": COUNTRY("UKR"), "Spain": COUNTRY("ESP"),
    "Portugal": COUNTRY("PRT"), "Kenya": COUNTRY("KEN"), "Somalia": COUNTRY("SOM"),
    "Maria Lopez": ("person:maria-lopez", "person", "BRA", "GOV"),
    "the two neighbours": ("group:neighbours", "group", None, None, ("BRA", "ARG")),
    "Smith": ("person:smith", "person", None, None), "Rovers": ("org:rovers", "organization", None, "SPO"),
    "Jon Ade": ("person:jon-ade", "person", None, None, (), ("President",)),
    "Haiti": COUNTRY("HTI"), "Canadian": COUNTRY("CAN"), "Kenyan": COUNTRY("KEN"),
}


@pytest.fixture(scope="module")
def run():
    from newsgraph.parse import parse

    def _run(text, *, times=(), published="2022-01-08"):
        art = article(text, published=published)
        evs = extract_events(art, parse(text), index(text, ACTORS), times=tuple(times))
        for e in evs:
            assert text[e.trigger.start:e.trigger.end] == e.trigger.text
            assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
            assert e.rule.startswith(VERSION + ":")
            assert 0 < e.confidence <= 1
        return evs
    return _run


def one(evs, etype):
    found = [e for e in evs if e.type == etype]
    assert len(found) == 1, [(e.type, e.source, e.target, e.rule) for e in evs]
    return found[0]


def test_coordinated_sources_light_verb_and_possessive_target(run):
    e = one(run("France and Germany voiced deep concern about Iran's missile programme."), "ACCUSE")
    assert set(e.source) == {"FRA", "DEU"} and e.target == ("IRN",)
    assert e.modality == "asserted" and e.trigger.text == "voiced deep concern"
    assert e.cameo == "112" and e.mode == "disapprove" and e.date == "2022-01-08"


def test_promise_frame_codes_one_intended_agree(run):
    evs = run("France and Germany pledged to cooperate closely on energy.")
    e = one(evs, "AGREE")
    assert len(evs) == 1 and set(e.source) == {"FRA", "DEU"} and e.modality == "intended"
    assert "pledge" in e.rule and "cooperate" in e.rule


def test_passive_agent_is_the_source(run):
    e = one(run("Chile's proposal was warmly praised by Peruvian officials."), "SUPPORT")
    assert e.source == ("PER",) and e.target == ("CHL",)


def test_reported_future_signing_is_intended_agree(run):
    e = one(run("Maria Lopez said the two neighbours would sign a trade agreement next year."), "AGREE")
    assert e.source == ("group:neighbours",) and e.modality == "intended"
    assert e.reported_by == "person:maria-lopez"


def test_signing_done_is_support_and_not_signing_is_negated(run):
    assert one(run("Brazil signed a trade agreement with Argentina."), "SUPPORT").target == ("ARG",)
    e = one(run("Brazil did not sign the trade agreement with Argentina."), "SUPPORT")
    assert e.modality == "negated"


def test_refusal_is_reject_not_negated_agree(run):
    evs = run("Brazil refused to sign the trade agreement with Argentina.")
    e = one(evs, "REJECT")
    assert e.modality == "asserted" and e.source == ("BRA",) and e.target == ("ARG",)
    assert not [x for x in evs if x.type in ("AGREE", "SUPPORT")]


def test_conditional_response_is_hypothetical(run):
    evs = run("Norway said it would impose sanctions on Iceland if necessary.")
    e = one(evs, "THREATEN")
    assert e.modality == "hypothetical" and e.source == ("NOR",) and e.target == ("ISL",)


def test_weapons_test_is_mobilize_and_dated_by_the_sentence(run):
    text = "Pyongyang fired two ballistic missiles on Sunday."
    sunday = text.index("Sunday")
    times = [TimeExpr("Sunday", sunday, sunday + 6, "2022-01-02", "day")]
    e = one(run(text, times=times), "MOBILIZE")
    assert e.source == ("PRK",) and e.date == "2022-01-02" and e.date_granularity == "day"
    assert "military" in e.context


def test_missile_fired_at_a_target_is_assault(run):
    e = one(run("Russia fired missiles at Ukraine overnight."), "ASSAULT")
    assert e.source == ("RUS",) and e.target == ("UKR",)


def test_nominal_act_with_possessor_and_against(run):
    e = one(run("Officials cited Russia's military buildup against Ukraine."), "MOBILIZE")
    assert e.source == ("RUS",) and e.target == ("UKR",)


def test_request_frame_and_must_clause(run):
    e = one(run("Spain urged Portugal to withdraw its ambassador."), "REQUEST")
    assert e.source == ("ESP",) and e.target == ("PRT",)
    e = one(run("Spain said Portugal must release the fishermen."), "REQUEST")
    assert e.source == ("ESP",) and e.target == ("PRT",) and e.rule.endswith("must-clause")


def test_location_from_in_phrase(run):
    e = one(run("Kenya deployed troops in Somalia."), "MOBILIZE")
    assert e.source == ("KEN",) and e.location == "SOM"


@pytest.mark.parametrize("text", [
    "Smith attacked down the left and shot past the keeper in the second half.",
    "Rovers beat the league leaders and will fight for the title.",
    "The band's album launch was a hit and fans protested when the tour was cancelled.",
])
def test_sport_and_culture_yield_nothing(run, text):
    assert run(text) == ()


def test_failed_agreement_is_reject(run):
    e = one(run("Spain and Portugal failed to reach an agreement on fishing quotas."), "REJECT")
    assert set(e.source) == {"ESP", "PRT"} and e.rule.endswith("+failure")


def test_office_holder_in_a_one_state_sentence_acts_for_it(run):
    e = one(run("President Jon Ade banned Kenyan opposition rallies."), "COERCE")
    assert "KEN" in e.source and e.target == ("KEN",) and "+sole-state" in e.rule


def test_state_organ_acts_for_the_place(run):
    e = one(run("The military government declared a state of emergency in Haiti."), "COERCE")
    assert e.source == ("HTI",) and e.location == "HTI"


def test_subordinate_acts_yield_to_the_main_act(run):
    evs = run("Kenyan police arrested twelve protesters in Somalia, killing one of them.")
    assert [e.type for e in evs] == ["COERCE"]


def test_non_political_speakers_and_reporters(run):
    # a business described by its nationality is not the state
    assert run("A Canadian investment fund pledged to buy the publisher.") == ()
    # "when asked": the one asked does not request anything
    assert run("When asked whether Kenya would act, Maria Lopez said no.") == ()
    # a meeting needs two sides
    assert run("Norway's cabinet met on Sunday.") == ()


NAMES = ["France", "Germany", "Iran", "Spain", "Portugal", "Kenya", "Somalia", "Russia", "Ukraine"]
TEMPLATES = ["{a} condemned {b}.", "{a} and {b} held talks in Nairobi.", "{a} threatened to attack {b}.",
             "{a} said {b} must withdraw.", "{a} refused to meet {b}.", "{a} praised {b}'s plan.",
             "Officials said {a} had deployed troops near {b}."]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(TEMPLATES), st.sampled_from(NAMES), st.sampled_from(NAMES)),
                min_size=1, max_size=4))
def test_offsets_point_into_the_text(run, parts):
    text = " ".join(t.format(a=a, b=b) for t, a, b in parts)
    for e in run(text):  # run() checks trigger and sentence offsets
        assert text[e.sentence.start:e.sentence.end].strip() == text[e.sentence.start:e.sentence.end]
        assert all(a in {ACTORS[n][0] for n in NAMES} for a in (*e.source, *e.target))
