"""Timelines pick their buckets for the span they show; the network is laid out by
force, coloured by quad class, and its labels overlap nothing."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.web import charts
from newsgraph.web.views import _buckets

NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("first,last,unit,n,head", [
    ("2023-03", "2023-06", "month", 4, "2023-03"),
    ("2021-01", "2023-12", "month", 36, "2021-01"),
    ("2021-01", "2024-01", "quarter", 13, "2021-Q1"),
    ("2019-02", "2024-12", "quarter", 24, "2019-Q1"),
    ("2004-01", "2022-12", "year", 19, "2004"),
])
def test_buckets_fit_the_span(first, last, unit, n, head):
    columns, of, got = charts.buckets(first, last)
    assert got == unit and len(columns) == n and columns[0] == head
    assert of(last) == columns[-1]


def test_monthly_counts_are_summed_into_their_bucket():
    counts = {("2004-03", "AGREE"): 2, ("2004-11", "AGREE"): 1, ("2022-07", "ACCUSE"): 4}
    columns, binned, unit = _buckets(counts)
    assert unit == "year" and columns[0] == "2004" and columns[-1] == "2022"
    assert binned == {("2004", "AGREE"): 3, ("2022", "ACCUSE"): 4}
    assert sum(binned.values()) == sum(counts.values())


@pytest.mark.parametrize("column,bounds", [("2023-Q2", ("2023-04", "2023-06")),
                                           ("2023", ("2023", "2023")),
                                           ("2023-11", ("2023-11", "2023-11"))])
def test_a_bucket_opens_its_dates(column, bounds):
    assert charts.bucket_bounds(column) == bounds


def test_a_long_timeline_draws_readable_bars():
    """Nineteen years by month are slivers; by year each bar is wide."""
    counts = {(f"{y}-{m:02d}", "AGREE"): 1 for y in range(2004, 2023) for m in (1, 6)}
    columns, binned, unit = _buckets(counts)
    svg = charts.stacked_bars(columns, ("AGREE",), binned, colours=charts.TYPE_COLOURS)
    widths = {float(r.get("width")) for r in ET.fromstring(str(svg)).iter(f"{NS}rect")
              if r.find(f"{NS}title") is not None}
    assert unit == "year" and min(widths) >= 12


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _box(x, y, anchor, text, size=11):
    w = len(text) * size * charts.CHAR_WIDTH + 4
    x0 = {"middle": x - w / 2, "start": x - 2, "end": x - w + 2}[anchor]
    return (x0, y - size - 1, x0 + w, y + 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(20, 840), st.floats(20, 600), st.floats(4, 16)),
                min_size=1, max_size=40),
       st.lists(st.text(alphabet="abcdefgh ", min_size=1, max_size=40), min_size=40,
                max_size=40))
def test_placed_labels_overlap_nothing_and_stay_inside(points, names):
    placed = charts.place_labels(points, names[:len(points)], width=860, height=620)
    boxes = [_box(*p) for p in placed if p]
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= 860 and 0 <= a[1] and a[3] <= 620
        for b in boxes[i + 1:]:
            assert not _boxes_overlap(a, b)
        for x, y, r in points:
            assert not _boxes_overlap(a, (x - r, y - r, x + r, y + r))


def _graph(n: int, seed: int = 3):
    rng = random.Random(seed)
    nodes = [{"id": f"n{i}", "name": f"Actor number {i}", "weight": n * 3 - i} for i in range(n)]
    quads = list(charts.QUAD_COLOURS)
    edges = []
    for i in range(1, n):
        j = rng.randrange(0, min(i, 6))  # a few hubs, as in the news
        edges.append({"source": f"n{i}", "target": f"n{j}", "weight": rng.randint(1, 9),
                      "types": ["AID"], "quad": quads[i % 4]})
    return nodes, edges


def test_network_is_force_directed_coloured_and_labelled():
    nodes, edges = _graph(40)
    svg = str(charts.network(nodes, edges, href=lambda i: f"/actors/{i}"))
    assert svg == str(charts.network(nodes, edges, href=lambda i: f"/actors/{i}"))  # seeded
    root = ET.fromstring(svg)
    circles = list(root.iter(f"{NS}circle"))
    at = {n["id"]: (float(c.get("cx")), float(c.get("cy"))) for n, c in zip(nodes, circles)}

    def dist(a, b):
        return ((at[a][0] - at[b][0]) ** 2 + (at[a][1] - at[b][1]) ** 2) ** 0.5

    # force-directed: linked actors sit close, the rest apart; few nodes on the frame
    linked = sum(dist(e["source"], e["target"]) for e in edges) / len(edges)
    ids = list(at)
    every = [dist(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    assert linked < 0.4 * sum(every) / len(every)
    xs, ys = zip(*at.values())
    on_edge = [1 for x, y in at.values() if min(x - min(xs), max(xs) - x, y - min(ys),
                                                 max(ys) - y) < 1]
    assert len(on_edge) <= 6
    strokes = {p.get("stroke") for p in root.iter(f"{NS}path") if p.get("fill") == "none"}
    assert strokes == set(charts.QUAD_COLOURS.values())
    for quad in charts.QUAD_COLOURS:  # the legend
        assert f">{quad}</text>" in svg
    labels = [t for t in root.iter(f"{NS}text") if t.get("class") == "node-label"]
    texts = [t.text for t in labels]
    for i in range(10):  # the ten heaviest actors are all named (at worst shortened)
        name = f"Actor number {i}"
        assert any(t == name or (t.endswith("…") and name.startswith(t[:-1])) for t in texts), i
    boxes = [_box(float(t.get("x")), float(t.get("y")), t.get("text-anchor"), t.text)
             for t in labels]
    assert not [1 for i, a in enumerate(boxes) for b in boxes[i + 1:] if _boxes_overlap(a, b)]


def test_network_labels_are_escaped():
    svg = str(charts.network([{"id": "x", "name": "<b>x</b>", "weight": 1}], [],
                             href=lambda i: i))
    assert "<b>" not in svg and re.search(r"&lt;b&gt;x", svg)
