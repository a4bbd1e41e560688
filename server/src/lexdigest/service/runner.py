"""Where engine work runs, and how a call gives up on it.

The servicer awaits a ``Runner`` for every digest, on the server's event loop.
``InlineRunner`` computes in a thread of the server process (the CLI's embedded server and
tests); ``lexdigest.serve.workers`` provides a runner backed by worker processes. A call gives
up when its deadline passes (``DeadlineExceeded``) or when the task awaiting it is cancelled
(the caller went away); either way the runner stops the engine at its next ``check``, between
stages and inside the ranking loop.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from lexdigest.engine import Digest, Document, Options, Stories, StoryOptions


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
    """The caller went away (raised inside the engine to stop abandoned work)."""


class WorkerLost(RunError):
    """The worker process holding the call died; safe to retry."""


class TooLarge(RunError):
    """The work needs more memory than one call may use; retrying will not help."""

    def __init__(self, message: str = "the request needs more memory than this server allows "
                 "per call (--worker-memory-mb); very repetitive text or a very large cluster "
                 "makes the sentence-similarity graph dense") -> None:
        super().__init__(message)


class Runner(Protocol):
    """Runs the engine for one call; used from the server's event loop."""

    workers: int

    async def start(self) -> None:
        """Get ready to run (start worker processes); called once, before serving."""
        ...

    async def run(self, documents: list[Document], options: Options,
                  deadline: float) -> Digest:
        """The digest, or a ``RunError``. ``deadline`` is a ``time.time()`` instant.
        Cancelling the awaiting task abandons the work."""
        ...

    async def run_stories(self, documents: list[Document], options: StoryOptions,
                          deadline: float) -> Stories:
        """As ``run``, for a pile: its stories (``engine.stories.summarize_stories``)."""
        ...

    async def close(self) -> None:
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


def seconds_until(deadline: float) -> float:
    """Seconds from now until the ``time.time()`` instant ``deadline`` (never negative)."""
    return max(0.0, deadline - time.time())


class InlineRunner:
    """Runs the engine in threads of the server process, with a bound on calls in flight.

    The GIL lets only one digest compute at a time; this runner is for the CLI's embedded
    server, where one caller sends one cluster, not for serving load.
    """

    def __init__(self, max_in_flight: int = 64, threads: int = 4) -> None:
        # The engine is imported here, by the runner that computes (not by the exceptions
        # above, which every server process and worker needs): before the first call, so
        # that its import does not count against that call's deadline.
        from lexdigest.engine.pipeline import summarize_documents
        from lexdigest.engine.stories import summarize_stories

        self._summarize, self._summarize_stories = summarize_documents, summarize_stories
        self.workers = 1
        self._max_in_flight = max_in_flight
        self._in_flight = 0
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="engine")

    async def start(self) -> None:
        return None

    async def run(self, documents: list[Document], options: Options,
                  deadline: float) -> Digest:
        digest: Digest = await self._run(self._summarize, documents, options, deadline)
        return digest

    async def run_stories(self, documents: list[Document], options: StoryOptions,
                          deadline: float) -> Stories:
        stories: Stories = await self._run(self._summarize_stories, documents, options, deadline)
        return stories

    async def _run(self, work: Callable[..., object], documents: list[Document],
                   options: Options | StoryOptions, deadline: float) -> Any:
        if self._in_flight >= self._max_in_flight:
            raise Overloaded()
        self._in_flight += 1
        stop = threading.Event()
        try:
            running = asyncio.get_running_loop().run_in_executor(
                self._threads, work, documents, options,
                make_check(deadline, stop.is_set))
            async with asyncio.timeout(seconds_until(deadline)):
                return await running
        except TimeoutError:
            raise DeadlineExceeded() from None
        except MemoryError:
            raise TooLarge() from None
        finally:
            stop.set()  # an abandoned digest stops at its next check
            self._in_flight -= 1

    async def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
