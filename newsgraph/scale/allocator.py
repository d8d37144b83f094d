"""glibc's malloc in worker processes: large arrays stay on the heap.

Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536`` (its
``distributed.nanny.pre-spawn-environ``), so that freed memory goes back to the
operating system, and it leaves that variable in the environment of the
process that started the nanny.  Setting any malloc tunable turns off glibc's
*dynamic* mmap threshold, which then stays at 128 KiB: every array of the
parser's between 128 KiB and a few MiB is mapped afresh and unmapped again,
batch after batch.  Measured on 150 articles in one thread: 3,530 minor page
faults and 11.3 ms of system time per article with that variable, 135 and
1.9 ms without it or with the mmap threshold raised (about 15% of the
per-article CPU time).

:func:`keep_large_allocations_on_heap` raises the mmap threshold back to
glibc's own upper bound for the dynamic threshold (32 MiB on 64-bit systems)
when a trim threshold is set and the mmap threshold is not.  The trim
threshold is left as it is: free memory at the top of the heap still goes back
to the system.  It is called once per worker process, by the process pool's
workers and by :func:`newsgraph.scale.batch.run_shard` on Dask workers, so
it works on any cluster, not only on a ``LocalCluster`` newsgraph starts.
"""

from __future__ import annotations

import ctypes
import os
import platform

__all__ = ["keep_large_allocations_on_heap", "MMAP_THRESHOLD"]

#: glibc's ``DEFAULT_MMAP_THRESHOLD_MAX`` on 64-bit systems (the largest value
#: the dynamic threshold reaches; ``mallopt`` refuses more).
MMAP_THRESHOLD = 32 * 1024 * 1024
_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_done = False


def keep_large_allocations_on_heap() -> bool:
    """Raise glibc's mmap threshold if a trim threshold froze it; once per process.

    Returns True when the threshold was set in this call.  Does nothing (False)
    off glibc, when ``MALLOC_TRIM_THRESHOLD_`` is not set, or when the user set
    ``MALLOC_MMAP_THRESHOLD_`` themselves.
    """
    global _done
    if _done:
        return False
    _done = True
    if ("MALLOC_TRIM_THRESHOLD_" not in os.environ or "MALLOC_MMAP_THRESHOLD_" in os.environ
            or platform.libc_ver()[0] != "glibc"):
        return False
    try:
        return bool(ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):  # no mallopt in this C library
        return False
