"""Benchmark `newsgraph link` on a synthetic knowledge base.

    python benchmarks/link.py [--articles 100000] [--new 1000]

Builds a knowledge base of N synthetic articles (rows inserted with SQL, as the
store's writer would leave them: 2 countries, 1 organisation, 3 people named in full
and 2 bare surnames per article, drawn from pools of names), then prints the seconds
of one run of each: the first full link, an incremental link of ``--new`` more
articles, and a run with nothing to do.  Figures of one run; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.link import link  # noqa: E402
from newsgraph import KnowledgeBase  # noqa: E402

GIVEN = ["Anna", "Ben", "Chen", "David", "Elena", "Fumio", "Hiro", "Ivan", "Jana", "Karl",
         "Lina", "Mehmet", "Nadia", "Omar", "Paulo", "Rosa", "Sven", "Tomas", "Uma", "Yoko"]
COUNTRIES = ["USA", "JPN", "CHN", "GBR", "FRA", "DEU", "RUS", "IND", "BRA", "KOR"]


def build(kb: KnowledgeBase, start: int, n: int, rng: random.Random, surnames: list[str]) -> None:
    arts, rows = [], []
    for i in range(start, start + n):
        aid = f"art{i:07d}"
        day = f"20{10 + i * 12 // (start + n + 1):02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        arts.append((aid, aid, "synthetic text", day, "2026-01-01", "2026-01-01"))
        for c in rng.sample(COUNTRIES, 2):
            rows.append((aid, c, c, "country", c, "[]"))
        rows.append((aid, f"org:org-{i % 500}", f"Org {i % 500}", "organization", None, "[]"))
        for _ in range(3):
            s = rng.choice(surnames)
            g = GIVEN[hash(s) % len(GIVEN)] if rng.random() < 0.9 else rng.choice(GIVEN)
            name = f"{g} {s}"
            rows.append((aid, f"person:{g.lower()}-{s.lower()}", name, "person",
                         COUNTRIES[hash(name) % len(COUNTRIES)], json.dumps(["minister"])))
        for s in rng.sample(surnames, 2):
            rows.append((aid, f"person:{s.lower()}", f"Mr {s}", "person", None, "[]"))
    with kb.transaction() as conn:
        conn.executemany("INSERT INTO articles (id, sha256, text, published, ingested_at, "
                         "analysed_at) VALUES (?, ?, ?, ?, ?, ?)", arts)
        conn.executemany("INSERT OR IGNORE INTO article_actors (article_id, actor_id, name, kind, "
                         "country, roles) VALUES (?, ?, ?, ?, ?, ?)", rows)


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=1_000)
    args = ap.parse_args(argv)
    rng = random.Random(7)
    surnames = [f"Surname{i}" for i in range(20_000)]
    with tempfile.TemporaryDirectory() as tmp, KnowledgeBase(Path(tmp) / "kb.db") as kb:
        t = time.perf_counter()
        build(kb, 0, args.articles, rng, surnames)
        n_rows = kb.conn.execute("SELECT COUNT(*) FROM article_actors").fetchone()[0]
        print(f"built {args.articles} articles, {n_rows} actor rows in {time.perf_counter() - t:.1f}s")
        for label, before in (("first link", None), ("incremental", args.new), ("nothing new", 0)):
            if before:
                build(kb, args.articles, before, rng, surnames)
            t = time.perf_counter()
            r = link(kb.conn)
            secs = time.perf_counter() - t
            print(f"{label}: {secs:.2f}s for {r.articles} articles "
                  f"({r.articles / secs if secs and r.articles else 0:,.0f} articles/s); "
                  f"persons={r.persons} surnames linked={r.surnames_linked} "
                  f"ambiguous={r.surnames_ambiguous} unknown={r.surnames_unknown} actors={r.actors}")


if __name__ == "__main__":
    main(sys.argv[1:])
