"""Country gazetteer: names, demonyms, capitals and regions -> ISO 3166-1 alpha-3.

The tables are the package's own data files (``data/countries.tsv``,
``data/regions.tsv``), loaded once per process.  pycountry is not used for
names: its names miss common forms ("Russia", "Ivory Coast", "Burma") and its
fuzzy search maps Kosovo to Serbia.

Public helpers::

    lookup_country("Thailand")          # Country(alpha3="THA", alpha2="TH", name="Thailand")
    lookup_country("the U.S.")          # Country("USA", "US", "United States")
    gazetteer().find(doc)               # GazMatch for every name, demonym, capital and region
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import WORDS
from .tables import rows as _table_rows
from .tables import split as _split

__all__ = ["Country", "Place", "GazMatch", "Gazetteer", "gazetteer", "lookup_country",
           "load_countries", "load_regions", "load_abbreviations"]

#: Kinds of gazetteer entries, in priority order when two tables give the same form.
KINDS = ("country", "demonym", "capital", "region", "city")


@dataclass(frozen=True, slots=True)
class Country:
    alpha3: str
    alpha2: str
    name: str
    status: str = "member"  # member | observer | disputed | territory
    parent: str | None = None  # the state a territory belongs to (HKG -> CHN)
    attributive: str = ""  # before the name of a state body: "UK" government, "French" police


@dataclass(frozen=True, slots=True)
class Place:
    """One surface form in the gazetteer: what it names and how."""

    form: str  # as written in the table ("North Korean")
    kind: str  # country | demonym | capital | region | city
    code: str  # alpha-3 of the country it names or lies in
    name: str  # canonical name of the place ("Tokyo", "Xinjiang"; the country's name otherwise)
    acronym: bool = False  # matched with its exact case ("US" is not "us")


@dataclass(frozen=True, slots=True)
class GazMatch:
    start: int  # character offsets into the doc text
    end: int
    i: int  # token range [i, j)
    j: int
    place: Place


@functools.cache
def load_countries() -> dict[str, tuple[Country, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """alpha3 -> (Country, other names, demonyms/adjectives, capitals/seats), from countries.tsv."""
    out = {}
    for row in _table_rows("countries.tsv"):
        a3 = row["alpha3"]
        if a3 in out or len(a3) != 3 or not a3.isupper():
            raise row.error(f"bad or duplicate alpha-3 {a3!r}", "E311")
        adjectives = tuple(_split(row["adjectives"]))
        c = Country(a3, row["alpha2"], row["name"], row["status"], row["parent"] or None,
                    row["attributive"] or (adjectives[0] if adjectives else row["name"]))
        out[a3] = (c, tuple(_split(row["aliases"])), adjectives, tuple(_split(row["capitals"])))
    return out


@functools.cache
def load_regions() -> tuple[Place, ...]:
    countries = load_countries()
    places = []
    for row in _table_rows("regions.tsv"):
        if row["country"] not in countries:
            raise row.error(f"{row['name']!r} has unknown country {row['country']!r}", "E312")
        places.append(Place(row["name"], row["kind"], row["country"], row["name"]))
    return tuple(places)


@functools.cache
def load_abbreviations() -> dict[str, tuple[str, str]]:
    """Province/state abbreviation as written ("Ont.", "B.C.") -> (region name, alpha-3), from
    ``data/state_abbrevs.tsv``; only meaningful after "Place," ("Kingston, Ont.")."""
    countries = load_countries()
    out = {}
    for row in _table_rows("state_abbrevs.tsv"):
        if row["country"] not in countries:
            raise row.error(f"{row['abbrev']!r} has unknown country {row['country']!r}", "E312")
        out[row["abbrev"]] = (row["region"], row["country"])
    return out


def _norm(name: str) -> str:
    s = " ".join(name.replace("’", "'").split()).lower()
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("'"):
        s = s[:-1]
    if s.startswith("the "):
        s = s[4:]
    return s


def _plural(demonym: str) -> str | None:
    """"Algerians", "Israelis", "Thais"; None for forms that do not take -s ("Chinese", "Swiss",
    "British", "Dutch"), are already plural or take -men ("Frenchman") or are abbreviations."""
    if _is_acronym(demonym) or demonym.endswith(WORDS.seq("demonym_no_plural_endings")):
        return None
    return demonym + "s"


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return " " not in form and len(letters) <= 5 and sum(ch.isupper() for ch in letters) >= 2


class Gazetteer:
    """Surface forms indexed for a linear scan over a spaCy Doc's capitalised tokens."""

    def __init__(self) -> None:
        self.countries = {a3: row[0] for a3, row in load_countries().items()}
        self.forms: dict[str, Place] = {}
        for a3, (c, aliases, adjectives, capitals) in load_countries().items():
            for form in (c.name, *aliases):
                self._add(Place(form, "country", a3, c.name))
            for form in adjectives:
                self._add(Place(form, "demonym", a3, c.name))
                plural = _plural(form)
                if plural:
                    self._add(Place(plural, "demonym", a3, c.name))
            for form in capitals:
                self._add(Place(form, "capital", a3, form))
        for p in load_regions():
            self._add(p)
        by_key: dict[str, list[Place]] = {}
        for p in self.forms.values():
            by_key.setdefault(p.form[:2].lower(), []).append(p)
        self._by_key = {k: sorted(v, key=lambda p: -len(p.form)) for k, v in by_key.items()}

    def _add(self, place: Place) -> None:
        place = Place(place.form, place.kind, place.code, place.name, _is_acronym(place.form))
        key = place.form if _is_acronym(place.form) else place.form.lower()
        old = self.forms.get(key)
        if old is None or KINDS.index(place.kind) < KINDS.index(old.kind):
            self.forms[key] = place

    def lookup(self, name: str) -> Place | None:
        """The entry for a name as written (exact case for acronyms), or None."""
        s = " ".join(name.replace("’", "'").split())
        for cand in (s, s[4:] if s.lower().startswith("the ") else s):
            for trimmed in (cand, cand[:-2] if cand.endswith("'s") else cand):
                hit = self.forms.get(trimmed) or self.forms.get(trimmed.lower())
                if hit and (not _is_acronym(hit.form) or trimmed == hit.form):
                    return hit
        return None

    def find(self, doc: Doc, tokens: list | None = None) -> list[GazMatch]:
        """Longest gazetteer matches over the doc, aligned to token boundaries."""
        text = doc.text
        toks = tokens if tokens is not None else list(doc)
        words = [t.text for t in toks]
        starts = [t.idx for t in toks]
        out: list[GazMatch] = []
        n = len(words)
        i = 0
        while i < n:
            t = words[i]
            if not t[:1].isupper():
                i += 1
                continue
            hit = None
            at = starts[i]
            for p in self._by_key.get(t[:2].lower(), ()):
                end = at + len(p.form)
                piece = text[at:end]
                if p.acronym:
                    if piece != p.form:
                        continue
                elif piece.lower() != p.form.lower().replace("’", "'") and piece.lower() != p.form.lower():
                    continue
                j = i
                while j < n and starts[j] < end:
                    j += 1
                if starts[j - 1] + len(words[j - 1]) != end:
                    continue  # ends inside a token ("Chinese" is not "China" + "se")
                hit = GazMatch(at, end, i, j, p)
                break
            if hit:
                out.append(hit)
                i = hit.j
            else:
                i += 1
        return out


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once from the package's data files)."""
    return Gazetteer()


def lookup_country(name: str) -> Country | None:
    """The country a name, short name or abbreviation stands for ("Thailand", "the U.S.")."""
    if not name or not name.strip():
        return None
    g = gazetteer()
    hit = g.lookup(name.strip())
    if hit is None or hit.kind != "country":
        return None
    return g.countries[hit.code]
