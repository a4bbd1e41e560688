"""The worker memory cap (``--worker-memory-mb``) against a real server.

A call that needs more memory than the cap allows fails alone with RESOURCE_EXHAUSTED,
wherever the worker runs out (receiving the call, running the engine); the worker lives on
and serves the next call. A cap too small for a small call is refused at start, in one line.
The cap is set relative to what a started worker occupies on this machine (its address space
depends on the libraries' thread pools), so the test means the same on any machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import grpc
import pytest
from conftest import REPO, SERVICE
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

MiB = 1024 * 1024


def _address_space_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmSize")


@pytest.fixture(scope="module")
def worker_mb(module_server: Any) -> int:
    """MiB of address space of a started, uncapped worker."""
    srv = module_server("--worker-memory-mb", "0")
    size = max(_address_space_mb(p) for p in srv.worker_pids())
    srv.stop()
    return size


def _summarize(target: str, text: str) -> grpc.StatusCode:
    request = pb.SummarizeRequest(documents=[pb.Document(id="a", text=text)])
    opts = [("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]
    with grpc.insecure_channel(target, options=opts) as channel:
        call = channel.unary_unary(f"/{SERVICE}/Summarize",
                                   request_serializer=pb.SummarizeRequest.SerializeToString,
                                   response_deserializer=pb.SummarizeResponse.FromString)
        try:
            call(request, timeout=120)
        except grpc.RpcError as e:
            return e.code()  # type: ignore[no-any-return]
    return grpc.StatusCode.OK


@pytest.mark.parametrize("where", ["receiving", "running"])
def test_a_call_over_the_cap_fails_alone_and_the_worker_lives_on(
        server: Any, worker_mb: int, where: str) -> None:
    """``receiving``: a 24 MB message cannot even be read into a worker with 16 MiB to spare;
    ``running``: a 1 MB document is read, but its graph and copies need far more than 48."""
    if where == "receiving":
        srv = server("--worker-memory-mb", str(worker_mb + 16), "--max-document-chars",
                     "30000000", "--max-total-chars", "30000000", metrics=True)
        text = "Plain words of a very long text. " * (24 * MiB // 33)
    else:
        srv = server("--worker-memory-mb", str(worker_mb + 48), metrics=True)
        text = " ".join(f"Sentence number {i} reports on topic {i % 97} and item {i % 13}."
                        for i in range(16_000))
    (pid,) = srv.worker_pids()
    assert _summarize(srv.target, text) == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert srv.worker_pids() == [pid], "the worker was killed or replaced"
    small = "The council met on Monday. It approved the budget for the new bridge."
    assert _summarize(srv.target, small) == grpc.StatusCode.OK
    assert srv.worker_pids() == [pid]
    statuses = [r["status"] for r in srv.wait_for_calls(2)]
    assert statuses == ["RESOURCE_EXHAUSTED", "OK"], statuses
    assert srv.metric("lexdigest_worker_memory_exhausted_total") == 1
    assert srv.metric("lexdigest_worker_restarts_total") == 0


def test_a_cap_below_a_small_call_is_refused_at_start(worker_mb: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    proc = subprocess.run([sys.executable, "-m", "lexdigest.serve.main", "--host", "127.0.0.1",
                           "--port", "0", "--workers", "1", "--worker-memory-mb",
                           str(worker_mb // 2)], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode != 0, "the server started with a cap too small for any call"
    lines = [ln for ln in proc.stderr.strip().splitlines() if not ln.startswith("{")]
    assert len(lines) == 1 and "--worker-memory-mb" in lines[0], proc.stderr
