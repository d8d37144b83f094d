"""CLI commands: scale (batch on Dask, load shards, near-duplicate clusters)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import app


@app.command()
def batch(
    inputs: List[Path] = typer.Argument(..., help="Article files, folders or corpus files (JSONL/CSV)."),
    out: Path = typer.Option(..., "--out", help="Output folder for Parquet shards and manifest.json."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Address of a running Dask scheduler (tcp://HOST:PORT)."),
    local_cluster: Optional[int] = typer.Option(None, "--local-cluster", min=1,
                                                help="Start a local Dask cluster of N worker processes "
                                                     "(default when no --scheduler: the number of cores)."),
    shard_size: int = typer.Option(200, "--shard-size", min=1,
                                   help="Article files per shard (a corpus file is one shard)."),
    format: Optional[str] = typer.Option(None, "--format", help="Input format (default: by file type)."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) where the input has none."),
) -> None:
    """Run the pipeline over input shards on Dask, writing Parquet shards to --out.

    A rerun skips completed shards; a worker that dies has its shard retried.
    """
    from ..readers import ReadOptions
    from ..scale.batch import BatchOptions, run_batch

    if scheduler and local_cluster:
        raise typer.BadParameter("give --scheduler or --local-cluster, not both")
    options = BatchOptions(shard_size=shard_size, read=ReadOptions(format=format, date=date))

    def progress(meta: dict) -> None:
        state = "skipped" if meta.get("skipped") else f"{meta['seconds']:.1f}s"
        typer.echo(f"shard {meta['id']}: {meta['n_articles']} articles, "
                   f"{meta['n_failed']} failed ({state})", err=True)

    try:
        report = run_batch([str(p) for p in inputs], str(out), scheduler=scheduler,
                           local_cluster=local_cluster, options=options, progress=progress)
    except FileNotFoundError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)
    typer.echo(f"{report.n_shards} shards ({report.n_written} written, {report.n_skipped} "
               f"already complete): {report.n_articles} articles, {report.n_failed} failed, "
               f"in {report.seconds:.1f}s -> {out}/manifest.json")


@app.command()
def load(
    folder: Path = typer.Argument(..., help="A `newsgraph batch` output folder."),
    db: Path = typer.Option(Path("newsgraph.db"), "--db", help="Knowledge base file."),
    no_dedupe: bool = typer.Option(False, "--no-dedupe", help="Do not update near-duplicate clusters."),
) -> None:
    """Bring Parquet shards into the SQLite knowledge base (idempotent: reruns add nothing)."""
    from ..scale.load import load_shards
    from ..store import KnowledgeBase

    with KnowledgeBase(str(db)) as kb:
        try:
            r = load_shards(str(folder), kb.conn, dedupe=not no_dedupe)
        except FileNotFoundError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2)
    typer.echo(f"{r.n_shards} shards ({r.n_skipped_shards} loaded before): {r.n_articles} "
               f"articles stored, {r.n_duplicates} already stored, {r.n_failed} failed")
    if r.clusters:
        _echo_clusters(r.clusters)


@app.command()
def dedupe(
    db: Path = typer.Option(Path("newsgraph.db"), "--db", help="Knowledge base file."),
    threshold: float = typer.Option(0.5, "--threshold", min=0.05, max=1.0,
                                    help="Jaccard similarity of body shingles for 'same story'."),
    show: int = typer.Option(0, "--show", min=0, help="List the N largest clusters."),
) -> None:
    """Group near-duplicate articles (wire copies, reprints, updates) into clusters."""
    from ..store import KnowledgeBase

    with KnowledgeBase(str(db)) as kb:
        _echo_clusters(kb.update_clusters(threshold=threshold))
        for row in kb.clusters(limit=show) if show else ():
            typer.echo(f"{row['cluster_id']}\t{row['n_articles']}\t{row['first_published'] or ''}"
                       f"\t{row['headline'] or ''}")


def _echo_clusters(r) -> None:
    typer.echo(f"near-duplicates: {r.n_clusters} clusters of {r.n_clustered} articles "
               f"({r.n_articles} signed, {r.n_signed} new)")
