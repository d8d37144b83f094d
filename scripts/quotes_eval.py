"""Predict quotes for a JSONL corpus (id, text, ...) and score them with ../shared/eval.

    python scripts/quotes_eval.py [INPUT.jsonl GOLD.jsonl] [--pred OUT.jsonl] [--show-errors N]

Defaults to the GGT dev set.  Articles are built from the records as they are
(text unchanged), so offsets agree with the gold's; this stands in for
``newsgraph analyze INPUT --format jsonl`` until the JSONL reader is on main.
Prints the scorer's output; its last line is the summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.models import Analysis, Article, Source, Span  # noqa: E402
from newsgraph.pipeline import analyze_articles  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def article_from_record(rec: dict, path: str, n: int) -> Article:
    text = rec["text"]
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    paras, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paras.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return Article(str(rec["id"]), Source(path, "jsonl", sha, n), text, tuple(paras),
                   publication=rec.get("publication"), language=rec.get("language"),
                   published=rec.get("published"), url=rec.get("url"))


def predict(input_path: str | Path, pred_path: str | Path) -> int:
    """Write one analysis record per input record; returns the number written."""
    with open(input_path, encoding="utf-8") as f:
        arts = [article_from_record(json.loads(line), str(input_path), n)
                for n, line in enumerate(f, 1) if line.strip()]
    n = 0
    with open(pred_path, "w", encoding="utf-8") as out:
        for result in analyze_articles(arts):
            if isinstance(result, Analysis):
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            else:
                print(result, file=sys.stderr)
    return n


def score(gold: str | Path, pred: str | Path, show_errors: int = 0) -> str:
    cmd = [sys.executable, str(EVAL / "score.py"), "quotes", "--gold", str(gold), "--pred", str(pred)]
    if show_errors:
        cmd += ["--show-errors", str(show_errors)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", default=str(EVAL / "gold" / "quotes-ggt-dev.input.jsonl"))
    ap.add_argument("gold", nargs="?", default=str(EVAL / "gold" / "quotes-ggt-dev.gold.jsonl"))
    ap.add_argument("--pred", default="/tmp/pred-quotes.jsonl")
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args(argv)
    predict(args.input, args.pred)
    print(score(args.gold, args.pred, args.show_errors), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
