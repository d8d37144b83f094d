"""Article text with actors, quotes and event triggers highlighted in place.

The markup is built from offsets only: the text is cut at every span boundary,
each piece is escaped, and the tags of the spans covering a piece are opened
before it and closed after it, so the result is well-formed whatever the spans
overlap.  Spans whose offsets do not fit the text are left out and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from markupsafe import Markup, escape

from ..errors import NewsgraphError

__all__ = ["Highlight", "highlight", "spans_of_article"]

#: Nesting order of the layers, outermost first.
LAYERS = ("quote", "speaker", "trigger", "mention")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span to mark: ``layer`` is one of :data:`LAYERS`."""

    start: int
    end: int
    layer: str
    css: str = ""
    href: str | None = None
    title: str | None = None
    anchor: str | None = None  # element id placed where the span starts
    label: str | None = None  # a short visible note placed where the span starts
    label_href: str | None = None


def _open(h: Highlight) -> str:
    cls = f"hl {h.layer} {h.css}".strip()
    title = f' title="{escape(h.title)}"' if h.title else ""
    if h.href:
        return f'<a class="{escape(cls)}" href="{escape(h.href)}"{title}>'
    return f'<span class="{escape(cls)}"{title}>'


def _close(h: Highlight) -> str:
    return "</a>" if h.href else "</span>"


def _label(h: Highlight) -> str:
    text = escape(h.label)
    if h.label_href:
        return f'<a class="label {escape(h.layer)}" href="{escape(h.label_href)}">{text}</a>'
    return f'<span class="label {escape(h.layer)}">{text}</span>'


_BREAKS = re.compile(r"\n+")


def _piece(text: str, paragraphs: bool) -> str:
    out = str(escape(text))
    if paragraphs:  # each run of line breaks starts a paragraph (the breaks are kept)
        out = _BREAKS.sub(lambda m: f'<span class="pb">{m.group(0)}</span>', out)
    return out


def highlight(text: str, spans: Iterable[Highlight], *,
              paragraphs: bool = False) -> tuple[Markup, list[str]]:
    """Escape ``text`` and mark ``spans`` in it; returns the markup and warnings.
    ``paragraphs``: line breaks become paragraph breaks (``<span class="pb">``)."""
    warnings: list[str] = []
    ok: list[Highlight] = []
    for h in spans:
        if h.layer not in LAYERS:
            raise NewsgraphError(f"unknown highlight layer {h.layer!r}", code="E560")
        if not (0 <= h.start < h.end <= len(text)):
            warnings.append(f"{h.layer} span [{h.start}, {h.end}) lies outside the text")
            continue
        ok.append(h)
    starts: dict[int, list[Highlight]] = {}
    for h in ok:
        starts.setdefault(h.start, []).append(h)
    cuts = sorted({0, len(text), *(h.start for h in ok), *(h.end for h in ok)})
    active: list[Highlight] = []
    out: list[str] = []
    opened: tuple[Highlight, ...] = ()
    for i, pos in enumerate(cuts[:-1]):
        active = [h for h in active if h.end > pos]
        new = starts.get(pos, [])
        active.extend(new)
        # the innermost (latest-starting, then shortest) span of each layer wins
        chosen = []
        for layer in LAYERS:
            cands = [h for h in active if h.layer == layer]
            if cands:
                chosen.append(max(cands, key=lambda h: (h.start, -h.end)))
        chosen_t = tuple(chosen)
        marks = [h for h in new if h.anchor or h.label]
        if chosen_t != opened or marks:
            keep = 0  # tags still open that stay open: the common prefix
            if not marks:
                while (keep < min(len(opened), len(chosen_t))
                       and opened[keep] is chosen_t[keep]):
                    keep += 1
            out.extend(_close(h) for h in reversed(opened[keep:]))
            for h in sorted(marks, key=lambda h: LAYERS.index(h.layer)):
                if h.anchor:
                    out.append(f'<span class="anchor" id="{escape(h.anchor)}"></span>')
                if h.label:
                    out.append(_label(h))
            out.extend(_open(h) for h in chosen_t[keep:])
            opened = chosen_t
        out.append(_piece(text[pos:cuts[i + 1]], paragraphs))
    out.extend(_close(h) for h in reversed(opened))
    return Markup("".join(out)), warnings


def spans_of_article(article: dict[str, Any], *, actor_href: Callable[[str], str],
                     names: dict[str, str]) -> list[Highlight]:
    """Highlights for a stored article with its analysis (``StoredArticle.to_dict()``)."""
    spans: list[Highlight] = []
    for actor in article["actors"]:
        href = actor_href(actor["kb_id"])
        title = actor["name"] + (f" ({actor['country']})" if actor.get("country") else "")
        for m in actor["mentions"]:
            spans.append(Highlight(m["start"], m["end"], "mention", css=actor["kind"] or "",
                                   href=href, title=title))
    for q in article["quotes"]:
        sp = q["speaker"] or {}
        who = sp.get("name") or names.get(sp.get("actor") or "") or "unattributed"
        spans.append(Highlight(q["start"], q["end"], "quote", css=q["kind"],
                               title=f"{q['kind']} quote: {who}", anchor=f"q{q['seq']}",
                               label=who, label_href=f"#quote-{q['seq']}"))
        if sp.get("start") is not None and sp.get("end") is not None:
            spans.append(Highlight(sp["start"], sp["end"], "speaker", title=f"speaker: {who}"))
    for e in article["events"]:
        start, end = e["trigger_start"], e["trigger_end"]
        if start is None or end is None:
            continue
        src = ", ".join(names.get(i, i) for i in e["source"]) or "?"
        tgt = ", ".join(names.get(i, i) for i in e["target"]) or "?"
        note = f"{e['type']} {src} → {tgt}"
        if e["modality"] != "asserted":
            note += f" ({e['modality']})"
        spans.append(Highlight(start, end, "trigger", css=e["type"].lower(),
                               title=note, anchor=f"e{e['seq']}", label=note,
                               label_href=f"#event-{e['seq']}"))
    return spans
