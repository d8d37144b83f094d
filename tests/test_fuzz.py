"""Fuzzing (hypothesis): the readers and the cleaner, ``analyze``/``analyze_file``, the
search syntax and raw FTS5 queries, the explorer's URLs and the CLI's arguments.  Any
input gives a result or one of newsgraph's own coded errors: never another exception.

Bounded for CI (a fixed set of examples, a few seconds each).  ``NEWSGRAPH_FUZZ=N`` runs
N new random examples per test instead (``benchmarks/audit.py`` does so).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import newsgraph
from newsgraph import KnowledgeBase
from newsgraph.cli import app
from newsgraph.codes import CODES
from newsgraph.errors import NewsgraphError, QueryError
from newsgraph.ingest import ingest_items
from newsgraph.models import Analysis, Failure
from newsgraph.pipeline import Settings, analyze_documents
from newsgraph.query.syntax import compile_query
from newsgraph.readers import read_paths

from webkb import build_kb

_RUNS = int(os.environ.get("NEWSGRAPH_FUZZ", "0"))


def bounded(examples: int):
    """``examples`` fixed examples in CI; ``NEWSGRAPH_FUZZ`` random ones when asked."""
    return settings(max_examples=_RUNS or examples, derandomize=not _RUNS, deadline=None,
                    database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


#: Any code point, lone surrogates and controls included, and more often the
#: characters that break programs (surrogates, NUL, BOM, bidi, the last code point).
ANY_CHAR = st.characters(codec=None, categories=None) | st.sampled_from(
    list("\ud800\udfff\udcff\x00\x1b\ufeff\u202e\u0301\uffff\U0010ffff\r\n\t\"'\\<>&%*-:()^"))
#: Text people and programs send: mostly words, with hostile characters mixed in.
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(st.sampled_from(["Japan", "China", "talks", "said", '"', "*", "-", "OR", "NOT",
                              "AND", "NEAR", "(", ")", ":", "^", "\\", "'", "\u00e9", "\ud800",
                              "\U0010ffff", "\x00", "\n", " ", "headline", "{", "}", "..",
                              "/", "%2F", "<script>", "a" * 300]),
             max_size=40).map(" ".join),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(ANY_CHAR),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8)
_FIELD = st.text(ANY_CHAR, min_size=1, max_size=300) | JSON_VALUES
_MOSTLY_TEXT = st.one_of(st.text(ANY_CHAR, min_size=1, max_size=300), TEXTS, JSON_VALUES)
RECORDS = st.fixed_dictionaries({"id": _MOSTLY_TEXT, "text": _MOSTLY_TEXT}, optional={
    k: _FIELD for k in ("headline", "publication", "published", "url", "language", "country",
                        "byline", "other")})


def _coded(item) -> None:
    if isinstance(item, Failure):
        assert item.code in CODES, item
        assert item.code != "E299", item  # the cleaner itself failed: a bug
        str(item).encode("utf-8")  # printable


def _read_clean_store(tmp: Path, name: str, data: bytes) -> None:
    """Read, clean and store one file: failures are coded, the rest is stored."""
    folder = tmp / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    path = folder / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = list(analyze_documents(read_paths([str(path)]),
                                   settings=Settings(english_stages=False)))
    for item in items:
        _coded(item)
    with KnowledgeBase(tmp / "kb.db") as kb:
        s = ingest_items(kb, items)
        assert s.read == len(items)


# -- readers and cleaner ---------------------------------------------------------------

@bounded(40)
@given(data=st.binary(max_size=3000) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
       name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.csv", "a.json", "a.txt.gz",
                             "a.jsonl.gz", "a.htm", "a.text"]))
def test_fuzz_readers_and_cleaner_on_any_bytes(tmp_path_factory, data, name):
    _read_clean_store(tmp_path_factory.mktemp("fz"), name, data)


@bounded(40)
@given(records=st.lists(RECORDS, max_size=4))
def test_fuzz_corpus_records_of_any_shape(tmp_path_factory, records):
    lines = [json.dumps(r, ensure_ascii=True, allow_nan=True) for r in records]
    _read_clean_store(tmp_path_factory.mktemp("fz"), "c.jsonl", "\n".join(lines).encode())


@bounded(25)
@given(markup=st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<figure>",
                                        "<figcaption>", "</figure>", "<script>", "<!--",
                                        "<meta charset='x-unknown'>", "<title>", "</title>",
                                        "<html lang='\ud800'>", "&#0;", "&#xD800;",
                                        "Japan and Australia resumed port talks on Monday. "]),
                       max_size=80).map("".join))
def test_fuzz_html_pages(tmp_path_factory, markup):
    _read_clean_store(tmp_path_factory.mktemp("fz"), "p.html",
                      ("<html><body>" + markup).encode("utf-8", "surrogatepass"))


# -- analyze -------------------------------------------------------------------------------

@pytest.mark.model
@bounded(40)
@given(text=TEXTS | st.from_regex(r"\A[\w./\\-]{0,4000}\.(txt|html|jsonl|csv|json|gz)\Z"))
def test_fuzz_analyze(text):
    try:
        a = newsgraph.analyze(text)
    except NewsgraphError as exc:
        assert exc.code in CODES
        return
    assert isinstance(a, Analysis)
    for q in a.quotes:
        assert a.article.text[q.start:q.end] == q.text


@pytest.mark.model
@bounded(20)
@given(data=st.binary(max_size=2000), name=st.sampled_from(["a.txt", "a.html", "a.jsonl"]))
def test_fuzz_analyze_file(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("fz") / name
    path.write_bytes(data)
    try:
        newsgraph.analyze_file(path)
    except NewsgraphError as exc:
        assert exc.code in CODES


# -- queries ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb_path(tmp_path_factory) -> Path:
    return build_kb(tmp_path_factory.mktemp("fzkb") / "kb.db")


@bounded(150)
@given(query=TEXTS)
def test_fuzz_search_syntax_compiles_to_fts5_that_runs(query):
    try:
        expr = compile_query(query)
    except QueryError as exc:
        assert exc.code in ("E501", "E509", "E513")
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    conn.execute("INSERT INTO t VALUES ('Japan and China held talks')")
    conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()


@bounded(80)
@given(query=TEXTS, fts=st.booleans(), since=st.none() | TEXTS,
       publication=st.none() | TEXTS, actor=st.none() | TEXTS)
def test_fuzz_knowledge_base_search(kb_path, query, fts, since, publication, actor):
    with KnowledgeBase(kb_path, readonly=True) as kb:
        try:
            kb.search(query, fts=fts, since=since, publication=publication, actor=actor)
        except QueryError as exc:
            assert exc.code in CODES


@bounded(60)
@given(path=st.sampled_from(["/search", "/search.json", "/articles/", "/actors/", "/dyads/NOR/",
                             "/network", "/network.json", "/", "/static/"]),
       tail=TEXTS, q=TEXTS, page=TEXTS)
def test_fuzz_explorer_urls(kb_path, path, tail, q, page):
    from urllib.parse import quote

    pytest.importorskip("starlette")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from newsgraph.web import create_app

    client = _CLIENTS.setdefault(str(kb_path), TestClient(create_app(kb_path)))
    url = path + (quote(tail.encode("utf-8", "surrogatepass"), safe="")
                  if path.endswith("/") and path != "/" else "")
    raw = {"q": q, "page": page, "since": page, "actor": tail}
    r = client.get(url, params={k: v.encode("utf-8", "surrogatepass") for k, v in raw.items()})
    assert r.status_code in (200, 400, 404), (url, r.status_code, r.text[:300])
    if r.status_code != 200 and url.endswith(".json"):
        assert r.json()["error"]["code"] in CODES


_CLIENTS: dict = {}


# -- the CLI's arguments -----------------------------------------------------------------------

#: The commands over a knowledge base (``analyze`` is fuzzed through the API above: a
#: random argument could name a folder to walk).
COMMANDS = ["search", "show", "actor", "actors", "quotes", "events", "dyad", "stats", "delete",
            "link", "export"]
# Values as Python receives them: a byte that is not UTF-8 arrives escaped (surrogateescape).
VALUES = st.one_of(TEXTS, st.binary(max_size=20).map(os.fsdecode),
                   st.tuples(st.text(max_size=8), st.binary(min_size=1, max_size=3)).map(
                       lambda tb: tb[0] + os.fsdecode(bytes(0x80 | b for b in tb[1]))),
                   st.sampled_from(["USA", "CHN", "NOR", "2023", "2023-13", "-1", "0", "ACCUSE",
                                    "fx-pact", "person:ingrid-dahl", "graphml", "x.graphml"]))


@st.composite
def command_lines(draw) -> list[str]:
    """A command with its arguments and some of its options, each given a value (as the
    command's own parameters say), or now and then any words at all."""
    import click
    import typer

    name = draw(st.sampled_from(COMMANDS))
    cmd = typer.main.get_command(app).commands[name]
    if draw(st.integers(0, 9)) == 0:
        return [name, *draw(st.lists(VALUES, max_size=5))]
    argv = [name]
    for p in cmd.params:
        if isinstance(p, click.Argument):
            n = p.nargs if p.nargs > 0 else draw(st.integers(0, 2))
            argv += draw(st.lists(VALUES, min_size=n, max_size=n))
    options = [p for p in cmd.params if isinstance(p, click.Option) and p.name != "db"
               and p.opts[0] not in ("--out", "--output", "--events-parquet")]
    for p in draw(st.lists(st.sampled_from(options), max_size=4, unique_by=id)) if options else []:
        argv.append(p.opts[0])
        if not p.is_flag:
            argv.append(draw(VALUES))
    return argv


@bounded(80)
@given(argv=command_lines())
def test_fuzz_cli_arguments(tmp_path_factory, kb_path, argv):
    db = tmp_path_factory.mktemp("cli") / "kb.db"
    shutil.copy(kb_path, db)
    argv = [*argv, "--db", str(db)]
    r = CliRunner().invoke(app, argv, input="")
    assert r.exception is None or isinstance(r.exception, SystemExit), (argv, r.exception)
    assert r.exit_code in (0, 1, 2), (argv, r.exit_code, r.output[-500:])
