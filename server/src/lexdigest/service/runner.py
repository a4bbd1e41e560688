"""Where engine work runs, and how a call gives up on it.

The servicer hands every digest to a ``Runner``. ``InlineRunner`` computes in the calling
thread (used by the CLI's embedded server and by tests); ``lexdigest.serve.workers`` provides
a runner backed by worker processes. Both stop work between stages and inside the ranking loop
when the call's deadline passes or the caller cancels, through the engine's ``check`` hook.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from lexdigest.engine import Digest, Document, Options, summarize_documents


class RunError(Exception):
    """Base of the reasons a run did not produce a digest."""


class Overloaded(RunError):
    """Too many calls in flight; the caller should retry after ``retry_after`` seconds."""

    def __init__(self, retry_after: float = 1.0) -> None:
        super().__init__("server is at capacity")
        self.retry_after = retry_after


class DeadlineExceeded(RunError):
    """The call's deadline passed before the digest was ready."""


class Cancelled(RunError):
    """The caller went away."""


class WorkerLost(RunError):
    """The worker process holding the call died; safe to retry."""


class TooLarge(RunError):
    """The work needs more memory than one call may use; retrying will not help."""

    def __init__(self, message: str = "the request needs more memory than this server allows "
                 "per call (--worker-memory-mb); very repetitive text or a very large cluster "
                 "makes the sentence-similarity graph dense") -> None:
        super().__init__(message)


class Cancellation:
    """Set once, when the caller goes away; a runner may ask to be told instead of polling."""

    def __init__(self) -> None:
        self._set = False
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def set(self) -> None:
        with self._lock:
            if self._set:
                return
            self._set = True
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def is_set(self) -> bool:
        return self._set

    def on_set(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the cancellation is set (at once if it already is)."""
        with self._lock:
            if not self._set:
                self._callbacks.append(callback)
                return
        callback()


class Runner(Protocol):
    """Runs the engine for one call."""

    workers: int

    def run(self, documents: list[Document], options: Options, deadline: float,
            cancelled: Cancellation) -> Digest:
        """The digest, or a ``RunError``. ``deadline`` is a ``time.time()`` instant."""
        ...

    def close(self) -> None:
        """Release worker resources."""
        ...


def make_check(deadline: float, is_cancelled: Callable[[], bool]) -> Callable[[], None]:
    """A ``check`` hook for the engine that raises when the call should stop."""

    def check() -> None:
        if is_cancelled():
            raise Cancelled()
        if time.time() >= deadline:
            raise DeadlineExceeded()

    return check


class InlineRunner:
    """Runs the engine in the calling thread, with a bound on calls in flight."""

    def __init__(self, max_in_flight: int = 64) -> None:
        self.workers = 1
        self._slots = threading.BoundedSemaphore(max_in_flight)

    def run(self, documents: list[Document], options: Options, deadline: float,
            cancelled: Cancellation) -> Digest:
        if not self._slots.acquire(blocking=False):
            raise Overloaded()
        try:
            return summarize_documents(documents, options, make_check(deadline, cancelled.is_set))
        except MemoryError:
            raise TooLarge() from None
        finally:
            self._slots.release()

    def close(self) -> None:
        return None
