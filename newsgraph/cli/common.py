"""Helpers every CLI module shares: the ``--db`` option, JSON output, error lines, exit codes.

Usage in a command module::

    from .common import DbOption, JsonOption, open_kb, print_json, handle_errors

    @app.command()
    def thing(db: DbOption = DEFAULT_DB, json_out: JsonOption = False) -> None:
        with handle_errors():
            with open_kb(db, readonly=True) as kb:
                print_json(kb.something().to_dict())

Exit codes: ``EXIT_OK`` (0) everything worked, ``EXIT_FAILED`` (1) some input or
record failed (the rest was done), ``EXIT_USAGE`` (2) the command could not run
as asked (bad query, unknown id, missing knowledge base: always ``[E404]``).

**Listing commands** (``events``, ``quotes``, ``search``, ``actors``, ``dyad``,
``sources``) share one convention: ``--format table|json|jsonl|csv`` (``table`` by
default, whether or not the output is a terminal: pipe ``--format jsonl`` or ``csv``
to programs), ``--limit N`` (default 20; ``0``: every match) and ``--offset N``, and a
line on standard error that says how many more there are ("first 20 of 380 events;
360 more: --offset 20, or --limit 0 for all").  ``json`` is one document with
``total``, ``limit`` and ``offset``; ``jsonl`` one record a line; ``csv`` a header and
one row a record.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from typing import Annotated, Any, Iterator

import typer

from ..errors import NewsgraphError, QueryError, StoreError
from ..models import Failure

__all__ = ["DbOption", "JsonOption", "DEFAULT_DB", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE",
           "open_kb", "print_json", "print_jsonl", "print_csv", "print_error", "print_failure",
           "print_note", "fail", "handle_errors", "is_tty", "FORMATS", "FormatOption",
           "LimitOption", "OffsetOption", "HiddenJsonOption", "list_format", "list_limit",
           "note_more", "note_listing", "console", "DEFAULT_LIMIT", "MANIFEST_HELP",
           "INPUT_NOTE"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DB = "newsgraph.db"

DbOption = Annotated[str, typer.Option(
    "--db", envvar="NEWSGRAPH_DB", metavar="FILE",
    help="Knowledge base file (default ./newsgraph.db, or $NEWSGRAPH_DB).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]

#: What ``--manifest`` and a sidecar may say about an input file (its --help text).
MANIFEST_HELP = ("CSV with a path column (relative to the CSV) and any of published, "
                 "publication, url, language, country, headline, byline.")
INPUT_NOTE = ("Each input file's metadata comes, field by field, from the document itself, "
              "else a sidecar NAME.json beside it (an object with any of published, "
              "publication, url, language, country, headline, byline), else the --manifest "
              "row of its path, else a date in its path or URL, else --date.  A plain-text "
              "file whose first line is a title, with a blank line after it, takes that line "
              "as its headline.")

#: The output formats of every listing command.
FORMATS = ("table", "json", "jsonl", "csv")
DEFAULT_LIMIT = 20
FormatOption = Annotated[str, typer.Option(
    "--format", metavar="table|json|jsonl|csv",
    help="table (the default), json (one document with the total), jsonl (one record a "
    "line) or csv.")]
LimitOption = Annotated[int, typer.Option(
    "--limit", "-n", min=0, help="At most this many (0: every match).")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")]
HiddenJsonOption = Annotated[bool, typer.Option("--json", hidden=True,
                                                help="The same as --format json.")]


def list_format(fmt: str, json_flag: bool = False, *, extra: tuple[str, ...] = ()) -> str:
    """The output format asked for (``--json`` is ``--format json``); ``[E536]`` for one
    the command does not write."""
    fmt = "json" if json_flag else (fmt or "table").strip().lower()
    allowed = FORMATS + extra
    if fmt not in allowed:
        raise QueryError(f"--format {fmt!r}: expected one of {', '.join(allowed)}",
                         code="E536")
    return fmt


def list_limit(limit: int) -> int | None:
    """``--limit``: 0 is every match (None for the Python API)."""
    return None if not limit else limit


def note_more(summary: str, *, total: int, shown: int, offset: int) -> None:
    """The line on standard error that says what was shown of how many, and how to see
    the rest (nothing when everything was shown): ``summary`` is the listing's own
    ("first 20 of 380 events")."""
    if offset == 0 and shown >= total:
        return
    rest = total - offset - shown
    if rest > 0:
        summary += f"; {rest} more: --offset {offset + shown}, or --limit 0 for all"
    print_note(summary)


def note_listing(page) -> None:
    """:func:`note_more` for a :class:`~newsgraph.query.listing.Listing`."""
    note_more(page.summary(), total=page.total, shown=len(page), offset=page.offset)


def console():
    """A rich console on standard output that never guesses markup or highlights; wide
    when the output is not a terminal, so piped tables keep whole lines."""
    from rich.console import Console

    return Console(highlight=False, width=None if is_tty() else 200)


def is_tty(stream=None) -> bool:
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def print_json(obj: Any, *, indent: int | None = 2) -> None:
    """Print one JSON document to standard output (UTF-8, non-ASCII kept)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=indent, default=str) + "\n")


def print_jsonl(obj: Any) -> None:
    """Print one JSON Lines record."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)
                     + "\n")


def print_csv(rows, columns: list[str] | None = None) -> None:
    """Rows (dicts) as CSV with a header (``columns``: the first row's keys by default)."""
    import csv

    rows = iter(rows)
    first = next(rows, None)
    cols = columns or (list(first) if first else [])
    w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    if first is not None:
        w.writerow(first)
    for r in rows:
        w.writerow(r)


def print_note(text: str) -> None:
    """One line for the reader on standard error ("first 100 of 380 events")."""
    sys.stderr.write(f"{text}\n")
    sys.stderr.flush()


def print_error(err: NewsgraphError | Exception | str) -> None:
    """One line on standard error: ``where: [Ennn] message``."""
    text = str(err) if isinstance(err, (NewsgraphError, str)) else f"{type(err).__name__}: {err}"
    sys.stderr.write(f"newsgraph: {text}\n")
    sys.stderr.flush()


def print_failure(failure: Failure) -> None:
    """One line on standard error naming the file (line or record) and the problem."""
    sys.stderr.write(f"{failure}\n")
    sys.stderr.flush()


def fail(err: NewsgraphError | str, *, code: int = EXIT_USAGE) -> None:
    """Print ``err`` as one line and exit with ``code``."""
    print_error(err)
    raise typer.Exit(code)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn newsgraph errors into one line and an exit status (never a traceback)."""
    try:
        yield
    except (QueryError, StoreError) as exc:
        fail(exc, code=EXIT_USAGE)
    except NewsgraphError as exc:
        fail(exc, code=EXIT_FAILED)
    except BrokenPipeError:  # `newsgraph search ... | head`
        try:
            sys.stdout.close()
        except OSError:
            pass
        os._exit(EXIT_OK)


def open_kb(db: str, *, readonly: bool = False, must_exist: bool = False):
    """Open the knowledge base at ``db``.

    ``readonly``/``must_exist``: a missing file is a clear ``E404`` error instead
    of a new empty knowledge base.
    """
    from ..kb import KnowledgeBase

    if (readonly or must_exist) and not os.path.isfile(db):
        raise StoreError("no knowledge base here (run `newsgraph ingest PATH` first, or "
                         "give --db)", code="E404", where=db)
    return KnowledgeBase(db, readonly=readonly)
