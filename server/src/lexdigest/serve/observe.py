"""Per-call logging, metrics and authentication, as one gRPC server interceptor.

Every call of DigestService yields one log line (JSON lines, or readable text on a terminal)
with method, peer, request id, status and milliseconds, and updates the Prometheus metrics.
When a token is configured, DigestService calls must carry ``authorization: Bearer <token>``;
the health and reflection services stay open for probes and tooling.
"""

from __future__ import annotations

import hmac
import json
import logging
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import grpc
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from lexdigest.service.servicer import SERVICE_NAME

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


class CallInterceptor(grpc.ServerInterceptor):
    """Authenticates, logs and measures every DigestService call."""

    def __init__(self, metrics: Metrics | None, auth_token: str = "") -> None:
        self._metrics = metrics
        self._token = auth_token.encode()

    def intercept_service(self, continuation: Callable[[Any], Any],
                          details: grpc.HandlerCallDetails) -> Any:
        handler = continuation(details)
        method: str = details.method or ""
        if handler is None or not method.startswith(f"/{SERVICE_NAME}/"):
            return handler
        name = method.rsplit("/", 1)[-1]
        metadata = details.invocation_metadata
        request_id = _header(metadata, "x-request-id") or uuid.uuid4().hex[:16]
        authorized = self._authorized(_header(metadata, "authorization"))

        def wrap(behavior: Callable[..., Any], streaming_response: bool) -> Callable[..., Any]:
            def unary(request: Any, context: grpc.ServicerContext) -> Any:
                start = self._begin(context, authorized)
                try:
                    response = behavior(request, context)
                    self._end(name, context, start, request_id, response)
                    return response
                except BaseException:
                    self._end(name, context, start, request_id, None, failed=True)
                    raise

            def stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                start = self._begin(context, authorized)
                try:
                    yield from behavior(request, context)
                    self._end(name, context, start, request_id, None)
                except BaseException:
                    self._end(name, context, start, request_id, None, failed=True)
                    raise

            return stream if streaming_response else unary

        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                wrap(handler.unary_unary, False), handler.request_deserializer,
                handler.response_serializer)
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(
                wrap(handler.stream_unary, False), handler.request_deserializer,
                handler.response_serializer)
        if handler.stream_stream:
            return grpc.stream_stream_rpc_method_handler(
                wrap(handler.stream_stream, True), handler.request_deserializer,
                handler.response_serializer)
        return handler

    def _authorized(self, header: str) -> bool:
        if not self._token:
            return True
        scheme, _, value = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(),
                                                                  self._token)

    def _begin(self, context: grpc.ServicerContext, authorized: bool) -> float:
        if not authorized:
            context.abort(grpc.StatusCode.UNAUTHENTICATED,
                          "missing or invalid bearer token in 'authorization' metadata")
        if self._metrics:
            self._metrics.in_flight.inc()
        return time.perf_counter()

    def _end(self, name: str, context: grpc.ServicerContext, start: float, request_id: str,
             response: Any, failed: bool = False) -> None:
        elapsed = time.perf_counter() - start
        code = context.code() if hasattr(context, "code") else None
        if code is None:
            code = grpc.StatusCode.UNKNOWN if failed else grpc.StatusCode.OK
        code_name = code.name if isinstance(code, grpc.StatusCode) else str(code)
        fields: dict[str, Any] = {"method": name, "peer": context.peer(),
                                  "request_id": request_id, "status": code_name,
                                  "ms": round(elapsed * 1e3, 2)}
        stats = getattr(response, "stats", None)
        if stats is not None:
            fields["documents"] = stats.documents
            fields["sentences"] = stats.sentences
        if self._metrics:
            self._metrics.in_flight.dec()
            self._metrics.calls.labels(name, code_name).inc()
            self._metrics.latency.labels(name).observe(elapsed)
        log.info("%s %s %.1fms", name, code_name, elapsed * 1e3, extra={"fields": fields})
