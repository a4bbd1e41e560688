"""What a call's metadata decides and returns, against a real server on loopback.

* authentication is decided from metadata alone: a caller without the token is refused before
  the server reads its request, so large unauthenticated requests cost the server no memory;
* every call gets its request id back as ``x-request-id`` (success and failure), the id of
  its log line, and a rejected call's log line names the first field at fault;
* server reflection answers both ``grpc.reflection.v1`` and ``grpc.reflection.v1alpha``
  (checked with ``buf curl``, a client that asks for v1 first).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import pytest
from conftest import SERVICE, rss_bytes
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

SUMMARIZE = f"/{SERVICE}/Summarize"
MiB = 1024 * 1024


def _raw_call(target: str, payload: bytes, metadata: list[tuple[str, str]]) -> grpc.StatusCode:
    """Send ``payload`` (a serialized SummarizeRequest) to Summarize; the status code."""
    opts = [("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]
    with grpc.insecure_channel(target, options=opts) as channel:
        call = channel.unary_unary(SUMMARIZE)
        try:
            call(payload, metadata=metadata, timeout=60)
        except grpc.RpcError as e:
            return e.code()  # type: ignore[no-any-return]
        return grpc.StatusCode.OK


def test_unauthenticated_requests_are_refused_before_their_body_is_read(server: Any) -> None:
    srv = server(env={"LEXDIGEST_AUTH_TOKEN": "secret"})
    text = "An ordinary sentence of a large document. " * (24 * MiB // 42)
    payload = pb.SummarizeRequest(documents=[pb.Document(id="big", text=text)]).SerializeToString()
    del text
    time.sleep(0.5)
    before = rss_bytes(srv.pid)
    peak = before
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_bytes(srv.pid))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(6) as pool:
            codes = list(pool.map(lambda _: _raw_call(srv.target, payload, []), range(6)))
    finally:
        done.set()
        watcher.join()
    assert codes == [grpc.StatusCode.UNAUTHENTICATED] * 6
    # Six 24 MiB requests read and parsed would grow the server by more than 150 MiB.
    assert peak - before < 40 * MiB, f"server grew by {(peak - before) / MiB:.0f} MiB"
    # The token still opens the same call.
    small = pb.SummarizeRequest(documents=[pb.Document(id="a", text="One sentence here. And "
                                                       "another one follows it.")])
    assert _raw_call(srv.target, small.SerializeToString(),
                     [("authorization", "Bearer secret")]) == grpc.StatusCode.OK
    assert [r["status"] for r in srv.wait_for_calls(7)].count("UNAUTHENTICATED") == 6


def _summarize(target: str, request: pb.SummarizeRequest,
               metadata: list[tuple[str, str]]) -> tuple[grpc.StatusCode, dict[str, str]]:
    """Status code and initial metadata of one Summarize call."""
    with grpc.insecure_channel(target) as channel:
        call = channel.unary_unary(SUMMARIZE, request_serializer=pb.SummarizeRequest
                                   .SerializeToString,
                                   response_deserializer=pb.SummarizeResponse.FromString)
        try:
            _, rpc = call.with_call(request, metadata=metadata, timeout=30)
            return grpc.StatusCode.OK, dict(rpc.initial_metadata())
        except grpc.RpcError as e:
            return e.code(), dict(e.initial_metadata())  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def plain_server(module_server: Any) -> Any:
    return module_server()


def test_request_id_comes_back_on_success_and_on_failure(
        plain_server: Any, seeds: list[dict[str, str]]) -> None:
    good = pb.SummarizeRequest(documents=[pb.Document(id=d["id"], text=d["text"])
                                          for d in seeds])
    bad = pb.SummarizeRequest(documents=[pb.Document(id="empty", text="  ")])
    code, md = _summarize(plain_server.target, good, [("x-request-id", "mine-1")])
    assert code == grpc.StatusCode.OK and md["x-request-id"] == "mine-1"
    code, md = _summarize(plain_server.target, bad, [("x-request-id", "mine-2")])
    assert code == grpc.StatusCode.INVALID_ARGUMENT and md["x-request-id"] == "mine-2"
    # Without one of the caller's, the server's own id comes back: the key to its log line.
    code, md = _summarize(plain_server.target, bad, [])
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    generated = md["x-request-id"]
    (line,) = plain_server.wait_for_calls(1, request_id=generated)
    assert line["status"] == "INVALID_ARGUMENT"


def test_the_log_line_of_a_rejected_call_names_the_first_field_at_fault(
        plain_server: Any) -> None:
    bad = pb.SummarizeRequest(documents=[pb.Document(id="ok", text="Fine text. More of it."),
                                         pb.Document(id="empty", text=" "),
                                         pb.Document(id="", text="")],
                              options=pb.SummarizeOptions(max_sentences=-3))
    code, _ = _summarize(plain_server.target, bad, [("x-request-id", "which-field")])
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    (line,) = plain_server.wait_for_calls(1, request_id="which-field")
    assert line["field"] == "documents[1].text", line
    assert line["problem"] and line["violations"] >= 3
    assert "documents[1].text" in line["msg"]


def _buf() -> str:
    found = shutil.which("buf", path=str(Path(sys.executable).parent)) or shutil.which("buf")
    if not found:
        pytest.skip("buf is not installed (it comes with the dev extra)")
    return found


@pytest.mark.parametrize("protocol", ["grpc-v1", "grpc-v1alpha"])
def test_reflection_answers_v1_and_v1alpha(plain_server: Any, protocol: str) -> None:
    url = f"http://{plain_server.target}"
    listed = subprocess.run([_buf(), "curl", "--protocol", "grpc", "--reflect-protocol",
                             protocol, "--list-services", url],
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert SERVICE in listed.stdout.split()
    # The schema reflected is complete enough to make a call with it.
    called = subprocess.run([_buf(), "curl", "--protocol", "grpc", "--reflect-protocol",
                             protocol, "-d", '{"documents": [{"id": "a", "text": "One short '
                             'sentence here. Another sentence follows it."}]}',
                             f"{url}/{SERVICE}/Summarize"],
                            capture_output=True, text=True, timeout=60)
    assert called.returncode == 0, called.stderr
    assert '"sentences"' in called.stdout
