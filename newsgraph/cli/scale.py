"""CLI commands: scale (batch on Dask, load shards, near-duplicate clusters)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .app import app
from .common import (DEFAULT_DB, EXIT_FAILED, DbOption, JsonOption, fail, handle_errors, open_kb,
                     print_json)

__all__ = ["batch", "load", "dedupe"]


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="Article files, folders, or corpus files (JSONL/CSV: one shard each).")],
    out: Annotated[str, typer.Option(
        "--out", metavar="DIR", help="Output folder: Parquet shards and manifest.json.")],
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="A running Dask scheduler (SSH, SLURM, Kubernetes cluster).")] = None,
    local_cluster: Annotated[Optional[int], typer.Option(
        "--local-cluster", metavar="N", min=1,
        help="Start a local Dask cluster of N worker processes (default when no "
        "--scheduler: the number of cores).")] = None,
    shard_size: Annotated[int, typer.Option(
        "--shard-size", min=1, help="Article files per shard (a corpus file is one shard).")] = 200,
    format: Annotated[Optional[str], typer.Option(
        "--format", help="Input format (default: by file type).")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Publication date where the input has none.")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No line per shard and no summary line: only errors.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Run the pipeline over input shards on Dask, writing Parquet shards to --out.

    A rerun skips completed shards; a shard whose worker dies is retried, and no
    shard is written twice. `newsgraph load DIR` brings the shards into SQLite.
    """
    from ..ingest import batch as run_batch
    from ..readers import ReadOptions
    from ..scale.batch import BatchOptions

    if scheduler and local_cluster:
        fail("give --scheduler or --local-cluster, not both")
    options = BatchOptions(shard_size=shard_size, read=ReadOptions(format=format, date=date))

    def progress(meta: dict) -> None:
        if not quiet:
            state = "already complete" if meta.get("skipped") else f"{meta['seconds']:.1f}s"
            sys.stderr.write(f"shard {meta['id']}: {meta['n_articles']} articles, "
                             f"{meta['n_failed']} failed ({state})\n")

    with handle_errors():
        r = run_batch(inputs, out, scheduler=scheduler, local_cluster=local_cluster,
                      options=options, progress=progress)
    for line in r.errors:
        sys.stderr.write(line + "\n")
    if json_out:
        print_json({k: v for k, v in vars(r).items() if k != "shards"})
    elif not quiet:
        sys.stderr.write(f"batch: {r.n_shards} shards ({r.n_written} written, {r.n_skipped} "
                         f"already complete), {r.n_articles} articles, {r.n_failed} failed, "
                         f"in {r.seconds:.1f}s; manifest {out}/manifest.json\n")
    if r.errors:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def load(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="A `newsgraph batch` output folder.")],
    db: DbOption = DEFAULT_DB,
    no_dedupe: Annotated[bool, typer.Option(
        "--no-dedupe", help="Do not update near-duplicate clusters afterwards.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Bring Parquet shards into the knowledge base (idempotent: a rerun adds nothing)."""
    from dataclasses import asdict

    from ..ingest import load as run_load

    with handle_errors():
        with open_kb(db) as kb:
            r = run_load(kb, folder, dedupe=not no_dedupe)
    for line in r.warnings:
        sys.stderr.write(line + "\n")
    if json_out:
        print_json(asdict(r))
        return
    sys.stderr.write(f"load: {r.n_shards} shards ({r.n_skipped_shards} loaded before), "
                     f"{r.n_articles} articles stored ({r.n_replaced} replaced), "
                     f"{r.n_duplicates} already stored, {r.n_failed} failed\n")
    if r.clusters:
        _clusters_line(r.clusters)


@app.command()
def dedupe(
    db: DbOption = DEFAULT_DB,
    threshold: Annotated[float, typer.Option(
        "--threshold", min=0.05, max=1.0,
        help="Jaccard similarity of body-text shingles that makes two articles one story.")] = 0.5,
    show: Annotated[int, typer.Option(
        "--show", metavar="N", min=0, help="List the N largest clusters.")] = 0,
    json_out: JsonOption = False,
) -> None:
    """Group near-duplicate articles (wire copies, reprints, updates) into stories.

    `search`, `quotes`, `events` and `dyad` then count a story once with --dedupe.
    """
    from dataclasses import asdict

    with handle_errors():
        with open_kb(db, must_exist=True) as kb:
            r = kb.update_clusters(threshold=threshold)
            rows = [c.to_dict() for c in kb.clusters(limit=show)] if show else []
    if json_out:
        print_json({**asdict(r), "clusters": rows})
        return
    _clusters_line(r)
    for row in rows:
        sys.stdout.write(f"{row['cluster_id'][:12]}  {row['n_articles']:>4}  "
                         f"{row['first_published'] or '':10}  {row['headline'] or ''}\n")


def _clusters_line(r) -> None:
    sys.stderr.write(f"dedupe: {r.n_clusters} stories with copies, {r.n_clustered} articles in "
                     f"them ({r.n_articles} signed, {r.n_signed} new)\n")
