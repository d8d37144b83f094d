"""A local web for the watch tests and benchmark: virtual news sites on 127.0.0.1.

The server listens on 127.0.0.1 and the watcher reaches it as its HTTP proxy,
so the sites keep real-looking host names (``http://harbour.example.com/...``)
that courlan and trafilatura accept, and each host is a host of its own for
robots.txt and politeness.  Every page, feed and sitemap is made here from
sentences written for these tests.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit


@dataclass
class Route:
    """What one URL answers."""

    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    conditional: bool = True  # send an ETag and Last-Modified, answer 304 to a match
    delay: float = 0.0  # seconds before answering
    location: str | None = None  # a redirect's target
    stream: int | None = None  # send this many bytes, chunked, without Content-Length
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer 503 to the first N requests


class LocalWeb:
    """``with LocalWeb() as web: web.add("http://a.example.com/feed.xml", Route(...))``."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.headers_seen: list[dict[str, str]] = []
        self.active: dict[str, int] = {}  # requests in progress per host
        self.max_active: dict[str, int] = {}
        self.starts: dict[str, list[float]] = {}  # request start times per host
        self.lock = threading.Lock()
        self.on_request: Callable[[str], None] | None = None
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def proxy(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, url: str, route: Route | bytes | str) -> None:
        if isinstance(route, str):
            route = route.encode("utf-8")
        if isinstance(route, bytes):
            route = Route(route)
        self.routes[url] = route

    def count(self, url: str) -> int:
        with self.lock:
            return self.hits.get(url, 0)

    def __enter__(self) -> "LocalWeb":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # many clients at once (the default backlog of 5 drops some)

    def handle_error(self, request, client_address) -> None:  # clients that hang up: quiet
        pass


def _handler(web: LocalWeb):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            host = parts.netloc or self.headers.get("Host", "")
            url = f"http://{host}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
            with web.lock:
                n = web.hits[url] = web.hits.get(url, 0) + 1
                web.headers_seen.append(dict(self.headers))
                web.active[host] = web.active.get(host, 0) + 1
                web.max_active[host] = max(web.max_active.get(host, 0), web.active[host])
                web.starts.setdefault(host, []).append(time.monotonic())
            try:
                if web.on_request is not None:
                    web.on_request(url)
                self._answer(url, n)
            except OSError:  # the client went away (a size cap, a timeout)
                self.close_connection = True
            finally:
                with web.lock:
                    web.active[host] -= 1

        def _answer(self, url: str, n: int) -> None:
            route = web.routes.get(url)
            if route is None:
                return self._send(404, b"not here", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if n <= route.fail_first:
                return self._send(503, b"busy", "text/plain")
            if route.location is not None:
                return self._send(route.status if route.status in (301, 302, 303, 307, 308)
                                  else 302, b"", "text/plain", {"Location": route.location})
            body = route.body() if callable(route.body) else route.body
            headers = dict(route.headers)
            if route.conditional and route.status == 200:
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                modified = formatdate(1_700_000_000 + len(body), usegmt=True)
                headers.update({"ETag": etag, "Last-Modified": modified})
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", None, headers)
            if route.stream is not None:
                return self._stream(route)
            self._send(route.status, body, route.content_type, headers)

        def _send(self, status: int, body: bytes, ctype: str | None,
                  headers: dict | None = None) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _stream(self, route: Route) -> None:
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
            sent = 0
            while sent < route.stream:
                self.wfile.write(chunk)
                sent += len(chunk)
            self.close_connection = True

    return Handler


# -- synthetic news -----------------------------------------------------------------

TOWNS = ("Port Alder", "Kestrel Bay", "Marrow Falls", "Juniper Flats", "Oxbow", "Silt Harbour",
         "Fernmoor", "Cobalt Ridge", "Wrenfield", "Quarry Point")
TOPICS = ("a new ferry timetable", "the flood barrier budget", "school bus routes",
          "a fishing quota", "the library roof", "a tram extension", "water rates",
          "the harbour dredging plan", "a night market licence", "the bridge repairs")


_WORDS = """harbour council ferry budget river tide market school road bridge tram water
library clinic station port quay dredging barrier licence rates vote motion clerk mayor
minutes report quarter tender contract engineer survey storm flood drain pier jetty crane
cargo freight timber grain wool orchard vineyard quarry mill foundry workshop warehouse
depot terminal platform signal timetable route fare ticket season holiday festival parade
museum gallery theatre choir band stadium pitch league season coach referee trophy medal
ward hospital nurse doctor pharmacy ambulance patrol lantern beacon lighthouse ledger
petition hearing inquiry audit grant loan levy surplus deficit forecast estimate draft
amendment clause schedule annex appendix summary notice bulletin gazette column letter
editor reader visitor tenant owner farmer fisher baker grocer tailor carpenter mason
plumber painter driver pilot sailor captain keeper warden ranger steward trustee""".split()


def article_html(n: int, *, site: str = "Harbour Courier", date: str = "2026-03-02",
                 author: str = "Mara Quill", version: int = 1) -> str:
    """A news page with navigation, a dated headline, a byline and four paragraphs,
    different for every ``n`` (and every ``version``): a first sentence from a
    template, then word sequences drawn at random (seeded by ``n``), so that two
    pages share no run of words (near-duplicate grouping must not join them)."""
    import random

    town, topic = TOWNS[n % len(TOWNS)], TOPICS[(n // len(TOWNS)) % len(TOPICS)]
    title = f"{town} council settles {topic} after vote {n}"
    rnd = random.Random(n * 1000 + version)
    paras = [f"Councillors in {town} voted on Tuesday to approve {topic}, item {n}."]
    for _ in range(3):
        words = [rnd.choice(_WORDS) for _ in range(rnd.randint(28, 40))]
        paras.append(" ".join(words).capitalize() + ".")
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paras)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {escape(site)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="og:site_name" content="{escape(site)}">
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{date}T08:00:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1><p class="byline">By {escape(author)}</p>
{body}
</article>
<footer>Copyright {escape(site)}. All rights reserved.</footer>
</body></html>"""


def rss(items: list[str], *, title: str = "Harbour Courier") -> str:
    entries = "\n".join(
        f"<item><title>Story {i}</title><link>{escape(u)}</link>"
        f"<pubDate>Mon, 02 Mar 2026 08:{i % 60:02d}:00 GMT</pubDate></item>"
        for i, u in enumerate(items))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.com/</link>"
            f"<description>News</description>\n{entries}\n</channel></rss>")


def atom(items: list[str], *, self_url: str = "http://example.com/atom.xml") -> str:
    entries = "\n".join(
        f'<entry><title>Story {i}</title><link rel="alternate" href="{escape(u)}"/>'
        f"<id>{escape(u)}</id><updated>2026-03-02T08:00:00Z</updated></entry>"
        for i, u in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Kestrel Daily</title><link rel="self" href="{escape(self_url)}"/>'
            f"<updated>2026-03-02T08:00:00Z</updated><id>{escape(self_url)}</id>\n"
            f"{entries}\n</feed>")


def sitemap(urls: list[str]) -> str:
    locs = "\n".join(f"<url><loc>{escape(u)}</loc><lastmod>2026-03-02</lastmod></url>"
                     for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{locs}\n</urlset>')


def sitemap_index(maps: list[str]) -> str:
    locs = "\n".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in maps)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{locs}\n</sitemapindex>')


def homepage(feed_href: str, *, site: str = "Wren Gazette") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(site)}</title>
<link rel="alternate" type="application/rss+xml" title="{escape(site)}" href="{escape(feed_href)}">
</head><body><h1>{escape(site)}</h1><p>Today's news from the valley.</p></body></html>"""


def news_site(web: LocalWeb, host: str, paths: list[str], *, start: int = 0,
              site: str = "Harbour Courier", feed: str = "rss") -> list[str]:
    """Article pages at ``http://host/path`` and a feed of them at ``/feed.xml``
    (``rss``) or ``/atom.xml`` (``atom``); returns the article URLs as the feed
    lists them (a ``utm_`` parameter or a fragment in ``paths`` is listed, and the
    page is served without it, at its canonical URL)."""
    urls = [f"http://{host}{p}" for p in paths]
    for i, u in enumerate(urls):
        web.add(_plain(u), article_html(start + i, site=site))
    if feed == "rss":
        web.add(f"http://{host}/feed.xml", Route(rss(urls).encode(),
                                                  content_type="application/rss+xml"))
    elif feed == "atom":
        web.add(f"http://{host}/atom.xml", Route(atom(urls, self_url=f"http://{host}/atom.xml")
                                                  .encode(), content_type="application/atom+xml"))
    return urls


def _plain(url: str) -> str:
    """``url`` without its fragment and ``utm_`` parameters (what the server answers to)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    p = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(p.query) if not k.startswith("utm_")])
    return urlunsplit((p.scheme, p.netloc, p.path, query, ""))
