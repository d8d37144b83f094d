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
