"""One error catalogue: every code the package uses has one meaning in newsgraph/codes.py,
every code listed there is used, and docs/errors.md is generated from it."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from newsgraph.codes import CODES, SECTIONS

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"\b([EW]\d{3})\b")


def _used() -> set[str]:
    used = set()
    for path in (ROOT / "newsgraph").rglob("*.py"):
        if path.name == "codes.py":
            continue
        text = re.sub(r"# noqa: [A-Z0-9, ]+", "", path.read_text(encoding="utf-8"))  # linter codes
        used |= set(CODE.findall(text))
    return used


def test_every_code_used_is_in_the_catalogue():
    missing = sorted(c for c in _used() if c not in CODES)
    assert not missing, f"codes used but not in newsgraph/codes.py: {missing}"


def test_every_code_in_the_catalogue_is_used():
    unused = sorted(c for c in CODES if c not in _used())
    assert not unused, f"codes in newsgraph/codes.py that nothing reports: {unused}"


def test_no_code_has_two_meanings():
    listed = Counter(code for _, _, entries in SECTIONS for code, _ in entries)
    assert not [c for c, n in listed.items() if n > 1]


def test_docs_errors_md_is_generated_from_the_catalogue():
    proc = subprocess.run([sys.executable, "scripts/error_reference.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_the_explorer_does_not_make_codes_of_http_statuses():
    for path in (ROOT / "newsgraph" / "web").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""f["']E\{""", text), path
