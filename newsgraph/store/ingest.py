"""Ingest: a stream of ``Analysis | Failure`` into the knowledge base, in batches.

:func:`ingest_items` is the core: it consumes any iterator of analyses and
failures (the pipeline in this process, or a process pool feeding it), writes
one transaction per batch, and records the run and every failure.  It is
idempotent: an article whose content hash is already stored is skipped as a
duplicate; an article with the same id, or a file with the same path but new
content, replaces the old record.  Because each batch commits as a whole (WAL),
killing the process at any moment loses only the batch in flight, and a rerun
skips what was committed and stores the rest.

:func:`read_items` turns paths into that stream (full pipeline, or clean articles
only for ``--no-analysis``); :func:`reprocess` re-runs the analysis stages over
stored articles whose ``pipeline_version`` is not the current one.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator

from ..errors import NewsgraphError
from ..models import Analysis, Article, Failure
from .write import article_from_row, insert_article, make_room, write_analysis

__all__ = ["IngestSummary", "ingest_items", "read_items", "reprocess", "count_to_reprocess",
           "count_documents", "DEFAULT_BATCH"]

DEFAULT_BATCH = 500


@dataclass
class IngestSummary:
    """Counts of one ingest or reprocess run (updated while it runs)."""

    run_id: int | None = None
    read: int = 0  # documents consumed, failures included
    stored: int = 0  # new articles, replacements included
    replaced: int = 0  # of ``stored``: older records of the same id or file replaced
    duplicates: int = 0  # same content already stored
    failed: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    command: str = "ingest"  # or "reprocess" (its articles are stored: stored = re-analysed)
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
        return text + (" (interrupted)" if self.interrupted else "")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _start_run(kb, command: str, args: dict | None, version: str | None) -> int:
    with kb.transaction() as conn:
        cur = conn.execute("INSERT INTO runs (command, args, started_at, pipeline_version) "
                           "VALUES (?, ?, ?, ?)",
                           (command, json.dumps(args or {}, ensure_ascii=False, default=str),
                            _now(), version))
        return cur.lastrowid


def _save_counts(conn, s: IngestSummary, *, finished: bool = False) -> None:
    conn.execute("UPDATE runs SET n_read = ?, n_stored = ?, n_duplicates = ?, n_failed = ?, "
                 "finished_at = ? WHERE id = ?",
                 (s.read, s.stored, s.duplicates, s.failed, _now() if finished else None,
                  s.run_id))


def _record_failure(conn, run_id: int, f: Failure) -> None:
    conn.execute("INSERT INTO errors (run_id, at, location, code, message) VALUES (?, ?, ?, ?, ?)",
                 (run_id, _now(), f.where, f.code, f.message))


def _store_one(conn, item: Analysis, s: IngestSummary, *, analysed: bool, now: str) -> None:
    src = item.article.source
    outcome = make_room(conn, sha256=src.sha256, article_id=item.article.id, path=src.path,
                        record=src.record)
    if outcome == "duplicate":
        s.duplicates += 1
        return
    s.replaced += outcome == "replaced"
    insert_article(conn, item, now=now, analysed=analysed)
    s.stored += 1


def ingest_items(kb, items: Iterable[Analysis | Failure], *, analysed: bool = True,
                 reanalysis: bool = False, batch_size: int = DEFAULT_BATCH,
                 command: str = "ingest",
                 args: dict | None = None, pipeline_version: str | None = None,
                 on_failure: Callable[[Failure], None] | None = None,
                 on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Store a stream of analyses and failures; returns the run's summary.

    ``analysed=False``: the items carry clean articles only; they are stored with
    no ``pipeline_version`` so that ``reprocess`` analyses them later.
    ``reanalysis=True`` (``reprocess``): the articles are stored already and only
    their analysis is replaced.
    ``on_failure`` is called with each failure as it is read (the CLI prints it);
    ``on_progress`` after every document and every committed batch.
    """
    s = IngestSummary(started=time.perf_counter(), command=command)
    s.run_id = _start_run(kb, command, args, pipeline_version)
    batch: list[Analysis | Failure] = []
    it = iter(items)
    try:
        while True:
            try:
                item = next(it)
            except StopIteration:
                break
            except NewsgraphError as exc:  # the reader itself gave up: record it, stop reading
                item = Failure(exc.where or "<input>", exc.code, exc.message)
                it = iter(())
            except (OSError, ValueError, UnicodeError) as exc:
                item = Failure("<input>", "E199", f"reading stopped: {type(exc).__name__}: {exc}")
                it = iter(())
            s.read += 1
            if isinstance(item, Failure):
                s.failed += 1
                if on_failure:
                    on_failure(item)
            batch.append(item)
            if len(batch) >= batch_size:
                _write_batch(kb, batch, s, analysed=analysed, reanalysis=reanalysis)
                batch = []
            if on_progress:
                on_progress(s)
        if batch:
            _write_batch(kb, batch, s, analysed=analysed, reanalysis=reanalysis)
    except KeyboardInterrupt:
        s.interrupted = True  # the batch in flight is rolled back; a rerun stores it
    s.seconds = time.perf_counter() - s.started
    with kb.transaction() as conn:
        _save_counts(conn, s, finished=True)
    if on_progress:
        on_progress(s)
    return s


def _write_batch(kb, batch: list[Analysis | Failure], s: IngestSummary, *, analysed: bool,
                 reanalysis: bool) -> None:
    now = _now()
    with kb.transaction() as conn:
        for item in batch:
            if isinstance(item, Failure):
                _record_failure(conn, s.run_id, item)
            elif reanalysis:
                write_analysis(conn, item, now=now)
                s.stored += 1
            else:
                _store_one(conn, item, s, analysed=analysed, now=now)
        _save_counts(conn, s)


_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".jsonl.gz", ".ndjson.gz", ".csv.gz")


def count_documents(paths: Iterable[str], *, limit: int = 2_000_000) -> int | None:
    """About how many documents ``paths`` hold (for a progress bar's ETA).

    Files count one each, corpus files one per line (a CSV's header included);
    None when unknown (standard input).  Stops counting past ``limit``.
    """
    import gzip
    import os

    total = 0
    for p in paths:
        if p == "-":
            return None
        if os.path.isdir(p):
            for _root, _dirs, files in os.walk(p):
                total += sum(1 for f in files if not f.startswith("."))
        elif p.lower().endswith(_RECORD_SUFFIXES):
            opener = gzip.open if p.lower().endswith(".gz") else open
            try:
                with opener(p, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        total += chunk.count(b"\n")
            except (OSError, EOFError):
                total += 1
        else:
            total += 1
        if total > limit:
            return None
    return total


def read_items(paths: Iterable[str], *, options=None, analysis: bool = True,
               settings=None) -> Iterator[Analysis | Failure]:
    """Read ``paths`` and yield what :func:`ingest_items` stores.

    ``analysis=True`` runs the full pipeline; ``False`` only reads and cleans.
    """
    from ..pipeline import Settings, analyze_documents
    from ..readers import ReadOptions, read_paths

    docs = read_paths(list(paths), options or ReadOptions())
    if analysis:
        yield from analyze_documents(docs, settings=settings or Settings())
        return
    from ..clean import clean

    for doc in docs:
        if isinstance(doc, Failure):
            yield doc
            continue
        try:
            yield Analysis(clean(doc))
        except NewsgraphError as exc:
            yield Failure(exc.where or doc.source.path or doc.id, exc.code, exc.message, doc.source)
        except Exception as exc:  # a cleaner bug must not stop the batch
            yield Failure(doc.source.path or doc.id, "E299",
                          f"cleaning failed: {type(exc).__name__}: {exc}", doc.source)


def _to_reprocess(all: bool) -> tuple[str, tuple]:
    """The articles ``reprocess`` analyses: those analysed by another pipeline
    version or not at all (every article with ``all``), as a WHERE clause."""
    from ..pipeline import pipeline_version

    if all:
        return "", ()
    return "WHERE pipeline_version IS NULL OR pipeline_version != ?", (pipeline_version(),)


def count_to_reprocess(kb, *, all: bool = False) -> int:
    """How many articles :func:`reprocess` would analyse."""
    where, params = _to_reprocess(all)
    return kb.conn.execute(f"SELECT count(*) FROM articles {where}", params).fetchone()[0]


def _stored_articles(kb, rowids: list[int], chunk: int) -> Iterator[Article]:
    for i in range(0, len(rowids), chunk):
        part = rowids[i:i + chunk]
        marks = ",".join("?" * len(part))
        rows = kb.conn.execute(f"SELECT * FROM articles WHERE rowid IN ({marks}) ORDER BY rowid",
                               part).fetchall()
        yield from (article_from_row(r) for r in rows)


def reprocess(kb, *, all: bool = False, batch_size: int = 64, settings=None,
              analyze: Callable[[Iterable[Article]], Iterable[Analysis | Failure]] | None = None,
              on_failure: Callable[[Failure], None] | None = None,
              on_progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Re-run the analysis stages over stored articles.

    Only articles whose ``pipeline_version`` differs from the current one (or that
    were stored with ``--no-analysis``) unless ``all``.  The article rows stay;
    their actors, mentions, roles, quotes and events are replaced, ``batch_size``
    articles a transaction.  ``analyze`` maps the stored articles to results in
    order (default: the pipeline in this process; ``reprocess --workers`` passes
    a process pool's).
    """
    from ..pipeline import Settings, analyze_articles, pipeline_version

    where, params = _to_reprocess(all)
    rowids = [r[0] for r in kb.conn.execute(f"SELECT rowid FROM articles {where} ORDER BY rowid",
                                            params)]
    articles = _stored_articles(kb, rowids, batch_size)
    if analyze is None:
        settings = settings or Settings(batch_size=min(batch_size, 64))
        results = analyze_articles(articles, settings=settings)
    else:
        results = analyze(articles)
    return ingest_items(kb, results, reanalysis=True, batch_size=batch_size, command="reprocess",
                        args={"all": all}, pipeline_version=pipeline_version(),
                        on_failure=on_failure, on_progress=on_progress)
