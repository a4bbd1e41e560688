"""The server's end of an engine worker process, and the messages between them.

The server sends each call as one message (``framing``) and the worker answers ``(ok, digest
or error)`` for each, in order; the first message is ``WARM_UP`` (a small call), answered
once the engine is loaded. Beside a digest's ``(documents, options, ...)`` a call may ask for
a pile's stories (``Grouping``) or one story (``StoryPart``). Cancellation crosses the process
boundary through two shared arrays indexed by the call's slot: the server writes the call's
token into ``tokens[slot]`` to abandon it, and the worker writes it into ``started[slot]``
while it runs the call (the server kills a worker stuck in a call only then).

What runs inside a worker is ``worker_main.py``: this module imports no engine stage, so the
server process that starts and feeds the workers never loads numpy, scipy or the stages. The
pool that hands calls to workers is ``workers.py``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import pickle
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lexdigest.engine.model import Digest, Document, StoryOptions
from lexdigest.service.runner import TooLarge, WorkerLost

from .framing import FrameBuffer, frame, read_frame

START_TIMEOUT = 120.0  # seconds a new worker may take to start and warm up
WARM_UP = "warm-up"
OUT_OF_MEMORY_EXIT = 75  # a worker's exit status when its cap leaves no memory to work in


# The warm-up is a small call, received and answered as any other: a worker whose memory cap
# cannot hold it could not serve ordinary calls, and the server refuses to start with it.
SMALL_CALL_DOCUMENTS = 10
SMALL_CALL_SENTENCES = 40  # per document: 400 sentences, ~100 kB of text in all


_SMALL_CALL_WORDS = (
    "council", "budget", "river", "bridge", "court", "ruling", "minister", "talks", "market",
    "shares", "storm", "coast", "police", "report", "school", "election", "vote", "health",
    "hospital", "energy", "prices", "rail", "strike", "farmers", "water", "harvest", "museum",
    "city", "region", "treaty", "border", "trade",
)


def small_call() -> list[Document]:
    """Documents of a small ordinary call: varied sentences over a shared vocabulary."""
    words = _SMALL_CALL_WORDS
    docs = []
    for d in range(SMALL_CALL_DOCUMENTS):
        sentences = []
        for i in range(SMALL_CALL_SENTENCES):
            picked = [words[(d * 7 + i * 3 + k * 5) % len(words)] for k in range(12)]
            sentences.append(f"The {' '.join(picked)} were discussed on day {i + 1}.")
        docs.append(Document(f"small-{d}", " ".join(sentences)))
    return docs


@dataclass(frozen=True, slots=True)
class Grouping:
    """What a call asks for, beside a digest: the stories of its documents (a pile), as
    copy sets (``engine.stories.story_sets``), and the engine milliseconds they took."""

    options: StoryOptions


@dataclass(frozen=True, slots=True)
class StoryPart:
    """What a call asks for, beside a digest: the ``Story`` (``engine.stories.story``, not
    yet numbered) made of its documents, given as copy sets of positions among them, and the
    engine milliseconds it took."""

    sets: list[list[int]]
    options: StoryOptions


def _worker_process(sock: socket.socket, tokens: Any, started: Any, memory_bytes: int) -> None:
    """A worker process's entry: the engine is imported here, in the worker (its fork server
    has it preloaded), never in the server process."""
    from .worker_main import serve

    serve(sock, tokens, started, memory_bytes)


def start_process(ctx: Any, tokens: Any, started: Any,
                  memory_bytes: int) -> tuple[Any, socket.socket]:
    """Start and warm up one worker (blocking); its process and the server's socket end."""
    ours, theirs = socket.socketpair()
    process = ctx.Process(target=_worker_process, args=(theirs, tokens, started, memory_bytes),
                          name="lexdigest-worker", daemon=True)
    try:
        process.start()
    finally:
        theirs.close()
    try:
        ours.settimeout(START_TIMEOUT)
        ours.sendall(frame((WARM_UP, small_call())))
        ok, answer = read_frame(ours)
        if not ok:
            raise _WarmUpFailed(answer)
    except BaseException as exc:
        ours.close()
        if process.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGKILL)
        if isinstance(exc, TimeoutError):
            raise RuntimeError("a worker process did not start in time") from None
        out_of_memory = isinstance(exc, _WarmUpFailed) and isinstance(exc.error, TooLarge)
        if isinstance(exc, EOFError | OSError):
            process.join(1.0)
            out_of_memory = process.exitcode == OUT_OF_MEMORY_EXIT
            if not out_of_memory:
                raise RuntimeError("a worker process exited while starting") from None
        if out_of_memory:
            raise RuntimeError(
                f"a worker cannot run a small call ({SMALL_CALL_DOCUMENTS} documents, "
                f"~100 kB) within its memory cap of {memory_bytes // (1024 * 1024)} MiB: "
                "raise --worker-memory-mb (0 = no cap)") from None
        if isinstance(exc, _WarmUpFailed):
            raise RuntimeError(f"a worker process failed its warm-up: {exc.error}") from None
        raise
    ours.setblocking(False)
    return process, ours


class _WarmUpFailed(Exception):
    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


class Worker(asyncio.Protocol):
    """One engine process, the socket to it, and the calls it holds, oldest first."""

    def __init__(self, process: Any, on_lost: Callable[[Worker], None]) -> None:
        self.process = process
        self.lost = False
        self.killed = False  # the pool killed it (its loss is no surprise)
        self._on_lost = on_lost
        self._transport: asyncio.Transport | None = None
        self._pending: collections.deque[asyncio.Future[Digest]] = collections.deque()
        self._frames = FrameBuffer()
        self.gone: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    @property
    def pid(self) -> int | None:
        pid: int | None = self.process.pid
        return pid

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    @property
    def alive(self) -> bool:
        """The process can take calls: not lost, and its socket is not closing (killed or
        left)."""
        return not self.lost and self._transport is not None and not self._transport.is_closing()

    def submit(self, call: tuple[Any, ...]) -> asyncio.Future[Digest]:
        """Send a call; its outcome arrives in the returned future (``WorkerLost`` if the
        process dies first)."""
        transport = self._transport
        if self.lost or transport is None or transport.is_closing():
            raise WorkerLost("the worker process is gone")
        future: asyncio.Future[Digest] = asyncio.get_running_loop().create_future()
        transport.write(frame(call))
        self._pending.append(future)
        return future

    def data_received(self, data: bytes) -> None:
        for payload in self._frames.feed(data):
            try:
                ok, value = pickle.loads(payload)
            except Exception as exc:  # read whole but not unpicklable: fail that call only
                ok, value = False, RuntimeError(f"engine result unreadable: {exc}")
            future = self._pending.popleft()
            if future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        pending, self._pending = self._pending, collections.deque()
        for future in pending:
            if not future.done():
                future.set_exception(WorkerLost("the worker process serving this call died"))
        if not self.gone.done():
            self.gone.set_result(None)
        self._on_lost(self)

    def kill(self) -> None:
        self.killed = True
        if self.process.pid is not None:
            with contextlib.suppress(OSError):  # already gone
                os.kill(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        """Ask the process to leave once its calls are done."""
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(frame(None))
