"""ingest_items: idempotent, replaces changed records, records runs and failures."""

from __future__ import annotations

from newsgraph.models import Analysis, Failure
from newsgraph import KnowledgeBase
from newsgraph.ingest import count_documents, ingest_items
from store_helpers import make_analysis, make_article


def B(tag: str) -> str:
    return f"The United States and Japan agreed, Mr Tanaka said of the {tag} version."


def _n(kb, table="articles"):
    return kb.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_same_content_twice_adds_nothing(tmp_path):
    items = [make_analysis(B(f"item {i}"), path=f"in/{i}.txt") for i in range(7)]
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        s = ingest_items(kb, items, batch_size=3)
        assert (s.read, s.stored, s.duplicates, s.failed, s.ok) == (7, 7, 0, 0, True)
        s = ingest_items(kb, items + items[:2], batch_size=3)
        assert (s.read, s.stored, s.duplicates) == (9, 0, 9)
        assert _n(kb) == 7 and _n(kb, "events") == 7


def test_changed_file_replaces_its_record(tmp_path):
    old = make_analysis(B("first version"), path="in/story.txt")
    new = make_analysis(B("second version"), path="in/story.txt")
    assert old.id != new.id  # file ids are content hashes
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        ingest_items(kb, [old])
        s = ingest_items(kb, [new])
        assert (s.stored, s.replaced) == (1, 1)
        assert _n(kb) == 1 and kb.article(new.id) and kb.article(old.id) is None
        assert kb.search("first").total == 0 and kb.search("second").total == 1
        assert _n(kb, "events") == 1 and _n(kb, "mentions") == 3


def test_changed_record_with_same_id_replaces_it(tmp_path):
    a = make_analysis(B("v1"), id="rec-1", path="corpus.jsonl", record=1)
    b = make_analysis(B("v2"), id="rec-1", path="corpus.jsonl", record=1)
    c = make_analysis(B("other"), id="rec-2", path="corpus.jsonl", record=2)
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        ingest_items(kb, [a, c])
        s = ingest_items(kb, [b, c])
        assert (s.stored, s.replaced, s.duplicates) == (1, 1, 1)
        assert _n(kb) == 2 and kb.article("rec-1").article.text.endswith("v2 version.")


def test_failures_are_recorded_and_the_batch_goes_on(tmp_path):
    seen = []
    items = [make_analysis(B("one"), path="in/1.txt"),
             Failure("in/bad.jsonl:line 3", "E120", "malformed JSON record"),
             make_analysis(B("two"), path="in/2.txt")]
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        s = ingest_items(kb, items, on_failure=seen.append, args={"paths": ["in"]})
        assert (s.read, s.stored, s.failed, s.ok) == (3, 2, 1, False)
        assert [str(f) for f in seen] == ["in/bad.jsonl:line 3: [E120] malformed JSON record"]
        err = kb.errors()[0]
        assert (err.run_id, err.location, err.code) == (s.run_id, "in/bad.jsonl:line 3", "E120")
        run = kb.conn.execute("SELECT * FROM runs WHERE id = ?", (s.run_id,)).fetchone()
        assert (run["n_read"], run["n_stored"], run["n_failed"]) == (3, 2, 1)
        assert run["finished_at"] and run["command"] == "ingest"


def test_a_reader_that_dies_is_recorded_not_raised(tmp_path):
    def items():
        yield make_analysis(B("one"))
        raise OSError("disk went away")

    with KnowledgeBase(tmp_path / "kb.db") as kb:
        s = ingest_items(kb, items())
        assert (s.stored, s.failed) == (1, 1)
        assert "disk went away" in kb.errors()[0].message


def test_clean_only_articles_have_no_pipeline_version(tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        ingest_items(kb, [Analysis(make_article("Japan agreed."))])  # no pipeline version
        rec = kb.conn.execute("SELECT pipeline_version, analysed_at FROM articles").fetchone()
        assert tuple(rec) == (None, None)


def test_progress_is_reported(tmp_path):
    calls = []
    items = [make_analysis(B(f"{i}"), path=f"in/{i}.txt") for i in range(5)]
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        ingest_items(kb, items, batch_size=2, on_progress=lambda s: calls.append(s.read))
    assert calls[:5] == [1, 2, 3, 4, 5] and calls[-1] == 5


def test_count_documents(tmp_path):
    (tmp_path / "d").mkdir()
    for i in range(3):
        (tmp_path / "d" / f"{i}.txt").write_text("x")
    (tmp_path / "c.jsonl").write_text('{"id": 1}\n{"id": 2}\n')
    import gzip
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as fh:
        fh.write('{"id": 1}\n' * 4)
    paths = [str(tmp_path / "d"), str(tmp_path / "c.jsonl"), str(tmp_path / "c.jsonl.gz")]
    assert count_documents(paths) == 3 + 2 + 4
    assert count_documents(["-"]) is None


def test_changed_file_named_another_way_replaces_its_record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = make_analysis(B("first version"), path="in/story.txt")
    new = make_analysis(B("second version"), path=str(tmp_path / "in" / "story.txt"))
    newer = make_analysis(B("third version"), path="./in/../in/story.txt")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        ingest_items(kb, [old])
        assert ingest_items(kb, [new]).replaced == 1
        assert ingest_items(kb, [newer]).replaced == 1
        assert _n(kb) == 1 and kb.search("third").total == 1
