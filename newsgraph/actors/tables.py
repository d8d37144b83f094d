"""The one checked reader of the actors stage's tab-separated data files, and the ``states``
column they share (``roles.tsv``, ``organs.tsv``).

Every table is ``data/<name>.tsv``: ``#`` comments, a header line naming the columns, then one row
per line.  A row with the wrong number of columns is ``[E310]`` (file and line named).

A ``states`` value says where an office or body exists: ``;``-separated ISO 3166-1 alpha-3 codes,
``@group`` for a named group of ``state_groups.tsv``, ``*`` for every state, and ``-XXX`` or
``-@group`` after it to take states out ("``*;-USA``": every state but the United States).
An unknown code or group is ``[E318]``.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Iterator

__all__ = ["States", "rows", "split", "parse_states", "state_groups"]


def rows(filename: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of ``data/<filename>``, checked for its number of columns."""
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    numbered = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    if not numbered:
        return
    reader = csv.DictReader([ln for _, ln in numbered], delimiter="\t", quoting=csv.QUOTE_NONE)
    for (n, _), row in zip(numbered[1:], reader):
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"[E310] {filename} line {n}: wrong number of columns")
        yield n, row


def split(value: str) -> list[str]:
    """The items of a ``;``-separated cell, stripped, empty ones dropped."""
    return [v.strip() for v in value.split(";") if v.strip()]


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
    for n, row in rows("state_groups.tsv"):
        codes = split(row["states"])
        every = "*" in codes
        bad = [c for c in codes if c != "*" and c.lstrip("-") not in countries]
        if bad:
            raise ValueError(f"[E318] state_groups.tsv line {n}: unknown state {bad[0]!r}")
        if every:  # a group given as "every state but ...": spelt out against the country table
            out[row["group"]] = frozenset(c for c in countries if "-" + c not in codes)
        else:
            out[row["group"]] = frozenset(codes)
    return out


def parse_states(value: str, where: str) -> States:
    """Read a ``states`` cell; ``where`` ("roles.tsv line 12") names it in an error."""
    from .gazetteer import load_countries

    countries, groups = load_countries(), state_groups()

    def codes(item: str) -> frozenset[str]:
        if item.startswith("@"):
            if item[1:] not in groups:
                raise ValueError(f"[E318] {where}: unknown state group {item!r}")
            return groups[item[1:]]
        if item not in countries:
            raise ValueError(f"[E318] {where}: unknown state {item!r}")
        return frozenset((item,))

    items = split(value)
    if "*" in items:
        out: set[str] = set()
        for item in items:
            if item != "*":
                if not item.startswith("-"):
                    raise ValueError(f"[E318] {where}: after '*' only '-XXX' or '-@group' may follow")
                out |= codes(item[1:])
        return States(every=True, exclude=frozenset(out))
    include: set[str] = set()
    for item in items:
        if item.startswith("-"):
            raise ValueError(f"[E318] {where}: '-{item[1:]}' needs a '*' before it")
        include |= codes(item)
    return States(include=frozenset(include))
