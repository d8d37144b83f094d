"""The mmap threshold fix for workers started with Dask's MALLOC_TRIM_THRESHOLD_."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")

# A parser-like pattern in a worker thread: a 1 MiB temporary freed after each
# step, beside small results that stay.  Prints (tuned, minor page faults).
PROBE = textwrap.dedent("""
    import resource, sys, threading
    import numpy as np
    from newsgraph.scale.allocator import keep_large_allocations_on_heap

    tune = sys.argv[1] == "tune"
    tuned = keep_large_allocations_on_heap() if tune else False
    again = keep_large_allocations_on_heap() if tune else False
    out = []

    def work():
        keep = [np.ones(600) for _ in range(20)]
        r0 = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
        for _ in range(200):
            big = np.ones(1 << 17)
            keep.append(np.ones(600))
            del big
        out.append(resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - r0)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    print(tuned, again, out[0])
""")


def _probe(mode: str, **env: str) -> tuple[bool, bool, int]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    done = subprocess.run([sys.executable, "-c", PROBE, mode], env={**environ, **env},
                          capture_output=True, text=True, check=True)
    tuned, again, faults = done.stdout.split()
    return tuned == "True", again == "True", int(faults)


def test_trim_threshold_alone_maps_every_large_array_afresh_and_the_fix_stops_it():
    _, _, frozen = _probe("plain", MALLOC_TRIM_THRESHOLD_="65536")
    tuned, again, fixed = _probe("tune", MALLOC_TRIM_THRESHOLD_="65536")
    assert tuned and not again  # set once per process
    assert frozen > 200 * 200  # ~256 pages faulted in for each of the 200 arrays
    assert fixed < frozen / 10


def test_nothing_is_changed_without_the_trim_setting_or_with_the_users_own_threshold():
    assert _probe("tune")[0] is False
    assert _probe("tune", MALLOC_TRIM_THRESHOLD_="65536", MALLOC_MMAP_THRESHOLD_="1048576")[0] is False
