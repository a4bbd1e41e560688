"""Assembling and running a lexdigest gRPC server: services, ports, TLS, drain.

``start(config)`` builds everything (worker processes first, then the gRPC server) and returns
a ``RunningServer``; ``RunningServer.drain()`` is the graceful stop: health NOT_SERVING, new
calls refused, in-flight calls given ``grace_seconds`` to finish. The CLI's embedded server
and ``lexdigest-server`` both use this module, so they share one code path.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

from lexdigest.service.calls import Calls
from lexdigest.service.servicer import SERVICE_NAME, DigestServicer

from . import reflection
from .config import Config
from .observe import CallInterceptor, Metrics

if TYPE_CHECKING:  # the HTTP stack is imported only when it is switched on
    from lexdigest.service.runner import Runner

    from .http import HttpServer

log = logging.getLogger("lexdigest.server")


@dataclass
class RunningServer:
    """A started server, the thread running its event loop, and what it needs to stop."""

    server: grpc.aio.Server
    port: int
    health: health.aio.HealthServicer
    runner: Runner
    metrics: Metrics | None
    config: Config
    http: HttpServer | None
    calls: Calls
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread
    _drained: threading.Lock = field(default_factory=threading.Lock)

    def drain(self, grace: float | None = None) -> None:
        """Graceful stop: NOT_SERVING, refuse new calls, let in-flight ones finish; then
        stop the workers and the event loop. Safe to call from any thread, more than once."""
        with self._drained:
            if not self.thread.is_alive():
                return
            grace = self.config.grace_seconds if grace is None else grace
            try:
                asyncio.run_coroutine_threadsafe(self._drain(grace), self.loop).result()
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)
                self.thread.join()

    async def _drain(self, grace: float) -> None:
        self.calls.drain()  # batches stop taking clusters and finish the ones they took
        await self.health.enter_graceful_shutdown()
        await asyncio.gather(self.server.stop(grace),
                             *([self.http.stop(grace)] if self.http else []))
        await self.runner.close()

    def wait(self) -> None:
        self.thread.join()


# Thread-count variables of the BLAS libraries numpy and scipy may be built with.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """One BLAS thread per engine process, unless the environment says otherwise.

    The engine's work is sparse products and Python; it makes no BLAS call large enough to
    share out. Yet OpenBLAS, as numpy's wheels ship it, starts a thread per core when numpy
    is imported, and those threads spin: measured on a 2-core machine, ~40 ms of CPU at every
    start of a one-shot ``lexdigest summarize`` and more at exit, and with N worker processes
    N extra threads competing for the cores. Set before the engine (numpy) is imported, and
    inherited by the worker processes; a variable the caller set is left as it is. Called by
    the processes lexdigest owns (``lexdigest-server``, the ``lexdigest`` command); a program
    that runs ``embedded()`` keeps its own environment.
    """
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def make_runner(config: Config) -> Runner:
    """Worker processes (or the in-thread runner when ``workers`` is -1)."""
    if config.worker_count == 0:
        from lexdigest.service.runner import InlineRunner  # imports the engine

        return InlineRunner(config.max_in_flight)
    from .workers import ProcessRunner

    return ProcessRunner(config.worker_count, config.max_in_flight, config.worker_memory_mb)


def start(config: Config, runner: Runner | None = None) -> RunningServer:
    """Start serving ``config``; returns once the port is bound and health is SERVING.

    The server is a ``grpc.aio`` server on an event loop of its own thread: one thread reads
    every call, hands it to the runner and answers it, so a call costs the server process few
    thread wake-ups, and the caller's thread (the CLI's, or ``lexdigest-server``'s main
    thread waiting for a signal) stays free.
    """
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="grpc-loop", daemon=True)
    thread.start()
    try:
        parts = asyncio.run_coroutine_threadsafe(
            _start(config, runner or make_runner(config)), loop).result()
    except BaseException:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        raise
    return RunningServer(*parts, loop=loop, thread=thread)


async def _start(config: Config, runner: Runner) -> tuple[
        grpc.aio.Server, int, health.aio.HealthServicer, Runner, Metrics | None, Config,
        HttpServer | None, Calls]:
    await runner.start()  # closes what it started if it fails
    metrics = Metrics() if config.metrics_port else None
    if metrics is not None:
        metrics.watch(runner)
    options = [
        ("grpc.max_receive_message_length", config.max_message_bytes),
        ("grpc.max_send_message_length", config.max_message_bytes),
        ("grpc.so_reuseport", 0),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
    ]
    server = grpc.aio.server(interceptors=[CallInterceptor(metrics, config.auth_token)],
                             options=options)
    servicer = DigestServicer(runner, config.limits, config.max_call_seconds,
                              on_digest=metrics.observe_digest if metrics else None,
                              max_in_flight=config.max_in_flight)
    pb_grpc.add_DigestServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable(server, (SERVICE_NAME, health.SERVICE_NAME))
    address = f"{config.host}:{config.port}"
    if ":" in config.host and not config.host.startswith("["):
        address = f"[{config.host}]:{config.port}"
    try:
        if config.tls_cert:
            creds = grpc.ssl_server_credentials(
                [(Path(config.tls_key).read_bytes(), Path(config.tls_cert).read_bytes())],
                root_certificates=Path(config.tls_client_ca).read_bytes()
                if config.tls_client_ca else None,
                require_client_auth=bool(config.tls_client_ca),
            )
            port = server.add_secure_port(address, creds)
        else:
            port = server.add_insecure_port(address)
        await server.start()
        http = await _serve_http(servicer, metrics, config)
    except BaseException:
        await server.stop(0)
        await runner.close()
        raise
    for name in ("", SERVICE_NAME):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    if metrics is not None:
        _serve_metrics(metrics, config)
    fields = {"port": port, "workers": config.worker_count}
    if http is not None:
        fields["http_port"] = http.port
    log.info("serving on %s (workers=%d)%s", f"{config.host}:{port}", config.worker_count,
             f", HTTP/JSON and the web page on port {http.port}" if http else "",
             extra={"fields": fields})
    return server, port, health_servicer, runner, metrics, config, http, servicer.calls


async def _serve_http(servicer: DigestServicer, metrics: Metrics | None,
                      config: Config) -> HttpServer | None:
    """The HTTP/JSON gateway on ``config.http_port``, over the servicer's own ``Calls``."""
    if config.http_port is None:
        return None
    from .http import Gateway, serve

    gateway = Gateway(servicer.calls, auth_token=config.auth_token, metrics=metrics,
                      max_body_bytes=config.max_message_bytes)
    return await serve(gateway, config.host, config.http_port, tls_cert=config.tls_cert,
                       tls_key=config.tls_key, tls_client_ca=config.tls_client_ca)


def _serve_metrics(metrics: Metrics, config: Config) -> None:
    from prometheus_client import start_http_server

    start_http_server(config.metrics_port, addr=config.host, registry=metrics.registry)


def install_signal_handlers(running: RunningServer) -> threading.Event:
    """SIGTERM/SIGINT start a drain in a thread; the returned event is set when it is done."""
    import signal

    done = threading.Event()

    def handle(signum: int, _frame: object) -> None:
        log.info("signal %d: draining for up to %.0fs", signum, running.config.grace_seconds)

        def drain() -> None:
            running.drain()
            done.set()

        threading.Thread(target=drain, name="drain", daemon=True).start()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return done
