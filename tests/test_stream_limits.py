"""SummarizeStream is bounded while it is read, against a real server on loopback.

* every limit that bounds memory (document count, each field, each text, the text in all)
  ends the call at the first message over it, not after the whole stream has been held;
* the call deadline (``--max-call-seconds``) and the in-flight places (``--max-in-flight``)
  cover the reading: a caller sending a message now and then cannot keep a call open, and
  such calls count against the places of other calls.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import grpc
from conftest import SERVICE, rss_bytes
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

MiB = 1024 * 1024
TEXT = "The council met on Monday. It approved the budget for the new bridge over the river."


def _stream(target: str, messages: Iterator[pb.SummarizeStreamRequest],
            timeout: float = 60) -> tuple[grpc.StatusCode, str, float]:
    """Status code, details and seconds of one SummarizeStream call."""
    opts = [("grpc.max_send_message_length", -1)]
    started = time.monotonic()
    with grpc.insecure_channel(target, options=opts) as channel:
        call = channel.stream_unary(f"/{SERVICE}/SummarizeStream",
                                    request_serializer=pb.SummarizeStreamRequest
                                    .SerializeToString,
                                    response_deserializer=pb.SummarizeResponse.FromString)
        try:
            call(messages, timeout=timeout)
            code, details = grpc.StatusCode.OK, ""
        except grpc.RpcError as e:
            code, details = e.code(), e.details() or ""
    return code, details, time.monotonic() - started


def _documents(count: int, **fields: str) -> Iterator[pb.SummarizeStreamRequest]:
    for i in range(count):
        yield pb.SummarizeStreamRequest(document=pb.Document(id=f"d{i}", text=TEXT, **fields))


def test_large_fields_are_refused_at_the_first_message(server: Any) -> None:
    srv = server()
    time.sleep(0.5)
    before = rss_bytes(srv.pid)
    sent = 0

    def documents() -> Iterator[pb.SummarizeStreamRequest]:
        nonlocal sent
        for msg in _documents(300, title="T" * MiB):
            sent += 1
            yield msg

    code, details, _ = _stream(srv.target, documents())
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "documents[0].title" in details
    assert rss_bytes(srv.pid) - before < 100 * MiB
    assert sent < 300, "the server read the whole stream before refusing it"


def test_the_document_count_is_enforced_as_documents_arrive(server: Any) -> None:
    srv = server("--max-documents", "5")
    stop = threading.Event()

    def documents() -> Iterator[pb.SummarizeStreamRequest]:
        yield from _documents(6)
        stop.wait(30)  # the caller would go on; the server must not wait for it

    try:
        code, details, seconds = _stream(srv.target, documents())
    finally:
        stop.set()
    assert code == grpc.StatusCode.INVALID_ARGUMENT and "5 documents" in details
    assert seconds < 10


def test_a_slow_stream_ends_at_the_call_deadline(server: Any) -> None:
    srv = server("--max-call-seconds", "2")

    def trickle() -> Iterator[pb.SummarizeStreamRequest]:
        for msg in _documents(30):
            yield msg
            time.sleep(1)

    code, _, seconds = _stream(srv.target, trickle(), timeout=20)
    assert code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert seconds < 6, f"the stream stayed open {seconds:.1f}s past a 2 s call limit"


def test_streams_being_read_count_against_max_in_flight(server: Any) -> None:
    srv = server("--max-in-flight", "2")
    stop = threading.Event()

    def held() -> Iterator[pb.SummarizeStreamRequest]:
        yield from _documents(1)
        stop.wait(30)

    threads = [threading.Thread(target=_stream, args=(srv.target, held()), daemon=True)
               for _ in range(2)]
    for t in threads:
        t.start()
    try:
        time.sleep(1.5)  # both streams are being read
        code, _, _ = _stream(srv.target, _documents(2), timeout=20)
        assert code == grpc.StatusCode.RESOURCE_EXHAUSTED
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    # With the two held streams gone, the same call is served.
    assert _stream(srv.target, _documents(2))[0] == grpc.StatusCode.OK
