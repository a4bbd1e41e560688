"""Server configuration from flags and ``LEXDIGEST_*`` environment variables.

Every flag has an environment variable of the same name (``--max-documents`` ↔
``LEXDIGEST_MAX_DOCUMENTS``); a flag given on the command line wins over the variable.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field

from lexdigest.service.validate import Limits


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the server process needs to start."""

    host: str = "0.0.0.0"
    port: int = 50051
    workers: int = 0  # 0: one per CPU; -1: run the engine in threads of the server process
    max_in_flight: int = 64
    max_call_seconds: float = 120.0
    grace_seconds: float = 10.0
    metrics_port: int = 0
    http_port: int | None = None  # HTTP/JSON and the web page; None: off, 0: a free port
    log_level: str = "info"
    log_format: str = "auto"  # auto | json | text
    auth_token: str = ""
    tls_cert: str = ""
    tls_key: str = ""
    tls_client_ca: str = ""
    max_message_bytes: int = 64 * 1024 * 1024
    worker_memory_mb: int = 4096
    limits: Limits = field(default_factory=Limits)

    @property
    def worker_count(self) -> int:
        """Worker processes to start (0 when the engine runs in the server process)."""
        if self.workers < 0:
            return 0
        return self.workers or os.cpu_count() or 1


def _env(name: str, default: str) -> str:
    return os.environ.get(f"LEXDIGEST_{name.upper()}", default)


def parser() -> argparse.ArgumentParser:
    """The ``lexdigest-server`` argument parser (defaults read from the environment)."""
    d = Config()
    lim = Limits()
    p = argparse.ArgumentParser(
        prog="lexdigest-server",
        description="Serve lexdigest.v1.DigestService, gRPC health and reflection. Every flag "
        "can also be set as LEXDIGEST_<FLAG> (e.g. LEXDIGEST_PORT=50051).",
    )
    add = p.add_argument
    add("--host", default=_env("host", d.host), help="address to bind (default %(default)s)")
    add("--port", type=int, default=int(_env("port", str(d.port))),
        help="gRPC port; 0 picks a free one (default %(default)s)")
    add("--workers", type=int, default=int(_env("workers", str(d.workers))),
        help="engine worker processes; 0 = one per CPU, -1 = in-process (default %(default)s)")
    add("--max-in-flight", type=int, default=int(_env("max_in_flight", str(d.max_in_flight))),
        help="calls in flight before new ones get RESOURCE_EXHAUSTED (default %(default)s)")
    add("--max-call-seconds", type=float,
        default=float(_env("max_call_seconds", str(d.max_call_seconds))),
        help="deadline applied when a caller sets none, and cap of every call "
        "(default %(default)s)")
    add("--grace-seconds", type=float, default=float(_env("grace_seconds", str(d.grace_seconds))),
        help="on SIGTERM, how long in-flight calls may finish (default %(default)s)")
    add("--metrics-port", type=int, default=int(_env("metrics_port", str(d.metrics_port))),
        help="Prometheus metrics HTTP port; 0 disables (default %(default)s)")
    add("--http-port", type=int,
        default=int(_env("http_port", "")) if _env("http_port", "") else None,
        help="also serve the API as JSON over HTTP, the web page at / and /openapi.json on "
        "this port (0 picks a free one); off by default")
    add("--log-level", default=_env("log_level", d.log_level),
        choices=["debug", "info", "warning", "error"], help="(default %(default)s)")
    add("--log-format", default=_env("log_format", d.log_format),
        choices=["auto", "json", "text"],
        help="auto: text on a terminal, JSON lines otherwise (default %(default)s)")
    add("--auth-token", default=_env("auth_token", ""),
        help="require 'authorization: Bearer <token>' on DigestService calls "
        "(prefer the LEXDIGEST_AUTH_TOKEN variable: flags show in process lists)")
    add("--tls-cert", default=_env("tls_cert", ""), help="PEM server certificate (enables TLS)")
    add("--tls-key", default=_env("tls_key", ""), help="PEM private key of --tls-cert")
    add("--tls-client-ca", default=_env("tls_client_ca", ""),
        help="PEM CA bundle; when set, clients must present a certificate it signed (mTLS)")
    add("--max-message-bytes", type=int,
        default=int(_env("max_message_bytes", str(d.max_message_bytes))),
        help="largest request or response message (default %(default)s)")
    add("--worker-memory-mb", type=int,
        default=int(_env("worker_memory_mb", str(d.worker_memory_mb))),
        help="address-space cap of each worker process in MiB; a call that needs more fails "
        "with RESOURCE_EXHAUSTED instead of exhausting the machine; 0 = no cap "
        "(default %(default)s)")
    add("--max-documents", type=int, default=int(_env("max_documents", str(lim.max_documents))),
        help="documents per request (default %(default)s)")
    add("--max-document-chars", type=int,
        default=int(_env("max_document_chars", str(lim.max_document_chars))),
        help="characters per document (default %(default)s)")
    add("--max-total-chars", type=int,
        default=int(_env("max_total_chars", str(lim.max_total_chars))),
        help="characters per request (default %(default)s)")
    return p


def from_args(argv: list[str] | None = None) -> Config:
    """Parse ``argv`` (and the environment) into a ``Config``; exits 2 on bad values."""
    p = parser()
    a = p.parse_args(argv)
    if not 0 <= a.port <= 65535:
        p.error(f"--port must be 0..65535, got {a.port}")
    if bool(a.tls_cert) != bool(a.tls_key):
        p.error("--tls-cert and --tls-key go together")
    if a.tls_client_ca and not a.tls_cert:
        p.error("--tls-client-ca needs --tls-cert and --tls-key")
    if a.http_port is not None and not 0 <= a.http_port <= 65535:
        p.error(f"--http-port must be 0..65535, got {a.http_port}")
    if a.max_in_flight < 1:
        p.error("--max-in-flight must be at least 1")
    if a.worker_memory_mb < 0:
        p.error("--worker-memory-mb must be 0 (no cap) or more")
    limits = Limits(max_documents=a.max_documents, max_document_chars=a.max_document_chars,
                    max_total_chars=a.max_total_chars)
    return Config(host=a.host, port=a.port, workers=a.workers, max_in_flight=a.max_in_flight,
                  max_call_seconds=a.max_call_seconds, grace_seconds=a.grace_seconds,
                  metrics_port=a.metrics_port, http_port=a.http_port, log_level=a.log_level,
                  log_format=a.log_format,
                  auth_token=a.auth_token, tls_cert=a.tls_cert, tls_key=a.tls_key,
                  tls_client_ca=a.tls_client_ca, max_message_bytes=a.max_message_bytes,
                  worker_memory_mb=a.worker_memory_mb, limits=limits)
