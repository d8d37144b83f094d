"""CLI commands: events, dyad, export (graph and Parquet).

Thin shells over :meth:`KnowledgeBase.events`, ``dyad`` and the exports: the same
typed queries the explorer and the Python API use, with the same
:class:`~newsgraph.query.filters.Filter`.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from ..errors import QueryError
from .app import app
from .common import (DEFAULT_DB, DEFAULT_LIMIT, DbOption, FormatOption, HiddenJsonOption,
                     LimitOption, OffsetOption, console, handle_errors, list_format, list_limit,
                     note_listing, open_kb, print_csv, print_json, print_jsonl)

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


def _name_list(names: dict, ids) -> str:
    return ", ".join(names.get(i, i) for i in ids) or "-"


def _short(text: str | None, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 1] + "…"


def _events_table(kb, page) -> None:
    from rich.table import Table

    names = kb.actor_names(i for e in page for i in (*e.source, *e.target))
    t = Table("day", "type", "source", "target", "modality", "sentence", "event", "article")
    for e in page:
        t.add_row(e.day or "", e.type, _name_list(names, e.source), _name_list(names, e.target),
                  e.modality, _short(e.sentence), str(e.id), e.article_id[:12])
    console().print(t)


def _stream(kb, f, fmt: str) -> None:
    if fmt == "csv":
        from ..query.exports import write_events_csv

        write_events_csv(kb.export_rows(f), sys.stdout)
        return
    for ev in kb.iter_events(f):
        print_jsonl(plover_record(ev) if fmt == "plover" else ev.to_dict())


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
    publication: Optional[str] = typer.Option(None, "--publication", help="Only this publication."),
    country: Optional[str] = typer.Option(None, "--country", help="Only articles of publications of this country (GB, GBR or a name)."),
    dedupe: bool = typer.Option(False, "--dedupe",
                                help="One event per near-duplicate story (see `newsgraph dedupe`)."),
    format: FormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    json_flag: HiddenJsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List events from the knowledge base, newest first, with their sentence and modality.

    --format csv writes the columns of `export --events-csv` and `--events-parquet`
    (Goldstein score, CAMEO-style actor codes); --format plover writes PLOVER JSON
    records, one a line.
    """
    with handle_errors():
        fmt = list_format(format, json_flag, extra=("plover",))
        f = _filter(source=source, target=target, actor=actor, type=type, modality=modality,
                    since=since, until=until, publication=publication, country=country,
                    dedupe=dedupe)
        with open_kb(db, readonly=True) as kb:
            if fmt in ("jsonl", "csv", "plover") and not limit and not offset:
                _stream(kb, f, fmt)  # every match, read as it is written
                return
            page = kb.events(f, limit=list_limit(limit), offset=offset)
            if fmt == "table":
                _events_table(kb, page)
            elif fmt == "json":
                print_json(page.to_dict())
            elif fmt == "csv":
                from ..query.exports import event_rows, write_events_csv

                write_events_csv(event_rows(kb.conn, page), sys.stdout)
            else:
                for ev in page:
                    print_jsonl(plover_record(ev) if fmt == "plover" else ev.to_dict())
        note_listing(page)


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
    format: FormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    json_flag: HiddenJsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Events between two actors, both directions: counts by period, PLOVER type and quad class.

    table: the counts, then the newest events between them (--limit, --offset); json:
    all of it as one document; jsonl and csv: one count a line (period, direction,
    type, quad class, events).
    """
    with handle_errors():
        fmt = list_format(format, json_flag)
        f = _filter(type=type, modality=modality, since=since, until=until, dedupe=dedupe)
        with open_kb(db, readonly=True) as kb:
            d = kb.dyad(a, b, f, by=by, limit=list_limit(limit), offset=offset)
            names = kb.actor_names(i for e in d.events for i in (*e.source, *e.target))
    if fmt == "json":
        print_json(d.to_dict())
    elif fmt == "jsonl":
        for c in d.counts:
            print_jsonl(c.to_dict())
    elif fmt == "csv":
        print_csv((c.to_dict() for c in d.counts), ["period", "direction", "type", "quad", "n"])
    else:
        _dyad_table(d, a, b, by, names)
    if fmt == "table" or fmt == "json":
        note_listing(d.events)


def _dyad_table(d, a: str, b: str, by: str, names: dict) -> None:
    from rich.table import Table

    arrow = {"a->b": f"{a} -> {b}", "b->a": f"{b} -> {a}", "a&b": f"{a} & {b}"}
    con = console()
    con.print(f"{d.a.describe()} and {d.b.describe()}: {d.total} events")
    for title, counts in (("by quad class", d.by_quad()), ("by type", d.by_type())):
        t = Table("direction", title.split()[-1], "events", title=title)
        for (direction, name), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
            t.add_row(arrow[direction], name or "-", str(n))
        con.print(t)
    t = Table(by, "direction", "type", "events", title=f"by {by}")
    for r in d.counts:
        t.add_row(r.period or "-", arrow[r.direction], r.type, str(r.n))
    con.print(t)
    if d.events:
        t = Table("day", "direction", "type", "source", "target", "sentence",
                  title=f"events ({d.events.summary()})")
        for e in d.events:
            t.add_row(e.day or "", arrow.get(e.direction or "", ""), e.type,
                      _name_list(names, e.source), _name_list(names, e.target),
                      _short(e.sentence))
        con.print(t)


@app.command("export")
def export_cmd(
    graph: Optional[str] = typer.Option(None, "--graph", help="Write the event graph: graphml or gexf."),
    output: Optional[str] = typer.Option(None, "--output", "-o",
                                         help="Graph file (default: events.graphml / events.gexf)."),
    countries: bool = typer.Option(False, "--countries", help="Graph nodes are states (each actor's states by the actor rule)."),
    isolated: bool = typer.Option(False, "--isolated", help="Graph: also the actors of the events that have no edge (an event without a target)."),
    events_csv: Optional[str] = typer.Option(None, "--events-csv", metavar="FILE",
                                             help="Write the events table to this CSV file."),
    events_parquet: Optional[str] = typer.Option(None, "--events-parquet", metavar="FILE",
                                                 help="Write the events table to this Parquet file (the CSV's columns)."),
    source: Optional[str] = typer.Option(None, "--source", help="Only events with this actor doing the act."),
    target: Optional[str] = typer.Option(None, "--target", help="Only events with this actor as target."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only events with this actor in either role."),
    type: Optional[str] = typer.Option(None, "--type", help="Only these PLOVER types."),
    modality: Optional[str] = typer.Option(None, "--modality", help="Only these modalities."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest day."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest day."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No line per file written."),
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export events: a graph for Gephi/networkx (actors as nodes, weighted typed dated
    edges), or a table (CSV, Parquet).

    \b
    The table's columns (CSV and Parquet alike): event_id, article_id, published,
    publication, url, headline, date, date_granularity, day, month, type, mode,
    modality, quad, cameo, goldstein (the CAMEO code's Goldstein score), source_ids,
    source_names, source_countries, source_codes (CAMEO-style: GBRGOV), the same
    for target, confidence, rule, trigger, reported_by, location, context,
    sentence.  Lists are lists in Parquet, joined by | in CSV.
    """
    with handle_errors():
        if not graph and not events_parquet and not events_csv:
            raise QueryError("nothing to export: give --graph graphml|gexf, --events-csv FILE "
                             "or --events-parquet FILE", code="E537")
        f = _filter(source=source, target=target, actor=actor, type=type, modality=modality,
                    since=since, until=until)
        with open_kb(db, readonly=True) as kb:
            said = []
            if graph:
                path = output or f"events.{graph}"
                n, e = kb.export_graph(path, format=graph, filter=f, countries=countries,
                                       isolated=isolated)
                said.append(f"wrote {path}: {n} nodes, {e} edges")
            if events_csv:
                said.append(f"wrote {events_csv}: {kb.export_events_csv(events_csv, f)} events")
            if events_parquet:
                rows = kb.export_events_parquet(events_parquet, f)
                said.append(f"wrote {events_parquet}: {rows} events")
    if not quiet:
        for line in said:
            typer.echo(line)
