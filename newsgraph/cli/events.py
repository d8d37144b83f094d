"""CLI commands: events, dyad, export (graph and Parquet).

Thin shells over :meth:`KnowledgeBase.events`, ``dyad`` and the exports: the same
typed queries the explorer and the Python API use, with the same
:class:`~newsgraph.query.filters.Filter`.
"""

from __future__ import annotations

import json
from typing import Optional

import typer

from ..errors import QueryError
from .app import app
from .common import (DEFAULT_DB, DbOption, handle_errors, open_kb, print_csv, print_jsonl,
                     print_note)

_CSV_FIELDS = ["date", "type", "quad", "modality", "source", "target", "source_countries",
               "target_countries", "trigger", "sentence", "reported_by", "location", "context",
               "cameo", "rule", "confidence", "article_id", "headline", "publication", "day",
               "month"]

ACTOR_HELP = ("id (USA, person:antony-blinken) or name; a state also finds the people and "
              "organisations acting for it and its groups.")


def plover_record(ev) -> dict:
    """An event as a PLOVER JSON record (``recipient`` for the target, as the manual names it)."""
    return {
        "id": f"{ev.article_id}-{ev.seq}", "date": ev.date or ev.published,
        "event": ev.type, "mode": ev.mode, "context": list(ev.context),
        "actor": list(ev.source), "actor_country": list(ev.source_countries),
        "recipient": list(ev.target), "recipient_country": list(ev.target_countries),
        "modality": ev.modality, "cameo": ev.cameo, "quad": ev.quad,
        "text": ev.sentence, "trigger": ev.trigger, "reported_by": ev.reported_by,
        "location": ev.location, "source": ev.publication, "url": ev.url,
        "coder": ev.rule, "confidence": ev.confidence,
    }


def _filter(**fields):
    from ..query.filters import Filter

    return Filter(**fields)


@app.command("events")
def events_cmd(
    source: Optional[str] = typer.Option(None, "--source", help="Actor doing the act: " + ACTOR_HELP),
    target: Optional[str] = typer.Option(None, "--target", help="Actor the act is done to."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Actor in either role."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type(s), comma separated (ACCUSE,THREATEN)."),
    modality: Optional[str] = typer.Option(None, "--modality",
                                           help="asserted, intended, hypothetical or negated (comma separated)."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest day (YYYY[-MM[-DD]]): the event's date when it names a day, else the article's."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest day (YYYY[-MM[-DD]])."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many events (default: all)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many events first."),
    dedupe: bool = typer.Option(False, "--dedupe",
                                help="One event per near-duplicate story (see `newsgraph dedupe`)."),
    format: str = typer.Option("jsonl", "--format", help="jsonl, csv or plover (PLOVER JSON records)."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """List events from the knowledge base, newest first, with their sentence and modality.

    With --limit or --offset, a line on standard error says which of how many were printed.
    """
    with handle_errors():
        if format not in ("jsonl", "csv", "plover"):
            raise QueryError(f"--format {format!r}: expected jsonl, csv or plover", code="E536")
        f = _filter(source=source, target=target, actor=actor, type=type, modality=modality,
                    since=since, until=until, dedupe=dedupe)
        with open_kb(db, readonly=True) as kb:
            if limit is None and not offset:
                rows = kb.iter_events(f)
                page = None
            else:
                page = kb.events(f, limit=limit, offset=offset)
                rows = iter(page)
            if format == "csv":
                print_csv((ev.to_row() for ev in rows), _CSV_FIELDS)
            else:
                for ev in rows:
                    print_jsonl(plover_record(ev) if format == "plover" else ev.to_dict())
            if page is not None:
                print_note(page.summary())


@app.command("dyad")
def dyad_cmd(
    a: str = typer.Argument(..., help="First actor: " + ACTOR_HELP),
    b: str = typer.Argument(..., help="Second actor."),
    by: str = typer.Option("month", "--by", help="week, month or year (of the event's day)."),
    type: Optional[str] = typer.Option(None, "--type", help="Only these PLOVER types."),
    modality: Optional[str] = typer.Option(None, "--modality", help="Only these modalities."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest day."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest day."),
    dedupe: bool = typer.Option(False, "--dedupe",
                                help="Count an event reported by several copies of a story once."),
    limit: int = typer.Option(20, "--limit", min=0, help="Events listed with --format json."),
    format: str = typer.Option("text", "--format", help="text or json."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Events between two actors, both directions: counts by period, PLOVER type and quad class."""
    with handle_errors():
        if format not in ("text", "json"):
            raise QueryError(f"--format {format!r}: expected text or json", code="E536")
        f = _filter(type=type, modality=modality, since=since, until=until, dedupe=dedupe)
        with open_kb(db, readonly=True) as kb:
            d = kb.dyad(a, b, f, by=by, limit=limit)
    if format == "json":
        typer.echo(json.dumps(d.to_dict(), ensure_ascii=False, indent=1))
        return
    arrow = {"a->b": f"{a} -> {b}", "b->a": f"{b} -> {a}", "a&b": f"{a} & {b}"}
    typer.echo(f"{d.a.describe()} and {d.b.describe()}: {d.total} events")
    for title, counts in (("by quad class", d.by_quad()), ("by type", d.by_type())):
        typer.echo(f"\n{title}:")
        for (direction, name), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
            typer.echo(f"  {arrow[direction]:<24} {name or '-':<22} {n}")
    typer.echo(f"\nby {by}:")
    for r in d.counts:
        typer.echo(f"  {r.period or '-':<10} {arrow[r.direction]:<24} {r.type:<10} {r.n}")


@app.command("export")
def export_cmd(
    graph: Optional[str] = typer.Option(None, "--graph", help="Write the event graph: graphml or gexf."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="Graph file (default: events.graphml / events.gexf)."),
    countries: bool = typer.Option(False, "--countries", help="Graph nodes are states (each actor's states by the actor rule)."),
    events_parquet: Optional[str] = typer.Option(None, "--events-parquet", help="Write the events table to this Parquet file."),
    source: Optional[str] = typer.Option(None, "--source", help="Only events with this actor doing the act."),
    target: Optional[str] = typer.Option(None, "--target", help="Only events with this actor as target."),
    type: Optional[str] = typer.Option(None, "--type", help="Only these PLOVER types."),
    modality: Optional[str] = typer.Option(None, "--modality", help="Only these modalities."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest day."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest day."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export events: a graph for Gephi/networkx (actors as nodes, weighted typed dated edges), or Parquet."""
    with handle_errors():
        if not graph and not events_parquet:
            raise QueryError("nothing to export: give --graph graphml|gexf or --events-parquet FILE",
                             code="E537")
        f = _filter(source=source, target=target, type=type, modality=modality, since=since,
                    until=until)
        with open_kb(db, readonly=True) as kb:
            if graph:
                path = output or f"events.{graph}"
                n, e = kb.export_graph(path, format=graph, filter=f, countries=countries)
                typer.echo(f"wrote {path}: {n} nodes, {e} edges")
            if events_parquet:
                rows = kb.export_events_parquet(events_parquet, f)
                typer.echo(f"wrote {events_parquet}: {rows} events")
