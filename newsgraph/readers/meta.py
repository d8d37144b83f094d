"""Per-file metadata from outside the document: sidecar, manifest, path, ``--date``.

Newsstand scrapes usually carry no date, yet every later stage needs one.  Each
field is taken from the first of these that has it, and its origin is recorded:

1. the record itself (a corpus record's fields; a page's own metadata, read by clean),
2. ``sidecar``: ``NAME.json`` beside the file (``NAME.txt.json`` also works),
3. ``manifest``: a ``--manifest`` CSV with columns ``path, published, publication, url``,
4. ``path``: a date in the file's path (``2022-01-08``, ``20220108``, ``2022/01/08``),
5. ``url``: a date in the article's URL (from any of the above),
6. ``option``: ``--date``.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import InputError
from ..safetext import scrub

__all__ = ["Manifest", "META_FIELDS", "load_manifest", "sidecar", "path_date", "normalize_date",
           "merge"]

#: Metadata fields a sidecar, manifest or record may set.
META_FIELDS = ("published", "publication", "url", "language", "country", "headline", "byline")

_PATH_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y",
            "%b %d %Y", "%Y%m%d", "%d.%m.%Y")


@dataclass(frozen=True)
class Manifest:
    """Rows of a ``--manifest`` CSV, by absolute path and by file name."""

    path: str
    by_path: Mapping[str, dict[str, str]] = field(default_factory=dict)
    by_name: Mapping[str, dict[str, str] | None] = field(default_factory=dict)

    def lookup(self, path: str) -> dict[str, str]:
        row = self.by_path.get(os.path.abspath(path))
        if row is None:
            row = self.by_name.get(os.path.basename(path))  # None when the name is ambiguous
        return row or {}


def load_manifest(path: str) -> Manifest:
    """Read a manifest CSV; paths in it are relative to the manifest's folder."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            cols = [c.strip().lower() for c in reader.fieldnames or []]
            if "path" not in cols:
                raise InputError("manifest has no 'path' column "
                                 f"(columns: {', '.join(cols) or 'none'})",
                                 code="E110", where=path)
            reader.fieldnames = cols
            base = os.path.dirname(os.path.abspath(path))
            by_path: dict[str, dict[str, str]] = {}
            by_name: dict[str, dict[str, str] | None] = {}
            for row in reader:
                p = (row.get("path") or "").strip()
                if not p:
                    continue
                values = {k: v.strip() for k, v in row.items()
                          if k in META_FIELDS and isinstance(v, str) and v.strip()}
                by_path[os.path.normpath(os.path.join(base, p))] = values
                name = os.path.basename(p)
                by_name[name] = None if name in by_name else values
    except OSError as exc:
        raise InputError(f"cannot read manifest: {exc.strerror or exc}", code="E110",
                         where=path) from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"malformed manifest CSV: {exc}", code="E110", where=path) from None
    return Manifest(path, by_path, by_name)


def sidecar(path: str, base: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Fields of the sidecar ``NAME.json`` of ``path`` (``base`` is the path without extension)."""
    for cand in (base + ".json", path + ".json"):
        if cand == path or not os.path.isfile(cand):
            continue
        try:
            with open(cand, encoding="utf-8-sig") as f:
                data = json.load(f)
        except (OSError, ValueError) as exc:
            return {}, (f"[W102] sidecar {cand} ignored: {exc}",)
        if not isinstance(data, dict):
            return {}, (f"[W102] sidecar {cand} ignored: not a JSON object",)
        return {k: v for k, v in data.items() if k in META_FIELDS and v not in (None, "")}, ()
    return {}, ()


def path_date(path: str) -> str | None:
    """The last valid date written in ``path`` (``2022-01-08``, ``20220108``, ``2022/01/08``)."""
    for m in reversed(list(_PATH_DATE.finditer(path))):
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None


def normalize_date(value: Any) -> str | None:
    """A metadata date as ``YYYY-MM-DD``, or None when it is not a recognisable date.

    Accepts ISO dates and timestamps, RFC 2822 dates and a few common written forms;
    this is for metadata fields only, never free text.
    """
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = _ISO_DATE.match(s)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        for fmt in _FORMATS:
            try:
                return dt.datetime.strptime(s, fmt).date().isoformat()
            except ValueError:
                continue
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def merge(layers: list[tuple[str, Mapping[str, Any]]]) -> tuple[dict[str, Any], dict[str, str],
                                                                tuple[str, ...]]:
    """Merge metadata layers, first wins; returns ``(meta, origin, warnings)``.

    Dates are normalised to ``YYYY-MM-DD``; one that cannot be read is skipped
    with a warning, and a later layer may supply it.
    """
    meta: dict[str, Any] = {}
    origin: dict[str, str] = {}
    warnings: list[str] = []
    for where, values in layers:
        for key, value in values.items():
            if key in meta or value in (None, ""):
                continue
            if key == "published":
                date = normalize_date(value)
                if date is None:
                    warnings.append(
                        f"[W103] {where} date {str(value)[:40]!r} is not a date; ignored")
                    continue
                value = date
            elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
                warnings.append(f"[W106] {where} field {key!r} is not text "
                                f"({type(value).__name__}): ignored")
                continue
            elif not isinstance(value, str):
                value = str(value)
            value, bad = scrub(value)
            if bad:
                warnings.append(f"[W105] {where} field {key!r}: {bad} lone surrogate(s) (not "
                                "valid Unicode) replaced with U+FFFD")
            meta[key] = value.strip()
            origin[key] = where
    if origin.get("published") in (None, "option") and meta.get("url"):
        date = path_date(meta["url"])  # newsstand and news-site URLs often carry the date
        if date:
            meta["published"], origin["published"] = date, "url"
    return meta, origin, tuple(warnings)
