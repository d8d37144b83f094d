"""Corpus files: JSON Lines and CSV, one article per record, streamed.

A record needs ``id`` and ``text``; ``headline``, ``publication``, ``published``,
``url``, ``language`` (and ``byline``, ``country``) are optional.  The record's
``id`` is echoed as the analysis id.  A bad record is reported with its line or
row number and the file goes on; a file whose CSV header has no ``text`` column
is reported once.
"""

from __future__ import annotations

import csv
import gzip
import json
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from ..errors import InputError
from ..safetext import scrub
from .files import text_stream
from .meta import META_FIELDS

__all__ = ["Record", "iter_jsonl", "iter_csv", "iter_json", "check_record",
           "surrogate_warning"]


@dataclass(frozen=True, slots=True)
class Record:
    """One corpus record: where it was (1-based line or row) and its fields."""

    number: int
    fields: dict[str, Any]
    raw: bytes  # the record as stored, for its content hash
    warnings: tuple[str, ...] = ()


def surrogate_warning(n: int) -> tuple[str, ...]:
    """The warning for ``n`` lone surrogates replaced (none when ``n`` is 0)."""
    if not n:
        return ()
    return (f"[W105] {n} lone surrogate{'s' if n > 1 else ''} (not valid Unicode) replaced "
            "with U+FFFD",)


def check_record(fields: Any, *, number: int, unit: str, raw: bytes | None = None
                 ) -> Record | InputError:
    """The record if it has a string ``id`` and ``text``, else the error to report."""
    if not isinstance(fields, dict):
        return InputError("not a JSON object", code="E106", where=f"{unit} {number}")
    rid, text = fields.get("id"), fields.get("text")
    if isinstance(rid, (int, float)) and not isinstance(rid, bool):
        rid = str(rid)
    if not isinstance(rid, str) or not rid.strip():
        return InputError("missing required field 'id'", code="E107", where=f"{unit} {number}")
    if not isinstance(text, str) or not text.strip():
        return InputError(f"record {rid!r}: missing or empty required field 'text'", code="E107",
                          where=f"{unit} {number}")
    out: dict[str, Any] = {}
    warnings: list[str] = []
    bad = 0
    for key, value in fields.items():
        if key not in META_FIELDS or value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            warnings.append(f"[W106] field {key!r} is {_kind(value)}, not text: ignored")
            continue
        if isinstance(value, str):
            value, n = scrub(value)
            bad += n
        out[key] = value
    (out["id"], n_id), (out["text"], n_text) = scrub(rid.strip()), scrub(text)
    if raw is None:
        raw = json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8",
                                                                            "surrogatepass")
    return Record(number, out, raw, surrogate_warning(bad + n_id + n_text) + tuple(warnings))


def _kind(value: Any) -> str:
    return {bool: "true or false", list: "a list", dict: "an object"}.get(
        type(value), f"a {type(value).__name__}")


def iter_jsonl(stream: BinaryIO, *, max_record_bytes: int) -> Iterator[Record | InputError]:
    """Records of a JSON Lines stream; each line is read with a length cap."""
    number = 0
    try:
        while True:
            line = stream.readline(max_record_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_record_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = stream.readline(1 << 20)
                yield InputError(f"record larger than {max_record_bytes // 1_000_000} MB",
                                 code="E113", where=f"line {number}")
                continue
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            try:
                fields = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield InputError(f"not valid JSON ({_short(exc)})", code="E106",
                                 where=f"line {number}")
                continue
            yield check_record(fields, number=number, unit="line", raw=line.strip())
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(f"corrupt or truncated gzip data ({exc})", code="E104",
                         where=f"line {number + 1}")
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", code="E101",
                         where=f"line {number + 1}")


def iter_json(data: bytes) -> Iterator[Record | InputError]:
    """Records of a ``.json`` file: an array of records, or one record."""
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        yield InputError(f"not valid JSON ({_short(exc)})", code="E106")
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, 1):
        yield check_record(item, number=number, unit="record")


def iter_csv(stream: BinaryIO, *, max_record_bytes: int) -> Iterator[Record | InputError]:
    """Records of a CSV stream with a header row; ``id`` and ``text`` columns required."""
    if csv.field_size_limit() < max_record_bytes:
        csv.field_size_limit(max_record_bytes)
    try:
        sample = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
        reader = csv.reader(text_stream(stream, sample=sample))
        header = next(reader, None)
        if header is None:
            yield InputError("empty CSV file", code="E102")
            return
        cols = [c.strip().lower() for c in header]
        missing = [c for c in ("id", "text") if c not in cols]
        if missing:
            yield InputError(f"CSV has no {' or '.join(repr(c) for c in missing)} column "
                             f"(columns: {', '.join(cols) or 'none'})", code="E108")
            return
        row_no = 1
        for row in reader:
            row_no += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(cols):
                yield InputError(f"{len(row)} cells for {len(cols)} columns", code="E109",
                                 where=f"row {row_no}")
                continue
            yield check_record(dict(zip(cols, row)), number=row_no, unit="row")
    except csv.Error as exc:
        yield InputError(f"malformed CSV: {exc}", code="E109")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(f"corrupt or truncated gzip data ({exc})", code="E104")
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", code="E101")


def _short(exc: Exception) -> str:
    return str(exc).split(": line")[0][:80]
