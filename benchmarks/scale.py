"""Scale benchmark: process pool (1 vs N workers), Dask LocalCluster, peak RSS per worker.

    python benchmarks/scale.py                 # 2,000 articles, 2 workers
    python benchmarks/scale.py --n 500 --workers 4

Prints the figures of one run (no assertions; ``--rounds R`` repeats the three
measurements R times, one after the other, and adds the medians): articles/s of
the pool with one worker and with N, their ratio (goal >= 1.7x for 2), Dask LocalCluster with N
workers (writing Parquet shards) against the N-worker pool (goal: within 15%),
and the peak resident memory of each worker process (goal <= 1.5 GB).  Memory
is sampled every 0.1 s from the worker processes (psutil), so a very short peak
may be missed.

Wall-clock rates depend on what else the machine runs: on a shared machine they
are noisy, so rerun on a quiet one.  The CPU seconds the workers spent in the
timed part are also measured (psutil): articles per worker CPU-second is the
per-core rate a projection should use, and it hardly depends on other load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.readers import ReadOptions, read_paths  # noqa: E402
from newsgraph.scale.batch import BatchOptions, run_batch  # noqa: E402
from newsgraph.scale.pool import AnalysisPool  # noqa: E402

STATES = [("Freedonia", "Freedonian"), ("Sylvania", "Sylvanian"), ("Ruritania", "Ruritanian"),
          ("Japan", "Japanese"), ("China", "Chinese"), ("the United States", "American"),
          ("South Korea", "South Korean"), ("India", "Indian"), ("Brazil", "Brazilian")]
PEOPLE = ["Ana Petrova", "Karl Weiss", "Li Wen", "Maria Santos", "John Carter", "Yuki Sato",
          "Ravi Mehta", "Olga Ivanova"]
ROLES = ["foreign minister", "defence minister", "trade minister", "prime minister",
         "ambassador", "spokesperson"]
VERBS = ["met", "criticised", "praised", "accused", "thanked", "warned", "called on",
         "signed an agreement with", "held talks with", "rejected a proposal from"]
TOPICS = ["trade", "fishing rights", "the border", "energy prices", "student visas",
          "a new rail line", "climate targets", "military exercises", "grain exports"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "last week", "on Friday", "yesterday"]


def _sentence(rng: random.Random) -> str:
    (a, adj), (b, _) = rng.sample(STATES, 2)
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    kind = rng.randrange(4)
    if kind == 0:
        return f"{a} {rng.choice(VERBS)} {b} {rng.choice(DAYS)} over {rng.choice(TOPICS)}."
    if kind == 1:
        return (f"\"We will not accept any change to {rng.choice(TOPICS)},\" said {person}, "
                f"the {adj} {role}.")
    if kind == 2:
        return (f"{adj} officials said {rng.choice(DAYS)} that talks with {b} on "
                f"{rng.choice(TOPICS)} would continue next month.")
    return (f"The {role} of {a}, {person}, told reporters that {b} had {rng.choice(VERBS)} "
            f"its neighbours and that the dispute over {rng.choice(TOPICS)} was far from over.")


def own_corpus(folder: Path, n: int, *, seed: int = 7) -> list[str]:
    """n synthetic articles of 4 paragraphs (~250 words each), as text files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        head = _sentence(rng).rstrip(".")
        paras = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(4)]
        p = folder / f"art{i:05d}.txt"
        p.write_text(head + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


class RssSampler:
    """Peak RSS of each worker process, sampled in a thread.

    Helper processes are left out: the pool's forkserver (a child of this
    process; its workers are its children) and multiprocessing's resource tracker.
    """

    def __init__(self, interval: float = 0.1):
        self.interval, self.peak, self.helpers = interval, {}, set()
        self.cpu: dict[int, float] = {}  # latest user+system seconds of each worker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for p in me.children(recursive=True):
                try:
                    if p.pid in self.helpers:
                        continue
                    cmd = " ".join(p.cmdline())
                    if p.children() or "resource_tracker" in cmd or (
                            "forkserver" in cmd and p.ppid() == me.pid):
                        self.helpers.add(p.pid)
                        self.peak.pop(p.pid, None)
                        continue
                    rss = p.memory_info().rss
                    t = p.cpu_times()
                except psutil.Error:
                    continue
                self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)
                self.cpu[p.pid] = t.user + t.system
            self._stop.wait(self.interval)

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def workers(self) -> list[int]:
        return sorted(self.peak.values(), reverse=True)

    def cpu_seconds(self) -> float:
        """Workers' CPU seconds so far (sampled now, not at the last tick)."""
        for pid in list(self.cpu):
            try:
                t = psutil.Process(pid).cpu_times()
                self.cpu[pid] = t.user + t.system
            except psutil.Error:
                pass
        return sum(self.cpu.values())


def run_pool(paths: list[str], workers: int, batch_size: int) -> tuple[float, float, list[int]]:
    """(articles/s, articles per worker CPU-second, peak RSS of each worker)."""
    with RssSampler() as rss, AnalysisPool(workers=workers, batch_size=batch_size) as pool:
        # start every worker (model load) before timing: measure steady throughput
        list(pool.map(read_paths(paths[:workers * batch_size], ReadOptions())))
        time.sleep(0.3)
        c0, t0 = rss.cpu_seconds(), time.perf_counter()
        n = sum(1 for _ in pool.map(read_paths(paths, ReadOptions())))
        dt, cpu = time.perf_counter() - t0, rss.cpu_seconds() - c0
    assert n == len(paths)
    return len(paths) / dt, len(paths) / cpu, rss.workers()


def _warm_up() -> bool:
    import datasketch  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    from newsgraph.parse import load_model
    return bool(load_model())


def run_dask(paths: list[str], workers: int, out: Path, shard_size: int
             ) -> tuple[float, float, list[int]]:
    from distributed import Client

    from newsgraph.scale.batch import make_local_cluster

    with RssSampler() as rss:
        cluster = make_local_cluster(workers)  # what `newsgraph batch --local-cluster` uses
        client = Client(cluster)
        try:
            client.run(_warm_up)  # as the pool's warm-up: model and imports before timing
            time.sleep(0.3)
            c0, t0 = rss.cpu_seconds(), time.perf_counter()
            report = run_batch(paths, str(out), client=client,
                               options=BatchOptions(shard_size=shard_size))
            dt, cpu = time.perf_counter() - t0, rss.cpu_seconds() - c0
        finally:
            client.close()
            cluster.close()
    assert report.n_articles == len(paths), report
    return len(paths) / dt, len(paths) / cpu, rss.workers()


def one_round(paths: list[str], args, out: Path) -> dict:
    """Pool with 1 worker, pool with N, Dask with N, one after the other; prints each."""
    r1, c1, m1 = run_pool(paths, 1, args.batch_size)
    print(f"pool, 1 worker:  {r1:8.2f} articles/s   {c1:.2f} articles per worker CPU-second")
    rn, cn, mn = run_pool(paths, args.workers, args.batch_size)
    print(f"pool, {args.workers} workers: {rn:8.2f} articles/s   {cn:.2f} articles per worker "
          f"CPU-second   speed-up {rn / r1:.2f}x (goal >= {0.85 * args.workers:.1f}x)")
    rd, cd, md = run_dask(paths, args.workers, out, args.shard_size)
    print(f"dask LocalCluster, {args.workers} workers (Parquet shards of {args.shard_size}): "
          f"{rd:8.2f} articles/s   {cd:.2f} articles per worker CPU-second   "
          f"{rd / rn:.2f} of the pool's rate (goal: within 15%)")
    print("peak RSS per worker (GB): pool 1: " + ", ".join(f"{p / 2**30:.2f}" for p in m1)
          + "; pool N: " + ", ".join(f"{p / 2**30:.2f}" for p in mn)
          + "; dask: " + ", ".join(f"{p / 2**30:.2f}" for p in md)
          + f"   max {max(m1 + mn + md) / 2**30:.2f} (goal <= 1.5)")
    return {"r1": r1, "c1": c1, "speed-up": rn / r1, "dask/pool": rd / rn,
            "rss": max(m1 + mn + md)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--shard-size", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat the three runs; prints each round and the medians")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        paths = own_corpus(Path(tmp) / "in", args.n)
        words = sum(len(Path(p).read_text().split()) for p in paths)
        print(f"corpus: {args.n} synthetic articles, {words / args.n:.0f} words each on average; "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
        rounds = []
        for i in range(max(1, args.rounds)):
            if args.rounds > 1:
                print(f"-- round {i + 1} of {args.rounds}")
            rounds.append(one_round(paths, args, Path(tmp) / f"out{i}"))
        if len(rounds) > 1:
            def each(key: str) -> str:
                return ", ".join(f"{r[key]:.2f}" for r in rounds)

            def median(key: str) -> float:
                return statistics.median(r[key] for r in rounds)

            print(f"-- medians of {len(rounds)} rounds: speed-up {median('speed-up'):.2f}x "
                  f"(each: {each('speed-up')}); dask {median('dask/pool'):.2f} of the pool "
                  f"(each: {each('dask/pool')}); peak RSS per worker "
                  f"{max(r['rss'] for r in rounds) / 2**30:.2f} GB at most")
        r1 = statistics.median(r["r1"] for r in rounds)
        c1 = statistics.median(r["c1"] for r in rounds)
        for label, rate in (("wall clock, pool with 1 worker", r1),
                            ("worker CPU time, pool with 1 worker", c1)):
            hours = 1e7 / (rate * 3600)
            print(f"per-core rate ({label}): {rate:.2f} articles/s = {rate * 3600:,.0f} "
                  f"articles per core-hour; 10 million articles = {hours:,.0f} core-hours")
        print(f"load average {os.getloadavg()[0]:.2f} at end (when the load average exceeds "
              f"the {os.cpu_count()} cores, wall-clock rates are noisy and low)")


if __name__ == "__main__":
    main()
