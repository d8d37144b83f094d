"""The simple search syntax compiles to safe FTS5; raw FTS5 errors are QueryErrors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import QueryError
from newsgraph import KnowledgeBase
from newsgraph.query.syntax import compile_query
from store_helpers import make_analysis


@pytest.mark.parametrize("query, expected", [
    ("China Taiwan", '"china" AND "taiwan"'),
    ('"joint statement"', '"joint statement"'),
    ("US-Japan", '"us japan"'),
    ("U.S.", '"u s"'),
    ("North Korea's", '"north" AND "korea s"'),
    ("Kim Jong-un", '"kim" AND "jong un"'),
    ("sanction*", '"sanction"*'),
    ("Japan OR Korea", '("japan" OR "korea")'),
    ("talks -Taiwan", '("talks") NOT ("taiwan")'),
    ("talks NOT Taiwan", '("talks") NOT ("taiwan")'),
    ('talks -"South Korea"', '("talks") NOT ("south korea")'),
    ("title:x NEAR(a b) ^c", '"title x" AND "near a" AND "b" AND "c"'),
    ("Zürich café", '"zürich" AND "café"'),
])
def test_compile(query, expected):
    assert compile_query(query) == expected


@pytest.mark.parametrize("query", ["", "   ", "-Taiwan", "!!! ...", '""', "OR", "NOT x"])
def test_nothing_to_search_is_a_query_error(query):
    with pytest.raises(QueryError) as e:
        compile_query(query)
    assert e.value.code == "E501"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with KnowledgeBase(tmp_path_factory.mktemp("syn") / "kb.db") as k:
        k.store(make_analysis())
        yield k


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_input_runs_or_is_a_query_error(kb, query):
    """Whatever a person types, FTS5 never sees a syntax error from the simple syntax."""
    try:
        kb.search(query)
    except QueryError as e:
        assert e.code == "E501"


@pytest.mark.parametrize("raw", ['"unterminated', "a AND", "(a OR b", "nosuchcol: x", "NEAR(a b"])
def test_raw_fts_syntax_error_is_a_query_error(kb, raw):
    with pytest.raises(QueryError) as e:
        kb.search(raw, fts=True)
    assert e.value.code == "E502" and raw in str(e.value)


def test_raw_fts_works(kb):
    assert kb.search("headline: ministers", fts=True).total == 1
    assert kb.search('NEAR("united states" japan, 5)', fts=True).total == 1
