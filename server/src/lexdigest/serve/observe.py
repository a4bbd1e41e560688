"""Per-call logging, metrics and authentication, as one gRPC server interceptor.

Every call of DigestService yields one log line (JSON lines, or readable text on a terminal)
with method, peer, request id, status and milliseconds, and updates the Prometheus metrics.
When a token is configured, DigestService calls must carry ``authorization: Bearer <token>``;
the health and reflection services stay open for probes and tooling.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from lexdigest.service import status
from lexdigest.service.servicer import SERVICE_NAME, abort

log = logging.getLogger("lexdigest.calls")


class Metrics:
    """The server's Prometheus metrics, in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.calls = Counter("lexdigest_calls_total", "Completed calls by method and status code.",
                             ["method", "code"], registry=self.registry)
        self.latency = Histogram("lexdigest_call_seconds", "Call latency by method.", ["method"],
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30),
                                 registry=self.registry)
        self.in_flight = Gauge("lexdigest_calls_in_flight", "Calls being served.",
                               registry=self.registry)
        self.documents = Counter("lexdigest_documents_total", "Documents summarized.",
                                 registry=self.registry)
        self.sentences = Counter("lexdigest_sentences_total", "Sentences segmented.",
                                 registry=self.registry)
        self.stage = Histogram("lexdigest_engine_stage_seconds", "Engine time per stage.",
                               ["stage"], buckets=(.001, .0025, .005, .01, .025, .05, .1, .25, .5,
                                                   1, 2.5, 10), registry=self.registry)

    def observe_digest(self, stats: Any) -> None:
        """Count the documents, sentences and stage times of one digest."""
        self.documents.inc(stats.documents)
        self.sentences.inc(stats.sentences)
        for stage, ms in getattr(stats, "stage_ms", {}).items():
            self.stage.labels(stage).observe(ms / 1e3)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, message and any ``fields`` passed as extra."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        out.update(getattr(record, "fields", {}))
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def setup_logging(level: str, fmt: str) -> None:
    """Configure the root logger: JSON lines, or text when stderr is a terminal."""
    handler = logging.StreamHandler(sys.stderr)
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    handler.setFormatter(JsonFormatter() if use_json else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def _header(metadata: tuple[Any, ...] | None, key: str) -> str:
    for k, v in metadata or ():
        if k == key:
            return v if isinstance(v, str) else v.decode("latin-1")
    return ""


class _Undecodable:
    """Stands for a request message that could not be parsed (such as invalid UTF-8)."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _tolerant(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    """``deserializer`` returning ``_Undecodable`` instead of raising.

    gRPC answers a deserializer that raises with INTERNAL; a malformed request is the caller's
    fault, so the handler turns the marker into INVALID_ARGUMENT instead.
    """
    if deserializer is None:
        return None

    def parse(data: bytes) -> Any:
        try:
            return deserializer(data)
        except Exception as exc:
            return _Undecodable(exc)

    return parse


async def _abort_undecodable(context: grpc.aio.ServicerContext[Any, Any],
                             bad: _Undecodable) -> None:
    await abort(context, status.undecodable(bad.error))


async def _checked(requests: AsyncIterator[Any],
                   context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
    async for request in requests:
        if isinstance(request, _Undecodable):
            await _abort_undecodable(context, request)
        yield request


class CallInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]  # gRPC ships no types
    """Authenticates, logs and measures every DigestService call."""

    def __init__(self, metrics: Metrics | None, auth_token: str = "") -> None:
        self._metrics = metrics
        self._token = auth_token.encode()

    async def intercept_service(self, continuation: Callable[[Any], Awaitable[Any]],
                                details: grpc.HandlerCallDetails) -> Any:
        handler = await continuation(details)
        method: str = details.method or ""
        if handler is None or not method.startswith(f"/{SERVICE_NAME}/"):
            return handler
        name = method.rsplit("/", 1)[-1]
        metadata = details.invocation_metadata
        request_id = _header(metadata, "x-request-id") or uuid.uuid4().hex[:16]
        authorized = self._authorized(_header(metadata, "authorization"))

        def wrap(behavior: Callable[..., Any], streaming_request: bool,
                 streaming_response: bool) -> Callable[..., Any]:
            async def admit(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                if not authorized:
                    await context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing or invalid "
                                        "bearer token in 'authorization' metadata")
                if streaming_request:
                    return _checked(request, context)
                if isinstance(request, _Undecodable):
                    await _abort_undecodable(context, request)
                return request

            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                call = self._begin(name, context, request_id)
                try:
                    response = await behavior(await admit(request, context), context)
                except BaseException as exc:  # CancelledError too: the caller went away
                    self._end(call, context, None, exc)
                    raise
                self._end(call, context, response)
                return response

            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]
                             ) -> AsyncIterator[Any]:
                call = self._begin(name, context, request_id)
                try:
                    # aclosing: when gRPC drops this generator, the handler's cleanup (a
                    # batch cancelling its running clusters) runs now, not at finalisation.
                    async with contextlib.aclosing(
                            behavior(await admit(request, context), context)) as responses:
                        async for response in responses:
                            yield response
                except BaseException as exc:
                    self._end(call, context, None, exc)
                    raise
                self._end(call, context, None)

            return stream if streaming_response else unary

        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                wrap(handler.unary_unary, False, False),
                _tolerant(handler.request_deserializer), handler.response_serializer)
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(
                wrap(handler.stream_unary, True, False),
                _tolerant(handler.request_deserializer), handler.response_serializer)
        if handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(
                wrap(handler.stream_stream, True, True),
                _tolerant(handler.request_deserializer), handler.response_serializer)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                wrap(handler.unary_stream, False, True),
                _tolerant(handler.request_deserializer), handler.response_serializer)
        return handler

    def _authorized(self, header: str) -> bool:
        return bearer_matches(self._token, header)

    def _begin(self, name: str, context: grpc.aio.ServicerContext[Any, Any],
               request_id: str) -> dict[str, Any]:
        if self._metrics:
            self._metrics.in_flight.inc()
        # The peer is read now: once a call is cancelled gRPC no longer reports it.
        return {"method": name, "peer": context.peer(), "request_id": request_id,
                "start": time.perf_counter()}

    def _end(self, call: dict[str, Any], context: grpc.aio.ServicerContext[Any, Any],
             response: Any,
             error: BaseException | None = None) -> None:
        elapsed = time.perf_counter() - call.pop("start")
        record_call(self._metrics, call, _code(context, error).name, elapsed, response)


def bearer_matches(token: bytes, header: str) -> bool:
    """Whether an ``authorization`` value carries ``token`` (always, when none is set).
    Shared by the gRPC interceptor and the HTTP gateway."""
    if not token:
        return True
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token)


def record_call(metrics: Metrics | None, call: dict[str, Any], code_name: str, elapsed: float,
                response: Any = None) -> None:
    """The log line and metrics of one finished call (of either transport): ``call`` holds
    the method, peer and request id; ``in_flight`` was raised when it began."""
    name = call["method"]
    fields: dict[str, Any] = {**call, "status": code_name, "ms": round(elapsed * 1e3, 2)}
    stats = getattr(response, "stats", None)
    if stats is not None:
        fields["documents"] = stats.documents
        fields["sentences"] = stats.sentences
    if metrics:
        metrics.in_flight.dec()
        metrics.calls.labels(name, code_name).inc()
        metrics.latency.labels(name).observe(elapsed)
    log.info("%s %s %.1fms", name, code_name, elapsed * 1e3, extra={"fields": fields})


# gRPC may end a call for its deadline a little before this process's clock reaches it (the
# deadline travels as a timeout); a call cancelled this close to it (seconds) hit its deadline.
_DEADLINE_SLACK = 0.05


def _code(context: grpc.aio.ServicerContext[Any, Any],
          error: BaseException | None) -> grpc.StatusCode:
    """The status code the caller sees for a call that ended in ``context``.

    An abort records its code in the context. A handler cancelled by gRPC was cancelled by
    the caller or ran past its deadline (its answer goes nowhere); an exception is UNKNOWN,
    as gRPC reports it, and a return is OK.
    """
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code
    if isinstance(error, asyncio.CancelledError | GeneratorExit):
        remaining = context.time_remaining()
        if remaining is not None and remaining <= _DEADLINE_SLACK:
            return grpc.StatusCode.DEADLINE_EXCEEDED
        return grpc.StatusCode.CANCELLED
    return grpc.StatusCode.OK if error is None else grpc.StatusCode.UNKNOWN
