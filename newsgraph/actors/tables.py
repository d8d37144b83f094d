"""The actors stage's tab-separated data files, with their columns, and the ``states`` column
they share (``roles.tsv``, ``organs.tsv``).

Every table is ``data/<name>.tsv``, read by the package's one checked reader
(:func:`newsgraph.lexicon.read_table`: ``#`` comments, a header line naming the columns of
:data:`COLUMNS`, then one row per line; a malformed line is ``[E305]``, file and line named).

A ``states`` value says where an office or body exists: ``;``-separated ISO 3166-1 alpha-3 codes,
``@group`` for a named group of ``state_groups.tsv``, ``*`` for every state, and ``-XXX`` or
``-@group`` after it to take states out ("``*;-USA``": every state but the United States).
An unknown code or group is ``[E318]``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..lexicon import DataFileError, Row, read_table
from ..lexicon import split_cell as split

__all__ = ["States", "COLUMNS", "rows", "split", "parse_states", "state_groups"]

#: Each table's columns, in order (its header line must name them).
COLUMNS = {
    "countries.tsv": ("alpha3", "alpha2", "name", "status", "parent", "aliases", "adjectives", "capitals",
                      "attributive"),
    "regions.tsv": ("name", "country", "kind"),
    "state_abbrevs.tsv": ("abbrev", "region", "country"),
    "state_groups.tsv": ("group", "states"),
    "roles.tsv": ("role", "sector", "states"),
    "organs.tsv": ("form", "kind", "sector", "states", "name"),
    "parties.tsv": ("country", "name", "aliases", "adjectives", "labels"),
    "publications.tsv": ("name", "aliases", "domains", "country", "kind"),
    "igos.tsv": ("name", "aliases"),
    "people.tsv": ("country", "name", "aliases", "party", "office"),
    "descriptions.tsv": ("noun", "class"),
    "gendered_nouns.tsv": ("noun", "gender"),
}


def rows(filename: str, **checks) -> tuple[Row, ...]:
    """The rows of ``data/<filename>`` (its columns are :data:`COLUMNS`'s; ``checks`` are
    :func:`~newsgraph.lexicon.read_table`'s)."""
    return read_table(__package__, filename, COLUMNS[filename], **checks)


@dataclass(frozen=True, slots=True)
class States:
    """A set of states: every state (``every``) less ``exclude``, or exactly ``include``."""

    every: bool = False
    include: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()

    def __contains__(self, code: object) -> bool:
        if self.every:
            return code not in self.exclude
        return code in self.include

    def __bool__(self) -> bool:
        return self.every or bool(self.include)

    def only(self) -> str | None:
        """The one state, when the set holds exactly one."""
        if not self.every and len(self.include) == 1:
            return next(iter(self.include))
        return None


@functools.cache
def state_groups() -> dict[str, frozenset[str]]:
    """Named groups of states (``data/state_groups.tsv``)."""
    from .gazetteer import load_countries

    countries = load_countries()
    out: dict[str, frozenset[str]] = {}
    for row in rows("state_groups.tsv"):
        codes = split(row["states"])
        every = "*" in codes
        bad = [c for c in codes if c != "*" and c.lstrip("-") not in countries]
        if bad:
            raise row.error(f"unknown state {bad[0]!r}", "E318")
        if every:  # a group given as "every state but ...": spelt out against the country table
            out[row["group"]] = frozenset(c for c in countries if "-" + c not in codes)
        else:
            out[row["group"]] = frozenset(codes)
    return out


def parse_states(value: str, where: str) -> States:
    """Read a ``states`` cell; ``where`` (``.../roles.tsv:12``, a row's) names it in an error."""
    from .gazetteer import load_countries

    countries, groups = load_countries(), state_groups()

    def codes(item: str) -> frozenset[str]:
        if item.startswith("@"):
            if item[1:] not in groups:
                raise DataFileError(f"unknown state group {item!r}", code="E318", where=where)
            return groups[item[1:]]
        if item not in countries:
            raise DataFileError(f"unknown state {item!r}", code="E318", where=where)
        return frozenset((item,))

    items = split(value)
    if "*" in items:
        out: set[str] = set()
        for item in items:
            if item != "*":
                if not item.startswith("-"):
                    raise DataFileError("after '*' only '-XXX' or '-@group' may follow", code="E318", where=where)
                out |= codes(item[1:])
        return States(every=True, exclude=frozenset(out))
    include: set[str] = set()
    for item in items:
        if item.startswith("-"):
            raise DataFileError(f"'-{item[1:]}' needs a '*' before it", code="E318", where=where)
        include |= codes(item)
    return States(include=frozenset(include))
