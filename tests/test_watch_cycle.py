"""Watch cycles against a local web of news sites: RSS, Atom, a sitemap index, a home
page's feed; a 404, a timeout, a redirect loop, a 50 MB page, a PDF, a malformed
feed, robots.txt; pages and feeds that change between cycles.  Nothing is stored
twice and nothing is lost."""

from __future__ import annotations

import pytest

from newsgraph import KnowledgeBase
from newsgraph.watch import (FetchSettings, WatchSettings, arrivals, parse_sources, run_cycle,
                             sources_report)
from watch_server import (LocalWeb, Route, article_html, homepage, news_site, rss, sitemap,
                          sitemap_index)

HARBOUR = "http://harbour.example.com"
KESTREL = "http://kestrel.example.org"
MARROW = "http://marrow.example.net"
WREN = "http://wren.example.com"

SOURCES = f"""# the test web
{HARBOUR}/feed.xml        Harbour Courier   AU
{KESTREL}/atom.xml
{MARROW}/sitemap_index.xml  Marrow Times   GB
{WREN}/                   Wren Gazette
{HARBOUR}/more.xml        Harbour Courier   AU
http://broken.example.com/feed.xml
http://slow.example.com/feed.xml
http://loop.example.com/feed.xml
http://gone.example.com/feed.xml
"""


def build(web: LocalWeb) -> dict[str, list[str]]:
    """The sites; returns the article URLs that must end up stored, by site, and
    those that must fail, with their code."""
    good: dict[str, list[str]] = {}
    # RSS: links with tracking parameters and a fragment; a second feed of pages that
    # fail: an image, a 404, a 50 MB page, a page that times out
    good["harbour"] = news_site(web, "harbour.example.com", [
        "/local/2026/03/02/ferry.html?utm_source=rss&utm_medium=feed",
        "/local/2026/03/02/budget.html#comments",
        "/local/2026/03/02/buses.html"], site="Harbour Courier")
    extra = [f"{HARBOUR}/local/chart-of-the-week", f"{HARBOUR}/local/missing.html",
             f"{HARBOUR}/local/huge.html", f"{HARBOUR}/local/slow.html"]
    web.add(extra[0], Route(b"\x89PNG\r\n\x1a\n an image", content_type="image/png"))
    web.add(extra[2], Route(stream=50_000_000))
    web.add(extra[3], Route(article_html(99).encode(), delay=1.5))
    web.add(f"{HARBOUR}/more.xml", Route(rss(extra).encode(), content_type="application/rss+xml"))
    # Atom, and robots.txt that keeps one of its articles out
    good["kestrel"] = news_site(web, "kestrel.example.org", ["/news/item-1", "/news/item-2"],
                                start=10, site="Kestrel Daily", feed="atom")
    web.add(f"{KESTREL}/members/item-3", article_html(13, site="Kestrel Daily"))
    web.add(f"{KESTREL}/robots.txt", Route(b"User-agent: *\nDisallow: /members/\n",
                                           content_type="text/plain"))
    atom_route = web.routes[f"{KESTREL}/atom.xml"]
    atom_route.body = atom_route.body.replace(
        b"</feed>", f'<entry><title>m</title><link href="{KESTREL}/members/item-3"/></entry>'
        f"</feed>".encode())
    # a sitemap index of two sitemaps; one URL is listed in both
    good["marrow"] = [f"{MARROW}/world/a{i}.html" for i in range(4)]
    for i, u in enumerate(good["marrow"]):
        web.add(u, article_html(20 + i, site="Marrow Times"))
    web.add(f"{MARROW}/sitemap_index.xml", Route(sitemap_index(
        [f"{MARROW}/sitemap-1.xml", f"{MARROW}/sitemap-2.xml"]).encode(),
        content_type="application/xml"))
    web.add(f"{MARROW}/sitemap-1.xml", Route(sitemap(good["marrow"][:3]).encode(),
                                             content_type="application/xml"))
    web.add(f"{MARROW}/sitemap-2.xml", Route(sitemap(good["marrow"][2:]).encode(),
                                             content_type="application/xml"))
    # a home page whose feed is found from its <link rel="alternate">
    good["wren"] = news_site(web, "wren.example.com", ["/story/1", "/story/2"], start=30,
                             site="Wren Gazette")
    web.add(f"{WREN}/", homepage("/feed.xml"))
    # a malformed feed: cut off in the middle; its whole items are still read
    good["broken"] = [f"http://broken.example.com/p/{i}.html" for i in range(2)]
    for i, u in enumerate(good["broken"]):
        web.add(u, article_html(40 + i, site="Broken Wire"))
    web.add("http://broken.example.com/feed.xml", Route(
        rss(good["broken"]).encode()[:-40], content_type="application/rss+xml"))
    # a feed that times out, a redirect loop, and a feed that is gone
    web.add("http://slow.example.com/feed.xml", Route(b"<rss></rss>", delay=1.5))
    web.add("http://loop.example.com/feed.xml", Route(location="/feed2.xml"))
    web.add("http://loop.example.com/feed2.xml", Route(location="/feed.xml"))
    return good


def settings(web: LocalWeb, **kw) -> WatchSettings:
    fetch = FetchSettings(proxy=web.proxy, delay=0.0, timeout=0.75, retries=0,
                          max_bytes=2_000_000)
    return WatchSettings(fetch=fetch, analysis=False, **kw)


@pytest.fixture
def world(tmp_path):
    with LocalWeb() as web:
        good = build(web)
        specs, problems = parse_sources(SOURCES)
        assert problems == []
        with KnowledgeBase(tmp_path / "news.db") as kb:
            yield web, good, specs, kb


def working(specs):
    """The four sources that work (cycles over them take no timeouts)."""
    return specs[:4]


def stored_urls(kb) -> list[str]:
    return [r[0] for r in kb.conn.execute("SELECT source_path FROM articles ORDER BY 1")]


def canonical_good(good) -> set[str]:
    from newsgraph.watch import canonical

    return {canonical(u) for urls in good.values() for u in urls}


def test_a_cycle_stores_every_article_once_and_names_each_failure(world):
    web, good, specs, kb = world
    failures = []
    report = run_cycle(kb, specs, settings(web), on_failure=failures.append)
    # every good article is stored, once, under its canonical URL
    urls = stored_urls(kb)
    assert len(urls) == len(set(urls)) == len(canonical_good(good)) == 13
    assert set(urls) == canonical_good(good)
    assert report.stored == 13 and report.sources == 9
    # each failing source says why, once
    by_source = {f.where: f.code for f in failures if f.where.endswith(".xml")}
    assert by_source == {"http://broken.example.com/feed.xml": "E717",
                         "http://slow.example.com/feed.xml": "E711",
                         "http://loop.example.com/feed.xml": "E713",
                         "http://gone.example.com/feed.xml": "E710"}
    assert report.failed_sources == 4
    # each failing page too, with its own code
    pages = {f.where: f.code for f in failures if not f.where.endswith(".xml")}
    assert pages == {f"{HARBOUR}/local/chart-of-the-week": "E715",
                     f"{HARBOUR}/local/missing.html": "E710",
                     f"{HARBOUR}/local/huge.html": "E714",
                     f"{HARBOUR}/local/slow.html": "E711",
                     f"{KESTREL}/members/item-3": "E716"}
    assert web.count(f"{KESTREL}/members/item-3") == 0  # robots.txt: never asked for
    # the page's metadata, and the SOURCES line's publication and country
    row = kb.conn.execute("SELECT headline, publication, country, published, byline, language "
                          "FROM articles WHERE source_path = ?",
                          (f"{HARBOUR}/local/2026/03/02/buses.html",)).fetchone()
    assert tuple(row) == ("Marrow Falls council settles a new ferry timetable after vote 2",
                          "Harbour Courier", "AU", "2026-03-02", "Mara Quill", "en")
    kestrel = kb.conn.execute("SELECT publication FROM articles WHERE source_path LIKE ?",
                              (f"{KESTREL}/%",)).fetchone()
    assert kestrel[0] == "Kestrel Daily"  # no name in SOURCES: the page's site name


def test_the_next_cycle_fetches_nothing_again(world):
    web, good, specs, kb = world
    run_cycle(kb, specs, settings(web))
    hits = dict(web.hits)
    report = run_cycle(kb, specs, settings(web))
    assert report.found == 0 and report.stored == 0
    # no article page, stored or failed for good, was asked for again; the feeds,
    # sitemaps and home page answered 304
    again = {u for u, n in web.hits.items() if n != hits.get(u, 0)}
    pages = {u for u in again if not u.endswith((".xml", "/", "robots.txt"))}
    assert pages == {f"{HARBOUR}/local/slow.html"}  # a transient failure: tried again
    assert report.unchanged_sources == 5  # harbour (2 feeds), kestrel, marrow, wren
    assert len(stored_urls(kb)) == 13


def test_a_feed_that_changes_brings_only_its_new_article(world):
    web, good, specs, kb = world
    run_cycle(kb, working(specs), settings(web))
    last_visit = "2026-03-02T09:00:00+00:00"  # arrival times are kept to the second:
    kb.conn.execute("UPDATE articles SET ingested_at = '2026-03-02T08:00:00+00:00'")  # move
    new = f"{HARBOUR}/local/2026/03/03/tides.html"
    web.add(new, article_html(50, site="Harbour Courier", date="2026-03-03"))
    web.routes[f"{HARBOUR}/feed.xml"].body = rss([new] + good["harbour"]).encode()
    before = dict(web.hits)
    report = run_cycle(kb, working(specs), settings(web))
    assert report.found == 1 and report.stored == 1
    fetched = {u for u, n in web.hits.items() if n != before.get(u, 0) and "harbour" in u
               and not u.endswith("robots.txt")}
    assert fetched == {f"{HARBOUR}/feed.xml", new}
    # what is new since the last visit
    assert [a.url for a in arrivals(kb, since=last_visit)] == [new]
    assert len(arrivals(kb, until=last_visit, limit=100)) == 11


def test_a_home_page_that_changes_leads_to_its_new_feed(world):
    web, good, specs, kb = world
    run_cycle(kb, working(specs), settings(web))
    urls = news_site(web, "wren.example.com", ["/sport/1"], start=60, site="Wren Gazette",
                     feed=None)
    web.add(f"{WREN}/sport.xml", Route(rss(urls).encode(), content_type="application/rss+xml"))
    web.routes[f"{WREN}/"].body = homepage("/feed.xml").replace(
        "</head>", '<link rel="alternate" type="application/rss+xml" href="/sport.xml"></head>'
    ).encode()
    report = run_cycle(kb, working(specs), settings(web))
    assert report.stored == 1 and f"{WREN}/sport/1" in stored_urls(kb)
    wren = [s for s in sources_report(kb) if s.url == WREN][0]
    assert (wren.kind, wren.found, wren.stored, wren.errors) == ("homepage", 3, 3, 0)


def test_an_article_page_that_changes_is_not_stored_twice(world):
    web, good, specs, kb = world
    run_cycle(kb, working(specs), settings(web))
    first = f"{WREN}/story/1"
    web.routes[first].body = article_html(30, site="Wren Gazette", version=2).encode()
    # listed again (a feed that changed for another reason): the URL is known
    web.routes[f"{WREN}/feed.xml"].body += b"\n"
    report = run_cycle(kb, working(specs), settings(web))
    assert report.found == 0 and web.count(first) == 1
    assert stored_urls(kb).count(first) == 1


def test_transient_failures_are_tried_again_and_then_given_up(world):
    web, good, specs, kb = world
    slow = f"{HARBOUR}/local/slow.html"
    run_cycle(kb, specs, settings(web, max_attempts=2))
    web.routes[slow].delay = 0.0  # the server recovers
    report = run_cycle(kb, specs, settings(web, max_attempts=2))
    assert report.stored == 1 and slow in stored_urls(kb)
    status = dict(kb.conn.execute("SELECT url, status FROM watch_urls"))
    assert status[slow] == "stored"
    assert status[f"{HARBOUR}/local/missing.html"] == "failed"
    assert status[f"{KESTREL}/members/item-3"] == "robots"


def test_a_page_failing_every_time_is_given_up_after_max_attempts(world):
    web, good, specs, kb = world
    slow = f"{HARBOUR}/local/slow.html"
    more = [s for s in specs if s.url == f"{HARBOUR}/more.xml"]
    for _ in range(3):
        run_cycle(kb, more, settings(web, max_attempts=2))
    assert web.count(slow) == 2
    row = kb.conn.execute("SELECT status, attempts, code FROM watch_urls WHERE url = ?",
                          (slow,)).fetchone()
    assert tuple(row) == ("failed", 2, "E711")


def test_sources_report(world):
    web, good, specs, kb = world
    run_cycle(kb, specs, settings(web))
    run_cycle(kb, specs, settings(web))
    rows = {r.url: r for r in sources_report(kb)}
    harbour = rows[f"{HARBOUR}/feed.xml"]
    assert (harbour.kind, harbour.publication, harbour.country) == ("feed", "Harbour Courier",
                                                                     "AU")
    assert (harbour.found, harbour.stored, harbour.failed, harbour.errors) == (3, 3, 0, 0)
    assert harbour.last_success is not None
    more = rows[f"{HARBOUR}/more.xml"]
    assert (more.found, more.stored, more.failed, more.pending) == (4, 0, 3, 1)  # slow: retry
    marrow = rows[f"{MARROW}/sitemap_index.xml"]
    assert (marrow.kind, marrow.found, marrow.stored) == ("sitemap", 4, 4)
    loop = rows["http://loop.example.com/feed.xml"]
    assert (loop.errors, loop.last_error_code, loop.last_success) == (2, "E713", None)
    broken = rows["http://broken.example.com/feed.xml"]
    assert broken.last_error_code == "E717" and broken.stored == 2  # its links were kept


def test_a_source_no_longer_listed_is_kept_but_inactive(world):
    web, good, specs, kb = world
    run_cycle(kb, working(specs), settings(web))
    run_cycle(kb, specs[:2], settings(web))
    assert len(sources_report(kb)) == 2
    everything = sources_report(kb, all=True)
    assert len(everything) == 4 and sum(not r.active for r in everything) == 2


def test_link_and_dedupe_run_after_a_cycle(world):
    web, good, specs, kb = world
    # a wire copy: the same story on a second site, with another headline
    copy = f"{WREN}/story/wire"
    page = article_html(30, site="Wren Gazette").replace("council settles", "council agrees")
    web.add(copy, page)
    web.routes[f"{WREN}/feed.xml"].body = rss(good["wren"] + [copy]).encode()
    report = run_cycle(kb, working(specs), settings(web))
    assert report.linked is not None and report.clustered == 2
    cluster = kb.conn.execute("SELECT count(DISTINCT cluster_id) FROM articles "
                              "WHERE cluster_id IS NOT NULL").fetchone()[0]
    assert cluster == 1
