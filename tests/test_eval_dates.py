"""Quality floor: the seed article's dates (score.py actors, --date 2022-01-08): 5/5."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.eval, pytest.mark.model]


def test_seed_dates_floor(eval_dir, tmp_path):
    from newsgraph.pipeline import analyze

    seed = eval_dir / "gold" / "seed"
    analysis = analyze(seed / "bangkokpost-us-japan.txt", published="2022-01-08")
    pred = tmp_path / "seed.jsonl"
    pred.write_text(json.dumps(analysis.to_dict()) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), "actors",
         "--gold", str(seed / "seed.actors.gold.jsonl"), "--pred", str(pred)],
        capture_output=True, text=True, check=True).stdout
    m = re.search(r"^dates: (\d+)/(\d+)", out, re.M)
    assert m, out
    k, n = int(m.group(1)), int(m.group(2))
    assert n == 5 and k >= 5, f"seed dates {k}/{n} below the floor 5/5\n{out}"
