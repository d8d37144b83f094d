"""extract_times on parsed synthetic articles (loads the spaCy model)."""

from __future__ import annotations

import pytest

from newsgraph.models import Article, Source, Span
from newsgraph.timex import VERSION, extract_times

pytestmark = pytest.mark.model

TEXT = (
    "Ministers from both countries met yesterday in Geneva.\n\n"
    "The foreign minister said on Tuesday that talks would resume next week, "
    "after a first round in October.\n\n"
    "The government has approved record spending, with a 10th straight annual increase this year.\n\n"
    "The two leaders will meet again in March, officials said last month.\n\n"
    "The treaty was signed on 5 January 2021 and renewed for three years."
)


def _article(text: str, published: str | None, country: str | None = None) -> Article:
    return Article("t1", Source(None, "text", "0"), text, (Span(0, len(text)),),
                   published=published, country=country)


@pytest.fixture(scope="module")
def parsed():
    from newsgraph.parse import parse

    return parse(TEXT)


def _by_text(times):
    return {t.text: t for t in times}


def test_offsets_rules_and_values(parsed):
    art = _article(TEXT, "2022-01-08")
    times = extract_times(art, parsed)
    assert times, "no time expressions found"
    for t in times:
        assert art.text[t.start:t.end] == t.text
        assert t.rule.startswith(VERSION + ":")
    assert [t.start for t in times] == sorted(t.start for t in times)
    got = {k: v.value for k, v in _by_text(times).items()}
    assert got.get("yesterday") == "2022-01-07"
    assert got.get("Tuesday") == "2022-01-04"
    assert got.get("next week") == "2022-W02"
    assert got.get("October") == "2021-10"
    assert got.get("this year") == "2022"
    assert got.get("last month") == "2021-12"
    assert got.get("5 January 2021") == "2021-01-05"
    # future tense: "will meet again in March" is the next March
    assert got.get("March") == "2022-03"
    # durations and frequencies are not points in time
    assert not any("annual" in t or "three years" in t for t in got)


def test_no_publication_date_leaves_relative_values_unresolved(parsed):
    times = extract_times(_article(TEXT, None), parsed)
    got = {t.text: t for t in times}
    assert got["yesterday"].value is None and got["yesterday"].granularity == "day"
    assert got["October"].value is None
    assert got["5 January 2021"].value == "2021-01-05"  # carries its own year


def test_untagged_day_words_are_picked_up():
    from newsgraph.parse import parse

    text = "Police said Yesterday was calm. Protests resumed Friday."
    times = extract_times(_article(text, "2022-01-08"), parse(text))
    got = {t.text: t.value for t in times}
    assert got.get("Friday") == "2022-01-07"
