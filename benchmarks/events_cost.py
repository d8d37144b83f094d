"""What the event stage adds to the pipeline's time per article (goal: at most 15%).

    python benchmarks/events_cost.py [JSONL ...] [--repeat N]

Default input: ../shared/eval/gold/quotes-ggt-dev.input.jsonl (40 news articles).
Parses every article once with ``nlp.pipe`` (timed), then times the stages after parsing
(actors, times, quotes) and the event stage separately over the same Docs, best of N runs.
Prints the figures of this one run; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph import actors as actors_stage  # noqa: E402
from newsgraph import events as events_stage  # noqa: E402
from newsgraph import quotes as quotes_stage  # noqa: E402
from newsgraph import timex as timex_stage  # noqa: E402
from newsgraph.models import Article, Source, Span  # noqa: E402
from newsgraph.parse import load_model  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "gold" / "quotes-ggt-dev.input.jsonl"


def articles(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    r = json.loads(line)
                    yield Article(r["id"], Source(str(path), "jsonl", r["id"], n), r["text"],
                                  (Span(0, len(r["text"])),), published=r.get("published"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    arts = list(articles(args.inputs))
    nlp = load_model().nlp
    events_stage.extract_events  # noqa: B018  (lexicon loads on first call, warmed below)
    best_parse = best_base = best_events = float("inf")
    n_events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe((a.text for a in arts), batch_size=32))
        t1 = time.perf_counter()
        staged = []
        for a, d in zip(arts, docs):
            idx = actors_stage.extract_actors(a, d)
            times = timex_stage.extract_times(a, d)
            quotes = quotes_stage.extract_quotes(a, d, idx)
            staged.append((a, d, idx, times, quotes))
        t2 = time.perf_counter()
        n_events = 0
        for a, d, idx, times, quotes in staged:
            n_events += len(events_stage.extract_events(a, d, idx, times=times, quotes=quotes))
        t3 = time.perf_counter()
        best_parse, best_base, best_events = (min(best_parse, t1 - t0), min(best_base, t2 - t1),
                                              min(best_events, t3 - t2))
    pipeline = best_parse + best_base
    per = 1000 / len(arts)
    print(f"articles: {len(arts)}  events found: {n_events}  repeats: {args.repeat} (best of)")
    print(f"parse (nlp.pipe):          {best_parse * per:8.2f} ms/article")
    print(f"actors+times+quotes:       {best_base * per:8.2f} ms/article")
    print(f"events:                    {best_events * per:8.2f} ms/article")
    print(f"event stage adds {best_events / pipeline:.1%} to the pipeline without it "
          f"({best_events / (pipeline + best_events):.1%} of the full pipeline's time)")


if __name__ == "__main__":
    main()
