"""Write docs/errors.md from the error catalogue (newsgraph/codes.py).

    python scripts/error_reference.py          # rewrite docs/errors.md
    python scripts/error_reference.py --check  # exit 1 if docs/errors.md is out of date

tests/test_error_codes.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "errors.md"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from newsgraph.codes import render_markdown

    text = render_markdown()
    if "--check" in argv:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
            print("docs/errors.md is out of date: run python scripts/error_reference.py",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
