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
over all of them, and a service config that retries UNAVAILABLE and RESOURCE_EXHAUSTED with
exponential backoff (never INVALID_ARGUMENT or DEADLINE_EXCEEDED, which would fail again).
With ``connect_timeout`` set, the first call first checks that the server can be reached and
fails within that many seconds with ``UnavailableError`` when it cannot.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import threading
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import grpc  # type: ignore[import-untyped,unused-ignore]
import grpc.aio  # type: ignore[import-untyped,unused-ignore]
from grpc_health.v1 import (  # type: ignore[import-untyped,unused-ignore]
    health_pb2,
    health_pb2_grpc,
)

from ._errors import FieldViolation as _FieldViolation
from ._errors import (
    InvalidInputError,
    LexdigestError,
    UnavailableError,
    error_class,
    from_rpc_error,
    status_code,
)
from ._models import Digest
from .proto.lexdigest.v1 import digest_pb2 as pb
from .proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

DEFAULT_TARGET = "localhost:50051"
DEFAULT_TIMEOUT = 60.0
MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # matches the server's default --max-message-bytes
SERVICE = "lexdigest.v1.DigestService"

SERVICE_CONFIG = json.dumps({
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [{
        "name": [{"service": SERVICE, "method": "Summarize"}],
        "retryPolicy": {
            "maxAttempts": 4,
            "initialBackoff": "0.2s",
            "maxBackoff": "2s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE", "RESOURCE_EXHAUSTED"],
        },
    }],
})

DocumentLike = str | Mapping[str, Any] | pb.Document
"""A document: its text, a mapping with ``text`` and optional fields, or a message."""
ClusterLike = (tuple[str, Iterable[DocumentLike]]
               | tuple[str, Iterable[DocumentLike], Mapping[str, Any]])
"""A batch cluster: ``(cluster_id, documents)`` or ``(cluster_id, documents, options)``."""

_ORDERINGS = {"score": pb.ORDERING_SCORE, "chronological": pb.ORDERING_CHRONOLOGICAL,
              "source": pb.ORDERING_SOURCE, "": pb.ORDERING_UNSPECIFIED}
_OPTION_NAMES = {f.name for f in pb.SummarizeOptions.DESCRIPTOR.fields}


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One cluster's outcome in a batch: ``digest`` or ``error`` is set.

    >>> for r in client.summarize_batch([("a", docs_a), ("b", docs_b)]):  # doctest: +SKIP
    ...     print(r.cluster_id, r.digest.summary if r.ok else r.error.message)
    """

    cluster_id: str
    digest: Digest | None = None
    error: LexdigestError | None = None

    @property
    def ok(self) -> bool:
        """Whether the cluster was digested."""
        return self.digest is not None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "digest"}`` or ``{"id", "error": {"code", "message", ...}}``."""
        if self.digest is not None:
            return {"id": self.cluster_id, "digest": self.digest.to_dict()}
        assert self.error is not None
        return {"id": self.cluster_id, "error": self.error.to_dict()}

    def to_line(self, cluster_id: str | None = None) -> dict[str, Any]:
        """The JSON line ``lexdigest batch`` writes for this cluster (also written by
        ``lexdigest.adapters.dask``): ``{"id", "summary", "digest"}`` or ``{"id", "error"}``.
        ``cluster_id`` replaces the id (the CLI's input id when the input repeats one)."""
        line = self.to_dict()
        line["id"] = self.cluster_id if cluster_id is None else cluster_id
        if self.digest is not None:
            line = {"id": line["id"], "summary": self.digest.summary, "digest": line["digest"]}
        return line


def to_document(doc: DocumentLike, index: int = 0) -> pb.Document:
    """A ``Document`` message from a string, a mapping or a message.

    >>> to_document({"id": "a", "text": "Rain.", "published_at": "2024-05-01T08:00:00Z"}).id
    'a'
    """
    if isinstance(doc, pb.Document):
        return doc
    if isinstance(doc, str):
        return pb.Document(id=f"doc-{index + 1}", text=doc)
    if not isinstance(doc, Mapping):
        raise InvalidInputError(f"documents[{index}]: expected a string, mapping or Document, "
                                f"got {type(doc).__name__}")
    text = doc.get("text")
    if not isinstance(text, str):
        raise InvalidInputError(f"documents[{index}]: expected a \"text\" string")
    m = pb.Document(id=str(doc.get("id") or ""), text=text,
                    title=str(doc.get("title") or ""), url=str(doc.get("url") or ""),
                    source=str(doc.get("source") or ""))
    published = doc.get("published_at")
    if published:
        try:
            when = published if isinstance(published, datetime) else datetime.fromisoformat(
                str(published).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInputError(f"documents[{index}].published_at: not an ISO 8601 time: "
                                    f"{published!r}") from None
        m.published_at.FromDatetime(when)
    return m


def to_options(**options: Any) -> pb.SummarizeOptions:
    """A ``SummarizeOptions`` message; unknown names raise ``InvalidInputError``.

    >>> to_options(max_words=50, ordering="chronological").max_words
    50
    """
    unknown = set(options) - _OPTION_NAMES
    if unknown:
        raise InvalidInputError(f"unknown option(s): {', '.join(sorted(unknown))}")
    values = {k: v for k, v in options.items() if v is not None}
    ordering = values.get("ordering")
    if isinstance(ordering, str):
        if ordering.lower() not in _ORDERINGS:
            raise InvalidInputError(f"ordering must be one of score, chronological, source; "
                                    f"got {ordering!r}")
        values["ordering"] = _ORDERINGS[ordering.lower()]
    try:
        return pb.SummarizeOptions(**values)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"options: {exc}") from None


def _documents(documents: Iterable[DocumentLike] | DocumentLike) -> Iterable[DocumentLike]:
    # A lone string, mapping or message is one document, not an iterable of characters/keys.
    if isinstance(documents, str | Mapping | pb.Document):
        return [cast(DocumentLike, documents)]
    return documents


def to_request(documents: Iterable[DocumentLike] | DocumentLike,
               **options: Any) -> pb.SummarizeRequest:
    """A ``SummarizeRequest`` from documents and option keyword arguments."""
    return pb.SummarizeRequest(
        documents=[to_document(d, i) for i, d in enumerate(_documents(documents))],
        options=to_options(**options))


def _stream_messages(request: pb.SummarizeRequest,
                     chunk_chars: int) -> Iterator[pb.SummarizeStreamRequest]:
    yield pb.SummarizeStreamRequest(options=request.options)
    for doc in request.documents:
        head = pb.Document()
        head.CopyFrom(doc)
        head.text = doc.text[:chunk_chars]
        yield pb.SummarizeStreamRequest(document=head)
        for i in range(chunk_chars, len(doc.text), chunk_chars):
            yield pb.SummarizeStreamRequest(chunk=pb.DocumentChunk(
                document_id=doc.id, text=doc.text[i:i + chunk_chars]))


def _unpack(item: ClusterLike) -> tuple[str, Iterable[DocumentLike], Mapping[str, Any]]:
    extra: Mapping[str, Any] = item[2] if len(item) > 2 else {}
    return str(item[0]), item[1], extra


def _batch_request(item: ClusterLike, options: Mapping[str, Any]
                   ) -> pb.SummarizeBatchRequest | BatchResult:
    """The batch message of one cluster, or its failed result when its input is invalid."""
    cid, docs, extra = _unpack(item)
    try:
        request = to_request(docs, **{**options, **extra})
    except LexdigestError as err:
        return BatchResult(cid, error=err)
    return pb.SummarizeBatchRequest(cluster_id=cid, request=request)


def _read(path: str | None) -> bytes | None:
    return Path(path).read_bytes() if path else None


def _channel_args(options: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The client's channel defaults, with the caller's ``options`` taking precedence.

    gRPC keeps the first value of a repeated key, so a default is added only when the caller
    did not set that key.
    """
    given = {key for key, _ in options}
    defaults = [
        ("grpc.service_config", SERVICE_CONFIG),
        ("grpc.enable_retries", 1),
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
    ]
    return [*options, *(kv for kv in defaults if kv[0] not in given)]


def _probe_error(err: grpc.RpcError, target: str, connect_timeout: float) -> None:
    """Raise ``UnavailableError`` if the health probe's failure means "not reachable"."""
    code = err.code()
    if code == grpc.StatusCode.UNAVAILABLE:
        raise from_rpc_error(err, target) from None
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        raise UnavailableError(f"server unreachable at {target}: no connection within "
                               f"{connect_timeout:g}s", grpc.StatusCode.UNAVAILABLE,
                               debug=str(err.details() or "")) from None
    # Any other answer (UNIMPLEMENTED, UNAUTHENTICATED, ...) came from a reachable server.


def _batch_result(resp: pb.SummarizeBatchResponse,
                  documents: Iterable[pb.Document] = ()) -> BatchResult:
    if resp.WhichOneof("result") == "response":
        return BatchResult(resp.cluster_id,
                           digest=Digest.from_proto(resp.response, documents))
    code = status_code(resp.error.code)
    return BatchResult(resp.cluster_id, error=error_class(code)(
        resp.error.message or code.name, code,
        tuple(_FieldViolation(v.field, v.description) for v in resp.error.field_violations)))


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
                    root_certificates=_read(root_certificates), private_key=_read(client_key),
                    certificate_chain=_read(client_cert))
            except OSError as exc:
                raise InvalidInputError(f"{exc.filename}: {exc.strerror or exc}") from None
        extra = [("grpc.ssl_target_name_override", server_name)] if server_name else []
        args = _channel_args([*extra, *options])
        self._channel: Any = (
            self._grpc.secure_channel(self.target, self._creds, options=args)
            if self._creds else self._grpc.insecure_channel(self.target, options=args))
        self._stub: Any = pb_grpc.DigestServiceStub(  # type: ignore[no-untyped-call]
            self._channel)

    def _meta(self, request_id: str | None) -> tuple[tuple[str, str], ...]:
        return self._metadata + ((("x-request-id", request_id),) if request_id else ())

    def _error(self, err: grpc.RpcError) -> LexdigestError:
        return from_rpc_error(err, self.target)


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
        if self._connected or self.connect_timeout is None:
            return
        try:
            health_pb2_grpc.HealthStub(self._channel).Check(
                health_pb2.HealthCheckRequest(), timeout=self.connect_timeout,
                wait_for_ready=False)
        except grpc.RpcError as err:
            _probe_error(err, self.target, self.connect_timeout)
        self._connected = True

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
        self._connect()
        try:
            response = self._stub.Summarize(request, timeout=timeout or self.timeout,
                                            metadata=self._meta(request_id),
                                            wait_for_ready=False)
        except grpc.RpcError as err:
            raise self._error(err) from None
        return Digest.from_proto(response, request.documents)

    def summarize_stream(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                         chunk_chars: int = 1 << 20, timeout: float | None = None,
                         request_id: str | None = None, **options: Any) -> Digest:
        """Like ``summarize``, but streams the documents in chunks (for very large clusters).

        >>> digest = client.summarize_stream([huge_text], chunk_chars=1 << 20)  # doctest: +SKIP
        """
        request = to_request(documents, **options)
        self._connect()
        try:
            response = self._stub.SummarizeStream(
                _stream_messages(request, chunk_chars), timeout=timeout or self.timeout,
                metadata=self._meta(request_id))
        except grpc.RpcError as err:
            raise self._error(err) from None
        return Digest.from_proto(response, request.documents)

    def summarize_batch(self, clusters: Iterable[ClusterLike], *, timeout: float | None = None,
                        max_in_flight: int | None = None,
                        **options: Any) -> Iterator[BatchResult]:
        """Digest many clusters in one call; results arrive as each is ready (any order).

        ``clusters`` yields ``(cluster_id, documents)`` or ``(cluster_id, documents,
        per_cluster_options)``; per-cluster options override the shared ones.
        ``max_in_flight`` caps the clusters sent but not yet answered. A cluster that fails
        (locally or on the server) yields a ``BatchResult`` with ``error``; the others go on.

        >>> clusters = [("a", ["Text a1.", "Text a2."]), ("b", ["Text b1."], {"query": "x"})]
        >>> for r in client.summarize_batch(clusters, max_words=60):  # doctest: +SKIP
        ...     print(r.cluster_id, r.ok)
        """
        local: queue.SimpleQueue[BatchResult] = queue.SimpleQueue()
        sent: dict[str, Sequence[pb.Document]] = {}
        window = threading.Semaphore(max_in_flight) if max_in_flight else None
        stop = threading.Event()

        def requests() -> Iterator[pb.SummarizeBatchRequest]:
            for item in clusters:
                message = _batch_request(item, options)
                if isinstance(message, BatchResult):
                    local.put(message)
                    continue
                if window is not None:
                    while not window.acquire(timeout=0.5):
                        if stop.is_set():
                            return
                if stop.is_set():
                    return
                sent[message.cluster_id] = message.request.documents
                yield message

        def drain() -> Iterator[BatchResult]:
            while True:
                try:
                    yield local.get_nowait()
                except queue.Empty:
                    return

        self._connect()
        try:
            for resp in self._stub.SummarizeBatch(requests(), timeout=timeout,
                                                  metadata=self._meta(None)):
                if window is not None:
                    window.release()
                yield from drain()
                yield _batch_result(resp, sent.pop(resp.cluster_id, ()))
            yield from drain()
        except grpc.RpcError as err:
            raise self._error(err) from None
        finally:
            stop.set()

    def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The server's health status name: ``SERVING``, ``NOT_SERVING``, ...

        >>> client.health()  # doctest: +SKIP
        'SERVING'
        """
        self._connect()
        stub = health_pb2_grpc.HealthStub(self._channel)
        try:
            resp = stub.Check(health_pb2.HealthCheckRequest(service=service),
                              timeout=timeout or self.timeout)
        except grpc.RpcError as err:
            raise self._error(err) from None
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status))

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
        if self._connected or self.connect_timeout is None:
            return
        try:
            await health_pb2_grpc.HealthStub(self._channel).Check(
                health_pb2.HealthCheckRequest(), timeout=self.connect_timeout,
                wait_for_ready=False)
        except grpc.RpcError as err:
            _probe_error(err, self.target, self.connect_timeout)
        self._connected = True

    async def summarize(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                        timeout: float | None = None, request_id: str | None = None,
                        **options: Any) -> Digest:
        """The cited digest of ``documents``; see ``DigestClient.summarize``.

        >>> digest = await client.summarize(["Text one.", "Text two."])  # doctest: +SKIP
        """
        request = to_request(documents, **options)
        await self._connect()
        try:
            response = await self._stub.Summarize(request, timeout=timeout or self.timeout,
                                                  metadata=self._meta(request_id),
                                                  wait_for_ready=False)
        except grpc.RpcError as err:
            raise self._error(err) from None
        return Digest.from_proto(response, request.documents)

    async def summarize_stream(self, documents: Iterable[DocumentLike] | DocumentLike, *,
                               chunk_chars: int = 1 << 20, timeout: float | None = None,
                               request_id: str | None = None, **options: Any) -> Digest:
        """Like ``summarize``, but streams the documents in chunks; see ``DigestClient``."""
        request = to_request(documents, **options)
        await self._connect()
        try:
            response = await self._stub.SummarizeStream(
                _stream_messages(request, chunk_chars), timeout=timeout or self.timeout,
                metadata=self._meta(request_id))
        except grpc.RpcError as err:
            raise self._error(err) from None
        return Digest.from_proto(response, request.documents)

    async def summarize_batch(self, clusters: Iterable[ClusterLike] | AsyncIterable[ClusterLike],
                              *, timeout: float | None = None, max_in_flight: int | None = None,
                              **options: Any) -> AsyncIterator[BatchResult]:
        """Digest many clusters in one call; see ``DigestClient.summarize_batch``.

        >>> async for r in client.summarize_batch([("a", ["..."])]):  # doctest: +SKIP
        ...     print(r.cluster_id, r.ok)
        """
        local: list[BatchResult] = []
        sent: dict[str, Sequence[pb.Document]] = {}
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
                message = _batch_request(item, options)
                if isinstance(message, BatchResult):
                    local.append(message)
                    continue
                if window is not None:
                    await window.acquire()
                sent[message.cluster_id] = message.request.documents
                yield message

        await self._connect()
        try:
            async for resp in self._stub.SummarizeBatch(requests(), timeout=timeout,
                                                        metadata=self._meta(None)):
                if window is not None:
                    window.release()
                while local:
                    yield local.pop(0)
                yield _batch_result(resp, sent.pop(resp.cluster_id, ()))
            while local:
                yield local.pop(0)
        except grpc.RpcError as err:
            raise self._error(err) from None

    async def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The server's health status name; see ``DigestClient.health``."""
        await self._connect()
        stub = health_pb2_grpc.HealthStub(self._channel)
        try:
            resp = await stub.Check(health_pb2.HealthCheckRequest(service=service),
                                    timeout=timeout or self.timeout)
        except grpc.RpcError as err:
            raise self._error(err) from None
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status))

    async def close(self) -> None:
        """Close the channel."""
        await self._channel.close()

    async def __aenter__(self) -> AsyncDigestClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()
