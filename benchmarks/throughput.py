"""Throughput of the full pipeline against bare spaCy, in one run of one process.

    python benchmarks/throughput.py [--repeat N] [--limit N]

Articles: the GGT dev input texts when ../shared/eval exists, else the bundled examples/
plus a synthetic corpus.  Both sides use the same model (newsgraph.parse.load_model) on the
same article texts (the cleaned text the pipeline parses):

- bare:  ``nlp.pipe(texts, batch_size=32)``, consumed;
- full:  ``newsgraph.pipeline.analyze_documents`` over the documents: clean, parse and every
  stage the project has (actors, timex, quotes, events).

Prints both rates in articles/s, the ratio (goal >= 0.80), and each stage's share of the full
run's time, measured by wrapping the stage functions the pipeline calls.  The same rates in CPU
time of this process are printed too: on a machine shared with other work, wall-clock rates
move with the load, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph import actors, clean, events, parse, quotes, timex  # noqa: E402
from newsgraph.models import Failure  # noqa: E402
from newsgraph.pipeline import analyze_documents  # noqa: E402
from newsgraph.readers import ReadOptions, read_text  # noqa: E402

GGT = ROOT.parent / "shared" / "eval" / "gold" / "quotes-ggt-dev.input.jsonl"


def synthetic(n: int, seed: int = 7) -> list[str]:
    """News-like articles written from templates (no third-party text)."""
    rng = random.Random(seed)
    people = ["Maria Olsen", "David Park", "Nina Kovacs", "Peter Aldana", "Laura Chen", "Omar Haddad"]
    states = ["Japan", "the United States", "Brazil", "Kenya", "Germany", "India", "North Korea"]
    roles = ["foreign minister", "defence minister", "spokesperson", "trade envoy", "analyst"]
    verbs = ["criticised", "praised", "met", "warned", "signed a deal with", "accused"]
    out = []
    for _ in range(n):
        paras = []
        for _p in range(rng.randint(6, 12)):
            a, b = rng.sample(states, 2)
            who, role = rng.choice(people), rng.choice(roles)
            paras.append(f"{a[0].upper() + a[1:]} {rng.choice(verbs)} {b} on Tuesday, and {a}'s {role}, "
                         f"{who}, said the talks would continue. “We will not give up,” {who.split()[1]} "
                         f"said. {b[0].upper() + b[1:]} said it would respond next week.")
        out.append("\n\n".join(paras))
    return out


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    if GGT.is_file():
        texts = [json.loads(line)["text"] for line in GGT.read_text(encoding="utf-8").splitlines() if line.strip()]
        what = f"GGT dev input texts ({GGT})"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
        texts += synthetic(60)
        what = "bundled examples/ plus 60 synthetic articles"
    return what, texts[:limit] if limit else texts


STAGES = ((clean, "clean"), (parse, "parse_many"), (actors, "extract_actors"), (timex, "extract_times"),
          (quotes, "extract_quotes"), (events, "code_events"))
LABELS = {"clean": "clean", "parse_many": "parse", "extract_actors": "actors", "extract_times": "timex",
          "extract_quotes": "quotes", "code_events": "events"}


class Timer:
    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)

    def wrap(self, module, name: str, label: str) -> None:
        fn = getattr(module, name)

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.total[label] += time.perf_counter() - t0

        setattr(module, name, timed)

    def wrap_gen(self, module, name: str, label: str) -> None:
        fn = getattr(module, name)

        def timed(*args, **kwargs):
            it = fn(*args, **kwargs)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.total[label] += time.perf_counter() - t0
                    return
                self.total[label] += time.perf_counter() - t0
                yield item

        setattr(module, name, timed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="pass over the articles N times (default 1)")
    ap.add_argument("--limit", type=int, default=None, help="use the first N articles only")
    ap.add_argument("--rounds", type=int, default=1,
                    help="alternate bare and full N times and keep each side's fastest (default 1)")
    args = ap.parse_args(argv)

    what, texts = load_texts(args.limit)
    texts = texts * args.repeat
    model = parse.load_model()
    nlp = model.nlp
    docs = [read_text(t, ReadOptions(format="text"), id=f"bench-{i}") for i, t in enumerate(texts)]
    cleaned = [clean.clean(d).text for d in docs]
    chars = sum(len(t) for t in cleaned)

    # warm-up on a few articles, both sides, outside the timings
    for _ in nlp.pipe(cleaned[:4]):
        pass
    for _ in analyze_documents(docs[:4]):
        pass

    originals = {(m, name): getattr(m, name) for m, name in STAGES}
    bare = full = bare_cpu = full_cpu = float("inf")
    best: dict[str, float] = {}
    failures = 0
    for _round in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(cleaned, batch_size=32):
            pass
        bare = min(bare, time.perf_counter() - t0)
        bare_cpu = min(bare_cpu, time.process_time() - c0)

        timer = Timer()
        for (m, name), fn in originals.items():
            setattr(m, name, fn)
        for m, name in STAGES:
            (timer.wrap_gen if name == "parse_many" else timer.wrap)(m, name, LABELS[name])
        t0, c0 = time.perf_counter(), time.process_time()
        failures = sum(isinstance(r, Failure) for r in analyze_documents(docs))
        took = time.perf_counter() - t0
        full_cpu = min(full_cpu, time.process_time() - c0)
        if took < full:
            full, best = took, dict(timer.total)
    for (m, name), fn in originals.items():
        setattr(m, name, fn)
    timer.total = best

    n = len(texts)
    print(f"articles: {n} from {what}; {chars} characters; model {model.describe()}; "
          f"rounds {args.rounds} (fastest of each side)")
    print(f"bare spaCy nlp.pipe: {n / bare:.2f} articles/s ({bare:.2f} s)")
    print(f"full pipeline:       {n / full:.2f} articles/s ({full:.2f} s; {failures} failures)")
    other = full - sum(timer.total.values())
    for label in ("clean", "parse", "actors", "timex", "quotes", "events"):
        s = timer.total.get(label, 0.0)
        print(f"  {label:<7} {s:7.3f} s  {100 * s / full:5.1f}% of full  {100 * s / bare:5.1f}% of bare")
    print(f"  {'other':<7} {other:7.3f} s  {100 * other / full:5.1f}% of full")
    print(f"CPU time of this process: bare {n / bare_cpu:.2f} articles/s ({bare_cpu:.2f} s), "
          f"full {n / full_cpu:.2f} articles/s ({full_cpu:.2f} s), ratio {bare_cpu / full_cpu:.3f}")
    print(f"ratio full/bare: {bare / full:.3f} (goal >= 0.80)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
