"""Quality floors of the actors stage, scored by ../shared/eval/score.py actors.

Predictions come from the real entry point (``newsgraph analyze``) through the shared
session run in :mod:`evalkit`; skipped with a message when ../shared is absent.

- seed article (with --date 2022-01-08): countries F1 >= 0.95, persons F1 = 1, person-country = 1,
  person-role = 1, orgs F1 >= 0.80;
- GGT dev (the people named in 40 articles; partial lists, so recall): persons R >= 0.93, and
  persons F1 >= 0.93 so that spurious persons (common words the model tags PERSON, media
  credits, titles, places) stay out.
"""

from __future__ import annotations

import pytest

from evalkit import score

pytestmark = [pytest.mark.eval, pytest.mark.model]


def test_seed_actors_floors():
    got = score("actors", "seed")
    msg = got["_output"]
    assert got["countries F1"] >= 0.95, msg
    assert got["persons F1"] == 1.0, msg
    assert got["person-country"] == 1.0, msg
    assert got["person-role"] == 1.0, msg
    assert got["orgs F1"] >= 0.80, msg


def test_ggt_persons_recall_floor():
    got = score("actors", "quotes-ggt-dev")
    assert got["persons R"] >= 0.93, got["_output"]
    assert got["persons F1"] >= 0.93, got["_output"]
