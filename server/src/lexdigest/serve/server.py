"""Assembling and running a lexdigest gRPC server: services, ports, TLS, drain.

``start(config)`` builds everything (worker processes first, then the gRPC server) and returns
a ``RunningServer``; ``RunningServer.drain()`` is the graceful stop: health NOT_SERVING, new
calls refused, in-flight calls given ``grace_seconds`` to finish. The CLI's embedded server
and ``lexdigest-server`` both use this module, so they share one code path.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from lexdigest_client._proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

from lexdigest.service import SERVICE_NAME, DigestServicer, InlineRunner, Runner

from .config import Config
from .observe import CallInterceptor, Metrics

log = logging.getLogger("lexdigest.server")


@dataclass
class RunningServer:
    """A started server and what it needs to stop cleanly."""

    server: grpc.Server
    port: int
    health: health.HealthServicer
    runner: Runner
    metrics: Metrics | None
    config: Config

    def drain(self, grace: float | None = None) -> None:
        """Graceful stop: NOT_SERVING, refuse new calls, let in-flight ones finish."""
        self.health.enter_graceful_shutdown()
        grace = self.config.grace_seconds if grace is None else grace
        self.server.stop(grace).wait()
        self.runner.close()

    def wait(self) -> None:
        self.server.wait_for_termination()


def make_runner(config: Config) -> Runner:
    """Worker processes (or the in-thread runner when ``workers`` is -1)."""
    if config.worker_count == 0:
        return InlineRunner(config.max_in_flight)
    from .workers import ProcessRunner

    return ProcessRunner(config.worker_count, config.max_in_flight, config.worker_memory_mb)


def start(config: Config, runner: Runner | None = None) -> RunningServer:
    """Start serving ``config``; returns once the port is bound and health is SERVING."""
    runner = runner or make_runner(config)
    metrics = Metrics() if config.metrics_port else None
    # Enough threads that every in-flight call can wait on a worker while health checks,
    # reflection and shed calls are still answered.
    threads = config.max_in_flight + 16
    options = [
        ("grpc.max_receive_message_length", config.max_message_bytes),
        ("grpc.max_send_message_length", config.max_message_bytes),
        ("grpc.so_reuseport", 0),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
    ]
    server = grpc.server(
        ThreadPoolExecutor(max_workers=threads, thread_name_prefix="rpc"),
        interceptors=[CallInterceptor(metrics, config.auth_token)],
        options=options,
    )
    servicer = DigestServicer(runner, config.limits, config.max_call_seconds,
                              on_digest=metrics.observe_digest if metrics else None)
    pb_grpc.add_DigestServiceServicer_to_server(servicer, server)
    health_servicer = health.HealthServicer(
        experimental_non_blocking=True,
        experimental_thread_pool=ThreadPoolExecutor(max_workers=2),
    )
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
    address = f"{config.host}:{config.port}"
    if ":" in config.host and not config.host.startswith("["):
        address = f"[{config.host}]:{config.port}"
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
    server.start()
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    if metrics is not None:
        _serve_metrics(metrics, config)
    log.info("serving on %s (workers=%d)", f"{config.host}:{port}", config.worker_count,
             extra={"fields": {"port": port, "workers": config.worker_count}})
    return RunningServer(server, port, health_servicer, runner, metrics, config)


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
