"""The Python API's shape: no spaCy until an analysis, text vs file, types, layering."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import newsgraph
from newsgraph.errors import NewsgraphError

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_import_newsgraph_loads_no_spacy():
    proc = _run("import sys, newsgraph\n"
                "newsgraph.KnowledgeBase, newsgraph.Filter, newsgraph.Settings\n"
                "print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_serving_the_explorer_loads_no_spacy(tmp_path):
    from newsgraph.link import link
    from webkb import build_kb

    db = build_kb(tmp_path / "kb.db")
    with newsgraph.KnowledgeBase(db) as kb:
        link(kb.conn)  # knowledge-base actors and surname keys: nothing of it needs spaCy
    proc = _run(
        "import sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "import newsgraph.cli  # what `newsgraph serve` imports\n"
        "from newsgraph.web import create_app\n"
        "from starlette.testclient import TestClient\n"
        f"c = TestClient(create_app({str(db)!r}))\n"
        "for url in ('/', '/search?q=Chile', '/articles/fx-pact', '/actors/NOR', "
        "'/dyads/NOR/CHL', '/network', '/actors/nobody', '/search?actor=Nobody+Known', "
        "'/dyads/NOR/nobody', '/search?q=Chile&actor=NOR', '/events?source=Mr+Rojas', "
        "'/quotes?speaker=Mr+Dahl', '/actors/Mr%20Dahl', '/events.csv?actor=Mr+Dahl', "
        "'/quotes.parquet?about=Mr+Dahl', '/actors', '/events', '/quotes'):\n"
        "    assert c.get(url).status_code in (200, 400, 404), url\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy'))")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_analyze_takes_text_and_refuses_a_path(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Ministers meet\n\nThe ministers met on Monday.\n", encoding="utf-8")
    with pytest.raises(NewsgraphError) as e:
        newsgraph.analyze(path)  # a Path object
    assert e.value.code == "E303" and "analyze_file" in e.value.message
    with pytest.raises(NewsgraphError) as e:
        newsgraph.analyze(str(path))  # a file's name given as a string
    assert e.value.code == "E303"


def test_analyze_file_reads_one_file_and_names_a_bad_one(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(NewsgraphError) as e:
        newsgraph.analyze_file(empty, settings=newsgraph.Settings(english_stages=False))
    assert e.value.code == "E102" and "empty.txt" in str(e.value)
    ok = tmp_path / "ok.txt"
    ok.write_text("Ministers meet\n\nThe ministers met on Monday.\n", encoding="utf-8")
    a = newsgraph.analyze_file(ok, published="2022-01-08",
                               settings=newsgraph.Settings(english_stages=False))
    assert a.article.published == "2022-01-08" and a.article.source.path == str(ok)
    assert a.pipeline_version == ""  # read and cleaned only: not analysed


def test_the_package_is_typed():
    assert (ROOT / "newsgraph" / "py.typed").is_file()
    assert "py.typed" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _imports(path: Path) -> set[str]:
    """The newsgraph modules ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {n for n in out if n.startswith("newsgraph")}


def test_the_store_is_a_sink():
    """newsgraph.store imports nothing above it: no pipeline, readers, cleaner, stages,
    scale, link, queries or ingest."""
    allowed = ("newsgraph.store", "newsgraph.errors", "newsgraph.models", "newsgraph.safetext")
    for path in (ROOT / "newsgraph" / "store").rglob("*.py"):
        bad = [m for m in _imports(path) if not m.startswith(allowed)]
        assert not bad, f"{path.name} imports {bad}"


def test_the_query_layer_runs_no_pipeline():
    allowed = ("newsgraph.query", "newsgraph.store", "newsgraph.errors", "newsgraph.models",
               "newsgraph.safetext", "newsgraph.link.names", "newsgraph.lexicon")
    for path in (ROOT / "newsgraph" / "query").rglob("*.py"):
        bad = [m for m in _imports(path) if not m.startswith(allowed)]
        assert not bad, f"{path.name} imports {bad}"


def test_no_issue_numbers_in_code_or_docs():
    import re

    pattern = re.compile(r"\bissue\s*#?\d+|\(\w+ issue[;)]|\bissue \d", re.I)
    files = [*(ROOT / "newsgraph").rglob("*.py"), *(ROOT / "newsgraph").rglob("*.sql"),
             *(ROOT / "benchmarks").rglob("*.py"), *(ROOT / "scripts").rglob("*.py"),
             *(ROOT / "docs").rglob("*.md"), ROOT / "README.md"]
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in files
             for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found
