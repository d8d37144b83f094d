"""Near-duplicate grouping benchmark: a full ``dedupe`` and an incremental one.

Builds a knowledge base of ``-n`` synthetic articles (``benchmarks/corpus.py``)
of which about a third are wire copies (another publication, another headline,
the last paragraph cut or a paragraph added, published the same day or the next),
stored with ``newsgraph ingest --no-analysis``, then times in a child process
each (the child's peak RSS over its RSS before the call, ``/proc`` VmHWM):

1. ``update_clusters()`` over the whole knowledge base (signs every article and
   groups them: a first ``newsgraph dedupe``);
2. the same again with nothing new;
3. after ``--new`` more articles (new stories, their copies and copies of stored
   stories): ``update_clusters()`` -- the incremental run ``watch`` makes each cycle;
4. ``update_clusters(threshold=0.8)`` (a threshold other than the stored one).

and checks that the knowledge base's ``cluster_id`` equals a from-scratch
grouping of all signatures in memory (``newsgraph.scale.dedupe.cluster``).

    python benchmarks/dedupe.py                  # 20,000 articles, then 500 new
    python benchmarks/dedupe.py -n 2000 --new 100
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from memory import memory, reset_peak  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001

PUBLICATIONS = ("Harbour Courier", "Valley Ledger", "Morning Star", "Evening Dispatch",
                "Coast Observer", "River Gazette")


def _copies(rec: dict, rng: random.Random, k: int, tag: str) -> list[dict]:
    """``k`` wire copies of a record, each edited as papers edit agency copy."""
    out = []
    paras = rec["text"].split("\n\n")
    for j in range(k):
        body = list(paras)
        edit = rng.randrange(3)
        if edit == 0 and len(body) > 4:
            body = body[:-1]  # the last paragraph cut
        elif edit == 1:
            body.append(f"The {rng.choice(PUBLICATIONS)} asked both governments for "
                        f"comment on the report {tag}-{j} but had no answer by the deadline.")
        out.append({**rec, "id": f"{rec['id']}-{tag}{j}",
                    "headline": f"{rec['headline']} ({rng.choice(PUBLICATIONS)})",
                    "publication": rng.choice(PUBLICATIONS),
                    "url": f"{rec['url']}/{tag}{j}",
                    "published": rec["published"] if rng.random() < 0.7 else
                    _next_day(rec["published"]),
                    "text": "\n\n".join(body)})
    return out


def _next_day(day: str) -> str:
    from datetime import date, timedelta
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def corpus(n: int, *, seed: int, tag: str, old: list[dict] | None = None) -> list[dict]:
    """About ``n`` records: stories and their copies (and copies of ``old`` records)."""
    import corpus as gen

    rng = random.Random(seed)
    out: list[dict] = []
    stories = gen.articles(10 * n, seed=seed)
    while len(out) < n:
        if old and rng.random() < 0.2:
            out += _copies(rng.choice(old), rng, 1, tag + "o")
            continue
        rec = next(stories)
        rec["id"] = f"{rec['id']}-{tag}"
        out.append(rec)
        if rng.random() < 0.25:
            out += _copies(rec, rng, rng.randint(1, 4), tag)
    return out[:n]


def _write(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


def _ingest(db: Path, path: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsgraph", "ingest", "--no-analysis", "--quiet",
                    "--workers", "1", "--db", str(db), str(path)], cwd=ROOT, check=True)
    return time.perf_counter() - t


# -- the child: one update_clusters call -------------------------------------------------

def child(args) -> int:
    from dataclasses import asdict

    from newsgraph import KnowledgeBase

    with KnowledgeBase(args.db) as kb:
        if args.check:
            print(json.dumps(_check(kb)))
            return 0
        kb.conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        import newsgraph.scale.clusters  # noqa: F401  (imports measured apart: numpy, datasketch)
        if not reset_peak():
            raise OSError("cannot reset the peak RSS (/proc/self/clear_refs)")
        _, before = memory()
        options = {"threshold": args.threshold} if args.threshold else {}
        t = time.perf_counter()
        r = kb.update_clusters(**options)
        secs = time.perf_counter() - t
        peak, _ = memory()
    print(json.dumps({"seconds": secs, "peak_mb": peak, "before_mb": before, **asdict(r)}))
    return 0


def _check(kb) -> dict:
    """Is ``cluster_id`` what a from-scratch grouping of every signature gives?"""
    from newsgraph.scale.dedupe import DedupeOptions, cluster, representatives

    opts = DedupeOptions()
    sigs = dict(kb.conn.execute("SELECT article_id, signature FROM article_signatures "
                                "WHERE scheme = ?", (opts.scheme(),)))
    published = dict(kb.conn.execute("SELECT id, published FROM articles"))
    want = representatives(cluster(sigs, options=opts).values(), published)
    have = dict(kb.conn.execute("SELECT id, cluster_id FROM articles "
                                "WHERE cluster_id IS NOT NULL"))
    return {"identical": want == have, "clustered": len(have), "differ": sum(
        want.get(k) != have.get(k) for k in set(want) | set(have))}


def _step(db: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", "--db", str(db), *extra],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=20_000)
    ap.add_argument("--new", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--threshold", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    work = Path(tempfile.mkdtemp(prefix="newsgraph-dedupe-bench-"))
    print(f"newsgraph dedupe benchmark: {args.articles:,} articles, then {args.new:,} new; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    base = corpus(args.articles, seed=args.seed, tag="a")
    more = corpus(args.new, seed=args.seed + 1, tag="b", old=base)
    _write(work / "base.jsonl", base)
    _write(work / "new.jsonl", more)
    db = work / "kb.db"
    secs = _ingest(db, work / "base.jsonl")
    print(f"  ingest {len(base):,} articles (--no-analysis): {secs:.1f}s")
    del base

    def show(label: str, r: dict) -> None:
        print(f"  {label}: {r['seconds']:.2f}s, peak RSS {r['peak_mb']:.0f} MB "
              f"(+{r['peak_mb'] - r['before_mb']:.0f} MB over {r['before_mb']:.0f}); "
              f"{r['n_signed']:,} signed, {r['n_articles']:,} with a signature, "
              f"{r['n_clusters']:,} stories with copies, {r['n_clustered']:,} articles in them")

    show("full dedupe (first run)", _step(db))
    show("again, nothing new", _step(db))
    print(f"  check: {_step(db, '--check')}")
    print(f"  ingest {len(more):,} new articles: {_ingest(db, work / 'new.jsonl'):.1f}s")
    show(f"incremental, {len(more):,} new", _step(db))
    print(f"  check: {_step(db, '--check')}")
    show("--threshold 0.8 (regroup)", _step(db, "--threshold", "0.8"))
    show("--threshold 0.5 (regroup)", _step(db, "--threshold", "0.5"))
    print(f"  database {db.stat().st_size / 2**20:.0f} MB; work folder {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
