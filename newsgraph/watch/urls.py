"""URLs: one canonical spelling per article, and the host a request goes to.

Two links to the same article differ in tracking parameters (``utm_source``,
``fbclid``, ...), fragments, letter case of the host, default ports and stray
markup; :func:`canonical` removes all of that with courlan (the URL library of
trafilatura), so that an article found in a feed and again in a sitemap is one
URL, fetched once.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

__all__ = ["canonical", "host_of"]


def canonical(url: str) -> str | None:
    """The canonical form of an ``http(s)`` URL, or None when it is not one.

    courlan scrubs it (whitespace, markup rests, doubled URLs) and normalises it
    (lower-case scheme and host, default port, path, tracking parameters dropped,
    the other parameters sorted); the fragment is dropped too.
    """
    from courlan import clean_url

    if not isinstance(url, str) or not url.strip():
        return None
    cleaned = clean_url(url.strip())
    if not cleaned:
        return None
    cleaned = urldefrag(cleaned).url
    try:
        parts = urlsplit(cleaned)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return cleaned


def host_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: the unit of politeness (robots.txt,
    requests at once, delay)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()

