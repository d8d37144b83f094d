"""The package imports and the analysis record has the contract's fields."""

from newsgraph.models import Analysis, Article, Source, Span


def test_analysis_record_has_contract_fields():
    art = Article("x", Source(None, "text", "x"), "Hello.", (Span(0, 6),))
    d = Analysis(art).to_dict()
    for key in ("id", "source", "publication", "language", "country", "published", "headline",
                "deck", "byline", "dateline", "text", "paragraphs", "captions", "times",
                "actors", "quotes", "events", "warnings"):
        assert key in d
    assert d["text"][0:6] == "Hello."
