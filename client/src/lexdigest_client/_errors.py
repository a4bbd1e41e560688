"""The client's errors: one class per thing a caller handles differently.

    LexdigestError
    ├── InvalidInputError     INVALID_ARGUMENT, bad local input (exit code 4)
    ├── UnavailableError      server unreachable, UNAVAILABLE, RESOURCE_EXHAUSTED (exit 3)
    ├── AuthenticationError   UNAUTHENTICATED, PERMISSION_DENIED (exit 5)
    ├── DeadlineExceededError DEADLINE_EXCEEDED (exit 5)
    └── ServerError           anything else the server answered (exit 5)

    >>> from lexdigest_client import DigestClient, InvalidInputError
    >>> try:  # doctest: +SKIP
    ...     DigestClient("localhost:50051").summarize([""])
    ... except InvalidInputError as err:
    ...     print(err.message, [v.field for v in err.field_violations])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import grpc  # type: ignore[import-untyped,unused-ignore]


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One field at fault, as the server reported it (``documents[2].text``, ...)."""

    field: str
    description: str


class LexdigestError(Exception):
    """Base class of every error the client raises.

    ``message`` is one readable line, ``code`` the gRPC status (``None`` for local errors),
    ``field_violations`` the fields at fault and ``debug`` the raw transport detail, if any.
    """

    exit_code = 5

    def __init__(self, message: str, code: grpc.StatusCode | None = None,
                 field_violations: tuple[FieldViolation, ...] = (), debug: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field_violations = field_violations
        self.debug = debug

    @property
    def code_name(self) -> str:
        """The status name, such as ``INVALID_ARGUMENT`` (``LOCAL`` for local errors)."""
        return str(self.code.name) if self.code is not None else "LOCAL"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"code", "message", "field_violations"}``."""
        return {"code": self.code_name, "message": self.message,
                "field_violations": [{"field": v.field, "description": v.description}
                                     for v in self.field_violations]}


class InvalidInputError(LexdigestError):
    """The request was rejected as invalid (or local input could not be read)."""

    exit_code = 4


class UnavailableError(LexdigestError):
    """The server could not be reached or is at capacity."""

    exit_code = 3


class AuthenticationError(LexdigestError):
    """The server refused the caller's credentials."""


class DeadlineExceededError(LexdigestError):
    """The call did not finish within its deadline."""


class ServerError(LexdigestError):
    """Any other failure reported by the server."""


_CLASSES: dict[str, type[LexdigestError]] = {
    "INVALID_ARGUMENT": InvalidInputError,
    "UNAVAILABLE": UnavailableError,
    "RESOURCE_EXHAUSTED": UnavailableError,
    "UNAUTHENTICATED": AuthenticationError,
    "PERMISSION_DENIED": AuthenticationError,
    "DEADLINE_EXCEEDED": DeadlineExceededError,
}


def error_class(code: grpc.StatusCode | None) -> type[LexdigestError]:
    """The error class of a status code."""
    return _CLASSES.get(code.name if code is not None else "", ServerError)


def status_code(number: int) -> grpc.StatusCode:
    """The ``grpc.StatusCode`` of a numeric ``google.rpc.Code`` value (UNKNOWN if none)."""
    for c in grpc.StatusCode:
        if c.value[0] == number:
            return c
    return grpc.StatusCode.UNKNOWN


def connect_reason(details: str) -> str:
    """The useful end of gRPC's connection-failure text.

    ``failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:1: Failed to
    connect to remote host: Connection refused`` becomes ``Connection refused``.
    """
    if "WRONG_VERSION_NUMBER" in details:
        return "TLS handshake failed: the server does not seem to use TLS"
    if "CERTIFICATE_VERIFY_FAILED" in details:
        return "TLS handshake failed: the server's certificate was not accepted"
    lookup = re.search(r"(?:lookup|resolv)\w*.*?:\s*([^:\]]+)\]?\s*$", details, re.I)
    if lookup and "resolv" in details.lower():
        return f"cannot resolve the host name ({lookup.group(1).strip()})"
    reason = details.rsplit("last error:", 1)[-1].strip()
    reason = re.sub(r"^[A-Z_]+: ", "", reason)  # the status name gRPC puts in front
    reason = re.sub(r"^(ipv4|ipv6|unix|dns):\S+: ", "", reason)  # the address, said elsewhere
    reason = re.sub(r"^Failed to connect to remote host: ", "", reason)
    return reason or details


def retry_delay(err: grpc.RpcError) -> float | None:
    """Seconds the server asked the caller to wait (``google.rpc.RetryInfo``), or ``None``
    when its status says nothing of retrying."""
    try:
        from google.rpc import error_details_pb2  # type: ignore[import-untyped,unused-ignore]
        from grpc_status import rpc_status  # type: ignore[import-untyped,unused-ignore]

        status = rpc_status.from_call(err)
    except (ValueError, AttributeError, ImportError):
        return None
    for detail in status.details if status is not None else ():
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            return float(info.retry_delay.seconds + info.retry_delay.nanos / 1e9)
    return None


def from_rpc_error(err: grpc.RpcError, target: str = "") -> LexdigestError:
    """The client error of a failed call, with field violations from the rich status."""
    code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
    details = (err.details() if hasattr(err, "details") else "") or ""
    debug = err.debug_error_string() if hasattr(err, "debug_error_string") else ""
    message = details or str(code.name if code is not None else "UNKNOWN")
    violations: list[FieldViolation] = []
    try:
        from google.rpc import error_details_pb2  # type: ignore[import-untyped,unused-ignore]
        from grpc_status import rpc_status  # type: ignore[import-untyped,unused-ignore]

        status = rpc_status.from_call(err)
        if status is not None:
            for detail in status.details:
                br = error_details_pb2.BadRequest()
                if detail.Unpack(br):
                    violations += [FieldViolation(v.field, v.description)
                                   for v in br.field_violations]
    except (ValueError, AttributeError, ImportError):
        pass
    if code == grpc.StatusCode.UNAVAILABLE and target and re.search(
            r"connect|resolv|dns|handshake|backends failing", details, re.I):
        message = f"server unreachable at {target}: {connect_reason(details)}"
    elif code == grpc.StatusCode.UNAUTHENTICATED:
        message = f"not authenticated: {details} (pass --token or set LEXDIGEST_TOKEN)"
    return error_class(code)(message, code, tuple(violations), debug)
