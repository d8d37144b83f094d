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

__all__ = ["TYPE_COLOURS", "QUAD_COLOURS", "months_between", "buckets", "bucket_bounds", "bars",
           "stacked_bars", "network", "place_labels"]

QUAD_COLOURS = {
    "verbal cooperation": "#74a9cf",
    "material cooperation": "#238b45",
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


#: The most columns a timeline draws by month, then by quarter; past that, by year.
MONTH_COLUMNS = 36
QUARTER_COLUMNS = 40


def buckets(first: str, last: str) -> tuple[list[str], Callable[[str], str], str]:
    """The columns of a timeline from month ``first`` to ``last`` (``YYYY-MM``):
    months, quarters (``2023-Q1``) or years, whichever keeps the bars readable;
    returns ``(columns, month -> column, unit)``."""
    months = months_between(first, last)
    if len(months) <= MONTH_COLUMNS:
        return months, lambda m: m[:7], "month"

    def quarter(m: str) -> str:
        return f"{m[:4]}-Q{(int(m[5:7]) - 1) // 3 + 1}"

    quarters = list(dict.fromkeys(quarter(m) for m in months))
    if len(quarters) <= QUARTER_COLUMNS:
        return quarters, quarter, "quarter"
    return [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)], lambda m: m[:4], "year"


def bucket_bounds(column: str) -> tuple[str, str]:
    """``(since, until)`` of a timeline column: a month, a quarter or a year."""
    if "-Q" in column:
        year, q = column.split("-Q")
        first = (int(q) - 1) * 3 + 1
        return f"{year}-{first:02d}", f"{year}-{first + 2:02d}"
    return column, column


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
    every = max(1, -(-n // max(1, int(plot_w / 52))))
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


def _layout(n: int, edges: Sequence[tuple[int, int, float]], *, seed: int = 7,
            aspect: float = 1.5) -> np.ndarray:
    """Force-directed positions in the unit square: each connected group of actors laid
    out by networkx's spring layout (seeded: the same graph is drawn the same way), the
    groups then packed in rows, the largest first, each in a square as wide as the
    root of its size (a spring layout of the whole would push them to the corners)."""
    import networkx as nx

    if n == 0:
        return np.zeros((0, 2))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b, w in edges:
        prior = g[a][b]["weight"] if g.has_edge(a, b) else 0.0
        g.add_edge(a, b, weight=prior + float(np.log1p(w)))
    groups = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    sides = [float(np.sqrt(len(c))) for c in groups]
    pad = 0.7
    width = max(max(sides), float(np.sqrt(sum((s + pad) ** 2 for s in sides) * aspect)))
    xy = np.zeros((n, 2))
    x = y = row = 0.0
    for group, side in zip(groups, sides):
        if x > 0 and x + side > width:  # next row
            x, y, row = 0.0, y + row + pad, 0.0
        nodes = sorted(group)
        if len(nodes) == 1:
            local = np.full((1, 2), 0.5)
        else:
            pos = nx.spring_layout(g.subgraph(nodes), seed=seed, weight="weight",
                                   k=2.0 / np.sqrt(len(nodes)), iterations=200)
            local = np.array([pos[i] for i in nodes], dtype=float)
            lo, hi = local.min(axis=0), local.max(axis=0)
            local = (local - lo) / np.maximum(hi - lo, 1e-6)
        xy[nodes] = local * side + (x, y)
        x += side + pad
        row = max(row, side)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return (xy - lo) / np.maximum(hi - lo, 1e-6)


#: Width of a character of a network label, in units of its font size (generous, so
#: that boxes of real glyphs stay inside the boxes placed).
CHAR_WIDTH = 0.62


def place_labels(points: Sequence[tuple[float, float, float]], names: Sequence[str], *,
                 width: float, height: float, size: int = 11,
                 ) -> list[tuple[float, float, str, str] | None]:
    """Label positions that overlap neither each other nor any node, nor leave the frame.

    ``points`` are ``(x, y, radius)`` in order of importance; each label tries above,
    below, right and left of its node, then its corners, then all of these further
    out, then with shorter forms of its name; a label that
    fits nowhere is left out (None), the name staying in the node's tooltip.  Returns
    ``(x, y, anchor, text)`` per node (``y`` is the baseline)."""
    boxes: list[tuple[float, float, float, float]] = []
    circles = [(x - r, y - r, x + r, y + r) for x, y, r in points]

    def free(box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 1 or y0 < 1 or x1 > width - 1 or y1 > height - 1:
            return False
        return not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1
                       for b in boxes + circles)

    out: list[tuple[float, float, str, str] | None] = []
    for (x, y, r), name in zip(points, names):
        placed = None
        forms = [name[:28]] + [name[:n] + "…" for n in (16, 10) if len(name) > n + 1]
        for text in dict.fromkeys(forms):
            w = len(text) * size * CHAR_WIDTH + 4
            spots = []
            for gap in (3, 12, 24):  # next to the node, then further out
                d = r * 0.75 + gap - 1  # the corners: on the diagonals
                spots += [(x, y - r - gap, "middle"), (x, y + r + size + gap - 2, "middle"),
                          (x + r + gap, y + size * 0.35, "start"),
                          (x - r - gap, y + size * 0.35, "end"),
                          (x + d, y - d - 1, "start"), (x - d, y - d - 1, "end"),
                          (x + d, y + d + size, "start"), (x - d, y + d + size, "end")]
            for cx, cy, anchor in spots:
                x0 = {"middle": cx - w / 2, "start": cx - 2, "end": cx - w + 2}[anchor]
                box = (x0, cy - size - 1, x0 + w, cy + 3)
                if free(box):
                    placed = (cx, cy, anchor, text)
                    boxes.append(box)
                    break
            if placed:
                break
        out.append(placed)
    return out


def network(nodes: Sequence[dict], edges: Sequence[dict], *, href: Callable[[str], str],
            edge_href: Callable[[str, str], str] | None = None, width: int = 860,
            height: int = 620, label: str = "actor network") -> Markup:
    """Actors as circles sized by weight (heaviest first in ``nodes``), events as lines
    weighted by count and coloured by the quad class of most of them (``edge["quad"]``),
    with a legend; labels placed by :func:`place_labels`."""
    index = {n["id"]: i for i, n in enumerate(nodes)}
    pairs = [(index[e["source"]], index[e["target"]], e["weight"]) for e in edges
             if e["source"] in index and e["target"] in index]
    pos = _layout(len(nodes), pairs)
    mx, my, legend_h = 60, 30, 24
    xy = [(mx + x * (width - 2 * mx), legend_h + my + y * (height - legend_h - 2 * my))
          for x, y in pos]
    top_w = max((e["weight"] for e in edges), default=1)
    top_n = max((n["weight"] for n in nodes), default=1)
    radius = [3 + 10 * (n["weight"] / top_n) ** 0.5 for n in nodes]
    colours = {**QUAD_COLOURS, None: "#6a737d"}
    markers = "".join(
        f'<marker id="arrow-{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        f'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        f'<path d="M 0 0 L 10 5 L 0 10 z" fill="{c}"/></marker>'
        for i, c in enumerate(colours.values()))
    marker_of = {q: f"arrow-{i}" for i, q in enumerate(colours)}
    body = [f"<defs>{markers}</defs>"]
    x = 8.0
    for quad, colour in QUAD_COLOURS.items():  # the legend, along the top
        body.append(f'<rect x="{x:.0f}" y="8" width="14" height="4" fill="{colour}"/>')
        body.append(_text(x + 18, 14, quad, size=11))
        x += 18 + len(quad) * 11 * CHAR_WIDTH + 16
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
        w = 1.0 + 5 * e["weight"] / top_w
        quad = e.get("quad") if e.get("quad") in QUAD_COLOURS else None
        line = (f'<path d="M {sx:.1f} {sy:.1f} Q {cx:.1f} {cy:.1f} {tx:.1f} {ty:.1f}" '
                f'fill="none" stroke="{colours[quad]}" stroke-opacity="0.75" '
                f'stroke-width="{w:.1f}" marker-end="url(#{marker_of[quad]})">'
                f'<title>{escape(e["source"])} → {escape(e["target"])}: {e["weight"]} '
                f'({escape(", ".join(e["types"]))})</title></path>')
        if edge_href:
            line = f'<a href="{escape(edge_href(e["source"], e["target"]))}">{line}</a>'
        body.append(line)
    labels = place_labels([(x, y, r) for (x, y), r in zip(xy, radius)],
                          [n["name"] for n in nodes], width=width, height=height)
    for node, (x, y), r, lab in zip(nodes, xy, radius, labels):
        text = ""
        if lab is not None:
            lx, ly, anchor, s = lab
            text = (f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" text-anchor="{anchor}" '
                    f'class="node-label" stroke="#fff" stroke-width="3" '
                    f'paint-order="stroke">{escape(s)}</text>')
        body.append(
            f'<a href="{escape(href(node["id"]))}"><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{r:.1f}" fill="#34495e" stroke="#fff"><title>{escape(node["name"])}: '
            f'{node["weight"]} events</title></circle>{text}</a>')
    return _svg(width, height, body, label)
