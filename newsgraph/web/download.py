"""Downloads of a filtered list: every event or quote ``/events`` or ``/quotes``
matches, as CSV, JSON Lines or Parquet, with the columns the CLI writes.

- events: CSV and Parquet with the research columns of ``newsgraph events --format
  csv`` and ``export --events-parquet`` (:data:`newsgraph.query.exports.EXPORT_COLUMNS`:
  event id, article, date and granularity, CAMEO code, Goldstein score, CAMEO-style
  actor codes...), written by :mod:`newsgraph.query.exports`; JSON Lines as
  ``newsgraph events --format jsonl`` prints them (``to_dict()``);
- quotes: the columns of ``newsgraph quotes --format csv`` (:data:`QUOTE_CSV`; a test
  keeps them equal to the CLI's), in CSV and Parquet; JSON Lines ``to_dict()``.

CSV and JSON Lines are streamed as they are read, in the list's order; Parquet is
written to a temporary file first (its footer comes last; events oldest first, as the
export writes them) and then streamed.  Each download reads through a connection of
its own, closed when the download ends.
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

__all__ = ["QUOTE_CSV", "download"]

#: The columns of ``newsgraph quotes --format csv``.
QUOTE_CSV = ("id", "published", "publication", "article_id", "headline", "speaker",
             "speaker_actor", "kind", "cue", "text", "about", "about_match", "rule")
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


def _chunks(lines: Iterator[list], columns) -> Iterator[bytes]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for line in lines:
        w.writerow(line)
        if buf.tell() > _CHUNK:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def _csv(kb: KnowledgeBase, kind: str, records: Iterator) -> Iterator[bytes]:
    if kind == "events":
        from ..query.exports import EXPORT_COLUMNS, csv_value, event_rows

        rows = event_rows(kb.conn, records)
        return _chunks(([csv_value(c, r[c]) for c in EXPORT_COLUMNS] for r in rows),
                       EXPORT_COLUMNS)
    return _chunks(([r.to_row().get(c) for c in QUOTE_CSV] for r in records), QUOTE_CSV)


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

    schema = pa.schema([(c, pa.int64() if c == "id" else pa.string()) for c in QUOTE_CSV])
    with pq.ParquetWriter(path, schema) as w:
        batch: list[dict] = []
        for r in records:
            row = r.to_row()
            batch.append({c: row.get(c) if c == "id" or row.get(c) is None else str(row[c])
                          for c in QUOTE_CSV})
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
        chunks = _csv(kb, kind, rows) if fmt == "csv" else _jsonl(rows)
        return media, name, _closing(kb, chunks)
    except BaseException:
        kb.close()
        raise


def _chain(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest
