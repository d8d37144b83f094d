"""Quality floors of the actors stage, scored by ../shared/eval/score.py actors.

- seed article (with --date 2022-01-08): countries F1 >= 0.95, persons F1 = 1, person-country = 1,
  person-role = 1, orgs F1 >= 0.80;
- GGT dev (the people named in 40 articles; partial lists, so recall): persons R >= 0.93.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.models import Failure
from newsgraph.pipeline import analyze_documents
from newsgraph.readers import ReadOptions, read_paths, read_text

pytestmark = [pytest.mark.eval, pytest.mark.model]

LAST = re.compile(r"actors: countries F1=(?P<countries>[\d.]+) persons F1=(?P<persons>[\d.]+) "
                  r"persons R=(?P<persons_r>[\d.]+) person-country=(?P<country>[\d.]+) "
                  r"person-role=(?P<role>[\d.]+) orgs F1=(?P<orgs>[\d.]+)")


def _score(eval_dir: Path, gold: Path, records, tmp_path: Path) -> dict[str, float]:
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for rec in records:
            assert not isinstance(rec, Failure), str(rec)
            f.write(json.dumps(rec.to_dict()) + "\n")
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), "actors", "--gold", str(gold),
                          "--pred", str(pred)], capture_output=True, text=True, check=True).stdout
    m = LAST.search(out.strip().splitlines()[-1])
    assert m, out
    return {k: float(v) for k, v in m.groupdict().items()}


def test_seed_actors_floors(eval_dir, tmp_path):
    seed = eval_dir / "gold" / "seed"
    docs = read_paths([str(seed / "bangkokpost-us-japan.txt")], ReadOptions(date="2022-01-08"))
    got = _score(eval_dir, seed / "seed.actors.gold.jsonl", analyze_documents(docs), tmp_path)
    assert got["countries"] >= 0.95, got
    assert got["persons"] == 1.0, got
    assert got["country"] == 1.0, got
    assert got["role"] == 1.0, got
    assert got["orgs"] >= 0.80, got


def test_ggt_persons_recall_floor(eval_dir, tmp_path):
    gold = eval_dir / "gold"
    docs = []
    for line in (gold / "quotes-ggt-dev.input.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        docs.append(read_text(rec["text"], ReadOptions(format="text"), id=rec["id"]))
    got = _score(eval_dir, gold / "actors-ggt-dev.gold.jsonl", analyze_documents(docs), tmp_path)
    assert got["persons_r"] >= 0.93, got
