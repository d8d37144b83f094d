"""``newsgraph watch`` and ``newsgraph sources`` through the CLI, and a watcher killed
with SIGKILL in the middle of a cycle: the rerun stores each article once and does
not fetch again what was stored."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from watch_server import LocalWeb, news_site

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def web():
    with LocalWeb() as w:
        yield w


def _opts(web: LocalWeb) -> list[str]:
    return ["--proxy", web.proxy, "--delay", "0", "--timeout", "2", "--retries", "0"]


def test_watch_once_then_sources(tmp_path, web):
    news_site(web, "harbour.example.com", ["/a/1.html", "/a/2.html"])
    sources = tmp_path / "sources.txt"
    sources.write_text("http://harbour.example.com/feed.xml  Harbour Courier  AU\n"
                       "http://gone.example.com/feed.xml\n")
    db = str(tmp_path / "news.db")
    res = run("watch", str(sources), "--db", db, "--once", "--no-analysis", "--json",
              *_opts(web))
    assert res.exit_code == 1  # a source failed; the other was read
    cycle = json.loads(res.stdout.strip().splitlines()[-1])
    assert (cycle["stored"], cycle["failed_sources"], cycle["sources"]) == (2, 1, 2)
    assert "http://gone.example.com/feed.xml: [E710] HTTP 404" in res.stderr
    assert "watch: cycle 1: 2 sources (1 failed" in res.stderr
    res = run("sources", "--db", db, "--format", "json")
    listed = json.loads(res.stdout)
    rows = {r["url"]: r for r in listed["items"]}
    assert listed["total"] == 2
    assert rows["http://harbour.example.com/feed.xml"]["stored"] == 2
    assert rows["http://gone.example.com/feed.xml"]["last_error_code"] == "E710"
    text = run("sources", "--db", db).stdout
    assert "harbour.example.com/feed.xml" in text and "E710" in text
    # every source working: exit 0
    sources.write_text("http://harbour.example.com/feed.xml  Harbour Courier  AU\n")
    assert run("watch", str(sources), "--db", db, "--once", "-q", *_opts(web)).exit_code == 0


def test_watch_bad_input_is_one_line(tmp_path):
    db = str(tmp_path / "news.db")
    res = run("watch", str(tmp_path / "missing.txt"), "--db", db, "--once")
    assert res.exit_code == 1 and "[E702]" in res.stderr and "Traceback" not in res.stderr
    sources = tmp_path / "s.txt"
    sources.write_text("http://harbour.example.com/feed.xml\n")
    res = run("watch", str(sources), "--db", db, "--every", "15")
    assert res.exit_code == 2 and "[E703]" in res.stderr
    res = run("sources", "--db", str(tmp_path / "none.db"))
    assert res.exit_code == 2 and "[E404]" in res.stderr


def _articles(db: Path) -> list[str]:
    """Stored articles' URLs, read from another connection (none while there is no table)."""
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return [r[0] for r in conn.execute("SELECT source_path FROM articles")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def test_sigkill_mid_cycle_then_rerun_stores_each_article_once(tmp_path, web):
    n = 60
    urls = news_site(web, "harbour.example.com", [f"/p/{i}.html" for i in range(n)])
    for u in urls:
        web.routes[u].delay = 0.05  # 60 pages, 2 at a time: at least 1.5 s of fetching
    sources = tmp_path / "sources.txt"
    sources.write_text("http://harbour.example.com/feed.xml\n")
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-m", "newsgraph", "watch", str(sources), "--db", str(db), "--once",
           "--no-analysis", "--quiet", "--batch-size", "5", "--per-host", "2", *_opts(web)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if len(_articles(db)) >= 10:  # some batches committed, most pages still to come
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    before = _articles(db)
    assert 0 < len(before) < n  # killed mid-cycle, with batches committed
    hits = {u: web.count(u) for u in urls}

    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    after = _articles(db)
    assert len(after) == len(set(after)) == n  # each article once, none lost
    assert set(after) == set(urls)
    # what was stored before the kill was not fetched again
    assert all(web.count(u) == hits[u] == 1 for u in before)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        status = dict(conn.execute("SELECT status, count(*) FROM watch_urls GROUP BY status"))
        assert status == {"stored": n}
    finally:
        conn.close()
