#!/usr/bin/env bash
# Run every gold set in ../shared/eval through newsgraph and print the scorer's lines.
#   bash scripts/eval.sh [OUT_DIR]     (predictions are kept in OUT_DIR, default /tmp/newsgraph-eval)
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared/eval; G=$S/gold; o=${1:-/tmp/newsgraph-eval}; mkdir -p "$o"
[ -f $S/score.py ] || { echo "eval.sh: $S not found" >&2; exit 2; }
ng() { .venv/bin/python -m newsgraph analyze "$@" --format jsonl; }
score() { python3 $S/score.py "$@"; }
ng $G/seed/bangkokpost-us-japan.txt --date 2022-01-08 > $o/seed.jsonl
for k in articles actors quotes events; do
  echo "seed $k: $(score $k --gold $G/seed/seed.$k.gold.jsonl --pred $o/seed.jsonl | grep -E '^(dates|modality)|: ' | tail -2 | tr '\n' ' ')"
done
ng $G/newsstand-dev/*.txt > $o/newsstand.jsonl 2>$o/newsstand.err || true
echo "newsstand-dev: $(score articles --gold $G/newsstand-dev.gold.jsonl --pred $o/newsstand.jsonl | tail -1)"
ng $G/html-dev/*.html > $o/html.jsonl 2>$o/html.err || true
echo "html-dev: $(score html --gold $G/html-dev/html-dev.gold.jsonl --pred $o/html.jsonl | tail -1)"
ng $G/quotes-ggt-dev.input.jsonl > $o/ggt.jsonl
echo "ggt quotes: $(score quotes --gold $G/quotes-ggt-dev.gold.jsonl --pred $o/ggt.jsonl | tail -1)"
echo "ggt actors: $(score actors --gold $G/actors-ggt-dev.gold.jsonl --pred $o/ggt.jsonl | tail -1)"
ng $G/events-plover-dev.input.jsonl > $o/plover.jsonl
echo "plover: $(score events --gold $G/events-plover-dev.gold.jsonl --pred $o/plover.jsonl | tail -1)"
ng $G/events-negatives-dev.input.jsonl > $o/negatives.jsonl
echo "negatives: $(score events --gold $G/events-negatives-dev.gold.jsonl --pred $o/negatives.jsonl | grep event-free)"
.venv/bin/python -c "
import json, sys
n = [len(json.loads(l)['events']) for l in open(sys.argv[1])]
print(f'ggt events per article: total {sum(n)} mean {sum(n)/len(n):.2f} max {max(n)}')" $o/ggt.jsonl
