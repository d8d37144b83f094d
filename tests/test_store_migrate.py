"""Migrations: applied in order, recorded, never twice; read-only opening."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph.errors import StoreError
from newsgraph import KnowledgeBase
from newsgraph.store.migrate import available, migrate, schema_version, statements


def test_migrations_are_numbered_and_applied_in_order(tmp_path):
    migs = available()
    versions = [m.version for m in migs]
    assert versions == sorted(versions) and versions[:2] == [1, 2]
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        rows = kb.conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
        assert [r[0] for r in rows] == versions
        assert schema_version(kb.conn) == versions[-1]
        assert migrate(kb.conn) == ()  # nothing left to do
    with KnowledgeBase(tmp_path / "kb.db") as kb:  # reopening applies nothing again
        assert kb.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(migs)


def test_schema_has_fts_with_sync_triggers(tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        names = {r[0] for r in kb.conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles_fts", "articles_fts_insert", "articles_fts_delete",
            "articles_fts_update"} <= names


def test_statements_keep_triggers_whole():
    sql = ("-- a comment\nCREATE TABLE t (a);\n\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n"
           "  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nEND;\n"
           "ALTER TABLE t ADD COLUMN b;  -- it's a comment with a quote\n")
    out = statements(sql)
    assert len(out) == 3 and out[1].startswith("CREATE TRIGGER") and out[1].endswith("END;")
    with pytest.raises(StoreError) as e:
        statements("CREATE TABLE t (a")
    assert e.value.code == "E403"


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    from newsgraph.store import migrate as mod

    real = mod.available()
    bad = mod.Migration(999, "broken", "CREATE TABLE good (a);\nCREATE TABLE (;\n")
    monkeypatch.setattr(mod, "available", lambda: real + (bad,))
    conn = sqlite3.connect(tmp_path / "kb.db", isolation_level=None)
    with pytest.raises(StoreError) as e:
        mod.migrate(conn)
    assert e.value.code == "E402" and "999_broken" in str(e.value)
    assert not conn.in_transaction
    # the whole batch of pending migrations was rolled back: nothing half-applied
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'good'").fetchone()[0] == 0


def test_readonly_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError) as e:
        KnowledgeBase(tmp_path / "missing.db", readonly=True)
    assert e.value.code == "E404" and "missing.db" in str(e.value)
    assert not (tmp_path / "missing.db").exists()
    KnowledgeBase(tmp_path / "kb.db").close()
    with KnowledgeBase(tmp_path / "kb.db", readonly=True) as kb:
        with pytest.raises(sqlite3.OperationalError):
            kb.conn.execute("DELETE FROM articles")


def test_not_a_database_is_a_clear_error(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as e:
        KnowledgeBase(p)
    assert e.value.code == "E400" and "junk.db" in str(e.value)


def test_a_knowledge_base_of_an_older_schema_is_migrated_with_its_rows(tmp_path, monkeypatch):
    """Articles stored before the actor rule (migration 060) get their parties, and the
    rebuilt tables and full-text index keep every row."""
    from newsgraph.store import migrate as mod
    from newsgraph.store.rows import analysis_rows
    from newsgraph.store.runs import now
    from webkb import rule_analyses

    def insert_article(conn, a, *, now):
        """The rows of an analysis, as far as the older schema has their columns."""
        rows = analysis_rows(a, analysed_at=now)
        rows["articles"][0]["ingested_at"] = now
        event_ids = {}
        for table, table_rows in rows.items():
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            for r in table_rows:
                if table == "event_actors":
                    r = {"event_id": event_ids[r["article_id"], r["seq"]], "actor_id": r["actor_id"],
                         "role": r["role"]}
                r = {k: v for k, v in r.items() if k in have}
                if not r:
                    continue
                cur = conn.execute(f"INSERT INTO {table} ({', '.join(chr(34) + k + chr(34) for k in r)}) "
                                   f"VALUES ({', '.join('?' * len(r))})", list(r.values()))
                if table == "events":
                    event_ids[r["article_id"], r["seq"]] = cur.lastrowid

    real = mod.available()
    monkeypatch.setattr(mod, "available", lambda: tuple(m for m in real if m.version < 60))
    conn = sqlite3.connect(tmp_path / "kb.db", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    mod.migrate(conn)
    items = rule_analyses()
    conn.execute("BEGIN")
    for a in items:
        insert_article(conn, a, now=now())
    conn.execute("COMMIT")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "article_actors", "events", "quotes", "event_actors")}
    conn.close()
    monkeypatch.setattr(mod, "available", lambda: real)
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        assert {t: kb.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in counts} == counts
        from test_web_counts import _recount, _stored

        assert _stored(kb.conn) == _recount(kb.conn)
        assert kb.events(source="NOR").total > 0
        assert kb.search("salmon").total == 2
        assert not kb.conn.execute("PRAGMA foreign_key_check").fetchall()
