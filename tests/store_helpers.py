"""Small synthetic analyses for the knowledge-base tests (written for these tests)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from newsgraph.models import (Actor, Analysis, Article, Caption, Cue, Event, Mention, Quote,
                              Source, Span, Speaker, TimeExpr, Trigger)


def make_article(body: str, *, id: str | None = None, headline: str = "Ministers meet",
                 path: str | None = "in/a.txt", record: int | None = None,
                 publication: str = "Harbour Gazette", country: str = "NZ",
                 language: str = "en", published: str = "2022-01-08",
                 caption: str | None = None) -> Article:
    text = f"{headline}\n\n{body}"
    body_span = Span(len(headline) + 2, len(text))
    captions = ()
    if caption:
        start = len(text) + 2
        text = f"{text}\n\n{caption}"
        captions = (Caption(caption, "AFP", start, len(text)),)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id or sha, Source(path, "text", sha, record), text, (body_span,), captions,
                   headline=headline, headline_span=Span(0, len(headline)), byline="By A. Writer",
                   dateline="WELLINGTON", publication=publication, language=language,
                   country=country, published=published, url="https://example.org/a",
                   origin={"published": "record"}, warnings=("a reader warning",))


def make_analysis(body: str = "The United States and Japan agreed on Friday to hold talks, "
                  "Mr Tanaka said.",
                  **kw) -> Analysis:
    """An analysis with an actor, a role, a quote and an event whose offsets are real."""
    art = make_article(body, **kw)
    t = art.text

    def span(s: str) -> tuple[int, int]:
        i = t.index(s)
        return i, i + len(s)

    us, jp, tanaka = span("United States"), span("Japan"), span("Tanaka")
    agreed, said = span("agreed"), span("said")
    body_span = art.paragraphs[0]
    actors = (
        Actor("USA", "United States", "country", country="USA",
              mentions=(Mention(*us, "United States"),)),
        Actor("JPN", "Japan", "country", country="JPN", mentions=(Mention(*jp, "Japan"),)),
        Actor("person:tanaka", "Tanaka", "person", country="JPN", roles=("foreign minister",),
              mentions=(Mention(*tanaka, "Tanaka", "surname"),)),
    )
    q_start, q_end = span(body.split(",")[0])
    quotes = (Quote(q_start, q_end, t[q_start:q_end], "indirect",
                    Speaker("person:tanaka", "Tanaka", *tanaka), Cue("said", *said),
                    about=("USA", "JPN"), sentence=body_span, rule="quotes.rules.v1:test"),)
    events = (Event("AGREE", ("USA", "JPN"), ("JPN",), "asserted", Trigger("agreed", *agreed),
                    body_span, "events.rules.v1:test", 0.8, date="2022-01-07",
                    date_granularity="day"),)
    friday = span("on Friday") if "on Friday" in t else None
    times = (TimeExpr("Friday", friday[0] + 3, friday[1], "2022-01-07", "day"),) if friday else ()
    return Analysis(art, times=times, actors=actors, quotes=quotes, events=events,
                    warnings=("an analysis warning",), pipeline_version="test-pipeline-1")


def committed(db: Path) -> int | None:
    """Articles committed so far, read from another connection (None: no table yet)."""
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
