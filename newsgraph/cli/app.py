"""The Typer application every CLI module registers its commands on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Who did what to whom, and who said what, in news articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Who did what to whom, and who said what, in news articles."""


@app.command()
def version() -> None:
    """Print newsgraph's version, its rules' versions and the spaCy model it loads."""
    from .. import __version__, pipeline_version
    from ..parse import load_model

    typer.echo(f"newsgraph {__version__}")
    typer.echo(f"pipeline {pipeline_version()}")
    typer.echo(f"model {load_model().describe()}")
