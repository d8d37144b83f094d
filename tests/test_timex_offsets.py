"""extract_times on docs built without the model (spacy.blank): offsets always point at
the expression's text, whatever surrounds it (Hypothesis)."""

from __future__ import annotations

import re

import spacy
from hypothesis import given, settings, strategies as st
from spacy.tokens import Span as SpacySpan

from newsgraph.models import Article, Source, Span
from newsgraph.timex import extract_times

NLP = spacy.blank("en")
PHRASES = ["yesterday", "last month", "this week", "October", "on Tuesday", "5 January 2022",
           "two years ago", "annual", "three years", "next year", "Christmas", "2021",
           "the 1990s", "Jan. 5", "mid-October", "this year's"]
FILLER = ["the", "minister", "said", "talks", "resumed", "in", "Geneva", ",", "and", "Japan"]
FORMS = r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?"


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.tuples(st.lists(st.sampled_from(FILLER), max_size=4),
                                st.sampled_from(PHRASES)), min_size=1, max_size=5),
       published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
       newlines=st.booleans())
def test_offsets_hold_for_any_surroundings(parts, published, newlines):
    text, spans = "", []
    for filler, phrase in parts:
        text += " ".join(filler) + (" \n" if newlines else " ")
        spans.append((len(text), len(text) + len(phrase)))
        text += phrase + " "
    doc = NLP(text)
    ents = []
    for start, end in spans:
        span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
        if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
            ents.append(span)
    doc.ents = [SpacySpan(doc, e.start, e.end, label="DATE") for e in ents]
    article = Article("h", Source(None, "text", "0"), text, (Span(0, len(text)),),
                      published=published)
    times = extract_times(article, doc)
    starts = [t.start for t in times]
    assert starts == sorted(set(starts))
    for t in times:
        assert text[t.start:t.end] == t.text and t.text == t.text.strip()
        assert t.granularity in (None, "day", "week", "month", "year")
        if t.value is not None:
            assert re.fullmatch(FORMS, t.value)
        if published is None and t.value is not None:
            # only expressions that carry their own year resolve without a date
            assert re.search(r"\d{4}", t.text), t
        assert "annual" not in t.text and t.text != "three years"
