"""One error path: a document that breaks the cleaner or an analysis stage gets the same
code whichever way the pipeline runs, is recorded, and the run goes on."""

from __future__ import annotations

import pytest

import newsgraph.clean as clean_stage
import newsgraph.parse as parse_stage
from newsgraph import KnowledgeBase, Settings
from newsgraph.models import Failure
from newsgraph.pipeline import analyze_documents
from newsgraph.readers import ReadOptions, read_paths
from scale_corpus import write_corpus


@pytest.fixture
def cleaner_bug(monkeypatch):
    """The cleaner raises (as a bug would) on the second file."""
    real = clean_stage.clean

    def clean(doc):
        if doc.source.path.endswith("a001.txt"):
            raise RuntimeError("a cleaner bug")
        return real(doc)

    monkeypatch.setattr(clean_stage, "clean", clean)


def _codes(kb) -> list[str]:
    return [e.code for e in kb.errors()]


def test_a_cleaner_bug_is_e299_in_every_way_the_pipeline_runs(tmp_path, cleaner_bug):
    paths = write_corpus(tmp_path / "in", 3)
    docs = list(read_paths(paths, ReadOptions()))
    out = list(analyze_documents(docs, settings=Settings(english_stages=False)))
    assert [f.code for f in out if isinstance(f, Failure)] == ["E299"] and len(out) == 3
    for name, options in (("clean only", {"analysis": False}),
                          ("analysis", {"settings": Settings(english_stages=False)})):
        with KnowledgeBase(tmp_path / f"{name}.db") as kb:
            s = kb.ingest(paths, **options)
            assert (s.read, s.stored, s.failed) == (3, 2, 1), name
            assert _codes(kb) == ["E299"]
            assert "a001.txt" in kb.errors()[0].location


def test_a_parser_failure_is_e302_and_costs_only_its_article(tmp_path, monkeypatch):
    paths = write_corpus(tmp_path / "in", 3)

    def parse_many(texts, *, batch_size=32):
        for text in texts:
            if text.startswith(_first_headline(paths)):
                raise RuntimeError("the parser broke")
            yield object()  # a parsed document

    monkeypatch.setattr(parse_stage, "parse_many", parse_many)
    monkeypatch.setattr("newsgraph.pipeline.analyze_parsed",
                        lambda art, doc, version=None: (_ for _ in ()).throw(
                            RuntimeError("a stage bug")))
    docs = list(read_paths(paths, ReadOptions()))
    out = list(analyze_documents(docs))
    assert [type(x).__name__ for x in out] == ["Failure"] * 3
    assert {x.code for x in out} == {"E302"}
    assert "the parser broke" in out[0].message and "a stage bug" in out[1].message


def _first_headline(paths) -> str:
    with open(paths[0], encoding="utf-8") as f:
        return f.readline().strip()
