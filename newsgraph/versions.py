"""The pipeline version stored with every analysis, and what goes into it.

:func:`pipeline_version` joins newsgraph's version, each stage's rule version, a digest
of every language data file in the package (:func:`data_digest`) and the spaCy
model's package and version (:func:`model_version`), so that editing a word list
or installing another model makes stored analyses stale: ``newsgraph reprocess``
analyses again every article whose stored version differs.  It is computed once per
process (reading the data files takes a few milliseconds; the model is identified
from its package's ``meta.json`` without loading spaCy).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from pathlib import Path

__all__ = ["pipeline_version", "data_digest", "data_files", "model_version", "DATA_SUFFIXES"]

#: What counts as language data: these files anywhere in the package, and every file
#: in a ``data`` folder.  The explorer's templates and static files, and the schema
#: migrations, are not language data.
DATA_SUFFIXES = (".tsv", ".json", ".txt", ".csv")
_NOT_DATA = ("web", "templates", "migrations", "__pycache__")

PACKAGE = Path(__file__).resolve().parent


def data_files(root: Path | None = None) -> list[Path]:
    """The package's language data files, in a stable order."""
    root = root or PACKAGE
    found = []
    for p in root.rglob("*"):
        rel = p.relative_to(root)
        if not p.is_file() or any(part in _NOT_DATA for part in rel.parts[:-1]):
            continue
        if p.suffix in DATA_SUFFIXES or "data" in rel.parts[:-1]:
            found.append(p)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def data_digest(root: Path | None = None) -> str:
    """The first 12 hex digits of a SHA-256 over every data file's path and bytes."""
    root = root or PACKAGE
    h = hashlib.sha256()
    for p in data_files(root):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:12]


def model_version() -> str:
    """``package-version`` of the spaCy model the parse stage loads (the first of its
    candidates that is installed), or ``none`` when none is."""
    from .parse import MODEL_CANDIDATES

    for name in MODEL_CANDIDATES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            meta = Path(folder) / "meta.json"
            if meta.is_file():
                try:
                    version = json.loads(meta.read_text(encoding="utf-8")).get("version", "?")
                except ValueError:
                    version = "?"
                return f"{name}-{version}"
        return f"{name}-?"
    return "none"


@functools.cache
def pipeline_version() -> str:
    """The versions of every stage's rules, the data files and the model (see module)."""
    from . import __version__
    from . import actors, clean, events, quotes, timex
    from .events.lexicon import LEXICON_VERSION

    return "+".join((f"newsgraph-{__version__}", clean.VERSION, actors.VERSION, timex.VERSION,
                     quotes.VERSION, events.VERSION, LEXICON_VERSION, f"data-{data_digest()}",
                     f"model-{model_version()}"))
