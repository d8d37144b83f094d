"""Text contrast of the explorer: every colour the stylesheet and the charts give text
keeps at least 4.5:1 (WCAG 2.x, level AA for body text) against its background.

The stylesheet is read rule by rule: a rule that sets a text colour is checked
against its own background when it sets one, else against every background text
can sit on (the page, white panels and charts, the header for header rules); a
rule that sets a background without a colour is checked with the page's ink.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from newsgraph.web import charts

MIN_RATIO = 4.5


def _css() -> str:
    return resources.files("newsgraph.web").joinpath("static/style.css").read_text()


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)\s*\}", r"\1", css)  # inner rules
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                k, v = decl.split(":", 1)
                decls[k.strip()] = v.strip()
        out += [(sel.strip(), decls) for sel in selector.split(",")]
    return out


def _variables(rules) -> dict[str, str]:
    return {k: v for sel, d in rules if sel == ":root" for k, v in d.items() if k.startswith("--")}


def _colour(value: str, variables: dict[str, str]) -> str | None:
    """The hex colour a declaration names (None: not a plain colour, e.g. inherit)."""
    value = value.strip()
    m = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if m:
        value = variables[m.group(1)]
    m = re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", value)
    if not m:
        return None
    h = m.group(0)[1:]
    return "#" + ("".join(c * 2 for c in h) if len(h) == 3 else h).lower()


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(fg: str, bg: str) -> float:
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_the_ratio_is_wcag_s():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#ffffff", "#f16913") < 3.2  # the old orange event label: too pale


def _pairs() -> list[tuple[str, str, str]]:
    rules = _rules(_css())
    var = _variables(rules)
    ink, page, head = var["--ink"], var["--bg"], var["--head"]
    panels = [page, "#ffffff"] + [_colour(d.get("background", ""), var) for sel, d in rules
                                  if sel in (".new", ".text", "svg.chart")]
    pairs = []
    for sel, d in rules:
        fg = _colour(d.get("color", ""), var) or _colour(d.get("fill", ""), var)
        bg = _colour(d.get("background", "") or d.get("background-color", ""), var)
        if fg and bg:
            pairs.append((sel, fg, bg))
        elif fg:
            grounds = [head] if sel.startswith("header") else panels
            pairs += [(sel, fg, g) for g in grounds if g]
        elif bg and "color" not in d and sel not in ("svg.chart", ":root"):
            pairs.append((sel, ink, bg))
    return pairs


def test_every_text_colour_of_the_stylesheet_is_readable():
    pairs = _pairs()
    assert len(pairs) > 30  # the stylesheet was read
    low = [(sel, fg, bg, round(ratio(fg, bg), 2)) for sel, fg, bg in pairs
           if ratio(fg, bg) < MIN_RATIO]
    assert low == []


@pytest.mark.parametrize("selector", [".label.trigger", ".label.quote", "mark", ".t-accuse",
                                      ".hl.quote"])
def test_the_highlight_labels_were_checked(selector):
    assert any(sel == selector for sel, _, _ in _pairs())


def test_chart_text_is_readable():
    """The charts draw text in the stylesheet's colour for ``svg.chart text`` on white;
    their own text attributes name no other colour."""
    svg = str(charts.bars([("A", 3, None)])) + str(charts.network(
        [{"id": "a", "name": "A", "weight": 2}, {"id": "b", "name": "B", "weight": 1}],
        [{"source": "a", "target": "b", "weight": 1, "types": ["AID"], "quad": None}],
        href=lambda i: i))
    texts = re.findall(r"<text[^>]*>", svg)
    assert texts
    assert not [t for t in texts if re.search(r'\bfill="', t)]
    assert ratio("#333333", "#ffffff") >= MIN_RATIO
