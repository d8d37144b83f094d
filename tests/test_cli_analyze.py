"""`newsgraph analyze` and `newsgraph report` through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BEST = EXAMPLES / "newsstand" / "harbour-courier-japan-australia.txt"


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "newsgraph", *map(str, args)], cwd=ROOT,
                          input=stdin, capture_output=True, timeout=600)


def test_bad_inputs_are_one_line_each_and_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": \n{"id": "y"}\n', encoding="utf-8")
    (tmp_path / "nocol.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    (tmp_path / "nothing.html").write_text("<html><body><nav>Home</nav></body></html>",
                                           encoding="utf-8")
    p = run("analyze", tmp_path)
    assert p.returncode == 1
    assert p.stdout == b""
    lines = p.stderr.decode().strip().splitlines()
    assert len(lines) == 7, lines
    by_code = {ln.split("[")[1][:4]: ln for ln in lines[:-1]}
    assert set(by_code) == {"E102", "E103", "E106", "E107", "E108", "E201"}
    assert "bad.jsonl:line 1" in by_code["E106"] and "bad.jsonl:line 2" in by_code["E107"]
    assert "empty.txt" in by_code["E102"] and "nothing.html" in by_code["E201"]
    assert lines[-1] == "6 input(s) failed"


def test_bad_options_are_usage_errors(tmp_path):
    assert run("analyze", BEST, "--format", "xml").returncode == 2
    assert run("analyze", BEST, "--date", "08/01/2022").returncode == 2


@pytest.mark.model
def test_analyze_examples_jsonl_and_json():
    p = run("analyze", EXAMPLES, "--date", "2024-01-01")
    assert p.returncode == 0, p.stderr.decode()
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert len(recs) == 11
    for r in recs:
        for key in ("id", "source", "publication", "language", "country", "published",
                    "headline", "deck", "byline", "dateline", "text", "paragraphs", "captions",
                    "times", "actors", "quotes", "events", "warnings"):
            assert key in r
        assert r["published"]
        for c in r["captions"]:
            assert r["text"][c["start"]:c["end"]] == c["text"]
    by_id = {r["id"]: r for r in recs}
    assert by_id["brief-005"]["language"] == "es"
    assert any("[W201]" in w for w in by_id["brief-005"]["warnings"])
    news = next(r for r in recs if r["source"]["path"].endswith("harbour-courier-japan-australia.txt"))
    assert (news["country"], news["dateline"], news["byline"]) == ("NZ", "TOKYO", "Mei Tanaka")
    assert news["published"] == "2024-03-09" and news["origin"]["published"] == "sidecar"

    p = run("analyze", EXAMPLES / "corpus" / "briefs.csv", "--format", "json")
    assert p.returncode == 0
    assert [r["id"] for r in json.loads(p.stdout)] == ["wire-101", "wire-102", "wire-103"]


@pytest.mark.model
def test_analyze_stdin_and_report_html(tmp_path):
    p = run("analyze", "-", "--input-format", "newsstand", stdin=BEST.read_bytes())
    assert p.returncode == 0, p.stderr.decode()
    (rec,) = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert rec["source"]["path"] is None and rec["headline"].startswith("Japan and Australia")
    out = tmp_path / "report.html"
    p = run("report", BEST, "--html", out)
    assert p.returncode == 0, p.stderr.decode()
    page = out.read_text(encoding="utf-8")
    assert "Japan and Australia pledge closer defence ties" in page and "TOKYO" in page
    p = run("report", BEST)
    assert p.returncode == 0 and b"Mei Tanaka" in p.stdout
