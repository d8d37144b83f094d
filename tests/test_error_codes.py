"""Every error code the package raises is documented in docs/errors.md, and no code
is documented twice."""

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"\b([EW]\d{3})\b")


def _used() -> set[str]:
    used = set()
    for path in (ROOT / "newsgraph").rglob("*.py"):
        text = re.sub(r"# noqa: [A-Z0-9, ]+", "", path.read_text(encoding="utf-8"))  # linter codes
        used |= set(CODE.findall(text))
    return used


def test_every_code_is_documented():
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = sorted(c for c in _used() if c not in doc)
    assert not missing, f"codes used but not in docs/errors.md: {missing}"


def test_no_code_has_two_rows():
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    rows = Counter(m.group(1) for m in re.finditer(r"^\| ([EW]\d{3}) \|", doc, re.M))
    assert not [c for c, n in rows.items() if n > 1]
