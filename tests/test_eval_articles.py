"""Quality floors of reading and cleaning, scored by ../shared/eval/score.py.

Runs the pipeline (read + clean; the English stages are not needed for these
fields) on the gold sets and fails below each floor.  Skipped, with a message,
where ../shared is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from newsgraph.pipeline import Settings, analyze_documents
from newsgraph.readers import ReadOptions, read_paths

pytestmark = pytest.mark.eval

ARTICLES_FLOOR = 0.95  # all-fields on newsstand-dev
SEED_FLOOR = 1.0  # all-fields on the seed article
HTML_FLOOR = 0.96  # F1 macro on html-dev


def _predict(paths, out, **opts):
    with open(out, "w", encoding="utf-8") as f:
        for item in analyze_documents(read_paths([str(p) for p in paths], ReadOptions(**opts)),
                                      settings=Settings(english_stages=False)):
            if hasattr(item, "to_dict"):
                f.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    return out


def _score(eval_dir, kind, gold, pred):
    proc = subprocess.run([sys.executable, str(eval_dir / "score.py"), kind, "--gold", str(gold),
                           "--pred", str(pred)], capture_output=True, text=True, check=True)
    last = proc.stdout.strip().splitlines()[-1]
    print(last)
    return last


def test_newsstand_dev_all_fields(eval_dir, tmp_path):
    gold_dir = eval_dir / "gold"
    pred = _predict(sorted((gold_dir / "newsstand-dev").glob("*.txt")), tmp_path / "p.jsonl")
    last = _score(eval_dir, "articles", gold_dir / "newsstand-dev.gold.jsonl", pred)
    all_fields = float(re.search(r"all-fields=([\d.]+)", last).group(1))
    assert all_fields >= ARTICLES_FLOOR, last


def test_seed_all_fields(eval_dir, tmp_path):
    seed = eval_dir / "gold" / "seed"
    pred = _predict([seed / "bangkokpost-us-japan.txt"], tmp_path / "p.jsonl", date="2022-01-08")
    last = _score(eval_dir, "articles", seed / "seed.articles.gold.jsonl", pred)
    assert float(re.search(r"all-fields=([\d.]+)", last).group(1)) >= SEED_FLOOR, last


def test_html_dev_f1_macro(eval_dir, tmp_path):
    html_dir = eval_dir / "gold" / "html-dev"
    pred = _predict(sorted(html_dir.glob("*.html")), tmp_path / "p.jsonl")
    last = _score(eval_dir, "html", html_dir / "html-dev.gold.jsonl", pred)
    assert float(re.search(r"macro=([\d.]+)", last).group(1)) >= HTML_FLOOR, last
