"""Readers: files, directories, stdin and corpus records -> :class:`RawDocument`.

Interface::

    read_paths(paths, ReadOptions(...)) -> Iterator[RawDocument | Failure]
    read_text(text, ReadOptions(...), id=None) -> RawDocument

The format is chosen by ``ReadOptions.format`` or else by file type: ``.html``/``.htm``
-> html, ``.jsonl``/``.ndjson`` -> jsonl, ``.csv`` -> csv, ``.json`` -> a JSON array of
records, anything else is sniffed (HTML markup, the newsstand layout, or plain text).
Directories are walked recursively, ``-`` is standard input, ``.gz`` is read
transparently.  Reading streams: one article file is held in memory at a time (at
most ``max_bytes``), corpus files one record at a time.  A bad file or record
yields a :class:`Failure` naming it (``path``, ``path:line 12``) and the batch goes on.

A file's ``id`` is the sha256 of its bytes (decompressed, for ``.gz``); a corpus
record's ``id`` is the record's own.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from ..errors import InputError
from ..models import Failure, RawDocument, Source
from ..safetext import has_surrogates, safe_path, scrub
from . import corpus, files, meta
from .html import looks_like_html
from .newsstand import looks_like_newsstand

__all__ = ["ReadOptions", "read_paths", "read_text", "FORMATS", "sniff"]

#: Input formats (``--input-format``).
FORMATS = ("newsstand", "html", "text", "jsonl", "csv")
_BY_EXTENSION = {".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl",
                 ".ndjson": "jsonl", ".csv": "csv", ".json": "json"}


@dataclass(frozen=True)
class ReadOptions:
    format: str | None = None  # newsstand | html | text | jsonl | csv; None: by file type
    date: str | None = None  # --date: published where the input has none
    manifest: str | None = None  # --manifest CSV: path, published, publication, url
    max_bytes: int = 16_000_000  # largest single-article file (decompressed)
    max_record_bytes: int = 4_000_000  # largest corpus record


def sniff(text: str) -> str:
    """The format of one document's text: html, newsstand or text."""
    if looks_like_html(text):
        return "html"
    if looks_like_newsstand(text):
        return "newsstand"
    return "text"


def read_text(text: str, opts: ReadOptions = ReadOptions(), *,
              id: str | None = None) -> RawDocument:
    """One document given as text (``analyze("...")``, tests, the web API).

    Lone surrogates (which no file can hold, but a Python string can) are replaced
    with U+FFFD, with a ``[W105]`` warning.
    """
    text, bad = scrub(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    fmt = opts.format if opts.format in ("newsstand", "html", "text") else sniff(text)
    values, origin, warnings = meta.merge([("option", {"published": opts.date})])
    if id is not None:
        id, bad_id = scrub(id)
        bad += bad_id
    return RawDocument(id or sha, Source(None, fmt, sha), text, values, origin,
                       warnings + corpus.surrogate_warning(bad))


def read_paths(paths: Iterable[str | os.PathLike], opts: ReadOptions = ReadOptions()
               ) -> Iterator[RawDocument | Failure]:
    """Documents of files, folders (recursively) and ``-`` (standard input), streamed."""
    if opts.format is not None and opts.format not in FORMATS:
        yield Failure("--input-format", "E112",
                      f"unknown input format {opts.format!r} (one of {', '.join(FORMATS)})")
        return
    manifest = None
    if opts.manifest:
        try:
            manifest = meta.load_manifest(opts.manifest)
        except InputError as exc:
            yield Failure(files.display(exc.where or opts.manifest), exc.code, exc.message)
    skip = os.path.abspath(opts.manifest) if opts.manifest else None
    for p in paths:
        path = os.fspath(p)
        if path != "-" and os.path.isdir(path):
            for found in files.walk(path):
                if skip and os.path.abspath(found.path) == skip:
                    continue  # the manifest itself, when it lies among the articles
                if found.error is not None:
                    yield Failure(files.display(found.path), found.error.code, found.error.message)
                else:
                    yield from _read_file(found.path, opts, manifest)
        else:
            yield from _read_file(path, opts, manifest)


def _read_file(path: str, opts: ReadOptions, manifest: meta.Manifest | None
               ) -> Iterator[RawDocument | Failure]:
    shown = files.display(path)
    fmt = opts.format or (_BY_EXTENSION.get(files.extension(path)) if path != "-" else None)
    if fmt in ("jsonl", "csv"):
        yield from _read_corpus(path, fmt, opts, manifest)
        return
    try:
        data = files.read_capped(files.open_binary(path), max_bytes=opts.max_bytes)
        if fmt == "json" or (fmt is None and data.lstrip()[:1] in (b"{", b"[")
                             and path == "-"):
            yield from _records(path, "jsonl", _json_records(data), opts, manifest)
            return
        text, warnings = files.decode(data, html=fmt in (None, "html"))
    except InputError as exc:
        yield Failure(shown, exc.code, exc.message, Source(_src_path(path), fmt or "text", ""))
        return
    fmt = fmt or sniff(text)
    sha = hashlib.sha256(data).hexdigest()
    layers, swarn = _outside_layers(path, opts, manifest)
    values, origin, mwarn = meta.merge(layers)
    yield RawDocument(sha, Source(_src_path(path), fmt, sha), text, values, origin,
                      _name_warning(path) + warnings + swarn + mwarn)


def _json_records(data: bytes) -> Iterator[corpus.Record | InputError]:
    if data.lstrip()[:1] == b"[":
        yield from corpus.iter_json(data)
    else:
        yield from corpus.iter_jsonl(io.BytesIO(data), max_record_bytes=len(data) + 1)


def _read_corpus(path: str, fmt: str, opts: ReadOptions, manifest: meta.Manifest | None
                 ) -> Iterator[RawDocument | Failure]:
    try:
        stream = files.open_binary(path)
    except InputError as exc:
        yield Failure(files.display(path), exc.code, exc.message)
        return
    try:
        it = (corpus.iter_csv if fmt == "csv" else corpus.iter_jsonl)(
            stream, max_record_bytes=opts.max_record_bytes)
        yield from _records(path, fmt, it, opts, manifest)
    finally:
        if path != "-":
            stream.close()


def _records(path: str, fmt: str, records: Iterable[corpus.Record | InputError],
             opts: ReadOptions, manifest: meta.Manifest | None) -> Iterator[RawDocument | Failure]:
    shown = files.display(path)
    outside: tuple[list[tuple[str, dict[str, Any]]], tuple[str, ...]] | None = None
    for rec in records:
        if isinstance(rec, InputError):
            where = f"{shown}:{rec.where}" if rec.where else shown
            yield Failure(where, rec.code, rec.message, Source(_src_path(path), fmt, ""))
            continue
        if outside is None:  # sidecar, manifest and path are per file: look them up once
            outside = _outside_layers(path, opts, manifest)
        fields = dict(rec.fields)
        rid, text = fields.pop("id"), fields.pop("text")
        values, origin, warnings = meta.merge([("record", fields), *outside[0]])
        warnings = _name_warning(path) + outside[1] + rec.warnings + warnings
        sha = hashlib.sha256(rec.raw).hexdigest()
        yield RawDocument(rid, Source(_src_path(path), fmt, sha, record=rec.number), text,
                          values, origin, warnings)


def _outside_layers(path: str, opts: ReadOptions, manifest: meta.Manifest | None
                    ) -> tuple[list[tuple[str, dict[str, Any]]], tuple[str, ...]]:
    """Metadata layers from outside the document, in order, and sidecar warnings."""
    layers: list[tuple[str, dict[str, Any]]] = []
    warns: tuple[str, ...] = ()
    if path != "-":
        side, warns = meta.sidecar(path, files.base_name(path))
        layers.append(("sidecar", side))
        if manifest is not None:
            layers.append(("manifest", manifest.lookup(path)))
        date = meta.path_date(path)
        if date:
            layers.append(("path", {"published": date}))
    if opts.date:
        layers.append(("option", {"published": opts.date}))
    return layers, warns


def _src_path(path: str) -> str | None:
    """The path recorded with a document: as given, with the bytes of a name that is
    not UTF-8 escaped (``\\xff``), so that it can be stored and printed."""
    return None if path == "-" else safe_path(path)


def _name_warning(path: str) -> tuple[str, ...]:
    if path == "-" or not has_surrogates(path):
        return ()
    return (f"[W104] the file name is not valid UTF-8: recorded as {safe_path(path)!r}",)
