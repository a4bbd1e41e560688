"""The Prometheus endpoint of a real server: the process collector and the worker metrics.

Worker events happen in other processes, so the server process counts them: a worker killed
from outside (as the kernel's OOM killer would) shows as one death and one restart, and each
place reports its current process's memory and CPU.
"""

from __future__ import annotations

import os
import signal
import time
from typing import Any

from lexdigest_client import DigestClient


def _wait(predicate: Any, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.1)


def test_process_and_worker_metrics_follow_the_worker_processes(
        server: Any, seeds: list[dict[str, str]]) -> None:
    srv = server(metrics=True, workers=2)
    assert srv.metric("process_resident_memory_bytes") > 10_000_000
    assert srv.metric("process_cpu_seconds_total") > 0
    assert srv.metric("process_open_fds") > 0
    assert srv.metric("lexdigest_workers") == 2
    assert srv.metric("lexdigest_workers_alive") == 2
    for place in ("0", "1"):
        assert srv.metric("lexdigest_worker_resident_memory_bytes", {"worker": place}) > 1e7
    assert srv.metric("lexdigest_worker_restarts_total") == 0

    victim = srv.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)  # as the kernel's OOM killer would
    _wait(lambda: srv.metric("lexdigest_worker_restarts_total") == 1)
    assert srv.metric("lexdigest_worker_kills_total", {"reason": "died"}) == 1
    assert srv.metric("lexdigest_worker_kills_total", {"reason": "deadline"}) == 0
    assert srv.metric("lexdigest_workers_alive") == 2
    assert victim not in srv.worker_pids()
    with DigestClient(srv.target) as client:
        client.summarize(seeds)
    cpu = [srv.metric("lexdigest_worker_cpu_seconds_total", {"worker": p}) for p in "01"]
    assert all(c > 0 for c in cpu), cpu
