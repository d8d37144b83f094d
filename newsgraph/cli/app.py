"""The Typer application every CLI module registers its commands on."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup


class _Group(TyperGroup):
    """The command group: an argument that is not UTF-8 (its bytes escaped by Python)
    that reaches text a command must encode is one line, ``[E509]``, never a traceback."""

    def parse_args(self, ctx, args):
        ctx.meta["newsgraph.args"] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UnicodeError:
            from ..safetext import has_surrogates, safe_path

            bad = [a for a in ctx.meta.get("newsgraph.args", ())
                   if isinstance(a, str) and has_surrogates(a)]
            if not bad:
                raise
            sys.stderr.write(f"newsgraph: [E509] the argument '{safe_path(bad[0])}' is not "
                             "valid UTF-8 text\n")
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
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
