"""The HTTP/JSON adapter of DigestService, and the web page, on a port of their own.

The routes are the ``google.api.http`` rules of the contract (read from the generated
descriptor, so the proto is their only source), and every call goes through the same
``service.Calls`` as gRPC: validation, limits, deadlines, workers and statuses are the gRPC
service's own. This module only translates:

* bodies are canonical proto3 JSON (``json_format``); a streaming method
  (``SummarizeBatch``) reads and writes newline-delimited JSON, one message per line, each
  result written as soon as its cluster is done;
* a failure is its ``google.rpc.Status`` as JSON, with the HTTP status of the standard
  gRPC→HTTP mapping (``HTTP_STATUS``) and ``Retry-After`` when the status carries RetryInfo;
* the deadline comes from ``?timeout=`` (seconds, ``2.5`` or ``2.5s``) or a ``grpc-timeout``
  header (``1500m``), capped by the server's ``--max-call-seconds`` as for gRPC;
* ``authorization: Bearer <token>``, ``x-request-id``, the per-call log line and the metrics
  are those of the gRPC interceptor (``observe``).

``GET /`` is the web page (``web/``: no external resources, so it works offline) and
``GET /openapi.json`` the OpenAPI description generated from the same proto.
The app runs under uvicorn on the gRPC server's event loop (``serve``), so both transports
share one ``Runner`` and its workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import socket
import ssl
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, cast

from google.api import annotations_pb2
from google.protobuf import json_format
from google.protobuf.message import Message
from google.rpc import code_pb2, status_pb2
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from lexdigest.service import status as statuses
from lexdigest.service.calls import CallFailed, Calls

from . import observe
from .jsonwire import (
    NdjsonStream,
    Rejected,
    cluster_id,
    lines_of,
    parse,
    to_line,
    unless_disconnected,
)

log = logging.getLogger("lexdigest.http")

# The standard mapping of google.rpc.Code to HTTP (google/rpc/code.proto, as grpc-gateway and
# Google's own HTTP APIs apply it).
HTTP_STATUS = {
    code_pb2.OK: 200, code_pb2.CANCELLED: 499, code_pb2.UNKNOWN: 500,
    code_pb2.INVALID_ARGUMENT: 400, code_pb2.DEADLINE_EXCEEDED: 504, code_pb2.NOT_FOUND: 404,
    code_pb2.ALREADY_EXISTS: 409, code_pb2.PERMISSION_DENIED: 403,
    code_pb2.UNAUTHENTICATED: 401, code_pb2.RESOURCE_EXHAUSTED: 429,
    code_pb2.FAILED_PRECONDITION: 400, code_pb2.ABORTED: 409, code_pb2.OUT_OF_RANGE: 400,
    code_pb2.UNIMPLEMENTED: 501, code_pb2.INTERNAL: 500, code_pb2.UNAVAILABLE: 503,
    code_pb2.DATA_LOSS: 500,
}
JSON = "application/json"
# The page loads nothing but its own files and calls nothing but this server.
_PAGE_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
_PAGE_FILES = {"/": ("index.html", "text/html; charset=utf-8"),
               "/app.js": ("app.js", "text/javascript; charset=utf-8"),
               "/app.css": ("app.css", "text/css; charset=utf-8"),
               "/openapi.json": ("openapi.json", JSON)}
_GRPC_TIMEOUT = re.compile(r"([0-9]{1,8})([HMSmun])")
_UNITS = {"H": 3600.0, "M": 60.0, "S": 1.0, "m": 1e-3, "u": 1e-6, "n": 1e-9}
_TIMEOUT = re.compile(r"([0-9]{1,9}(?:\.[0-9]{1,9})?)s?")


@dataclass(frozen=True, slots=True)
class Rule:
    """One HTTP rule of the contract: the method it serves and where."""

    method: Any  # google.protobuf.descriptor.MethodDescriptor
    verb: str
    path: str

    @property
    def streaming(self) -> bool:
        return bool(self.method.client_streaming or self.method.server_streaming)


def rules() -> list[Rule]:
    """The ``google.api.http`` rules of DigestService, from the generated descriptor."""
    out = []
    for method in pb.DESCRIPTOR.services_by_name["DigestService"].methods:
        options = method.GetOptions()
        if options.HasExtension(annotations_pb2.http):
            rule = options.Extensions[annotations_pb2.http]
            verb = rule.WhichOneof("pattern")
            out.append(Rule(method, verb, getattr(rule, verb)))
    return out


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def deadline_of(request: Request) -> float | None:
    """The caller's deadline as a ``time.time()`` instant, from ``?timeout=`` or
    ``grpc-timeout``; ``None`` when neither is given. Raises ``Rejected`` when malformed."""
    now = time.time()
    if "timeout" in request.query_params:
        value = request.query_params["timeout"]
        m = _TIMEOUT.fullmatch(value)
        if not m:
            raise Rejected(statuses.invalid([("timeout", f"{value!r} is not a number of "
                                                        "seconds such as 2.5 or 2.5s")]))
        return now + float(m.group(1))
    header = request.headers.get("grpc-timeout")
    if header is not None:
        m = _GRPC_TIMEOUT.fullmatch(header)
        if not m:
            raise Rejected(statuses.invalid([("grpc-timeout", f"{header!r} is not a gRPC "
                                                             "timeout such as 1500m or 30S")]))
        return now + int(m.group(1)) * _UNITS[m.group(2)]
    return None


def status_response(st: status_pb2.Status, headers: dict[str, str] | None = None) -> Response:
    """``st`` as a JSON body with its mapped HTTP status (and ``Retry-After``)."""
    out = dict(headers or {})
    delay = statuses.retry_delay_ms(st)
    if delay is not None:
        out["retry-after"] = str(max(1, math.ceil(delay / 1000)))
    if st.code == code_pb2.UNAUTHENTICATED:
        out["www-authenticate"] = "Bearer"
    return Response(json_format.MessageToJson(st, indent=None), HTTP_STATUS.get(st.code, 500),
                    headers=out, media_type=JSON)


class Gateway:
    """The ASGI app: one route per HTTP rule, the page and the OpenAPI document."""

    def __init__(self, calls: Calls, *, auth_token: str = "",
                 metrics: observe.Metrics | None = None,
                 max_body_bytes: int = 64 * 1024 * 1024) -> None:
        self.calls = calls
        self._token = auth_token.encode()
        self._metrics = metrics
        self._max_body = max_body_bytes
        web = resources.files("lexdigest.serve") / "web"
        self._page = {path: (web.joinpath(name).read_bytes(), media)
                      for path, (name, media) in _PAGE_FILES.items()}
        routes = [Route(r.path, self._endpoint(r), methods=[r.verb.upper()]) for r in rules()]
        routes += [Route(path, self._static, methods=["GET", "HEAD"]) for path in self._page]
        self.app = Starlette(routes=routes)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)

    # -- page -------------------------------------------------------------------------------

    async def _static(self, request: Request) -> Response:
        body, media = self._page[request.url.path]
        return Response(body, media_type=media, headers=_PAGE_HEADERS)

    # -- calls ------------------------------------------------------------------------------

    def _endpoint(self, rule: Rule) -> Callable[[Request], Awaitable[Response]]:
        name = rule.method.name
        request_class = _message_class(rule.method.input_type)
        handler = getattr(self.calls, _snake(name), None)

        async def endpoint(request: Request) -> Response:
            call = self._begin(name, request)
            try:
                if not observe.bearer_matches(self._token,
                                              request.headers.get("authorization", "")):
                    raise Rejected(statuses.status(
                        code_pb2.UNAUTHENTICATED, "missing or invalid bearer token in the "
                        "'authorization' header"))
                deadline = deadline_of(request)
                if handler is None:
                    raise Rejected(statuses.status(code_pb2.UNIMPLEMENTED,
                                                  f"{name} is not implemented by this server"))
                if rule.streaming:
                    return self._stream(call, request, request_class, handler, deadline)
                message = await self._read(request, request_class)
                response = await unless_disconnected(request, handler(message, deadline))
            except (Rejected, CallFailed) as f:
                return self._failed(call, f.status)
            except ClientDisconnect:
                self._end(call, code_pb2.CANCELLED, 499)
                return Response(status_code=499)
            except asyncio.CancelledError:
                self._end(call, code_pb2.CANCELLED, 499)
                raise
            except Exception:
                log.exception("%s failed", name)
                return self._failed(call, statuses.internal())
            self._end(call, code_pb2.OK, 200, response)
            return Response(json_format.MessageToJson(response, indent=None), 200,
                            media_type=JSON, headers={"x-request-id": call["request_id"]})

        return endpoint

    async def _read(self, request: Request, cls: type[Message]) -> Message:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self._max_body:
                raise Rejected(statuses.status(code_pb2.RESOURCE_EXHAUSTED,
                                              f"request body larger than {self._max_body} "
                                              "bytes (--max-message-bytes)"))
        return parse(bytes(body), cls, "body")

    def _stream(self, call: dict[str, Any], request: Request, cls: type[Message],
                handler: Callable[..., Any], deadline: float | None) -> Response:
        """NDJSON in, NDJSON out; lines that are not messages are answered at the end."""
        bad: list[pb.SummarizeBatchResponse] = []
        stream = NdjsonStream(request.receive)

        def refuse(line: bytes, st: status_pb2.Status) -> None:
            bad.append(pb.SummarizeBatchResponse(cluster_id=cluster_id(line), error=pb.BatchError(
                code=st.code, message=st.message, field_violations=[
                    pb.FieldViolation(field=fld, description=d)
                    for fld, d in statuses.field_violations(st)])))

        async def items() -> AsyncIterator[Message]:
            line_no = 0
            try:
                async for line in lines_of(stream.body(), self._max_body):
                    line_no += 1
                    if line.strip():
                        try:
                            yield parse(line, cls, f"line {line_no}")
                        except Rejected as f:
                            refuse(line, f.status)
            except ValueError:  # a line over the limit: the rest of the body is not read
                refuse(b"", statuses.status(
                    code_pb2.RESOURCE_EXHAUSTED, f"line {line_no + 1} is longer than "
                    f"{self._max_body} bytes (--max-message-bytes); later lines were not read"))

        async def lines() -> AsyncGenerator[bytes, None]:
            code = code_pb2.OK
            try:
                async with contextlib.aclosing(handler(items(), deadline)) as results:
                    async for result in results:
                        yield to_line(result)
                for result in bad:
                    yield to_line(result)
            except BaseException:  # the caller went away: the stream was cancelled
                code = code_pb2.CANCELLED
                raise
            finally:
                self._end(call, code, 200 if code == code_pb2.OK else 499)

        stream.lines = lines()
        stream.extra_headers = {"x-request-id": call["request_id"]}
        return cast(Response, stream)  # an ASGI app, as a Response is

    # -- log line and metrics (those of the gRPC interceptor) -------------------------------

    def _begin(self, name: str, request: Request) -> dict[str, Any]:
        if self._metrics:
            self._metrics.in_flight.inc()
        client = request.client
        peer = f"ipv4:{client.host}:{client.port}" if client else ""
        return {"method": name, "peer": peer, "transport": "http",
                "request_id": request.headers.get("x-request-id") or uuid.uuid4().hex[:16],
                "start": time.perf_counter()}

    def _failed(self, call: dict[str, Any], st: status_pb2.Status) -> Response:
        http_status = HTTP_STATUS.get(st.code, 500)
        # The first field at fault goes in the log line, as the gRPC interceptor does.
        violations = (statuses.field_violations(st) if st.code == code_pb2.INVALID_ARGUMENT
                      else [])
        self._end(call, st.code, http_status, violations=violations)
        return status_response(st, {"x-request-id": call["request_id"]})

    def _end(self, call: dict[str, Any], code: int, http_status: int,
             response: Any = None, violations: Sequence[tuple[str, str]] = ()) -> None:
        elapsed = time.perf_counter() - call.pop("start")
        observe.record_call(self._metrics, {**call, "http_status": http_status},
                            code_pb2.Code.Name(code), elapsed, response, violations)


def _message_class(descriptor: Any) -> type[Message]:
    return getattr(pb, descriptor.name)  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------ the server


@dataclass
class HttpServer:
    """A started uvicorn server of the gateway, on the caller's event loop."""

    server: Any  # uvicorn.Server
    task: asyncio.Task[None]
    port: int

    async def stop(self, grace: float) -> None:
        """Stop listening, give open calls ``grace`` seconds, then close them."""
        self.server.config.timeout_graceful_shutdown = max(grace, 0.1)
        self.server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def serve(gateway: Gateway, host: str, port: int, *, tls_cert: str = "",
                tls_key: str = "", tls_client_ca: str = "") -> HttpServer:
    """Serve ``gateway`` on ``host:port`` (0 picks a free port) on the running loop, with the
    gRPC port's TLS settings (HTTPS when ``tls_cert`` is set, client certificates required
    when ``tls_client_ca`` is)."""
    import uvicorn

    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that name it, and
    # without it a keep-alive caller waits for a delayed ACK (40 ms) on every call.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    tls: dict[str, Any] = {}
    if tls_cert:
        tls = {"ssl_certfile": tls_cert, "ssl_keyfile": tls_key}
        if tls_client_ca:
            tls |= {"ssl_ca_certs": tls_client_ca, "ssl_cert_reqs": ssl.CERT_REQUIRED}
    config = uvicorn.Config(gateway, http="httptools", lifespan="off", log_config=None,
                            access_log=False, server_header=False, loop="none", **tls)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name="http")
    while not server.started:
        if task.done():
            task.result()  # raises what stopped it
            raise OSError(f"HTTP server on {host}:{port} did not start")
        await asyncio.sleep(0.01)
    return HttpServer(server, task, int(sock.getsockname()[1]))
