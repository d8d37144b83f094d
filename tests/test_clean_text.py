"""Plain text and corpus records: paragraphs, headline from the record, metadata."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.errors import InputError
from newsgraph.readers import ReadOptions, read_paths, read_text


def test_blank_line_blocks_and_hard_wrapping():
    a = clean(read_text("First paragraph runs\nover two lines.\nSecond one here.\n\n\nThird.\n",
                        ReadOptions(format="text")))
    assert [a.text[p.start:p.end] for p in a.paragraphs] == [
        "First paragraph runs over two lines.", "Second one here.", "Third."]
    assert a.headline is None and a.headline_span is None


def test_lines_are_paragraphs_without_blank_lines():
    a = clean(read_text("One line\nAnother line\n", ReadOptions(format="text")))
    assert [a.text[p.start:p.end] for p in a.paragraphs] == ["One line", "Another line"]


def test_record_headline_and_metadata(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "r1", "headline": "A  headline", "text": "OTTAWA \u2014 Body.",
                             "publication": "Wire", "language": "English",
                             "published": "2024-02-03"}) + "\n", encoding="utf-8")
    (raw,) = read_paths([str(p)])
    a = clean(raw)
    assert a.id == "r1" and a.headline == "A  headline"
    assert a.text == "A  headline\nBody." and a.dateline == "OTTAWA"
    assert a.text[a.headline_span.start:a.headline_span.end] == a.headline
    assert (a.language, a.publication, a.published) == ("en", "Wire", "2024-02-03")
    assert a.origin == {"headline": "record", "publication": "record", "language": "record",
                        "published": "record"}


def test_language_detected_only_when_not_given():
    es = ("Los ministros de los dos paises se reunieron el lunes en la capital y acordaron "
          "continuar las conversaciones el mes que viene.")
    a = clean(read_text(es, ReadOptions(format="text")))
    assert a.language == "es" and a.origin["language"] == "detected"


def test_empty_text_is_an_error():
    with pytest.raises(InputError) as exc:
        clean(read_text(" \u200b \n\t\n", ReadOptions(format="text")))
    assert exc.value.code == "E201"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
@example("0\n\n0")  # a title line: the headline is part of the text, not a paragraph
@example("0\r\x850")  # CR then NEL: two line breaks, so a blank line
def test_spans_hold_for_any_text(text):
    try:
        a = clean(read_text(text, ReadOptions(format="text")))
    except InputError:
        return
    spans = ([a.headline_span] if a.headline_span else []) + list(a.paragraphs)
    for p in spans:
        assert 0 <= p.start < p.end <= len(a.text)
        assert "\n" not in a.text[p.start:p.end]
    # plain text has no deck or captions: the text is the title line, then the paragraphs
    assert a.text == "\n".join(a.text[p.start:p.end] for p in spans)
    if a.headline_span:
        assert a.text[a.headline_span.start:a.headline_span.end] == a.headline
