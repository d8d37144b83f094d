"""Bad input never crashes reading or cleaning: every document is read or reported."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.errors import InputError
from newsgraph.models import Failure, RawDocument
from newsgraph.readers import read_paths

_pieces = st.sampled_from([
    b"", b"\n", b"\r\n", b"-", b" ?? AFP ?? ", b" ?? ?? ", b"Newspapers in English",
    b"Newspapers from Nowhere", b"TOKYO: ", b"By ", b"<html>", b"<p>", b"</p>", b"{", b"}",
    b'"id": "x", ', b'"text": "', b",", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\xe9",
    b"\x93quoted\x94", b"word ", b"Sentence one. ", b"\x1f\x8b",
])
_data = st.one_of(st.binary(max_size=400),
                  st.lists(_pieces, max_size=60).map(b"".join))


@settings(max_examples=150, deadline=None)
@given(data=_data, ext=st.sampled_from([".txt", ".html", ".jsonl", ".csv", ".json", ".txt.gz"]))
def test_any_bytes_are_read_or_reported(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{ext}"
        path.write_bytes(data)
        for item in read_paths([str(path)]):
            assert isinstance(item, (RawDocument, Failure))
            if isinstance(item, Failure):
                assert item.code.startswith("E1") and str(path) in item.where
                continue
            try:
                art = clean(item)
            except InputError as exc:
                assert exc.code.startswith("E2") and exc.code != "E299", exc
                continue
            for p in art.paragraphs:
                assert art.text[p.start:p.end].strip()
            for c in art.captions:
                assert art.text[c.start:c.end] == c.text
