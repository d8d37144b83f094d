"""What a quote is about: named in the quote, else its sentence, else its paragraph, else
the headline, ranked in that order; never the speaker's own mentions; words when no actor
has the name; and a speaker given by full name is that one person."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from newsgraph import KnowledgeBase
from newsgraph.cli import app
from newsgraph.errors import QueryError
from newsgraph.models import Span

from webkb import _Builder, build_kb


def _with_sentences(b: _Builder):
    """The quotes of ``b`` with the span of the sentence each starts in."""
    out = []
    for q in b.quotes:
        para = next(p for p in b.article.paragraphs if p.start <= q.start <= p.end)
        start = para.start
        for m in re.finditer(r"(?<=[.!?])\s+", b.text[para.start:para.end]):
            if para.start + m.end() <= q.start:
                start = para.start + m.end()
        m = re.search(r"[.!?](?=\s|$)", b.text[q.end:para.end])
        end = q.end + m.end() if m else para.end
        out.append(replace(q, sentence=Span(start, end)))
    b.quotes = out
    return b.build()


def _articles():
    b = _Builder(
        "pm-advice", "Prime minister defends Iraq advice",
        ["Tony Blair defended the legal advice on Monday. Mr Blair said he acted in good faith.",
         "Asked about Iraq, Mr Blair said the decision had been right.",
         "Critics in Iraq disagreed. Mr Blair said that history would judge him.",
         "Mr Blair said Iraq was safer.",
         "Iraq said it would cooperate with inspectors."],
        published="2004-03-02", publication="The Northern Ledger")
    b.actor("person:tony-blair", "Tony Blair", "person", "Tony Blair", "Mr Blair", country="GBR")
    b.actor("IRQ", "Iraq", "country", "Iraq", country="IRQ")
    for text in ("he acted in good faith", "the decision had been right",
                 "history would judge him"):
        b.quote(text, "person:tony-blair", "Mr Blair", "said", kind="indirect")
    b.quote("Iraq was safer", "person:tony-blair", "Mr Blair", "said", kind="indirect",
            about=("IRQ",))
    b.quote("it would cooperate with inspectors", "IRQ", "Iraq said", "said", kind="indirect")
    # the builder finds each speaker at its first occurrence in the text: point each at
    # the one just before its quote
    spans = [m.start() for m in re.finditer("Mr Blair", b.text)]
    fixed = []
    for q in b.quotes:
        if q.speaker and q.speaker.actor == "person:tony-blair":
            s = max(x for x in spans if x < q.start)
            q = replace(q, speaker=replace(q.speaker, start=s, end=s + 8))
        elif q.speaker and q.speaker.actor == "IRQ":
            s = b.text.index("Iraq said")
            q = replace(q, speaker=replace(q.speaker, start=s, end=s + 4))
        fixed.append(q)
    b.quotes = fixed
    pm = _with_sentences(b)

    b = _Builder("police", "Police chief on patrols",
                 ["Sir Ian Blair said more officers would patrol the streets."],
                 published="2004-03-05", publication="Pacific Daily")
    b.actor("person:ian-blair", "Ian Blair", "person", "Sir Ian Blair", country="GBR")
    b.quote("more officers would patrol the streets", "person:ian-blair", "Sir Ian Blair",
            "said", kind="indirect")
    police = _with_sentences(b)
    return [pm, police]


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = build_kb(tmp_path_factory.mktemp("about") / "kb.db", _articles())
    with KnowledgeBase(str(path)) as k:
        yield k


def test_about_ranks_quote_sentence_paragraph_headline(kb):
    got = [(q.text, q.about_match) for q in kb.quotes(by="Tony Blair", about="Iraq")]
    assert got == [("Iraq was safer", "quote"), ("the decision had been right", "sentence"),
                   ("history would judge him", "paragraph"),
                   ("he acted in good faith", "headline")]


@pytest.mark.parametrize("scope,n", [("quote", 1), ("sentence", 2), ("paragraph", 3),
                                     ("headline", 4)])
def test_about_in_stops_at_a_level(kb, scope, n):
    assert kb.quotes(by="Tony Blair", about="IRQ", about_in=scope).total == n


def test_a_quote_is_not_about_its_own_speaker(kb):
    said = {q.text for q in kb.quotes(about="Iraq")}
    assert "it would cooperate with inspectors" not in said  # Iraq says it, about itself
    assert "it would cooperate with inspectors" in {q.text for q in kb.quotes(by="Iraq")}


def test_about_words_when_no_actor_has_the_name(kb):
    got = [(q.text, q.about_match) for q in kb.quotes(by="Tony Blair", about="legal advice")]
    assert got == [("he acted in good faith", "paragraph")]
    with pytest.raises(QueryError) as err:
        kb.quotes(about="zeppelins")
    assert err.value.code == "E520" and "no article with the words" in err.value.message


def test_a_full_name_is_one_speaker_and_a_shared_surname_lists_both(kb):
    assert {q.speaker.name for q in kb.quotes(by="Tony Blair")} == {"Tony Blair"}
    assert [q.text for q in kb.quotes(by="Ian Blair")] == [
        "more officers would patrol the streets"]
    with pytest.raises(QueryError) as err:
        kb.quotes(by="Blair")
    assert err.value.code == "E522"
    assert "Tony Blair (person:tony-blair)" in err.value.message
    assert "Ian Blair (person:ian-blair)" in err.value.message


def test_the_cli_says_the_level_and_the_candidates(kb):
    r = CliRunner().invoke(app, ["quotes", "--by", "Tony Blair", "--about", "Iraq", "--format",
                                 "csv", "--db", kb.path])
    assert r.exit_code == 0, r.output
    assert [row["about_match"] for row in csv.DictReader(io.StringIO(r.stdout))] == [
        "quote", "sentence", "paragraph", "headline"]
    r = CliRunner().invoke(app, ["quotes", "--by", "Blair", "--db", kb.path])
    assert r.exit_code == 2 and "[E522]" in r.stderr and "Ian Blair" in r.stderr
