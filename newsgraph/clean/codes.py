"""Country and language names to ISO codes (pycountry exact look-ups, no fuzzy search)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["country_code", "language_code"]

# Names newspapers print that pycountry's name/common_name/official_name do not hold.
_COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "america": "US", "uk": "GB", "britain": "GB",
    "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "russia": "RU", "turkey": "TR", "south korea": "KR",
    "north korea": "KP", "vietnam": "VN", "laos": "LA", "syria": "SY",
    "iran": "IR", "taiwan": "TW", "macau": "MO", "ivory coast": "CI", "czech republic": "CZ",
    "burma": "MM", "holland": "NL", "uae": "AE", "cape verde": "CV", "swaziland": "SZ",
    "vatican": "VA", "palestine": "PS", "moldova": "MD", "brunei": "BN", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "micronesia": "FM", "the gambia": "GM",
}


@lru_cache(maxsize=1024)
def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a country name or code ("Thailand", "South Korea",
    "United States", "THA", "th"), or None.  Exact look-ups only."""
    if not name:
        return None
    import pycountry

    key = " ".join(name.replace("\u2019", "'").split()).strip(" .")
    if not key:
        return None
    low = key.lower()
    if low in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[low]
    if low.startswith("the "):
        return country_code(key[4:])
    for attr in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
        if attr.startswith("alpha") and len(key) != int(attr[-1]):
            continue
        try:
            hit = pycountry.countries.get(**{attr: key})
        except (KeyError, LookupError):
            hit = None
        if hit is not None:
            return hit.alpha_2
    return None


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
            hit = pycountry.languages.get(**{attr: key.lower() if attr.startswith("alpha") else key})
        except (KeyError, LookupError):
            hit = None
        if hit is not None:
            return getattr(hit, "alpha_2", None)
    return None
