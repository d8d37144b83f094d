"""Parquet shards loaded into SQLite hold exactly what the store's own writer stores."""

from __future__ import annotations

from newsgraph.models import Actor, Analysis, Cue, Event, Mention, Quote, Speaker, Span, \
    TimeExpr, Trigger
from newsgraph.scale.batch import write_shard
from newsgraph.ingest import load
from newsgraph import KnowledgeBase

from dedupe_fixtures import corpus

TABLES = {  # table -> columns that name a run or a row id, not content
    "articles": {"rowid", "ingested_at", "analysed_at", "cluster_id"},
    "article_actors": set(), "mentions": set(), "actor_roles": set(),
    "quotes": {"id"}, "events": {"id"}, "event_actors": {"event_id"},
}


def _analysis() -> Analysis:
    art = corpus()["h1"]
    t = art.text
    i, j = t.index("Ana Petrova"), t.index("Sylvania's")
    petrova = Actor("person:ana-petrova", "Ana Petrova", "person", country="FRE",
                    roles=("trade minister",), mentions=(Mention(i, i + 11, "Ana Petrova"),))
    syl = Actor("SYL", "Sylvania", "country", mentions=(Mention(j, j + 8, "Sylvania", "name"),))
    q0 = t.index("This is a good day")
    quote = Quote(q0, q0 + 18, t[q0:q0 + 18], "direct",
                  Speaker(petrova.id, "Ana Petrova", i, i + 11), Cue("said", i - 5, i - 1),
                  about=("SYL",), sentence=Span(q0 - 1, q0 + 60), rule="quotes.rules.v1:x")
    s0 = t.index("signed")
    event = Event("AGREE", ("FRE", "FRE"), ("SYL",), "asserted", Trigger("signed", s0, s0 + 6),
                  Span(0, 50), "events.rules.v1:y", 0.875, date="2024-03-05",
                  date_granularity="day", cameo="057")
    when = t.index("Tuesday")
    return Analysis(art, times=(TimeExpr("Tuesday", when, when + 7, "2024-03-05", "day"),),
                    actors=(petrova, syl), quotes=(quote,), events=(event,),
                    warnings=("[W999] test warning",), pipeline_version="test-version")


def _dump(kb: KnowledgeBase) -> dict[str, list]:
    out = {}
    for table, skip in TABLES.items():
        rows = kb.conn.execute(f"SELECT * FROM {table}").fetchall()
        out[table] = sorted(repr({k: r[k] for k in r.keys() if k not in skip}) for r in rows)
    return out


def test_load_stores_what_the_store_writer_stores(tmp_path):
    a = _analysis()
    direct = KnowledgeBase(str(tmp_path / "direct.db"))
    direct.store(a)
    write_shard(str(tmp_path / "out"), "s1", [a])
    loaded = KnowledgeBase(str(tmp_path / "loaded.db"))
    load(loaded, str(tmp_path / "out"), dedupe=False)
    want, got = _dump(direct), _dump(loaded)
    assert all(want[t] for t in TABLES)  # every table has rows to compare
    assert got == want
    # and full-text search finds the loaded article (the store's triggers ran)
    assert loaded.conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts "
                               "MATCH 'harbour'").fetchone()[0] == 1
