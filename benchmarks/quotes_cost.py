"""What the quote stage adds to the pipeline's time per article.

    python benchmarks/quotes_cost.py [INPUT.jsonl] [--repeat N]

Parses the articles once with ``nlp.pipe`` (timed), runs the actors stage on
each, then times ``extract_quotes`` alone over the same parsed articles
(best of N runs).  Prints the seconds of each and the quote stage's time as a
share of parse + actors + timex + events (the rest of the pipeline).  One run's
figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph import actors, events, timex  # noqa: E402
from newsgraph.models import Article, Source, Span  # noqa: E402
from newsgraph.parse import load_model  # noqa: E402
from newsgraph.quotes import extract_quotes  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "gold" / "quotes-ggt-dev.input.jsonl"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with open(args.input, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    arts = [Article(str(i), Source(None, "text", str(i)), t, (Span(0, len(t)),))
            for i, t in enumerate(texts)]
    nlp = load_model().nlp
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    indexes = [actors.extract_actors(a, d) for a, d in zip(arts, docs)]
    t_actors = time.perf_counter() - t0
    t0 = time.perf_counter()
    times = [timex.extract_times(a, d) for a, d in zip(arts, docs)]
    t_timex = time.perf_counter() - t0

    best = float("inf")
    n_quotes = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        found = [extract_quotes(a, d, ix) for a, d, ix in zip(arts, docs, indexes)]
        best = min(best, time.perf_counter() - t0)
        n_quotes = sum(map(len, found))
    t0 = time.perf_counter()
    for a, d, ix, tm, q in zip(arts, docs, indexes, times, found):
        events.extract_events(a, d, ix, times=tm, quotes=q)
    t_events = time.perf_counter() - t0

    rest = t_parse + t_actors + t_timex + t_events
    words = sum(len(t.split()) for t in texts)
    print(f"articles: {len(texts)}  words: {words}  quotes found: {n_quotes}")
    print(f"parse (nlp.pipe): {t_parse:.3f} s   actors: {t_actors:.3f} s   timex: {t_timex:.3f} s"
          f"   events: {t_events:.3f} s")
    print(f"quotes (best of {args.repeat}): {best:.3f} s = {1000 * best / len(texts):.2f} ms/article")
    print(f"quote stage / parse: {best / t_parse:.3f}")
    print(f"quote stage / rest of pipeline: {best / rest:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
