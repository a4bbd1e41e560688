"""The DigestService calls, once, for every transport: convert, validate, run, convert back.

``Calls`` takes the request messages of ``lexdigest.v1`` and answers with its response
messages; a transport adapter (the gRPC servicer, an HTTP gateway) only moves them::

    calls = Calls(runner, limits, max_call_seconds=120.0, on_digest=metrics.observe_digest)
    try:
        response = await calls.summarize(request, deadline=time.time() + 30)
    except CallFailed as failure:
        send(failure.status)  # a google.rpc.Status: code, message, details

Every method:

* validates (the engine's rules and the deployment's ``Limits``: ``convert.to_engine``) and
  fails with INVALID_ARGUMENT and a ``google.rpc.BadRequest`` naming each field at fault;
* runs the engine through the ``Runner`` with the earlier of the caller's ``deadline`` (a
  ``time.time()`` instant; ``None`` for none) and ``max_call_seconds`` from now;
* raises ``CallFailed`` holding the ``google.rpc.Status`` of any outcome other than OK (built
  by ``service.status``), never another exception for a failure it foresees.

Cancelling the awaiting task abandons the work (the runner stops the engine).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterator,
)
from typing import Any, TypeVar

from google.rpc import code_pb2, status_pb2
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

from lexdigest.engine import Stats
from lexdigest.engine.validate import FIELD_MAX, InvalidInputError

from . import status
from .convert import stories_to_proto, to_engine, to_engine_stories, to_proto
from .runner import DeadlineExceeded, Overloaded, RunError, Runner
from .validate import Limits

log = logging.getLogger("lexdigest.service")
_T = TypeVar("_T")

# Bytes of SummarizeBatch results one call may hold while its caller does not read them.
UNREAD_RESULT_BYTES = 8 * 1024 * 1024


class CallFailed(Exception):
    """A call outcome other than OK; ``status`` is the ``google.rpc.Status`` to answer."""

    def __init__(self, st: status_pb2.Status) -> None:
        super().__init__(st.message)
        self.status = st


def _invalid(*violations: status.Violation) -> CallFailed:
    return CallFailed(status.invalid(violations))


class Calls:
    """The DigestService calls over ``runner``, under ``limits``.

    ``max_call_seconds`` caps every call and is its deadline when the caller sets none;
    ``on_digest`` (for metrics) sees the stats of every digest made.
    """

    def __init__(self, runner: Runner, limits: Limits | None = None,
                 max_call_seconds: float = 120.0,
                 on_digest: Callable[[Stats], None] | None = None,
                 max_in_flight: int | None = None) -> None:
        self.runner = runner
        self.limits = limits or Limits()
        self.max_call_seconds = max_call_seconds
        self._on_digest = on_digest
        self.max_in_flight = max_in_flight
        self._in_flight = 0
        self._draining = asyncio.Event()

    def drain(self) -> None:
        """The server is stopping: batches stop taking clusters (see ``summarize_batch``)."""
        self._draining.set()

    @contextlib.contextmanager
    def _admitted(self) -> Iterator[None]:
        """Hold one of ``max_in_flight`` places for a whole call, its reading included (a
        stream sent slowly holds one too); none left: RESOURCE_EXHAUSTED with RetryInfo."""
        if self.max_in_flight is not None and self._in_flight >= self.max_in_flight:
            raise CallFailed(status.from_run_error(Overloaded()))
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1

    def _deadline(self, deadline: float | None) -> float:
        """The earlier of the caller's ``deadline`` and ``max_call_seconds`` from now."""
        budget = time.time() + self.max_call_seconds
        return budget if deadline is None else min(deadline, budget)

    async def _read(self, assembling: Awaitable[_T], deadline: float) -> _T:
        """The request a stream spells out, read before ``deadline`` (the call's deadline
        covers its reading: a caller sending a message now and then cannot hold it open)."""
        try:
            async with asyncio.timeout(max(0.0, deadline - time.time())):
                return await assembling
        except TimeoutError:
            raise CallFailed(status.from_run_error(DeadlineExceeded())) from None

    async def summarize(self, request: pb.SummarizeRequest,
                        deadline: float | None = None) -> pb.SummarizeResponse:
        """The digest of ``request``; raises ``CallFailed``."""
        with self._admitted():
            return await self._summarize(request, deadline)

    async def _summarize(self, request: pb.SummarizeRequest,
                         deadline: float | None = None) -> pb.SummarizeResponse:
        try:
            documents, options = to_engine(request, self.limits)
        except InvalidInputError as exc:
            raise _invalid(*exc.violations) from None
        budget = time.time() + self.max_call_seconds
        try:
            digest = await self.runner.run(documents, options,
                                           budget if deadline is None else min(deadline, budget))
        except RunError as exc:
            raise CallFailed(status.from_run_error(exc)) from None
        if self._on_digest is not None:
            self._on_digest(digest.stats)
        return to_proto(digest)

    async def summarize_stories(self, request: pb.SummarizeStoriesRequest,
                                deadline: float | None = None
                                ) -> pb.SummarizeStoriesResponse:
        """The stories of the pile in ``request``, each with its digest; raises ``CallFailed``.

        Limits are the pile limits (``Limits.max_story_documents``, ``max_story_total_chars``).
        The pile is grouped into stories by one engine call; with worker processes, its
        stories are then built in all of them at once (``serve.workers``)."""
        with self._admitted():
            return await self._summarize_stories(request, deadline)

    async def _summarize_stories(self, request: pb.SummarizeStoriesRequest,
                                 deadline: float | None = None
                                 ) -> pb.SummarizeStoriesResponse:
        try:
            documents, options = to_engine_stories(request, self.limits)
        except InvalidInputError as exc:
            raise _invalid(*exc.violations) from None
        budget = time.time() + self.max_call_seconds
        try:
            result = await self.runner.run_stories(
                documents, options, budget if deadline is None else min(deadline, budget))
        except RunError as exc:
            raise CallFailed(status.from_run_error(exc)) from None
        if self._on_digest is not None:
            for story in result.stories:
                self._on_digest(story.digest.stats)
        return stories_to_proto(result)

    async def summarize_stories_stream(
            self, messages: AsyncIterable[pb.SummarizeStoriesStreamRequest],
            deadline: float | None = None) -> pb.SummarizeStoriesResponse:
        """The stories of the pile the stream's messages spell out (see ``assemble_stories``)."""
        with self._admitted():
            end = self._deadline(deadline)
            request = await self._read(assemble_stories(messages, self.limits), end)
            return await self._summarize_stories(request, end)

    async def summarize_stream(self, messages: AsyncIterable[pb.SummarizeStreamRequest],
                               deadline: float | None = None) -> pb.SummarizeResponse:
        """The digest of the request the stream's messages spell out (see ``assemble``).

        The call's deadline and its place among ``max_in_flight`` cover the reading, and the
        limits are enforced message by message, so a stream can hold neither a call open
        nor more memory than the limits allow."""
        with self._admitted():
            end = self._deadline(deadline)
            request = await self._read(assemble(messages, self.limits), end)
            return await self._summarize(request, end)

    async def summarize_batch(self, items: AsyncIterable[pb.SummarizeBatchRequest],
                              deadline: float | None = None
                              ) -> AsyncGenerator[pb.SummarizeBatchResponse, None]:
        """One result per cluster of ``items``, as each is ready (any order).

        Clusters run concurrently (up to the runner's worker count, a few more accepted
        ahead); a cluster that fails yields its error, the others go on. Closing the
        iterator (the caller went away) cancels every cluster still running or waiting.

        Results the caller has not read yet are held up to ``UNREAD_RESULT_BYTES``: a caller
        that sends every cluster before reading any result works for batches of that size,
        and one that stops reading makes the server stop reading (and computing) its clusters
        rather than hold them all. Past the budget, a cluster's permit comes back only once
        its result has been read.

        When the server drains (``drain``, on SIGTERM) the batch reads no further cluster,
        finishes and yields every cluster it started, then fails with UNAVAILABLE
        (``status.shutting_down``): a cluster the caller sent that has no result was not
        taken, and can be sent again to another server.
        """
        Entry = tuple[pb.SummarizeBatchResponse, int, bool]  # result, its size, permit held
        results: asyncio.Queue[Entry | None] = asyncio.Queue()
        ahead = asyncio.Semaphore(max(1, self.runner.workers) * 2)
        running: set[asyncio.Task[None]] = set()
        unread = 0  # bytes of results queued and not yet read
        drained = False  # the feed stopped because the server drains

        async def one(item: pb.SummarizeBatchRequest) -> None:
            nonlocal unread
            try:
                resp = await self._batch_item(item, deadline)
            except BaseException:  # cancelled with the call
                ahead.release()
                raise
            size = resp.ByteSize()
            unread += size
            held = unread > UNREAD_RESULT_BYTES
            if not held:
                ahead.release()
            results.put_nowait((resp, size, held))

        async def next_or_drain(it: AsyncIterator[pb.SummarizeBatchRequest]
                                ) -> pb.SummarizeBatchRequest | None:
            """The next cluster, or ``None`` at the end of the stream or once draining."""
            following = asyncio.ensure_future(anext(it))
            draining = asyncio.ensure_future(self._draining.wait())
            await asyncio.wait({following, draining}, return_when=asyncio.FIRST_COMPLETED)
            draining.cancel()
            if not following.done():
                following.cancel()
                return None
            try:
                return following.result()
            except StopAsyncIteration:
                return None

        async def feed() -> None:
            nonlocal drained
            try:
                it = aiter(items)
                while not self._draining.is_set():
                    await ahead.acquire()  # before reading: a cluster read is a cluster taken
                    item = await next_or_drain(it)
                    if item is None:
                        ahead.release()
                        break
                    task = asyncio.create_task(one(item))
                    running.add(task)
                    task.add_done_callback(running.discard)
            except Exception:  # the request stream broke; finish what was read
                log.debug("batch request stream ended early", exc_info=True)
            drained = self._draining.is_set()
            if running:
                await asyncio.wait(set(running))
            results.put_nowait(None)

        with self._admitted():
            feeder = asyncio.create_task(feed())
            try:
                while (entry := await results.get()) is not None:
                    resp, size, held = entry
                    yield resp  # returns once the transport took the message
                    unread -= size
                    if held:
                        ahead.release()
            finally:
                feeder.cancel()
                for task in list(running):
                    task.cancel()
            if drained:
                raise CallFailed(status.shutting_down())

    async def _batch_item(self, item: pb.SummarizeBatchRequest,
                          deadline: float | None) -> pb.SummarizeBatchResponse:
        try:
            return pb.SummarizeBatchResponse(
                cluster_id=item.cluster_id,
                response=await self._summarize(item.request, deadline))
        except CallFailed as f:
            return pb.SummarizeBatchResponse(cluster_id=item.cluster_id, error=pb.BatchError(
                code=f.status.code, message=f.status.message, field_violations=[
                    pb.FieldViolation(field=field, description=description)
                    for field, description in status.field_violations(f.status)]))
        except Exception:  # a bug must cost one item, not the call
            log.exception("batch item %r failed", item.cluster_id)
            return pb.SummarizeBatchResponse(cluster_id=item.cluster_id, error=pb.BatchError(
                code=code_pb2.INTERNAL, message="internal error"))


async def assemble(messages: AsyncIterable[pb.SummarizeStreamRequest],
                   limits: Limits) -> pb.SummarizeRequest:
    """One SummarizeRequest out of a stream's options, documents and chunks.

    The options come first (if at all), each document is followed by the chunks that
    continue its text; raises ``CallFailed`` (INVALID_ARGUMENT) as soon as the stream breaks
    a rule or its text exceeds ``limits.max_total_chars``.
    """
    request = pb.SummarizeRequest()
    await _gather(messages, request, "options", request.options.CopyFrom, limits)
    return request


async def assemble_stories(messages: AsyncIterable[pb.SummarizeStoriesStreamRequest],
                           limits: Limits) -> pb.SummarizeStoriesRequest:
    """One SummarizeStoriesRequest out of a stream's settings, documents and chunks, as
    ``assemble`` does (the text limit is ``limits.max_story_total_chars``)."""
    request = pb.SummarizeStoriesRequest()

    def settings(s: pb.StoriesSettings) -> None:
        request.options.CopyFrom(s.options)
        request.granularity = s.granularity

    pile = dataclasses.replace(limits, max_documents=limits.max_story_documents,
                               max_total_chars=limits.max_story_total_chars)
    await _gather(messages, request, "settings", settings, pile)
    return request


async def _gather(messages: AsyncIterable[Any],
                  request: pb.SummarizeRequest | pb.SummarizeStoriesRequest, header: str,
                  take_header: Callable[[Any], object], limits: Limits) -> None:
    """Fill ``request.documents`` from a stream whose first message may be ``header``.

    Every limit that bounds memory is checked as each message arrives: the number of
    documents, each document's text (with its chunks), its id, title, url and source
    (``FIELD_MAX``) and the text in all; the first message over a limit ends the call.
    """
    parts: list[list[str]] = []
    total = 0
    size = 0  # characters of the current document's text so far
    n = -1
    async for msg in messages:
        n += 1
        kind = msg.WhichOneof("payload")
        if kind == header:
            if n:
                raise _invalid((f"messages[{n}].{header}",
                                f"{header} must be the first message"))
            take_header(getattr(msg, header))
            continue
        if kind == "document":
            i = len(request.documents)
            if i >= limits.max_documents:
                raise _invalid(("documents", f"more than {limits.max_documents} documents "
                                "exceed the limit"))
            for name, cap in FIELD_MAX.items():
                if len(getattr(msg.document, name)) > cap:
                    raise _invalid((f"documents[{i}].{name}", f"longer than {cap} characters"))
            request.documents.append(msg.document)
            parts.append([msg.document.text])
            size = len(msg.document.text)
            total += size
        elif kind == "chunk":
            if not parts:
                raise _invalid((f"messages[{n}].chunk", "a chunk must follow a document"))
            current = request.documents[-1]
            if msg.chunk.document_id and msg.chunk.document_id != current.id:
                raise _invalid((f"messages[{n}].chunk.document_id",
                                f"continues {_short(msg.chunk.document_id)!r} but the last "
                                f"document is {current.id!r}"))
            parts[-1].append(msg.chunk.text)
            size += len(msg.chunk.text)
            total += len(msg.chunk.text)
        else:
            raise _invalid((f"messages[{n}]", "empty message"))
        if size > limits.max_document_chars:
            raise _invalid((f"documents[{len(parts) - 1}].text", f"more than "
                            f"{limits.max_document_chars} characters exceed the limit per "
                            "document"))
        if total > limits.max_total_chars:
            raise _invalid(("documents", f"more than {limits.max_total_chars} characters in "
                            "all exceed the limit"))
    for doc, texts in zip(request.documents, parts, strict=True):
        doc.text = "".join(texts)


def _short(text: str) -> str:
    return text if len(text) <= 64 else text[:61] + "..."
