"""Every ``google.rpc.Status`` the service answers with, built in one place.

gRPC's rich error model is the service's error model on every transport: the gRPC servicer
sends these statuses as trailers, and an HTTP adapter can send the same message as its body.

* ``invalid(violations)``: INVALID_ARGUMENT with a ``google.rpc.BadRequest`` holding one field
  violation per problem, so a client can point at the exact field.
* ``undecodable(error)``: INVALID_ARGUMENT for a request message that cannot be parsed.
* ``from_run_error(exc)``: the status of each ``RunError`` (``RUN_ERRORS``, most specific class
  first); RESOURCE_EXHAUSTED and UNAVAILABLE that are worth retrying carry
  ``google.rpc.RetryInfo``, with jitter.
* ``field_violations(status)`` and ``retry_delay_ms(status)`` read those details back.

Nothing here imports gRPC: only the ``google.rpc`` messages.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import cast

from google.protobuf import duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from .runner import Cancelled, DeadlineExceeded, Overloaded, RunError, TooLarge, WorkerLost

Violation = tuple[str, str]  # (field path, description)


def status(code: int, message: str, *details: object) -> status_pb2.Status:
    """A ``Status`` of ``code`` (a ``google.rpc.Code`` value) with ``details`` packed in."""
    st = status_pb2.Status(code=code, message=message)
    for d in details:
        st.details.add().Pack(d)
    return st


def summary(violations: Sequence[Violation]) -> str:
    """The first five violations as one line: ``field: problem; field: problem``."""
    return "; ".join(f"{f}: {d}" for f, d in violations[:5])


def invalid(violations: Sequence[Violation]) -> status_pb2.Status:
    """INVALID_ARGUMENT with one ``BadRequest`` field violation per ``(field, problem)``."""
    br = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field=f, description=d)
        for f, d in violations
    ])
    return status(code_pb2.INVALID_ARGUMENT, f"invalid request: {summary(violations)}", br)


def undecodable(error: Exception) -> status_pb2.Status:
    """INVALID_ARGUMENT for a request message that could not be parsed."""
    violation = error_details_pb2.BadRequest.FieldViolation(
        field="request", description="not a valid message of this method (strings must be "
        f"valid UTF-8): {str(error) or type(error).__name__}")
    return status(code_pb2.INVALID_ARGUMENT, "invalid request: the message cannot be parsed",
                  error_details_pb2.BadRequest(field_violations=[violation]))


def retry_info(seconds: float) -> error_details_pb2.RetryInfo:
    """``RetryInfo`` asking the caller to wait about ``seconds`` (±25%) before retrying."""
    # Jitter spreads the retries of many shed callers over time instead of one burst.
    delay = seconds * random.uniform(0.75, 1.25)
    return error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(
        seconds=int(delay), nanos=int(delay % 1 * 1e9)))


# The status of each RunError, most specific class first; anything else is INTERNAL.
RUN_ERRORS: tuple[tuple[type[RunError], Callable[[RunError], status_pb2.Status]], ...] = (
    (Overloaded, lambda exc: status(code_pb2.RESOURCE_EXHAUSTED, "server is at capacity; "
                                    "retry shortly",
                                    retry_info(cast(Overloaded, exc).retry_after))),
    (WorkerLost, lambda exc: status(code_pb2.UNAVAILABLE, str(exc), retry_info(0.1))),
    (TooLarge, lambda exc: status(code_pb2.RESOURCE_EXHAUSTED, str(exc))),
    (DeadlineExceeded, lambda exc: status(code_pb2.DEADLINE_EXCEEDED, "deadline exceeded "
                                          "before the digest was ready")),
    (Cancelled, lambda exc: status(code_pb2.CANCELLED, "call cancelled")),
)


def from_run_error(exc: RunError) -> status_pb2.Status:
    """The status a call answers when its run failed with ``exc``."""
    for kind, build in RUN_ERRORS:
        if isinstance(exc, kind):
            return build(exc)
    return internal()


def internal() -> status_pb2.Status:
    """INTERNAL, for a bug: the details stay in the server's log."""
    return status(code_pb2.INTERNAL, "internal error")


def field_violations(st: status_pb2.Status) -> list[Violation]:
    """The ``(field, problem)`` pairs of every ``BadRequest`` detail of ``st``."""
    out: list[Violation] = []
    for detail in st.details:
        br = error_details_pb2.BadRequest()
        if detail.Unpack(br):
            out += [(v.field, v.description) for v in br.field_violations]
    return out


def retry_delay_ms(st: status_pb2.Status) -> int | None:
    """Milliseconds of the ``RetryInfo`` detail of ``st``; ``None`` without one."""
    delay = None
    for detail in st.details:
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            delay = info.retry_delay.seconds * 1000 + info.retry_delay.nanos // 1_000_000
    return delay
