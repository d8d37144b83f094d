"""CLI commands: actors (``link``, ``actors``, ``actor``).

Thin shells over :func:`newsgraph.link.link` and the actor queries of the knowledge
base (:mod:`newsgraph.query.actors`, :mod:`newsgraph.query.profile`).
"""

from __future__ import annotations

import time
from typing import Annotated, Optional

import typer

from ..errors import QueryError
from .app import app
from .common import (DEFAULT_DB, DbOption, JsonOption, handle_errors, open_kb, print_json,
                     print_jsonl)

FullOption = Annotated[bool, typer.Option(
    "--full", help="Link every article again, not only new ones.")]
KindOption = Annotated[Optional[str], typer.Option(
    "--kind", help="country, person, organization, location, group or document.")]
CountryOption = Annotated[Optional[str], typer.Option(
    "--country", help="ISO alpha-3 the actor belongs to or acts for.")]
NameOption = Annotated[Optional[str], typer.Option(
    "--name", help="Part of a name seen for the actor.")]
JsonLinesOption = Annotated[bool, typer.Option("--json", help="JSON Lines, one actor a line.")]
ActorArg = Annotated[str, typer.Argument(
    help="An id (USA, person:fumio-kishida) or a name or surname.")]
RULE_NOTE = ("Its events and quotes follow the actor rule: a state also counts the people and "
             "organisations that act for it and the groups it belongs to.")


@app.command()
def link(db: DbOption = DEFAULT_DB, full: FullOption = False,
         json_out: JsonOption = False) -> None:
    """Link actors across articles (run after each ingest): a bare "Kishida" in a later
    article joins the one known person with that surname and the state they act for."""
    from ..link import link as run_link

    with handle_errors():
        with open_kb(db, must_exist=True) as kb:
            t0 = time.perf_counter()
            report = run_link(kb.conn, full=full)
            secs = time.perf_counter() - t0
    if json_out:
        print_json(report.to_dict() | {"seconds": round(secs, 3)})
        return
    typer.echo(f"linked {report.articles} articles in {secs:.2f}s: {report.persons} person "
               f"mentions by full name, {report.surnames_linked} bare surnames linked, "
               f"{report.surnames_ambiguous} ambiguous, {report.surnames_unknown} unknown; "
               f"{report.released} held events released (a person in them now has a state); "
               f"{report.actors} actors in the knowledge base")


@app.command()
def actors(kind: KindOption = None, country: CountryOption = None, name: NameOption = None,
           limit: Annotated[int, typer.Option("--limit", min=1, help="How many to list.")] = 50,
           json_out: JsonLinesOption = False, db: DbOption = DEFAULT_DB) -> None:
    """List knowledge-base actors (after `newsgraph link`), most often named first."""
    with handle_errors():
        with open_kb(db, readonly=True) as kb:
            rows = kb.actors(kind=kind, country=country, name=name, limit=limit)
            unlinked = not rows and kb.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM article_actors)").fetchone()[0]
    if json_out:
        for a in rows:
            print_jsonl(a.to_dict())
        return
    if unlinked:
        typer.echo("no linked actors yet: run `newsgraph link`", err=True)
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "kind", "country", "articles", "first seen", "last seen")
    for a in rows:
        table.add_row(a.id, a.name, a.kind, a.country or "", str(a.n_articles),
                      a.first_seen or "", a.last_seen or "")
    Console(highlight=False).print(table)


@app.command()
def actor(name: ActorArg,
          limit: Annotated[int, typer.Option(
              "--limit", min=1, help="How many articles and mentions.")] = 20,
          json_out: JsonOption = False,
          db: DbOption = DEFAULT_DB) -> None:
    """One actor: names, state, roles with dates, articles, mentions, quotes and events.

    Its events and quotes follow the actor rule: a state also counts the people and
    organisations that act for it and the groups it belongs to.
    """
    with handle_errors():
        with open_kb(db, readonly=True) as kb:
            profile = kb.actor_profile(name, limit=limit)
            if profile is None:
                raise QueryError(f"no actor {name!r} (give an id, a name or a surname)",
                                 code="E520", where=db)
    if json_out:
        print_json(profile.to_dict())
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    a = profile.actor
    con = Console(highlight=False)
    if profile.resolved.how != "id":
        con.print(f"{escape(name)}: {escape(profile.resolved.describe())} by {profile.resolved.how}")
    con.print(f"[bold]{escape(a.name)}[/bold]  {escape(a.id)}  {a.kind}  "
              f"country={a.country or '-'}  articles={a.n_articles}  "
              f"seen {a.first_seen or '?'} .. {a.last_seen or '?'}")
    if a.aliases:
        con.print("names: " + escape("; ".join(a.aliases)))
    if profile.roles:
        t = Table("role", "country", "first seen", "last seen", "articles", title="roles")
        for r in profile.roles:
            t.add_row(r.role, r.country or "", r.first_seen or "", r.last_seen or "",
                      str(r.n_articles))
        con.print(t)
    t = Table("published", "article", "headline", "name", "mentions",
              title=f"articles ({profile.articles.summary()})")
    for x in profile.articles:
        t.add_row(x.published or "", x.article_id[:12], x.headline or "", x.name,
                  str(x.n_mentions))
    con.print(t)
    if profile.mentions:
        t = Table("published", "article", "mention", "form", "offsets",
                  title=f"mentions ({profile.mentions.summary()})")
        for m in profile.mentions:
            t.add_row(m.published or "", m.article_id[:12], m.text, m.form or "",
                      f"{m.start}-{m.end}")
        con.print(t)
    for title, quotes in (("said", profile.quotes_by), ("said about it", profile.quotes_about)):
        if quotes:
            t = Table("published", "speaker", "quote", title=f"{title} ({quotes.summary()})")
            for q in quotes:
                t.add_row(q.published or "", (q.speaker.name if q.speaker else None) or "",
                          q.text)
            con.print(t)
    for title, evs in (("events as source", profile.events_as_source),
                       ("events as target", profile.events_as_target)):
        if evs:
            t = Table("day", "type", "source", "target", "modality",
                      title=f"{title} ({evs.summary()})")
            for e in evs:
                t.add_row(e.day or "", e.type, ", ".join(profile.names.get(i, i) for i in e.source),
                          ", ".join(profile.names.get(i, i) for i in e.target), e.modality)
            con.print(t)
    con.print(RULE_NOTE, style="dim")
