"""CLI commands: the knowledge base (ingest, search, show, stats, delete, reprocess)."""

from __future__ import annotations

import sys
import time
from typing import Annotated, Optional

import typer

from ..errors import QueryError
from ..models import Failure
from .app import app
from .common import (DEFAULT_DB, DEFAULT_LIMIT, EXIT_FAILED, EXIT_OK, DbOption, FormatOption,
                     HiddenJsonOption, INPUT_NOTE, MANIFEST_HELP, JsonOption, LimitOption,
                     OffsetOption, console, fail,
                     handle_errors, is_tty, list_format, note_more, open_kb, print_csv,
                     print_failure, print_json, print_jsonl)

__all__ = ["ingest", "search", "show", "stats", "delete", "reprocess", "Reporter"]

_HL = ("\x02", "\x03")  # private highlight markers, rendered by the terminal output


class Reporter:
    """Progress of a long run: a rich bar with rate and ETA on a terminal, else a plain
    line every ``every`` seconds.  Both count articles (documents read: stored, skipped
    because their content is stored already, failed), and the counts grow as the run
    commits them (at least every two seconds)."""

    def __init__(self, label: str, *, total: int | None = None, quiet: bool = False,
                 every: float = 10.0):
        self.label, self.quiet, self.every = label, quiet, every
        self.bar = None
        self._last = time.monotonic()
        if not quiet and is_tty(sys.stderr):
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TextColumn("{task.fields[rate]}/s"),
                                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                TextColumn("{task.fields[info]}"),
                                console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task(f"{label} (articles)", total=total, rate="0",
                                          info="")
            self.bar.start()

    def __call__(self, s) -> None:
        now = time.monotonic()
        done = "re-analysed" if s.command == "reprocess" else "stored"
        if self.bar is not None:
            if now - self._last >= 0.1 or not s.read % 1000:
                self._last = now
                self.bar.update(self.task, completed=s.read, rate=f"{s.rate:,.1f}",
                                info=f"{done} {s.stored} · skipped {s.duplicates} · "
                                     f"failed {s.failed}")
        elif not self.quiet and now - self._last >= self.every:
            self._last = now
            sys.stderr.write(f"{self.label}: {s.read} articles ({s.rate:,.1f}/s): {done} "
                             f"{s.stored}, skipped {s.duplicates} (already stored), failed "
                             f"{s.failed}\n")
            sys.stderr.flush()

    def failure(self, f: Failure) -> None:
        if self.bar is not None:
            self.bar.console.print(str(f), markup=False, highlight=False, style="red")
        else:
            print_failure(f)

    def stop(self) -> None:
        if self.bar is not None:
            task = self.bar.tasks[0]
            self.bar.update(self.task, total=max(task.completed, 1))
            self.bar.stop()


WorkersOption = Annotated[Optional[int], typer.Option(
    "--workers", "-w", min=1, help="Analysis processes (default: the number of cores; "
    "small inputs use fewer; 1: in this process). Ctrl-C finishes the batch and stops.")]


@app.command(help="Store articles in the knowledge base (idempotent: the same content twice "
             "adds nothing).\n\nContent already stored is recognised before it is analysed, "
             "so a rerun over the same files costs about the time to read them.\n\n"
             + INPUT_NOTE)
def ingest(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help="Files, directories or - (standard input).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[Optional[str], typer.Option(
        "--input-format", "--format", metavar="FORMAT",
        help="Read every input in this format: newsstand, html, text, jsonl or csv (default: "
        "by file type and content).")] = None,
    date: Annotated[Optional[str], typer.Option(
        "--date", metavar="YYYY-MM-DD", help="Publication date where the input has none.")] = None,
    manifest: Annotated[Optional[str], typer.Option(
        "--manifest", metavar="FILE.csv", help=MANIFEST_HELP)] = None,
    no_analysis: Annotated[bool, typer.Option(
        "--no-analysis", help="Store clean articles only (fast); `reprocess` analyses them "
        "later.")] = False,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Articles per transaction.")] = 500,
    workers: WorkersOption = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress and no summary line: only the lines of inputs "
        "that failed.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Store articles in the knowledge base (idempotent: the same content twice adds nothing).

    Content already stored is recognised before it is analysed, so a rerun over the
    same files costs about the time to read them.
    """
    from ..ingest import count_documents, ingest as run_ingest
    from ..readers import ReadOptions

    if date is not None:
        from ..readers.meta import normalize_date

        if normalize_date(date) != date:
            raise typer.BadParameter(f"{date!r} is not a date in the form YYYY-MM-DD",
                                     param_hint="--date")
    with handle_errors():
        with open_kb(db) as kb:
            total = count_documents(paths, manifest=manifest) \
                if (not quiet and is_tty(sys.stderr)) else None
            rep = Reporter("ingest", total=total, quiet=quiet)
            try:
                s = run_ingest(kb, paths, workers=1 if no_analysis else workers,
                               analysis=not no_analysis,
                               batch_size=batch_size,
                               options=ReadOptions(format=format, date=date, manifest=manifest),
                               on_failure=rep.failure, on_progress=rep)
            finally:
                rep.stop()
    _finish(s, json_out=json_out, label="ingest", quiet=quiet)


def _finish(s, *, json_out: bool, label: str, quiet: bool = False) -> None:
    if json_out:
        print_json(s.to_dict())
    elif not quiet:
        sys.stderr.write(f"{label}: {s.line()}\n")
    raise typer.Exit(EXIT_OK if s.ok else EXIT_FAILED)


@app.command()
def search(
    query: Annotated[str, typer.Argument(metavar="QUERY",
                                         help='Words, "quoted phrases", -excluded, a OR b.')],
    db: DbOption = DEFAULT_DB,
    fts: Annotated[bool, typer.Option("--fts", help="QUERY is raw SQLite FTS5 syntax.")] = False,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE",
                                                 help="Published on or after.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="DATE",
                                                 help="Published on or before.")] = None,
    publication: Annotated[Optional[str], typer.Option(
        "--publication", metavar="NAME", help="Only this publication.")] = None,
    language: Annotated[Optional[str], typer.Option(
        "--language", metavar="ISO639-1", help="Only this language (en, de, ...).")] = None,
    country: Annotated[Optional[str], typer.Option(
        "--country", metavar="COUNTRY", help="Only publications of this country: an ISO code "
        "(GB or GBR) or a name.")] = None,
    actor: Annotated[Optional[str], typer.Option(
        "--actor", metavar="ACTOR", help="Only articles in which this actor was found: an id, "
        "a name (Tony Blair) or an ISO country code; a state also finds the people acting "
        "for it.")] = None,
    format: FormatOption = "table",
    limit: LimitOption = DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    page: Annotated[Optional[int], typer.Option(
        "--page", min=1, help="Page of --limit hits (instead of --offset).")] = None,
    dedupe: Annotated[bool, typer.Option(
        "--dedupe", help="One article per near-duplicate story (see `newsgraph dedupe`).")] = False,
    json_flag: HiddenJsonOption = False,
) -> None:
    """Full-text search: ranked hits with highlighted snippets, and facets.

    \b
    Syntax: words (all must appear), "a phrase", sanction* (prefix),
    Japan OR Korea, -word or NOT word (exclude; put -- before a leading -).
    Words in capitals (US, UK, EU, UN, IS, NATO) match only as written in
    capitals; other words match their forms (sanction finds sanctions).
    Terms such as US-Japan, U.S., North Korea's and Kim Jong-un match as written.
    An empty QUERY ("") with a filter lists what passes it, newest first.
    Facets: publication, country, language and month of every match; actors of
    the newest 1,000 matches.  JSON snippets are plain text with "highlights":
    the [start, end] character offsets of the matches in the snippet.
    """
    from ..query.filters import Filter

    with handle_errors():
        fmt = list_format(format, json_flag)
        if page is not None and offset:
            raise QueryError("give --page or --offset, not both", code="E506")
        if page is not None:
            offset = (page - 1) * limit
        f = Filter(since=since, until=until, publication=publication, language=language,
                   country=country, actor=actor, dedupe=dedupe)
        with open_kb(db, must_exist=True) as kb:
            n = limit if limit else kb.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            res = kb.search(query, f, fts=fts, limit=n, offset=offset, facets=fmt in
                            ("table", "json"), highlight=_HL)
    if fmt == "json":
        print_json(res.to_dict())
    elif fmt == "jsonl":
        for h in res.hits:
            print_jsonl(h.to_dict())
    elif fmt == "csv":
        rows = ({**h.to_dict(), "highlights": " ".join(f"{a}-{b}" for a, b in h.highlights)}
                for h in res.hits)
        print_csv(rows, ["id", "headline", "publication", "published", "country", "language",
                         "url", "score", "snippet", "highlights"])
    else:
        _search_table(res)
    shown = len(res.hits)
    noun = "match" if res.total == 1 else "matches"
    what = (f"first {shown} of {res.total} {noun}" if res.offset == 0 else
            f"{res.offset + 1}-{res.offset + shown} of {res.total} {noun}" if shown else
            f"none of {res.total} {noun} from {res.offset + 1}")
    note_more(what, total=res.total, shown=shown, offset=res.offset)


def _search_table(res) -> None:
    from rich.text import Text

    con = console()
    con.print(res.summary(), markup=False)
    for i, h in enumerate(res.hits, res.offset + 1):
        head = Text(f"{i}. ", style="bold")
        head.append(h.headline or "(no headline)", style="bold")
        meta = " · ".join(x for x in (h.publication, h.published, h.country, h.language) if x)
        con.print(head)
        con.print(Text(f"   {meta}  id {h.id[:12]}", style="dim"))
        con.print(Text("   ") + _snippet(h.snippet))
    for name, items in res.facets.items():
        if items:
            busiest = sorted(items, key=lambda kv: -kv[1])[:8]  # months come in date order
            shown = ", ".join(f"{v or '?'} {n}" for v, n in busiest)
            con.print(Text(f"{name}: {shown}", style="dim"))


def _snippet(s: str):
    from rich.text import Text

    out = Text()
    for i, part in enumerate(s.replace("\n", " ").split(_HL[0])):
        if i == 0:
            out.append(part)
            continue
        hit, _, rest = part.partition(_HL[1])
        out.append(hit, style="bold yellow")
        out.append(rest)
    return out


@app.command()
def show(
    id: Annotated[str, typer.Argument(metavar="ID",
                                      help="Article id, or the first characters of it.")],
    db: DbOption = DEFAULT_DB,
    json_out: JsonOption = False,
) -> None:
    """The clean article and its metadata."""
    with handle_errors():
        with open_kb(db, must_exist=True) as kb:
            rec = kb.article(id)
    if rec is None:
        fail(QueryError(f"no article with id {id!r}", code="E504"))
    if json_out:
        print_json(rec.to_dict())
        return
    a = rec.article
    fields = [("id", a.id), ("publication", a.publication), ("country", a.country),
              ("language", a.language), ("published", a.published), ("url", a.url),
              ("byline", a.byline), ("dateline", a.dateline),
              ("source", f"{a.source.path or '-'} ({a.source.format}"
                         + (f", record {a.source.record}" if a.source.record else "") + ")"),
              ("ingested", rec.ingested_at),
              ("analysis", f"{rec.pipeline_version} at {rec.analysed_at}: {rec.n_actors} actors, "
                           f"{rec.n_quotes} quotes, {rec.n_events} events"
                           if rec.pipeline_version else "not analysed (run `newsgraph reprocess`)")]
    for k, v in fields:
        if v:
            origin = a.origin.get(k)
            typer.echo(f"{k + ':':<12} {v}" + (f"  [{origin}]" if origin else ""))
    for c in a.captions:
        typer.echo(f"{'caption:':<12} {c.text}" + (f" ({c.credit})" if c.credit else ""))
    for w in list(a.warnings) + list(rec.warnings):
        typer.echo(f"{'warning:':<12} {w}")
    typer.echo("")
    typer.echo(a.text)


@app.command()
def stats(db: DbOption = DEFAULT_DB, json_out: JsonOption = False) -> None:
    """What the knowledge base holds: counts, dates, languages, publications, versions."""
    with handle_errors():
        with open_kb(db, must_exist=True) as kb:
            st = kb.stats()
    if json_out:
        print_json(st.to_dict())
        return
    typer.echo(f"knowledge base  {st.path} ({st.size_bytes / 1e6:.1f} MB, schema {st.schema_version})")
    typer.echo(f"articles        {st.articles} ({st.analysed} analysed, {st.current} by the "
               f"current pipeline)")
    typer.echo(f"published       {st.first_published or '?'} to {st.last_published or '?'}")
    typer.echo(f"actors          {st.actors}   quotes {st.quotes}   events {st.events}")
    typer.echo(f"runs            {st.runs}   errors recorded {st.errors}")
    for label, items in (("languages", st.languages), ("publications", st.publications),
                         ("countries", st.countries), ("pipelines", st.pipeline_versions)):
        if items:
            typer.echo(f"{label:<15} " + ", ".join(f"{v or '?'} {n}" for v, n in items))


@app.command()
def delete(
    id: Annotated[str, typer.Argument(metavar="ID",
                                      help="Article id, or the first characters of it.")],
    db: DbOption = DEFAULT_DB,
    yes: Annotated[bool, typer.Option(
        "--yes", "-y", help="Delete without asking, whatever ID matches.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per article.")] = False,
) -> None:
    """Delete an article and everything found in it.

    A full id deletes that article.  The first characters of ids list the articles
    they match and ask before deleting them all, unless --yes (without a terminal to
    ask on, and without --yes, nothing is deleted: [E541]).
    """
    with handle_errors():
        with open_kb(db, must_exist=True) as kb:
            found = kb.articles_with_prefix(id, limit=100_000)
            if not found:
                raise QueryError(f"no article with id {id!r}", code="E504")
            exact = len(found) == 1 and found[0][0] == id
            if not exact and not yes:
                _confirm_delete(id, found)
            for aid, _, _ in found:
                kb.delete(aid)
                if not quiet:
                    typer.echo(f"deleted {aid}")


def _confirm_delete(prefix: str, found: list) -> None:
    """Show what ``prefix`` matches and ask; ``[E541]`` when nobody can answer."""
    noun = "article" if len(found) == 1 else f"{len(found)} articles"
    sys.stderr.write(f"{prefix!r} is the start of the id of {'one article' if len(found) == 1 else noun}:\n")
    for aid, published, headline in found[:20]:
        sys.stderr.write(f"  {aid}  {published or '----------'}  {headline or '(no headline)'}\n")
    if len(found) > 20:
        sys.stderr.write(f"  ... and {len(found) - 20} more\n")
    sys.stderr.write(f"Delete {'it' if len(found) == 1 else 'them all'}? [y/N] ")
    sys.stderr.flush()
    line = sys.stdin.readline() if sys.stdin else ""
    if not line:  # end of input: nobody to answer
        sys.stderr.write("\n")
        raise QueryError("not deleted: give the full id, or --yes to delete what the prefix "
                         "matches", code="E541")
    answer = line.strip().lower()
    if answer not in ("y", "yes"):
        raise QueryError("not deleted", code="E541")


@app.command()
def reprocess(
    db: DbOption = DEFAULT_DB,
    all: Annotated[bool, typer.Option(
        "--all", help="Every article, not only those analysed by another pipeline version.")
    ] = False,
    workers: WorkersOption = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress and no summary line: only the lines of articles "
        "that failed.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Re-run the analysis stages over stored articles after the rules change.

    An article is analysed again when its stored pipeline version differs from this
    one: another newsgraph or rule version, edited data files, or another spaCy model.
    """
    from ..ingest import count_to_reprocess, reprocess as run_reprocess

    with handle_errors():
        with open_kb(db, must_exist=True) as kb:
            rep = Reporter("reprocess", total=count_to_reprocess(kb, all=all), quiet=quiet)
            try:
                s = run_reprocess(kb, all=all, workers=workers, on_failure=rep.failure,
                                  on_progress=rep)
            finally:
                rep.stop()
    _finish(s, json_out=json_out, label="reprocess", quiet=quiet)
