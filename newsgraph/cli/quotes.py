"""CLI commands: quotes (who said what): a thin shell over :meth:`KnowledgeBase.quotes`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .common import (DEFAULT_DB, DEFAULT_LIMIT, DbOption, FormatOption, HiddenJsonOption,
                     LimitOption, OffsetOption, console, handle_errors, list_format, list_limit,
                     note_listing, open_kb, print_csv, print_json, print_jsonl)

_CSV_FIELDS = ["id", "published", "publication", "article_id", "headline", "speaker",
               "speaker_actor", "kind", "cue", "text", "about", "about_match", "rule"]


@app.command("quotes")
def quotes_command(
    by: Annotated[Optional[str], typer.Option(
        "--by", metavar="ACTOR", help="Speaker: an id, a name (Tony Blair, Blinken) or an ISO "
        "country code; a state also finds the people who speak for it.")] = None,
    about: Annotated[Optional[str], typer.Option(
        "--about", metavar="ACTOR", help="About this actor (or these words): named in the "
        "quote, else in its sentence, else in its paragraph, else in the headline; ranked "
        "in that order.")] = None,
    about_in: Annotated[Optional[str], typer.Option(
        "--about-in", metavar="quote|sentence|paragraph|headline",
        help="How far --about looks from the quote (default: headline, every level).")] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="DATE", help="Published on or after DATE (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", metavar="DATE", help="Published on or before DATE (YYYY[-MM[-DD]]).")] = None,
    publication: Annotated[Optional[str], typer.Option(
        "--publication", metavar="NAME", help="Only this publication.")] = None,
    country: Annotated[Optional[str], typer.Option(
        "--country", metavar="COUNTRY", help="Only publications of this country (GB, GBR or "
        "a name).")] = None,
    dedupe: Annotated[bool, typer.Option(
        "--dedupe", help="One quote per near-duplicate story (see `newsgraph dedupe`).")] = False,
    format: FormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    json_flag: HiddenJsonOption = False,
    csv_flag: Annotated[bool, typer.Option("--csv", hidden=True,
                                           help="The same as --format csv.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Quotes in the knowledge base: who said what, about whom, when.

    Newest first; with --about, the quotes that name the actor come first, then those
    whose sentence, paragraph or headline does (the about_match column says which).
    """
    from ..query.filters import Filter

    with handle_errors():
        fmt = list_format("csv" if csv_flag else format, json_flag)
        with open_kb(db, readonly=True) as kb:
            page = kb.quotes(Filter(by=by, about=about, about_in=about_in, since=since, until=until,
                                    publication=publication, country=country, dedupe=dedupe),
                             limit=list_limit(limit), offset=offset)
    if fmt == "json":
        print_json(page.to_dict())
    elif fmt == "jsonl":
        for q in page:
            print_jsonl(q.to_dict())
    elif fmt == "csv":
        print_csv(page.to_rows(), _CSV_FIELDS)
    else:
        _table(page, about=bool(about))
    note_listing(page)


def _table(page, *, about: bool) -> None:
    from rich.table import Table

    cols = ["published", "speaker", "quote", "kind"] + (["about"] if about else []) + ["article"]
    t = Table(*cols)
    for q in page:
        name = (q.speaker.name if q.speaker else None) or "(unknown)"
        row = [q.published or "", name, f"“{q.text}”", q.kind]
        if about:
            row.append(q.about_match or "")
        t.add_row(*row, q.article_id[:12])
    console().print(t)
