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
from .common import (DEFAULT_DB, DEFAULT_LIMIT, DbOption, FormatOption, HiddenJsonOption,
                     JsonOption, LimitOption, OffsetOption, console, handle_errors, list_format,
                     list_limit, note_listing, open_kb, print_csv, print_json, print_jsonl)

FullOption = Annotated[bool, typer.Option(
    "--full", help="Link every article again, not only new ones.")]
KindOption = Annotated[Optional[str], typer.Option(
    "--kind", help="country, person, organization, location, group or document.")]
CountryOption = Annotated[Optional[str], typer.Option(
    "--country", help="The state the actor belongs to or acts for: an ISO code (GB, GBR) or "
    "a name.")]
NameOption = Annotated[Optional[str], typer.Option(
    "--name", help="Part of a name seen for the actor.")]
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
           format: FormatOption = "table", limit: LimitOption = DEFAULT_LIMIT,
           offset: OffsetOption = 0, json_flag: HiddenJsonOption = False,
           db: DbOption = DEFAULT_DB) -> None:
    """List knowledge-base actors (after `newsgraph link`), most often named first."""
    with handle_errors():
        fmt = list_format(format, json_flag)
        code = None
        if country:
            from ..query.filters import country_alpha2, country_alpha3

            code = country_alpha3(country_alpha2(country) or "")
        with open_kb(db, readonly=True) as kb:
            rows = kb.actors(kind=kind, country=code, name=name, limit=list_limit(limit),
                             offset=offset)
            unlinked = not rows and kb.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM article_actors)").fetchone()[0]
    if unlinked:
        typer.echo("no linked actors yet: run `newsgraph link`", err=True)
    if fmt == "json":
        print_json(rows.to_dict())
    elif fmt == "jsonl":
        for a in rows:
            print_jsonl(a.to_dict())
    elif fmt == "csv":
        print_csv(rows.to_rows(), ["id", "name", "kind", "country", "sector", "members",
                                   "aliases", "first_seen", "last_seen", "n_articles"])
    else:
        from rich.table import Table

        table = Table("id", "name", "kind", "country", "articles", "first seen", "last seen")
        for a in rows:
            table.add_row(a.id, a.name, a.kind, a.country or "", str(a.n_articles),
                          a.first_seen or "", a.last_seen or "")
        console().print(table)
    note_listing(rows)


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
                kb.resolve(name, strict=True)  # [E520] with the nearest names
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
