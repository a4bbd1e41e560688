"""What operators watch and rely on: exact metrics, one log line per call, client balancing."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from lexdigest_client import DigestClient, InvalidInputError


def test_metrics_count_exactly_the_calls_made(server, seeds) -> None:
    srv = server(metrics=True, workers=2)
    ok_calls, bad_calls = 3, 2
    with DigestClient(srv.target) as client:
        for _ in range(ok_calls):
            client.summarize(seeds, max_sentences=3)
        for _ in range(bad_calls):
            with pytest.raises(InvalidInputError):
                client.summarize([{"id": "x", "text": "   "}])
    srv.wait_for_calls(ok_calls + bad_calls)
    assert srv.metric("lexdigest_calls_total", {"method": "Summarize", "code": "OK"}) == ok_calls
    assert srv.metric("lexdigest_calls_total",
                      {"method": "Summarize", "code": "INVALID_ARGUMENT"}) == bad_calls
    assert srv.metric("lexdigest_call_seconds_count", {"method": "Summarize"}) == (
        ok_calls + bad_calls)
    # Documents are counted in the server process from results computed in worker processes.
    assert srv.metric("lexdigest_documents_total") == ok_calls * len(seeds)
    assert srv.metric("lexdigest_sentences_total") > 0
    assert srv.metric("lexdigest_engine_stage_seconds_count", {"stage": "rank"}) == ok_calls
    assert srv.metric("lexdigest_calls_in_flight") == 0


def test_one_structured_log_line_per_call(server, seeds) -> None:
    srv = server()
    with DigestClient(srv.target) as client:
        client.summarize(seeds, request_id="req-42")
    (line,) = srv.wait_for_calls(1, request_id="req-42")
    assert line["method"] == "Summarize"
    assert line["status"] == "OK"
    assert line["documents"] == len(seeds)
    assert line["sentences"] > 0
    assert line["ms"] > 0
    assert line["peer"].startswith(("ipv4:127.0.0.1", "ipv6:"))


def test_round_robin_reaches_both_servers_and_survives_one_stopping(server, seeds) -> None:
    a, b = server(), server()
    target = f"ipv4:127.0.0.1:{a.port},127.0.0.1:{b.port}"
    calls = 12
    with DigestClient(target, timeout=30) as client:
        for i in range(calls):
            client.summarize(seeds, max_sentences=2, request_id=f"rr-{i}")
        served = Counter({"a": len(a.call_records()), "b": len(b.call_records())})
        assert served["a"] > 0 and served["b"] > 0, served
        assert served["a"] + served["b"] == calls
        assert a.stop() == 0
        # The channel notices the closed connection and keeps calling the server that is left.
        for i in range(calls):
            client.summarize(seeds, max_sentences=2, request_id=f"after-{i}")
    deadline = time.monotonic() + 10
    while len([r for r in b.call_records() if r["request_id"].startswith("after-")]) < calls:
        assert time.monotonic() < deadline
        time.sleep(0.05)
