"""Dask batch runs: Parquet shards, manifest, reruns, loading into SQLite."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.errors import InputError

from newsgraph.models import Analysis
from newsgraph.pipeline import Settings, analyze_documents
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.scale.batch import BatchOptions, plan_shards, read_manifest, run_shard
from newsgraph.ingest import load
from newsgraph.scale.parquet import SCHEMAS, analysis_rows
from newsgraph import KnowledgeBase

from scale_corpus import write_corpus

NO_MODEL = BatchOptions(shard_size=3, settings=Settings(english_stages=False))


def _run_all(inputs, out, options=NO_MODEL):
    return [run_shard(s, str(out), options) for s in plan_shards(inputs, shard_size=options.shard_size)]


def test_plan_groups_article_files_and_keeps_corpus_files_whole(tmp_path):
    paths = write_corpus(tmp_path / "in", 7)
    corpus = tmp_path / "dump.jsonl"
    corpus.write_text('{"id": "x", "text": "Hello."}\n')
    shards = plan_shards([str(tmp_path / "in"), str(corpus)], shard_size=3)
    assert [len(s.paths) for s in shards] == [1, 3, 3, 1]
    assert shards[0].paths == (str(corpus.resolve()),)
    assert sorted(p for s in shards[1:] for p in s.paths) == sorted(
        str(Path(p).resolve()) for p in paths)
    again = plan_shards([str(tmp_path / "in"), str(corpus)], shard_size=3)
    assert [s.id for s in again] == [s.id for s in shards]  # stable ids: reruns skip
    with pytest.raises(InputError, match="E610"):
        plan_shards([str(tmp_path / "missing")])


def test_shards_have_the_knowledge_base_columns_and_a_manifest(tmp_path):
    paths = write_corpus(tmp_path / "in", 5)
    metas = _run_all(paths, tmp_path / "out")
    assert [m["skipped"] for m in metas] == [False, False]
    shard = tmp_path / "out" / "shards" / metas[0]["id"]
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    for table, schema in SCHEMAS.items():
        t = pq.read_table(shard / f"{table}.parquet")
        assert t.schema.names == schema.names
        if table in ("errors", "signatures", "event_actors"):
            continue
        sql_cols = [r[1] for r in kb.conn.execute(f"PRAGMA table_info({table})")]
        assert set(schema.names) <= set(sql_cols), table
    manifest = read_manifest(str(tmp_path / "out"))
    assert manifest["n_articles"] == 5 and len(manifest["shards"]) == 2
    # a rerun skips completed shards and leaves them as they were
    before = (shard / "_shard.json").read_text()
    assert all(m["skipped"] for m in _run_all(paths, tmp_path / "out"))
    assert (shard / "_shard.json").read_text() == before
    assert not list((tmp_path / "out" / "tmp").glob("*"))


def test_rows_match_the_analysis(tmp_path):
    paths = write_corpus(tmp_path / "in", 3)
    metas = _run_all(paths, tmp_path / "out")
    got = []
    for m in metas:
        got += pq.read_table(tmp_path / "out" / "shards" / m["id"] / "articles.parquet").to_pylist()
    docs = read_paths(paths, ReadOptions())
    want = [analysis_rows(a)["articles"][0]
            for a in analyze_documents(docs, settings=NO_MODEL.settings)]
    strip = lambda rows: sorted(({**r, "analysed_at": None} for r in rows), key=lambda r: r["id"])
    assert strip(got) == strip(want)


def test_load_is_idempotent_and_skips_duplicates(tmp_path):
    paths = write_corpus(tmp_path / "in", 5)
    _run_all(paths, tmp_path / "out")
    # a second batch folder holding some of the same articles
    _run_all(paths[:2], tmp_path / "out2", BatchOptions(shard_size=5,
                                                        settings=NO_MODEL.settings))
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    conn = kb.conn
    first = load(kb, str(tmp_path / "out"))
    assert (first.n_shards, first.n_articles, first.n_duplicates) == (2, 5, 0)
    again = load(kb, str(tmp_path / "out"))
    assert (again.n_skipped_shards, again.n_articles) == (2, 0)
    other = load(kb, str(tmp_path / "out2"))
    assert (other.n_articles, other.n_duplicates) == (0, 2)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    assert conn.execute("SELECT COUNT(*) FROM article_signatures").fetchone()[0] == 5
    assert conn.execute("SELECT COUNT(*) FROM runs WHERE command = 'load'").fetchone()[0] == 3


def test_load_replaces_a_file_ingested_before_under_another_spelling_of_its_path(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "in", 2)
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    kb.ingest(["in/a000.txt", "in/a001.txt"], analysis=False)
    (tmp_path / "in" / "a000.txt").write_text("An edited headline\n\nThe story, revised.\n")
    _run_all([str(tmp_path / "in")], tmp_path / "out")  # shards hold absolute paths
    report = load(kb, str(tmp_path / "out"))
    assert (report.n_articles, report.n_replaced, report.n_duplicates) == (1, 1, 1)
    rows = kb.conn.execute("SELECT source_path, text FROM articles ORDER BY source_path")
    assert [(Path(p).name, "revised" in t) for p, t in rows] == [("a000.txt", True),
                                                                ("a001.txt", False)]


def test_load_groups_reprints_from_shards(tmp_path):
    src = tmp_path / "in"
    write_corpus(src, 3)
    text = (src / "a000.txt").read_text()
    (src / "copy-of-a000.txt").write_text("A new headline for the same story\n\n" + text)
    _run_all([str(src)], tmp_path / "out")
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    conn = kb.conn
    report = load(kb, str(tmp_path / "out"))
    assert report.clusters.n_clusters == 1 and report.clusters.n_clustered == 2
    rows = conn.execute("SELECT source_path, cluster_id FROM articles "
                        "WHERE cluster_id IS NOT NULL").fetchall()
    assert sorted(Path(p).name for p, _ in rows) == ["a000.txt", "copy-of-a000.txt"]
    assert len({c for _, c in rows}) == 1


def test_load_refuses_a_folder_that_is_not_a_batch(tmp_path):
    with pytest.raises(InputError, match="E612"):
        load(KnowledgeBase(str(tmp_path / "kb.db")), str(tmp_path / "nothing"))


def test_a_second_attempt_at_a_shard_keeps_the_first(tmp_path):
    from newsgraph.scale.batch import write_shard
    docs = list(read_paths(write_corpus(tmp_path / "in", 2), ReadOptions()))
    results = list(analyze_documents(docs, settings=NO_MODEL.settings))
    first = write_shard(str(tmp_path / "out"), "s1", results)
    second = write_shard(str(tmp_path / "out"), "s1", results[:1])
    assert (first["skipped"], second["skipped"]) == (False, True)
    assert second["n_articles"] == 2 and second["written_at"] == first["written_at"]
    assert [p.name for p in (tmp_path / "out" / "shards").iterdir()] == ["s1"]
    assert not list((tmp_path / "out" / "tmp").iterdir())
