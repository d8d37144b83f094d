"""Polite HTTP: one client (httpx) shared by the watcher's threads.

Every request to a host goes through that host's gate: at most
``FetchSettings.per_host`` requests at once, and ``delay`` seconds between the
starts of two requests (longer when robots.txt asks for a ``Crawl-delay``).
robots.txt is read before a host's first page (and again after an hour; RFC 9309:
a 4xx answer allows everything, a 5xx answer or no answer reads nothing from the
host), and every URL, redirect targets included, is checked against it.  Timeouts
cover connecting, each read and the whole body; bodies larger than ``max_bytes``
are refused as soon as the size is known or reached; timeouts, connection
errors, 429 and 5xx answers are retried with exponential backoff (``Retry-After``
honoured, up to ``max_wait``).  Redirects are followed here, hop by hop, so
robots.txt applies to each hop and a loop is named as one.  Conditional requests
send the ``ETag`` and ``Last-Modified`` of the last answer; a ``304`` comes back
as a :class:`Response` with ``not_modified``.  Failures are :class:`FetchError`
with a code (``E710``-``E721``) and whether a later try may succeed.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Iterator
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import NewsgraphError
from .urls import host_of

__all__ = ["FetchSettings", "Fetcher", "Response", "FetchError", "DEFAULT_USER_AGENT"]

DEFAULT_USER_AGENT = (f"newsgraph/{__version__} (news monitor; reads feeds and sitemaps; "
                      "respects robots.txt)")

_REDIRECTS = (301, 302, 303, 307, 308)
_ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is kept
_UNREACHABLE_TTL = 300.0  # seconds a host that could not be reached is not tried again


@dataclass(frozen=True)
class FetchSettings:
    """How the watcher downloads (``newsgraph watch`` options)."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0  # seconds: connecting, each read, and the whole body
    max_bytes: int = 10_000_000  # the largest response body read
    per_host: int = 2  # requests at once to one host
    delay: float = 1.0  # seconds between the starts of two requests to one host
    retries: int = 2  # further tries after a timeout, a connection error, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_wait: float = 60.0  # longest Crawl-delay or Retry-After honoured (seconds)
    max_redirects: int = 5
    concurrency: int = 16  # requests at once, all hosts together
    proxy: str | None = None  # an HTTP proxy (else the HTTP(S)_PROXY variables apply)


@dataclass(frozen=True, slots=True)
class Response:
    """A successful answer (``200``), or ``304`` to a conditional request."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str  # media type, lower-case, without parameters ("" when none)
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(NewsgraphError):
    """A URL that could not be read: ``code`` says why; ``transient`` failures
    (timeouts, connection errors, 429, 5xx) may succeed in a later cycle."""

    code = "E710"

    def __init__(self, message: str, *, code: str, where: str | None = None,
                 status: int | None = None, transient: bool = False,
                 retry_after: float | None = None):
        super().__init__(message, code=code, where=where)
        self.status = status
        self.transient = transient
        self.retry_after = retry_after


class _Host:
    """Politeness state of one ``scheme://host:port``."""

    def __init__(self, per_host: int):
        self.slots = threading.BoundedSemaphore(per_host)
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.robots_lock = threading.Lock()
        self.robots: RobotFileParser | None = None  # None: allow everything
        self.robots_until = 0.0  # monotonic time the robots answer expires
        self.robots_error: FetchError | None = None
        self.crawl_delay = 0.0


class Fetcher:
    """Downloads with :class:`FetchSettings`; safe to share between threads.

    ``transport`` replaces httpx's network transport (tests may pass a mock).
    """

    def __init__(self, settings: FetchSettings = FetchSettings(), *, transport=None):
        import httpx

        self.settings = settings
        s = settings
        self._httpx = httpx
        self.client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(s.timeout), follow_redirects=False, proxy=s.proxy,
            limits=httpx.Limits(max_connections=s.concurrency,
                                max_keepalive_connections=s.concurrency),
            transport=transport)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.requests = 0  # HTTP requests sent (retries and robots.txt included)
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the one entry point --------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            check_robots: bool = True) -> Response:
        """GET ``url`` politely; raises :class:`FetchError`."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if current in seen:
                raise FetchError(f"redirect loop ({' -> '.join(seen[-3:])} -> {current})",
                                 code="E713", where=url)
            seen.append(current)
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(f"not an http(s) URL: {current[:120]}", code="E719", where=url)
            host = self._host(current)
            if check_robots:
                self._check_robots(host, current, url)
            answer = self._with_retries(host, current, headers, url)
            if isinstance(answer, Response):
                return Response(url, current, answer.status, answer.content, answer.content_type,
                                answer.charset, answer.etag, answer.last_modified)
            current = answer  # a redirect's target
        raise FetchError(f"more than {self.settings.max_redirects} redirects", code="E713",
                         where=url)

    # -- hosts, robots.txt -------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = host_of(url)
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self.settings.per_host)
            return host

    def _check_robots(self, host: _Host, url: str, asked: str) -> None:
        with host.robots_lock:
            if time.monotonic() >= host.robots_until:
                self._load_robots(host, url)
        if host.robots_error is not None:
            err = host.robots_error
            raise FetchError(err.message, code=err.code, where=asked, status=err.status,
                             transient=err.transient)
        if host.robots is not None and not host.robots.can_fetch(self.settings.user_agent, url):
            raise FetchError("robots.txt does not allow it", code="E716", where=asked)

    def _load_robots(self, host: _Host, url: str) -> None:
        robots_url = host_of(url) + "/robots.txt"
        host.robots, host.robots_error, host.crawl_delay = None, None, 0.0
        host.robots_until = time.monotonic() + _ROBOTS_TTL
        try:
            resp = self.get(robots_url, check_robots=False)
        except FetchError as exc:
            if not exc.transient:  # 4xx, too many redirects, too large: everything allowed
                return
            host.robots_until = time.monotonic() + _UNREACHABLE_TTL
            if exc.status is not None:  # 5xx: RFC 9309 says read nothing from the host
                host.robots_error = FetchError(
                    f"robots.txt unavailable (HTTP {exc.status}): nothing is read from the host",
                    code="E721", status=exc.status, transient=True)
            else:
                host.robots_error = FetchError(f"host unreachable: {exc.message}", code=exc.code,
                                               transient=True)
            return
        parser = RobotFileParser(robots_url)
        parser.parse(resp.content.decode("utf-8", "replace").splitlines())
        host.robots = parser
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            host.crawl_delay = min(float(delay), self.settings.max_wait)
            with host.lock:  # the first page waits too, after robots.txt itself
                host.next_start = max(host.next_start, time.monotonic() + host.crawl_delay)

    @contextmanager
    def _slot(self, host: _Host) -> Iterator[None]:
        """Wait for one of the host's slots and for its delay since the last start."""
        host.slots.acquire()
        try:
            with host.lock:
                now = time.monotonic()
                start = max(now, host.next_start)
                host.next_start = start + max(self.settings.delay, host.crawl_delay)
            if start > now:
                time.sleep(start - now)
            yield
        finally:
            host.slots.release()

    # -- one request, retried ---------------------------------------------------------
    def _with_retries(self, host: _Host, url: str, headers: dict, asked: str) -> Response | str:
        s = self.settings
        for attempt in range(s.retries + 1):
            try:
                with self._slot(host):
                    return self._once(url, headers, asked)
            except FetchError as exc:
                if not exc.transient or attempt == s.retries:
                    raise
                wait = s.backoff * (2 ** attempt)
                if exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                time.sleep(min(wait, s.max_wait))
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict, asked: str) -> Response | str:
        httpx = self._httpx
        s = self.settings
        with self._count_lock:
            self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                if r.status_code in _REDIRECTS and r.headers.get("location"):
                    return urljoin(url, r.headers["location"].strip())
                if r.status_code == 304:
                    return Response(asked, url, 304, b"", "", None, r.headers.get("etag"),
                                    r.headers.get("last-modified"))
                if r.status_code != 200:
                    transient = r.status_code == 429 or r.status_code >= 500
                    raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".rstrip(),
                                     code="E720" if transient else "E710", where=asked,
                                     status=r.status_code, transient=transient,
                                     retry_after=_retry_after(r.headers.get("retry-after")))
                size = r.headers.get("content-length")
                if size and size.isdigit() and int(size) > s.max_bytes:
                    raise FetchError(f"larger than the size cap ({int(size):,} bytes; cap "
                                     f"{s.max_bytes:,})", code="E714", where=asked)
                deadline = time.monotonic() + s.timeout
                chunks, total = [], 0
                for chunk in r.iter_bytes():
                    total += len(chunk)
                    if total > s.max_bytes:
                        raise FetchError(f"larger than the size cap (more than {s.max_bytes:,} "
                                         "bytes)", code="E714", where=asked)
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out reading the body (over {s.timeout:g}s)",
                                         code="E711", where=asked, transient=True)
                    chunks.append(chunk)
                ctype = r.headers.get("content-type", "")
                media = ctype.split(";")[0].strip().lower()
                return Response(asked, url, 200, b"".join(chunks), media, _charset(ctype),
                                r.headers.get("etag"), r.headers.get("last-modified"))
        except FetchError:
            raise
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__}, {s.timeout:g}s)", code="E711",
                             where=asked, transient=True) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"not a URL that can be fetched: {exc}", code="E719",
                             where=asked) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(f"connection failed: {type(exc).__name__}: {exc}"[:300],
                             code="E712", where=asked, transient=True) from None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())
