"""``newsgraph watch``: cycles every ``--every``, or one (``--once``, for cron).

The SOURCES file is read again before each cycle, so sources can be added or
removed while the watcher runs.  One :class:`~.fetch.Fetcher` serves every cycle
(its robots.txt answers are kept an hour, its connections stay open).
"""

from __future__ import annotations

import re
import sqlite3
import time
from typing import Callable, Iterator

from ..errors import InputError
from ..models import Failure
from .cycle import CycleReport, WatchSettings, run_cycle
from .fetch import Fetcher
from .sources import read_sources

__all__ = ["watch", "parse_every"]

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds of a duration such as ``15m``, ``1h``, ``90s``, ``1h30m``; raises
    :class:`InputError` ``E703``."""
    s = text.strip().lower().replace(" ", "")
    parts = _PART.findall(s)
    if not s or not parts or "".join(a + u for a, u in parts) != s:
        raise InputError(f"{text!r} is not a duration (give a unit: 90s, 15m, 1h, 1h30m)",
                         code="E703", where="--every")
    seconds = sum(float(n) * _UNIT[u] for n, u in parts)
    if seconds <= 0:
        raise InputError(f"{text!r} is not a positive duration", code="E703", where="--every")
    return seconds


def watch(kb, sources_path: str, settings: WatchSettings = WatchSettings(), *,
          every: float | None = None, cycles: int | None = None,
          on_failure: Callable[[Failure], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Iterator[CycleReport]:
    """Run cycles over the sources of ``sources_path`` and yield each one's report.

    ``every``: seconds from the start of one cycle to the start of the next (a
    cycle that takes longer is followed at once); ``cycles``: stop after this many
    (None: run until interrupted).  A SOURCES file that cannot be read stops the
    first cycle (:class:`InputError` ``E702``); later, the cycle is skipped and
    reported, and the watcher goes on; so is a cycle that could not write to the
    knowledge base (``E722``: locked by another writer for longer than its timeout,
    or the disk full).
    """
    say = on_failure or (lambda f: None)
    n = 0
    with Fetcher(settings.fetch) as fetcher:
        while cycles is None or n < cycles:
            start = time.monotonic()
            try:
                specs, bad = read_sources(sources_path)
            except InputError as exc:
                if n == 0:
                    raise
                say(Failure(exc.where or sources_path, exc.code, exc.message))
                specs, bad = None, []
            for f in bad:
                say(f)
            if specs is not None:
                try:
                    report = run_cycle(kb, specs, settings, fetcher=fetcher, on_failure=say)
                except sqlite3.OperationalError as exc:  # locked or full: the next cycle resumes
                    say(Failure(kb.path, "E722", f"the knowledge base could not be written "
                                f"({exc}); the next cycle resumes"))
                else:
                    yield report
            n += 1
            if (cycles is not None and n >= cycles) or every is None:
                return
            sleep(max(0.0, every - (time.monotonic() - start)))
