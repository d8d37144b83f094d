"""Incremental grouping of near-duplicates: the same stories as one grouping from scratch."""

from __future__ import annotations

import random

from newsgraph import KnowledgeBase
from newsgraph.ingest import load
from newsgraph.models import Analysis
from newsgraph.scale.batch import write_shard
from newsgraph.scale.dedupe import DedupeOptions, cluster, representatives
from newsgraph.store import transaction
from newsgraph.store.write import delete_articles, insert_article

from dedupe_fixtures import bridge_stories, make_article, wire_corpus


def _store(k, articles):
    with transaction(k.conn):
        for a in articles:
            insert_article(k.conn, Analysis(a), now="2024-06-01T00:00:00Z")


def _delete(k, ids):
    with transaction(k.conn):
        delete_articles(k.conn, ids)


def _stories(k):
    return dict(k.conn.execute("SELECT id, cluster_id FROM articles "
                               "WHERE cluster_id IS NOT NULL").fetchall())


def _from_scratch(k, options=DedupeOptions()):
    """What grouping every stored signature at once, in memory, gives."""
    sigs = dict(k.conn.execute("SELECT article_id, signature FROM article_signatures "
                               "WHERE scheme = ?", (options.scheme(),)).fetchall())
    published = dict(k.conn.execute("SELECT id, published FROM articles").fetchall())
    return representatives(cluster(sigs, options=options).values(), published)


def test_grouping_batch_by_batch_equals_grouping_once(tmp_path):
    arts = wire_corpus()
    batches = [arts[i:i + 9] for i in range(0, len(arts), 9)]
    step, once = KnowledgeBase(str(tmp_path / "a.db")), KnowledgeBase(str(tmp_path / "b.db"))
    reports = []
    for batch in batches:
        _store(step, batch)
        reports.append(step.update_clusters())
    _store(once, arts)
    whole = once.update_clusters()
    assert _stories(step) == _stories(once) == _from_scratch(once)
    assert whole.from_scratch and whole.n_grouped == len(arts) == whole.n_signed
    assert reports[0].from_scratch and not any(r.from_scratch for r in reports[1:])
    assert [r.n_grouped for r in reports] == [len(b) for b in batches]  # only the new
    stories = _stories(step)
    assert len(set(stories.values())) >= 15 and len(stories) >= 45
    assert stories["ba"] == stories["bb"] == stories["bc"] == "bc"
    # some stories were renamed: a member that came later is their representative now
    order = {a.id: i for i, a in enumerate(arts)}
    first = {}
    for aid, cid in stories.items():
        first[cid] = min(first.get(cid, aid), aid, key=order.get)
    assert sum(first[cid] != cid for cid in first) >= 3
    for k in (step, once):
        k.close()


def test_a_new_article_joins_two_stories_and_leaving_splits_them(tmp_path):
    ba, bb, bc = bridge_stories(random.Random(3))
    with KnowledgeBase(str(tmp_path / "kb.db")) as k:
        _store(k, [ba, bb])
        assert k.update_clusters().n_clusters == 0  # apart
        _store(k, [bc])
        r = k.update_clusters()
        assert (r.n_grouped, r.n_clusters, r.n_clustered) == (1, 1, 3) and not r.from_scratch
        assert _stories(k) == {"ba": "bc", "bb": "bc", "bc": "bc"}  # bc is the earliest
        _delete(k, ["bc"])
        r = k.update_clusters()
        assert (r.n_grouped, r.n_clusters) == (2, 0) and _stories(k) == {}
        assert not k.conn.execute("SELECT COUNT(*) FROM dedupe_dirty").fetchone()[0]


def test_deleted_and_replaced_articles_leave_their_stories(tmp_path):
    arts = wire_corpus(seed=11)
    with KnowledgeBase(str(tmp_path / "kb.db")) as k:
        _store(k, arts)
        k.update_clusters()
        stories = _stories(k)
        sizes = {}
        for cid in stories.values():
            sizes[cid] = sizes.get(cid, 0) + 1
        big = sorted(cid for cid, n in sizes.items() if n >= 3)
        assert len(big) >= 2
        # the representative of one story goes; a member of another is replaced by a
        # different text under the same id
        _delete(k, [big[0]])
        member = next(aid for aid, cid in sorted(stories.items()) if cid == big[1] != aid)
        _delete(k, [member])
        _store(k, [make_article(member, "Replaced", [
            "A different text entirely, about the weather in the hills and the snow that "
            "closed the roads for a week."])])
        r = k.update_clusters()
        assert not r.from_scratch and r.n_grouped >= 3
        assert _stories(k) == _from_scratch(k)
        assert big[0] not in set(_stories(k).values()) and member not in _stories(k)


def test_another_threshold_regroups_from_scratch(tmp_path):
    strict, exact = DedupeOptions(threshold=0.8), DedupeOptions(threshold=1.0)
    with KnowledgeBase(str(tmp_path / "kb.db")) as k:
        _store(k, wire_corpus())
        k.update_clusters()
        loose = _stories(k)
        r = k.update_clusters(threshold=0.8)
        assert r.from_scratch and r.n_signed == 0 and _stories(k) == _from_scratch(k, strict)
        assert _stories(k) != loose
        again = k.update_clusters(threshold=0.8)
        assert not again.from_scratch and again.n_grouped == 0
        r = k.update_clusters(threshold=1.0)  # datasketch has no banding for 1.0: one band
        assert r.from_scratch and _stories(k) == _from_scratch(k, exact) and r.n_clusters
        assert k.update_clusters().from_scratch and _stories(k) == loose
        assert k.conn.execute("SELECT COUNT(*) FROM dedupe_state").fetchone()[0] == 1


def test_a_knowledge_base_grouped_before_migration_066_is_regrouped_once(tmp_path, monkeypatch):
    import sqlite3

    import newsgraph.store.migrate as mod
    from newsgraph.scale.dedupe import article_body, signature_bytes

    arts = wire_corpus()
    real = mod.available()
    monkeypatch.setattr(mod, "available", lambda: tuple(m for m in real if m.version != 66))
    with KnowledgeBase(str(tmp_path / "kb.db")) as k:
        _store(k, arts)
        scheme = DedupeOptions().scheme()
        k.conn.executemany("INSERT INTO article_signatures VALUES (?, ?, ?)",
                           [(a.id, scheme, signature_bytes(article_body(a))) for a in arts])
        k.conn.execute("UPDATE articles SET cluster_id = 'stale'")  # as an older run left it
    assert "dedupe_state" not in {r[0] for r in sqlite3.connect(tmp_path / "kb.db").execute(
        "SELECT name FROM sqlite_master")}
    monkeypatch.setattr(mod, "available", lambda: real)
    with KnowledgeBase(str(tmp_path / "kb.db")) as k:
        r = k.update_clusters()
        assert r.from_scratch and r.n_signed == 0 and r.n_grouped == len(arts)
        assert _stories(k) == _from_scratch(k) and "stale" not in _stories(k).values()
        assert k.update_clusters().n_grouped == 0


def test_shards_loaded_one_after_another_group_as_one(tmp_path):
    arts = wire_corpus(seed=5)
    half = len(arts) // 2
    with KnowledgeBase(str(tmp_path / "kb.db")) as k:
        write_shard(str(tmp_path / "out"), "s1", [Analysis(a) for a in arts[:half]])
        first = load(k, str(tmp_path / "out")).clusters
        write_shard(str(tmp_path / "out"), "s2", [Analysis(a) for a in arts[half:]])
        second = load(k, str(tmp_path / "out")).clusters
        assert first.from_scratch and not second.from_scratch
        assert (first.n_signed, second.n_signed) == (0, 0)  # the shards' signatures
        assert second.n_grouped == len(arts) - half
        assert _stories(k) == _from_scratch(k) and second.n_clusters >= 15
