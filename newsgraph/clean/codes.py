"""Country and language names to ISO codes (exact look-ups, never a fuzzy search)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["country_code", "language_code"]

@lru_cache(maxsize=1024)
def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a country name or code ("Thailand", "South Korea",
    "the United States", "THA", "th"), or None.

    Names go through the actors' gazetteer (:func:`newsgraph.actors.gazetteer.lookup_country`),
    so the cleaner and the actor stage agree; ISO codes through pycountry's exact
    look-ups.  Never a fuzzy search.
    """
    if not name:
        return None
    key = " ".join(name.split()).strip(" .")
    if not key:
        return None
    if len(key) in (2, 3) and key.isalpha() and key.isascii():
        import pycountry

        try:
            hit = pycountry.countries.get(**{f"alpha_{len(key)}": key.upper()})
        except (KeyError, LookupError):
            hit = None
        if hit is not None:
            return hit.alpha_2
    from ..actors.gazetteer import lookup_country

    country = lookup_country(key)
    return country.alpha2 if country is not None else None


@lru_cache(maxsize=256)
def language_code(name: str | None) -> str | None:
    """ISO 639-1 for a language name or code ("English", "en", "en-GB", "eng"), or None."""
    if not name:
        return None
    import pycountry

    key = name.strip().replace("_", "-")
    if not key:
        return None
    if len(key) > 3 and key[2:3] == "-" and key[:2].isalpha():  # en-GB, pt-BR
        key = key[:2]
    for attr in ("alpha_2", "alpha_3", "name"):
        if attr.startswith("alpha") and len(key) != int(attr[-1]):
            continue
        try:
            value = key.lower() if attr.startswith("alpha") else key
            hit = pycountry.languages.get(**{attr: value})
        except (KeyError, LookupError):
            hit = None
        if hit is not None:
            return getattr(hit, "alpha_2", None)
    return None
