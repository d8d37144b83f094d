"""Time expression rules on synthetic strings (no model needed)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings, strategies as st

from newsgraph.timex import parse_published, resolve_text
from newsgraph.timex.grammar import load_grammar, normalise, parse_expression
from newsgraph.timex.resolve import add_months, iso_week

SAT = dt.date(2022, 1, 8)  # a Saturday
WED = dt.date(2021, 6, 16)  # a Wednesday

CASES = [
    # (text, published, direction, value, granularity)
    ("yesterday", SAT, 0, "2022-01-07", "day"),
    ("Yesterday", SAT, 0, "2022-01-07", "day"),
    ("today", SAT, 0, "2022-01-08", "day"),
    ("tonight", SAT, 0, "2022-01-08", "day"),
    ("tomorrow", SAT, 0, "2022-01-09", "day"),
    ("last night", SAT, 0, "2022-01-07", "day"),
    ("yesterday afternoon", SAT, 0, "2022-01-07", "day"),
    ("earlier today", SAT, 0, "2022-01-08", "day"),
    ("the day before yesterday", SAT, 0, "2022-01-06", "day"),
    ("this week", SAT, 0, "2022-W01", "week"),
    ("earlier this week", SAT, 0, "2022-W01", "week"),
    ("last week", SAT, 0, "2021-W52", "week"),
    ("next week", SAT, 0, "2022-W02", "week"),
    ("this past week", SAT, 0, "2021-W52", "week"),
    ("this weekend", SAT, 0, "2022-W01", "week"),
    ("last weekend", SAT, 0, "2021-W52", "week"),
    ("this month", SAT, 0, "2022-01", "month"),
    ("last month", SAT, 0, "2021-12", "month"),
    ("late last month", SAT, 0, "2021-12", "month"),
    ("the end of last month", SAT, 0, "2021-12", "month"),
    ("next month", SAT, 0, "2022-02", "month"),
    ("this year", SAT, 0, "2022", "year"),
    ("this year's", SAT, 0, "2022", "year"),
    ("last year", SAT, 0, "2021", "year"),
    ("early last year", SAT, 0, "2021", "year"),
    ("next year", SAT, 0, "2023", "year"),
    ("the current year", SAT, 0, "2022", "year"),
    ("two days ago", SAT, 0, "2022-01-06", "day"),
    ("3 days ago", SAT, 0, "2022-01-05", "day"),
    ("a week ago", SAT, 0, "2022-W00".replace("W00", "W52").replace("2022", "2021"), "week"),
    ("two months ago", SAT, 0, "2021-11", "month"),
    ("a year ago", SAT, 0, "2021", "year"),
    ("10 years ago", SAT, 0, "2012", "year"),
    ("October", SAT, 0, "2021-10", "month"),
    ("in October", SAT, 0, "2021-10", "month"),
    ("mid-October", SAT, 0, "2021-10", "month"),
    ("January", SAT, 0, "2022-01", "month"),
    ("October", SAT, 1, "2022-10", "month"),
    ("January", SAT, 1, "2022-01", "month"),
    ("last October", SAT, 0, "2021-10", "month"),
    ("next October", SAT, 0, "2022-10", "month"),
    ("this October", SAT, 0, "2022-10", "month"),
    ("last January", SAT, 0, "2021-01", "month"),
    ("October last year", SAT, 0, "2021-10", "month"),
    ("October of last year", SAT, 0, "2021-10", "month"),
    ("October 2020", SAT, 0, "2020-10", "month"),
    ("Oct. 2020", SAT, 0, "2020-10", "month"),
    ("Tuesday", SAT, 0, "2022-01-04", "day"),
    ("on Tuesday", SAT, 0, "2022-01-04", "day"),
    ("Saturday", SAT, 0, "2022-01-08", "day"),
    ("Tuesday night", SAT, 0, "2022-01-04", "day"),
    ("Tuesday's", SAT, 0, "2022-01-04", "day"),
    ("early Tuesday", SAT, 0, "2022-01-04", "day"),
    ("Tuesday", SAT, 1, "2022-01-11", "day"),
    ("Saturday", SAT, 1, "2022-01-15", "day"),
    ("last Saturday", SAT, 0, "2022-01-01", "day"),
    ("next Tuesday", SAT, 0, "2022-01-11", "day"),
    ("this Tuesday", SAT, 0, "2022-01-04", "day"),
    ("Tuesday last week", SAT, 0, "2021-12-28", "day"),
    ("Monday next week", SAT, 0, "2022-01-10", "day"),
    ("Thursday", WED, 0, "2021-06-10", "day"),
    ("Wednesday", WED, 0, "2021-06-16", "day"),
    ("January 5", SAT, 0, "2022-01-05", "day"),
    ("January 5", SAT, 1, "2023-01-05", "day"),
    ("January 20", SAT, 0, "2022-01-20", "day"),
    ("January 20", SAT, -1, "2021-01-20", "day"),
    ("December 20", SAT, 0, "2021-12-20", "day"),
    ("Jan. 5th", SAT, 0, "2022-01-05", "day"),
    ("5 January 2022", SAT, 0, "2022-01-05", "day"),
    ("5th January, 2022", SAT, 0, "2022-01-05", "day"),
    ("the 5th of January", SAT, 0, "2022-01-05", "day"),
    ("January 5, 2022", SAT, 0, "2022-01-05", "day"),
    ("Wednesday, January 5, 2022", SAT, 0, "2022-01-05", "day"),
    ("Sept. 11, 2001", SAT, 0, "2001-09-11", "day"),
    ("March 3 last year", SAT, 0, "2021-03-03", "day"),
    ("February 30, 2022", SAT, 0, None, "day"),
    ("2021", SAT, 0, "2021", "year"),
    ("in 2021", SAT, 0, "2021", "year"),
    ("early 2021", SAT, 0, "2021", "year"),
    ("the second half of 2021", SAT, 0, "2021", "year"),
    ("fiscal 2023", SAT, 0, "2023", "year"),
    ("1998", SAT, 0, "1998", "year"),
    ("2022-01-05", SAT, 0, "2022-01-05", "day"),
    ("2021-11", SAT, 0, "2021-11", "month"),
    ("the week of January 10", SAT, 0, "2022-W02", "week"),
    ("the first week of October", SAT, 0, "2021-10", "month"),
    ("Christmas", SAT, 0, "2021-12-25", "day"),
    ("Christmas Day 2020", SAT, 0, "2020-12-25", "day"),
    ("New Year's Eve", SAT, 0, "2021-12-31", "day"),
    ("25/12/2021", SAT, 0, "2021-12-25", "day"),
    ("12/25/2021", SAT, 0, "2021-12-25", "day"),
    ("Tuesday, January 5", SAT, 0, "2021-01-05", "day"),
    ("Wednesday, January 5", SAT, 0, "2022-01-05", "day"),
    ("an Aug. 28", SAT, 0, "2021-08-28", "day"),
    ("fall 2005", SAT, 0, "2005", "year"),
    ("the summer of 2015", SAT, 0, "2015", "year"),
    ("April 11-20", SAT, 0, "2021-04", "month"),
    ("11-26 March 2020", SAT, 0, "2020-03", "month"),
    ("Tuesday at 10 am", SAT, 0, "2022-01-04", "day"),
    ("10:30 p.m. local time on Monday", SAT, 0, "2022-01-03", "day"),
    ("10 pm yesterday", SAT, 0, "2022-01-07", "day"),
    ("the first quarter of 2021", SAT, 0, "2021", "year"),
    ("the summer of last year", SAT, 0, "2021", "year"),
    ("the second half of last month", SAT, 0, "2021-12", "month"),
    ("the 1990s", SAT, 0, None, None),
    ("2017-18", SAT, 0, None, None),
    ("Tuesday and Wednesday", SAT, 0, None, None),
]


@pytest.mark.parametrize("text,published,direction,value,gran", CASES)
def test_resolves(text, published, direction, value, gran):
    got = resolve_text(text, published, direction=direction)
    assert got is not None, text
    assert got[:2] == (value, gran), text
    assert got[2].startswith("timex.rules.v2:")


@pytest.mark.parametrize("text", [
    "annual", "annually", "three years", "the past three years", "the past week",
    "the 10th straight annual", "10th consecutive year", "decades", "58-year-old",
    "the last two weeks", "several months", "a few days", "recent years", "weekly",
    "aged 40", "every year", "two-year", "the coming weeks", "hours", "33", "the 40",
    "36+", "the next year", "over the past week", "the last two years", "Mondays",
    "164 days'",
])
def test_durations_frequencies_and_ages_are_not_points(text):
    assert resolve_text(text, SAT) is None, text


@pytest.mark.parametrize("text,gran", [
    ("yesterday", "day"), ("this week", "week"), ("last month", "month"),
    ("in October", "month"), ("on Tuesday", "day"), ("this year", "year"),
    ("January 5", "day"), ("two weeks ago", "week"), ("next year", "year"),
])
def test_relative_needs_a_publication_date(text, gran):
    value, got_gran, _ = resolve_text(text, None)
    assert value is None and got_gran == gran


@pytest.mark.parametrize("text,value", [
    ("5 January 2022", "2022-01-05"), ("2021", "2021"), ("October 2020", "2020-10"),
])
def test_explicit_dates_resolve_without_publication_date(text, value):
    assert resolve_text(text, None)[0] == value


@pytest.mark.parametrize("text,country,value", [
    ("5/1/2022", None, None),  # May 1 or 5 January: not guessed
    ("5/1/2022", "US", "2022-05-01"),
    ("5/1/2022", "GB", "2022-01-05"),
    ("5/1/2022", "CA", None),
    ("13/1/2022", None, "2022-01-13"),
])
def test_numeric_date_order(text, country, value):
    assert resolve_text(text, SAT, country=country)[0] == value


def test_dateparser_only_for_absolute_strings():
    # an absolute form outside the grammar goes to dateparser ...
    assert resolve_text("January the 5th, 2022", SAT)[:2] == ("2022-01-05", "day")
    assert resolve_text("January the 5th, 2022", SAT)[2].endswith(":dateparser")
    # ... but without a year and without a publication date nothing is guessed
    assert resolve_text("January the 5th", None)[0] is None


def test_grammar_is_built_once():
    assert load_grammar() is load_grammar()


def test_normalise():
    assert normalise("Tuesday’s") == "tuesday"
    assert normalise("Jan. 5, 2022") == "jan 5 2022"
    assert normalise("mid-October") == "mid october"
    assert normalise("  THIS   week ") == "this week"


def test_lexicon_tables_are_consistent():
    g = load_grammar()
    assert sorted(set(g.months.values())) == list(range(1, 13))
    assert sorted(set(g.weekdays.values())) == list(range(7))
    assert all(-2 <= v <= 2 for v in g.deictic.values())
    for mo, dy in g.holidays.values():
        assert dt.date(2024, mo, dy)
    assert g.version.startswith("timex.lexicon.v")
    # every word list is lower case, as matching is done on lower-cased text
    for words in (g.months, g.weekdays, g.numbers, g.units, g.frequency, g.lead):
        assert all(w == w.lower() for w in words)


def test_parse_expression_shapes():
    assert parse_expression("in October").kind == "date"
    assert parse_expression("on Tuesday").kind == "weekday"
    assert parse_expression("last month").kind == "relative"
    assert parse_expression("annual") is None


# ---- properties --------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-W\d{2}", "month": r"\d{4}-\d{2}",
         "year": r"\d{4}"}


@settings(max_examples=200, deadline=None)
@given(P=dates, wd=st.integers(0, 6), direction=st.sampled_from([-1, 0, 1]))
def test_weekday_is_the_right_day_and_within_a_week(P, wd, direction):
    value, gran, _ = resolve_text(f"on {WEEKDAYS[wd]}", P, direction=direction)
    d = dt.date.fromisoformat(value)
    assert gran == "day" and d.weekday() == wd
    if direction > 0:
        assert 1 <= (d - P).days <= 7
    else:
        assert 0 <= (P - d).days <= 6
    last = dt.date.fromisoformat(resolve_text(f"last {WEEKDAYS[wd]}", P)[0])
    assert 1 <= (P - last).days <= 7 and last.weekday() == wd


@settings(max_examples=200, deadline=None)
@given(P=dates, m=st.integers(1, 12), direction=st.sampled_from([-1, 0, 1]))
def test_month_is_most_recent_not_after_publication(P, m, direction):
    value, gran, _ = resolve_text(f"in {MONTHS[m - 1]}", P, direction=direction)
    y, mo = map(int, value.split("-"))
    assert gran == "month" and mo == m
    diff = (y * 12 + mo) - (P.year * 12 + P.month)
    assert (0 <= diff <= 11) if direction > 0 else (-11 <= diff <= 0)


@settings(max_examples=200, deadline=None)
@given(P=dates, n=st.integers(1, 40))
def test_relative_arithmetic(P, n):
    assert resolve_text("yesterday", P)[0] == (P - dt.timedelta(days=1)).isoformat()
    assert resolve_text(f"{n} days ago", P)[0] == (P - dt.timedelta(days=n)).isoformat()
    assert resolve_text("this week", P)[0] == iso_week(P)
    assert resolve_text(f"{n} weeks ago", P)[0] == iso_week(P - dt.timedelta(weeks=n))
    y, m = add_months(P.year, P.month, -1)
    assert resolve_text("last month", P)[0] == f"{y:04d}-{m:02d}"
    y, m = add_months(P.year, P.month, -n)
    assert resolve_text(f"{n} months ago", P)[0] == f"{y:04d}-{m:02d}"
    assert resolve_text("last year", P)[0] == str(P.year - 1)
    assert resolve_text("next year", P)[0] == str(P.year + 1)


@settings(max_examples=300, deadline=None)
@given(P=dates, text=st.sampled_from([c[0] for c in CASES]))
def test_values_have_their_granularity_form(P, text):
    got = resolve_text(text, P)
    value, gran, _ = got
    if value is not None:
        assert re.fullmatch(FORMS[gran], value), (text, value, gran)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=30))
def test_arbitrary_text_never_raises(text):
    got = resolve_text(text, SAT)
    assert got is None or got[1] in (None, "day", "week", "month", "year")


def test_add_months():
    assert add_months(2022, 1, -1) == (2021, 12)
    assert add_months(2021, 12, 1) == (2022, 1)
    assert add_months(2022, 3, -14) == (2021, 1)


def test_parse_published():
    assert parse_published("2022-01-08") == SAT
    assert parse_published("2022-01-08T10:00:00Z") == SAT
    assert parse_published("") is None and parse_published(None) is None
    assert parse_published("08/01/2022") is None
