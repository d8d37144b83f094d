"""Events held back for a person's unknown state, released by `newsgraph link` (real pipeline;
synthetic articles written for this test)."""

from __future__ import annotations

import pytest

from newsgraph import KnowledgeBase
from newsgraph.link import link
from newsgraph.readers import ReadOptions

pytestmark = pytest.mark.model

FIRST = ("LONDON: Prime Minister Harold Pennington praised the new trade agreement on Monday.\n\n"
         "Mr Pennington spoke after a meeting with officials.\n")
LATER = ("Mr Pennington criticised Jonathan Okafor for his handling of the talks.\n\n"
         "Mr Okafor did not reply.\n")


def test_a_held_event_counts_for_the_state_once_link_knows_the_person(tmp_path):
    first, later = tmp_path / "first.txt", tmp_path / "later.txt"
    first.write_text(FIRST, encoding="utf-8")
    later.write_text(LATER, encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.ingest([str(first)], options=ReadOptions(date="2022-01-08"))
        kb.ingest([str(later)], options=ReadOptions(date="2022-02-10"))
        held = kb.conn.execute("SELECT event, persons FROM held_events").fetchall()
        assert held, "the later article alone cannot tell whom Mr Pennington acts for"
        assert not kb.events(type="ACCUSE").items
        report = link(kb.conn)
        assert report.released == len(held)
        accuse = kb.events(type="ACCUSE", source="GBR").items
        assert len(accuse) == 1 and accuse[0].rule.endswith("+linked-state")
        assert not kb.conn.execute("SELECT count(*) FROM held_events").fetchone()[0]
        # the release is kept: a second run finds nothing more to release
        assert link(kb.conn).released == 0
