"""The transport-neutral call path (lexdigest.service.calls), driven without a server.

Every transport adapter (the gRPC servicer, the HTTP gateway) hands its messages to ``Calls``;
what it answers here it answers on every transport, which the end-to-end tests check per
transport.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from google.rpc import code_pb2
from lexdigest.service import CallFailed, Calls, InlineRunner
from lexdigest.service import status as statuses
from lexdigest.service.runner import Overloaded, WorkerLost
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb


def _run(coro: Any) -> Any:
    return asyncio.run(coro)


def _request(seeds: list[dict[str, str]], **options: Any) -> pb.SummarizeRequest:
    return pb.SummarizeRequest(documents=[pb.Document(id=d["id"], text=d["text"]) for d in seeds],
                               options=pb.SummarizeOptions(**options))


async def _aiter(items: list[Any]) -> AsyncIterator[Any]:
    for item in items:
        yield item


def test_summarize_answers_a_cited_digest_and_reports_its_stats(
        seeds: list[dict[str, str]]) -> None:
    seen: list[Any] = []
    calls = Calls(InlineRunner(), on_digest=seen.append)
    response = _run(calls.summarize(_request(seeds, max_sentences=3)))
    assert 0 < len(response.sentences) <= 3
    texts = {d["id"]: d["text"] for d in seeds}
    for s in response.sentences:
        c = s.citation
        assert texts[c.document_id][c.char_start:c.char_end] == s.text
    assert [s.documents for s in seen] == [5]


def test_invalid_request_fails_with_bad_request_naming_each_field(
        seeds: list[dict[str, str]]) -> None:
    calls = Calls(InlineRunner())
    with pytest.raises(CallFailed) as info:
        _run(calls.summarize(_request(seeds, max_words=-5, max_similarity=2.0)))
    st = info.value.status
    assert st.code == code_pb2.INVALID_ARGUMENT
    assert {f for f, _ in statuses.field_violations(st)} == {"options.max_words",
                                                              "options.max_similarity"}


def test_a_past_deadline_fails_with_deadline_exceeded(seeds: list[dict[str, str]]) -> None:
    calls = Calls(InlineRunner())
    with pytest.raises(CallFailed) as info:
        _run(calls.summarize(_request(seeds), deadline=time.time() - 1))
    assert info.value.status.code == code_pb2.DEADLINE_EXCEEDED


def test_stream_messages_are_assembled_into_one_request(seeds: list[dict[str, str]]) -> None:
    doc = seeds[0]
    half = len(doc["text"]) // 2
    messages = [
        pb.SummarizeStreamRequest(options=pb.SummarizeOptions(max_sentences=2)),
        pb.SummarizeStreamRequest(document=pb.Document(id=doc["id"], text=doc["text"][:half])),
        pb.SummarizeStreamRequest(chunk=pb.DocumentChunk(document_id=doc["id"],
                                                         text=doc["text"][half:])),
    ]
    response = _run(Calls(InlineRunner()).summarize_stream(_aiter(messages)))
    for s in response.sentences:
        c = s.citation
        assert doc["text"][c.char_start:c.char_end] == s.text


def test_batch_answers_every_cluster_and_a_failing_one_carries_its_violations(
        seeds: list[dict[str, str]]) -> None:
    items = [pb.SummarizeBatchRequest(cluster_id="ok", request=_request(seeds)),
             pb.SummarizeBatchRequest(cluster_id="bad", request=_request(seeds, max_words=-1))]

    async def collect() -> dict[str, pb.SummarizeBatchResponse]:
        return {r.cluster_id: r async for r in Calls(InlineRunner()).summarize_batch(
            _aiter(items))}

    out = _run(collect())
    assert out["ok"].response.sentences
    assert out["bad"].error.code == code_pb2.INVALID_ARGUMENT
    assert [v.field for v in out["bad"].error.field_violations] == ["options.max_words"]


def test_run_errors_map_to_retryable_statuses_with_retry_info() -> None:
    shed = statuses.from_run_error(Overloaded(retry_after=2.0))
    assert shed.code == code_pb2.RESOURCE_EXHAUSTED
    delay = statuses.retry_delay_ms(shed)
    assert delay is not None and 1500 <= delay <= 2500  # jittered by ±25%
    lost = statuses.from_run_error(WorkerLost("gone"))
    assert lost.code == code_pb2.UNAVAILABLE and statuses.retry_delay_ms(lost) is not None
