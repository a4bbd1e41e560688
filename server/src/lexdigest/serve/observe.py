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
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

import grpc
from google.rpc import status_pb2

from lexdigest.service import status
from lexdigest.service.servicer import SERVICE_NAME, abort

from .proc import proc_usage

if TYPE_CHECKING:  # prometheus_client is imported only when metrics are switched on
    from prometheus_client.core import Metric

log = logging.getLogger("lexdigest.calls")


class _WorkerCollector:
    """Worker metrics, read from the pool at each scrape (the server process counts every
    worker's events, so they survive the workers; CPU and memory come from /proc).

    * ``lexdigest_workers`` (configured) and ``lexdigest_workers_alive``;
    * ``lexdigest_worker_restarts_total``: workers started to replace lost ones;
    * ``lexdigest_worker_kills_total{reason}``: workers killed while stuck on an abandoned
      call (``deadline`` or ``cancelled``), or lost without being killed (``died``: a crash,
      the kernel's OOM killer);
    * ``lexdigest_worker_memory_exhausted_total``: calls that ran out of the worker memory
      cap (answered RESOURCE_EXHAUSTED; the worker lives on);
    * ``lexdigest_worker_resident_memory_bytes{worker}`` and
      ``lexdigest_worker_cpu_seconds_total{worker}``: each place's current process.
    """

    def __init__(self, runner: Any) -> None:
        self._runner = runner

    def collect(self) -> Iterator[Metric]:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        runner = self._runner
        places: list[tuple[int, int | None]] = runner.places()
        yield GaugeMetricFamily("lexdigest_workers", "Worker processes configured.",
                                value=len(places))
        yield GaugeMetricFamily("lexdigest_workers_alive", "Worker processes alive.",
                                value=sum(pid is not None for _, pid in places))
        yield CounterMetricFamily("lexdigest_worker_restarts", "Workers started to replace "
                                  "lost ones.", value=runner.replaced)
        kills = CounterMetricFamily("lexdigest_worker_kills", "Workers killed while stuck on "
                                    "an abandoned call, or lost (died).", labels=["reason"])
        for reason in ("deadline", "cancelled", "died"):
            kills.add_metric([reason], runner.events[reason])
        yield kills
        yield CounterMetricFamily("lexdigest_worker_memory_exhausted", "Calls that ran out of "
                                  "the worker memory cap.", value=runner.events["memory"])
        rss = GaugeMetricFamily("lexdigest_worker_resident_memory_bytes",
                                "Resident memory of each worker process.", labels=["worker"])
        cpu = CounterMetricFamily("lexdigest_worker_cpu_seconds", "CPU time of each worker "
                                  "process (restarts from 0 with a new process).",
                                  labels=["worker"])
        for place, pid in places:
            usage = proc_usage(pid) if pid is not None else None
            if usage is not None:
                rss.add_metric([str(place)], usage[0])
                cpu.add_metric([str(place)], usage[1])
        yield rss
        yield cpu


class Metrics:
    """The server's Prometheus metrics, in a registry of their own: the calls, the engine's
    stages, the server process (``process_*``, the default collector) and, once ``watch``
    is given a pool of worker processes, the workers."""

    def __init__(self) -> None:
        from prometheus_client import (
            CollectorRegistry,
            Counter,
            Gauge,
            Histogram,
            PlatformCollector,
            ProcessCollector,
        )

        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
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

    def watch(self, runner: Any) -> None:
        """Export worker metrics of ``runner`` (a pool with ``places``, ``replaced`` and
        ``events``; a runner without worker processes exports none)."""
        if hasattr(runner, "places"):
            self.registry.register(_WorkerCollector(runner))

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


_UNAUTHENTICATED = "missing or invalid bearer token in 'authorization' metadata"
_REQUEST_ID_CHARS = 128  # longest x-request-id taken from a caller; longer ones are cut


def _behavior(handler: grpc.RpcMethodHandler) -> Callable[..., Any]:
    return cast(Callable[..., Any], handler.unary_unary or handler.unary_stream
                or handler.stream_unary or handler.stream_stream)


def _handler(request_streaming: bool, response_streaming: bool, behavior: Callable[..., Any],
             deserializer: Callable[[bytes], Any] | None,
             serializer: Callable[[Any], bytes] | None) -> grpc.RpcMethodHandler:
    """A method handler of the given kind."""
    make = {(False, False): grpc.unary_unary_rpc_method_handler,
            (False, True): grpc.unary_stream_rpc_method_handler,
            (True, False): grpc.stream_unary_rpc_method_handler,
            (True, True): grpc.stream_stream_rpc_method_handler}[
        (request_streaming, response_streaming)]
    return make(behavior, deserializer, serializer)


def _unauthenticated(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    """A handler answering UNAUTHENTICATED without reading a byte of the request.

    It is request-streaming whatever the method is: gRPC hands a unary handler its request
    only once the whole message has arrived and been parsed, while a streaming handler gets
    an iterator it never has to touch. So a caller without the token costs the server a
    header frame, not a 60 MiB message held in memory, and such calls need no bound of their
    own.
    """

    async def reject(requests: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, _UNAUTHENTICATED)

    async def reject_stream(requests: Any, context: grpc.aio.ServicerContext[Any, Any]
                            ) -> AsyncIterator[Any]:
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, _UNAUTHENTICATED)
        yield  # unreachable: abort raises

    streaming = bool(handler.response_streaming)
    return _handler(True, streaming, reject_stream if streaming else reject, None,
                    handler.response_serializer)


def _tolerant_handler(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
    """``handler`` answering a request it cannot parse with INVALID_ARGUMENT, not INTERNAL."""
    behavior = _behavior(handler)
    streaming_request = bool(handler.request_streaming)

    async def checked(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        if streaming_request:
            return _checked(request, context)
        if isinstance(request, _Undecodable):
            await _abort_undecodable(context, request)
        return request

    if handler.response_streaming:
        async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]
                         ) -> AsyncIterator[Any]:
            async with contextlib.aclosing(behavior(await checked(request, context),
                                                    context)) as responses:
                async for response in responses:
                    yield response
        wrapped: Callable[..., Any] = stream
    else:
        async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            return await behavior(await checked(request, context), context)
        wrapped = unary
    return _handler(streaming_request, bool(handler.response_streaming), wrapped,
                    _tolerant(handler.request_deserializer), handler.response_serializer)


class CallInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]  # gRPC ships no types
    """Authenticates, logs and measures every DigestService call.

    Three parts, in the order a call meets them:

    * **authentication**, decided from the metadata alone before any of the request is read
      (``_unauthenticated``);
    * **malformed requests** become INVALID_ARGUMENT (``_tolerant_handler``);
    * **observation** (``_observed``): the call's request id (the caller's ``x-request-id``,
      or a new one) goes back to the caller as ``x-request-id`` initial metadata, on success
      and failure alike, and ends up in the call's one log line with its status, time and,
      for INVALID_ARGUMENT, the first field at fault.
    """

    def __init__(self, metrics: Metrics | None, auth_token: str = "") -> None:
        self._metrics = metrics
        self._token = auth_token.encode()

    async def intercept_service(self, continuation: Callable[[Any], Awaitable[Any]],
                                details: grpc.HandlerCallDetails) -> Any:
        handler = await continuation(details)
        method: str = details.method or ""
        if handler is None or not method.startswith(f"/{SERVICE_NAME}/"):
            return handler
        metadata = details.invocation_metadata
        request_id = (_header(metadata, "x-request-id")[:_REQUEST_ID_CHARS]
                      or uuid.uuid4().hex[:16])
        if self._authorized(_header(metadata, "authorization")):
            handler = _tolerant_handler(handler)
        else:
            handler = _unauthenticated(handler)
        return self._observed(handler, method.rsplit("/", 1)[-1], request_id)

    def _observed(self, handler: grpc.RpcMethodHandler, name: str,
                  request_id: str) -> grpc.RpcMethodHandler:
        """``handler`` with the request id sent back, and logged and measured."""
        behavior = _behavior(handler)

        if handler.response_streaming:
            async def stream(request: Any, context: grpc.aio.ServicerContext[Any, Any]
                             ) -> AsyncIterator[Any]:
                call = await self._begin(name, context, request_id)
                try:
                    # aclosing: when gRPC drops this generator, the handler's cleanup (a
                    # batch cancelling its running clusters) runs now, not at finalisation.
                    async with contextlib.aclosing(behavior(request, context)) as responses:
                        async for response in responses:
                            yield response
                except BaseException as exc:
                    self._end(call, context, None, exc)
                    raise
                self._end(call, context, None)
            wrapped: Callable[..., Any] = stream
        else:
            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                call = await self._begin(name, context, request_id)
                try:
                    response = await behavior(request, context)
                except BaseException as exc:  # CancelledError too: the caller went away
                    self._end(call, context, None, exc)
                    raise
                self._end(call, context, response)
                return response
            wrapped = unary
        return _handler(bool(handler.request_streaming), bool(handler.response_streaming),
                        wrapped, handler.request_deserializer, handler.response_serializer)

    def _authorized(self, header: str) -> bool:
        return bearer_matches(self._token, header)

    async def _begin(self, name: str, context: grpc.aio.ServicerContext[Any, Any],
                     request_id: str) -> dict[str, Any]:
        if self._metrics:
            self._metrics.in_flight.inc()
        # The peer is read now: once a call is cancelled gRPC no longer reports it.
        call = {"method": name, "peer": context.peer(), "request_id": request_id,
                "start": time.perf_counter()}
        with contextlib.suppress(Exception):  # the caller may already be gone
            await context.send_initial_metadata((("x-request-id", request_id),))
        return call

    def _end(self, call: dict[str, Any], context: grpc.aio.ServicerContext[Any, Any],
             response: Any,
             error: BaseException | None = None) -> None:
        elapsed = time.perf_counter() - call.pop("start")
        code = _code(context, error)
        violations = _violations(context) if code == grpc.StatusCode.INVALID_ARGUMENT else []
        record_call(self._metrics, call, code.name, elapsed, response, violations)


def bearer_matches(token: bytes, header: str) -> bool:
    """Whether an ``authorization`` value carries ``token`` (always, when none is set).
    Shared by the gRPC interceptor and the HTTP gateway."""
    if not token:
        return True
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token)


def record_call(metrics: Metrics | None, call: dict[str, Any], code_name: str, elapsed: float,
                response: Any = None,
                violations: Sequence[tuple[str, str]] = ()) -> None:
    """The log line and metrics of one finished call (of either transport): ``call`` holds
    the method, peer and request id; ``in_flight`` was raised when it began. A rejected
    call's ``violations`` (field, problem) put the first field at fault in the line."""
    name = call["method"]
    fields: dict[str, Any] = {**call, "status": code_name, "ms": round(elapsed * 1e3, 2)}
    stats = getattr(response, "stats", None)
    if stats is not None:
        fields["documents"] = stats.documents
        fields["sentences"] = stats.sentences
    where = ""
    if violations:
        fields["field"], fields["problem"] = violations[0]
        fields["violations"] = len(violations)
        where = f" at {fields['field']}"
    if metrics:
        metrics.in_flight.dec()
        metrics.calls.labels(name, code_name).inc()
        metrics.latency.labels(name).observe(elapsed)
    log.info("%s %s%s %.1fms", name, code_name, where, elapsed * 1e3, extra={"fields": fields})


def _violations(context: grpc.aio.ServicerContext[Any, Any]) -> list[tuple[str, str]]:
    """The field violations the call's status details carry (none when it has none)."""
    for key, value in context.trailing_metadata() or ():
        if key == "grpc-status-details-bin" and isinstance(value, bytes):
            st = status_pb2.Status()
            with contextlib.suppress(Exception):
                st.ParseFromString(value)
                return status.field_violations(st)
    return []


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
