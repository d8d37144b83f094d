"""Reports: one standalone, escaped HTML page, and a terminal rendering (no model needed)."""

from __future__ import annotations

import io
import re

from rich.console import Console

from newsgraph.clean import clean
from newsgraph.models import (Actor, Analysis, Cue, Event, Mention, Quote, Span, Speaker,
                              Trigger)
from newsgraph.readers import ReadOptions, read_text
from newsgraph.report import article_view, print_report, render_html, sentence_at

NASTY = "<script>alert('x')</script>"
TEXT = f"""The <b>Courier</b> & Co

Talks on {NASTY} resume

-

OSLO: Norway and Sweden agreed to talks. "We will meet again," Ms Berg said.

A second paragraph mentions Norway.

 ?? AFP ?? A <img src=x onerror=alert(1)> caption.
AFP A <img src=x onerror=alert(1)> caption.

Newspapers in English

Newspapers from Norway
"""


def _analysis():
    art = clean(read_text(TEXT, ReadOptions(format="newsstand", date="2024-01-02")))
    t = art.text
    s = t.index("Norway and")
    nor = Actor("NOR", "Norway", "country", "NOR", mentions=(Mention(s, s + 6, "Norway"),))
    swe_at = t.index("Sweden")
    swe = Actor("SWE", "Sweden", "country", "SWE",
                mentions=(Mention(swe_at, swe_at + 6, "Sweden"),))
    q0 = t.index("We will")
    q1 = q0 + len("We will meet again,")
    b0 = t.index("Ms Berg")
    quote = Quote(q0, q1, t[q0:q1], "direct", Speaker(None, "Berg", b0, b0 + 7),
                  Cue("said", b0 + 8, b0 + 12))
    a0 = t.index("agreed")
    sent = sentence_at(t, a0, a0 + 6)
    ev = Event("AGREE", ("NOR",), ("SWE",), "asserted", Trigger("agreed", a0, a0 + 6),
               Span(*sent), "events.rules.v1:test", 0.9)
    return Analysis(art, actors=(nor, swe), quotes=(quote,), events=(ev,), pipeline_version="v")


def test_sentence_at():
    t = "First one. Second one here! Third.\nNew line."
    i = t.index("one here")
    assert t[slice(*sentence_at(t, i, i + 3))] == "Second one here!"
    i = t.index("New")
    assert t[slice(*sentence_at(t, i, i + 3))] == "New line."


def test_view_has_every_section():
    v = article_view(_analysis())
    assert v["dateline"] == "OSLO" and v["headline"].startswith("Talks on")
    assert dict((k, o) for k, _, o in v["meta"])["Published"] == "from --date"
    assert [a["name"] for a in v["actors"]] == ["Norway", "Sweden"]
    assert v["actors"][0]["sentence"]["match"] == "Norway"
    assert v["quotes"][0]["speaker"] == "Berg"
    assert v["events"][0]["source"] == "Norway" and v["events"][0]["target"] == "Sweden"
    ev = v["events"][0]["sentence"]
    assert ev["before"] + ev["match"] + ev["after"] == "Norway and Sweden agreed to talks."


def test_html_is_standalone_and_escaped():
    page = render_html([_analysis()])
    assert page.startswith("<!DOCTYPE html>")
    assert NASTY not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "The &lt;b&gt;Courier&lt;/b&gt; &amp; Co" in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
    assert "url(" not in page and "@import" not in page
    for needle in ("OSLO", "AFP", "Norway", "Berg", "AGREE", "from --date", "<mark>agreed</mark>",
                   "Captions (1)", "Actors (2)", "Quotes (1)", "Events (1)"):
        assert needle in page, needle


def test_html_with_no_stage_output_says_so():
    art = _analysis().article
    page = render_html([Analysis(art)])
    assert "no actors found" in page and "no quotes found" in page and "no events found" in page


def test_terminal_report():
    buf = io.StringIO()
    n = print_report([_analysis()], console=Console(file=buf, width=120, color_system=None))
    out = buf.getvalue()
    assert n == 1
    for needle in ("Talks on", "OSLO", "Publication", "The <b>Courier</b> & Co", "AFP",
                   "actors (2)", "quotes (1)", "events (1)", "AGREE", "Berg", "from --date"):
        assert needle in out, needle
