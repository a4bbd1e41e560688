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


# gRPC refuses trailers over 16 KiB, and from 8 KiB may refuse them: a status with one
# violation per field of a request with hundreds of bad fields would never arrive (the caller
# saw RESOURCE_EXHAUSTED with no details). Details keep the first MAX_VIOLATIONS, each field
# path cut to MAX_FIELD_BYTES and each description to MAX_DESCRIPTION_BYTES of UTF-8 (room for
# a whole list of supported values, or a JSON parser's message that names the bad key), and
# say how many more there were; the status then stays under DETAILS_BUDGET bytes (under 7 KiB
# once base64-encoded in the trailer) whatever the request.
MAX_VIOLATIONS = 10
MAX_FIELD_BYTES = 120
MAX_DESCRIPTION_BYTES = 300
MAX_MESSAGE_BYTES = 300  # grpc-message is percent-encoded: up to three bytes per byte
DETAILS_BUDGET = 5 * 1024


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8 (with an ellipsis when cut)."""
    data = text.encode()
    if len(data) <= limit:
        return text
    return data[:limit - 3].decode(errors="ignore") + "…"


def bounded(violations: Sequence[Violation]) -> list[Violation]:
    """The first ``MAX_VIOLATIONS`` of ``violations`` (each part cut to its byte limit),
    then, when some were left out, one ``("", "... and N more violations")`` entry."""
    kept = [(_cut(f, MAX_FIELD_BYTES), _cut(d, MAX_DESCRIPTION_BYTES))
            for f, d in violations[:MAX_VIOLATIONS]]
    if len(violations) > len(kept):
        kept.append(("", f"... and {len(violations) - len(kept)} more violations"))
    return kept


def invalid(violations: Sequence[Violation]) -> status_pb2.Status:
    """INVALID_ARGUMENT with a ``BadRequest`` field violation per ``(field, problem)`` —
    the first ``MAX_VIOLATIONS`` of them and a count of the rest (see ``bounded``)."""
    kept = bounded(violations)
    br = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in kept
    ])
    more = len(violations) - min(len(violations), MAX_VIOLATIONS)
    message = f"invalid request: {summary(kept[:MAX_VIOLATIONS])}"
    if more:
        message = _cut(message, MAX_MESSAGE_BYTES - 30) + f" (and {more} more)"
    # At most 11 entries of 120 + 300 bytes and a 300-byte message: under DETAILS_BUDGET.
    return status(code_pb2.INVALID_ARGUMENT, _cut(message, MAX_MESSAGE_BYTES), br)


def undecodable(error: Exception) -> status_pb2.Status:
    """INVALID_ARGUMENT for a request message that could not be parsed."""
    violation = error_details_pb2.BadRequest.FieldViolation(
        field="request", description="not a valid message of this method (strings must be "
        f"valid UTF-8): {_cut(str(error) or type(error).__name__, MAX_DESCRIPTION_BYTES)}")
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


def shutting_down() -> status_pb2.Status:
    """UNAVAILABLE ending a batch on a draining server, after the results of every cluster
    it took: the clusters without a result were not taken (no RetryInfo: the call is not to
    be resent here as a whole)."""
    return status(code_pb2.UNAVAILABLE, "server shutting down: every cluster it took has its "
                  "result; the clusters without one were not taken, send them again")


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
