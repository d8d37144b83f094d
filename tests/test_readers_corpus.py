"""Corpus readers: JSON Lines and CSV records, bad records reported, the rest read."""

from __future__ import annotations

import csv
import gzip
import io
import json

from newsgraph.models import Failure, RawDocument
from newsgraph.readers import ReadOptions, read_paths


def _jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_jsonl_records_echo_ids_and_fields(tmp_path):
    p = _jsonl(tmp_path / "c.jsonl", [
        {"id": "a1", "text": "First body.", "headline": "H1", "publication": "P",
         "published": "2024-03-01T10:00:00Z", "url": "https://example.org/x", "language": "en"},
        {"id": 7, "text": "Second body."},
    ])
    a, b = read_paths([str(p)])
    assert (a.id, b.id) == ("a1", "7")
    assert a.source.format == "jsonl" and a.source.record == 1 and b.source.record == 2
    assert a.content == "First body."
    assert a.meta == {"headline": "H1", "publication": "P", "published": "2024-03-01",
                      "url": "https://example.org/x", "language": "en"}
    assert set(a.meta_origin.values()) == {"record"}
    assert a.source.sha256 != b.source.sha256


def test_jsonl_bad_records_are_failures_with_line_numbers(tmp_path):
    p = _jsonl(tmp_path / "c.jsonl", [
        {"id": "ok1", "text": "Fine."},
        '{"id": "broken", "text": ',
        "",
        '["not", "an", "object"]',
        {"text": "no id"},
        {"id": "no-text"},
        {"id": "ok2", "text": "Also fine."},
    ])
    items = list(read_paths([str(p)]))
    kinds = [(type(i).__name__, getattr(i, "code", None)) for i in items]
    assert kinds == [("RawDocument", None), ("Failure", "E106"), ("Failure", "E106"),
                     ("Failure", "E107"), ("Failure", "E107"), ("RawDocument", None)]
    assert items[1].where == f"{p}:line 2"
    assert items[3].where == f"{p}:line 5"
    assert items[4].where == f"{p}:line 6"
    assert items[-1].id == "ok2"


def test_jsonl_record_over_the_cap(tmp_path):
    p = _jsonl(tmp_path / "c.jsonl", [{"id": "big", "text": "x" * 5000}, {"id": "s", "text": "y"}])
    items = list(read_paths([str(p)], ReadOptions(max_record_bytes=1000)))
    assert isinstance(items[0], Failure) and items[0].code == "E113"
    assert items[0].where.endswith(":line 1")
    assert isinstance(items[1], RawDocument) and items[1].id == "s"


def test_gzip_jsonl_streams_and_truncation_is_reported(tmp_path):
    rows = "".join(json.dumps({"id": f"r{i}", "text": f"Body {i} " * 20}) + "\n"
                   for i in range(200)).encode()
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(gzip.compress(rows)[:-200])
    items = list(read_paths([str(p)]))
    assert all(isinstance(i, RawDocument) for i in items[:-1]) and len(items) > 10
    assert isinstance(items[-1], Failure) and items[-1].code == "E104"


def test_csv_records(tmp_path):
    p = tmp_path / "c.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ID", "Headline", "Text", "published"])
        w.writerow(["x1", "A headline", "Line one.\n\nLine two, with \"quotes\".", "2024-01-05"])
        w.writerow(["x2", "", "Short.", ""])
        w.writerow(["x3", "too", "many", "cells", "here"])
        w.writerow(["", "no id", "Body.", ""])
    items = list(read_paths([str(p)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Failure", "Failure"]
    assert items[0].id == "x1" and items[0].content.endswith('with "quotes".')
    assert items[0].meta == {"headline": "A headline", "published": "2024-01-05"}
    assert items[1].meta == {}
    assert items[2].code == "E109" and items[2].where.endswith(":row 4")
    assert items[3].code == "E107"


def test_csv_without_text_column_is_one_failure(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id,body\n1,hello\n2,world\n", encoding="utf-8")
    items = list(read_paths([str(p)]))
    assert len(items) == 1 and items[0].code == "E108"
    assert "'text'" in items[0].message and "body" in items[0].message


def test_csv_in_cp1252(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes("id,text\n1,caf\u00e9 \u201cnews\u201d\n".encode("cp1252"))
    (doc,) = read_paths([str(p)])
    assert doc.content == "caf\u00e9 \u201cnews\u201d"


def test_json_array_file(tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps([{"id": "j1", "text": "One."}, {"id": "j2"}]), encoding="utf-8")
    a, b = read_paths([str(p)])
    assert a.id == "j1" and isinstance(b, Failure) and b.code == "E107"


def test_stdin_jsonl(monkeypatch):
    data = json.dumps({"id": "s1", "text": "From stdin."}).encode() + b"\n"

    class _Stdin:
        buffer = io.BufferedReader(io.BytesIO(data))

    monkeypatch.setattr("sys.stdin", _Stdin())
    (doc,) = read_paths(["-"])
    assert doc.id == "s1" and doc.source.path is None
