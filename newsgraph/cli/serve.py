"""CLI commands: serve (the read-only web explorer)."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import app


@app.command()
def serve(
    db: Path = typer.Option(Path("newsgraph.db"), "--db", help="Knowledge base to explore."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Interface to bind; localhost unless told otherwise."),
    port: int = typer.Option(8000, "--port", help="TCP port to listen on."),
) -> None:
    """Serve the read-only web explorer (pages and their .json twins) over a knowledge base."""
    import uvicorn

    from ..errors import NewsgraphError
    from ..web import create_app

    try:
        web_app = create_app(db)
    except NewsgraphError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"newsgraph explorer on http://{host}:{port}/ (read-only: {db})")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
