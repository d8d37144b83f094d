"""Readers on files: decoding, gzip, size caps, binary and empty files, directories."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import os

import pytest

from newsgraph.errors import InputError
from newsgraph.models import Failure, RawDocument
from newsgraph.readers import ReadOptions, read_paths, read_text, sniff
from newsgraph.readers.files import decode

ARTICLE = "Harbour news\n\nA headline here\n\n-\n\nOSLO: Body text of the article, long enough.\n"


def _one(path, **opts):
    items = list(read_paths([str(path)], ReadOptions(**opts)))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("data, expected", [
    (codecs.BOM_UTF8 + "caf\u00e9 text".encode(), "caf\u00e9 text"),
    ("caf\u00e9 text".encode("utf-16"), "caf\u00e9 text"),
    ("caf\u00e9 text".encode("utf-16-le"), "caf\u00e9 text"),
    ("caf\u00e9 text".encode("utf-16-be"), "caf\u00e9 text"),
    ("caf\u00e9 text".encode("utf-32"), "caf\u00e9 text"),
    ("caf\u00e9 \u201ctext\u201d".encode("utf-8"), "caf\u00e9 \u201ctext\u201d"),
])
def test_decode_boms_utf16_and_utf8(data, expected):
    text, warnings = decode(data)
    assert text == expected
    assert warnings == ()


def test_decode_cp1252_fallback_warns():
    text, warnings = decode("caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    assert text == "caf\u00e9 \u201cquoted\u201d"
    assert warnings and warnings[0].startswith("[W101]")


@pytest.mark.parametrize("data, code", [
    (b"", "E102"), (b"  \n\t\n", "E102"), (b"%PDF-1.7 binary", "E103"),
    (b"text\x00with\x00nul\x00bytes\x01\x02" * 3 + b"\xff\xfe\x00", "E103"),
    (b"\x89PNG\r\n\x1a\n....", "E103"),
])
def test_decode_rejects_empty_and_binary(data, code):
    with pytest.raises(InputError) as exc:
        decode(data)
    assert exc.value.code == code


def test_file_id_is_sha256_of_bytes_and_gzip_is_transparent(tmp_path):
    data = ARTICLE.encode()
    plain = tmp_path / "a.txt"
    plain.write_bytes(data)
    gz = tmp_path / "b.txt.gz"
    gz.write_bytes(gzip.compress(data))
    a, b = _one(plain), _one(gz)
    assert isinstance(a, RawDocument) and isinstance(b, RawDocument)
    assert a.id == b.id == hashlib.sha256(data).hexdigest()
    assert a.source.format == b.source.format == "newsstand"
    assert a.content == b.content == ARTICLE


def test_truncated_gzip_is_a_failure(tmp_path):
    gz = tmp_path / "cut.txt.gz"
    gz.write_bytes(gzip.compress(ARTICLE.encode() * 50)[:-30])
    f = _one(gz)
    assert isinstance(f, Failure) and f.code == "E104" and f.where == str(gz)


def test_huge_file_is_capped_not_read(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(100_000_000)  # 100 MB (sparse)
    f = _one(big)
    assert isinstance(f, Failure) and f.code == "E105"
    assert "too large" in f.message


def test_missing_file_and_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    items = list(read_paths([str(tmp_path / "nope.txt"), str(good)]))
    assert isinstance(items[0], Failure) and items[0].code == "E101"
    assert "nope.txt" in str(items[0])
    assert isinstance(items[1], RawDocument)


def test_directory_walk_recursive_sorted_and_skips_others(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text(ARTICLE + "more\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"published": "2024-01-02"}', encoding="utf-8")  # sidecar
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(tmp_path / "missing-target.txt", tmp_path / "sub" / "broken.txt")
    items = list(read_paths([str(tmp_path)]))
    names = [os.path.basename(i.source.path if isinstance(i, RawDocument) else i.where)
             for i in items]
    assert names == ["a.html", "b.txt", "broken.txt", "c.txt"]
    assert isinstance(items[2], Failure) and items[2].code == "E101"
    assert items[1].meta["published"] == "2024-01-02"


def test_unknown_input_format_is_reported():
    items = list(read_paths(["x"], ReadOptions(format="pdf")))
    assert len(items) == 1 and items[0].code == "E112"


def test_read_text_sniffs_format_and_sets_date():
    raw = read_text(ARTICLE, ReadOptions(date="2024-05-01"))
    assert raw.source.format == "newsstand"
    assert raw.meta["published"] == "2024-05-01" and raw.meta_origin["published"] == "option"
    assert read_text("Plain words.\n\nMore words.").source.format == "text"
    assert read_text("<!DOCTYPE html><html><body><p>x</p></body></html>").source.format == "html"
    assert read_text("x", id="given").id == "given"


@pytest.mark.parametrize("text, fmt", [
    ("<html><head><title>t</title></head></html>", "html"),
    ("Pub\nHeadline\n-\nBody.", "newsstand"),
    ("Body.\n\n ?? AFP ?? Caption.\nAFP Caption.", "newsstand"),
    ("Just a plain article.\n\nWith two paragraphs - and a dash.", "text"),
    ("- a bullet first\n- and another", "text"),
])
def test_sniff(text, fmt):
    assert sniff(text) == fmt
