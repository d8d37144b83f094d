"""benchmarks/corpus.py: deterministic, streaming, varied synthetic articles."""

from __future__ import annotations

import gzip
import itertools
import json
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402


def test_streams_and_is_deterministic():
    gen = corpus.articles(10**9, seed=3)
    assert isinstance(gen, types.GeneratorType)  # nothing is built up front
    first = list(itertools.islice(gen, 20))
    again = list(itertools.islice(corpus.articles(10**9, seed=3), 20))
    assert first == again
    assert first != list(itertools.islice(corpus.articles(20, seed=4), 20))


def test_records_are_varied_corpus_records():
    recs = list(corpus.articles(300, seed=0))
    assert len({r["id"] for r in recs}) == 300
    for r in recs:
        assert set(r) == {"id", "text", "headline", "publication", "published", "url", "language"}
        assert r["text"].count("\n\n") >= 3 and len(r["published"]) == 10
    assert len({r["publication"] for r in recs}) >= 20
    assert len({r["language"] for r in recs}) >= 3
    assert len({r["published"][:4] for r in recs}) >= 5
    words = [w for r in recs for w in r["text"].lower().split()]
    counts = {w: words.count(w) for w in set(words[:5000])}
    assert sum(1 for n in counts.values() if n == 1) > 100  # a long tail of rare terms


def test_queries_label_rare_and_common():
    qs = corpus.queries(100)
    assert len(qs) == 100 and {k for _, k, _ in qs} == {"rare", "common"}
    assert any(f for _, _, f in qs) and all(q.strip() for q, _, _ in qs)


def test_write_jsonl_gz(tmp_path):
    p = tmp_path / "c.jsonl.gz"
    corpus.write_jsonl(str(p), 5)
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert [r["id"] for r in rows] == [r["id"] for r in corpus.articles(5)]
