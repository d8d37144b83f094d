"""`newsgraph serve` through the real entry point: binds to localhost, serves, refuses a missing file."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from webkb import build_kb

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_localhost_and_stops(tmp_path):
    db = build_kb(tmp_path / "kb.db")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json", timeout=5) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stdout.read() if proc.stdout else "no output")
                time.sleep(0.2)
        assert body["articles"] == 4
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out and "read-only" in out


def test_serve_refuses_a_missing_knowledge_base(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "newsgraph", "serve", "--db",
                           str(tmp_path / "none.db")], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and "E404" in proc.stderr
    assert not (tmp_path / "none.db").exists()
