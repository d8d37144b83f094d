"""Readers: files, directories, stdin and corpus records -> RawDocument (placeholder).

Interface::

    read_paths(paths, ReadOptions(...)) -> Iterator[RawDocument | Failure]
    read_text(text, ReadOptions(...), id=None) -> RawDocument
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..models import Failure, RawDocument, Source

__all__ = ["ReadOptions", "read_paths", "read_text"]


@dataclass(frozen=True)
class ReadOptions:
    format: str | None = None  # newsstand | html | text | jsonl | csv; None: by file type
    date: str | None = None  # --date: published where the input has none
    manifest: str | None = None  # --manifest CSV: path, published, publication, url


def read_text(text: str, opts: ReadOptions = ReadOptions(), *, id: str | None = None) -> RawDocument:
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    meta, origin = {}, {}
    if opts.date:
        meta["published"], origin["published"] = opts.date, "option"
    return RawDocument(id or sha, Source(None, opts.format or "text", sha), text, meta, origin)


def read_paths(paths: Iterable[str], opts: ReadOptions = ReadOptions()) -> Iterator[RawDocument | Failure]:
    for p in paths:
        data = Path(p).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        raw = read_text(data.decode("utf-8", "replace"), opts, id=sha)
        yield RawDocument(sha, Source(p, "text", sha), raw.content, raw.meta, raw.meta_origin)
