"""Bad input through `newsgraph ingest`: one line per problem naming the file (and
line), recorded in the errors table; the batch goes on; the exit status says so."""

from __future__ import annotations

import gzip
import json
import sqlite3

from typer.testing import CliRunner

from newsgraph.cli import app


def test_bad_files_are_reported_recorded_and_skipped(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "c.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Japan and China met in Tokyo."}) + "\n"
        '{"id": "r2", not json\n'
        + json.dumps({"id": "r3"}) + "\n"
        + json.dumps({"id": "r4", "text": "Talks resumed in Oslo."}) + "\n", encoding="utf-8")
    (d / "notext.csv").write_text("id,headline\n1,No text here\n", encoding="utf-8")
    body = "".join(f"Paragraph {i} about harbour walruses and ports.\n\n" for i in range(400))
    full = gzip.compress(f"Harbour Gazette\n\nWalruses\n\n-\n\n{body}".encode())
    (d / "cut.txt.gz").write_bytes(full[: len(full) // 2])
    db = tmp_path / "kb.db"

    r = CliRunner().invoke(app, ["ingest", "--no-analysis", "--db", str(db), str(d)],
                           catch_exceptions=False)
    assert r.exit_code == 1
    lines = [ln for ln in r.stderr.splitlines() if "[E" in ln]
    conn = sqlite3.connect(db)
    errors = conn.execute("SELECT location, code, message FROM errors").fetchall()
    ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
    conn.close()
    assert {"r1", "r4"} <= ids  # the good records of a file with bad ones are stored
    assert len(errors) >= 4 and len(lines) >= 4
    for where, code, _msg in errors:
        assert where.startswith(str(d)) and code.startswith("E")
    wheres = " ".join(w for w, _, _ in errors)
    for name in ("empty.txt", "c.jsonl:line 2", "c.jsonl:line 3", "notext.csv", "cut.txt.gz"):
        assert name in wheres, (name, errors)
    assert "failed" in r.stderr

    # a rerun stores nothing new and reports the same problems again
    r = CliRunner().invoke(app, ["ingest", "--no-analysis", "--json", "--db", str(db), str(d)],
                           catch_exceptions=False)
    s = json.loads(r.stdout)
    assert r.exit_code == 1 and s["stored"] == 0 and s["duplicates"] >= 2
