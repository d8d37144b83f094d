"""Near-duplicate clustering: reprints group, different stories stay apart."""

from __future__ import annotations

import sqlite3

from hypothesis import given, strategies as st

from newsgraph.scale.dedupe import DedupeOptions, article_body, cluster, representatives, \
    shingles, signature_bytes
from newsgraph.query.clusters import event_ids_once, story_filter

from dedupe_fixtures import corpus


def _groups():
    arts = corpus()
    sigs = {aid: signature_bytes(article_body(a)) for aid, a in arts.items()}
    return arts, sorted(sorted(g) for g in cluster(sigs).values())


def test_reprints_group_and_other_stories_stay_apart():
    _, groups = _groups()
    assert groups == [["b1", "b2"], ["h1", "h2", "h3"]]  # c1 is alone


def test_body_excludes_headline_and_captions():
    a = corpus()["h1"]
    body = article_body(a)
    assert a.headline not in body and a.captions[0].text not in body
    assert body.startswith("Officials from Freedonia")


def test_representative_is_earliest_then_smallest_id():
    arts, groups = _groups()
    published = {aid: a.published for aid, a in arts.items()}
    ids = representatives([set(g) for g in groups], published)
    assert ids["h2"] == ids["h3"] == ids["h1"] == "h1"  # h1, h3 same day; h1 < h3
    assert ids["b2"] == "b1"
    assert "c1" not in ids


def test_a_stricter_threshold_splits_the_update():
    arts = corpus()
    opts = DedupeOptions(threshold=0.95)
    sigs = {aid: signature_bytes(article_body(a), options=opts) for aid, a in arts.items()}
    groups = sorted(sorted(g) for g in cluster(sigs, options=opts).values())
    assert ["b1", "b2"] not in groups
    assert ["h1", "h2"] in groups  # identical bodies are identical at any threshold


@given(st.text(max_size=200), st.integers(min_value=1, max_value=6))
def test_shingles_are_lowercased_word_ngrams(text, size):
    import re
    words = re.findall(r"\w+", text.lower())
    sh = {s.decode() for s in shingles(text, size=size)}
    if not words:
        assert sh == set() and signature_bytes(text) is None
    elif len(words) <= size:
        assert sh == {" ".join(words)}
    else:
        assert sh == {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
    if words:
        assert len(signature_bytes(text)) == 128 * 4


def test_empty_text_has_no_signature():
    assert signature_bytes("  ... ") is None


def test_sql_helpers_run_on_the_schema(tmp_path):
    from importlib import resources
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.executescript(resources.files("newsgraph.store.migrations")
                       .joinpath("001_initial.sql").read_text())
    conn.execute(f"SELECT id FROM articles WHERE {story_filter('articles')}").fetchall()
    conn.execute(f"SELECT * FROM events WHERE id IN ({event_ids_once()})").fetchall()


def test_banding_is_datasketchs_and_groups_as_its_lsh_does():
    """The stored band hashes find the candidates datasketch's MinHashLSH finds: the
    stories are the groups its LSH query and Jaccard test make."""
    from datasketch import MinHash, MinHashLSH

    from dedupe_fixtures import wire_corpus
    from newsgraph.scale.dedupe import Components, band_hashes, similarity, signature_values

    sigs = {a.id: signature_bytes(article_body(a)) for a in wire_corpus()}
    for threshold in (0.5, 0.8):
        opts = DedupeOptions(threshold=threshold)
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        assert opts.banding() == (lsh.b, lsh.r)
        hashes = {}
        for aid, data in sigs.items():
            hashes[aid] = MinHash(num_perm=128, seed=1, scheme="affine32",
                                  hashvalues=signature_values(data).astype("uint32"))
            lsh.insert(aid, hashes[aid])
        theirs = Components()
        for x in sigs:
            for y in lsh.query(hashes[x]):
                if x != y and hashes[x].jaccard(hashes[y]) >= threshold:
                    theirs.join(x, y)
        ours = cluster(sigs, options=opts).values()
        assert sorted(map(sorted, ours)) == sorted(map(sorted, theirs.groups()))
        assert len(ours) >= 15
    data = next(iter(sigs.values()))
    assert len(band_hashes(data)) == 25 and all(0 <= h < 2 ** 47 for h in band_hashes(data))
    assert similarity(signature_values(data), signature_values(data)) == 1.0


def test_a_threshold_of_one_groups_identical_bodies_only():
    arts = corpus()
    opts = DedupeOptions(threshold=1.0)
    assert opts.banding() == (1, 128)  # datasketch refuses a single band; we take it
    sigs = {aid: signature_bytes(article_body(a), options=opts) for aid, a in arts.items()}
    assert sorted(sorted(g) for g in cluster(sigs, options=opts).values()) == [["h1", "h2"]]
