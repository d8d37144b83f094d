"""CLI commands: watch feeds and sitemaps (``watch``), and what each source gave (``sources``)."""

from __future__ import annotations

import logging
import sys
from typing import Annotated, Optional

import typer

from .app import app
from .common import (DEFAULT_DB, DEFAULT_LIMIT, EXIT_FAILED, EXIT_OK, EXIT_USAGE, DbOption,
                     FormatOption, HiddenJsonOption, LimitOption, OffsetOption, fail,
                     handle_errors, list_format, note_more, open_kb, print_csv, print_failure,
                     print_json, print_jsonl)

__all__ = ["watch", "sources"]


@app.command()
def watch(
    sources: Annotated[str, typer.Argument(
        metavar="SOURCES", help="Text file: one feed, sitemap or home page URL a line, then "
        "optionally the publication's name and its ISO country code.")],
    db: DbOption = DEFAULT_DB,
    every: Annotated[str, typer.Option(
        "--every", metavar="DURATION", help="Start a cycle this often (90s, 15m, 1h).")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and exit (for cron).")]
    = False,
    no_analysis: Annotated[bool, typer.Option(
        "--no-analysis", help="Store clean articles only (fast); `reprocess` analyses them "
        "later.")] = False,
    no_dedupe: Annotated[bool, typer.Option(
        "--no-dedupe", help="Do not group near-duplicates after each cycle (run `newsgraph "
        "dedupe` on a schedule of your own: it regroups the whole knowledge base).")] = False,
    per_host: Annotated[int, typer.Option(
        "--per-host", min=1, help="Requests at once to one host.")] = 2,
    delay: Annotated[float, typer.Option(
        "--delay", min=0.0, metavar="SECONDS",
        help="Between two requests to one host (robots.txt's Crawl-delay, if longer, wins).")]
    = 1.0,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, metavar="SECONDS", help="Per request.")] = 20.0,
    max_mb: Annotated[float, typer.Option(
        "--max-mb", min=0.01, metavar="MB", help="Largest page, feed or sitemap read.")] = 10.0,
    retries: Annotated[int, typer.Option(
        "--retries", min=0, help="Tries again after a timeout, connection error, 429 or 5xx "
        "(with backoff).")] = 2,
    concurrency: Annotated[int, typer.Option(
        "--concurrency", min=1, help="Requests at once, all hosts together.")] = 16,
    user_agent: Annotated[Optional[str], typer.Option(
        "--user-agent", metavar="TEXT", help="User-Agent header (default: newsgraph/VERSION "
        "with what it does).")] = None,
    proxy: Annotated[Optional[str], typer.Option(
        "--proxy", metavar="URL", help="HTTP proxy (default: $HTTP_PROXY / $HTTPS_PROXY).")]
    = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Articles per transaction.")] = 100,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per cycle.")] = False,
    json_out: Annotated[bool, typer.Option(
        "--json", help="One JSON line per cycle on standard output.")] = False,
) -> None:
    """Watch news feeds, sitemaps and home pages; store each new article once.

    \b
    Each cycle reads every source with conditional requests, queues the article
    URLs not seen before, fetches them politely (robots.txt, --per-host, --delay,
    --timeout, --max-mb, --retries), stores them as `ingest` does, then runs
    `link` and `dedupe`.  State lives in the knowledge base: a killed watcher
    resumes where it stopped.  A source that fails says why, once a cycle.
    """
    from ..errors import InputError
    from ..watch import FetchSettings, WatchSettings, parse_every
    from ..watch import watch as run_watch
    from ..watch.fetch import DEFAULT_USER_AGENT

    try:
        seconds = None if once else parse_every(every)
    except InputError as exc:
        fail(exc, code=EXIT_USAGE)
    for name in ("trafilatura", "courlan", "htmldate"):  # their per-link warnings
        logging.getLogger(name).setLevel(logging.ERROR)
    settings = WatchSettings(
        fetch=FetchSettings(user_agent=user_agent or DEFAULT_USER_AGENT, timeout=timeout,
                            max_bytes=int(max_mb * 1_000_000), per_host=per_host, delay=delay,
                            retries=retries, concurrency=concurrency, proxy=proxy),
        analysis=not no_analysis, batch=batch_size, dedupe=not no_dedupe)
    failed = False

    def say(f) -> None:
        nonlocal failed
        failed = failed or f.code.startswith("E")
        print_failure(f)

    with handle_errors():
        with open_kb(db) as kb:
            try:
                for report in run_watch(kb, sources, settings, every=seconds,
                                        cycles=1 if once else None, on_failure=say):
                    for w in report.warnings:
                        sys.stderr.write(f"{w}\n")
                    if json_out:
                        print_jsonl(report.to_dict())
                        sys.stdout.flush()
                    if not quiet:
                        sys.stderr.write(f"watch: {report.line()}\n")
                        sys.stderr.flush()
                    if report.interrupted:
                        raise KeyboardInterrupt
            except KeyboardInterrupt:
                sys.stderr.write("watch: stopped; the next run resumes where this one "
                                 "stopped\n")
                raise typer.Exit(EXIT_FAILED)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def sources(
    db: DbOption = DEFAULT_DB,
    all_sources: Annotated[bool, typer.Option(
        "--all", help="Sources no longer listed in SOURCES too.")] = False,
    format: FormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    json_flag: HiddenJsonOption = False,
) -> None:
    """Each watched source: its last success, articles found and stored, errors."""
    from ..watch import sources_report

    with handle_errors():
        fmt = list_format(format, json_flag)
        with open_kb(db, readonly=True) as kb:
            every = sources_report(kb, all=all_sources)
    rows = every[offset:None if not limit else offset + limit]
    if fmt == "json":
        print_json({"total": len(every), "limit": limit or None, "offset": offset,
                    "items": [r.to_dict() for r in rows]})
    elif fmt == "jsonl":
        for r in rows:
            print_jsonl(r.to_dict())
    elif fmt == "csv":
        print_csv((r.to_dict() for r in rows), list(_COLUMNS))
    elif not every:
        typer.echo("no sources yet: run `newsgraph watch SOURCES`", err=True)
    else:
        for r in rows:
            about = ", ".join(x for x in (r.publication, r.country) if x)
            typer.echo(f"{r.url}" + (f"  ({about})" if about else "") + f"  {r.kind or '?'}"
                       + ("" if r.active else "  (no longer listed)"))
            success = (r.last_success or "never").replace("+00:00", "Z")
            typer.echo(f"  last success {success} · found {r.found} · stored {r.stored} · "
                       f"duplicates {r.duplicates} · pending {r.pending} · failed {r.failed} · "
                       f"errors {r.errors}")
            if r.last_error_code:
                typer.echo(f"  last error [{r.last_error_code}] {r.last_error}")
    shown = len(rows)
    summary = (f"{len(every)} sources" if offset == 0 and shown >= len(every) else
               f"{offset + 1}-{offset + shown} of {len(every)} sources")
    note_more(summary, total=len(every), shown=shown, offset=offset)


_COLUMNS = ("url", "publication", "country", "kind", "active", "added", "last_checked",
            "last_success", "found", "stored", "duplicates", "pending", "failed", "errors",
            "last_error_code", "last_error")
