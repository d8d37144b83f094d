"""Downloads of a filtered list: every event or quote ``/events`` or ``/quotes``
matches, as CSV, JSON Lines or Parquet, with the columns the CLI writes.

- CSV: the columns of ``newsgraph events --format csv`` and ``newsgraph quotes
  --csv`` (:data:`EVENT_CSV`, :data:`QUOTE_CSV`; a test keeps them equal to the CLI's);
- JSON Lines: one record a line, as ``newsgraph events`` prints them (``to_dict()``);
- Parquet: events as ``newsgraph export --events-parquet`` writes them
  (:meth:`KnowledgeBase.export_events_parquet`), quotes with the CSV's columns.

CSV and JSON Lines are streamed as they are read; Parquet is written to a
temporary file first (its footer comes last) and then streamed.  Each download
reads through a connection of its own, closed when the download ends.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from typing import Any, Iterator, Mapping

from ..kb import KnowledgeBase
from .lists import DOWNLOADS, list_filter

__all__ = ["EVENT_CSV", "QUOTE_CSV", "download"]

#: The CSV columns of ``newsgraph events --format csv`` (until the export columns
#: move into the query layer, a test checks that they are the CLI's).
EVENT_CSV = ("date", "type", "quad", "modality", "source", "target", "source_countries",
             "target_countries", "trigger", "sentence", "reported_by", "location", "context",
             "cameo", "rule", "confidence", "article_id", "headline", "publication", "day",
             "month")
#: The CSV columns of ``newsgraph quotes --csv``.
QUOTE_CSV = ("published", "publication", "article_id", "speaker", "speaker_actor", "kind", "cue",
             "text", "about", "rule")
_CHUNK = 1 << 16


def _open(path: str) -> KnowledgeBase:
    kb = KnowledgeBase(path, readonly=True)
    kb.conn.execute("PRAGMA query_only = ON")
    return kb


def _records(kb: KnowledgeBase, kind: str, params: Mapping[str, Any]) -> Iterator:
    f = list_filter(kind, params)
    sort = params.get("sort") or None
    if kind == "events":
        return kb.iter_events(f, sort=sort)
    return kb.iter_quotes(f, sort=sort)


def _csv(records: Iterator, columns: tuple[str, ...]) -> Iterator[bytes]:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for r in records:
        w.writerow(r.to_row())
        if buf.tell() > _CHUNK:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _jsonl(records: Iterator) -> Iterator[bytes]:
    out: list[str] = []
    size = 0
    for r in records:
        line = json.dumps(r.to_dict(), ensure_ascii=False) + "\n"
        out.append(line)
        size += len(line)
        if size > _CHUNK:
            yield "".join(out).encode("utf-8")
            out, size = [], 0
    yield "".join(out).encode("utf-8")


def _quotes_parquet(records: Iterator, path: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in QUOTE_CSV])
    with pq.ParquetWriter(path, schema) as w:
        batch: list[dict] = []
        for r in records:
            row = r.to_row()
            batch.append({c: None if row.get(c) is None else str(row[c]) for c in QUOTE_CSV})
            if len(batch) == 5000:
                w.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        w.write_table(pa.Table.from_pylist(batch, schema=schema))


def _file(path: str) -> Iterator[bytes]:
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk
    finally:
        os.unlink(path)


def _closing(kb: KnowledgeBase, chunks: Iterator[bytes]) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        kb.close()


def download(db_path: str, kind: str, fmt: str,
             params: Mapping[str, Any]) -> tuple[str, str, Iterator[bytes]]:
    """``(media type, file name, chunks)`` of the ``kind`` (events, quotes) the
    parameters select, in ``fmt`` (a key of :data:`~newsgraph.web.lists.DOWNLOADS`).

    The filter is checked before anything is sent (a bad parameter raises
    :class:`~newsgraph.errors.QueryError` here, not half-way through the file)."""
    media = DOWNLOADS[fmt][0]
    name = f"newsgraph-{kind}.{fmt}"
    kb = _open(db_path)
    try:
        records = _records(kb, kind, params)
        if fmt == "parquet":
            fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="newsgraph-")
            os.close(fd)
            try:
                if kind == "events":
                    kb.export_events_parquet(tmp, list_filter(kind, params))
                else:
                    _quotes_parquet(records, tmp)
            except BaseException:
                os.unlink(tmp)
                raise
            kb.close()
            return media, name, _file(tmp)
        first = next(records, None)  # runs the query: its errors come now
        rows = records if first is None else _chain(first, records)
        chunks = _csv(rows, EVENT_CSV if kind == "events" else QUOTE_CSV) if fmt == "csv" \
            else _jsonl(rows)
        return media, name, _closing(kb, chunks)
    except BaseException:
        kb.close()
        raise


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest
