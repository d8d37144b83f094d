"""The SOURCES file of ``newsgraph watch``: one source a line.

::

    # feeds (RSS, Atom, JSON Feed), sitemaps (or sitemap indexes) and home pages
    https://www.harbour-courier.example/rss.xml   Harbour Courier   AU
    https://news.example.org/sitemap_news.xml
    https://www.example.com/                      The Example Times GB

A line is a URL, then optionally the publication's name, then optionally its
country as an ISO 3166-1 code in capitals (``AU``, ``GBR``) as the last word.  A
name that itself ends in a word of capitals that is a country code takes ``-``
after it for "no country".  ``#`` starts a comment (at the start of a line, or
after a space).  What kind of source a URL is (feed, sitemap, home page) is read
from what it serves, not from the file.  A line that is not a source is reported
(``[E701]``, with the file and line) and the others are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..models import Failure
from .urls import canonical

__all__ = ["SourceSpec", "parse_sources", "read_sources"]

_COMMENT = re.compile(r"(?:^|\s)#.*$")
_CODE = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One line of a SOURCES file."""

    url: str  # canonical
    publication: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    line: int = 0


def parse_sources(text: str, *, where: str = "SOURCES") -> tuple[list[SourceSpec], list[Failure]]:
    """The sources of a SOURCES text, in order, and a failure for each bad line.

    A URL listed twice is read once (the first line wins, the second is reported, ``[W701]``).
    """
    from ..clean.codes import country_code

    specs: list[SourceSpec] = []
    failures: list[Failure] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        words = line.split()
        url = canonical(words[0])
        if url is None:
            failures.append(Failure(f"{where}:line {n}", "E701",
                                    f"not an http(s) URL: {words[0][:80]!r}"))
            continue
        rest = words[1:]
        country = None
        if rest and rest[-1] == "-":
            rest = rest[:-1]
        elif rest and _CODE.match(rest[-1]):
            country = country_code(rest[-1])
            if country is None:
                failures.append(Failure(f"{where}:line {n}", "E701",
                                        f"{rest[-1]!r} is not an ISO 3166-1 country code "
                                        "(end the line with ' -' if it is part of the name)"))
                continue
            rest = rest[:-1]
        if url in seen:
            failures.append(Failure(f"{where}:line {n}", "W701",
                                    f"{url} is listed already (line {seen[url]}); ignored"))
            continue
        seen[url] = n
        specs.append(SourceSpec(url, " ".join(rest) or None, country, n))
    return specs, failures


def read_sources(path: str) -> tuple[list[SourceSpec], list[Failure]]:
    """Read and parse a SOURCES file; raises :class:`InputError` ``E702`` when the
    file cannot be read or lists no source at all."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except FileNotFoundError:
        raise InputError("no such sources file", code="E702", where=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the sources file: {exc}", code="E702",
                         where=path) from None
    specs, failures = parse_sources(text, where=path)
    if not specs:
        detail = f" ({len(failures)} bad lines)" if failures else ""
        raise InputError(f"the sources file lists no source{detail}", code="E702", where=path)
    return specs, failures
