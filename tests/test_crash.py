"""The crash test: SIGKILL an `ingest -w 2` at a random moment; the knowledge base stays
valid, a rerun gives the clean run's counts, and no process of the killed run (workers,
forkserver, resource tracker) is alive 10 s later."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph import KnowledgeBase
from newsgraph.ingest import ingest

from scale_corpus import write_corpus
from store_helpers import committed

ROOT = Path(__file__).resolve().parent.parent
N = 320
TABLES = ("articles", "article_actors", "mentions", "quotes", "events", "event_actors")

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")]


def group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, command) of the live processes of process group ``pgid`` (zombies excluded)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")[:120]
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            out.append((int(entry), cmd))
    return out


def outlived(pgid: int, grace: float, poll: float = 0.25) -> list[tuple[int, str]]:
    """The members of process group ``pgid`` still alive ``grace`` seconds on (its leader just
    killed); each is then killed, so that none outlives the caller."""
    deadline = time.monotonic() + grace
    while (left := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(poll)
    for pid, _ in left:
        os.kill(pid, signal.SIGKILL)
    return left


def counts(db: Path) -> dict[str, int]:
    with KnowledgeBase(db) as kb:
        return {t: kb.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_sigkill_of_ingest_with_two_workers_leaves_nothing_behind(tmp_path):
    src = tmp_path / "in"
    write_corpus(src, N)
    with KnowledgeBase(tmp_path / "clean.db") as kb:
        assert ingest(kb, [str(src)], workers=1).stored == N
    clean = counts(tmp_path / "clean.db")

    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    target = rnd.randrange(0, N // 2)  # killed once this many articles are committed
    delay = rnd.uniform(0.0, 0.5)  # and a moment more: mid-batch, mid-commit, anywhere
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "ingest", str(src), "-w", "2", "--batch-size", "10",
         "--quiet", "--db", str(db)], cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    while ((committed(db) or 0) < target or len(group_members(proc.pid)) < 4) \
            and proc.poll() is None and time.monotonic() - start < 120:
        time.sleep(0.05)  # the parent, the resource tracker, the forkserver, a worker
    time.sleep(delay)
    members = group_members(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    left = outlived(proc.pid, 10)  # killed, so as not to leave them to the next test
    assert not left, f"alive 10 s after the kill (seed {seed}): {left}"
    assert len(members) >= 4, members  # killed while its workers ran

    if db.exists():
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    with KnowledgeBase(db) as kb:
        ingest(kb, [str(src)], workers=1)
    assert counts(db) == clean, f"killed after {target} articles +{delay:.2f}s (seed {seed})"
