"""Polite fetching against a local server: status codes, timeouts, redirect loops,
size caps, robots.txt, conditional requests, retries, per-host limits."""

from __future__ import annotations

import time

import pytest

from newsgraph.watch import Fetcher, FetchError, FetchSettings
from watch_server import LocalWeb, Route

HOST = "http://harbour.example.com"


@pytest.fixture
def web():
    with LocalWeb() as w:
        yield w


def fetcher(web: LocalWeb, **kw) -> Fetcher:
    opts = dict(proxy=web.proxy, delay=0.0, timeout=2.0, retries=0, backoff=0.01)
    opts.update(kw)
    return Fetcher(FetchSettings(**opts))


def _error(f: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as e:
        f.get(url)
    return e.value


def test_a_page_with_user_agent_and_validators(web):
    web.add(f"{HOST}/a.html", "<html><body>hello</body></html>")
    with fetcher(web, user_agent="newsgraph-test/1 (+desk@example.com)") as f:
        r = f.get(f"{HOST}/a.html")
    assert r.status == 200 and b"hello" in r.content and r.content_type == "text/html"
    assert r.charset == "utf-8" and r.etag and r.last_modified
    assert {h.get("User-Agent") for h in web.headers_seen} == {"newsgraph-test/1 (+desk@example.com)"}


def test_default_user_agent_names_newsgraph(web):
    web.add(f"{HOST}/a.html", "<html></html>")
    with fetcher(web) as f:
        f.get(f"{HOST}/a.html")
    assert all(h["User-Agent"].startswith("newsgraph/") for h in web.headers_seen)


def test_conditional_request_gets_304(web):
    web.add(f"{HOST}/feed.xml", Route(b"<rss></rss>", content_type="application/rss+xml"))
    with fetcher(web) as f:
        first = f.get(f"{HOST}/feed.xml")
        again = f.get(f"{HOST}/feed.xml", etag=first.etag, last_modified=first.last_modified)
    assert first.status == 200 and again.not_modified and again.content == b""
    assert web.headers_seen[-1]["If-None-Match"] == first.etag


def test_404_is_permanent(web):
    with fetcher(web, retries=2) as f:
        err = _error(f, f"{HOST}/missing.html")
    assert (err.code, err.status, err.transient) == ("E710", 404, False)
    assert web.count(f"{HOST}/missing.html") == 1  # not retried


def test_timeout_is_retried_then_reported(web):
    web.add(f"{HOST}/slow.html", Route(b"<html></html>", delay=1.5))
    t0 = time.monotonic()
    with fetcher(web, timeout=0.3, retries=1) as f:
        err = _error(f, f"{HOST}/slow.html")
    assert err.code == "E711" and err.transient
    assert web.count(f"{HOST}/slow.html") == 2  # one try and one retry
    assert time.monotonic() - t0 < 3.0


def test_503_then_success_with_backoff(web):
    web.add(f"{HOST}/busy.html", Route(b"<html>fine</html>", fail_first=2))
    with fetcher(web, retries=2, backoff=0.05) as f:
        r = f.get(f"{HOST}/busy.html")
    assert r.status == 200 and web.count(f"{HOST}/busy.html") == 3


def test_503_out_of_retries_is_transient(web):
    web.add(f"{HOST}/down.html", Route(b"", fail_first=99))
    with fetcher(web, retries=1) as f:
        err = _error(f, f"{HOST}/down.html")
    assert (err.code, err.status, err.transient) == ("E720", 503, True)


def test_redirect_is_followed_and_a_loop_is_named(web):
    web.add(f"{HOST}/old.html", Route(location="/new.html", status=301))
    web.add(f"{HOST}/new.html", "<html>moved</html>")
    web.add(f"{HOST}/loop-a", Route(location=f"{HOST}/loop-b"))
    web.add(f"{HOST}/loop-b", Route(location="/loop-a"))
    with fetcher(web) as f:
        r = f.get(f"{HOST}/old.html")
        err = _error(f, f"{HOST}/loop-a")
    assert r.url == f"{HOST}/old.html" and r.final_url == f"{HOST}/new.html"
    assert err.code == "E713" and "loop" in err.message and not err.transient
    assert web.count(f"{HOST}/loop-a") == 1 and web.count(f"{HOST}/loop-b") == 1


def test_a_50_mb_page_is_cut_at_the_size_cap(web):
    # 50 MB streamed without Content-Length: reading stops at the cap
    web.add(f"{HOST}/huge.html", Route(stream=50_000_000))
    # and a declared size over the cap is refused before the body is read
    web.add(f"{HOST}/big.html", Route(b"<html>" + b"x" * 3_000_000 + b"</html>"))
    t0 = time.monotonic()
    with fetcher(web, max_bytes=2_000_000) as f:
        streamed = _error(f, f"{HOST}/huge.html")
        declared = _error(f, f"{HOST}/big.html")
    assert streamed.code == declared.code == "E714"
    assert "3,000,013 bytes" in declared.message
    assert time.monotonic() - t0 < 10


def test_robots_txt_disallow_and_crawl_delay(web):
    web.add(f"{HOST}/robots.txt", Route(
        b"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n", content_type="text/plain"))
    web.add(f"{HOST}/private/memo.html", "<html>secret</html>")
    web.add(f"{HOST}/public/a.html", "<html>a</html>")
    web.add(f"{HOST}/public/b.html", "<html>b</html>")
    with fetcher(web) as f:
        err = _error(f, f"{HOST}/private/memo.html")
        f.get(f"{HOST}/public/a.html")
        f.get(f"{HOST}/public/b.html")
    assert err.code == "E716" and not err.transient
    assert web.count(f"{HOST}/private/memo.html") == 0
    assert web.count(f"{HOST}/robots.txt") == 1  # read once, kept
    starts = web.starts["harbour.example.com"]
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.9  # Crawl-delay honoured


def test_robots_txt_for_our_agent_only(web):
    web.add(f"{HOST}/robots.txt", Route(b"User-agent: newsgraph\nDisallow: /\n\n"
                                        b"User-agent: *\nAllow: /\n", content_type="text/plain"))
    web.add(f"{HOST}/a.html", "<html>a</html>")
    with fetcher(web) as f:
        assert _error(f, f"{HOST}/a.html").code == "E716"


def test_robots_txt_redirect_target_is_checked(web):
    web.add(f"{HOST}/go", Route(location="http://kestrel.example.org/private/x"))
    web.add("http://kestrel.example.org/robots.txt",
            Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    with fetcher(web) as f:
        assert _error(f, f"{HOST}/go").code == "E716"
    assert web.count("http://kestrel.example.org/private/x") == 0


def test_robots_txt_server_error_reads_nothing_from_the_host(web):
    web.add(f"{HOST}/robots.txt", Route(b"", fail_first=99))
    web.add(f"{HOST}/a.html", "<html>a</html>")
    with fetcher(web) as f:
        err = _error(f, f"{HOST}/a.html")
    assert err.code == "E721" and err.transient and web.count(f"{HOST}/a.html") == 0


def test_at_most_n_requests_at_once_per_host(web):
    from concurrent.futures import ThreadPoolExecutor

    urls = []
    for host in ("harbour.example.com", "kestrel.example.org"):
        for i in range(8):
            url = f"http://{host}/p{i}.html"
            web.add(url, Route(b"<html>x</html>", delay=0.1))
            urls.append(url)
    with fetcher(web, per_host=2) as f, ThreadPoolExecutor(8) as pool:
        list(pool.map(f.get, urls))
    assert web.max_active["harbour.example.com"] == 2
    assert web.max_active["kestrel.example.org"] == 2


def test_delay_between_requests_to_one_host(web):
    for i in range(4):
        web.add(f"{HOST}/d{i}.html", "<html>x</html>")
    with fetcher(web, delay=0.2, per_host=4) as f:
        for i in range(4):
            f.get(f"{HOST}/d{i}.html")
    starts = web.starts["harbour.example.com"]  # robots.txt, then the four pages
    assert len(starts) == 5
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.18


def test_connection_refused_is_transient():
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with Fetcher(FetchSettings(delay=0, timeout=1, retries=0)) as f:
        with pytest.raises(FetchError) as e:
            f.get(f"http://127.0.0.1:{port}/x")
    assert e.value.code == "E712" and e.value.transient
