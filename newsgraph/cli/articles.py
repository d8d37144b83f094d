"""CLI commands on articles from files: ``analyze`` and ``report``.

Both read PATHs (files, folders, ``-`` for standard input), run the pipeline and
print; a document that cannot be read or analysed is one line on standard error,
the others go on, and the exit status is 1 if anything failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer

from .app import app
from .common import INPUT_NOTE, MANIFEST_HELP

_INPUT_FORMATS = "newsstand|html|text|jsonl|csv"
_PATHS_HELP = "Files, folders (read recursively) or - for standard input."
_DATE_HELP = "Publication date for articles whose input gives none."


def _documents(paths: list[str], date: Optional[str], input_format: Optional[str],
               manifest: Optional[str]):
    from ..readers import ReadOptions, read_paths

    if date is not None:
        from ..readers.meta import normalize_date
        if normalize_date(date) != date:
            raise typer.BadParameter(f"{date!r} is not a date in the form YYYY-MM-DD",
                                     param_hint="--date")
    return read_paths(paths, ReadOptions(format=input_format, date=date, manifest=manifest))


def _analyses(paths, date, input_format, manifest, failed: list) -> Iterator:
    from ..models import Failure
    from ..pipeline import analyze_documents

    for item in analyze_documents(_documents(paths, date, input_format, manifest)):
        if isinstance(item, Failure):
            failed.append(item)
            typer.echo(str(item), err=True)
        else:
            yield item


@app.command(help="Print the analysis record of each article (docs/analysis-json.md).\n\n"
             + INPUT_NOTE)
def analyze(
    paths: list[str] = typer.Argument(..., metavar="PATH", help=_PATHS_HELP),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=_DATE_HELP),
    format: str = typer.Option("jsonl", "--format", metavar="jsonl|json",
                               help="jsonl: one record per line; json: one JSON array."),
    input_format: Optional[str] = typer.Option(None, "--input-format", metavar=_INPUT_FORMATS,
                                               help="Read every input in this format "
                                                    "(default: by file type and content)."),
    manifest: Optional[str] = typer.Option(None, "--manifest", metavar="FILE.csv",
                                           help=MANIFEST_HELP),
) -> None:
    """Print the analysis record of each article (docs/analysis-json.md)."""
    if format not in ("jsonl", "json"):
        raise typer.BadParameter("must be jsonl or json", param_hint="--format")
    failed: list = []
    out = sys.stdout
    records = (a.to_dict() for a in _analyses(paths, date, input_format, manifest, failed))
    if format == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        out.write("[")
        for i, rec in enumerate(records):
            out.write(("," if i else "") + "\n" + json.dumps(rec, ensure_ascii=False, indent=2))
        out.write("\n]\n")
    out.flush()
    if failed:
        typer.echo(f"{len(failed)} input(s) failed", err=True)
        raise typer.Exit(1)


@app.command(help="A readable report of each article: metadata, text, captions, actors, "
             "quotes, events.\n\n" + INPUT_NOTE)
def report(
    paths: list[str] = typer.Argument(..., metavar="PATH", help=_PATHS_HELP),
    html: Optional[Path] = typer.Option(None, "--html", metavar="FILE",
                                        help="Write one standalone HTML page instead of "
                                             "printing to the terminal."),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help=_DATE_HELP),
    input_format: Optional[str] = typer.Option(None, "--input-format", metavar=_INPUT_FORMATS,
                                               help="Read every input in this format."),
    manifest: Optional[str] = typer.Option(None, "--manifest", metavar="FILE.csv",
                                           help=MANIFEST_HELP),
) -> None:
    """A readable report of each article: metadata, text, captions, actors, quotes, events."""
    from .. import report as report_mod

    failed: list = []
    analyses = _analyses(paths, date, input_format, manifest, failed)
    if html is not None:
        items = list(analyses)
        html.write_text(report_mod.render_html(items), encoding="utf-8")
        typer.echo(f"wrote {html} ({len(items)} article{'s' if len(items) != 1 else ''})",
                   err=True)
    else:
        report_mod.print_report(analyses)
    if failed:
        typer.echo(f"{len(failed)} input(s) failed", err=True)
        raise typer.Exit(1)
