"""Highlighted article markup and SVG charts: well-formed, escaped, faithful to offsets."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.web import charts
from newsgraph.errors import NewsgraphError
from newsgraph.web.markup import LAYERS, Highlight, highlight


class _Balance(HTMLParser):
    """Checks that tags nest properly and collects the text outside labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        label = "label" in (dict(attrs).get("class") or "").split()
        self.stack.append((tag, label))

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop()[0] != tag:
            self.ok = False

    def handle_data(self, data):
        if not any(label for _, label in self.stack):
            self.text.append(data)


def _check(markup: str) -> str:
    p = _Balance()
    p.feed(markup)
    p.close()
    assert p.ok and not p.stack, markup
    return "".join(p.text)


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet=st.sampled_from('ab <>&"\'\nxé'), min_size=1, max_size=40))
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(0, n + 2))
        layer = draw(st.sampled_from(LAYERS))
        href = draw(st.sampled_from([None, "/actors/X", '/a?b="c"&d']))
        label = draw(st.sampled_from([None, "<b>who</b>"]))
        spans.append(Highlight(a, b, layer, href=href if layer == "mention" else None,
                               title="t<'\">", label=label, anchor="x1" if label else None))
    return text, spans


@settings(max_examples=150, deadline=None)
@given(texts_and_spans())
def test_highlight_is_well_formed_and_keeps_the_text(case):
    text, spans = case
    markup, warnings = highlight(text, spans)
    assert _check(str(markup)) == text
    bad = [h for h in spans if not (0 <= h.start < h.end <= len(text))]
    assert len(warnings) == len(bad)
    assert "<b>" not in markup and "<'" not in markup


def test_highlight_marks_each_span_where_it_lies():
    text = 'Tokyo said "we agree" today.'
    spans = [Highlight(0, 5, "mention", href="/actors/JPN", title="Japan"),
             Highlight(12, 20, "quote", label="Tokyo", anchor="q1"),
             Highlight(15, 20, "trigger", title="AGREE")]
    markup, warnings = highlight(text, spans)
    assert not warnings
    assert str(markup).startswith('<a class="hl mention" href="/actors/JPN" title="Japan">Tokyo</a>')
    assert '<span class="anchor" id="q1"></span><span class="label quote">Tokyo</span>' in markup
    assert '<span class="hl quote">we <span class="hl trigger" title="AGREE">agree</span></span>' in markup


def test_unknown_layer_is_an_error():
    with pytest.raises(NewsgraphError, match="E560"):
        highlight("abc", [Highlight(0, 1, "bogus")])


def _parse_svg(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_bars_are_valid_svg_with_escaped_labels():
    svg = charts.bars([("<script>x</script>", 5, "/search?a=1&b=2"), ("B", 2, None)])
    root = _parse_svg(svg)
    assert root.tag.endswith("svg")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect")) == 2


def test_stacked_bars_link_each_segment():
    counts = {("2023-01", "AGREE"): 2, ("2023-01", "ACCUSE"): 1, ("2023-03", "AGREE"): 4}
    months = charts.months_between("2023-01", "2023-03")
    assert months == ["2023-01", "2023-02", "2023-03"]
    svg = charts.stacked_bars(months, ("AGREE", "ACCUSE"), counts, colours=charts.TYPE_COLOURS,
                              href=lambda m, t: f"#bar-{m}-{t}")
    root = _parse_svg(svg)
    ns = "{http://www.w3.org/2000/svg}"
    links = [a.get("href") for a in root.iter(f"{ns}a")]
    assert links == ["#bar-2023-01-AGREE", "#bar-2023-01-ACCUSE", "#bar-2023-03-AGREE"]
    heights = {a.get("href"): float(a.find(f"{ns}rect").get("height")) for a in root.iter(f"{ns}a")}
    assert heights["#bar-2023-03-AGREE"] > heights["#bar-2023-01-AGREE"] > heights["#bar-2023-01-ACCUSE"]


def test_months_between_crosses_years():
    assert charts.months_between("2022-11", "2023-02") == ["2022-11", "2022-12", "2023-01", "2023-02"]


def test_network_layout_is_deterministic_and_inside_the_frame():
    nodes = [{"id": f"n{i}", "name": f"<n{i}>", "weight": i + 1} for i in range(12)]
    edges = [{"source": f"n{i}", "target": f"n{(i * 5) % 12}", "weight": i + 1, "types": ["AID"]}
             for i in range(12) if i != (i * 5) % 12]
    a = charts.network(nodes, edges, href=lambda i: f"/actors/{i}")
    b = charts.network(nodes, edges, href=lambda i: f"/actors/{i}")
    assert a == b
    root = _parse_svg(a)
    ns = "{http://www.w3.org/2000/svg}"
    for c in root.iter(f"{ns}circle"):
        assert 0 <= float(c.get("cx")) <= 860 and 0 <= float(c.get("cy")) <= 620
    assert len(list(root.iter(f"{ns}circle"))) == 12
    assert "&lt;n3&gt;" in a


def test_every_event_type_has_a_colour():
    from newsgraph.models import EVENT_TYPES
    assert set(charts.TYPE_COLOURS) == set(EVENT_TYPES)
