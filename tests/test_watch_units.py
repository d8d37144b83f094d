"""newsgraph.watch without a network: canonical URLs, the SOURCES file, durations,
arrival bounds, what a source document is, and an article page's metadata."""

from __future__ import annotations

import pytest

from newsgraph.errors import InputError, QueryError
from newsgraph.models import Failure, RawDocument
from newsgraph.watch import (Response, arrival_bound, canonical, page_document, parse_every,
                             parse_sources, read_sources)
from newsgraph.watch.discover import classify
from newsgraph.watch.state import SourceRow


@pytest.mark.parametrize("raw, expected", [
    ("HTTP://News.Example.COM:80/world/story.html#comments",
     "http://news.example.com/world/story.html"),
    ("https://news.example.com/a?utm_source=rss&utm_medium=feed&id=7",
     "https://news.example.com/a?id=7"),
    ("https://news.example.com/a?fbclid=abc&page=2", "https://news.example.com/a?page=2"),
    ("  https://news.example.com/a/b  ", "https://news.example.com/a/b"),
    ("https://news.example.com:443/x", "https://news.example.com/x"),
])
def test_canonical_drops_trackers_fragments_and_default_ports(raw, expected):
    assert canonical(raw) == expected


@pytest.mark.parametrize("raw", ["ftp://files.example.com/a", "mailto:desk@example.com",
                                 "not a url", "", "http://"])
def test_canonical_refuses_what_is_not_http(raw):
    assert canonical(raw) is None


def test_sources_file_lines():
    text = """# my sources
https://a.example.com/feed.xml   Harbour Courier   AU
https://b.example.org/sitemap.xml
https://c.example.net/   Radio FM -    # FM would be read as Micronesia
https://d.example.com/   The Valley Post GBR
"""
    specs, problems = parse_sources(text, where="s.txt")
    assert problems == []
    assert [(s.url, s.publication, s.country, s.line) for s in specs] == [
        ("https://a.example.com/feed.xml", "Harbour Courier", "AU", 2),
        ("https://b.example.org/sitemap.xml", None, None, 3),
        ("https://c.example.net", "Radio FM", None, 4),
        ("https://d.example.com", "The Valley Post", "GB", 5),
    ]


def test_sources_file_bad_lines_are_named_and_skipped():
    text = ("www.example.com/feed\nhttps://a.example.com/feed.xml Paper QQ\n"
            "https://b.example.com/rss\nhttps://b.example.com/rss#top Again\n")
    specs, problems = parse_sources(text, where="s.txt")
    assert [s.url for s in specs] == ["https://b.example.com/rss"]
    assert [(p.where, p.code) for p in problems] == [
        ("s.txt:line 1", "E701"), ("s.txt:line 2", "E701"), ("s.txt:line 4", "W701")]


def test_sources_file_missing_or_empty(tmp_path):
    with pytest.raises(InputError) as e:
        read_sources(str(tmp_path / "none.txt"))
    assert e.value.code == "E702"
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n")
    with pytest.raises(InputError) as e:
        read_sources(str(empty))
    assert e.value.code == "E702" and str(empty) in str(e.value)


@pytest.mark.parametrize("text, seconds", [("90s", 90), ("15m", 900), ("1h", 3600),
                                           ("1h30m", 5400), ("0.5h", 1800), ("2d", 172800)])
def test_every_durations(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["15", "fifteen minutes", "15x", "0m", "", "m15"])
def test_every_needs_a_unit(text):
    with pytest.raises(InputError) as e:
        parse_every(text)
    assert e.value.code == "E703"


def test_arrival_bounds():
    assert arrival_bound("2026-11-28") == "2026-11-28"
    assert arrival_bound("2026-11-28T09:30") == "2026-11-28T09:30:00+00:00"
    assert arrival_bound("2026-11-28T09:30:00Z") == "2026-11-28T09:30:00+00:00"
    assert arrival_bound("2026-11-28T18:30:00+09:00") == "2026-11-28T09:30:00+00:00"
    assert arrival_bound(None) is None
    with pytest.raises(QueryError) as e:
        arrival_bound("last tuesday")
    assert e.value.code == "E704"


@pytest.mark.parametrize("text, kind", [
    ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    ('{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed"),
    ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
     "</urlset>", "sitemap"),
    ('<?xml version="1.0"?><sitemapindex></sitemapindex>', "sitemap"),
    ("https://a.example.com/one\nhttps://a.example.com/two\n", "sitemap"),
    ("<!doctype html><html><head><title>x</title></head><body></body></html>", "homepage"),
    ("just some words, not a feed", None),
])
def test_what_a_source_serves(text, kind):
    assert classify(text) == kind


def _resp(body: bytes, ctype: str = "text/html", url: str = "https://a.example.com/x"):
    return Response(url, url, 200, body, ctype, None, None, None)


def test_page_metadata_from_source_line_url_and_fetch_day():
    source = SourceRow(1, "https://a.example.com/feed.xml", "Harbour Courier", "AU", "feed", ())
    page = b"<html><body><article><p>" + b"Words of an article. " * 10 + b"</p></article></body></html>"
    doc = page_document(_resp(page, url="https://a.example.com/2026/03/01/x.html"), source,
                        fetched_on="2026-03-05")
    assert isinstance(doc, RawDocument)
    assert doc.source.path == "https://a.example.com/2026/03/01/x.html"
    assert doc.meta["publication"] == "Harbour Courier" and doc.meta["country"] == "AU"
    assert (doc.meta["published"], doc.meta_origin["published"]) == ("2026-03-01", "url")
    undated = page_document(_resp(page, url="https://a.example.com/x"), None,
                            fetched_on="2026-03-05")
    assert (undated.meta["published"], undated.meta_origin["published"]) == ("2026-03-05",
                                                                            "fetched")


@pytest.mark.parametrize("body, ctype, code", [
    (b"%PDF-1.7 binary", "application/pdf", "E715"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "E715"),
    (b"plain words and nothing else", "text/plain", "E715"),
    (b"", "text/html", "E102"),
])
def test_pages_that_are_not_articles(body, ctype, code):
    got = page_document(_resp(body, ctype), None)
    assert isinstance(got, Failure) and got.code == code and got.where == "https://a.example.com/x"


def test_a_redirected_page_keeps_its_key_and_records_where_it_lives():
    page = b"<html><body><article><p>" + b"Words of an article. " * 10 + b"</p></article></body></html>"
    resp = Response("https://a.example.com/s/123", "https://www.a.example.com/world/story?utm_source=x",
                    200, page, "text/html", None, None, None)
    doc = page_document(resp, None)
    assert doc.source.path == "https://a.example.com/s/123"
    assert doc.meta["url"] == "https://www.a.example.com/world/story"


def test_the_loop_rereads_sources_sleeps_between_cycles_and_survives_a_locked_kb(
        tmp_path, monkeypatch):
    import sqlite3

    from newsgraph import KnowledgeBase
    from newsgraph.watch import CycleReport, loop

    sources = tmp_path / "s.txt"
    sources.write_text("https://a.example.com/feed.xml\n")
    calls, slept, said = [], [], []

    def fake_cycle(kb, specs, settings, *, fetcher, on_failure):
        calls.append([s.url for s in specs])
        if len(calls) == 2:
            raise sqlite3.OperationalError("database is locked")
        sources.write_text("https://a.example.com/feed.xml\nhttps://b.example.com/rss\n")
        return CycleReport(cycle=len(calls))

    monkeypatch.setattr(loop, "run_cycle", fake_cycle)
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        reports = list(loop.watch(kb, str(sources), every=900.0, cycles=3,
                                  on_failure=said.append, sleep=slept.append))
    assert [r.cycle for r in reports] == [1, 3]
    assert calls[0] == ["https://a.example.com/feed.xml"] and len(calls[2]) == 2
    assert [f.code for f in said] == ["E722"]
    assert len(slept) == 2 and all(0 < s <= 900 for s in slept)
