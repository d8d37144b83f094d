"""Research-ready exports: CSV and Parquet with the same columns (Goldstein score, CAMEO-style
actor codes), GEXF and GraphML that networkx reads, graph nodes named and connected."""

from __future__ import annotations

import pytest

from newsgraph import KnowledgeBase
from newsgraph.query.cameo import actor_code, goldstein, goldstein_table
from newsgraph.query.exports import EXPORT_COLUMNS

from webkb import build_kb, link_berg, rule_analyses

pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")
nx = pytest.importorskip("networkx")


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = build_kb(tmp_path_factory.mktemp("exp") / "kb.db", rule_analyses())
    with KnowledgeBase(str(path)) as k:
        link_berg(k)
        yield k


def test_a_stored_event_s_code_gives_its_score(tmp_path):
    from dataclasses import replace

    item = rule_analyses()[0]
    item = replace(item, events=tuple(replace(e, cameo="112") for e in item.events))
    with KnowledgeBase(str(build_kb(tmp_path / "kb.db", [item]))) as k:
        rows = list(k.export_rows())
    assert rows and {(r["cameo"], r["goldstein"]) for r in rows} == {("112", -2.0)}


def test_every_cameo_code_the_events_stage_emits_has_a_goldstein_score():
    from newsgraph.events.lexicon import load_lexicon

    lex = load_lexicon()
    codes = {e.cameo for e in lex.entries if e.cameo} | set(lex.crosswalk.values())
    assert codes and not [c for c in sorted(codes) if goldstein(c) is None]
    # the published values, and a code the table lacks takes its parent's
    assert goldstein("0874") == 10.0 and goldstein("112") == -2.0 and goldstein("19") == -10.0
    assert goldstein("176") == goldstein("17") == -7.0 and "176" not in goldstein_table()
    assert goldstein(None) is None and all(-10 <= v <= 10 for v in goldstein_table().values())


def test_cameo_style_actor_codes():
    assert actor_code("GBR", "GOV") == "GBRGOV" and actor_code("USA", "MIL") == "USAMIL"
    assert actor_code("GBR", None) == "GBR" and actor_code(None, "IGO") == "IGO"
    assert actor_code(None, None) is None and actor_code("group:x", "GOV") == "GOV"


def test_csv_and_parquet_carry_the_same_columns_and_rows(kb, tmp_path):
    n_csv = kb.export_events_csv(str(tmp_path / "e.csv"))
    n_pq = kb.export_events_parquet(str(tmp_path / "e.parquet"))
    df = pd.read_csv(tmp_path / "e.csv", dtype={"cameo": str})
    table = pq.read_table(tmp_path / "e.parquet")
    assert list(df.columns) == table.column_names == list(EXPORT_COLUMNS)
    assert n_csv == n_pq == len(df) == table.num_rows == kb.events().total
    rows = table.to_pylist()
    assert [r["event_id"] for r in rows] == df["event_id"].tolist()
    for r, (_, c) in zip(rows, df.iterrows()):
        assert r["goldstein"] == goldstein(r["cameo"])  # these fixture events have no code
        assert (pd.isna(c["goldstein"]) and r["goldstein"] is None) or \
            c["goldstein"] == pytest.approx(r["goldstein"])
        assert (c["source_ids"] if isinstance(c["source_ids"], str) else "") == "|".join(
            r["source_ids"])
        assert len(r["source_ids"]) == len(r["source_names"]) == len(r["source_codes"])
        assert r["published"] and r["headline"] and r["publication"] and r["day"]
        assert r["date_granularity"] in ("day", "week", "month", "year", None)


def test_actor_codes_and_names_in_the_rows(kb):
    rows = {r["trigger"]: r for r in kb.export_rows()}
    praised = rows["praised"]  # Pablo Rojas, Chile's trade minister
    assert praised["source_names"] == ["Pablo Rojas"] and praised["source_codes"] == ["CHL"]
    assert praised["target_codes"] == ["NOR"]
    group = rows["jointly criticised"]  # a group of states: no one code
    assert group["source_codes"] == [None] and set(group["source_countries"]) == {"CHL", "NOR"}


def test_gexf_and_graphml_load_with_networkx(kb, tmp_path):
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        path = tmp_path / f"g.{fmt}"
        n, e = kb.export_graph(str(path), format=fmt)
        g = read(path)
        assert g.number_of_nodes() == n and g.number_of_edges() == e > 0
        assert all(g.degree(node) > 0 for node in g)  # only actors with an edge
        labels = {node: data.get("label") for node, data in g.nodes(data=True)}
        assert labels["person:pablo-rojas"] == "Pablo Rojas"
    c = nx.read_graphml(tmp_path / "c.graphml") if kb.export_graph(
        str(tmp_path / "c.graphml"), countries=True) else None
    assert c is not None and c.nodes["NOR"]["label"] == "Norway"


def test_isolated_actors_only_when_asked(kb, tmp_path):
    n, _ = kb.export_graph(str(tmp_path / "a.graphml"))
    n_all, _ = kb.export_graph(str(tmp_path / "b.graphml"), isolated=True)
    g = nx.read_graphml(tmp_path / "b.graphml")
    assert n_all >= n and g.number_of_nodes() == n_all


def test_the_cli_writes_each_export(kb, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    r = CliRunner().invoke(app, ["export", "--db", kb.path, "--events-csv", str(tmp_path / "x.csv"),
                                 "--events-parquet", str(tmp_path / "x.parquet"), "--graph",
                                 "gexf", "-o", str(tmp_path / "x.gexf")])
    assert r.exit_code == 0, r.output
    assert pd.read_csv(tmp_path / "x.csv").shape[0] == pq.read_table(tmp_path / "x.parquet").num_rows
    assert nx.read_gexf(tmp_path / "x.gexf").number_of_edges() > 0
    r = CliRunner().invoke(app, ["events", "--db", kb.path, "--format", "csv", "--limit", "0"])
    assert r.stdout.splitlines()[0] == ",".join(EXPORT_COLUMNS)
