"""Quality floors of the event stage on the shared gold sets, scored by score.py.

Predictions come from the real CLI (``newsgraph analyze``) through tests/evalkit.py, made
once per session and shared with the other stages' floors.
"""

from __future__ import annotations

import pytest

from evalkit import score

pytestmark = [pytest.mark.eval, pytest.mark.model]


def test_seed_article_events():
    f = score("events", "seed")
    assert f["type"] >= 0.85, f["_output"]
    assert f["full"] >= 0.75, f["_output"]
    assert f["modality"] >= 0.80, f["_output"]


def test_plover_dev_sentences():
    f = score("events", "events-plover-dev")
    assert f["type"] >= 0.85, f["_output"]
    assert f["full"] >= 0.68, f["_output"]


def test_real_news_articles():
    """Whole BBC articles coded by hand at article level (floors at the measured figures,
    rounded down)."""
    f = score("events", "events-bbc-dev")
    assert f["type"] >= 0.68 and f["type P"] >= 0.75, f["_output"]
    assert f["full"] >= 0.53, f["_output"]
    assert f["named"] >= 0.40, f["_output"]


def test_event_free_sentences():
    f = score("events", "events-negatives-dev")
    assert f["event_free"] <= 6, f["_output"]
