"""The quote stage on small synthetic articles (loads the spaCy model)."""

import pytest

from newsgraph import actors as actors_stage
from newsgraph.models import Article, Source, Span
from newsgraph.quotes import VERSION, extract_quotes, quote_kind

pytestmark = pytest.mark.model

TEXT = (
    "Minister warns of costs\n\n"
    "Helen Marsh, the finance minister of Norland, said the budget “must not only cut waste, "
    "but also fund schools”, citing rising costs.\n\n"
    "“We will balance the books,” she said. “Nobody should doubt it.”\n\n"
    "“This is a reckless plan,” said Tom Baker, a senior lecturer at the Eastfield Institute.\n\n"
    "The opposition warned that taxes would rise next year.\n\n"
    "According to the joint statement, the two parties agreed to meet again in June.\n\n"
    "“The talks were useful,” it said.\n\n"
    "Marsh: Schools come first\n"
)


def analyse(text):
    from newsgraph.parse import parse

    article = Article("t", Source(None, "text", "t"), text, (Span(0, len(text)),))
    doc = parse(text)
    index = actors_stage.extract_actors(article, doc)
    return extract_quotes(article, doc, index)


@pytest.fixture(scope="module")
def quotes():
    return analyse(TEXT)


def find(quotes, start_of_text):
    hits = [q for q in quotes if q.text.startswith(start_of_text)]
    assert hits, f"no quote starting {start_of_text!r} in {[q.text for q in quotes]}"
    return hits[0]


def test_offsets_point_at_the_quote_text(quotes):
    assert quotes
    for q in quotes:
        assert TEXT[q.start:q.end] == q.text
        if q.cue:
            assert TEXT[q.cue.start:q.cue.end] == q.cue.text
        if q.speaker:
            assert 0 <= q.speaker.start < q.speaker.end <= len(TEXT)
        assert q.rule.startswith(VERSION + ":")
        assert q.sentence is None or q.sentence.start <= q.start < q.end <= q.sentence.end


def test_mixed_quote_keeps_inner_marks_and_stops_before_citing(quotes):
    q = find(quotes, "the budget")
    assert q.kind == "mixed" and "“must not only" in q.text and "citing" not in q.text
    assert q.speaker.name.endswith("Marsh") and q.cue.text == "said"


def test_split_quote_is_two_records_with_one_speaker(quotes):
    a, b = find(quotes, "We will balance"), find(quotes, "Nobody should doubt")
    assert a.kind == b.kind == "direct"
    assert a.speaker.name.endswith("Marsh") and b.speaker.name == a.speaker.name
    assert TEXT[a.speaker.start:a.speaker.end] == "she"


def test_inverted_attribution(quotes):
    q = find(quotes, "This is a reckless plan")
    assert q.speaker.name == "Tom Baker" and q.cue.text == "said"


def test_indirect_quote_with_another_reporting_verb(quotes):
    q = find(quotes, "taxes would rise")
    assert q.kind == "indirect" and q.cue.text == "warned"
    assert q.speaker.name == "opposition"


def test_according_to_and_document_pronoun(quotes):
    q = find(quotes, "the two parties agreed")
    assert q.kind == "indirect" and q.speaker.name == "joint statement"
    it = find(quotes, "The talks were useful")
    assert it.speaker.name == "joint statement"


def test_colon_headline(quotes):
    q = find(quotes, "Schools come first")
    assert q.speaker.name.endswith("Marsh") and q.cue is None


def test_unbalanced_mark_does_not_swallow_the_article():
    text = ("“This sentence opens a quote that never closes, the mayor said.\n\n"
            "Jane Doe said: “The next quote is fine.”\n\n"
            "Officials said the road would reopen on Monday.")
    quotes = analyse(text)
    assert any(q.text == "This sentence opens a quote that never closes, the mayor said."
               for q in quotes)
    assert any(q.text.startswith("The next quote is fine") for q in quotes)
    assert any(q.text.startswith("the road would reopen") for q in quotes)


def test_multi_paragraph_quote_is_one_record():
    text = ("“The first part of what I want to say is this.\n\n"
            "“And the second part follows here,” said Ann Lee.\n")
    quotes = analyse(text)
    assert len(quotes) == 1
    assert "first part" in quotes[0].text and "second part" in quotes[0].text
    assert quotes[0].speaker.name == "Ann Lee"


def test_quote_kind_thresholds():
    assert quote_kind(1.0) == "direct" and quote_kind(0.95) == "direct"
    assert quote_kind(0.0) == "indirect" and quote_kind(0.05) == "indirect"
    assert quote_kind(0.5) == "mixed"


def test_clause_before_an_attribution_set_off_by_commas():
    text = ("Helen Marsh spoke in Norland on Monday.\n\n"
            "City requests to the province to change the charter are often rebuffed, she says, "
            "and she was upset by the decision.\n")
    quotes = analyse(text)
    q = find(quotes, "City requests")
    assert q.text.endswith("often rebuffed") and q.kind == "indirect"
    assert q.speaker.name == "Helen Marsh" and q.cue.text == "says"


def test_document_speaker_speaks_for_its_author():
    text = ("Helen Marsh leads the finance ministry of Norland.\n\n"
            "A statement released by Helen Marsh on Monday said the budget was balanced.\n\n"
            "A study by the Northfield Institute found that rents rose by a third.\n\n"
            "The leaked memo said the plan would be dropped.\n")
    quotes = analyse(text)
    q = find(quotes, "the budget was balanced")
    assert q.speaker.name == "Helen Marsh" and q.speaker.actor == "person:helen-marsh"
    assert text[q.speaker.start:q.speaker.end] == "A statement"  # the mention is the document
    assert q.speaker.to_dict()["author"] == "Helen Marsh"
    assert find(quotes, "rents rose").speaker.name == "Northfield Institute"
    assert find(quotes, "the plan would").speaker.name.endswith("memo")  # no author: its own name
