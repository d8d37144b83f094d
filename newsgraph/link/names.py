"""Person names for linking: canonical ids and surname keys.

``Mr Hayashi`` and ``Hayashi`` are bare surnames (one word once titles are dropped);
``Yoshimasa Hayashi`` is a full name with the id ``person:yoshimasa-hayashi`` and the
key ``surname:hayashi``.  A full name whose first word is no known given name may be
written family name first ("Xi Jinping", "Kim Jong-un" is not: "Kim" is a given name
too), so it is also known under the key of its first word (``surname:xi``): a bare
"Mr Xi" elsewhere links to it when nobody else has that key.  Titles and given names are
the shared lexicon's (:mod:`newsgraph.lexicon.words`), ids are :func:`newsgraph.lexicon.slug`s,
as the actors stage makes them.
"""

from __future__ import annotations

import functools
import re

from ..lexicon import slug
from ..lexicon.words import given_names, name_suffixes, titles

__all__ = ["name_tokens", "name_keys", "person_id", "surname_key", "family_first_key",
           "load_titles", "TITLES_VERSION"]

TITLES_VERSION = "link.titles.v2"
_ALNUM = re.compile(r"[^\W_]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@functools.cache
def load_titles() -> tuple[tuple[str, ...], ...]:
    """Titles as word tuples, longest first (every title, role and lead word of the shared
    titles)."""
    return tuple(sorted({tuple(t.title.split()) for t in titles()}, key=len, reverse=True))


@functools.cache
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for t in load_titles():  # longest first, kept in that order
        out.setdefault(t[0], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def name_tokens(name: str | None) -> tuple[str, ...]:
    """The words of a person's name without leading titles or a trailing Jr/Sr/II."""
    if not name:
        return ()
    words = [w.strip(".,;:()\"") for w in name.split()]
    words = [_POSSESSIVE.sub("", w) for w in words if w]
    words = [w for w in words if _ALNUM.search(w)]
    by_first = _titles_by_first_word()
    changed = True
    while changed and len(words) > 1:
        changed = False
        first = words[0].lower().rstrip(".")
        if first not in by_first:
            break
        low = tuple(w.lower().rstrip(".") for w in words)
        for t in by_first[first]:
            if len(t) < len(words) and low[:len(t)] == t:
                words = words[len(t):]
                changed = True
                break
    while len(words) > 1 and words[-1].lower().rstrip(".") in name_suffixes():
        words = words[:-1]
    return tuple(words)


@functools.lru_cache(maxsize=1 << 16)  # saves work only: the result depends on the name alone
def name_keys(name: str | None) -> tuple[str | None, str | None, str | None]:
    """``(person_id(name), surname_key(name), family_first_key(name))`` from one
    normalisation."""
    words = name_tokens(name)
    if not words:
        return None, None, None
    first = words[0].lower().rstrip(".")
    if len(words) == 1 and (first,) in _titles_by_first_word().get(first, ()):
        return None, None, None  # "President" alone names nobody
    last = slug(words[-1])
    full = slug(" ".join(words)) if len(words) >= 2 else ""
    family = slug(words[0]) if full and words[0][:1].isupper() \
        and words[0] not in given_names() else ""
    return ((f"person:{full}" if full else None), (f"surname:{last}" if last else None),
            (f"surname:{family}" if family else None))


def person_id(name: str | None) -> str | None:
    """``person:<slug>`` for a full name (two words or more), else ``None``."""
    return name_keys(name)[0]


def surname_key(name: str | None) -> str | None:
    """``surname:<slug of the last word>``, or ``None`` for an empty name or a lone title."""
    return name_keys(name)[1]


def family_first_key(name: str | None) -> str | None:
    """``surname:<slug of the first word>`` for a full name that may be written family
    name first (its first word is no known given name), else ``None``."""
    return name_keys(name)[2]
