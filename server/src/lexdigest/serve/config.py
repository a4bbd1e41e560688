"""Server configuration from flags and ``LEXDIGEST_*`` environment variables.

Every flag has an environment variable of the same name (``--max-documents`` ↔
``LEXDIGEST_MAX_DOCUMENTS``); a flag given on the command line wins over the variable, and an
empty variable counts as unset. Every value is checked before anything starts: a bad one ends
the process with status 2 and one line naming where it came from and what it must be
(``LEXDIGEST_PORT='abc': must be a port number 0..65535``), as does a TLS certificate that has
expired or does not match its key.
"""

from __future__ import annotations

import argparse
import math
import os
import ssl
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

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


class ConfigError(ValueError):
    """A configuration value that cannot be used; the message is one line naming it."""


# What each setting accepts. ``(kind, low, high)``: kind "int", "float", "str" or "port";
# ``None`` bounds are open. The message says what the value must be.
_INT_RULES: dict[str, tuple[int | None, int | None, str]] = {
    "port": (0, 65535, "a port number 0..65535 (0 picks a free one)"),
    "metrics_port": (0, 65535, "a port number 0..65535 (0 turns metrics off)"),
    "http_port": (0, 65535, "a port number 0..65535 (0 picks a free one)"),
    "workers": (-1, 1024, "-1 (in-process), 0 (one per CPU) or a number of processes up to "
                "1024"),
    "max_in_flight": (1, 100_000, "a number of calls from 1 to 100000"),
    # gRPC takes message sizes as 32-bit integers.
    "max_message_bytes": (1024, 2**31 - 1, "a number of bytes from 1024 to 2147483647"),
    "worker_memory_mb": (0, 2**31 - 1, "0 (no cap) or a number of MiB"),
    "max_documents": (1, 2**31 - 1, "at least 1"),
    "max_document_chars": (1, 2**31 - 1, "at least 1"),
    "max_total_chars": (1, 2**31 - 1, "at least 1"),
}
_FLOAT_RULES: dict[str, tuple[float, str]] = {
    "max_call_seconds": (0.001, "a number of seconds above 0"),
    "grace_seconds": (0.0, "a number of seconds, 0 or more"),
}
_CHOICES = {"log_level": ("debug", "info", "warning", "error"),
            "log_format": ("auto", "json", "text")}
# Days before its end a certificate draws a warning at start.
CERT_WARNING_DAYS = 14


def _env_name(name: str) -> str:
    return f"LEXDIGEST_{name.upper()}"


def _env(name: str, default: str) -> str:
    """The variable of setting ``name``; unset and empty both mean ``default``."""
    return os.environ.get(_env_name(name)) or default


def _source(name: str, flag_given: bool) -> str:
    return f"--{name.replace('_', '-')}" if flag_given else _env_name(name)


def _convert(name: str, raw: str, where: str) -> object:
    """``raw`` (from flag or variable ``where``) as the value of setting ``name``."""
    if name in _INT_RULES:
        low, high, must = _INT_RULES[name]
        try:
            value = int(raw.strip())
        except ValueError:
            raise ConfigError(f"{where}={raw!r}: must be {must}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise ConfigError(f"{where}={raw!r}: must be {must}")
        return value
    if name in _FLOAT_RULES:
        low_f, must = _FLOAT_RULES[name]
        try:
            number = float(raw.strip())
        except ValueError:
            raise ConfigError(f"{where}={raw!r}: must be {must}") from None
        if not math.isfinite(number) or number < low_f:
            raise ConfigError(f"{where}={raw!r}: must be {must}")
        return number
    if name in _CHOICES and raw not in _CHOICES[name]:
        raise ConfigError(f"{where}={raw!r}: must be one of {', '.join(_CHOICES[name])}")
    return raw


def parser() -> argparse.ArgumentParser:
    """The ``lexdigest-server`` argument parser (values are checked by ``from_args``)."""
    d = Config()
    lim = Limits()
    p = argparse.ArgumentParser(
        prog="lexdigest-server",
        description="Serve lexdigest.v1.DigestService, gRPC health and reflection. Every flag "
        "can also be set as LEXDIGEST_<FLAG> (e.g. LEXDIGEST_PORT=50051); a flag wins, and an "
        "empty variable counts as unset.",
    )

    def add(flag: str, help_text: str, default: object = None, **kw: Any) -> None:
        shown = f" (default {default})" if default not in (None, "") else ""
        p.add_argument(flag, default=None, help=help_text + shown, **kw)

    add("--host", "address to bind", d.host)
    add("--port", "gRPC port; 0 picks a free one", d.port)
    add("--workers", "engine worker processes; 0 = one per CPU, -1 = in-process", d.workers)
    add("--max-in-flight", "calls in flight before new ones get RESOURCE_EXHAUSTED",
        d.max_in_flight)
    add("--max-call-seconds", "deadline applied when a caller sets none, and cap of every "
        "call", d.max_call_seconds)
    add("--grace-seconds", "on SIGTERM, how long in-flight calls may finish", d.grace_seconds)
    add("--metrics-port", "Prometheus metrics HTTP port; 0 disables", d.metrics_port)
    add("--http-port", "also serve the API as JSON over HTTP, the web page at / and "
        "/openapi.json on this port (0 picks a free one); off by default")
    add("--log-level", "debug, info, warning or error", d.log_level)
    add("--log-format", "auto: text on a terminal, JSON lines otherwise; json; text",
        d.log_format)
    add("--auth-token", "require 'authorization: Bearer <token>' on DigestService calls "
        "(prefer the LEXDIGEST_AUTH_TOKEN variable: flags show in process lists)")
    add("--tls-cert", "PEM server certificate (enables TLS); an expired one is refused")
    add("--tls-key", "PEM private key of --tls-cert")
    add("--tls-client-ca", "PEM CA bundle; when set, clients must present a certificate it "
        "signed (mTLS)")
    add("--max-message-bytes", "largest request or response message", d.max_message_bytes)
    add("--worker-memory-mb", "address-space cap of each worker process in MiB; a call that "
        "needs more fails with RESOURCE_EXHAUSTED instead of exhausting the machine; 0 = no "
        "cap", d.worker_memory_mb)
    add("--max-documents", "documents per request", lim.max_documents)
    add("--max-document-chars", "characters per document", lim.max_document_chars)
    add("--max-total-chars", "characters per request", lim.max_total_chars)
    return p


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """Every setting given by flag or variable, converted and range-checked."""
    out: dict[str, Any] = {}
    for name, flag_value in vars(args).items():
        raw = flag_value if flag_value is not None else os.environ.get(_env_name(name)) or None
        if raw is not None:
            out[name] = _convert(name, raw, _source(name, flag_value is not None))
    return out


def _check_tls(cert: str, key: str, client_ca: str, now: datetime | None = None) -> None:
    """Refuse TLS files that cannot serve: unreadable, not matching, or a certificate
    outside its validity period."""
    if bool(cert) != bool(key):
        raise ConfigError("--tls-cert and --tls-key go together")
    if client_ca and not cert:
        raise ConfigError("--tls-client-ca needs --tls-cert and --tls-key")
    if not cert:
        return
    for flag, path in (("--tls-cert", cert), ("--tls-key", key), ("--tls-client-ca", client_ca)):
        if path and not os.access(path, os.R_OK):
            raise ConfigError(f"{flag} {path}: no readable file there")
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as exc:
        raise ConfigError(f"--tls-cert {cert} / --tls-key {key}: not a PEM certificate and "
                          f"its private key ({exc.strerror or exc})") from None
    begins, ends = _validity(cert)
    now = now or datetime.now(UTC)
    if ends <= now:
        raise ConfigError(f"--tls-cert {cert}: the certificate expired on "
                          f"{ends:%Y-%m-%d %H:%M} UTC; renew it")
    if begins > now:
        raise ConfigError(f"--tls-cert {cert}: the certificate is not valid before "
                          f"{begins:%Y-%m-%d %H:%M} UTC (check the clock)")


def _validity(cert: str) -> tuple[datetime, datetime]:
    """First and last instant (UTC) of the PEM certificate at ``cert``."""
    from cryptography import x509

    with open(cert, "rb") as f:
        leaf = x509.load_pem_x509_certificate(f.read())
    return leaf.not_valid_before_utc, leaf.not_valid_after_utc


def warnings(config: Config) -> list[str]:
    """What an operator should hear about a ``config`` that can start: a TLS certificate
    that ends within ``CERT_WARNING_DAYS``."""
    if not config.tls_cert:
        return []
    ends = _validity(config.tls_cert)[1]
    if ends - datetime.now(UTC) < timedelta(days=CERT_WARNING_DAYS):
        return [f"the TLS certificate {config.tls_cert} expires on {ends:%Y-%m-%d %H:%M} UTC"]
    return []


def from_args(argv: list[str] | None = None) -> Config:
    """Parse ``argv`` (and the environment) into a ``Config``.

    A bad value exits with status 2 and one line on stderr naming the flag or variable it
    came from and what it must be (``ConfigError``'s message).
    """
    args = parser().parse_args(argv)
    try:
        return build(_settings(args))
    except ConfigError as exc:
        print(f"lexdigest-server: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def build(settings: dict[str, Any]) -> Config:
    """The ``Config`` of converted ``settings`` (``Config`` field names and the three limit
    names); raises ``ConfigError`` when they do not make a server that can start."""
    limit_names = ("max_documents", "max_document_chars", "max_total_chars")
    limits = Limits(**{k: settings.pop(k) for k in limit_names if k in settings})
    config = Config(**settings, limits=limits)
    _check_tls(config.tls_cert, config.tls_key, config.tls_client_ca)
    return config
