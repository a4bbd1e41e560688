"""One engine worker process: the loop it runs, and the server's end of its socket.

Both ends of the protocol live here. The server sends each call as one message (``framing``)
and the worker answers ``(ok, digest or error)`` for each, in order; the first message is
``WARM_UP``, answered once the engine is loaded. Cancellation crosses the process boundary
through two shared arrays indexed by the call's slot: the server writes the call's token into
``tokens[slot]`` to abandon it, and the worker writes it into ``started[slot]`` while it runs
the call (the server kills a worker stuck in a call only then). The pool that hands calls to
workers is ``workers.py``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import gc
import os
import pickle
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lexdigest.engine import (
    Digest,
    Document,
    Options,
    Story,
    StoryOptions,
    detect,
    stemming,
    stories,
    summarize_documents,
)
from lexdigest.service.runner import (
    Cancelled,
    DeadlineExceeded,
    TooLarge,
    WorkerLost,
    make_check,
)

from .framing import FrameBuffer, Unreadable, frame, read_frame

START_TIMEOUT = 120.0  # seconds a new worker may take to start and warm up
WARM_UP = "warm-up"
OUT_OF_MEMORY_EXIT = 75  # a worker's exit status when its cap leaves no memory to work in
_cancel_tokens: Any = None  # the shared arrays, inside a worker process
_started_tokens: Any = None


# ------------------------------------------------------------------ inside a worker process


def _init_worker(tokens: Any, started: Any, memory_bytes: int = 0) -> None:
    global _cancel_tokens, _started_tokens
    _cancel_tokens = tokens
    _started_tokens = started
    # Ctrl-C reaches the whole process group; the server drains and then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The engine's resources (stop words, stemmers, language detection's native library and
    # model) are loaded before the memory cap applies: they are the process's, not a call's,
    # and loaded under a tight cap they fail as an ImportError or a crash at start. A cap too
    # small for a call then shows as the memory error of the warm-up call. Without the
    # detection library, the calls that need it say how to install it.
    from lexdigest.engine.text import analyzer

    analyzer("en")
    with contextlib.suppress(ImportError):
        detect.load()
    with contextlib.suppress(ImportError):
        stemming.load()  # the compiled stemmers of languages nltk has none for
    # What is loaded now (the engine, its patterns and models) lives as long as the worker:
    # no collection needs to walk it again, and pages shared with the fork server stay shared.
    gc.freeze()
    if memory_bytes > 0:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            memory_bytes = min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))


def _warm_up(documents: list[Document]) -> int:
    """Run ``documents`` (a small call, sent by the server) once; the worker's pid. English,
    as a call that names no language is (``service.convert``): no detection model loaded."""
    summarize_documents(documents, Options(language="en"))
    return os.getpid()


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


def _work(documents: list[Document], options: Options | Grouping | StoryPart, deadline: float,
          slot: int, token: int) -> Digest | tuple[list[list[list[int]]] | Story, float]:
    tokens = _cancel_tokens
    _started_tokens[slot] = token  # the server kills a stuck worker only if set
    check = make_check(deadline, lambda: bool(tokens[slot] == token))
    check()
    try:
        if isinstance(options, Options):
            return summarize_documents(documents, options, check)
        started = time.perf_counter()
        result: list[list[list[int]]] | Story
        if isinstance(options, Grouping):
            o = options.options
            result = stories.story_sets(documents, o.granularity, o.digest.language, check)
        else:
            result = stories.story(documents, options.sets, options.options, check)
        return result, (time.perf_counter() - started) * 1e3
    except MemoryError:
        raise TooLarge() from None


def serve(sock: socket.socket, tokens: Any, started: Any, memory_bytes: int) -> None:
    """A worker's life: answer each call read from ``sock`` with ``(ok, digest or error)``,
    in order, until the pool sends ``None`` or goes away.

    Running out of memory under the cap fails the call at hand with ``TooLarge`` wherever it
    happens (receiving the call, running it, sending the digest); the worker lives on. A worker
    that has not even the memory to read a message exits with ``OUT_OF_MEMORY_EXIT``.
    """
    try:
        _serve(sock, tokens, started, memory_bytes)
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)  # no traceback: there is no memory to print one


def _serve(sock: socket.socket, tokens: Any, started: Any, memory_bytes: int) -> None:
    _init_worker(tokens, started, memory_bytes)
    while True:
        try:
            call = read_frame(sock)
        except Unreadable:
            call = _UNREADABLE
        except (EOFError, OSError):
            return
        if call is None:
            return
        outcome: tuple[bool, Any] | None = _outcome(call)
        if isinstance(call, tuple) and call[0] != WARM_UP:
            started[call[3]] = 0  # done: a late stuck-check must not hit the next call
        try:
            data = frame(outcome)
        except MemoryError:
            outcome = None
            data = frame((False, TooLarge()))
        except Exception as exc:  # the outcome could not be pickled
            data = frame((False, RuntimeError(f"engine result not transferable: {exc}")))
        try:
            sock.sendall(data)
        except OSError:
            return
        del data, outcome, call


_UNREADABLE = "unreadable"


def _outcome(call: Any) -> tuple[bool, Any]:
    """``(True, result)`` of one message, or ``(False, the error the call fails with)``."""
    try:
        if call == _UNREADABLE:
            raise TooLarge()
        if isinstance(call, tuple) and call and call[0] == WARM_UP:
            return True, _warm_up(*call[1:])
        return True, _work(*call)
    except (Cancelled, DeadlineExceeded, TooLarge) as exc:
        return False, exc
    except MemoryError:
        return False, TooLarge()
    except Exception as exc:  # a bug fails its call, not the worker
        return False, RuntimeError(f"engine error: {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------- in the server process


def start_process(ctx: Any, tokens: Any, started: Any,
                  memory_bytes: int) -> tuple[Any, socket.socket]:
    """Start and warm up one worker (blocking); its process and the server's socket end."""
    ours, theirs = socket.socketpair()
    process = ctx.Process(target=serve, args=(theirs, tokens, started, memory_bytes),
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
