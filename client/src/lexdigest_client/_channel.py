"""How a client's channel is set up and how its calls are retried.

The service config (``round_robin`` over every address of the target, gRPC's retries of
UNAVAILABLE), the channel arguments with the caller's taking precedence, the client's own
retries of a call shed for capacity (RESOURCE_EXHAUSTED with ``RetryInfo``), and what a
failed reachability probe means. Shared by ``DigestClient`` and ``AsyncDigestClient``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import grpc  # type: ignore[import-untyped,unused-ignore]

from ._errors import UnavailableError, from_rpc_error, retry_delay

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
            # Not RESOURCE_EXHAUSTED: gRPC cannot tell a shed call (worth retrying) from an
            # oversized one (never): ``_overload_retries`` retries only the first kind.
            "retryableStatusCodes": ["UNAVAILABLE"],
        },
    }],
})


OVERLOAD_ATTEMPTS = 4  # sends of a unary call the server keeps shedding for capacity


def call_end(kwargs: dict[str, Any]) -> float | None:
    """The ``time.monotonic()`` instant a call with these keyword arguments must end by."""
    timeout = kwargs.get("timeout")
    return None if timeout is None else time.monotonic() + timeout


def remaining(kwargs: dict[str, Any], end: float | None) -> dict[str, Any]:
    """``kwargs`` with the timeout that is left until ``end``."""
    if end is None:
        return kwargs
    return {**kwargs, "timeout": max(0.0, end - time.monotonic())}


def fresh(message: Any) -> Any:
    """The message to send: ``message`` itself, or what it makes when it is a function."""
    return message() if callable(message) else message


def overload_delay(err: grpc.RpcError, attempt: int, end: float | None) -> float | None:
    """Seconds to wait before sending a shed call again; ``None``: do not send it again.

    Only RESOURCE_EXHAUSTED with ``RetryInfo`` (the server was at capacity) is retried, and
    only when the wait leaves time before the deadline.
    """
    if attempt + 1 >= OVERLOAD_ATTEMPTS or err.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
        return None
    delay = retry_delay(err)
    if delay is None or (end is not None and time.monotonic() + delay >= end):
        return None
    return delay


def read_file(path: str | None) -> bytes | None:
    """The bytes of ``path`` (a PEM file), or ``None`` when no path is given."""
    return Path(path).read_bytes() if path else None


def channel_args(options: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
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


def probe_error(err: grpc.RpcError, target: str, connect_timeout: float) -> None:
    """Raise ``UnavailableError`` if the health probe's failure means "not reachable"."""
    code = err.code()
    if code == grpc.StatusCode.UNAVAILABLE:
        raise from_rpc_error(err, target) from None
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        raise UnavailableError(f"server unreachable at {target}: no connection within "
                               f"{connect_timeout:g}s", grpc.StatusCode.UNAVAILABLE,
                               debug=str(err.details() or "")) from None
    # Any other answer (UNIMPLEMENTED, UNAUTHENTICATED, ...) came from a reachable server.
