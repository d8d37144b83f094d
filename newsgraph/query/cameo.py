"""CAMEO for event-data users: the Goldstein score of an event and CAMEO-style actor codes.

- :func:`goldstein`: the Goldstein conflict-cooperation score (-10 .. +10) of a CAMEO event
  code, from the published scale in ``data/goldstein.tsv`` (its header names the source).
  A code the table does not list takes the score of its nearest listed parent code
  (``176`` -> ``17``); a code with no listed parent has none.
- :func:`actor_code`: the CAMEO-style code of an actor: its state's ISO alpha-3 code
  followed by its sector (``GBR`` + ``GOV`` = ``GBRGOV``, ``USAMIL``, ``GBROPP``); a state
  alone is its code (``GBR``), a body with no state its sector alone (``IGO``).

``data/goldstein.tsv`` is read once, by :func:`goldstein_table`, through the package's one
checked reader (a malformed line or a code listed twice is ``[E305]``), and checked: every
row a CAMEO code of 2 to 4 digits with a score within -10 .. +10; anything else is
``[E539]`` naming the line.
"""

from __future__ import annotations

import functools
import re

from ..lexicon import read_table

__all__ = ["GOLDSTEIN_VERSION", "goldstein", "goldstein_table", "actor_code"]

GOLDSTEIN_VERSION = "query.goldstein.v1"
_CODE = re.compile(r"^\d{2,4}$")
_SECTOR = re.compile(r"^[A-Z]{3}$")


@functools.cache
def goldstein_table() -> dict[str, float]:
    """CAMEO event code -> Goldstein score, as the data file lists them."""
    out: dict[str, float] = {}
    for row in read_table("newsgraph.query", "goldstein.tsv", ("cameo", "goldstein"),
                          required=("cameo", "goldstein"), unique="cameo"):
        code = row["cameo"]
        try:
            value = float(row["goldstein"])
        except ValueError:
            raise row.error(f"{row['goldstein']!r} is not a number", "E539") from None
        if not _CODE.match(code) or not -10.0 <= value <= 10.0:
            raise row.error(f"{code!r} is no CAMEO code with a score in -10..10", "E539")
        out[code] = value
    return out


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein score of a CAMEO event code (its nearest listed parent's when the
    table does not list it); None for no code."""
    if not cameo:
        return None
    table = goldstein_table()
    code = cameo.strip()
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def actor_code(country: str | None, sector: str | None) -> str | None:
    """``GBRGOV`` from the state ``GBR`` and the sector ``GOV`` (see the module)."""
    country = country if country and len(country) == 3 and country.isupper() else None
    sector = sector if sector and _SECTOR.match(sector) else None
    return ((country or "") + (sector or "")) or None
