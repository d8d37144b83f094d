"""CLI commands: serve (the read-only web explorer)."""

from __future__ import annotations

import typer

from .app import app
from .common import DEFAULT_DB, DbOption, handle_errors, open_kb


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Interface to bind; localhost unless told otherwise."),
    port: int = typer.Option(8000, "--port", help="TCP port to listen on."),
) -> None:
    """Serve the read-only web explorer (pages and their .json twins) over a knowledge base."""
    import uvicorn

    from ..web import create_app

    with handle_errors():
        open_kb(db, readonly=True).close()  # [E404] no knowledge base, as every command says
        web_app = create_app(db)
    typer.echo(f"newsgraph explorer on http://{host}:{port}/ (read-only: {db})")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
