"""``DigestClient`` and ``AsyncDigestClient``: the lexdigest API in a few lines of Python.

    >>> from lexdigest_client import DigestClient
    >>> with DigestClient("localhost:50051") as client:  # doctest: +SKIP
    ...     digest = client.summarize(["First article ...", "Second article ..."], max_words=100)
    ...     print(digest.render("text"))

    >>> import asyncio
    >>> from lexdigest_client import AsyncDigestClient
    >>> async def main() -> None:
    ...     async with AsyncDigestClient("localhost:50051") as client:
    ...         digest = await client.summarize([{"id": "a", "title": "A", "text": "..."}])
    ...         print(digest.summary)
    >>> asyncio.run(main())  # doctest: +SKIP

Documents are strings, mappings with the keys ``id``, ``text``, ``title``, ``url``, ``source``
and ``published_at`` (an ISO 8601 string or a ``datetime``), or ``Document`` messages.

Channels use ``round_robin`` so a target that resolves to several addresses
(``dns:///lexdigest-headless:50051``, ``ipv4:10.0.0.1:50051,10.0.0.2:50051``) spreads calls
over all of them, and a service config that retries UNAVAILABLE with exponential backoff.
RESOURCE_EXHAUSTED is retried only when the server says when to (``google.rpc.RetryInfo``: it
was at capacity), by the client itself for unary calls; the RESOURCE_EXHAUSTED that gRPC makes
of an oversized message or trailer, or a server's "this call needs more memory than allowed",
would fail again and is never retried. Nor are INVALID_ARGUMENT and DEADLINE_EXCEEDED.
With ``connect_timeout`` set, the first call first checks that the server can be reached and
fails within that many seconds with ``UnavailableError`` when it cannot.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any

import grpc  # type: ignore[import-untyped,unused-ignore]
import grpc.aio  # type: ignore[import-untyped,unused-ignore]
from grpc_health.v1 import (  # type: ignore[import-untyped,unused-ignore]
    health_pb2,
    health_pb2_grpc,
)

from ._channel import (
    MAX_MESSAGE_BYTES,
    OVERLOAD_ATTEMPTS,
    call_end,
    channel_args,
    fresh,
    overload_delay,
    probe_error,
    read_file,
    remaining,
)
from ._errors import (
    InvalidInputError,
    LexdigestError,
    from_rpc_error,
)
from ._messages import (
    Batch,
    ClusterLike,
    DocumentLike,
    stories_stream_messages,
    stream_messages,
    to_request,
    to_stories_request,
)
from ._models import BatchResult, Digest, Stories
from .proto.lexdigest.v1 import digest_pb2 as pb
from .proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

DEFAULT_TARGET = "localhost:50051"
DEFAULT_TIMEOUT = 60.0
# A stories request larger than this is streamed (SummarizeStoriesStream) when not told.
STREAM_ABOVE_BYTES = MAX_MESSAGE_BYTES // 2
class _Base:
    # ``grpc`` for the blocking client, ``grpc.aio`` for the asyncio one: both name their
    # channel constructors alike, so one constructor serves both clients.
    _grpc: Any = grpc

    def __init__(self, target: str | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 connect_timeout: float | None = None, token: str | None = None,
                 tls: bool = False, root_certificates: str | None = None,
                 client_cert: str | None = None, client_key: str | None = None,
                 server_name: str | None = None,
                 options: Sequence[tuple[str, Any]] = ()) -> None:
        self.target: str = target or os.environ.get("LEXDIGEST_TARGET") or DEFAULT_TARGET
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self._connected = connect_timeout is None
        token = token if token is not None else os.environ.get("LEXDIGEST_TOKEN", "")
        self._metadata: tuple[tuple[str, str], ...] = (
            (("authorization", f"Bearer {token}"),) if token else ())
        self._tls = tls or bool(root_certificates or client_cert)
        self._creds: Any = None
        if self._tls:
            try:
                self._creds = grpc.ssl_channel_credentials(
                    root_certificates=read_file(root_certificates),
                    private_key=read_file(client_key), certificate_chain=read_file(client_cert))
            except OSError as exc:
                raise InvalidInputError(f"{exc.filename}: {exc.strerror or exc}") from None
        extra = [("grpc.ssl_target_name_override", server_name)] if server_name else []
        args = channel_args([*extra, *options])
        self._channel: Any = (
            self._grpc.secure_channel(self.target, self._creds, options=args)
            if self._creds else self._grpc.insecure_channel(self.target, options=args))
        self._stub: Any = pb_grpc.DigestServiceStub(  # type: ignore[no-untyped-call]
            self._channel)

    def _meta(self, request_id: str | None) -> tuple[tuple[str, str], ...]:
        return self._metadata + ((("x-request-id", request_id),) if request_id else ())

    def _error(self, err: grpc.RpcError) -> LexdigestError:
        return from_rpc_error(err, self.target)

    def _call(self, timeout: float | None, request_id: str | None) -> dict[str, Any]:
        """Keyword arguments of a DigestService call: its deadline and metadata."""
        return {"timeout": timeout or self.timeout, "metadata": self._meta(request_id)}

    def _health(self) -> Any:
        return health_pb2_grpc.HealthStub(self._channel)

    def _probe(self) -> tuple[health_pb2.HealthCheckRequest, dict[str, Any]] | None:
        """The health check that proves the server reachable before the first call, or
        ``None`` when it is not needed (done already, or no ``connect_timeout``)."""
        if self._connected or self.connect_timeout is None:
            return None
        return health_pb2.HealthCheckRequest(), {"timeout": self.connect_timeout,
                                                 "wait_for_ready": False}

    def _stories_call(self, documents: Iterable[DocumentLike] | DocumentLike,
                      granularity: float | None, stream: bool | None, chunk_chars: int,
                      timeout: float | None, request_id: str | None,
                      options: dict[str, Any]) -> tuple[Any, Any, pb.SummarizeStoriesRequest,
                                                        dict[str, Any]]:
        """The stub method, its argument, the request and the call's keyword arguments of a
        stories call; streamed when asked or when the request is too big for one message."""
        request = to_stories_request(documents, granularity, **options)
        if stream is None:
            stream = request.ByteSize() > STREAM_ABOVE_BYTES
        kwargs = self._call(timeout, request_id)
        if stream:
            return (self._stub.SummarizeStoriesStream,
                    lambda: stories_stream_messages(request, chunk_chars), request, kwargs)
        return self._stub.SummarizeStories, request, request, {**kwargs,
                                                               "wait_for_ready": False}

    def _probe_failed(self, err: grpc.RpcError) -> None:
        assert self.connect_timeout is not None
        probe_error(err, self.target, self.connect_timeout)


def _status_name(resp: health_pb2.HealthCheckResponse) -> str:
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status))


class DigestClient(_Base):
    """Blocking client of DigestService.

    ``target`` defaults to ``$LEXDIGEST_TARGET`` or ``localhost:50051``; ``timeout`` is the
    default deadline of each call in seconds; ``connect_timeout`` (default: none) makes the
    first call fail fast with ``UnavailableError`` when the server cannot be reached.
    ``token`` (or ``$LEXDIGEST_TOKEN``) is sent as a bearer token;
    ``tls``/``root_certificates``/``client_cert``/``client_key`` set up TLS and mutual TLS.
    Use it as a context manager, or call ``close()``.

    >>> with DigestClient("localhost:50051", connect_timeout=5) as client:  # doctest: +SKIP
    ...     digest = client.summarize(["Text one ...", "Text two ..."], max_sentences=3)
    ...     print(digest.render("markdown"))
    """

    def _connect(self) -> None:
        probe = self._probe()
        if probe is None:
            return
        try:
            self._health().Check(probe[0], **probe[1])
        except grpc.RpcError as err:
            self._probe_failed(err)
        self._connected = True

    def _unary(self, method: Any, message: Any, **kwargs: Any) -> Any:
        """The response of one call (after the first call's reachability probe); a call the
        server shed for capacity is sent again after the delay it asks for.

        ``message`` is the request, or, for a client-streaming call, a function that makes
        its messages: a stream is consumed by a send, so each send makes it afresh.
        """
        self._connect()
        end = call_end(kwargs)
        for attempt in range(OVERLOAD_ATTEMPTS):
            try:
                return method(fresh(message), **remaining(kwargs, end))
            except grpc.RpcError as err:
                delay = overload_delay(err, attempt, end)
                if delay is None:
                    raise self._error(err) from None
            time.sleep(delay)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def summarize(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                  timeout: float | None = None, request_id: str | None = None,
                  **options: Any) -> Digest:
        """The cited digest of ``documents`` (strings, dicts or ``Document`` messages).

        Options: ``max_sentences``, ``max_words``, ``max_chars``, ``query``, ``language``,
        ``ordering`` ("score", "chronological", "source"), ``max_similarity``, ``explain``,
        ``min_sentence_words``, ``max_sentence_words``. Raises ``InvalidInputError`` (with
        ``field_violations``) for bad input, ``UnavailableError`` when the server cannot be
        reached, and another ``LexdigestError`` for any other failure.

        >>> digest = client.summarize(["Text one.", "Text two."], max_sentences=3)  # doctest: +SKIP
        >>> digest.sentences[0].citation.document_id  # doctest: +SKIP
        'doc-1'
        """
        request = to_request(documents, **options)
        response = self._unary(self._stub.Summarize, request, wait_for_ready=False,
                               **self._call(timeout, request_id))
        return Digest.from_proto(response, request.documents)

    def summarize_stream(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                         chunk_chars: int = 1 << 20, timeout: float | None = None,
                         request_id: str | None = None, **options: Any) -> Digest:
        """Like ``summarize``, but streams the documents in chunks (for very large clusters).

        >>> digest = client.summarize_stream([huge_text], chunk_chars=1 << 20)  # doctest: +SKIP
        """
        request = to_request(documents, **options)
        response = self._unary(self._stub.SummarizeStream,
                               lambda: stream_messages(request, chunk_chars),
                               **self._call(timeout, request_id))
        return Digest.from_proto(response, request.documents)

    def stories(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                granularity: float | None = None, stream: bool | None = None,
                chunk_chars: int = 1 << 20, timeout: float | None = None,
                request_id: str | None = None, **options: Any) -> Stories:
        """Split a pile of documents about many stories into stories, each with its digest.

        ``granularity`` (0 to 1, default 0.5 on the server) asks for broader (lower) or
        narrower (higher) stories; the other options (``max_words``, ``ordering``, ...) shape
        each story's digest, as for ``summarize``. Every document is in exactly one story.
        The pile is streamed (``SummarizeStoriesStream``) when ``stream`` is true, or, when
        it is ``None``, when the request exceeds half the message size limit.

        >>> stories = client.stories(pile, max_words=80)  # doctest: +SKIP
        >>> for story in stories:  # doctest: +SKIP
        ...     print(story.title.text, len(story.document_ids), story.end_time)
        ...     print(story.digest.render("text"))
        """
        method, argument, request, kwargs = self._stories_call(
            documents, granularity, stream, chunk_chars, timeout, request_id, options)
        return Stories.from_proto(self._unary(method, argument, **kwargs), request.documents)

    def summarize_batch(self, clusters: Iterable[ClusterLike], *, timeout: float | None = None,
                        max_in_flight: int | None = None,
                        **options: Any) -> Iterator[BatchResult]:
        """Digest many clusters in one call; results arrive as each is ready (any order).

        ``clusters`` yields ``(cluster_id, documents)`` or ``(cluster_id, documents,
        per_cluster_options)``; per-cluster options override the shared ones.
        ``max_in_flight`` caps the clusters sent but not yet answered. A cluster that fails
        (locally or on the server) yields a ``BatchResult`` with ``error``; the others go on.

        When the server stops (SIGTERM: it finishes and answers every cluster it took, then
        ends the call with UNAVAILABLE), each cluster sent but not answered yields a result
        whose ``error`` is that ``UnavailableError`` (it was not taken), and then the error
        is raised: the clusters not yet sent were not sent.

        >>> clusters = [("a", ["Text a1.", "Text a2."]), ("b", ["Text b1."], {"query": "x"})]
        >>> for r in client.summarize_batch(clusters, max_words=60):  # doctest: +SKIP
        ...     print(r.cluster_id, r.ok)
        """
        batch = Batch(options)
        window = threading.Semaphore(max_in_flight) if max_in_flight else None
        stop = threading.Event()

        def requests() -> Iterator[pb.SummarizeBatchRequest]:
            for item in clusters:
                message = batch.message(item)
                if message is None:
                    continue
                if window is not None:
                    while not window.acquire(timeout=0.5):
                        if stop.is_set():
                            return
                if stop.is_set():
                    return
                yield message

        self._connect()
        try:
            for resp in self._stub.SummarizeBatch(requests(), timeout=timeout,
                                                  metadata=self._meta(None)):
                if window is not None:
                    window.release()
                yield from batch.failed()
                yield batch.result(resp)
            yield from batch.failed()
        except grpc.RpcError as err:
            error = self._error(err)
            if err.code() == grpc.StatusCode.UNAVAILABLE:
                yield from batch.not_taken(error)  # sent, but never answered
            raise error from None
        finally:
            stop.set()

    def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The server's health status name: ``SERVING``, ``NOT_SERVING``, ...

        >>> client.health()  # doctest: +SKIP
        'SERVING'
        """
        return _status_name(self._unary(self._health().Check,
                                        health_pb2.HealthCheckRequest(service=service),
                                        timeout=timeout or self.timeout))

    def close(self) -> None:
        """Close the channel."""
        self._channel.close()

    def __enter__(self) -> DigestClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class AsyncDigestClient(_Base):
    """The same API as ``DigestClient`` for asyncio (``grpc.aio``).

    >>> async with AsyncDigestClient("localhost:50051") as client:  # doctest: +SKIP
    ...     digest = await client.summarize(["Text one.", "Text two."])
    ...     async for r in client.summarize_batch([("a", ["..."]), ("b", ["..."])]):
    ...         print(r.cluster_id, r.ok)
    """

    _grpc = grpc.aio

    async def _connect(self) -> None:
        probe = self._probe()
        if probe is None:
            return
        try:
            await self._health().Check(probe[0], **probe[1])
        except grpc.RpcError as err:
            self._probe_failed(err)
        self._connected = True

    async def _unary(self, method: Any, message: Any, **kwargs: Any) -> Any:
        """The response of one call; see ``DigestClient._unary``."""
        await self._connect()
        end = call_end(kwargs)
        for attempt in range(OVERLOAD_ATTEMPTS):
            try:
                return await method(fresh(message), **remaining(kwargs, end))
            except grpc.RpcError as err:
                delay = overload_delay(err, attempt, end)
                if delay is None:
                    raise self._error(err) from None
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    async def summarize(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                        timeout: float | None = None, request_id: str | None = None,
                        **options: Any) -> Digest:
        """The cited digest of ``documents``; see ``DigestClient.summarize``.

        >>> digest = await client.summarize(["Text one.", "Text two."])  # doctest: +SKIP
        """
        request = to_request(documents, **options)
        response = await self._unary(self._stub.Summarize, request, wait_for_ready=False,
                                     **self._call(timeout, request_id))
        return Digest.from_proto(response, request.documents)

    async def summarize_stream(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                               chunk_chars: int = 1 << 20, timeout: float | None = None,
                               request_id: str | None = None, **options: Any) -> Digest:
        """Like ``summarize``, but streams the documents in chunks; see ``DigestClient``."""
        request = to_request(documents, **options)
        response = await self._unary(self._stub.SummarizeStream,
                                     lambda: stream_messages(request, chunk_chars),
                                     **self._call(timeout, request_id))
        return Digest.from_proto(response, request.documents)

    async def stories(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                      granularity: float | None = None, stream: bool | None = None,
                      chunk_chars: int = 1 << 20, timeout: float | None = None,
                      request_id: str | None = None, **options: Any) -> Stories:
        """The stories of a pile, each with its digest; see ``DigestClient.stories``.

        >>> stories = await client.stories(pile, granularity=0.6)  # doctest: +SKIP
        """
        method, argument, request, kwargs = self._stories_call(
            documents, granularity, stream, chunk_chars, timeout, request_id, options)
        return Stories.from_proto(await self._unary(method, argument, **kwargs),
                                  request.documents)

    async def summarize_batch(self, clusters: Iterable[ClusterLike] | AsyncIterable[ClusterLike],
                              *, timeout: float | None = None, max_in_flight: int | None = None,
                              **options: Any) -> AsyncIterator[BatchResult]:
        """Digest many clusters in one call; see ``DigestClient.summarize_batch``.

        >>> async for r in client.summarize_batch([("a", ["..."])]):  # doctest: +SKIP
        ...     print(r.cluster_id, r.ok)
        """
        batch = Batch(options)
        window = asyncio.Semaphore(max_in_flight) if max_in_flight else None

        async def items() -> AsyncIterator[ClusterLike]:
            if isinstance(clusters, AsyncIterable):
                async for item in clusters:
                    yield item
            else:
                for item in clusters:
                    yield item

        async def requests() -> AsyncIterator[pb.SummarizeBatchRequest]:
            async for item in items():
                message = batch.message(item)
                if message is None:
                    continue
                if window is not None:
                    await window.acquire()
                yield message

        await self._connect()
        try:
            async for resp in self._stub.SummarizeBatch(requests(), timeout=timeout,
                                                        metadata=self._meta(None)):
                if window is not None:
                    window.release()
                for failed in batch.failed():
                    yield failed
                yield batch.result(resp)
            for failed in batch.failed():
                yield failed
        except grpc.RpcError as err:
            error = self._error(err)
            if err.code() == grpc.StatusCode.UNAVAILABLE:
                for lost in batch.not_taken(error):  # sent, but never answered
                    yield lost
            raise error from None

    async def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The server's health status name; see ``DigestClient.health``."""
        return _status_name(await self._unary(self._health().Check,
                                              health_pb2.HealthCheckRequest(service=service),
                                              timeout=timeout or self.timeout))

    async def close(self) -> None:
        """Close the channel."""
        await self._channel.close()

    async def __aenter__(self) -> AsyncDigestClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()
