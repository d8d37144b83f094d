"""Memory figures of the running process for the benchmarks (Linux ``/proc``)."""

from __future__ import annotations


def memory() -> tuple[float, float]:
    """(peak RSS since the last reset, current RSS) of this process in MB."""
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmHWM"].split()[0]) / 1024, int(fields["VmRSS"].split()[0]) / 1024


def reset_peak() -> bool:
    """Reset the peak RSS (VmHWM) to the current RSS; False where the system does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False
