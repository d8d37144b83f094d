"""The single writer: a stream of ``Analysis | Failure`` into the knowledge base.

:func:`ingest_items` consumes any iterator of analyses and failures (the pipeline
in this process, or a process pool feeding it), writes one transaction per batch,
and records the run and every failure.  It is idempotent: an article whose content
hash is already stored is skipped as a duplicate; an article with the same id, or a
file with the same path but new content, replaces the old record.  Because each
batch commits as a whole (WAL), killing the process at any moment loses only the
batch in flight, and a rerun skips what was committed and stores the rest.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable

from ..errors import NewsgraphError
from ..models import Analysis, Failure
from ..store import runs, transaction
from ..store.runs import now
from ..store.tx import write_failed
from ..store.write import insert_article, make_room, write_analysis

__all__ = ["IngestSummary", "ingest_items", "DEFAULT_BATCH"]

DEFAULT_BATCH = 500
#: A batch is also written when it has waited this long, so the counts of a slow run
#: (analysis on) grow as it goes rather than at every ``batch_size`` articles.
FLUSH_SECONDS = 2.0


@dataclass
class IngestSummary:
    """Counts of one ingest or reprocess run (updated while it runs)."""

    run_id: int | None = None
    read: int = 0  # documents consumed, failures and known ones included
    stored: int = 0  # new articles, replacements included
    replaced: int = 0  # of ``stored``: older records of the same id or file replaced
    duplicates: int = 0  # same content already stored (found before or after analysis)
    failed: int = 0
    linked: int = 0  # reprocess: re-analysed articles that `newsgraph link` had linked
    seconds: float = 0.0
    interrupted: bool = False
    command: str = "ingest"  # or "reprocess" (its articles are stored: stored = re-analysed)
    version: str | None = None  # the pipeline version of the analyses stored
    started: float = field(default=0.0, repr=False)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    @property
    def rate(self) -> float:
        """Documents read per second so far."""
        elapsed = self.seconds or (time.perf_counter() - self.started if self.started else 0.0)
        return self.read / elapsed if elapsed > 0 else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("started")
        d["seconds"] = round(self.seconds, 3)
        return d

    def line(self) -> str:
        if self.command == "reprocess":
            text = f"read {self.read}, re-analysed {self.stored}, failed {self.failed}"
        else:
            text = (f"read {self.read}, stored {self.stored} ({self.replaced} replaced), "
                    f"duplicates skipped {self.duplicates}, failed {self.failed}")
        if self.seconds:
            rate = self.rate
            text += f" in {self.seconds:.1f}s ({rate:,.0f}/s)" if rate >= 10 else \
                f" in {self.seconds:.1f}s ({rate:.1f}/s)"
        if self.linked:
            text += (f"; {self.linked} of them were linked: their links are kept, run "
                     "`newsgraph link` to link them afresh")
        return text + (" (interrupted)" if self.interrupted else "")


class Known:
    """A count of documents found stored before analysis (see ``ingest``'s look-up)."""

    def __init__(self) -> None:
        self.count = 0


def ingest_items(kb, items: Iterable[Analysis | Failure], *, reanalysis: bool = False,
                 batch_size: int = DEFAULT_BATCH, command: str = "ingest",
                 args: dict | None = None, pipeline_version: str | None = None,
                 known: Known | None = None,
                 on_failure: Callable[[Failure], None] | None = None,
                 on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Store a stream of analyses and failures; returns the run's summary.

    An analysis without ``pipeline_version`` stores the clean article only; the run
    records the version of the analyses it stored (``pipeline_version``, or the
    first analysis's: the pipeline is not loaded to learn it).
    ``reanalysis=True`` (``reprocess``): the articles are stored already and only
    their analysis is replaced.  ``known`` counts documents that were found stored
    before they were analysed (read, and duplicates).  ``on_failure`` is called with
    each failure as it is read (the CLI prints it); ``on_progress`` after every
    document and every committed batch.  A batch is written when it holds
    ``batch_size`` items or has waited :data:`FLUSH_SECONDS`.
    """
    try:
        return _ingest_items(kb, items, reanalysis=reanalysis, batch_size=batch_size,
                             command=command, args=args, pipeline_version=pipeline_version,
                             known=known, on_failure=on_failure, on_progress=on_progress)
    except sqlite3.Error as exc:  # disk full, I/O error: one line, never a traceback
        raise write_failed(exc, where=getattr(kb, "path", None)) from exc


def _ingest_items(kb, items, *, reanalysis, batch_size, command, args, pipeline_version, known,
                  on_failure, on_progress) -> IngestSummary:
    s = IngestSummary(started=time.perf_counter(), command=command, version=pipeline_version)
    with transaction(kb.conn) as conn:
        s.run_id = runs.start_run(conn, command, args, pipeline_version)
    batch: list[Analysis | Failure] = []
    seen_known = 0
    it = iter(items)
    written = time.perf_counter()

    def count_known() -> None:
        nonlocal seen_known
        if known is not None and known.count > seen_known:
            s.read += known.count - seen_known
            s.duplicates += known.count - seen_known
            seen_known = known.count

    try:
        while True:
            try:
                item = next(it)
            except StopIteration:
                break
            except NewsgraphError as exc:  # the stream itself gave up: record it, stop
                item = Failure(exc.where or "<input>", exc.code, exc.message)
                it = iter(())
            except Exception as exc:
                item = Failure("<input>", "E199", f"reading stopped: {type(exc).__name__}: {exc}")
                it = iter(())
            count_known()
            s.read += 1
            if isinstance(item, Failure):
                s.failed += 1
                if on_failure:
                    on_failure(item)
            batch.append(item)
            if len(batch) >= batch_size or time.perf_counter() - written >= FLUSH_SECONDS:
                _write_batch(kb, batch, s, reanalysis=reanalysis)
                batch = []
                written = time.perf_counter()
            if on_progress:
                on_progress(s)
        count_known()
        if batch:
            _write_batch(kb, batch, s, reanalysis=reanalysis)
    except KeyboardInterrupt:
        s.interrupted = True  # the batch in flight is rolled back; a rerun stores it
    s.seconds = time.perf_counter() - s.started
    with transaction(kb.conn) as conn:
        _save(conn, s, finished=True)
    if on_progress:
        on_progress(s)
    return s


def _save(conn, s: IngestSummary, *, finished: bool = False) -> None:
    runs.save_counts(conn, s.run_id, read=s.read, stored=s.stored, duplicates=s.duplicates,
                     failed=s.failed, finished=finished, pipeline_version=s.version)


def _write_batch(kb, batch: list[Analysis | Failure], s: IngestSummary, *,
                 reanalysis: bool) -> None:
    stamp = now()
    with transaction(kb.conn) as conn:
        for item in batch:
            if isinstance(item, Failure):
                runs.record_failure(conn, s.run_id, item.where, item.code, item.message)
            elif reanalysis:
                s.linked += write_analysis(conn, item, now=stamp) > 0
                s.stored += 1
            else:
                src = item.article.source
                outcome = make_room(conn, sha256=src.sha256, article_id=item.article.id,
                                    path=src.path, record=src.record)
                if outcome == "duplicate":
                    s.duplicates += 1
                    continue
                s.replaced += outcome == "replaced"
                insert_article(conn, item, now=stamp)
                s.stored += 1
            if not isinstance(item, Failure) and item.pipeline_version and not s.version:
                s.version = item.pipeline_version
        _save(conn, s)
