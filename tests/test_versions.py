"""The stored pipeline version notices edited data files and another spaCy model."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from newsgraph import KnowledgeBase, versions
from newsgraph.ingest import count_to_reprocess
from store_helpers import make_analysis


@pytest.fixture
def fresh_version():
    versions.pipeline_version.cache_clear()
    yield
    versions.pipeline_version.cache_clear()


def test_the_version_names_the_data_and_the_model(fresh_version):
    v = versions.pipeline_version()
    assert f"data-{versions.data_digest()}" in v
    assert f"model-{versions.model_version()}" in v
    assert versions.model_version().startswith(("en_core_web_sm", "none"))
    names = {p.relative_to(versions.PACKAGE).as_posix() for p in versions.data_files()}
    assert "events/data/triggers.tsv" in names and "actors/data/countries.tsv" in names
    assert not [n for n in names if n.startswith(("web/", "store/migrations/"))]


def _copy_data(root):
    for p in versions.data_files():
        dest = root / p.relative_to(versions.PACKAGE)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, dest)


def test_an_edited_data_file_makes_stored_analyses_stale(tmp_path, monkeypatch, fresh_version):
    root = tmp_path / "package"
    _copy_data(root)
    assert versions.data_digest(root) == versions.data_digest()
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.store(dataclasses.replace(make_analysis(), pipeline_version=versions.pipeline_version()))
        assert count_to_reprocess(kb) == 0
        with open(root / "events" / "data" / "triggers.tsv", "a", encoding="utf-8") as f:
            f.write("# a line added by the test\n")
        monkeypatch.setattr(versions, "PACKAGE", root)
        versions.pipeline_version.cache_clear()
        assert count_to_reprocess(kb) == 1  # reprocess would analyse it again


def test_another_model_makes_stored_analyses_stale(tmp_path, monkeypatch, fresh_version):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.store(dataclasses.replace(make_analysis(), pipeline_version=versions.pipeline_version()))
        monkeypatch.setattr(versions, "model_version", lambda: "en_core_web_sm-9.9.9")
        versions.pipeline_version.cache_clear()
        assert "model-en_core_web_sm-9.9.9" in versions.pipeline_version()
        assert count_to_reprocess(kb) == 1
