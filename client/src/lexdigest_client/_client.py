"""``DigestClient`` and ``AsyncDigestClient``: the lexdigest API in a few lines of Python.

    >>> from lexdigest_client import DigestClient
    >>> with DigestClient("localhost:50051") as client:  # doctest: +SKIP
    ...     digest = client.summarize(["First article ...", "Second article ..."], max_words=100)
    ...     print(digest.render("text"))

Channels use ``round_robin`` so a target that resolves to several addresses
(``dns:///lexdigest-headless:50051``, ``ipv4:10.0.0.1:50051,10.0.0.2:50051``) spreads calls
over all of them, and a service config that retries UNAVAILABLE and RESOURCE_EXHAUSTED with
exponential backoff (never INVALID_ARGUMENT or DEADLINE_EXCEEDED, which would fail again).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import grpc
import grpc.aio

from ._errors import InvalidInputError, LexdigestError, from_rpc_error
from ._models import Digest
from ._proto.lexdigest.v1 import digest_pb2 as pb
from ._proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

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
ClusterLike = (tuple[str, Iterable[DocumentLike]]
               | tuple[str, Iterable[DocumentLike], dict[str, Any]])
_ORDERINGS = {"score": pb.ORDERING_SCORE, "chronological": pb.ORDERING_CHRONOLOGICAL,
              "source": pb.ORDERING_SOURCE, "": pb.ORDERING_UNSPECIFIED}
_OPTION_NAMES = {f.name for f in pb.SummarizeOptions.DESCRIPTOR.fields}


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One cluster's outcome in a batch: ``digest`` or ``error`` is set."""

    cluster_id: str
    digest: Digest | None = None
    error: LexdigestError | None = None


def to_document(doc: DocumentLike, index: int = 0) -> pb.Document:
    """A ``Document`` message from a string, a mapping or a message."""
    if isinstance(doc, pb.Document):
        return doc
    if isinstance(doc, str):
        return pb.Document(id=f"doc-{index + 1}", text=doc)
    if not isinstance(doc, Mapping):
        raise InvalidInputError(f"documents[{index}]: expected a string, mapping or Document, "
                                f"got {type(doc).__name__}")
    m = pb.Document(id=str(doc.get("id") or ""), text=str(doc.get("text") or ""),
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
    """A ``SummarizeOptions`` message; unknown names raise ``InvalidInputError``."""
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
    return pb.SummarizeOptions(**values)


def to_request(documents: Iterable[DocumentLike], **options: Any) -> pb.SummarizeRequest:
    """A ``SummarizeRequest`` from documents and option keyword arguments."""
    return pb.SummarizeRequest(documents=[to_document(d, i) for i, d in enumerate(documents)],
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


def _read(path: str | None) -> bytes | None:
    return Path(path).read_bytes() if path else None


def _channel_args(options: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [
        ("grpc.service_config", SERVICE_CONFIG),
        ("grpc.enable_retries", 1),
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        *options,
    ]


class _Base:
    def __init__(self, target: str | None, *, timeout: float, token: str | None,
                 tls: bool, root_certificates: str | None, client_cert: str | None,
                 client_key: str | None, server_name: str | None) -> None:
        self.target = target or os.environ.get("LEXDIGEST_TARGET") or DEFAULT_TARGET
        self.timeout = timeout
        token = token if token is not None else os.environ.get("LEXDIGEST_TOKEN", "")
        self._metadata: tuple[tuple[str, str], ...] = (
            (("authorization", f"Bearer {token}"),) if token else ())
        self._tls = tls or bool(root_certificates or client_cert)
        self._creds = None
        if self._tls:
            self._creds = grpc.ssl_channel_credentials(
                root_certificates=_read(root_certificates), private_key=_read(client_key),
                certificate_chain=_read(client_cert))
        self._extra = [("grpc.ssl_target_name_override", server_name)] if server_name else []

    def _meta(self, request_id: str | None) -> tuple[tuple[str, str], ...]:
        return self._metadata + ((("x-request-id", request_id),) if request_id else ())


class DigestClient(_Base):
    """Blocking client of DigestService.

    ``target`` defaults to ``$LEXDIGEST_TARGET`` or ``localhost:50051``; ``timeout`` is the
    default deadline of each call in seconds. ``token`` (or ``$LEXDIGEST_TOKEN``) is sent as a
    bearer token; ``tls``/``root_certificates``/``client_cert``/``client_key`` set up TLS and
    mutual TLS. Use it as a context manager, or call ``close()``.
    """

    def __init__(self, target: str | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 token: str | None = None, tls: bool = False,
                 root_certificates: str | None = None, client_cert: str | None = None,
                 client_key: str | None = None, server_name: str | None = None,
                 options: Sequence[tuple[str, Any]] = ()) -> None:
        super().__init__(target, timeout=timeout, token=token, tls=tls,
                         root_certificates=root_certificates, client_cert=client_cert,
                         client_key=client_key, server_name=server_name)
        args = _channel_args([*self._extra, *options])
        self._channel = (grpc.secure_channel(self.target, self._creds, options=args)
                         if self._creds else grpc.insecure_channel(self.target, options=args))
        self._stub = pb_grpc.DigestServiceStub(self._channel)

    def summarize(self, documents: Iterable[DocumentLike], *, timeout: float | None = None,
                  request_id: str | None = None, **options: Any) -> Digest:
        """The cited digest of ``documents`` (strings, dicts or ``Document`` messages).

        Options: ``max_sentences``, ``max_words``, ``max_chars``, ``query``, ``language``,
        ``ordering`` ("score", "chronological", "source"), ``max_similarity``, ``explain``,
        ``min_sentence_words``, ``max_sentence_words``.

        >>> client.summarize(["Text one.", "Text two."], max_sentences=3)  # doctest: +SKIP
        """
        request = to_request(documents, **options)
        try:
            response = self._stub.Summarize(request, timeout=timeout or self.timeout,
                                            metadata=self._meta(request_id),
                                            wait_for_ready=False)
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None
        return Digest.from_proto(response)

    def summarize_stream(self, documents: Iterable[DocumentLike], *,
                         chunk_chars: int = 1 << 20, timeout: float | None = None,
                         **options: Any) -> Digest:
        """Like ``summarize``, but streams the documents in chunks (for very large clusters)."""
        request = to_request(documents, **options)
        try:
            response = self._stub.SummarizeStream(
                _stream_messages(request, chunk_chars), timeout=timeout or self.timeout,
                metadata=self._meta(None))
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None
        return Digest.from_proto(response)

    def summarize_batch(self, clusters: Iterable[ClusterLike], *, timeout: float | None = None,
                        **options: Any) -> Iterator[BatchResult]:
        """Digest many clusters in one call; results arrive as each is ready.

        ``clusters`` yields ``(cluster_id, documents)`` or ``(cluster_id, documents,
        per_cluster_options)``; per-cluster options override the shared ones.
        """

        def requests() -> Iterator[pb.SummarizeBatchRequest]:
            for item in clusters:
                cid, docs = item[0], item[1]
                extra = item[2] if len(item) > 2 else {}  # type: ignore[misc]
                yield pb.SummarizeBatchRequest(cluster_id=cid,
                                               request=to_request(docs, **{**options, **extra}))

        try:
            for resp in self._stub.SummarizeBatch(requests(), timeout=timeout,
                                                  metadata=self._meta(None)):
                yield _batch_result(resp)
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None

    def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The server's health status name: ``SERVING``, ``NOT_SERVING``, ..."""
        from grpc_health.v1 import health_pb2, health_pb2_grpc  # type: ignore[import-untyped]

        stub = health_pb2_grpc.HealthStub(self._channel)
        try:
            resp = stub.Check(health_pb2.HealthCheckRequest(service=service),
                              timeout=timeout or self.timeout)
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None
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
    """

    def __init__(self, target: str | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 token: str | None = None, tls: bool = False,
                 root_certificates: str | None = None, client_cert: str | None = None,
                 client_key: str | None = None, server_name: str | None = None,
                 options: Sequence[tuple[str, Any]] = ()) -> None:
        super().__init__(target, timeout=timeout, token=token, tls=tls,
                         root_certificates=root_certificates, client_cert=client_cert,
                         client_key=client_key, server_name=server_name)
        args = _channel_args([*self._extra, *options])
        self._channel = (grpc.aio.secure_channel(self.target, self._creds, options=args)
                         if self._creds else grpc.aio.insecure_channel(self.target, options=args))
        self._stub = pb_grpc.DigestServiceStub(self._channel)

    async def summarize(self, documents: Iterable[DocumentLike], *,
                        timeout: float | None = None, request_id: str | None = None,
                        **options: Any) -> Digest:
        """The cited digest of ``documents``; see ``DigestClient.summarize``."""
        request = to_request(documents, **options)
        try:
            response = await self._stub.Summarize(request, timeout=timeout or self.timeout,
                                                  metadata=self._meta(request_id))
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None
        return Digest.from_proto(response)

    async def summarize_batch(self, clusters: Iterable[tuple[str, Iterable[DocumentLike]]], *,
                              timeout: float | None = None,
                              **options: Any) -> AsyncIterator[BatchResult]:
        """Digest many clusters in one call; see ``DigestClient.summarize_batch``."""
        requests = [pb.SummarizeBatchRequest(cluster_id=cid, request=to_request(docs, **options))
                    for cid, docs in clusters]
        try:
            async for resp in self._stub.SummarizeBatch(iter(requests), timeout=timeout,
                                                        metadata=self._meta(None)):
                yield _batch_result(resp)
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None

    async def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """The server's health status name."""
        from grpc_health.v1 import health_pb2, health_pb2_grpc

        stub = health_pb2_grpc.HealthStub(self._channel)
        try:
            resp = await stub.Check(health_pb2.HealthCheckRequest(service=service),
                                    timeout=timeout or self.timeout)
        except grpc.RpcError as err:
            raise from_rpc_error(err) from None
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status))

    async def close(self) -> None:
        """Close the channel."""
        await self._channel.close()

    async def __aenter__(self) -> AsyncDigestClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()


def _batch_result(resp: pb.SummarizeBatchResponse) -> BatchResult:
    if resp.WhichOneof("result") == "response":
        return BatchResult(resp.cluster_id, digest=Digest.from_proto(resp.response))
    from ._errors import FieldViolation, InvalidInputError, ServerError

    code = grpc.StatusCode.UNKNOWN
    for c in grpc.StatusCode:
        if c.value[0] == resp.error.code:
            code = c
    cls = InvalidInputError if code == grpc.StatusCode.INVALID_ARGUMENT else ServerError
    return BatchResult(resp.cluster_id, error=cls(
        resp.error.message, code,
        tuple(FieldViolation(v.field, v.description) for v in resp.error.field_violations)))
