"""CLI commands: quotes (who said what): a thin shell over :meth:`KnowledgeBase.quotes`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import DEFAULT_DB, DbOption, handle_errors, open_kb, print_csv, print_json, print_note

_CSV_FIELDS = ["published", "publication", "article_id", "speaker", "speaker_actor", "kind",
               "cue", "text", "about", "rule"]


@app.command("quotes")
def quotes_command(
    by: Annotated[Optional[str], typer.Option(
        "--by", metavar="ACTOR", help="Speaker: an id or a name (Blinken); a state also finds "
        "the people who speak for it.")] = None,
    about: Annotated[Optional[str], typer.Option(
        "--about", metavar="ACTOR", help="Only quotes that mention this actor (id or name).")] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="DATE", help="Published on or after DATE (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", metavar="DATE", help="Published on or before DATE (YYYY[-MM[-DD]]).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many quotes.")] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    dedupe: Annotated[bool, typer.Option(
        "--dedupe", help="One quote per near-duplicate story (see `newsgraph dedupe`).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print CSV instead of text.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Quotes in the knowledge base: who said what, about whom, when.

    A line on standard error says how many of how many matches were printed.
    """
    from ..query.filters import Filter

    with handle_errors():
        with open_kb(db, readonly=True) as kb:
            page = kb.quotes(Filter(by=by, about=about, since=since, until=until, dedupe=dedupe),
                             limit=limit, offset=offset)
    if json_out:
        print_json(page.to_dict())
    elif csv_out:
        print_csv(page.to_rows(), _CSV_FIELDS)
    else:
        for q in page:
            name = (q.speaker.name if q.speaker else None) or "(unknown)"
            typer.echo(f"{q.published or '----------'}  {name}: “{q.text}” "
                       f"[{q.kind}] {q.article_id[:12]}")
    if not page.complete:
        print_note(page.summary())
