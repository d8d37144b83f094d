"""Watch benchmark against a local web: prints the figures of one run.

This process serves a web of ``--hosts`` news sites on 127.0.0.1 (each host a
virtual host behind the server, reached as the watcher's HTTP proxy; half of
them publish an RSS feed, half a sitemap).  A child process runs the watcher
through its Python API (``newsgraph.watch.run_cycle``) on a fresh knowledge
base and reports after each cycle; pages are synthetic articles of
``benchmarks/corpus.py`` (people, quotes, datelines) in an HTML page.

1. No NLP: cycle 1 finds ``-n`` pages and fetches, reads (trafilatura) and
   stores them (``--no-analysis``): pages/s through fetch, extract and store.
   Cycles 2-10 each find ``-n``/10 new pages (the feeds and sitemaps grow):
   the child's peak RSS in each cycle (VmHWM, reset before the cycle), and
   cycle 10's against cycle 2's (goal: within 10%), and the seconds of the
   cycle's ``dedupe`` step (``KnowledgeBase.update_clusters``, incremental: it
   groups the cycle's new articles into the stored stories).  The same run again
   without ``dedupe`` (``--no-dedupe``), to show what ``dedupe`` adds.
2. With NLP: one cycle over ``--nlp-pages`` pages with the full analysis.

    python benchmarks/watch.py                     # 20 hosts, 5,000 pages
    python benchmarks/watch.py -n 1000 --nlp-pages 50
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from memory import memory, reset_peak  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001


# -- the web (this process) ---------------------------------------------------------

def _page(rec: dict, site: str) -> bytes:
    paras = "\n".join(f"<p>{escape(p.strip())}</p>" for p in rec["text"].split("\n") if p.strip())
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(rec['headline'])}</title>"
            f'<meta property="og:site_name" content="{escape(site)}">'
            f'<meta property="article:published_time" content="{rec["published"]}T06:00:00Z">'
            f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{escape(rec['headline'])}</h1>\n{paras}\n</article>"
            f"<footer>{escape(site)}</footer></body></html>").encode()


class Web:
    """``hosts`` sites; ``publish(k)`` adds k pages, spread over the hosts."""

    def __init__(self, hosts: int, seed: int):
        import corpus
        from watch_server import LocalWeb, Route

        self.Route = Route
        self.local = LocalWeb()
        self.hosts = [f"news{i:02d}.example.com" for i in range(hosts)]
        self.pages: dict[str, list[str]] = {h: [] for h in self.hosts}
        self.records = corpus.articles(10_000_000, seed=seed)
        self.n = 0
        for i, h in enumerate(self.hosts):
            kind = "feed.xml" if i % 2 == 0 else "sitemap.xml"
            ctype = "application/rss+xml" if kind == "feed.xml" else "application/xml"
            self.local.add(f"http://{h}/{kind}",
                           Route(functools.partial(self._listing, h), content_type=ctype))

    def sources(self) -> str:
        return "".join(f"http://{h}/{'feed.xml' if i % 2 == 0 else 'sitemap.xml'}  "
                       f"Site {i:02d}\n" for i, h in enumerate(self.hosts))

    def _listing(self, host: str) -> bytes:
        from watch_server import rss, sitemap

        urls = self.pages[host]
        if self.hosts.index(host) % 2 == 0:
            return rss(urls).encode()
        return sitemap(urls).encode()

    def publish(self, k: int) -> None:
        for _ in range(k):
            host = self.hosts[self.n % len(self.hosts)]
            rec = next(self.records)
            url = f"http://{host}/world/{rec['published'].replace('-', '/')}/story-{self.n}"
            self.local.add(url, self.Route(_page(rec, host)))
            self.pages[host].append(url)
            self.n += 1


# -- the watcher (child process) ----------------------------------------------------

def child(args) -> int:
    import logging

    from newsgraph import KnowledgeBase
    from newsgraph.watch import (FetchSettings, Fetcher, WatchSettings, parse_sources,
                                 run_cycle)

    for name in ("trafilatura", "courlan", "htmldate"):
        logging.getLogger(name).setLevel(logging.ERROR)
    specs, _ = parse_sources(Path(args.sources).read_text())
    settings = WatchSettings(
        fetch=FetchSettings(proxy=args.proxy, delay=0.0, per_host=args.per_host,
                            concurrency=args.concurrency, timeout=30, retries=1),
        analysis=args.analysis, batch=100, dedupe=not args.no_dedupe)
    with KnowledgeBase(args.db) as kb, Fetcher(settings.fetch) as fetcher:
        dedupe_seconds = []
        update_clusters = kb.update_clusters

        def timed_update_clusters(**options):  # what the cycle's `dedupe` step takes
            t = time.perf_counter()
            try:
                return update_clusters(**options)
            finally:
                dedupe_seconds.append(time.perf_counter() - t)

        kb.update_clusters = timed_update_clusters
        for cycle in range(1, args.cycles + 1):
            if cycle > 1:
                sys.stdin.readline()  # the parent has published the next pages
            reset = reset_peak()
            failures = []
            dedupe_seconds.clear()
            r = run_cycle(kb, specs, settings, fetcher=fetcher, on_failure=failures.append)
            peak, rss = memory()
            out = r.to_dict() | {"peak_mb": peak, "rss_mb": rss, "peak_reset": reset,
                                 "dedupe_seconds": sum(dedupe_seconds),
                                 "failures": [str(f) for f in failures[:5]]}
            sys.stdout.write(json.dumps(out) + "\n")
            sys.stdout.flush()
    return 0


# -- the run ------------------------------------------------------------------------

def run(web: Web, work: Path, *, name: str, pages: int, cycles: int, analysis: bool,
        args, dedupe: bool = True) -> list[dict]:
    db = work / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    sources = work / "sources.txt"
    sources.write_text(web.sources())
    web.publish(pages)
    cmd = [sys.executable, __file__, "--child", "--db", str(db), "--sources", str(sources),
           "--proxy", web.local.proxy, "--cycles", str(cycles),
           "--per-host", str(args.per_host), "--concurrency", str(args.concurrency)]
    if analysis:
        cmd.append("--analysis")
    if not dedupe:
        cmd.append("--no-dedupe")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    out = []
    for cycle in range(1, cycles + 1):
        line = proc.stdout.readline()
        if not line:
            break
        r = json.loads(line)
        out.append(r)
        rate = r["stored"] / r["seconds"] if r["seconds"] else 0.0
        rate_store = r["stored"] / r["store_seconds"] if r["store_seconds"] else 0.0
        print(f"  {name} cycle {cycle:2d}: {r['found']:5,} new URLs, stored {r['stored']:5,}, "
              f"failed {r['failed']}, {r['requests']:5,} requests, {r['seconds']:5.1f}s "
              f"({rate:6.1f} pages/s; fetch+extract+store {rate_store:6.1f}/s; link+dedupe "
              f"{r['after_seconds']:.1f}s, dedupe {r['dedupe_seconds']:.2f}s); "
              f"peak RSS {r['peak_mb']:.0f} MB")
        for f in r["failures"]:
            print(f"    {f}")
        if cycle < cycles:
            web.publish(max(1, pages // 10) if cycle >= 1 else pages)
            proc.stdin.write("go\n")
            proc.stdin.flush()
    proc.wait()
    return out


def _count(least: int):
    def parse(value: str) -> int:
        n = int(value)
        if n < least:
            raise argparse.ArgumentTypeError(f"must be at least {least}, not {n}")
        return n
    return parse


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--pages", type=_count(1), default=5000)
    ap.add_argument("--hosts", type=_count(1), default=20)
    ap.add_argument("--cycles", type=_count(1), default=10)
    ap.add_argument("--nlp-pages", type=_count(0), default=200, help="0: no NLP run")
    ap.add_argument("--per-host", type=_count(1), default=4)
    ap.add_argument("--concurrency", type=_count(1), default=16)
    ap.add_argument("--seed", type=int, default=0)
    # the child
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--sources", help=argparse.SUPPRESS)
    ap.add_argument("--proxy", help=argparse.SUPPRESS)
    ap.add_argument("--analysis", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-dedupe", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    work = Path(tempfile.mkdtemp(prefix="newsgraph-watch-bench-"))
    print(f"newsgraph watch benchmark: {args.hosts} hosts, {args.pages:,} pages, "
          f"{args.cycles} cycles (+{max(1, args.pages // 10):,} pages each after the first), "
          f"NLP on {args.nlp_pages} pages; --per-host {args.per_host}, --concurrency "
          f"{args.concurrency}, --delay 0; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f}")
    web = Web(args.hosts, args.seed)
    with web.local:
        t = time.perf_counter()
        plain = run(web, work, name="no NLP", pages=args.pages, cycles=args.cycles,
                    analysis=False, args=args)
    web = Web(args.hosts, args.seed)
    with web.local:
        bare = run(web, work, name="no NLP, no dedupe", pages=args.pages, cycles=args.cycles,
                   analysis=False, args=args, dedupe=False)
    nlp = []
    if args.nlp_pages:
        web = Web(args.hosts, args.seed + 1)
        with web.local:
            nlp = run(web, work, name="NLP", pages=args.nlp_pages, cycles=1, analysis=True,
                      args=args)
    print("results:")
    if plain:
        first = plain[0]
        print(f"  no NLP, cycle 1: {first['stored']:,} of {args.pages:,} pages stored in "
              f"{first['seconds']:.1f}s: {first['stored'] / first['seconds']:.1f} pages/s "
              f"(fetch+extract+store {first['stored'] / first['store_seconds']:.1f}/s; "
              f"reading the sources {first['read_seconds']:.1f}s, link+dedupe "
              f"{first['after_seconds']:.1f}s)")
    for label, runs in (("with dedupe (as `watch` runs)", plain),
                        ("without dedupe (--no-dedupe)", bare)):
        if len(runs) >= 10:
            p2, p10 = runs[1]["peak_mb"], runs[9]["peak_mb"]
            print(f"  memory {label}: peak RSS in cycle 2 {p2:.0f} MB, in cycle 10 "
                  f"{p10:.0f} MB: {100 * (p10 / p2 - 1):+.1f}% (goal within 10%)"
                  + ("" if runs[1]["peak_reset"] else " [peak could not be reset: the peak "
                     "since the start]"))
            print("    peak RSS by cycle (MB): " + ", ".join(f"{r['peak_mb']:.0f}" for r in runs))
            if any(r["dedupe_seconds"] for r in runs):
                print("    dedupe by cycle (s): " + ", ".join(f"{r['dedupe_seconds']:.2f}"
                                                          for r in runs))
    if nlp:
        r = nlp[0]
        print(f"  with NLP: {r['stored']:,} of {args.nlp_pages:,} pages in {r['seconds']:.1f}s: "
              f"{r['stored'] / r['seconds']:.2f} pages/s (fetch+extract+analyse+store "
              f"{r['stored'] / r['store_seconds']:.2f}/s), peak RSS {r['peak_mb']:.0f} MB")
    print(f"  total {time.perf_counter() - t:.0f}s; work folder {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
