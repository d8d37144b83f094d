"""A plain-text file whose first line is a title, then a blank line, takes that line as its
headline; other layouts and corpus records are read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.clean import clean
from newsgraph.clean.text import title_line
from newsgraph.readers import ReadOptions, read_paths

ROOT = Path(__file__).resolve().parent.parent
BODY = "The harbour board approved the new ferry timetable on Tuesday.\n\nIt starts in May.\n"


def _article(path: Path, text: str, fmt: str | None = None):
    path.write_text(text, encoding="utf-8")
    (doc,) = list(read_paths([str(path)], ReadOptions(format=fmt)))
    return clean(doc)


@pytest.mark.parametrize("first", ["Ferry timetable approved", "Will the ferries run on time?",
                                   "Board says 'yes' to new ferries", "UK ferry plan wins backing"])
def test_a_title_line_is_the_headline(tmp_path, first):
    a = _article(tmp_path / "story.txt", f"{first}\n\n{BODY}")
    assert a.headline == first and a.origin["headline"] == "title line"
    assert a.text[a.headline_span.start:a.headline_span.end] == first
    assert [a.text[p.start:p.end] for p in a.paragraphs] == [
        "The harbour board approved the new ferry timetable on Tuesday.", "It starts in May."]


@pytest.mark.parametrize("text", [
    "The board met on Tuesday.\n\n" + BODY,  # a sentence, not a title
    "Ferry timetable approved\n" + BODY,  # no blank line after it
    "Ferry timetable approved\n\n",  # nothing after it
    "By Jane Reporter\n\n" + BODY,  # a byline
    "and then the board voted\n\n" + BODY,  # starts in lower case
    "Ferry timetable approved, board says,\n\n" + BODY,
    " ".join(["word"] * 31) + "\n\n" + BODY,  # too long for a headline
])
def test_other_first_lines_stay_in_the_body(tmp_path, text):
    a = _article(tmp_path / "story.txt", text)
    assert a.headline is None


def test_a_corpus_record_keeps_its_text(tmp_path):
    (tmp_path / "c.jsonl").write_text(
        '{"id": "r1", "text": "Ferry timetable approved\\n\\nThe board met."}\n', encoding="utf-8")
    (doc,) = list(read_paths([str(tmp_path / "c.jsonl")]))
    a = clean(doc)
    assert a.headline is None and a.text.startswith("Ferry timetable approved\nThe board met.")


def test_newsstand_files_are_read_as_before():
    path = ROOT / "examples" / "newsstand" / "harbour-courier-japan-australia.txt"
    (doc,) = list(read_paths([str(path)]))
    a = clean(doc)
    assert doc.source.format == "newsstand" and a.origin.get("headline") != "title line"
    assert a.headline and a.headline in a.text.splitlines()[0]


def test_title_line_reads_lines():
    assert title_line(["", "Ferry timetable approved", "", "Body."]) == "Ferry timetable approved"
    assert title_line(["Ferry timetable approved", "", ""]) is None
