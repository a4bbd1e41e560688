"""The client's errors: one class per thing a caller handles differently.

    LexdigestError
    ├── InvalidInputError     INVALID_ARGUMENT, bad local input (exit code 4)
    ├── UnavailableError      server unreachable, UNAVAILABLE, RESOURCE_EXHAUSTED (exit 3)
    ├── AuthenticationError   UNAUTHENTICATED, PERMISSION_DENIED (exit 5)
    ├── DeadlineExceededError DEADLINE_EXCEEDED (exit 5)
    └── ServerError           anything else the server answered (exit 5)
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One field at fault, as the server reported it."""

    field: str
    description: str


class LexdigestError(Exception):
    """Base class of every error the client raises."""

    exit_code = 5

    def __init__(self, message: str, code: grpc.StatusCode | None = None,
                 field_violations: tuple[FieldViolation, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field_violations = field_violations


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


def from_rpc_error(err: grpc.RpcError) -> LexdigestError:
    """The client error of a failed call, with field violations from the rich status."""
    code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
    message = (err.details() if hasattr(err, "details") else "") or str(code)
    violations: list[FieldViolation] = []
    try:
        from google.rpc import error_details_pb2
        from grpc_status import rpc_status

        status = rpc_status.from_call(err)  # type: ignore[arg-type]
        if status is not None:
            for detail in status.details:
                br = error_details_pb2.BadRequest()
                if detail.Unpack(br):
                    violations += [FieldViolation(v.field, v.description)
                                   for v in br.field_violations]
    except (ValueError, AttributeError, ImportError):
        pass
    cls: type[LexdigestError] = ServerError
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        cls = InvalidInputError
    elif code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED):
        cls = UnavailableError
    elif code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
        cls = AuthenticationError
    elif code == grpc.StatusCode.DEADLINE_EXCEEDED:
        cls = DeadlineExceededError
    return cls(message, code, tuple(violations))
