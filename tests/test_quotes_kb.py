"""Quotes in the knowledge base: the query mixin and the `newsgraph quotes` command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from pathlib import Path

import pytest

from newsgraph.errors import QueryError
from newsgraph.models import Actor, Analysis, Article, Cue, Mention, Quote, Source, Span, Speaker
from newsgraph import KnowledgeBase


def _analysis(aid: str, text: str, published: str, quotes: list[tuple[str, str, str, str]],
              actors: list[tuple[str, str, str, str]]) -> Analysis:
    """quotes: (content, speaker id, speaker name, speaker mention); actors: (id, name, kind, mention)."""
    art = Article(aid, Source(None, "text", aid), text, (Span(0, len(text)),),
                  published=published, publication="Test Times", language="en")
    acts = []
    for actor_id, name, kind, mention in actors:
        s = text.index(mention)
        acts.append(Actor(actor_id, name, kind, mentions=(Mention(s, s + len(mention), mention),)))
    qs = []
    for content, spk_id, spk_name, mention in quotes:
        s, m = text.index(content), text.index(mention + " said")
        about = tuple(a.id for a in acts if any(s <= x.start and x.end <= s + len(content)
                                                 for x in a.mentions))
        cue = text.index("said", m) if "said" in text[m:] else None
        qs.append(Quote(s, s + len(content), content, "direct",
                        Speaker(spk_id, spk_name, m, m + len(mention)),
                        Cue("said", cue, cue + 4) if cue is not None else None, about=about,
                        sentence=Span(0, len(text)), rule="quotes.rules.v1:test"))
    return Analysis(art, actors=tuple(acts), quotes=tuple(qs), pipeline_version="test")


TEXT_A = "“Norland must talk to Eastland,” Helen Marsh said on Monday."
TEXT_B = "“The budget is sound,” Tom Baker said. “Norland will grow,” he said."


@pytest.fixture()
def kb_path(tmp_path):
    path = tmp_path / "kb.db"
    with KnowledgeBase(str(path)) as kb:
        kb.store(_analysis("a1", TEXT_A, "2024-03-04",
                           [("Norland must talk to Eastland", "person:helen-marsh", "Helen Marsh",
                             "Helen Marsh")],
                           [("person:helen-marsh", "Helen Marsh", "person", "Helen Marsh"),
                            ("NRL", "Norland", "country", "Norland"),
                            ("EST", "Eastland", "country", "Eastland")]))
        kb.store(_analysis("b1", TEXT_B, "2024-05-20",
                           [("The budget is sound", "person:tom-baker", "Tom Baker", "Tom Baker"),
                            ("Norland will grow", "person:tom-baker", "Tom Baker", "he")],
                           [("person:tom-baker", "Tom Baker", "person", "Tom Baker"),
                            ("NRL", "Norland", "country", "Norland")]))
    return path


def test_quotes_by_speaker_id_or_name(kb_path):
    with KnowledgeBase(str(kb_path)) as kb:
        assert [q.text for q in kb.quotes(by="person:tom-baker")] == [
            "The budget is sound", "Norland will grow"]
        assert [q.text for q in kb.quotes(by="marsh")] == ["Norland must talk to Eastland"]
        with pytest.raises(QueryError) as err:  # an unknown speaker says so, never 0 quotes
            kb.quotes(by="nobody")
        assert err.value.code == "E520"
        q = kb.quotes(by="Baker")[1]
        assert q.to_dict()["speaker"] == {"actor": "person:tom-baker", "name": "Tom Baker",
                                          "start": TEXT_B.index("he said"),
                                          "end": TEXT_B.index("he said") + 2}
        assert TEXT_B[q.start:q.end] == q.text


def test_quotes_about_an_actor(kb_path):
    with KnowledgeBase(str(kb_path)) as kb:
        # named in the quote first (newest first), then named in the quote's sentence
        about = kb.quotes(about="NRL")
        assert [(q.article_id, q.about_match) for q in about] == [
            ("b1", "quote"), ("a1", "quote"), ("b1", "sentence")]
        assert [q.text for q in about][2] == "The budget is sound"
        assert [q.article_id for q in kb.quotes(about="NRL", about_in="quote")] == ["b1", "a1"]
        assert [q.text for q in kb.quotes(about="Eastland")] == ["Norland must talk to Eastland"]
        assert [(q.text, q.about_match) for q in kb.quotes(by="Baker", about="Norland")] == [
            ("Norland will grow", "quote"), ("The budget is sound", "sentence")]


def test_quotes_in_a_date_range(kb_path):
    with KnowledgeBase(str(kb_path)) as kb:
        assert {q.article_id for q in kb.quotes(since="2024-04-01")} == {"b1"}
        assert {q.article_id for q in kb.quotes(until="2024-03-04")} == {"a1"}
        assert {q.article_id for q in kb.quotes(until="2024-05")} == {"a1", "b1"}
        assert kb.quotes(since="2024-03-05", until="2024-05-19").total == 0
        with pytest.raises(QueryError) as err:
            kb.quotes(since="last week")
        assert err.value.code == "E505"


def test_quotes_are_not_cut_silently(kb_path):
    with KnowledgeBase(str(kb_path)) as kb:
        every = kb.quotes()
        assert len(every) == every.total == 3 and every.complete
        first = kb.quotes(limit=2)
        assert (len(first), first.total, first.summary()) == (2, 3, "first 2 of 3 quotes")


ROOT = Path(__file__).resolve().parent.parent


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "newsgraph", "quotes", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_cli_json_csv_and_text(kb_path):
    out = _cli("--db", str(kb_path), "--by", "Baker", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["items"]
    assert [r["text"] for r in rows] == ["The budget is sound", "Norland will grow"]
    out = _cli("--db", str(kb_path), "--about", "NRL", "--since", "2024-01-01", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["speaker"], r["about_match"]) for r in table] == [
        ("Tom Baker", "quote"), ("Helen Marsh", "quote"), ("Tom Baker", "sentence")]
    assert table[1]["about"].split() == ["NRL", "EST"]
    out = _cli("--db", str(kb_path), "--about", "NRL", "--about-in", "quote", "--csv")
    assert [r["speaker"] for r in csv.DictReader(io.StringIO(out.stdout))] == [
        "Tom Baker", "Helen Marsh"]
    out = _cli("--db", str(kb_path), "--by", "Marsh")
    assert "Helen Marsh" in out.stdout and "“Norland must talk to Eastland”" in out.stdout


def test_cli_bad_date_and_missing_kb(kb_path, tmp_path):
    out = _cli("--db", str(kb_path), "--until", "soon")
    assert out.returncode == 2 and "[E505]" in out.stderr
    out = _cli("--db", str(tmp_path / "none.db"))
    assert out.returncode == 2 and "[E404]" in out.stderr
