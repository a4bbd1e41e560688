"""What the kernel says about a process: its resident memory and CPU time (Linux ``/proc``).

The metrics read the workers' usage here, and the pool reads a worker's CPU time to tell a
worker stuck on an abandoned call from one the machine has not yet given a core.
"""

from __future__ import annotations

import os

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")


def proc_usage(pid: int) -> tuple[int, float] | None:
    """Resident bytes and CPU seconds of process ``pid`` (``None`` when it is gone, or on a
    system without ``/proc``)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # Fields 14, 15 (utime, stime) and 24 (rss in pages) of proc(5), counted from the state.
    return int(fields[21]) * _PAGE, (int(fields[11]) + int(fields[12])) / _TICKS
