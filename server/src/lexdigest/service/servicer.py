"""The gRPC adapter of DigestService: validate, convert, run, convert back.

The servicer runs on a ``grpc.aio`` server's event loop; all digest work goes through a
``Runner`` it awaits, and this module only speaks gRPC. A caller that goes away cancels the
call's task, which abandons the work. Errors use gRPC's
rich error model: INVALID_ARGUMENT carries a ``google.rpc.BadRequest`` with one field
violation per problem, RESOURCE_EXHAUSTED and UNAVAILABLE carry ``google.rpc.RetryInfo``.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
from google.protobuf import duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

from lexdigest.engine import Stats

from .convert import InvalidRequest, to_engine, to_proto
from .runner import (
    Cancelled,
    DeadlineExceeded,
    Overloaded,
    RunError,
    Runner,
    TooLarge,
    WorkerLost,
)
from .validate import Limits

log = logging.getLogger("lexdigest.service")

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["DigestService"].full_name

# Bytes of SummarizeBatch results one call may hold while its caller does not read them.
UNREAD_RESULT_BYTES = 8 * 1024 * 1024


class _Failure(Exception):
    """A call outcome other than OK, as a ``google.rpc.Status``."""

    def __init__(self, status: status_pb2.Status) -> None:
        super().__init__(status.message)
        self.status = status


def _status(code: int, message: str, *details: object) -> status_pb2.Status:
    st = status_pb2.Status(code=code, message=message)
    for d in details:
        st.details.add().Pack(d)
    return st


def _invalid(exc: InvalidRequest) -> _Failure:
    br = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field=f, description=d)
        for f, d in exc.violations
    ])
    return _Failure(_status(code_pb2.INVALID_ARGUMENT, f"invalid request: {exc}", br))


def _retry_info(seconds: float) -> error_details_pb2.RetryInfo:
    # Jitter spreads the retries of many shed callers over time instead of one burst.
    delay = seconds * random.uniform(0.75, 1.25)
    return error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(
        seconds=int(delay), nanos=int(delay % 1 * 1e9)))


def _from_run_error(exc: RunError) -> _Failure:
    if isinstance(exc, Overloaded):
        return _Failure(_status(code_pb2.RESOURCE_EXHAUSTED,
                                "server is at capacity; retry shortly",
                                _retry_info(exc.retry_after)))
    if isinstance(exc, WorkerLost):
        return _Failure(_status(code_pb2.UNAVAILABLE, str(exc), _retry_info(0.1)))
    if isinstance(exc, TooLarge):
        return _Failure(_status(code_pb2.RESOURCE_EXHAUSTED, str(exc)))
    if isinstance(exc, DeadlineExceeded):
        return _Failure(_status(code_pb2.DEADLINE_EXCEEDED, "deadline exceeded before the "
                                "digest was ready"))
    if isinstance(exc, Cancelled):
        return _Failure(_status(code_pb2.CANCELLED, "call cancelled"))
    return _Failure(_status(code_pb2.INTERNAL, "internal error"))


async def _abort(context: grpc.aio.ServicerContext[Any, Any],
                 status: status_pb2.Status) -> None:
    """End the call with ``status`` (raises).

    A status with ``RetryInfo`` also carries ``grpc-retry-pushback-ms``: gRPC clients whose
    retry policy covers the code (the lexdigest client's does) then wait that long before the
    next attempt, instead of their own short backoff. RESOURCE_EXHAUSTED and UNAVAILABLE
    without ``RetryInfo`` carry a pushback of -1, which tells such clients not to retry.
    """
    st = rpc_status.to_status(status)
    metadata = tuple(st.trailing_metadata)
    pushback = None
    for detail in status.details:
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            pushback = info.retry_delay.seconds * 1000 + info.retry_delay.nanos // 1_000_000
    if pushback is None and status.code in (code_pb2.RESOURCE_EXHAUSTED, code_pb2.UNAVAILABLE):
        pushback = -1
    if pushback is not None:
        metadata += (("grpc-retry-pushback-ms", str(pushback)),)
    await context.abort(st.code, st.details, metadata)


class DigestServicer(pb_grpc.DigestServiceServicer):
    """Serves DigestService (on a ``grpc.aio`` server) by handing work to ``runner``."""

    def __init__(self, runner: Runner, limits: Limits | None = None,
                 max_call_seconds: float = 120.0,
                 on_digest: Callable[[Stats], None] | None = None) -> None:
        self._runner = runner
        self._on_digest = on_digest
        self._limits = limits or Limits()
        self._max_call_seconds = max_call_seconds

    # -- RPCs ---------------------------------------------------------------------------------

    async def Summarize(self, request: pb.SummarizeRequest,
                        context: grpc.aio.ServicerContext[Any, Any]) -> pb.SummarizeResponse:
        try:
            return await self._summarize(request, context)
        except _Failure as f:
            await _abort(context, f.status)
            raise  # unreachable: abort raises

    async def SummarizeStream(self, request_iterator: AsyncIterator[pb.SummarizeStreamRequest],
                              context: grpc.aio.ServicerContext[Any, Any]
                              ) -> pb.SummarizeResponse:
        try:
            request = await self._assemble(request_iterator)
            return await self._summarize(request, context)
        except _Failure as f:
            await _abort(context, f.status)
            raise

    async def SummarizeBatch(self, request_iterator: AsyncIterator[pb.SummarizeBatchRequest],
                             context: grpc.aio.ServicerContext[Any, Any]
                             ) -> AsyncIterator[pb.SummarizeBatchResponse]:
        """Clusters run concurrently (up to the worker count, a few more accepted ahead);
        results are sent as they are ready. When the caller goes away, the call's task is
        cancelled, and with it every cluster still running or waiting.

        Results the caller has not read yet are held up to ``UNREAD_RESULT_BYTES``: a caller
        that sends every cluster before reading any result works for batches of that size,
        and one that stops reading makes the server stop reading (and computing) its clusters
        rather than hold them all. Past the budget, a cluster's permit comes back only once
        its result has been written."""
        Entry = tuple[pb.SummarizeBatchResponse, int, bool]  # result, its size, permit held
        results: asyncio.Queue[Entry | None] = asyncio.Queue()
        ahead = asyncio.Semaphore(max(1, self._runner.workers) * 2)
        running: set[asyncio.Task[None]] = set()
        unread = 0  # bytes of results queued and not yet written

        async def one(item: pb.SummarizeBatchRequest) -> None:
            nonlocal unread
            try:
                resp = await self._batch_item(item, context)
            except BaseException:  # cancelled with the call
                ahead.release()
                raise
            size = resp.ByteSize()
            unread += size
            held = unread > UNREAD_RESULT_BYTES
            if not held:
                ahead.release()
            results.put_nowait((resp, size, held))

        async def feed() -> None:
            try:
                async for item in request_iterator:
                    await ahead.acquire()
                    task = asyncio.create_task(one(item))
                    running.add(task)
                    task.add_done_callback(running.discard)
            except Exception:  # the request stream broke; finish what was read
                log.debug("batch request stream ended early", exc_info=True)
            if running:
                await asyncio.wait(set(running))
            results.put_nowait(None)

        feeder = asyncio.create_task(feed())
        try:
            while (entry := await results.get()) is not None:
                resp, size, held = entry
                yield resp  # returns once gRPC took the message (flow control permitting)
                unread -= size
                if held:
                    ahead.release()
        finally:
            feeder.cancel()
            for task in list(running):
                task.cancel()

    # -- helpers ------------------------------------------------------------------------------

    async def _batch_item(self, item: pb.SummarizeBatchRequest,
                          context: grpc.aio.ServicerContext[Any, Any]
                          ) -> pb.SummarizeBatchResponse:
        try:
            return pb.SummarizeBatchResponse(
                cluster_id=item.cluster_id, response=await self._summarize(item.request, context))
        except _Failure as f:
            return pb.SummarizeBatchResponse(cluster_id=item.cluster_id, error=pb.BatchError(
                code=f.status.code, message=f.status.message,
                field_violations=_violations(f.status)))
        except Exception:  # a bug must cost one item, not the call
            log.exception("batch item %r failed", item.cluster_id)
            return pb.SummarizeBatchResponse(cluster_id=item.cluster_id, error=pb.BatchError(
                code=code_pb2.INTERNAL, message="internal error"))

    async def _summarize(self, request: pb.SummarizeRequest,
                         context: grpc.aio.ServicerContext[Any, Any]) -> pb.SummarizeResponse:
        try:
            documents, options = to_engine(request, self._limits)
        except InvalidRequest as exc:
            raise _invalid(exc) from None
        remaining = context.time_remaining()
        budget = self._max_call_seconds if remaining is None else min(remaining,
                                                                      self._max_call_seconds)
        try:
            digest = await self._runner.run(documents, options, time.time() + budget)
        except RunError as exc:
            raise _from_run_error(exc) from None
        if self._on_digest is not None:
            self._on_digest(digest.stats)
        return to_proto(digest)

    async def _assemble(self, request_iterator: AsyncIterator[pb.SummarizeStreamRequest]
                        ) -> pb.SummarizeRequest:
        """One SummarizeRequest out of the stream's options, documents and chunks."""
        request = pb.SummarizeRequest()
        parts: list[list[str]] = []
        total = 0
        n = -1
        async for msg in request_iterator:
            n += 1
            kind = msg.WhichOneof("payload")
            if kind == "options":
                if n:
                    raise _invalid(InvalidRequest([(f"messages[{n}].options",
                                                    "options must be the first message")]))
                request.options.CopyFrom(msg.options)
            elif kind == "document":
                request.documents.append(msg.document)
                parts.append([msg.document.text])
                total += len(msg.document.text)
            elif kind == "chunk":
                if not parts:
                    raise _invalid(InvalidRequest([(f"messages[{n}].chunk",
                                                    "a chunk must follow a document")]))
                current = request.documents[-1]
                if msg.chunk.document_id and msg.chunk.document_id != current.id:
                    raise _invalid(InvalidRequest([(f"messages[{n}].chunk.document_id",
                                                    f"continues {msg.chunk.document_id!r} but "
                                                    f"the last document is {current.id!r}")]))
                parts[-1].append(msg.chunk.text)
                total += len(msg.chunk.text)
            else:
                raise _invalid(InvalidRequest([(f"messages[{n}]", "empty message")]))
            if total > self._limits.max_total_chars:
                raise _invalid(InvalidRequest([("documents", f"more than "
                                                f"{self._limits.max_total_chars} characters in all "
                                                "exceed the limit")]))
        for doc, texts in zip(request.documents, parts, strict=True):
            doc.text = "".join(texts)
        return request


def _violations(status: status_pb2.Status) -> list[pb.FieldViolation]:
    out = []
    for detail in status.details:
        br = error_details_pb2.BadRequest()
        if detail.Unpack(br):
            out += [pb.FieldViolation(field=v.field, description=v.description)
                    for v in br.field_violations]
    return out
