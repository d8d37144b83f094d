"""Quality floors of the quote stage, scored by ../shared/eval/score.py.

The predictions come from the real entry point, ``newsgraph analyze INPUT
--format jsonl``; the scorer runs as a subprocess and its last line is parsed.
Skipped with a message when ../shared is absent.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import require_shared

pytestmark = [pytest.mark.eval, pytest.mark.model]

ROOT = Path(__file__).resolve().parent.parent
_LAST = re.compile(r"quotes: F1 lenient=([\d.]+) strict=([\d.]+) speaker=([\d.]+) e2e=([\d.]+)")


def _score(tmp_path: Path, inputs: list[Path], gold: Path, fmt: str | None) -> dict[str, float]:
    pred = tmp_path / "pred.jsonl"
    cmd = [sys.executable, "-m", "newsgraph", "analyze", *map(str, inputs)]
    if fmt:
        cmd += ["--format", fmt]
    with open(pred, "w", encoding="utf-8") as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    eval_dir = require_shared()
    res = subprocess.run([sys.executable, str(eval_dir / "score.py"), "quotes", "--gold", str(gold),
                          "--pred", str(pred)], capture_output=True, text=True, check=True)
    last = res.stdout.strip().splitlines()[-1]
    print(last)
    m = _LAST.fullmatch(last)
    assert m, last
    return dict(zip(("lenient", "strict", "speaker", "e2e"), map(float, m.groups())))


def test_seed_quotes(tmp_path):
    eval_dir = require_shared()
    seed = eval_dir / "gold" / "seed"
    got = _score(tmp_path, [seed / "bangkokpost-us-japan.txt"], seed / "seed.quotes.gold.jsonl",
                 None)
    assert got["lenient"] >= 0.95, got
    assert got["speaker"] == 1.0, got


def test_ggt_dev_quotes(tmp_path):
    eval_dir = require_shared()
    gold = eval_dir / "gold"
    got = _score(tmp_path, [gold / "quotes-ggt-dev.input.jsonl"],
                 gold / "quotes-ggt-dev.gold.jsonl", "jsonl")
    assert got["lenient"] >= 0.85, got
    assert got["strict"] >= 0.78, got
    assert got["speaker"] >= 0.85, got
    assert got["e2e"] >= 0.75, got
