"""Article URLs of one source: a feed, a sitemap (index) or a home page.

What a source is comes from what it serves: a ``<urlset>``/``<sitemapindex>``
document (or a plain list of URLs) is a sitemap, an RSS, Atom or JSON feed is a
feed, an HTML page is a home page whose feeds (``<link rel="alternate">`` and
feed-like links) are read in turn.  The links come from trafilatura's own
``feeds`` and ``sitemaps`` modules (no feed parser here), and each is put in its
canonical form (:func:`.urls.canonical`).

Every document is fetched with the validators of its last answer, so a feed that
has not changed costs one ``304``.  When a home page or a sitemap index has not
changed, the feeds or sitemaps found in it last time (kept in
``watch_sources.documents``) are fetched, conditionally too.  A source that
fails says why in one :class:`~newsgraph.models.Failure`; what its other
documents gave is kept.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..errors import InputError
from ..models import Failure
from .fetch import Fetcher, FetchError, Response
from .urls import canonical

__all__ = ["Scan", "Validators", "scan_source", "stored_validators", "classify", "decode_body",
           "MAX_DOCUMENTS", "MAX_FEEDS"]

#: Most feeds read from one home page, and most documents read for one source per cycle.
MAX_FEEDS = 5
MAX_DOCUMENTS = 200

_SITEMAP_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b")
_HTML_ROOT = re.compile(r"<html[\s>]|<!doctype\s+html", re.I)
_URL_LINE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True, slots=True)
class Validators:
    """The ``ETag`` / ``Last-Modified`` of one document's last answer."""

    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Scan:
    """What reading one source gave in one cycle."""

    url: str
    kind: str | None  # feed | sitemap | homepage (None: unknown, the source failed first)
    links: tuple[str, ...] = ()  # canonical article URLs, in the order found, each once
    documents: tuple[str, ...] = ()  # feeds of a home page, sitemaps of an index
    validators: tuple[Validators, ...] = ()  # of the documents read in full, to store
    failure: Failure | None = None
    unchanged: bool = False  # every document answered 304
    fetched: int = field(default=0, compare=False)


def decode_body(resp: Response) -> str:
    """The text of a response: the declared charset, else newsgraph's reader's
    decoding (BOMs, UTF-8, the page's meta charset, cp1252).  gzip files (a
    ``sitemap.xml.gz``) are unpacked.  Raises :class:`InputError` for empty or
    binary bodies."""
    from ..readers.files import decode

    data = resp.content
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"corrupt gzip data ({exc})", code="E104") from None
    if resp.charset:
        try:
            text = data.decode(resp.charset)
            if text.strip():
                return text.lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    text, _warnings = decode(data, html=resp.content_type in ("text/html",
                                                               "application/xhtml+xml"))
    return text


def classify(text: str, content_type: str = "") -> str | None:
    """``sitemap``, ``feed``, ``homepage``, or None for anything else."""
    from trafilatura.feeds import is_potential_feed

    from ..readers.html import looks_like_html

    head = text.lstrip()[:4096]
    if _SITEMAP_ROOT.search(head):
        return "sitemap"
    if _HTML_ROOT.search(head[:1024]):
        return "homepage"
    if is_potential_feed(head):
        return "feed"
    if head.startswith("{") and '"items"' in text[:200_000]:
        return "feed"  # JSON Feed
    if looks_like_html(text):
        return "homepage"
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    if lines and all(_URL_LINE.match(ln) for ln in lines[:50]):
        return "sitemap"  # a plain-text sitemap
    return None


def scan_source(fetcher: Fetcher, url: str, *, kind: str | None = None,
                documents: tuple[str, ...] = (),
                validators: Callable[[str], Validators | None] = lambda url: None) -> Scan:
    """Fetch one source (and the feeds or sitemaps it leads to) and list its links.

    ``kind`` and ``documents`` are what the last cycle learnt of it; ``validators``
    gives the stored validators of a URL.
    """
    reader = _Reader(fetcher, validators)
    try:
        resp = reader.fetch(url)
    except (FetchError, InputError) as exc:
        return Scan(url, kind, failure=_failure(url, exc), fetched=reader.fetched)
    if resp.not_modified:
        if kind in ("homepage", "sitemap") and documents:
            reader.follow(list(documents), kind)
        return reader.result(url, kind, documents, unchanged=not reader.changed)
    try:
        text = decode_body(resp)
    except InputError as exc:
        return Scan(url, kind, failure=_failure(url, exc), fetched=reader.fetched)
    found = classify(text, resp.content_type)
    if found is None:
        what = resp.content_type or "no content type"
        return Scan(url, kind, failure=Failure(url, "E717", "neither a feed, a sitemap nor an "
                                               f"HTML page ({what})"), fetched=reader.fetched)
    if found == "homepage":
        feeds = _feeds_of_page(text, resp.final_url)
        if not feeds:
            return Scan(url, found, failure=Failure(
                url, "E718", "no feed found on the page (list a feed or sitemap URL instead)"),
                fetched=reader.fetched)
        reader.keep(resp)
        reader.follow(feeds, found)
        return reader.result(url, found, tuple(feeds))
    if found == "feed":
        reader.read_feed(url, resp, text)
        return reader.result(url, found, ())
    children = reader.read_sitemap(url, resp, text)
    if children:
        reader.follow(children, found)
    return reader.result(url, found, tuple(reader.sitemaps))


class _Reader:
    """The documents of one source in one cycle: fetches, links, validators, problems."""

    def __init__(self, fetcher: Fetcher, validators: Callable[[str], Validators | None]):
        self.fetcher = fetcher
        self.validators = validators
        self.links: dict[str, None] = {}
        self.keepers: list[Validators] = []
        self.failures: list[Failure] = []
        self.sitemaps: list[str] = []  # every sitemap under an index, in order
        self.seen: set[str] = set()
        self.fetched = 0
        self.changed = False

    def fetch(self, url: str) -> Response:
        v = self.validators(url)
        self.seen.add(url)
        self.fetched += 1
        resp = self.fetcher.get(url, etag=v.etag if v else None,
                                last_modified=v.last_modified if v else None)
        self.changed |= not resp.not_modified
        return resp

    def keep(self, resp: Response) -> None:
        """Store this document's validators once its links are safely read."""
        if resp.etag or resp.last_modified:
            self.keepers.append(Validators(resp.url, resp.etag, resp.last_modified))

    def add(self, links) -> None:
        for link in links:
            c = canonical(link)
            if c is not None:
                self.links.setdefault(c, None)

    def read_feed(self, url: str, resp: Response, text: str) -> None:
        from courlan import get_hostinfo
        from trafilatura.feeds import FeedParameters, extract_links

        domain, base = get_hostinfo(resp.final_url)
        if domain is None:
            self.failures.append(_no_domain(url))
            return
        # a feed someone listed may link to its articles on another domain (a wire
        # service's partners, a feeds. subdomain): external links are kept
        links = extract_links(text.strip(), FeedParameters(base, domain, resp.final_url,
                                                           external=True))
        self.add(links)
        problem = _malformed(resp.content, text)
        if problem:
            self.failures.append(Failure(url, "E717", f"malformed feed ({problem}); "
                                         f"{len(links)} links read from it"))
        else:
            self.keep(resp)

    def read_sitemap(self, url: str, resp: Response, text: str) -> list[str]:
        """Links of one sitemap; returns the sitemaps it lists (an index)."""
        from courlan import get_hostinfo
        from trafilatura.sitemaps import SitemapObject

        domain, base = get_hostinfo(resp.final_url)
        if domain is None:
            self.failures.append(_no_domain(url))
            return []
        sm = SitemapObject(base, domain, [])
        sm.current_url, sm.content = resp.final_url, text
        sm.process()
        self.add(sm.urls)
        if text.lstrip().startswith("<"):
            problem = _malformed(resp.content, text)
            if problem:
                self.failures.append(Failure(url, "E717", f"malformed sitemap ({problem}); "
                                             f"{len(sm.urls)} links read from it"))
                return [c for c in map(canonical, sm.sitemap_urls) if c]
        self.keep(resp)
        return [c for c in map(canonical, sm.sitemap_urls) if c]

    def follow(self, urls: list[str], kind: str) -> None:
        """Fetch the feeds of a home page, or the sitemaps of an index (breadth first)."""
        queue = list(urls)[:MAX_FEEDS] if kind == "homepage" else list(urls)
        while queue and self.fetched < MAX_DOCUMENTS:
            doc = queue.pop(0)
            if doc in self.seen:
                continue
            if kind == "sitemap":
                self.sitemaps.append(doc)
            try:
                resp = self.fetch(doc)
                if resp.not_modified:
                    continue
                text = decode_body(resp)
            except (FetchError, InputError) as exc:
                self.failures.append(_failure(doc, exc))
                continue
            if kind == "homepage":
                if classify(text, resp.content_type) != "feed":
                    self.failures.append(Failure(doc, "E717", "a feed link of the home page "
                                                 "does not lead to a feed"))
                    continue
                self.read_feed(doc, resp, text)
            else:
                queue.extend(self.read_sitemap(doc, resp, text))

    def result(self, url: str, kind: str | None, documents: tuple[str, ...], *,
               unchanged: bool = False) -> Scan:
        failure = None
        if self.failures:
            first = self.failures[0]
            more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
            where = "" if first.where == url else f"{first.where}: "
            failure = Failure(url, first.code, f"{where}{first.message}{more}")
        return Scan(url, kind, tuple(self.links), documents, tuple(self.keepers), failure,
                    unchanged, self.fetched)


def _feeds_of_page(html: str, page_url: str) -> list[str]:
    from courlan import get_hostinfo
    from trafilatura.feeds import FeedParameters, determine_feed

    domain, base = get_hostinfo(page_url)
    found = determine_feed(html, FeedParameters(base or page_url, domain or "", page_url))
    out: dict[str, None] = {}
    for f in found:
        c = canonical(f)
        if c is not None:
            out.setdefault(c, None)
    return list(out)


def _malformed(content: bytes, text: str) -> str | None:
    """Why a feed or sitemap is not well-formed XML (or JSON), or None."""
    if text.lstrip().startswith("{"):
        try:
            json.loads(text)
        except ValueError as exc:
            return f"JSON: {exc}"
        return None
    from lxml import etree

    data = content
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            return "corrupt gzip data"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False,
                             huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"XML: {exc.msg}"[:200]
    return None


def _failure(url: str, exc: FetchError | InputError) -> Failure:
    return Failure(url, exc.code, exc.message)


def _no_domain(url: str) -> Failure:
    return Failure(url, "E719", "no domain name in the URL (IP addresses and local host names "
                   "cannot be read by trafilatura's feed and sitemap modules)")


def stored_validators(rows: Mapping[str, tuple[str | None, str | None]]
                      ) -> Callable[[str], Validators | None]:
    """A ``validators`` look-up over ``{url: (etag, last_modified)}``."""
    def look(url: str) -> Validators | None:
        v = rows.get(url)
        return Validators(url, v[0], v[1]) if v else None
    return look
