"""End to end: ingest synthetic articles through the real pipeline, then link."""

from __future__ import annotations

import pytest

from newsgraph.link import link
from newsgraph.readers import ReadOptions
from newsgraph import KnowledgeBase

pytestmark = pytest.mark.model

FIRST = ("TOKYO: Japan's foreign minister, Yoshimasa Hayashi, said on Tuesday that Japan "
         "would raise defence spending.\n\nHayashi spoke after a meeting with officials.\n")
LATER = ("SEOUL: Mr Hayashi met South Korean officials yesterday, the ministry said.\n\n"
         "The talks lasted two hours.\n")


def test_later_bare_surname_links_through_ingest(tmp_path):
    first, later = tmp_path / "first.txt", tmp_path / "later.txt"
    first.write_text(FIRST, encoding="utf-8")
    later.write_text(LATER, encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.ingest([str(first)], options=ReadOptions(date="2022-01-08"))
        kb.ingest([str(later)], options=ReadOptions(date="2022-02-10"))
        rows = kb.conn.execute("SELECT article_id, actor_id, name, country FROM article_actors "
                               "WHERE kind = 'person'").fetchall()
        assert any(r["name"] == "Yoshimasa Hayashi" and r["country"] == "JPN" for r in rows), rows
        bare = [r for r in rows if r["name"] in ("Hayashi", "Mr Hayashi")]
        assert bare and all(r["country"] is None for r in bare), rows  # the article alone can't tell
        report = link(kb.conn)
        assert report.articles == 2 and report.surnames_linked >= 1
        hayashi = kb.actor("Hayashi")
        assert hayashi.id == "person:yoshimasa-hayashi" and hayashi.country == "JPN"
        assert (hayashi.first_seen, hayashi.last_seen) == ("2022-01-08", "2022-02-10")
        assert hayashi.n_articles == 2
        assert {m.published for m in kb.actor_mentions(hayashi.id)} == {"2022-01-08", "2022-02-10"}
        assert any("foreign minister" in r.role for r in kb.actor_roles_seen(hayashi.id))
