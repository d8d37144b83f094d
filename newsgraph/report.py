"""A readable report of analysed articles: in the terminal (rich) or as one HTML page.

Both renderings are built from :func:`article_view`, a plain dictionary per article:
metadata with where each value came from, headline, deck, dateline, byline, body,
captions and credits, then the actors, quotes and events the stages found, each
with the sentence it came from.  Sections show whatever the stages produced.
The HTML page is standalone (inline CSS, no scripts, fonts or images from
elsewhere) and every piece of article text in it is escaped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from .models import Analysis

__all__ = ["article_view", "render_html", "print_report", "sentence_at"]

_SENTENCE_END = re.compile(r"""[.!?][\"'\u201d\u2019)]*(?=\s|$)""")
_ORIGIN_WORDS = {
    "record": "from the input record", "sidecar": "from the sidecar file",
    "manifest": "from the manifest", "path": "from the file's path", "url": "from the URL",
    "option": "from --date", "footer": "from the footer", "header": "from the header",
    "html": "from the page's metadata", "detected": "detected",
}


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence (within its line) around ``text[start:end]``."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    s = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, line_end)
    e = m.end() if m else line_end
    while s < start and text[s].isspace():
        s += 1
    return s, max(e, end)


def _snippet(text: str, start: int, end: int, sentence: tuple[int, int] | None = None
             ) -> dict[str, str]:
    s, e = sentence or sentence_at(text, start, end)
    s, e = min(s, start), max(e, end)
    return {"before": text[s:start].lstrip(), "match": text[start:end],
            "after": text[end:e].rstrip()}


def _origin(article, key: str) -> str | None:
    where = article.origin.get(key)
    return _ORIGIN_WORDS.get(where, where) if where else None


def article_view(analysis: Analysis) -> dict[str, Any]:
    """Everything a report shows about one analysed article, as plain values."""
    a = analysis.article
    text = a.text
    names = {act.id: act.name for act in analysis.actors}
    meta = [
        ("Publication", a.publication, _origin(a, "publication")),
        ("Published", a.published or "unknown", _origin(a, "published")),
        ("Country", a.country, _origin(a, "country")),
        ("Language", a.language, _origin(a, "language")),
        ("Dateline", a.dateline, None),
        ("Byline", a.byline, None),
        ("URL", a.url, _origin(a, "url")),
        ("Source", f"{a.source.path or '(text)'} ({a.source.format})", None),
        ("ID", a.id, None),
    ]
    actors = []
    for act in analysis.actors:
        first = act.mentions[0] if act.mentions else None
        actors.append({
            "name": act.name, "id": act.id, "kind": act.kind, "country": act.country,
            "roles": ", ".join(act.roles), "mentions": len(act.mentions),
            "sentence": _snippet(text, first.start, first.end) if first else None,
        })
    quotes = []
    for q in analysis.quotes:
        sp = q.speaker
        sent = (q.sentence.start, q.sentence.end) if q.sentence else None
        quotes.append({
            "text": q.text, "kind": q.kind,
            "speaker": (sp.name or (names.get(sp.actor) if sp.actor else None)) if sp else None,
            "cue": q.cue.text if q.cue else None,
            "sentence": _snippet(text, q.start, q.end, sent),
        })
    events = []
    for ev in analysis.events:
        events.append({
            "type": ev.type, "modality": ev.modality, "date": ev.date,
            "source": ", ".join(names.get(x, x) for x in ev.source) or "\u2014",
            "target": ", ".join(names.get(x, x) for x in ev.target) or "\u2014",
            "trigger": ev.trigger.text, "rule": ev.rule,
            "sentence": _snippet(text, ev.trigger.start, ev.trigger.end,
                                 (ev.sentence.start, ev.sentence.end)),
        })
    return {
        "id": a.id, "headline": a.headline, "deck": a.deck, "dateline": a.dateline,
        "byline": a.byline,
        "meta": [(k, v, o) for k, v, o in meta if v],
        "paragraphs": [text[p.start:p.end] for p in a.paragraphs],
        "captions": [{"text": c.text, "credit": c.credit} for c in a.captions],
        "actors": actors, "quotes": quotes, "events": events,
        "times": [{"text": t.text, "value": t.value} for t in analysis.times],
        "warnings": list(a.warnings) + list(analysis.warnings),
        "pipeline_version": analysis.pipeline_version,
    }


@lru_cache(maxsize=1)
def _template():
    from importlib.resources import files

    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    source = files("newsgraph").joinpath("templates/report.html").read_text(encoding="utf-8")
    return env.from_string(source)


def render_html(analyses: Iterable[Analysis], *, title: str = "newsgraph report") -> str:
    """One standalone HTML page reporting every article in ``analyses``."""
    from . import __version__

    views = [article_view(a) for a in analyses]
    return _template().render(title=title, articles=views, version=__version__)


def print_report(analyses: Iterable[Analysis], *, console=None) -> int:
    """Print a report of each article to the terminal; returns how many were printed."""
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    n = 0
    for analysis in analyses:
        v = article_view(analysis)
        n += 1
        head = Text(v["headline"] or "(no headline)", style="bold")
        if v["deck"]:
            head.append("\n" + v["deck"], style="italic")
        meta = Table.grid(padding=(0, 2))
        meta.add_column(style="dim")
        meta.add_column()
        for key, value, origin in v["meta"]:
            cell = Text(str(value))
            if origin:
                cell.append(f"  ({origin})", style="dim")
            meta.add_row(key, cell)
        body: list = []
        for i, p in enumerate(v["paragraphs"]):
            t = Text()
            if i == 0 and v["dateline"]:
                t.append(v["dateline"] + ": ", style="bold")
            t.append(p)
            if i < len(v["paragraphs"]) - 1:
                t.append("\n")
            body.append(t)
        parts: list = [head, meta, Rule(style="dim"), *body]
        if v["captions"]:
            parts.append(Rule("captions", style="dim"))
            for c in v["captions"]:
                t = Text(c["text"])
                t.append(f"  [{c['credit'] or 'no credit'}]", style="dim")
                parts.append(t)
        parts += _rich_sections(v, Text, Rule)
        if v["warnings"]:
            parts.append(Rule("warnings", style="dim"))
            parts += [Text(w, style="yellow") for w in v["warnings"]]
        console.print(Panel(Group(*parts), title=f"article {v['id'][:12]}", title_align="left"))
    return n


def _sentence_text(Text, snip) -> Any:
    t = Text(snip["before"], style="dim")
    t.append(snip["match"], style="bold")
    t.append(snip["after"], style="dim")
    return t


def _rich_sections(v, Text, Rule) -> list:
    """Actors, quotes and events: one heading line per item, then its sentence."""
    out: list = []
    sections = (
        ("actors", [(f"{a['name']}", ", ".join(x for x in (
            a["kind"], a["country"], a["roles"], f"{a['mentions']} mention"
            + ("s" if a["mentions"] != 1 else "")) if x), a["sentence"]) for a in v["actors"]]),
        ("quotes", [(q["speaker"] or "(speaker unknown)",
                     ", ".join(x for x in (q["kind"], q["cue"] and f"cue: {q['cue']}") if x),
                     q["sentence"]) for q in v["quotes"]]),
        ("events", [(e["type"], f"{e['source']} \u2192 {e['target']}, {e['modality']}"
                     + (f", {e['date']}" if e["date"] else ""), e["sentence"])
                    for e in v["events"]]),
    )
    for name, rows in sections:
        out.append(Rule(f"{name} ({len(rows)})", style="dim"))
        if not rows:
            out.append(Text(f"no {name} found", style="dim"))
        for head, detail, snip in rows:
            t = Text(head, style="bold")
            if detail:
                t.append(f"  {detail}", style="cyan")
            out.append(t)
            if snip:
                from rich.padding import Padding

                out.append(Padding(_sentence_text(Text, snip), (0, 0, 0, 4)))
    return out
