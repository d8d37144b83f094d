"""Ingest and search benchmark: prints the figures of one run.

1. generates N synthetic articles (``benchmarks/corpus.py``, streamed to a
   temporary JSON Lines .gz file, or to newsstand .txt files with ``--input files``);
2. runs ``newsgraph ingest --no-analysis`` on them in a child process and reports
   articles/s for read + clean + store and that process's peak RSS;
3. reports the database size;
4. runs ``--queries`` varied searches (facets included) through the Python API
   and reports latency p50/p95, rare and common terms apart.

    python benchmarks/ingest.py                 # 100,000 articles
    python benchmarks/ingest.py -n 5000         # a quick run

Goals: >= 1,000 articles/s in one process, peak RSS <= 500 MB,
search p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
import functools  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001  (interleave with the child)


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def _run_child(cmd: list[str]) -> tuple[int, float, float, float]:
    """Run ``cmd``; returns (exit status, wall seconds, CPU seconds, peak RSS in MB) of it."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return proc.returncode, time.perf_counter() - t, cpu, usage.ru_maxrss / 1024  # Linux: KB


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--input", choices=("jsonl", "files"), default="jsonl",
                    help="one JSON Lines .gz corpus file, or one newsstand file per article")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rerun", action="store_true",
                    help="ingest a second time and report the duplicate-skipping rate")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep the corpus and database")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="newsgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    py = sys.executable
    print(f"newsgraph ingest benchmark: {args.articles:,} articles, input {args.input}, "
          f"batch {args.batch_size}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f}")

    t = time.perf_counter()
    if args.input == "jsonl":
        src = work / "corpus.jsonl.gz"
        nbytes = corpus.write_jsonl(str(src), args.articles, seed=args.seed)
        paths = [str(src)]
    else:
        src = work / "newsstand"
        src.mkdir(exist_ok=True)
        nbytes, paths = 0, []
        for rec in corpus.articles(args.articles, seed=args.seed):
            p = src / f"{rec['id']}.txt"
            text = corpus.newsstand_text(rec)
            p.write_text(text, encoding="utf-8")
            nbytes += len(text)
            paths.append(str(p))
        paths = [str(src)]
    print(f"generated       {args.articles:,} articles, {nbytes / 1e6:,.0f} MB of text "
          f"in {time.perf_counter() - t:.1f}s (not counted below)")

    cmd = [py, "-m", "newsgraph", "ingest", "--no-analysis", "--quiet", "--db", str(db),
           "--batch-size", str(args.batch_size), *paths]
    rc, secs, cpu, rss = _run_child(cmd)
    from newsgraph import KnowledgeBase

    with KnowledgeBase(db) as kb:
        stored = kb.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        kb.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"ingest          exit {rc}, {stored:,} articles stored in {secs:.1f}s: "
          f"{stored / secs:,.0f} articles/s (read + clean + store, one process, "
          "process start included)")
    print(f"                {cpu:.1f} CPU-seconds: {stored / cpu:,.0f} articles per CPU-second "
          "(what one uncontended core would do)")
    print(f"peak RSS        {rss:,.0f} MB (the ingest process)")
    if stored != args.articles:
        print(f"WARNING         expected {args.articles:,} stored articles, found {stored:,}")
    size = sum(os.path.getsize(str(db) + s) for s in ("", "-wal") if os.path.exists(str(db) + s))
    print(f"database size   {size / 1e6:,.0f} MB ({size / max(stored, 1) / 1e3:.1f} KB/article)")

    if args.rerun:
        rc2, secs2, _, _ = _run_child(cmd)
        print(f"rerun           exit {rc2}, {secs2:.1f}s ({args.articles / secs2:,.0f} "
              "articles/s, all skipped as duplicates)")

    lat: dict[str, list[float]] = {"rare": [], "common": []}
    cpu_ms: list[float] = []
    matches: dict[str, list[int]] = {"rare": [], "common": []}
    with KnowledgeBase(db, readonly=True) as kb:
        kb.search("government")  # warm the page cache once, as a running server would be
        for q, kind, filters in corpus.queries(args.queries, seed=args.seed):
            t, c = time.perf_counter(), time.process_time()
            res = kb.search(q, facets=True, **filters)
            lat[kind].append((time.perf_counter() - t) * 1000)
            cpu_ms.append((time.process_time() - c) * 1000)
            matches[kind].append(res.total)
    both = lat["rare"] + lat["common"]
    print(f"search          {len(both)} queries, facets included: p50 {_pct(both, 50):.1f} ms, "
          f"p95 {_pct(both, 95):.1f} ms, max {max(both):.1f} ms")
    print(f"                CPU time per query: p50 {_pct(cpu_ms, 50):.1f} ms, "
          f"p95 {_pct(cpu_ms, 95):.1f} ms; load average now {os.getloadavg()[0]:.2f}")
    for kind in ("rare", "common"):
        v, m = lat[kind], matches[kind]
        print(f"  {kind:<7}       {len(v)} queries: p50 {_pct(v, 50):.1f} ms, p95 {_pct(v, 95):.1f} "
              f"ms; matches median {statistics.median(m):,.0f}, max {max(m):,}")
    # Words in capitals (half the articles write "the US", "the UK") against words typed
    # in lower case: the first also asks the index of words in capitals.
    queries = ["US", "UK", "US talks", "UK OR Japan", "US -UK", "US security", "UK trade",
               "US minister", "UK defence", "US OR UK"]
    with KnowledgeBase(db, readonly=True) as kb:
        for label, words in (("capitals", queries), ("lower case", [q.lower().replace(
                "-uk", "-japan").replace(" or ", " OR ") for q in queries])):
            v, m = [], []
            for w in words:
                t = time.perf_counter()
                m.append(kb.search(w, facets=True).total)
                v.append((time.perf_counter() - t) * 1000)
            print(f"  {label:<11}   {len(v)} queries: p50 {_pct(v, 50):.1f} ms, "
                  f"p95 {_pct(v, 95):.1f} ms; matches median {statistics.median(m):,.0f}")
    if not args.keep:
        for p in sorted(work.rglob("*"), reverse=True):
            p.rmdir() if p.is_dir() else p.unlink()
        work.rmdir()
    return 0 if rc == 0 and stored == args.articles else 1


if __name__ == "__main__":
    sys.exit(main())
