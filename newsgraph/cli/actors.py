"""CLI commands: actors (``link``, ``actors``, ``actor``).

Thin shells over :func:`newsgraph.link.link` and the
:class:`~newsgraph.store.q_actors.ActorQueries` of the knowledge base.
"""

from __future__ import annotations

import json
import time
from typing import Optional

import typer

from ..errors import NewsgraphError
from .app import app

_DB_HELP = "Knowledge-base file."


def _open(db: str):
    from pathlib import Path

    from ..store import KnowledgeBase

    if not Path(db).is_file():
        raise typer.BadParameter(f"[E401] no knowledge base at {db}", param_hint="--db")
    return KnowledgeBase(db)


def _fail(exc: NewsgraphError) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(1)


@app.command()
def link(db: str = typer.Option("newsgraph.db", "--db", envvar="NEWSGRAPH_DB", help=_DB_HELP),
         full: bool = typer.Option(False, "--full", help="Link every article again, not only new ones."),
         as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Link actors across articles (run after each ingest): a bare "Kishida" in a later
    article joins the one known person with that surname and the state they act for."""
    from ..link import link as run_link

    with _open(db) as kb:
        t0 = time.perf_counter()
        try:
            report = run_link(kb.conn, full=full)
        except NewsgraphError as exc:
            _fail(exc)
        secs = time.perf_counter() - t0
    if as_json:
        typer.echo(json.dumps(report.to_dict() | {"seconds": round(secs, 3)}))
        return
    typer.echo(f"linked {report.articles} articles in {secs:.2f}s: {report.persons} person "
               f"mentions by full name, {report.surnames_linked} bare surnames linked, "
               f"{report.surnames_ambiguous} ambiguous, {report.surnames_unknown} unknown; "
               f"{report.actors} actors in the knowledge base")


@app.command()
def actors(kind: Optional[str] = typer.Option(None, "--kind", help="country, person, organization, location, group or document."),
           country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 the actor belongs to or acts for."),
           name: Optional[str] = typer.Option(None, "--name", help="Part of a name seen for the actor."),
           limit: int = typer.Option(50, "--limit", min=1, help="How many to list."),
           as_json: bool = typer.Option(False, "--json", help="JSON Lines, one actor a line."),
           db: str = typer.Option("newsgraph.db", "--db", envvar="NEWSGRAPH_DB", help=_DB_HELP)) -> None:
    """List knowledge-base actors, most often named first."""
    with _open(db) as kb:
        try:
            rows = kb.actors(kind=kind, country=country, name=name, limit=limit)
        except NewsgraphError as exc:
            _fail(exc)
        unlinked = not rows and kb.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM article_actors)").fetchone()[0]
    if as_json:
        for a in rows:
            typer.echo(json.dumps(a.to_dict(), ensure_ascii=False))
        return
    if unlinked:
        typer.echo("no linked actors yet: run `newsgraph link`", err=True)
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "kind", "country", "articles", "first seen", "last seen")
    for a in rows:
        table.add_row(a.id, a.name, a.kind, a.country or "", str(a.n_articles),
                      a.first_seen or "", a.last_seen or "")
    Console().print(table)


@app.command()
def actor(name: str = typer.Argument(..., help="An id (USA, person:fumio-kishida) or a name or surname."),
          limit: int = typer.Option(20, "--limit", min=1, help="How many articles and mentions."),
          as_json: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
          db: str = typer.Option("newsgraph.db", "--db", envvar="NEWSGRAPH_DB", help=_DB_HELP)) -> None:
    """One actor: names, state, the roles it was seen in with dates, its articles and mentions."""
    with _open(db) as kb:
        try:
            profile = kb.actor_profile(name, limit=limit)
        except NewsgraphError as exc:
            _fail(exc)
    if profile is None:
        typer.echo(f"[E520] no actor {name!r} in {db}", err=True)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(profile.to_dict(), ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    a = profile.actor
    con = Console()
    con.print(f"[bold]{a.name}[/bold]  {a.id}  {a.kind}  country={a.country or '-'}  "
              f"articles={a.n_articles}  seen {a.first_seen or '?'} .. {a.last_seen or '?'}")
    if a.aliases:
        con.print("names: " + "; ".join(a.aliases))
    if profile.roles:
        t = Table("role", "country", "first seen", "last seen", "articles", title="roles")
        for r in profile.roles:
            t.add_row(r.role, r.country or "", r.first_seen or "", r.last_seen or "", str(r.n_articles))
        con.print(t)
    t = Table("published", "article", "headline", "name", "mentions", title="articles")
    for x in profile.articles:
        t.add_row(x.published or "", x.article_id[:12], x.headline or "", x.name, str(x.n_mentions))
    con.print(t)
    if profile.mentions:
        t = Table("published", "article", "mention", "form", "offsets", title="mentions")
        for m in profile.mentions:
            t.add_row(m.published or "", m.article_id[:12], m.text, m.form or "", f"{m.start}-{m.end}")
        con.print(t)
