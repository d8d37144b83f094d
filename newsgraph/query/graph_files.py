"""Writers for the event graph: GraphML and GEXF 1.2, for networkx and Gephi.

Written with the standard library's XML escaping; one edge per (source, target,
PLOVER type) with its weight (number of events), quad class, first and last date
and the count of each modality; each node with its name as ``label``.  GEXF uses the
1.2 namespace networkx and Gephi read (``http://www.gexf.net/1.2draft``), and each
edge an ``id`` of its own; networkx reads both files (``read_graphml``, ``read_gexf``).
"""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

__all__ = ["write_graphml", "write_gexf"]

_NODE_ATTRS = (("label", "string"), ("kind", "string"), ("country", "string"), ("sector", "string"))
_EDGE_ATTRS = (("type", "string"), ("quad", "string"), ("weight", "double"), ("first", "string"),
               ("last", "string"), ("asserted", "int"), ("intended", "int"), ("hypothetical", "int"),
               ("negated", "int"))
_MODALITIES = ("asserted", "intended", "hypothetical", "negated")


def _edge_values(e: dict) -> dict:
    vals = {k: e.get(k) for k in ("type", "quad", "weight", "first", "last")}
    vals.update({m: e["modalities"].get(m, 0) for m in _MODALITIES})
    return vals


def _plain(g) -> tuple[dict[str, dict], list[dict]]:
    """``({node id: node}, [edge])`` of a :class:`~newsgraph.query.graph.Graph` as dicts."""
    return {n.id: n.to_dict() for n in g.nodes}, [e.to_dict() for e in g.edges]


def write_graphml(g, f: TextIO) -> None:
    nodes, edges = _plain(g)
    w = f.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for name, typ in _NODE_ATTRS:
        w(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{typ}"/>\n')
    for name, typ in _EDGE_ATTRS:
        w(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>\n')
    w('  <graph id="events" edgedefault="directed">\n')
    for nid, n in nodes.items():
        w(f"    <node id={quoteattr(nid)}>\n")
        for name, _ in _NODE_ATTRS:
            if n.get(name) is not None:
                w(f'      <data key="n_{name}">{escape(str(n[name]))}</data>\n')
        w("    </node>\n")
    for i, e in enumerate(edges):
        w(f'    <edge id="e{i}" source={quoteattr(e["source"])} target={quoteattr(e["target"])}>\n')
        for name, val in _edge_values(e).items():
            if val is not None:
                w(f'      <data key="e_{name}">{escape(str(val))}</data>\n')
        w("    </edge>\n")
    w("  </graph>\n</graphml>\n")


def write_gexf(g, f: TextIO) -> None:
    nodes, edges = _plain(g)
    w = f.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n')
    w('  <meta><creator>newsgraph</creator><description>PLOVER events between actors</description></meta>\n')
    w('  <graph defaultedgetype="directed" mode="static">\n')
    w('    <attributes class="node">\n')
    for i, (name, typ) in enumerate(_NODE_ATTRS[1:]):
        w(f'      <attribute id="{i}" title="{name}" type="{typ}"/>\n')
    w('    </attributes>\n    <attributes class="edge">\n')
    edge_attrs = [a for a in _EDGE_ATTRS if a[0] != "weight"]
    for i, (name, typ) in enumerate(edge_attrs):
        w(f'      <attribute id="{i}" title="{name}" type="{"integer" if typ == "int" else typ}"/>\n')
    w("    </attributes>\n    <nodes>\n")
    for nid, n in nodes.items():
        w(f'      <node id={quoteattr(nid)} label={quoteattr(str(n.get("label") or nid))}><attvalues>')
        for i, (name, _) in enumerate(_NODE_ATTRS[1:]):
            if n.get(name) is not None:
                w(f'<attvalue for="{i}" value={quoteattr(str(n[name]))}/>')
        w("</attvalues></node>\n")
    w("    </nodes>\n    <edges>\n")
    for k, e in enumerate(edges):
        vals = _edge_values(e)
        w(f'      <edge id="{k}" source={quoteattr(e["source"])} target={quoteattr(e["target"])} '
          f'weight="{float(e["weight"])}" label={quoteattr(e["type"])}><attvalues>')
        for i, (name, _) in enumerate(edge_attrs):
            if vals.get(name) is not None:
                w(f'<attvalue for="{i}" value={quoteattr(str(vals[name]))}/>')
        w("</attvalues></edge>\n")
    w("    </edges>\n  </graph>\n</gexf>\n")
