"""A watch cycle with the full analysis: pages fetched from a local feed are analysed
(actors, quotes), stored, and linked across articles by the cycle's `link` pass."""

from __future__ import annotations

import pytest

from newsgraph import KnowledgeBase
from newsgraph.watch import FetchSettings, WatchSettings, parse_sources, run_cycle
from watch_server import LocalWeb, Route, rss

pytestmark = pytest.mark.model

HOST = "http://valley.example.com"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="article:published_time" content="{date}T07:00:00Z">
<meta name="author" content="Tomas Reed"></head><body><article><h1>{title}</h1>
{paras}</article></body></html>"""

FIRST = [
    "Foreign Minister Lena Varga of Hungary met officials of the Polish government in "
    "Warsaw on Monday to discuss a new rail link between the two countries.",
    "\u201cWe have agreed on the route, and the money will follow,\u201d Varga told reporters "
    "after the meeting.",
    "The two governments said they would sign the agreement in the spring.",
]
SECOND = [
    "Hungary and Poland will open the new rail link to freight first, officials said on "
    "Tuesday.",
    "\u201cPassengers will have to wait another year,\u201d Ms Varga said in Budapest.",
    "Engineers began a survey of the line last week.",
]


def page(title: str, paras: list[str], date: str) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return PAGE.format(title=title, date=date, paras=body).encode()


def test_a_cycle_with_analysis_stores_quotes_and_links_people(tmp_path):
    with LocalWeb() as web:
        urls = [f"{HOST}/world/rail-route", f"{HOST}/world/rail-freight"]
        web.add(urls[0], page("Hungary and Poland agree rail route", FIRST, "2026-03-02"))
        web.add(urls[1], page("Rail link to carry freight first", SECOND, "2026-03-03"))
        web.add(f"{HOST}/feed.xml", Route(rss(urls).encode(), content_type="application/rss+xml"))
        specs, _ = parse_sources(f"{HOST}/feed.xml  Valley Herald  GB\n")
        settings = WatchSettings(fetch=FetchSettings(proxy=web.proxy, delay=0, timeout=5,
                                                     retries=0))
        with KnowledgeBase(tmp_path / "news.db") as kb:
            report = run_cycle(kb, specs, settings)
            assert report.stored == 2 and report.linked == 2
            assert kb.conn.execute("SELECT count(*) FROM articles WHERE pipeline_version IS "
                                   "NULL").fetchone()[0] == 0
            speakers = {r[0] for r in kb.conn.execute(
                "SELECT speaker_actor FROM quotes q JOIN articles a ON a.id = q.article_id")}
            assert "person:lena-varga" in speakers
            # the second article names only "Ms Varga": linked to the person of the first
            linked = kb.conn.execute(
                "SELECT aa.kb_actor_id FROM article_actors aa JOIN articles a "
                "ON a.id = aa.article_id WHERE a.source_path = ? AND aa.kind = 'person'",
                (urls[1],)).fetchall()
            assert [r[0] for r in linked] == ["person:lena-varga"]
