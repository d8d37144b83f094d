"""CLI commands: quotes (who said what)."""

from __future__ import annotations

import csv
import sys
from typing import Annotated, Optional

import typer

from .app import app
from .common import DEFAULT_DB, DbOption, handle_errors, open_kb, print_json

_CSV_FIELDS = ("published", "publication", "article_id", "speaker", "speaker_actor", "kind",
               "cue", "text", "about", "rule")


@app.command("quotes")
def quotes_command(
    by: Annotated[Optional[str], typer.Option("--by", metavar="NAME",
                                              help="Speaker: an actor id or part of a name.")] = None,
    about: Annotated[Optional[str], typer.Option(
        "--about", metavar="ACTOR", help="Only quotes that mention this actor (id or name).")] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="DATE", help="Published on or after DATE (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(
        "--until", metavar="DATE", help="Published on or before DATE (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many quotes.")] = 100,
    dedupe: Annotated[bool, typer.Option(
        "--dedupe", help="One quote per near-duplicate story (see `newsgraph dedupe`).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print CSV instead of text.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Quotes in the knowledge base: who said what, about whom, when."""
    with handle_errors():
        with open_kb(db, readonly=True) as kb:
            rows = kb.quotes(by=by, about=about, since=since, until=until, limit=limit,
                             dedupe=dedupe)
    if json_out:
        print_json(rows)
    elif csv_out:
        w = csv.writer(sys.stdout)
        w.writerow(_CSV_FIELDS)
        for q in rows:
            sp = q["speaker"] or {}
            w.writerow([q["published"] or "", q["publication"] or "", q["article_id"],
                        sp.get("name") or "", sp.get("actor") or "", q["kind"],
                        (q["cue"] or {}).get("text", ""), q["text"], " ".join(q["about"]),
                        q["rule"] or ""])
    else:
        for q in rows:
            name = (q["speaker"] or {}).get("name") or "(unknown)"
            typer.echo(f"{q['published'] or '----------'}  {name}: “{q['text']}” "
                       f"[{q['kind']}] {q['article_id'][:12]}")
