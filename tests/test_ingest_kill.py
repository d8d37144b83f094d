"""SIGKILL at any moment leaves a valid knowledge base, loses nothing committed,
and a rerun finishes the job without duplicates (a real process, really killed)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store_helpers import committed

ROOT = Path(__file__).resolve().parent.parent
N = 600


def _check_valid(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        n, distinct = conn.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone()
        assert n == distinct  # never the same content twice
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == n
        return n
    finally:
        conn.close()


def _start(db: Path, files: list[str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", "--no-analysis", "--quiet",
           "--batch-size", "20", "--db", str(db), *files]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_at_several_points_then_rerun(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    files = []
    for i in range(N):
        p = src / f"story-{i:04d}.txt"
        p.write_text(f"Harbour Gazette\n\nStory number {i}\n\n-\n\nOfficials met for the "
                     f"{i}th time to discuss item q{i}x and the harbour.\n", encoding="utf-8")
        files.append(str(p))
    db = tmp_path / "kb.db"

    # Kill points: right after start (during start-up or migration), then once some
    # batches have committed, then late in a resumed run.
    for threshold in (None, 60, 400):
        proc = _start(db, files)
        seen = 0
        if threshold is None:
            time.sleep(0.3)
        else:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:
                n = committed(db)
                if n is not None:
                    seen = max(seen, n)
                    if n >= threshold:
                        break
                time.sleep(0.005)
        finished = proc.poll() is not None
        os.kill(proc.pid, signal.SIGKILL) if not finished else None
        proc.wait()
        if db.exists() and committed(db) is not None:
            after = _check_valid(db)
            assert after >= seen, f"committed articles lost: saw {seen}, {after} after the kill"
        if threshold is not None:
            assert finished or seen >= threshold

    proc = _start(db, files)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert _check_valid(db) == N
    conn = sqlite3.connect(db)
    hits = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                        (f"q{N - 1}x",)).fetchone()[0]
    runs = conn.execute("SELECT count(*) FROM runs").fetchone()[0]
    conn.close()
    assert hits == 1 and runs >= 2
