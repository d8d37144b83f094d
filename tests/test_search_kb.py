"""Search over a small knowledge base: ranking, snippets, facets, filters, paging."""

from __future__ import annotations

import pytest

from newsgraph.errors import QueryError
from newsgraph.models import Analysis
from newsgraph import KnowledgeBase
from store_helpers import make_article

DOCS = [
    # (headline, body, publication, country, language, published)
    ("US-Japan talks on security", "The U.S. and Japan held talks on maritime security.",
     "Harbour Gazette", "NZ", "en", "2022-01-08"),
    ("North Korea's missile test", "North Korea's leader Kim Jong-un watched a missile test.",
     "Harbour Gazette", "NZ", "en", "2022-02-01"),
    ("Talks resume", "Negotiators resumed talks; Japan welcomed the move.",
     "Lakeside Post", "GB", "en", "2021-12-30"),
    ("Japan Japan Japan", "Japan, Japan and Japan again: a story all about Japan.",
     "Lakeside Post", "GB", "en", "2022-03-15"),
    ("Gespräche in Berlin", "Japan und Deutschland führten Gespräche.",
     "Abendpost", "DE", "de", "2022-01-20"),
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with KnowledgeBase(tmp_path_factory.mktemp("s") / "kb.db") as k:
        for i, (h, b, pub, cc, lang, day) in enumerate(DOCS):
            k.store(Analysis(make_article(b, headline=h, path=f"in/{i}.txt", publication=pub,
                                          country=cc, language=lang, published=day)))
        yield k


def test_terms_that_just_work(kb):
    assert kb.search("US-Japan").total == 1
    assert kb.search("U.S.").total == 1
    assert kb.search("North Korea's").total == 1
    assert kb.search("Kim Jong-un").total == 1
    assert kb.search('"maritime security"').total == 1
    assert kb.search('"security maritime"').total == 0


def test_ranked_best_first_with_highlighted_snippets(kb):
    res = kb.search("Japan")
    assert res.total == 4
    assert res.hits[0].headline == "Japan Japan Japan"  # most occurrences, in the headline too
    assert all(h.score <= res.hits[i + 1].score for i, h in enumerate(res.hits[:-1]))
    assert "«Japan»" in res.hits[0].snippet
    res = kb.search("talks", highlight=("<b>", "</b>"))
    assert all("<b>talks</b>" in h.snippet.lower() for h in res.hits)


def test_facets_count_all_matches(kb):
    res = kb.search("Japan", limit=1)
    assert len(res.hits) == 1 and res.total == 4
    assert res.facets["publication"] == (("Lakeside Post", 2), ("Abendpost", 1),
                                         ("Harbour Gazette", 1))
    assert dict(res.facets["language"]) == {"en": 3, "de": 1}
    assert dict(res.facets["country"]) == {"NZ": 1, "GB": 2, "DE": 1}


@pytest.mark.parametrize("filters, expected", [
    ({"publication": "Lakeside Post"}, 2),
    ({"language": "de"}, 1),
    ({"country": "NZ"}, 1),
    ({"since": "2022-01-09"}, 2),
    ({"until": "2022-01"}, 3),  # a month prefix includes the whole month
    ({"since": "2022", "until": "2022-02-01"}, 2),
    ({"since": "2022-01-01", "publication": "Harbour Gazette"}, 1),
    ({"publication": "Nobody"}, 0),
])
def test_filters_with_and_without_facets(kb, filters, expected):
    a = kb.search("Japan", **filters)
    b = kb.search("Japan", facets=False, **filters)
    assert a.total == b.total == expected
    assert [h.id for h in a.hits] == [h.id for h in b.hits]
    assert sum(n for _, n in a.facets.get("language", ())) == expected


def test_paging(kb):
    all_ids = [h.id for h in kb.search("Japan", limit=10).hits]
    paged = [h.id for off in range(0, 4, 2) for h in kb.search("Japan", limit=2, offset=off).hits]
    assert paged == all_ids
    assert [h.id for h in kb.search("Japan", limit=2, offset=2, facets=False).hits] == all_ids[2:4]
    with pytest.raises(QueryError):
        kb.search("Japan", limit=-1)


def test_bad_dates_are_query_errors(kb):
    with pytest.raises(QueryError) as e:
        kb.search("Japan", since="last week")
    assert e.value.code == "E505"


def test_facets_see_writes_from_another_connection(kb, tmp_path):
    path = tmp_path / "two.db"
    with KnowledgeBase(path) as writer, KnowledgeBase(path, readonly=True) as reader:
        writer.store(Analysis(make_article("Japan signed.", path="x/1.txt")))
        assert reader.search("Japan").total == 1
        writer.store(Analysis(make_article("Japan agreed.", path="x/2.txt",
                                           publication="Other Paper")))
        res = reader.search("Japan")
        assert res.total == 2 and dict(res.facets["publication"])["Other Paper"] == 1
        writer.delete(res.hits[0].id)
        assert reader.search("Japan").total == 1


def test_results_to_dict_and_pandas(kb):
    res = kb.search("Japan", limit=3)
    d = res.to_dict()
    assert d["total"] == 4 and len(d["hits"]) == 3 and d["facets"]["language"][0]["value"] == "en"
    pd = pytest.importorskip("pandas")
    df = res.to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df["id"]) == [h.id for h in res.hits]


def test_show_and_prefix_resolution(kb):
    hit = kb.search("Kim").hits[0]
    rec = kb.article(hit.id[:12])
    assert rec.article.id == hit.id and rec.article.headline == "North Korea's missile test"
    assert kb.article("zzzz") is None
    with pytest.raises(QueryError) as e:
        kb.delete("zzzz")
    assert e.value.code == "E504"


def test_ambiguous_prefix(tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.store(Analysis(make_article("One.", id="abc1")))
        kb.store(Analysis(make_article("Two.", id="abc2", path="in/b.txt")))
        with pytest.raises(QueryError) as e:
            kb.article("abc")
        assert e.value.code == "E503"
        assert kb.article("abc2").article.text.endswith("Two.")


def test_stats(kb):
    st = kb.stats()
    assert st.articles == 5 and st.analysed == 0
    assert (st.first_published, st.last_published) == ("2021-12-30", "2022-03-15")
    assert dict(st.languages) == {"en": 4, "de": 1}
    assert st.to_dict()["publications"][0]["count"] == 2


def test_facet_table_handles_unknown_and_negative_rowids(tmp_path):
    from newsgraph.query.facets import FacetTable

    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.store(Analysis(make_article("Japan signed.", path="x/1.txt")))
        kb.conn.execute("UPDATE articles SET rowid = -5")
        t = FacetTable().refresh(kb.conn)
        assert t.counts([-5, 1, 99], None)[0] == 1  # -5 counted once; 1 and 99 unknown
        assert list(t.kept([1, -5, -6, 99])) == [-5] and list(t.rowids()) == [-5]
        assert kb.search("Japan").total == 1
        assert kb.search("Japan", publication="Harbour Gazette").total == 1
