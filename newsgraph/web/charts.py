"""SVG charts drawn by newsgraph itself: bars, stacked bars over time, a network.

Every function returns :class:`markupsafe.Markup` holding one ``<svg>`` element;
all text in it is escaped, colours are presentation attributes (no inline
styles or scripts), and links are ``<a href>`` elements.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from markupsafe import Markup, escape

from ..models import EVENT_TYPES, QUAD_CLASS

__all__ = ["TYPE_COLOURS", "QUAD_COLOURS", "months_between", "bars", "stacked_bars", "network"]

QUAD_COLOURS = {
    "verbal cooperation": "#74a9cf",
    "material cooperation": "#0570b0",
    "verbal conflict": "#fd8d3c",
    "material conflict": "#bd0026",
}
_SHADES = {
    "verbal cooperation": ("#9ecae1", "#6baed6", "#4292c6", "#2171b5"),
    "material cooperation": ("#41ab5d", "#238b45", "#005a32"),
    "verbal conflict": ("#fdae6b", "#fd8d3c", "#f16913", "#d94801"),
    "material conflict": ("#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15", "#67000d"),
}
TYPE_COLOURS = {}
for _quad, _shades in _SHADES.items():
    for _t, _c in zip([t for t in EVENT_TYPES if QUAD_CLASS[t] == _quad], _shades):
        TYPE_COLOURS[_t] = _c


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
        f'class="chart">' + "".join(body) + "</svg>")


def _text(x: float, y: float, s: str, *, anchor: str = "start", size: int = 11,
          cls: str = "") -> str:
    c = f' class="{escape(cls)}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{c}>'
            f"{escape(s)}</text>")


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def bars(items: Sequence[tuple[str, int, str | None]], *, width: int = 420,
         label: str = "bar chart") -> Markup:
    """Horizontal bars: ``(label, value, href or None)`` per bar."""
    row, pad = 20, 150
    height = max(row, row * len(items)) + 4
    top = max((v for _, v, _ in items), default=0) or 1
    body = []
    for i, (name, value, href) in enumerate(items):
        y = i * row + 2
        w = (width - pad - 50) * value / top
        bar = (f'<rect x="{pad}" y="{y}" width="{w:.1f}" height="{row - 6}" fill="#4292c6">'
               f"<title>{escape(name)}: {value}</title></rect>")
        txt = _text(pad - 6, y + row - 9, name[:24], anchor="end")
        if href:
            txt = f'<a href="{escape(href)}">{txt}</a>'
        body += [txt, bar, _text(pad + w + 4, y + row - 9, str(value))]
    return _svg(width, height, body, label)


def stacked_bars(columns: Sequence[str], series: Sequence[str],
                 counts: dict[tuple[str, str], int], *, colours: dict[str, str],
                 href: Callable[[str, str], str] | None = None, width: int = 720,
                 height: int = 220, label: str = "stacked bars") -> Markup:
    """Vertical bars, one per column (a month), stacked by series (types or quad
    classes); ``href(column, series)`` makes each segment a link."""
    left, bottom, top_pad, legend_w = 34, 34, 8, 150
    plot_w, plot_h = width - left - legend_w, height - bottom - top_pad
    n = max(1, len(columns))
    slot = plot_w / n
    bw = min(36.0, max(1.0, slot * 0.8))
    totals = [sum(counts.get((c, s), 0) for s in series) for c in columns]
    peak = max(totals, default=0) or 1
    body = [f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" '
            f'y2="{top_pad + plot_h}" stroke="#999"/>',
            _text(left - 4, top_pad + 10, str(peak), anchor="end"),
            _text(left - 4, top_pad + plot_h, "0", anchor="end")]
    every = max(1, int(n / max(1, plot_w / 48)))
    for i, col in enumerate(columns):
        x = left + i * slot + (slot - bw) / 2
        y = top_pad + plot_h
        for s in series:
            v = counts.get((col, s), 0)
            if not v:
                continue
            h = plot_h * v / peak
            y -= h
            rect = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{h:.1f}" '
                    f'fill="{escape(colours.get(s, "#888"))}"><title>{escape(col)} '
                    f"{escape(s)}: {v}</title></rect>")
            if href:
                rect = f'<a href="{escape(href(col, s))}">{rect}</a>'
            body.append(rect)
        if i % every == 0:
            body.append(_text(x + bw / 2, top_pad + plot_h + 14, col, anchor="middle", size=9))
    used = [s for s in series if any(counts.get((c, s), 0) for c in columns)]
    for j, s in enumerate(used):
        y = top_pad + j * 15
        body.append(f'<rect x="{width - legend_w + 10}" y="{y}" width="10" height="10" '
                    f'fill="{escape(colours.get(s, "#888"))}"/>')
        body.append(_text(width - legend_w + 24, y + 9, s, size=10))
    return _svg(width, height, body, label)


def _layout(n: int, edges: Sequence[tuple[int, int, float]], *, iterations: int = 40,
            seed: int = 7) -> np.ndarray:
    """Fruchterman-Reingold positions in the unit square (deterministic)."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.c_[np.cos(angle), np.sin(angle)] * 0.4 + 0.5 + rng.normal(0, 0.01, (n, 2))
    adj = np.zeros((n, n))
    for a, b, w in edges:
        adj[a, b] = adj[b, a] = adj[a, b] + np.log1p(w)
    k = np.sqrt(1.0 / n)
    temp = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        force = (k * k / dist ** 2) - adj * dist / k
        disp = (delta * force[:, :, None]).sum(axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=-1), 1e-6)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        pos = np.clip(pos, 0.0, 1.0)
        temp *= 0.9
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    return (pos - lo) / np.maximum(hi - lo, 1e-6)


def network(nodes: Sequence[dict], edges: Sequence[dict], *, href: Callable[[str], str],
            edge_href: Callable[[str, str], str] | None = None, width: int = 860,
            height: int = 620, label: str = "actor network") -> Markup:
    """Actors as circles sized by weight, events as lines weighted by count."""
    index = {n["id"]: i for i, n in enumerate(nodes)}
    pairs = [(index[e["source"]], index[e["target"]], e["weight"]) for e in edges
             if e["source"] in index and e["target"] in index]
    pos = _layout(len(nodes), pairs)
    mx, my = 100, 40
    xy = [(mx + x * (width - 2 * mx), my + y * (height - 2 * my)) for x, y in pos]
    top_w = max((e["weight"] for e in edges), default=1)
    top_n = max((n["weight"] for n in nodes), default=1)
    radius = [4 + 14 * (n["weight"] / top_n) ** 0.5 for n in nodes]
    body = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
            '<path d="M 0 0 L 10 5 L 0 10 z" fill="#777"/></marker></defs>']
    for e in edges:
        if e["source"] not in index or e["target"] not in index:
            continue
        i, j = index[e["source"]], index[e["target"]]
        (x1, y1), (x2, y2) = xy[i], xy[j]
        dx, dy = x2 - x1, y2 - y1
        dist = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        ux, uy = dx / dist, dy / dist
        # curve every edge to its left, so that A->B and B->A stay apart
        cx, cy = (x1 + x2) / 2 - uy * dist * 0.12, (y1 + y2) / 2 + ux * dist * 0.12
        sx, sy = x1 + ux * radius[i], y1 + uy * radius[i]
        tx, ty = x2 - ux * (radius[j] + 2), y2 - uy * (radius[j] + 2)
        w = 0.8 + 5 * e["weight"] / top_w
        line = (f'<path d="M {sx:.1f} {sy:.1f} Q {cx:.1f} {cy:.1f} {tx:.1f} {ty:.1f}" '
                f'fill="none" stroke="#777" stroke-opacity="0.6" stroke-width="{w:.1f}" '
                f'marker-end="url(#arrow)"><title>{escape(e["source"])} → '
                f'{escape(e["target"])}: {e["weight"]} ({escape(", ".join(e["types"]))})'
                "</title></path>")
        if edge_href:
            line = f'<a href="{escape(edge_href(e["source"], e["target"]))}">{line}</a>'
        body.append(line)
    for node, (x, y), r in zip(nodes, xy, radius):
        body.append(
            f'<a href="{escape(href(node["id"]))}"><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{r:.1f}" fill="#4292c6" stroke="#fff"><title>{escape(node["name"])}: '
            f'{node["weight"]} events</title></circle>'
            + _text(x, y - r - 3, node["name"][:28], anchor="middle", size=10) + "</a>")
    return _svg(width, height, body, label)
