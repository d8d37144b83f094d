"""Run the pipeline on a gold set once per test session and score it with ../shared/eval.

    from evalkit import score
    figures = score("quotes", "quotes-ggt-dev")   # {'lenient': 0.87, 'strict': ..., ...}

Predictions are made through the real CLI entry point (``python -m newsgraph analyze``)
and cached per session, so the actors, quotes and events floors share one run.
The scorer's printed lines are kept in ``figures['_output']`` for failure messages.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from conftest import EVAL, ROOT, require_shared

GOLD = EVAL / "gold"

#: set name -> (inputs, extra analyze arguments, gold file per kind)
SETS = {
    "seed": ([GOLD / "seed" / "bangkokpost-us-japan.txt"], ["--date", "2022-01-08"],
             lambda kind: GOLD / "seed" / f"seed.{kind}.gold.jsonl"),
    "quotes-ggt-dev": ([GOLD / "quotes-ggt-dev.input.jsonl"], [],
                       lambda kind: GOLD / ("actors-ggt-dev.gold.jsonl" if kind == "actors"
                                            else "quotes-ggt-dev.gold.jsonl")),
    "quotes-polnear-dev": ([GOLD / "quotes-polnear-dev.input.jsonl"], [],
                           lambda kind: GOLD / "quotes-polnear-dev.gold.jsonl"),
    "events-plover-dev": ([GOLD / "events-plover-dev.input.jsonl"], [],
                          lambda kind: GOLD / "events-plover-dev.gold.jsonl"),
    "events-negatives-dev": ([GOLD / "events-negatives-dev.input.jsonl"], [],
                             lambda kind: GOLD / "events-negatives-dev.gold.jsonl"),
    "events-bbc-dev": ([GOLD / "events-bbc-dev.input.jsonl"], [],
                       lambda kind: GOLD / "events-bbc-dev.gold.jsonl"),
    "newsstand-dev": (None, [], lambda kind: GOLD / "newsstand-dev.gold.jsonl"),
    "html-dev": (None, [], lambda kind: GOLD / "html-dev" / "html-dev.gold.jsonl"),
}

_PRED_DIR: Path | None = None


def _inputs(name: str) -> list[Path]:
    inputs = SETS[name][0]
    if inputs is not None:
        return inputs
    if name == "newsstand-dev":
        return sorted((GOLD / "newsstand-dev").glob("*.txt"))
    return sorted((GOLD / "html-dev").glob("*.html"))


@lru_cache(maxsize=None)
def predictions(name: str) -> Path:
    """Path of the JSONL predictions for a gold set (made once per session)."""
    require_shared()
    global _PRED_DIR
    if _PRED_DIR is None:
        import tempfile
        _PRED_DIR = Path(tempfile.mkdtemp(prefix="newsgraph-eval-"))
    out = _PRED_DIR / f"{name}.jsonl"
    cmd = [sys.executable, "-m", "newsgraph", "analyze", *map(str, _inputs(name)),
           *SETS[name][1], "--format", "jsonl"]
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"analyze failed on {name}: {proc.stderr[-2000:]}")
    return out


def score(kind: str, name: str, *, gold: Path | None = None) -> dict:
    """Score ``kind`` on gold set ``name``; returns the figures of the scorer's output."""
    pred = predictions(name)
    gold = gold or SETS[name][2](kind)
    proc = subprocess.run([sys.executable, str(EVAL / "score.py"), kind, "--gold", str(gold),
                           "--pred", str(pred)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"score.py {kind} failed: {proc.stderr[-2000:]}")
    out = proc.stdout
    figures: dict = {"_output": out}
    last = out.strip().splitlines()[-1]
    tokens = last.split()
    for i, tok in enumerate(tokens):
        if "=" not in tok:
            continue
        key, value = tok.split("=", 1)
        if key in ("P", "R", "F1") and i and "=" not in tokens[i - 1]:
            key = f"{tokens[i - 1]} {key}"  # "persons R", "countries F1"
        figures[key] = float(value)
    if m := re.search(r"^lenient \(Dice>=[\d.]+\): P=([\d.]+)", out, re.M):
        figures["lenient P"] = float(m.group(1))
    if m := re.search(r"dates: (\d+)/(\d+)", out):
        figures["dates"] = (int(m.group(1)), int(m.group(2)))
    if m := re.search(r"modality accuracy on full matches: (\d+)/(\d+)", out):
        figures["modality"] = int(m.group(1)) / max(int(m.group(2)), 1)
    if m := re.search(r"^type: P=([\d.]+)", out, re.M):
        figures["type P"] = float(m.group(1))
    if m := re.search(r"events predicted on event-free sentences: (\d+)", out):
        figures["event_free"] = int(m.group(1))
    return figures
