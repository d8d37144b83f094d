"""Read + clean throughput of newsstand files and JSON Lines records (no spaCy).

    python benchmarks/read_clean.py [--n 2000]

Writes N synthetic newsstand files (built from the bundled examples, with varied
ids) and a JSON Lines corpus of N records into a temporary folder, then times
``read_paths`` + ``clean`` over each and prints the figures of this one run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.clean import clean  # noqa: E402
from newsgraph.models import Failure  # noqa: E402
from newsgraph.readers import read_paths  # noqa: E402


def _time(paths, repeat: int = 3) -> tuple[int, float, float]:
    """Articles read, best wall-clock seconds and best CPU seconds over ``repeat`` runs."""
    best_wall = best_cpu = float("inf")
    n = 0
    for _ in range(repeat):
        n, t0, c0 = 0, time.perf_counter(), time.process_time()
        for doc in read_paths(paths):
            if isinstance(doc, Failure):
                raise SystemExit(str(doc))
            clean(doc)
            n += 1
        best_wall = min(best_wall, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return n, best_wall, best_cpu


def _line(name: str, count: int, wall: float, cpu: float) -> str:
    return (f"{name}: {count} articles, best of 3: wall {wall:.3f} s = {count / wall:,.0f}/s "
            f"({1000 * wall / count:.3f} ms each); CPU {cpu:.3f} s = {count / cpu:,.0f}/s "
            f"({1000 * cpu / count:.3f} ms each)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    n = ap.parse_args().n
    base = (ROOT / "examples/newsstand/harbour-courier-japan-australia.txt").read_text("utf-8")
    body = base.split("\n-\n", 1)[1].split(" ?? ")[0].strip()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "newsstand"
        folder.mkdir()
        for i in range(n):
            (folder / f"a{i:06d}.txt").write_text(base.replace("TOKYO:", f"TOKYO: ({i})"),
                                                  encoding="utf-8")
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": f"r{i}", "headline": f"Headline {i}", "text": body,
                                    "publication": "Bench", "published": "2024-01-02",
                                    "language": "en"}) + "\n")
        _time([str(folder / "a000000.txt")])  # warm up imports
        print(f"read + clean, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        for name, paths in (("newsstand files", [str(folder)]), ("jsonl records", [str(corpus)])):
            print(_line(name, *_time(paths)))
        with open(corpus, "w", encoding="utf-8") as f:  # no language given: detection runs
            for i in range(n):
                f.write(json.dumps({"id": f"r{i}", "text": body}) + "\n")
        print(_line("jsonl records, no language given (detected)", *_time([str(corpus)])))


if __name__ == "__main__":
    main()
