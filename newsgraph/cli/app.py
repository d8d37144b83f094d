"""The Typer application every CLI module registers its commands on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Who did what to whom, and who said what, in news articles.\n\n"
         "Every command reads the knowledge base given by --db, else $NEWSGRAPH_DB, else "
         "./newsgraph.db; a command that reads one that is not there says [E404].",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print newsgraph's version and exit (`newsgraph version`: "
                                      "with its rules and model)."),
) -> None:
    """Who did what to whom, and who said what, in news articles.

    Every command reads the knowledge base given by --db, else $NEWSGRAPH_DB, else
    ./newsgraph.db; a command that reads one that is not there says [E404].
    """


@app.command()
def version() -> None:
    """Print newsgraph's version, its rules' versions and the spaCy model it loads."""
    from .. import __version__, pipeline_version
    from ..parse import load_model

    typer.echo(f"newsgraph {__version__}")
    typer.echo(f"pipeline {pipeline_version()}")
    typer.echo(f"model {load_model().describe()}")
