"""Re-ingesting a stored corpus against ingesting it: prints the times and their ratio.

    python benchmarks/reingest.py              # 150 synthetic articles, analysis on
    python benchmarks/reingest.py -n 300 --workers 2

Generates N synthetic articles (``benchmarks/corpus.py``) as one JSON Lines file and
ingests it twice into a fresh knowledge base with the full analysis, two ways:

- ``newsgraph ingest`` in a child process each time (both runs pay the same
  interpreter and import start-up, a few tenths of a second);
- ``KnowledgeBase.ingest`` in one fresh child process (the first run pays the model
  load, as any first ingest does).

It prints the wall time of each run, what each stored, and first/second.  The second
run finds every document's content hash stored before analysing it, so it costs
about the time to read the corpus.  Goal: a ratio of at least 20.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

GOAL = 20.0


def _ingest(path: Path, db: Path, workers: int) -> tuple[float, dict]:
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(path), "--db", str(db), "--quiet",
           "--json", "--workers", str(workers)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall, json.loads(proc.stdout)


_API = """
import json, sys, time
from newsgraph import KnowledgeBase
with KnowledgeBase(sys.argv[2]) as kb:
    out = []
    for _ in range(2):
        t = time.perf_counter()
        s = kb.ingest([sys.argv[1]], workers=int(sys.argv[3]))
        out.append([time.perf_counter() - t, s.to_dict()])
print(json.dumps(out))
"""


def _api(path: Path, db: Path, workers: int) -> list:
    proc = subprocess.run([sys.executable, "-c", _API, str(path), str(db), str(workers)],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"ingest failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def _report(label: str, first: float, s1: dict, second: float, s2: dict) -> float:
    ratio = first / second
    print(f"{label}: ingest {first:6.2f} s (stored {s1['stored']}, failed {s1['failed']}); "
          f"re-ingest {second:5.2f} s (stored {s2['stored']}, duplicates {s2['duplicates']}); "
          f"ratio {ratio:.1f}x ({'ok' if ratio >= GOAL else 'UNDER'} goal >= {GOAL:.0f}x)")
    return ratio


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=150)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    print(f"{args.articles} synthetic articles, analysis on, workers {args.workers}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for rec in corpus.articles(args.articles):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        first, s1 = _ingest(src, Path(tmp) / "cli.db", args.workers)
        second, s2 = _ingest(src, Path(tmp) / "cli.db", args.workers)
        cli = _report("newsgraph ingest (a process each)", first, s1, second, s2)
        (t1, a1), (t2, a2) = _api(src, Path(tmp) / "api.db", args.workers)
        api = _report("KnowledgeBase.ingest (one process)", t1, a1, t2, a2)
    return 0 if min(cli, api) >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
