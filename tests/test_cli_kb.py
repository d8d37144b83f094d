"""The knowledge-base commands through the CLI: ingest, search, show, stats, delete."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

ROOT = Path(__file__).resolve().parent.parent


def write_story(path: Path, headline: str, body: str) -> Path:
    """A small article in the newsstand layout (publication, headline, separator, body)."""
    path.write_text(f"Harbour Gazette\n\n{headline}\n\n-\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write_story(d / "a.txt", "Japan and US agree", "Officials in Tokyo said the zebrafish "
                "agreement with the U.S. was signed.")
    write_story(d / "b.txt", "Ceasefire talks", "Negotiators met in Oslo to discuss the "
                "ceasefire; North Korea's envoy attended.")
    return d


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, input=input)


def test_ingest_search_show_stats_delete(tmp_path, corpus):
    db = str(tmp_path / "kb.db")
    files = [str(corpus / "a.txt"), str(corpus / "b.txt")]
    r = run("ingest", "--no-analysis", "--db", db, *files)
    assert r.exit_code == 0, r.output
    assert "read 2, stored 2" in r.stderr
    r = run("ingest", "--no-analysis", "--db", db, *files)
    assert r.exit_code == 0 and "duplicates skipped 2" in r.stderr

    r = run("search", "zebrafish", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    hit = res["hits"][0]  # highlights are character offsets into the plain snippet
    assert res["total"] == 1 and [hit["snippet"][a:b] for a, b in hit["highlights"]] == [
        "zebrafish"] and not any(c in hit["snippet"] for c in "«»\x02\x03")
    assert set(res["facets"]) == {"publication", "country", "language", "actor", "month"}
    aid = res["hits"][0]["id"]

    r = run("search", "North Korea's", "--db", db)
    assert r.exit_code == 0 and "1 match" in r.stdout and "Oslo" in r.stdout

    r = run("show", aid[:10], "--db", db)
    assert r.exit_code == 0 and "zebrafish" in r.stdout and aid in r.stdout
    r = run("show", aid[:10], "--db", db, "--json")
    assert json.loads(r.stdout)["id"] == aid

    r = run("stats", "--db", db, "--json")
    st = json.loads(r.stdout)
    assert st["articles"] == 2 and st["runs"] == 2 and st["schema_version"] >= 2
    assert "articles" in run("stats", "--db", db).stdout

    r = run("delete", aid[:10], "--db", db)  # a prefix: asks, and nobody answers
    assert r.exit_code == 2 and "[E541]" in r.stderr and aid in r.stderr
    r = run("delete", aid[:10], "--db", db, input="n\n")
    assert r.exit_code == 2 and "[E541]" in r.stderr
    r = run("delete", aid[:10], "--db", db, input="y\n")
    assert r.exit_code == 0 and aid in r.stdout
    assert json.loads(run("search", "zebrafish", "--db", db, "--format", "json").stdout)[
        "total"] == 0


def test_errors_are_one_line_with_an_exit_status(tmp_path, corpus):
    db = str(tmp_path / "kb.db")
    r = run("search", "x", "--db", db)
    assert r.exit_code == 2 and "[E404]" in r.stderr and not Path(db).exists()
    run("ingest", "--no-analysis", "--db", db, str(corpus / "a.txt"))
    r = run("search", '"unterminated', "--fts", "--db", db)
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "[E502]" in r.stderr
    r = run("search", "--db", db, "--", "-Japan")
    assert r.exit_code == 2 and "[E501]" in r.stderr
    r = run("search", "Tokyo", "--since", "yesterday", "--db", db)
    assert r.exit_code == 2 and "[E505]" in r.stderr
    r = run("show", "nosuchid", "--db", db)
    assert r.exit_code == 2 and "[E504]" in r.stderr
    r = run("delete", "nosuchid", "--db", db)
    assert r.exit_code == 2 and "[E504]" in r.stderr


def test_failed_input_sets_exit_status_and_is_recorded(tmp_path, corpus):
    db = str(tmp_path / "kb.db")
    r = run("ingest", "--no-analysis", "--db", db, str(corpus / "a.txt"),
            str(corpus / "missing.txt"))
    assert r.exit_code == 1
    assert "missing.txt" in r.stderr and "failed 1" in r.stderr
    r = run("stats", "--db", db, "--json")
    assert json.loads(r.stdout)["errors"] == 1


def test_ingest_json_summary(tmp_path, corpus):
    r = run("ingest", "--no-analysis", "--json", "--db", str(tmp_path / "kb.db"),
            str(corpus / "a.txt"))
    s = json.loads(r.stdout)
    assert r.exit_code == 0 and (s["read"], s["stored"], s["failed"]) == (1, 1, 0)


def test_real_entry_point_prints_no_traceback(tmp_path, corpus):
    db = str(tmp_path / "kb.db")
    py = [sys.executable, "-m", "newsgraph"]
    subprocess.run(py + ["ingest", "--no-analysis", "-q", "--db", db, str(corpus / "a.txt")],
                   cwd=ROOT, check=True, capture_output=True)
    p = subprocess.run(py + ["search", "(a OR", "--fts", "--db", db], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.startswith("newsgraph: [E502]") and p.stderr.count("\n") == 1


def test_plain_progress_lines_off_a_terminal(capsys):
    from newsgraph.cli.kb import Reporter
    from newsgraph.ingest import IngestSummary

    rep = Reporter("ingest", total=10, every=0.0)
    assert rep.bar is None  # pytest's stderr is not a terminal
    rep(IngestSummary(read=3, stored=2, duplicates=1))
    err = capsys.readouterr().err
    assert err.startswith("ingest: 3 articles") and "stored 2" in err and "skipped 1" in err
