"""Inside an engine worker process: the loop that answers the server's calls.

``serve`` reads each call from the worker's socket, runs the engine on it and writes the
outcome back (``worker.py`` holds the server's end and the messages). The engine's resources
are loaded before the worker's memory cap applies, and the first call is the server's
warm-up.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import socket
import time
from typing import Any

from lexdigest.engine import (
    Digest,
    Document,
    Options,
    Story,
    detect,
    sentence_graph,
    stemming,
    stories,
    summarize_documents,
)
from lexdigest.service.runner import Cancelled, DeadlineExceeded, TooLarge, make_check

from .framing import Unreadable, frame, read_frame
from .worker import OUT_OF_MEMORY_EXIT, WARM_UP, Grouping, StoryPart

_cancel_tokens: Any = None  # the shared arrays, inside a worker process
_started_tokens: Any = None


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
    sentence_graph.load()  # the scaled graph's compiled product (a dependency of the server)
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


