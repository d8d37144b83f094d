"""Quotation marks: spans, paragraphs, unbalanced marks (no model needed)."""

from hypothesis import given, settings, strategies as st

from newsgraph.lexicon.marks import QuotationIndex, find_quotations, quoted_share


def contents(text):
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_curly_and_straight_double_marks():
    text = 'She said “the plan works,” and he said "it does not."'
    assert contents(text) == ["the plan works", "it does not."]


def test_two_single_marks_close_a_double_one():
    text = "“We print local comics,’’ says the owner. “Always.”"
    assert contents(text) == ["We print local comics", "Always."]


def test_apostrophes_are_not_marks():
    text = "The council’s vote wasn’t close, the mayor's aides said."
    assert contents(text) == []


def test_single_marks_outside_double_ones():
    assert contents("Officials called it ‘a grave mistake’ on Friday.") == ["a grave mistake"]
    # nested single marks stay inside the double quotation
    text = "“He told me, ‘go home,’ and left,” she said."
    assert contents(text) == ["He told me, ‘go home,’ and left"]


def test_quote_over_several_paragraphs_is_one_quotation():
    text = "“First paragraph of the speech.\n\n“Second paragraph,” she said.\n\nAfter."
    qs = find_quotations(text)
    assert len(qs) == 1
    assert text[qs[0].start:qs[0].end].startswith("First paragraph")
    assert text[qs[0].start:qs[0].end].endswith("Second paragraph")


def test_unclosed_mark_is_closed_at_its_paragraph_end():
    text = "“This quote never closes.\n\nA new paragraph with “a real quote” here."
    qs = find_quotations(text)
    assert [text[q.start:q.end] for q in qs] == ["This quote never closes.", "a real quote"]
    assert qs[0].close is None and qs[1].balanced


def test_lone_closing_mark_starts_after_previous_sentence():
    text = 'He spoke. "Yes," Jones said. It was never personal."\n\nNext.'
    assert contents(text) == ["Yes", "It was never personal."]


def test_index_lookups_and_quoted_share():
    text = 'X said the plan "must not fail" today.'
    qs = find_quotations(text)
    idx = QuotationIndex(qs)
    assert idx.containing(text.index("must")) == qs[0]
    assert idx.containing(0) is None
    assert idx.overlapping(0, len(text)) == list(qs)
    share = quoted_share(text, text.index("the"), text.index(" today"), list(qs))
    assert 0.05 < share < 0.95


_pieces = st.sampled_from(["word", " ", "\n", "\n\n", "“", "”", '"', "‘", "’", "'", ".", ",",
                           "It’s", "said", "A"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=40))
def test_quotations_are_ordered_disjoint_spans_within_one_text(parts):
    text = "".join(parts)
    qs = find_quotations(text)
    last = -1
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        last = q.end
        body = text[q.start:q.end]
        assert body == body.strip() and any(c.isalnum() for c in body)
        if q.open is None or q.close is None:
            # a recovered quotation never runs past the end of its paragraph
            assert "\n" not in body or q.open is not None
