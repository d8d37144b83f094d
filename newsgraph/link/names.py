"""Person names for linking: canonical ids and surname keys.

``Mr Hayashi`` and ``Hayashi`` are bare surnames (one word once titles are dropped);
``Yoshimasa Hayashi`` is a full name with the id ``person:yoshimasa-hayashi`` and the
key ``surname:hayashi``.  Titles are the data file ``titles.txt`` (loaded once).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

__all__ = ["name_tokens", "person_id", "surname_key", "slug", "load_titles", "TITLES_VERSION"]

TITLES_VERSION = "link.titles.v1"
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_ALNUM = re.compile(r"[^\W_]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@functools.cache
def load_titles() -> tuple[tuple[str, ...], ...]:
    """Titles as word tuples, longest first."""
    text = resources.files("newsgraph.link").joinpath("titles.txt").read_text(encoding="utf-8")
    titles = {tuple(line.split()) for line in text.splitlines()
              if line.strip() and not line.startswith("#")}
    return tuple(sorted(titles, key=len, reverse=True))


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' ("José Ramos-Horta" -> "jose-ramos-horta");
    a name with no Latin letters keeps its own script ("习近平")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NON_ALNUM.sub("-", folded.lower()).strip("-")
    if out:
        return out
    return _NON_WORD.sub("-", text.lower()).strip("-")


def name_tokens(name: str | None) -> tuple[str, ...]:
    """The words of a person's name without leading titles or a trailing Jr/Sr/II."""
    if not name:
        return ()
    words = [w.strip(".,;:()\"") for w in name.split()]
    words = [_POSSESSIVE.sub("", w) for w in words if w]
    words = [w for w in words if _ALNUM.search(w)]
    titles = load_titles()
    changed = True
    while changed and len(words) > 1:
        changed = False
        low = tuple(w.lower().rstrip(".") for w in words)
        for t in titles:
            if len(t) < len(words) and low[:len(t)] == t:
                words = words[len(t):]
                changed = True
                break
    while len(words) > 1 and words[-1].lower().rstrip(".") in _SUFFIXES:
        words = words[:-1]
    return tuple(words)


def person_id(name: str | None) -> str | None:
    """``person:<slug>`` for a full name (two words or more), else ``None``."""
    words = name_tokens(name)
    if len(words) < 2:
        return None
    s = slug(" ".join(words))
    return f"person:{s}" if s else None


def surname_key(name: str | None) -> str | None:
    """``surname:<slug of the last word>``, or ``None`` for an empty name."""
    words = name_tokens(name)
    if not words or (len(words) == 1 and (words[0].lower().rstrip("."),) in load_titles()):
        return None  # "President" alone names nobody
    s = slug(words[-1])
    return f"surname:{s}" if s else None
