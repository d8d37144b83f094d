"""One watch cycle: read the sources, fetch the new articles, store, link, group.

1. Every source is read (conditionally; several hosts at once, politely) and its
   new article URLs are queued in the knowledge base (:mod:`.state`).
2. Every queued URL -- new ones, those a killed cycle left, transient failures
   of earlier cycles -- is fetched, read with newsgraph's HTML reader (headline,
   date, author, language from the page; the publication and country of the
   SOURCES line) and stored by :func:`ingest_documents`, ``batch`` pages at a time;
   then the URLs are marked.  Pages are fetched while earlier ones are stored.
3. ``newsgraph link`` and ``newsgraph dedupe`` run over what is new (both are
   incremental).

A source that fails is reported once (its :class:`Failure`) and the others go
on; a page that fails is reported and recorded (``watch_urls``), and transient
failures are tried again next cycle, at most ``max_attempts`` times in all.
"""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from itertools import chain, islice
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..models import Failure, RawDocument, Source
from .discover import Scan, decode_body, scan_source, stored_validators
from .fetch import Fetcher, FetchError, FetchSettings, Response
from .sources import SourceSpec
from .state import SourceRow, WatchState
from .urls import canonical

__all__ = ["WatchSettings", "CycleReport", "run_cycle", "ingest_documents", "page_document"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WatchSettings:
    """What one cycle does (``newsgraph watch`` options)."""

    fetch: FetchSettings = FetchSettings()
    analysis: bool = True  # False: store clean articles only (``reprocess`` analyses later)
    batch: int = 100  # pages per transaction (and per ingest run: one ``runs`` row each)
    max_attempts: int = 3  # tries of a page with transient failures, over cycles
    link: bool = True  # run ``newsgraph link`` after the cycle
    dedupe: bool = True  # run ``newsgraph dedupe`` after the cycle (needs datasketch)


@dataclass
class CycleReport:
    """What one cycle did (``newsgraph watch`` prints one line of it)."""

    cycle: int = 0
    sources: int = 0
    failed_sources: int = 0
    unchanged_sources: int = 0  # every document answered 304
    found: int = 0  # new article URLs
    fetched: int = 0  # pages fetched (or tried)
    stored: int = 0
    duplicates: int = 0  # the same text as an article stored already
    failed: int = 0
    settled: int = 0  # stored by a killed cycle, marked now without fetching
    requests: int = 0  # HTTP requests (robots.txt, feeds, sitemaps, pages, retries)
    seconds: float = 0.0
    read_seconds: float = 0.0  # reading the sources
    store_seconds: float = 0.0  # fetching, reading and storing the pages
    after_seconds: float = 0.0  # link and dedupe
    linked: int | None = None  # articles linked by `link` (None: not run)
    clustered: int | None = None  # articles in stories after `dedupe` (None: not run)
    interrupted: bool = False
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("seconds", "read_seconds", "store_seconds", "after_seconds"):
            d[key] = round(d[key], 3)
        return d

    def line(self) -> str:
        text = (f"cycle {self.cycle}: {self.sources} sources ({self.failed_sources} failed, "
                f"{self.unchanged_sources} unchanged), {self.found} new URLs, fetched "
                f"{self.fetched}, stored {self.stored}, duplicates {self.duplicates}, "
                f"failed {self.failed} in {self.seconds:.1f}s")
        return text + (" (interrupted)" if self.interrupted else "")


def ingest_documents(kb, items: Iterable[RawDocument | Failure], *, analysis: bool,
                     batch_size: int = 100,
                     on_failure: Callable[[Failure], None] | None = None):
    """Store fetched pages through the one ingest path (:mod:`newsgraph.ingest`); returns
    its summary.

    Pages whose content is stored already are skipped before the analysis, and the rest
    are cleaned (and analysed, unless ``analysis=False``) exactly as ``newsgraph ingest``
    does them; failures are recorded with the run.  Idempotent like ``ingest``: the same
    text twice is stored once, and a page read again from the same URL replaces its older
    version.
    """
    from ..ingest import ingest_items, skip_known
    from ..ingest.writer import Known
    from ..pipeline import Settings, analyze_documents
    from ..versions import pipeline_version

    known = Known()
    fresh = skip_known(kb.conn, items, known)
    stream = analyze_documents(fresh, settings=Settings(english_stages=analysis))
    return ingest_items(kb, stream, batch_size=batch_size, command="watch",
                        args={"analysis": analysis}, known=known,
                        pipeline_version=pipeline_version() if analysis else None,
                        on_failure=on_failure)


def page_document(resp: Response, source: SourceRow | None, *,
                  fetched_on: str | None = None) -> RawDocument | Failure:
    """The raw document of a fetched article page, or why it is not one.

    Its id is the hash of its bytes and its source path the canonical URL it was
    fetched by (so a page read again replaces its older version); its ``url`` is
    where a redirect led, if one did.  Metadata: the URL, and the
    publication and country of its SOURCES line, win over the page's own; the
    publication date is the page's, else one written in the URL, else the day
    it was fetched (origin ``fetched``).
    """
    from ..readers.html import looks_like_html
    from ..readers.meta import merge, path_date

    url = resp.url
    sniff = resp.content_type in ("", "text/plain")  # servers that do not say, or say wrong
    if resp.content_type not in _HTML_TYPES and not sniff:
        return Failure(url, "E715", f"not an HTML page ({resp.content_type})")
    try:
        text = decode_body(resp)
    except InputError as exc:
        return Failure(url, exc.code, exc.message)
    if sniff and not looks_like_html(text):
        return Failure(url, "E715", f"not an HTML page ({resp.content_type or 'no content type'}"
                       ", and no HTML markup)")
    record = {"url": canonical(resp.final_url) or url}  # where the page lives, redirects followed
    if source is not None:
        record.update(publication=source.publication, country=source.country)
    fetched_on = fetched_on or datetime.now(timezone.utc).date().isoformat()
    values, origin, warnings = merge([("record", record), ("url", {"published": path_date(url)}),
                                      ("fetched", {"published": fetched_on})])
    sha = hashlib.sha256(resp.content).hexdigest()
    return RawDocument(sha, Source(url, "html", sha), text, values, origin, warnings)


def run_cycle(kb, specs: list[SourceSpec], settings: WatchSettings = WatchSettings(), *,
              fetcher: Fetcher | None = None,
              on_failure: Callable[[Failure], None] | None = None) -> CycleReport:
    """Run one cycle over ``specs`` (see the module's description)."""
    t0 = time.perf_counter()
    state = WatchState(kb)
    report = CycleReport(cycle=state.start_cycle())
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings.fetch)
    requests_before = fetcher.requests
    say = on_failure or (lambda f: None)
    pool = ThreadPoolExecutor(max_workers=max(1, settings.fetch.concurrency),
                              thread_name_prefix="newsgraph-watch")
    try:
        sources = state.sync_sources(specs)
        report.sources = len(sources)
        _read_sources(state, sources, fetcher, pool, report, say)
        report.settled = state.settle()
        t1 = time.perf_counter()
        report.read_seconds = t1 - t0
        try:
            _fetch_pages(kb, state, {s.id: s for s in sources}, fetcher, pool, settings,
                         report, say)
        finally:
            report.store_seconds = time.perf_counter() - t1
        if report.stored or report.settled:
            _after(kb, settings, report)
            report.after_seconds = time.perf_counter() - t1 - report.store_seconds
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        report.requests = fetcher.requests - requests_before
        if own:
            fetcher.close()
    report.seconds = time.perf_counter() - t0
    state.finish_cycle(report.cycle, {
        "sources": report.sources, "failed_sources": report.failed_sources,
        "found": report.found, "fetched": report.fetched, "stored": report.stored,
        "duplicates": report.duplicates, "failed": report.failed})
    return report


def _read_sources(state: WatchState, sources: list[SourceRow], fetcher: Fetcher,
                  pool: ThreadPoolExecutor, report: CycleReport,
                  say: Callable[[Failure], None]) -> None:
    look = stored_validators(state.validators())
    futures = {pool.submit(scan_source, fetcher, s.url, kind=s.kind, documents=s.documents,
                           validators=look): s for s in sources}
    for fut in _completed(futures):
        source = futures.pop(fut)
        try:
            scan = fut.result()
        except Exception as exc:  # a bug reading one source must not stop the others
            scan = Scan(source.url, source.kind, failure=Failure(
                source.url, "E729", f"reading the source failed: {type(exc).__name__}: {exc}"))
        report.found += state.save_scan(source, scan)
        if scan.failure is not None:
            report.failed_sources += 1
            say(scan.failure)
        elif scan.unchanged:
            report.unchanged_sources += 1


def _completed(futures) -> Iterator:
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from done


def _get(fetcher: Fetcher, url: str) -> Response | FetchError:
    try:
        return fetcher.get(url)
    except FetchError as exc:
        return exc
    except Exception as exc:  # a bug on one URL must not stop the cycle
        return FetchError(f"fetching failed: {type(exc).__name__}: {exc}", code="E729",
                          where=url)


def _fetched(pool: ThreadPoolExecutor, fetcher: Fetcher, todo: list[tuple[str, int]],
             window: int) -> Iterator[tuple[str, int, Response | FetchError]]:
    """Fetch ``todo`` with at most ``window`` requests queued or running; results in
    the order they complete (only ``window`` pages are ever held)."""
    it = iter(todo)
    pending: dict = {}

    def top_up() -> None:
        for url, sid in islice(it, max(0, window - len(pending))):
            pending[pool.submit(_get, fetcher, url)] = (url, sid)

    top_up()
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            url, sid = pending.pop(fut)
            yield url, sid, fut.result()
        top_up()


def _fetch_pages(kb, state: WatchState, sources: dict[int, SourceRow], fetcher: Fetcher,
                 pool: ThreadPoolExecutor, settings: WatchSettings, report: CycleReport,
                 say: Callable[[Failure], None]) -> None:
    todo = state.to_fetch(max_attempts=settings.max_attempts)
    if not todo:
        return
    results = _fetched(pool, fetcher, todo, window=2 * max(1, settings.fetch.concurrency))
    today = datetime.now(timezone.utc).date().isoformat()
    while True:
        first = next(results, None)
        if first is None:
            return
        outcomes: dict[str, tuple[Failure | None, int | None]] = {}

        def documents(batch) -> Iterator[RawDocument | Failure]:
            for url, sid, got in batch:
                report.fetched += 1
                if isinstance(got, FetchError):
                    item: RawDocument | Failure = Failure(url, got.code, got.message)
                    outcomes[url] = (item, got.status)
                else:
                    item = page_document(got, sources.get(sid), fetched_on=today)
                    outcomes[url] = (item if isinstance(item, Failure) else None, got.status)
                yield item

        def failed(f: Failure) -> None:
            if f.where in outcomes and outcomes[f.where][0] is None:  # cleaning, analysis
                outcomes[f.where] = (f, outcomes[f.where][1])
            say(f)

        chunk = chain([first], islice(results, settings.batch - 1))
        summary = ingest_documents(kb, documents(chunk), analysis=settings.analysis,
                                   batch_size=settings.batch, on_failure=failed)
        if summary.interrupted:  # the batch in flight was rolled back: a rerun fetches it
            report.interrupted = True
            state.settle()
            raise KeyboardInterrupt
        stored, dup, failed_n = state.mark(
            [(url, f, http) for url, (f, http) in outcomes.items()],
            max_attempts=settings.max_attempts)
        report.stored += stored
        report.duplicates += dup
        report.failed += failed_n


def _after(kb, settings: WatchSettings, report: CycleReport) -> None:
    """``newsgraph link`` and ``newsgraph dedupe`` over what is new."""
    if settings.link:
        from ..link import link

        report.linked = link(kb.conn).articles
    if settings.dedupe:
        try:
            import datasketch  # noqa: F401
        except ImportError:
            report.warnings.append("[W702] near-duplicates not grouped: `dedupe` needs "
                                   "datasketch (pip install 'newsgraph[scale]')")
            return
        report.clustered = kb.update_clusters().n_clustered
