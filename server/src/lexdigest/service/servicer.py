"""The gRPC adapter of DigestService: only what is gRPC about a call.

Each RPC hands its messages to ``Calls`` (``service/calls.py``, the one call path of every
transport) with the call's deadline, and turns a ``CallFailed`` into the call's status with
gRPC's rich error model (``abort``). The servicer runs on a ``grpc.aio`` server's event loop;
a caller that goes away cancels the call's task, which abandons the work.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import grpc
from google.rpc import code_pb2, status_pb2
from grpc_status import rpc_status
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

from lexdigest.engine import Stats

from . import status as statuses
from .calls import CallFailed, Calls
from .runner import Runner
from .validate import Limits

_T = TypeVar("_T")

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["DigestService"].full_name


async def abort(context: grpc.aio.ServicerContext[Any, Any], status: status_pb2.Status) -> None:
    """End the call with ``status`` (raises).

    A status with ``RetryInfo`` also carries ``grpc-retry-pushback-ms``: gRPC clients whose
    retry policy covers the code (the lexdigest client's does) then wait that long before the
    next attempt, instead of their own short backoff. RESOURCE_EXHAUSTED and UNAVAILABLE
    without ``RetryInfo`` carry a pushback of -1, which tells such clients not to retry.
    """
    st = rpc_status.to_status(status)
    metadata = tuple(st.trailing_metadata)
    pushback = statuses.retry_delay_ms(status)
    if pushback is None and status.code in (code_pb2.RESOURCE_EXHAUSTED, code_pb2.UNAVAILABLE):
        pushback = -1
    if pushback is not None:
        metadata += (("grpc-retry-pushback-ms", str(pushback)),)
    await context.abort(st.code, st.details, metadata)


def _deadline(context: grpc.aio.ServicerContext[Any, Any]) -> float | None:
    """The call's deadline as a ``time.time()`` instant (``None`` when the caller set none)."""
    remaining = context.time_remaining()
    return None if remaining is None else time.time() + remaining


async def _answer(context: grpc.aio.ServicerContext[Any, Any], answer: Awaitable[_T]) -> _T:
    """The response ``answer`` gives, or the call ended with its ``CallFailed`` status."""
    try:
        return await answer
    except CallFailed as f:
        await abort(context, f.status)
        raise  # unreachable: abort raises


class DigestServicer(pb_grpc.DigestServiceServicer):
    """Serves DigestService (on a ``grpc.aio`` server) through ``Calls`` over ``runner``."""

    def __init__(self, runner: Runner, limits: Limits | None = None,
                 max_call_seconds: float = 120.0,
                 on_digest: Callable[[Stats], None] | None = None,
                 max_in_flight: int | None = None) -> None:
        self.calls = Calls(runner, limits, max_call_seconds, on_digest, max_in_flight)

    async def Summarize(self, request: pb.SummarizeRequest,
                        context: grpc.aio.ServicerContext[Any, Any]) -> pb.SummarizeResponse:
        return await _answer(context, self.calls.summarize(request, _deadline(context)))

    async def SummarizeStream(self, request_iterator: AsyncIterator[pb.SummarizeStreamRequest],
                              context: grpc.aio.ServicerContext[Any, Any]
                              ) -> pb.SummarizeResponse:
        return await _answer(
            context, self.calls.summarize_stream(request_iterator, _deadline(context)))

    async def SummarizeStories(self, request: pb.SummarizeStoriesRequest,
                               context: grpc.aio.ServicerContext[Any, Any]
                               ) -> pb.SummarizeStoriesResponse:
        return await _answer(context, self.calls.summarize_stories(request, _deadline(context)))

    async def SummarizeStoriesStream(
            self, request_iterator: AsyncIterator[pb.SummarizeStoriesStreamRequest],
            context: grpc.aio.ServicerContext[Any, Any]) -> pb.SummarizeStoriesResponse:
        return await _answer(
            context, self.calls.summarize_stories_stream(request_iterator, _deadline(context)))

    async def SummarizeBatch(self, request_iterator: AsyncIterator[pb.SummarizeBatchRequest],
                             context: grpc.aio.ServicerContext[Any, Any]
                             ) -> AsyncIterator[pb.SummarizeBatchResponse]:
        """Results as each cluster is ready (see ``Calls.summarize_batch``); each one is
        yielded once gRPC took the previous message, so flow control reaches the clusters.
        A batch ended by the server's drain ends with UNAVAILABLE after its last result."""
        try:
            async with contextlib.aclosing(
                    self.calls.summarize_batch(request_iterator, _deadline(context))) as results:
                async for result in results:
                    yield result
        except CallFailed as f:
            await abort(context, f.status)
