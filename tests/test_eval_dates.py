"""Quality floor: the seed article's dates (score.py actors, --date 2022-01-08): 5/5."""

from __future__ import annotations

import pytest

from evalkit import score

pytestmark = [pytest.mark.eval, pytest.mark.model]


def test_seed_dates_floor():
    got = score("actors", "seed")
    assert "dates" in got, got["_output"]
    k, n = got["dates"]
    assert n == 5 and k >= 5, f"seed dates {k}/{n} below the floor 5/5\n{got['_output']}"
