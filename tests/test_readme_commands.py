"""Every command in the README runs as written.

Each code block (the generated CLI reference aside) is parsed: shell blocks by ``bash
-n``, the cron line's command and systemd's ``ExecStart`` the same way, Python by
``compile``, SQL statement by statement.  Then the blocks that can run offline run, in a
folder laid out as they assume (``article.txt``, ``~/archive/``, a ``news.db`` and a
``newsgraph.db`` holding the bundled examples and a short fixture article of this test):
the shell blocks with ``newsgraph`` on the PATH, the Python block, and the SQLite
queries.  Not run: the set-up block (it installs from the network), ``newsgraph watch``
(it fetches from the network), ``newsgraph serve`` (a server that does not return),
``newsgraph batch`` / ``load`` (they start a Dask cluster of 8 workers:
``tests/test_scale_cli.py`` runs them) and DuckDB's queries (DuckDB is no dependency,
and downloads its SQLite extension); in the shell blocks those commands are replaced by
a line saying so.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.store.migrate import statements

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_SKIPPED = ("watch", "serve", "batch", "load")
_STUB = ("newsgraph() {\n  case \"$1\" in\n    " + "|".join(_SKIPPED) + ")\n"
         "      echo \"not run by this test: newsgraph $1\" >&2; return 0;;\n  esac\n"
         "  command newsgraph \"$@\"\n}\nset -e\n")


def _blocks() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    a, b = text.index("<!-- cli-reference:start -->"), text.index("<!-- cli-reference:end -->")
    text = text[:a] + text[b:]
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(text)]


def _bash_parses(script: str) -> None:
    r = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
    assert r.returncode == 0, f"{script}\n{r.stderr}"


def test_every_block_parses():
    kinds = set()
    for lang, body in _blocks():
        kinds.add(lang)
        if lang in ("sh", "bash"):
            _bash_parses(body)
        elif lang == "cron":
            for line in body.splitlines():
                if line.strip() and not line.startswith("#"):
                    _bash_parses(line.split(None, 5)[5])
        elif lang == "ini":
            for line in body.splitlines():
                if line.startswith("ExecStart="):
                    args = shlex.split(line.split("=", 1)[1])
                    assert args[0].endswith("newsgraph")
        elif lang == "python":
            compile(body, "README.md", "exec")
        elif lang == "sql":
            assert statements(body)
        elif lang == "":  # a listing (the layout of the package), not a command
            assert "newsgraph" in body
        else:
            pytest.fail(f"a README block of an unknown kind: {lang!r}")
    assert {"sh", "python", "sql"} <= kinds


def _fixture():
    """A short article of this test's own: the United States accuses China (Blinken)."""
    from webkb import _Builder

    b = _Builder(
        "readme-us-china", "US accuses China over missile help",
        ["WASHINGTON: The US accused China on Monday of helping North Korea's missile "
         "programme, officials said.",
         "Secretary of State Antony Blinken said China \"must stop shielding Pyongyang\"."],
        published="2022-01-10", publication="Example Times", country="GB")
    b.actor("USA", "United States", "country", "US", country="USA")
    b.actor("CHN", "China", "country", "China", country="CHN")
    b.actor("PRK", "North Korea", "country", "North Korea", country="PRK")
    b.actor("person:antony-blinken", "Antony Blinken", "person", "Antony Blinken",
            country="USA", roles=("Secretary of State",))
    b.quote("must stop shielding Pyongyang", "person:antony-blinken", "Antony Blinken", "said")
    b.event("ACCUSE", ["USA"], ["CHN"], "accused", date="2022-01-10")
    return b.build()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    from newsgraph import KnowledgeBase

    work = tmp_path_factory.mktemp("readme")
    (work / "examples").symlink_to(ROOT / "examples")
    shutil.copy(ROOT / "examples" / "newsstand" / "harbour-courier-japan-australia.txt",
                work / "article.txt")
    (work / "archive").mkdir()
    for p in (ROOT / "examples" / "newsstand").iterdir():
        shutil.copy(p, work / "archive" / p.name)
    with KnowledgeBase(str(work / "news.db")) as kb:
        assert kb.ingest_items([_fixture()]).failed == 0
    env = dict(os.environ, HOME=str(work),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NEWSGRAPH_DB", None)
    return work, env


def _run_shell(body: str, work: Path, env: dict) -> subprocess.CompletedProcess:
    r = subprocess.run(["bash", "-c", _STUB + body], cwd=work, env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, f"{body}\n--- stdout\n{r.stdout[-3000:]}\n--- stderr\n{r.stderr[-3000:]}"
    return r


@pytest.mark.model
def test_the_readme_runs(workspace):
    work, env = workspace
    shell = [body for lang, body in _blocks() if lang in ("sh", "bash")
             and "install.sh" not in body]
    assert any("newsgraph analyze article.txt" in b for b in shell)
    for body in shell:
        r = _run_shell(body, work, env)
        assert "Traceback" not in r.stderr
    # what the typical session printed and wrote
    assert (work / "events.csv").read_text().startswith("event_id,article_id,published")
    shutil.copy(work / "news.db", work / "newsgraph.db")
    (python,) = [body for lang, body in _blocks() if lang == "python"]
    r = subprocess.run([sys.executable, "-c", python], cwd=work, env=env, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (work / "events.parquet").exists()
    conn = sqlite3.connect(work / "news.db")
    ran = 0
    for lang, body in _blocks():
        if lang != "sql":
            continue
        for stmt in statements(body):
            if "ATTACH" in stmt or "read_parquet" in stmt or "'events.parquet'" in stmt \
                    or "kb." in stmt:
                continue  # DuckDB's
            conn.execute(stmt).fetchall()
            ran += 1
    assert ran >= 2

