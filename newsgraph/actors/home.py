"""The article's home country: the state it reports from (rules ``actors.rules.v10:home``).

Domestic offices and organs that name no state ("the shadow chancellor", "MPs", "the
government", "Labour") act for it.  In order:

1. ``dateline``: the state of the dateline's place ("TOKYO", "LONDON, Ont." -> CAN), or of an
   all-caps place opening the text before a colon or dash;
2. the publication's country given with the article: the newsstand ``footer``, a ``record``,
   ``sidecar`` or ``manifest`` field ``country`` (the origin is the field's own);
3. ``publication``: the publication's country from ``data/publications.tsv``, by the
   article's ``publication`` name or its ``url`` host.  A news agency (Reuters, AFP, AP)
   reports from everywhere and gives no home country by itself.

A territory's dateline gives its state (Hong Kong -> CHN), as roles do.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..lexicon.text import fold
from ..models import Article, HomeCountry
from .gazetteer import GazMatch, Gazetteer, load_abbreviations, load_countries
from .tables import rows, split

__all__ = ["Publication", "home_country", "publication", "publications"]

KINDS = frozenset({"newspaper", "broadcaster", "online", "magazine", "agency"})


@dataclass(frozen=True, slots=True)
class Publication:
    name: str
    country: str  # alpha-3
    kind: str  # newspaper | broadcaster | online | magazine | agency


def _key(name: str) -> str:
    """A publication name for matching: no accents, case, leading "The" or punctuation;
    letters of every script kept ("Süddeutsche" -> "suddeutsche", "朝日新聞" stays)."""
    s = re.sub(r"[^\w&]+|_", " ", fold(name)).strip()
    return s[4:] if s.startswith("the ") else s


@functools.cache
def publications() -> tuple[dict[str, Publication], dict[str, Publication]]:
    """(name key -> publication, url host -> publication) from ``data/publications.tsv``."""
    countries = load_countries()
    names: dict[str, Publication] = {}
    hosts: dict[str, Publication] = {}
    for row in rows("publications.tsv"):
        if row["country"] not in countries or row["kind"] not in KINDS or not row["name"].strip():
            raise row.error(f"unknown country {row['country']!r} or kind {row['kind']!r} "
                            f"(kinds: {', '.join(sorted(KINDS))})", "E316")
        pub = Publication(row["name"], row["country"], row["kind"])
        for form in (row["name"], *split(row["aliases"])):
            names.setdefault(_key(form), pub)
        for host in split(row["domains"]):
            hosts.setdefault(host.lower(), pub)
    return names, hosts


def publication(name: str | None, url: str | None = None) -> Publication | None:
    """The known publication of an article's ``publication`` name, else of its ``url`` host."""
    names, hosts = publications()
    if name and (hit := names.get(_key(name))):
        return hit
    if url:
        try:
            host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
        except ValueError:  # "http://[bad" is no address
            host = ""
        while host:
            if host in hosts:
                return hosts[host]
            host = host.partition(".")[2]  # "www.bbc.co.uk" -> "bbc.co.uk"
    return None


def _state(gaz: Gazetteer, code: str) -> str:
    c = gaz.countries[code]
    return c.parent or c.alpha3


def _dateline(article: Article, gaz: Gazetteer, matches: list[GazMatch]) -> str | None:
    place = article.dateline
    if place:
        head, _, rest = place.partition(",")
        rest = rest.strip()
        if rest:  # "LONDON, Ont.": the region after the comma places the city
            abbrev = load_abbreviations().get(rest) or load_abbreviations().get(rest.title())
            if abbrev:
                return abbrev[1]
            hit = gaz.lookup(rest) or gaz.lookup(rest.title())
            if hit and hit.kind in ("country", "region", "demonym"):
                return _state(gaz, hit.code)
        hit = gaz.lookup(head.strip().title()) or gaz.lookup(head.strip()) or gaz.lookup(place.strip())
        return _state(gaz, hit.code) if hit else None
    # no dateline field: an all-caps place opening a paragraph, followed by ':' or a dash
    text = article.text
    for m in matches:
        if m.start > 2000:
            break
        if (m.start == 0 or text[m.start - 1] == "\n") and text[m.start:m.end].isupper():
            after = text[m.end:m.end + 3].lstrip(" ,")
            if after[:1] in (":", "—", "–", "-", "("):
                return _state(gaz, m.place.code)
    return None


def home_country(article: Article, gaz: Gazetteer, matches: list[GazMatch]) -> HomeCountry | None:
    """The article's home country and where it came from (see the module's rules)."""
    code = _dateline(article, gaz, matches)
    if code:
        return HomeCountry(code, "dateline")
    if article.country:
        by_alpha2 = {c.alpha2: c for c in gaz.countries.values()}
        c = by_alpha2.get(article.country.upper())
        if c is not None:
            return HomeCountry(c.parent or c.alpha3, article.origin.get("country", "record"))
    pub = publication(article.publication, article.url)
    if pub is not None and pub.kind != "agency":
        return HomeCountry(_state(gaz, pub.country), "publication")
    return None
