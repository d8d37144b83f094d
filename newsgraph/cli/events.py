"""CLI commands: events, dyad, export (graph and Parquet)."""

from __future__ import annotations

import csv
import json
import sys
from typing import Optional

import typer

from ..errors import QueryError
from .app import app
from .common import DEFAULT_DB, DbOption, handle_errors, open_kb, print_jsonl
_CSV_FIELDS = ("date", "type", "quad", "modality", "source", "target", "source_countries",
               "target_countries", "trigger", "sentence", "reported_by", "location", "context",
               "cameo", "rule", "confidence", "article_id", "headline", "publication")


def plover_record(ev: dict) -> dict:
    """An event as a PLOVER JSON record (``recipient`` for the target, as the manual names it)."""
    return {
        "id": f"{ev['article_id']}-{ev['seq']}", "date": ev["date"] or ev["published"],
        "event": ev["type"], "mode": ev["mode"], "context": ev["context"],
        "actor": ev["source"], "actor_country": ev["source_countries"],
        "recipient": ev["target"], "recipient_country": ev["target_countries"],
        "modality": ev["modality"], "cameo": ev["cameo"], "quad": ev["quad"],
        "text": ev["sentence"], "trigger": ev["trigger"], "reported_by": ev["reported_by"],
        "location": ev["location"], "source": ev.get("publication"), "url": ev.get("url"),
        "coder": ev["rule"], "confidence": ev["confidence"],
    }


@app.command("events")
def events_cmd(
    source: Optional[str] = typer.Option(None, "--source", help="Actor doing the act: id, name or country (USA)."),
    target: Optional[str] = typer.Option(None, "--target", help="Actor the act is done to."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type(s), comma separated (ACCUSE,THREATEN)."),
    modality: Optional[str] = typer.Option(None, "--modality",
                                           help="asserted, intended, hypothetical or negated (comma separated)."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest event date (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest event date (YYYY[-MM[-DD]])."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events."),
    dedupe: bool = typer.Option(False, "--dedupe",
                                help="One event per near-duplicate story (see `newsgraph dedupe`)."),
    format: str = typer.Option("jsonl", "--format", help="jsonl, csv or plover (PLOVER JSON records)."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """List events from the knowledge base, newest first, with their sentence and modality."""
    from ..store.q_events import EventFilter

    with handle_errors():
        if format not in ("jsonl", "csv", "plover"):
            raise QueryError(f"--format {format!r}: expected jsonl, csv or plover", code="E536")
        with open_kb(db, readonly=True) as kb:
            rows = kb.iter_events(filter=EventFilter(source, target, type, modality, since, until,
                                                     dedupe=dedupe), limit=limit)
            if format == "csv":
                w = csv.writer(sys.stdout)
                w.writerow(_CSV_FIELDS)
                for ev in rows:
                    w.writerow(["|".join(ev[k]) if isinstance(ev[k], list) else ev[k]
                                for k in _CSV_FIELDS])
                return
            for ev in rows:
                print_jsonl(plover_record(ev) if format == "plover" else ev)


@app.command("dyad")
def dyad_cmd(
    a: str = typer.Argument(..., help="First actor: id, name or country (USA)."),
    b: str = typer.Argument(..., help="Second actor."),
    by: str = typer.Option("month", "--by", help="week, month or year."),
    type: Optional[str] = typer.Option(None, "--type", help="Only these PLOVER types."),
    modality: Optional[str] = typer.Option(None, "--modality", help="Only these modalities."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest event date."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest event date."),
    dedupe: bool = typer.Option(True, "--dedupe/--no-dedupe",
                                help="Count an event reported by several copies of a story once."),
    format: str = typer.Option("text", "--format", help="text or json."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Events between two actors, both directions: counts by period, PLOVER type and quad class."""
    from ..store.q_events import EventFilter

    with handle_errors():
        if format not in ("text", "json"):
            raise QueryError(f"--format {format!r}: expected text or json", code="E536")
        with open_kb(db, readonly=True) as kb:
            d = kb.dyad(a, b, by=by, filter=EventFilter(None, None, type, modality, since, until),
                        dedupe=dedupe)
    if format == "json":
        out = dict(d)
        out["by_type"] = [{"direction": k[0], "type": k[1], "n": n} for k, n in d["by_type"].items()]
        out["by_quad"] = [{"direction": k[0], "quad": k[1], "n": n} for k, n in d["by_quad"].items()]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    arrow = {"a->b": f"{a} -> {b}", "b->a": f"{b} -> {a}", "a&b": f"{a} & {b}"}
    typer.echo(f"{a} and {b}: {d['total']} events")
    for title, key in (("by quad class", "by_quad"), ("by type", "by_type")):
        typer.echo(f"\n{title}:")
        for (direction, name), n in sorted(d[key].items(), key=lambda kv: (kv[0][0], -kv[1])):
            typer.echo(f"  {arrow[direction]:<24} {name:<22} {n}")
    typer.echo(f"\nby {by}:")
    for r in d["periods"]:
        typer.echo(f"  {r['period'] or '-':<10} {arrow[r['direction']]:<24} {r['type']:<10} {r['n']}")


@app.command("export")
def export_cmd(
    graph: Optional[str] = typer.Option(None, "--graph", help="Write the event graph: graphml or gexf."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="Graph file (default: events.graphml / events.gexf)."),
    countries: bool = typer.Option(False, "--countries", help="Graph nodes are states (people mapped to the state they act for)."),
    events_parquet: Optional[str] = typer.Option(None, "--events-parquet", help="Write the events table to this Parquet file."),
    type: Optional[str] = typer.Option(None, "--type", help="Only these PLOVER types."),
    modality: Optional[str] = typer.Option(None, "--modality", help="Only these modalities."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest event date."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest event date."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export events: a graph for Gephi/networkx (actors as nodes, weighted typed dated edges), or Parquet."""
    from ..store.q_events import EventFilter

    with handle_errors():
        if not graph and not events_parquet:
            raise QueryError("nothing to export: give --graph graphml|gexf or --events-parquet FILE",
                             code="E537")
        f = EventFilter(None, None, type, modality, since, until)
        with open_kb(db, readonly=True) as kb:
            if graph:
                path = output or f"events.{graph}"
                n, e = kb.export_graph(path, format=graph, filter=f, countries=countries)
                typer.echo(f"wrote {path}: {n} nodes, {e} edges")
            if events_parquet:
                rows = kb.export_events_parquet(events_parquet, filter=f)
                typer.echo(f"wrote {events_parquet}: {rows} events")
