"""Quality floors of the event stage on the shared gold sets (issue 5), scored by score.py."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import require_shared
from events_util import jsonl_articles, predict

pytestmark = [pytest.mark.eval, pytest.mark.model]


def _score(eval_dir, gold, pred) -> str:
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), "events", "--gold", str(gold),
                          "--pred", str(pred)], capture_output=True, text=True, check=True)
    return out.stdout


def _f1(text: str) -> tuple[float, float]:
    m = re.search(r"events: F1 type=([\d.]+) full=([\d.]+)", text)
    assert m, text
    return float(m.group(1)), float(m.group(2))


def test_seed_article_events(tmp_path):
    eval_dir = require_shared()
    from newsgraph.pipeline import analyze

    seed = eval_dir / "gold" / "seed"
    a = analyze(seed / "bangkokpost-us-japan.txt", published="2022-01-08")
    pred = tmp_path / "seed.jsonl"
    import json
    pred.write_text(json.dumps(a.to_dict()) + "\n", encoding="utf-8")
    text = _score(eval_dir, seed / "seed.events.gold.jsonl", pred)
    typ, full = _f1(text)
    m = re.search(r"modality accuracy on full matches: \d+/\d+ = ([\d.]+)", text)
    assert m, text
    assert typ >= 0.85 and full >= 0.75 and float(m.group(1)) >= 0.80, text


def test_plover_dev_sentences(tmp_path):
    eval_dir = require_shared()
    gold = eval_dir / "gold" / "events-plover-dev.gold.jsonl"
    pred = tmp_path / "plover.jsonl"
    predict(jsonl_articles(eval_dir / "gold" / "events-plover-dev.input.jsonl"), pred)
    text = _score(eval_dir, gold, pred)
    typ, full = _f1(text)
    assert typ >= 0.70, text
    assert full >= 0.60, text


def test_event_free_sentences(tmp_path):
    eval_dir = require_shared()
    gold = eval_dir / "gold" / "events-negatives-dev.gold.jsonl"
    pred = tmp_path / "neg.jsonl"
    predict(jsonl_articles(eval_dir / "gold" / "events-negatives-dev.input.jsonl"), pred)
    text = _score(eval_dir, gold, pred)
    m = re.search(r"events predicted on event-free sentences: (\d+) over (\d+) sentences", text)
    assert m, text
    assert int(m.group(1)) <= 6, text
