"""Metadata from outside the document: sidecar, manifest, path, URL, --date, in that order."""

from __future__ import annotations

import json

import pytest

from newsgraph.models import Failure
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.readers.meta import normalize_date, path_date

TEXT = "Body of a plain article.\n"


@pytest.mark.parametrize("path, date", [
    ("/x/2022-01-08/story.txt", "2022-01-08"),
    ("/x/story-20220108.txt", "2022-01-08"),
    ("/news/2022/01/08/story.html", "2022-01-08"),
    ("/x/2021-12-31/a/2022_01_08_b.txt", "2022-01-08"),
    ("/x/20221340/story.txt", None),
    ("/x/120220108/story.txt", None),
    ("/x/story.txt", None),
])
def test_path_date(path, date):
    assert path_date(path) == date


@pytest.mark.parametrize("value, date", [
    ("2022-01-08", "2022-01-08"), ("2022-1-8", "2022-01-08"), ("2022-01-08T23:10:00+09:00", "2022-01-08"),
    ("8 January 2022", "2022-01-08"), ("January 8, 2022", "2022-01-08"),
    ("Sat, 08 Jan 2022 10:00:00 +0000", "2022-01-08"), ("2022/01/08", "2022-01-08"),
    ("yesterday", None), ("2022-02-30", None), ("", None), (None, None),
])
def test_normalize_date(value, date):
    assert normalize_date(value) == date


def _doc(path, **opts):
    (doc,) = read_paths([str(path)], ReadOptions(**opts))
    return doc


def test_precedence_sidecar_manifest_path_option(tmp_path):
    d = tmp_path / "2020-05-05"
    d.mkdir()
    art = d / "story.txt"
    art.write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published,publication,url\n"
                        "2020-05-05/story.txt,2021-06-06,Manifest Times,https://example.org/m\n",
                        encoding="utf-8")
    # option only
    doc = _doc(art, date="2019-01-01")
    assert (doc.meta["published"], doc.meta_origin["published"]) == ("2020-05-05", "path")
    # manifest beats path
    doc = _doc(art, date="2019-01-01", manifest=str(manifest))
    assert doc.meta == {"published": "2021-06-06", "publication": "Manifest Times",
                        "url": "https://example.org/m"}
    assert doc.meta_origin == {"published": "manifest", "publication": "manifest",
                               "url": "manifest"}
    # sidecar beats manifest, field by field
    (d / "story.json").write_text(json.dumps({"published": "2022-07-07", "ignored": 1}),
                                  encoding="utf-8")
    doc = _doc(art, manifest=str(manifest))
    assert doc.meta["published"] == "2022-07-07" and doc.meta_origin["published"] == "sidecar"
    assert doc.meta_origin["publication"] == "manifest"
    assert "ignored" not in doc.meta


def test_option_date_when_nothing_else(tmp_path):
    art = tmp_path / "story.txt"
    art.write_text(TEXT, encoding="utf-8")
    doc = _doc(art, date="2019-01-01")
    assert doc.meta == {"published": "2019-01-01"} and doc.meta_origin == {"published": "option"}
    assert _doc(art).meta == {}


def test_url_date_beats_option_but_not_record(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "1", "text": "x", "url": "https://e.org/2018/12/15/a"}) + "\n"
                 + json.dumps({"id": "2", "text": "x", "url": "https://e.org/2018/12/15/a",
                               "published": "2018-12-16"}) + "\n", encoding="utf-8")
    a, b = read_paths([str(p)], ReadOptions(date="2000-01-01"))
    assert (a.meta["published"], a.meta_origin["published"]) == ("2018-12-15", "url")
    assert (b.meta["published"], b.meta_origin["published"]) == ("2018-12-16", "record")


def test_bad_dates_and_sidecars_warn(tmp_path):
    art = tmp_path / "story.txt"
    art.write_text(TEXT, encoding="utf-8")
    (tmp_path / "story.json").write_text('{"published": "soon"}', encoding="utf-8")
    doc = _doc(art, date="2019-01-01")
    assert doc.meta["published"] == "2019-01-01"
    assert any(w.startswith("[W103]") for w in doc.warnings)
    (tmp_path / "story.json").write_text("{not json", encoding="utf-8")
    doc = _doc(art)
    assert any(w.startswith("[W102]") for w in doc.warnings)


def test_bad_manifest_is_reported_and_reading_goes_on(tmp_path):
    art = tmp_path / "story.txt"
    art.write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,published\nstory.txt,2020-01-01\n", encoding="utf-8")
    items = list(read_paths([str(art)], ReadOptions(manifest=str(manifest))))
    assert isinstance(items[0], Failure) and items[0].code == "E110"
    assert items[1].content == TEXT


def test_manifest_inside_the_folder_is_not_read_as_a_corpus(tmp_path):
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published\nstory.txt,2020-01-01\n", encoding="utf-8")
    items = list(read_paths([str(tmp_path)], ReadOptions(manifest=str(manifest))))
    assert len(items) == 1 and items[0].meta["published"] == "2020-01-01"
