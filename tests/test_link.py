"""The cross-article link pass (`newsgraph link`) on knowledge bases built with SQL."""

from __future__ import annotations

import pytest

from link_rows import add_article, analysis, country, kb_actor_of, org, person, snapshot
from newsgraph.errors import QueryError
from newsgraph.link import VERSION, link
from newsgraph import KnowledgeBase


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        yield kb


def _seed(kb):
    add_article(kb, "a1", "2022-01-08", [
        country("JPN", "Japan"),
        person("Fumio Kishida", country="JPN", roles=["Prime Minister"]),
        person("Yoshimasa Hayashi", country="JPN", roles=["foreign minister"]),
        org("Rand Corporation", country="USA"),
    ])


def test_bare_surname_links_to_the_one_known_person_and_inherits_state(kb):
    _seed(kb)
    add_article(kb, "a2", "2022-02-01", [
        person("Kishida", aid="person:kishida"),
        person("Mr Hayashi", aid="person:hayashi"),
    ])
    report = link(kb.conn)
    assert report.articles == 2 and report.surnames_linked == 2
    assert kb_actor_of(kb, "a2", "person:kishida") == "person:fumio-kishida"
    assert kb_actor_of(kb, "a2", "person:hayashi") == "person:yoshimasa-hayashi"
    kishida = kb.actor("Kishida")
    assert kishida.id == "person:fumio-kishida" and kishida.country == "JPN"
    assert kishida.n_articles == 2
    assert (kishida.first_seen, kishida.last_seen) == ("2022-01-08", "2022-02-01")
    assert set(kishida.aliases) == {"Fumio Kishida", "Kishida"}
    assert kishida.name == "Fumio Kishida"
    # the later article's mention is among the person's mentions across articles
    assert {m.article_id for m in kb.actor_mentions(kishida.id)} == {"a1", "a2"}
    assert {a.article_id for a in kb.actor_articles(kishida.id)} == {"a1", "a2"}


def test_bare_surname_stays_unlinked_when_ambiguous(kb):
    add_article(kb, "a1", "2022-01-03", [person("Hiroshi Tanaka", country="JPN")])
    add_article(kb, "a2", "2022-01-04", [person("Maria Tanaka", country="USA")])
    add_article(kb, "a3", "2022-01-05", [person("Tanaka", aid="person:tanaka")])
    report = link(kb.conn)
    assert kb_actor_of(kb, "a3", "person:tanaka") is None
    assert report.surnames_ambiguous == 1 and report.surnames_linked == 0
    reason = kb.conn.execute("SELECT reason FROM link_pending WHERE article_id='a3'").fetchone()[0]
    assert reason == "ambiguous"
    with pytest.raises(QueryError) as exc:
        kb.actor("Tanaka")
    assert exc.value.code == "E522"
    assert kb.actor("Hiroshi Tanaka").country == "JPN"


def test_state_given_by_the_article_narrows_the_candidates(kb):
    add_article(kb, "a1", "2022-01-03", [person("Hiroshi Tanaka", country="JPN")])
    add_article(kb, "a2", "2022-01-04", [person("Maria Tanaka", country="USA")])
    add_article(kb, "a3", "2022-01-05", [person("Tanaka", country="JPN", aid="person:tanaka")])
    link(kb.conn)
    assert kb_actor_of(kb, "a3", "person:tanaka") == "person:hiroshi-tanaka"


def test_bare_surname_of_another_state_does_not_link(kb):
    add_article(kb, "a1", "2022-01-03", [person("Hiroshi Tanaka", country="JPN")])
    add_article(kb, "a2", "2022-01-05", [person("Tanaka", country="BRA", aid="person:tanaka")])
    link(kb.conn)
    assert kb_actor_of(kb, "a2", "person:tanaka") is None


def test_idempotent(kb):
    _seed(kb)
    add_article(kb, "a2", "2022-02-01", [person("Kishida", aid="person:kishida")])
    link(kb.conn)
    before = snapshot(kb)
    again = link(kb.conn)
    assert again.articles == 0 and again.surnames_linked == 0
    assert snapshot(kb) == before


def test_incremental_links_only_new_articles_and_full_agrees(kb):
    _seed(kb)
    assert link(kb.conn).articles == 1
    add_article(kb, "a2", "2022-02-01", [person("Kishida", aid="person:kishida")])
    report = link(kb.conn)
    assert report.articles == 1 and report.surnames_linked == 1
    assert kb_actor_of(kb, "a2", "person:kishida") == "person:fumio-kishida"
    state = kb.conn.execute("SELECT COUNT(*), MIN(version) FROM link_state").fetchone()
    assert tuple(state) == (2, VERSION)
    incremental = snapshot(kb)
    assert link(kb.conn, full=True).articles == 2
    assert snapshot(kb) == incremental


def test_a_surname_seen_before_the_full_name_links_later(kb):
    add_article(kb, "a1", "2022-01-03", [person("Hornung", aid="person:hornung")])
    first = link(kb.conn)
    assert first.surnames_unknown == 1 and kb_actor_of(kb, "a1", "person:hornung") is None
    add_article(kb, "a2", "2022-01-10",
                [person("Jeffrey Hornung", roles=["security policy expert"])])
    second = link(kb.conn)
    assert second.surnames_linked == 1
    assert kb_actor_of(kb, "a1", "person:hornung") == "person:jeffrey-hornung"
    assert kb.actor("person:jeffrey-hornung").n_articles == 2
    assert kb.conn.execute("SELECT COUNT(*) FROM link_pending").fetchone()[0] == 0


def test_reanalysed_article_is_linked_again(kb):
    _seed(kb)
    link(kb.conn)
    # the article is analysed again (reprocess) and no longer names Hayashi
    kb.store_analysis(analysis("a1", "2022-01-08", [
        country("JPN", "Japan"), person("Fumio Kishida", country="JPN", roles=["Prime Minister"])]))
    assert link(kb.conn).articles == 1
    assert kb.actor("person:yoshimasa-hayashi") is None  # no article names him any more
    assert kb.actor_roles_seen("person:yoshimasa-hayashi") == ()
    assert kb.actor("Kishida").n_articles == 1


def test_reingested_article_is_linked_again(kb):
    _seed(kb)
    add_article(kb, "a2", "2022-02-01", [person("Kishida", aid="person:kishida")])
    link(kb.conn)
    add_article(kb, "a2", "2022-02-01", [person("Mr Kishida", aid="person:kishida")])  # replaced
    assert link(kb.conn).articles == 1
    assert kb_actor_of(kb, "a2", "person:kishida") == "person:fumio-kishida"


def test_an_article_counts_once_per_actor(kb):
    _seed(kb)
    link(kb.conn)
    # the analysis left a bare "Kishida" beside the full name in the same article
    add_article(kb, "a2", "2022-02-01", [person("Fumio Kishida", country="JPN"),
                                         person("Kishida", aid="person:kishida")])
    report = link(kb.conn)
    assert report.surnames_linked == 1
    kishida = kb.actor("Kishida")
    assert kishida.n_articles == 2
    before = snapshot(kb)
    link(kb.conn, full=True)
    assert snapshot(kb) == before


def test_deleted_article_is_uncounted(kb):
    _seed(kb)
    add_article(kb, "a2", "2022-02-01", [person("Kishida", aid="person:kishida")])
    link(kb.conn)
    assert kb.actor("Kishida").n_articles == 2
    kb.conn.execute("DELETE FROM articles WHERE id = 'a2'")
    assert link(kb.conn).articles == 0
    kishida = kb.actor("Kishida")
    assert (kishida.n_articles, kishida.last_seen) == (1, "2022-01-08")


def test_roles_seen_with_dates_and_state(kb):
    _seed(kb)
    add_article(kb, "a2", "2022-03-01",
                [person("Fumio Kishida", country="JPN", roles=["Prime Minister", "party leader"])])
    add_article(kb, "a3", "2021-09-01",
                [person("Fumio Kishida", country="JPN", roles=["party leader"])])
    link(kb.conn)
    roles = {r.role: r for r in kb.actor_roles_seen("person:fumio-kishida")}
    assert set(roles) == {"Prime Minister", "party leader"}
    pm = roles["Prime Minister"]
    assert (pm.country, pm.first_seen, pm.last_seen, pm.n_articles) == ("JPN", "2022-01-08", "2022-03-01", 2)
    assert (roles["party leader"].first_seen, roles["party leader"].last_seen) == ("2021-09-01", "2022-03-01")


def test_countries_and_organisations_are_kb_actors(kb):
    _seed(kb)
    link(kb.conn)
    assert [a.id for a in kb.actors(kind="country")] == ["JPN"]
    assert {a.id for a in kb.actors(country="JPN")} == {
        "JPN", "person:fumio-kishida", "person:yoshimasa-hayashi"}
    assert [a.id for a in kb.actors(kind="organization")] == ["org:rand-corporation"]
    assert [a.id for a in kb.actors(name="hayashi")] == ["person:yoshimasa-hayashi"]
    with pytest.raises(QueryError):
        kb.actors(kind="planet")


def test_not_a_knowledge_base(tmp_path):
    import sqlite3

    from newsgraph.errors import StoreError

    conn = sqlite3.connect(tmp_path / "x.db")
    with pytest.raises(StoreError):
        link(conn)


def test_a_name_written_family_name_first_is_found_by_its_first_word(kb):
    add_article(kb, "a1", "2022-01-08", [country("CHN", "China"),
                                         person("Xi Jinping", country="CHN", roles=["President"]),
                                         person("Kim Jong-un", country="PRK")])
    add_article(kb, "a2", "2022-02-01", [person("Mr Xi", aid="person:xi"),
                                         person("Jinping", aid="person:jinping"),
                                         person("Kim", aid="person:kim")])
    report = link(kb.conn)
    assert kb_actor_of(kb, "a2", "person:xi") == "person:xi-jinping"
    assert kb_actor_of(kb, "a2", "person:jinping") == "person:xi-jinping"  # the last word too
    # "Kim" is also a given name ("Kim Smith"): a bare "Kim" is not taken for Kim Jong-un
    assert kb_actor_of(kb, "a2", "person:kim") is None
    assert report.surnames_linked == 2


def test_link_inside_a_callers_transaction_commits_nothing_of_it(kb):
    _seed(kb)
    kb.conn.execute("BEGIN")
    kb.conn.execute("INSERT INTO meta (key, value) VALUES ('note', 'uncommitted')")
    report = link(kb.conn)  # runs in a savepoint of the caller's transaction
    assert report.articles == 1 and kb.conn.in_transaction
    kb.conn.execute("ROLLBACK")
    assert kb.conn.execute("SELECT count(*) FROM meta WHERE key = 'note'").fetchone()[0] == 0
    assert kb.conn.execute("SELECT count(*) FROM link_state").fetchone()[0] == 0  # rolled back too


def test_ensure_schema_records_the_migrations_it_applies(tmp_path):
    import sqlite3

    from newsgraph.link import ensure_schema
    from newsgraph.store.migrate import available, pending

    conn = sqlite3.connect(tmp_path / "kb.db", isolation_level=None)
    ensure_schema(conn)
    assert not pending(conn)
    recorded = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    assert recorded == {m.version for m in available()}
