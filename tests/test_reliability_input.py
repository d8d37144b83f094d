"""Bad input never stops a batch and never gives a traceback: long articles, file names
and arguments that are not UTF-8, lone surrogates, FIFOs, closed standard input,
random bytes, wrong-typed fields, deeply nested pages, a full disk.

Every text here was written for these tests.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph import KnowledgeBase
from newsgraph.cli import app
from newsgraph.codes import CODES
from newsgraph.errors import NewsgraphError, QueryError
from newsgraph.ingest import ingest
from newsgraph.models import Analysis, Failure
from newsgraph.readers import ReadOptions, read_paths, read_text

ROOT = Path(__file__).resolve().parent.parent
BAD = os.fsdecode(b"caf\xe9")  # a name or argument with a byte that is not UTF-8

PARAGRAPHS = [
    "Harbour ministers agree on new port rules",
    "Japan and Australia signed a maritime agreement in Canberra on Monday, officials said.",
    '"This agreement keeps our sea lanes open," Foreign Minister Penny Wong told reporters.',
    "China criticised the agreement on Tuesday and accused both governments of provocation.",
    "The two governments will meet again in Tokyo next month to discuss fishing quotas.",
    '"We expect the talks to go well," a spokesman for the Japanese embassy said.',
    "Analysts said the deal would raise tensions in the region for some time.",
]
LONG_TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def _cli(*args: str):
    return CliRunner().invoke(app, list(args))


# -- 1. articles over the parser's limit ------------------------------------------

def test_split_text_cuts_at_paragraph_breaks_into_pieces_under_the_limit():
    from newsgraph.parse import split_text

    text = "\n\n".join(["word " * 30] * 12) + "tail"
    pieces = split_text(text, 400)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= 400 for a, b in pieces) and len(pieces) > 1
    assert all(text[a:b].endswith("\n\n") for a, b in pieces[:-1])
    # no paragraph, no line, no sentence, no space: cut at the limit, still the whole text
    solid = "x" * 1000
    cuts = split_text(solid, 300)
    assert "".join(solid[a:b] for a, b in cuts) == solid and len(cuts) == 4


@pytest.mark.model
def test_an_article_over_the_parser_limit_is_analysed_in_pieces_with_whole_text_offsets(
        monkeypatch):
    from newsgraph.parse import load_model, parse_many

    whole = newsgraph.analyze(LONG_TEXT, published="2024-05-06")
    monkeypatch.setattr(load_model().nlp, "max_length", 200)  # every paragraph a piece
    doc = next(parse_many([LONG_TEXT]))
    assert doc.text == LONG_TEXT
    pieces = newsgraph.analyze(LONG_TEXT, published="2024-05-06")
    text = pieces.article.text
    assert len(text) > 200
    for q in pieces.quotes:
        assert text[q.start:q.end] == q.text
    for e in pieces.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
    assert [q.to_dict() for q in pieces.quotes] == [q.to_dict() for q in whole.quotes]
    assert [e.to_dict() for e in pieces.events] == [e.to_dict() for e in whole.events]
    assert {a.id for a in pieces.actors} == {a.id for a in whole.actors}
    assert any(q.start > 200 for q in pieces.quotes)  # found beyond the first piece


@pytest.mark.model
def test_a_long_article_among_good_ones_is_stored_with_them(tmp_path, monkeypatch):
    from newsgraph.parse import load_model

    monkeypatch.setattr(load_model().nlp, "max_length", 300)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-long.txt").write_text(LONG_TEXT, encoding="utf-8")
    (src / "b-short.txt").write_text("Port talks\n\nJapan praised Australia on Monday.\n",
                                     encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        s = ingest(kb, [str(src)])
        assert (s.stored, s.failed) == (2, 0)


def test_a_failure_inside_a_corpus_names_its_record(tmp_path, monkeypatch):
    """The culprit is named, line and all, not the corpus file alone."""
    import newsgraph.pipeline as pipeline

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": f"r{i}", "text": f"Story {i} body text."})
                                for i in range(3)) + "\n", encoding="utf-8")

    def failing(article, doc, *, version=None):
        if article.id == "r1":
            raise ValueError("a stage broke")
        return Analysis(article, pipeline_version=version)

    monkeypatch.setattr(pipeline, "_parse", lambda arts, size: {id(a): object() for a in arts})
    monkeypatch.setattr(pipeline, "analyze_parsed", failing)
    out = list(pipeline.analyze_documents(read_paths([str(corpus)])))
    failures = [r for r in out if isinstance(r, Failure)]
    assert [f.where for f in failures] == [f"{corpus}:line 2"]
    assert len(out) == 3


# -- 3. file names that are not UTF-8 -----------------------------------------------

@pytest.fixture
def bad_name_folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        (folder / f"{BAD}.txt").write_text("Port talks\n\nJapan praised Australia.\n",
                                           encoding="utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system takes UTF-8 names only")
    (folder / "good.txt").write_text("Other talks\n\nChile praised Peru.\n", encoding="utf-8")
    return folder


def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(bad_name_folder,
                                                                          tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        s = ingest(kb, [str(bad_name_folder)], analysis=False)
        assert (s.stored, s.failed) == (2, 0)
        s = ingest(kb, [str(bad_name_folder / f"{BAD}.txt")], analysis=False)  # named alone
        assert s.duplicates == 1
        paths = {r[0] for r in kb.conn.execute("SELECT source_path FROM articles")}
        warnings = kb.conn.execute("SELECT warnings FROM articles WHERE source_path LIKE "
                                   "'%caf\\xe9.txt'").fetchone()[0]
    assert str(bad_name_folder / "caf\\xe9.txt") in paths
    assert "[W104]" in warnings


def test_batch_runs_a_shard_with_a_name_that_is_not_utf8(bad_name_folder, tmp_path):
    pytest.importorskip("pyarrow")
    from newsgraph.pipeline import Settings
    from newsgraph.scale.batch import BatchOptions, plan_shards, run_shard

    shards = plan_shards([str(bad_name_folder)])
    opts = BatchOptions(settings=Settings(english_stages=False), signatures=False)
    meta = run_shard(shards[0], str(tmp_path / "out"), opts)
    assert (meta["n_articles"], meta["n_failed"]) == (2, 0)
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        assert newsgraph.ingest.load(kb, str(tmp_path / "out")).n_articles == 2


def test_a_missing_file_whose_name_is_not_utf8_is_one_line(tmp_path):
    r = _cli("ingest", str(tmp_path / f"{BAD}.txt"), "--db", str(tmp_path / "kb.db"))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code == 1 and "caf\\xe9.txt: [E101]" in r.output


# -- 4. lone surrogates --------------------------------------------------------------

def test_lone_surrogates_in_a_corpus_are_replaced_with_a_warning(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s1", "text": "Japan and Australia\\ud800 resumed talks.", '
                      '"headline": "Talks \\udfff resume"}\n'
                      '{"id": "s2\\ud801", "text": "Chile praised Peru."}\n', encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        s = ingest(kb, [str(corpus)], analysis=False)
        assert (s.stored, s.failed) == (2, 0)
        rows = kb.conn.execute("SELECT id, text, headline, warnings FROM articles ORDER BY id"
                               ).fetchall()
    assert "Japan and Australia\ufffd resumed talks." in rows[0]["text"]
    assert rows[0]["headline"] == "Talks \ufffd resume"
    assert rows[1]["id"] == "s2\ufffd"
    assert all("[W105]" in r["warnings"] for r in rows)


def test_read_text_and_analyze_take_lone_surrogates():
    doc = read_text("Japan\ud800 and Australia resumed talks.")
    assert "\ud800" not in doc.content and any("[W105]" in w for w in doc.warnings)


@pytest.mark.model
def test_analyze_takes_lone_surrogates():
    a = newsgraph.analyze("Talks\n\nJapan\ud800 and Australia resumed talks on Monday.")
    assert "\ufffd" in a.article.text


def test_queries_refuse_lone_surrogates_with_a_code(tmp_path):
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        for call in (lambda: kb.search("Japan\ud800", fts=True), lambda: kb.search("x\udcff"),
                     lambda: kb.events(source="US\ud800"), lambda: kb.article("ab\udcff"),
                     lambda: kb.actor("x\ud800"), lambda: kb.actors(name="x\ud800")):
            with pytest.raises(QueryError) as err:
                call()
            assert err.value.code == "E509"


# -- 6. the public API and the CLI's arguments --------------------------------------

@pytest.mark.parametrize("text", ["x" * 300 + ".txt", "a\x00b.html", "/" * 5000 + ".txt"])
def test_analyze_never_takes_a_long_line_for_a_path(text, monkeypatch):
    import newsgraph.pipeline as pipeline

    seen = []
    monkeypatch.setattr(pipeline, "analyze_documents",
                        lambda docs, settings=None: seen.extend(docs) or [Analysis(None)])
    newsgraph.analyze(text)  # no OSError: File name too long, no ValueError
    assert len(seen) == 1


COMMANDS = [("search", "--fts", BAD), ("search", BAD), ("show", BAD), ("actor", BAD),
            ("quotes", "--by", BAD), ("events", "--source", BAD), ("dyad", BAD, "USA"),
            ("search", "--publication", BAD, "talks"), ("actors", "--name", BAD),
            ("delete", BAD), ("events", "--since", BAD), ("quotes", "--about", BAD)]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a).replace(BAD, "BAD"))
def test_an_argument_that_is_not_utf8_is_one_coded_line(args, tmp_path):
    db = tmp_path / "kb.db"
    KnowledgeBase(db).close()
    r = _cli(*args, "--db", str(db))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code == 2
    assert "[E509]" in r.output and "caf\\xe9" in r.output


def test_delete_of_the_last_code_point_is_no_such_article(tmp_path):
    db = tmp_path / "kb.db"
    KnowledgeBase(db).close()
    r = _cli("delete", "\U0010ffff", "--db", str(db))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "[E504]" in r.output
    with KnowledgeBase(db) as kb:
        assert kb.resolve_id("ab\U0010ffff") is None and kb.resolve_id("\ud7ff") is None


# -- 8. one line where a traceback was ---------------------------------------------

def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, **kw)


def test_ingest_from_a_closed_standard_input_is_one_line(tmp_path):
    p = _run(["ingest", "-", "--no-analysis", "--db", str(tmp_path / "kb.db")],
             stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert "Traceback" not in p.stderr
    assert "<stdin>: [E101] standard input is closed" in p.stderr and p.returncode == 1


def test_a_full_disk_is_one_line_and_what_was_committed_stays(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(300):
        (src / f"s{i:03d}.txt").write_text(f"Story {i}\n\n" + f"Port item {i} was agreed. " * 40,
                                           encoding="utf-8")
    db = tmp_path / "kb.db"

    def small_disk() -> None:  # the file may grow to 1.5 MB: then every write fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_500_000, 1_500_000))

    p = _run(["ingest", str(src), "--no-analysis", "--batch-size", "20", "--db", str(db)],
             preexec_fn=small_disk)
    assert "Traceback" not in p.stderr, p.stderr[-2000:]
    assert "[E406] cannot write to the knowledge base" in p.stderr and p.returncode == 2
    with KnowledgeBase(db) as kb:
        n = kb.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert kb.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert 0 < n < 300
        assert ingest(kb, [str(src)], analysis=False).stored == 300 - n  # a rerun does the rest


def test_a_dask_cluster_that_cannot_start_is_one_line(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import newsgraph.scale.batch as batch

    (tmp_path / "a.txt").write_text("Talks\n\nJapan praised Australia.\n", encoding="utf-8")

    def broken(n):
        raise RuntimeError("Nanny failed to start.")

    monkeypatch.setattr(batch, "make_local_cluster", broken)
    r = _cli("batch", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "[E614] cannot start or reach a local Dask cluster" in r.output and r.exit_code == 1


# -- 9. smaller ones -----------------------------------------------------------------

def test_a_fifo_in_a_folder_is_reported_and_the_folder_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "story.txt").write_text("Talks\n\nJapan praised Australia.\n", encoding="utf-8")
    p = _run(["ingest", str(folder), "--no-analysis", "--db", str(tmp_path / "kb.db")])
    assert "pipe.txt: [E101] a FIFO (named pipe) in a folder" in p.stderr
    assert "stored 1" in p.stderr


@pytest.mark.model
def test_a_page_nested_deeper_than_the_html_parser_limit_keeps_its_text(tmp_path):
    body = "<p>" + "Japan and Australia resumed their port talks in Canberra on Monday. " * 4
    page = ("<html><head><title>Deep page</title></head><body>" + "<div>" * 300 + body +
            "</p>" + "</div>" * 300 + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    a = newsgraph.analyze_file(path)
    assert "resumed their port talks" in a.article.text


def test_random_high_bytes_are_refused_and_western_text_is_still_read(tmp_path):
    import random

    rnd = random.Random(7)
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(rnd.randrange(0x80, 0x100) for _ in range(20_000)))
    french = tmp_path / "french.txt"
    french.write_bytes("Titre\n\nLe ministre a déclaré que les négociations reprendront à "
                       "Genève.\n".encode("cp1252"))
    out = {Path(r.where if isinstance(r, Failure) else r.source.path).name: r
           for r in read_paths([str(noise), str(french)])}
    assert isinstance(out["noise.txt"], Failure) and out["noise.txt"].code == "E115"
    assert "négociations" in out["french.txt"].content
    assert any("[W101]" in w for w in out["french.txt"].warnings)


def test_text_in_a_legacy_code_page_of_another_script_is_read(tmp_path):
    greek = tmp_path / "greek.txt"
    greek.write_bytes(("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας. " * 5)
                      .encode("cp1253"))
    russian = tmp_path / "russian.txt"
    russian.write_bytes(("Правительство объявило сегодня новые меры по экономике страны. " * 5)
                        .encode("cp1251"))
    for path, word in ((greek, "κυβέρνηση"), (russian, "Правительство")):
        (doc,) = read_paths([str(path)])
        assert not isinstance(doc, Failure), doc
        assert word in doc.content and any("[W101]" in w for w in doc.warnings)


def test_fields_of_the_wrong_type_are_ignored_with_a_warning_not_stored_as_reprs(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "t1", "text": "Chile praised Peru on Monday.",
                                  "publication": ["Port News"], "headline": {"a": 1},
                                  "url": True, "country": 7}) + "\n", encoding="utf-8")
    (doc,) = read_paths([str(corpus)])
    assert "publication" not in doc.meta and "headline" not in doc.meta and "url" not in doc.meta
    assert doc.meta["country"] == "7"
    assert sum("[W106]" in w for w in doc.warnings) == 3
    side = tmp_path / "story.txt"
    side.write_text("Talks\n\nChile praised Peru.\n", encoding="utf-8")
    (tmp_path / "story.json").write_text(json.dumps({"publication": ["x"]}), encoding="utf-8")
    (doc,) = read_paths([str(side)])
    assert "publication" not in doc.meta and any("[W106]" in w for w in doc.warnings)


def test_serve_on_a_missing_knowledge_base_says_e404(tmp_path):
    r = _cli("serve", "--db", str(tmp_path / "none.db"))
    assert r.exit_code == 2 and "[E404]" in r.output and "[E410]" not in r.output


# -- 10. install ---------------------------------------------------------------------

def test_the_html_cleaner_trafilatura_needs_is_a_direct_dependency():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [d.split(">")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_")
             for d in meta["project"]["dependencies"]]
    assert "lxml_html_clean" in names
    import lxml_html_clean  # noqa: F401  (installed with newsgraph)


def test_every_new_code_is_in_the_catalogue():
    for code in ("E115", "E406", "E509", "E513", "E514", "E614", "W104", "W105", "W106", "W601"):
        assert code in CODES
    assert "link" in CODES["E410"] and "serve" not in CODES["E410"]

