"""A pool of engine worker processes that keeps every core busy for any number of clients.

gRPC's Python server runs handlers in one process, bound by the GIL; worker processes behind
``SO_REUSEPORT`` would spread connections, not calls. Here the server's event loop only
forwards: each call takes a free worker process, sends it the documents, and awaits the
digest. Design points:

* Workers are started from a ``forkserver`` before the gRPC server starts (no forking of a
  process that already runs gRPC threads), each pre-loaded and warmed up.
* Each worker has its own socket pair, read and written by the event loop (asyncio
  transports): a call is one length-prefixed pickle sent to the worker, its outcome one sent
  back, in order. No thread sits between a call and its worker, so on a machine whose cores
  the workers keep busy the server process wakes as seldom as the calls allow.
* When a worker dies (killed, out of memory) only the call it was running fails
  (``WorkerLost``, retryable); a call waiting in its socket is sent to the next free worker.
  That worker alone is replaced, in the background, from the moment its socket closes; until
  its replacement is ready, calls go to the live workers rather than wait for it.
* Cancellation and deadlines cross the process boundary through a shared array of tokens: the
  server writes the call's token into its slot, the worker's ``check`` hook sees it between
  stages and inside the ranking loop and abandons the work.
* Slots double as the in-flight bound: when every slot is taken, a call is shed at once with
  ``Overloaded`` instead of queueing without bound.
* ``memory_mb`` caps each worker's address space: a cluster whose similarity graph would
  not fit fails that call with ``TooLarge`` instead of exhausting the machine's memory.
* A worker that has not given up ``STOP_GRACE`` seconds after its call's deadline passed or
  the caller cancelled is stuck in a stage without checks (on a very large cluster some
  stages run for seconds): it is killed and replaced, so an abandoned call never keeps a
  core busy.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import multiprocessing as mp
import os
import pickle
import signal
import socket
import struct
import time
from collections.abc import Callable
from typing import Any

from lexdigest.engine import (
    Digest,
    Document,
    Options,
    Stories,
    StoryOptions,
    summarize_documents,
    summarize_stories,
)
from lexdigest.service.runner import (
    Cancelled,
    DeadlineExceeded,
    Overloaded,
    TooLarge,
    WorkerLost,
    seconds_until,
)

log = logging.getLogger("lexdigest.workers")

STOP_GRACE = 0.1  # seconds a worker may run on after its call was abandoned
QUEUED_PER_WORKER = 1  # calls waiting in a worker's socket behind the one it runs
START_TIMEOUT = 120.0  # seconds a new worker may take to start and warm up
STOP_TIMEOUT = 10.0  # seconds a worker may take to leave when the pool closes
MAX_ATTEMPTS = 3  # sends of a call whose worker died before starting it
REPLACE_INTERVAL = 1.0  # seconds between attempts to start a worker in the same place
_WARM_UP = "warm-up"
_FRAME = struct.Struct("!Q")  # each message: its length, then its pickle
_cancel_tokens: Any = None  # the shared arrays, inside a worker process
_started_tokens: Any = None


def _frame(obj: object) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _FRAME.pack(len(data)) + data


def _read_frame(sock: socket.socket) -> Any:
    """The next message on a blocking socket; ``EOFError`` when the peer has gone."""
    head = _read_exact(sock, _FRAME.size)
    return pickle.loads(_read_exact(sock, _FRAME.unpack(head)[0]))


def _read_exact(sock: socket.socket, n: int) -> bytearray:
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = sock.recv_into(view[got:])
        if not k:
            raise EOFError
        got += k
    return buf


# ------------------------------------------------------------------ inside a worker process


def _init_worker(tokens: Any, started: Any, memory_bytes: int = 0) -> None:
    global _cancel_tokens, _started_tokens
    _cancel_tokens = tokens
    _started_tokens = started
    # Ctrl-C reaches the whole process group; the server drains and then stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_bytes > 0:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            memory_bytes = min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))
    from lexdigest.engine.text import analyzer

    analyzer("en")


def _warm_up() -> int:
    summarize_documents([Document("w", "Warm-up text for the worker. It has two sentences.")])
    return os.getpid()


def _work(documents: list[Document], options: Options | StoryOptions, deadline: float,
          slot: int, token: int) -> Digest | Stories:
    tokens = _cancel_tokens
    _started_tokens[slot] = token  # the server kills a stuck worker only if set

    def check() -> None:
        if tokens[slot] == token:
            raise Cancelled()
        if time.time() >= deadline:
            raise DeadlineExceeded()

    check()
    try:
        if isinstance(options, StoryOptions):  # a pile, for run_stories
            return summarize_stories(documents, options, check)
        return summarize_documents(documents, options, check)
    except MemoryError:
        raise TooLarge() from None


def _serve(sock: socket.socket, tokens: Any, started: Any, memory_bytes: int) -> None:
    """A worker's life: answer each call read from ``sock`` with ``(ok, digest or error)``,
    in order, until the pool sends ``None`` or goes away."""
    _init_worker(tokens, started, memory_bytes)
    while True:
        try:
            call = _read_frame(sock)
        except (EOFError, OSError):
            return
        if call is None:
            return
        try:
            outcome: tuple[bool, Any] = (True, _warm_up() if call == _WARM_UP else _work(*call))
        except (Cancelled, DeadlineExceeded, TooLarge) as exc:
            outcome = (False, exc)
        except Exception as exc:  # a bug fails its call, not the worker
            outcome = (False, RuntimeError(f"engine error: {type(exc).__name__}: {exc}"))
        if call != _WARM_UP:
            started[call[3]] = 0  # done: a late stuck-check must not hit the next call
        try:
            data = _frame(outcome)
        except Exception as exc:  # the outcome could not be pickled
            data = _frame((False, RuntimeError(f"engine result not transferable: {exc}")))
        try:
            sock.sendall(data)
        except OSError:
            return


# ---------------------------------------------------------------------- in the server process


def _start_process(ctx: Any, tokens: Any, started: Any,
                   memory_bytes: int) -> tuple[Any, socket.socket]:
    """Start and warm up one worker (blocking); its process and the server's socket end."""
    ours, theirs = socket.socketpair()
    process = ctx.Process(target=_serve, args=(theirs, tokens, started, memory_bytes),
                          name="lexdigest-worker", daemon=True)
    try:
        process.start()
    finally:
        theirs.close()
    try:
        ours.settimeout(START_TIMEOUT)
        ours.sendall(_frame(_WARM_UP))
        _read_frame(ours)
    except BaseException as exc:
        ours.close()
        if process.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGKILL)
        if isinstance(exc, TimeoutError):
            raise RuntimeError("a worker process did not start in time") from None
        if isinstance(exc, EOFError | OSError):
            raise RuntimeError("a worker process exited while starting") from None
        raise
    ours.setblocking(False)
    return process, ours


class _NotStarted(WorkerLost):
    """The worker died with the call waiting in its socket: the call never ran."""


def _retrieved(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        task.exception()


class _Worker(asyncio.Protocol):
    """One engine process, the socket to it, and the calls it holds, oldest first."""

    def __init__(self, process: Any, on_lost: Callable[[_Worker], None]) -> None:
        self.process = process
        self.lost = False
        self._on_lost = on_lost
        self._transport: asyncio.Transport | None = None
        self._pending: collections.deque[asyncio.Future[Digest]] = collections.deque()
        self._buffer = bytearray()
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
        transport.write(_frame(call))
        self._pending.append(future)
        return future

    def data_received(self, data: bytes) -> None:
        buf = self._buffer
        buf += data
        while len(buf) >= _FRAME.size:
            end = _FRAME.size + _FRAME.unpack_from(buf)[0]
            if len(buf) < end:
                return
            payload = bytes(memoryview(buf)[_FRAME.size:end])
            del buf[:end]
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
        if self.process.pid is not None:
            with contextlib.suppress(OSError):  # already gone
                os.kill(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        """Ask the process to leave once its calls are done."""
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(_frame(None))


class _Places:
    """Free places in the workers, handed out first come, first served.

    A place given back goes straight to the call that has waited longest; with an
    ``asyncio.Queue`` a call arriving in the same loop iteration could take it first, and
    under steady load a waiting call could be passed over until its deadline.
    """

    def __init__(self) -> None:
        self._free: collections.deque[int] = collections.deque()
        self._waiting: collections.deque[asyncio.Future[int]] = collections.deque()

    def put(self, index: int) -> None:
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(index)
                return
        self._free.append(index)

    async def get(self) -> int:
        if self._free:
            return self._free.popleft()
        waiter: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # handed a place as it gave up
                self.put(waiter.result())
            raise


class ProcessRunner:
    """Runs the engine in ``workers`` processes; at most ``max_in_flight`` calls at once."""

    def __init__(self, workers: int, max_in_flight: int = 64, memory_mb: int = 0) -> None:
        self.workers = max(1, workers)
        self._memory_bytes = max(0, memory_mb) * 1024 * 1024
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(["lexdigest.engine"])
        self._tokens = self._ctx.Array("q", max_in_flight, lock=False)
        self._started = self._ctx.Array("q", max_in_flight, lock=False)
        self._slots = list(range(max_in_flight))
        self._counter = itertools.count(1)
        self._workers: list[_Worker] = []
        self._replacing: dict[int, asyncio.Task[_Worker]] = {}
        self._next_attempt: dict[int, float] = {}  # loop time before which a place waits
        self._start_error: dict[int, str] = {}  # why the last attempt in a place failed
        self._free = _Places()
        # Free places of workers being replaced, held back until the replacement is ready.
        self._parked: collections.Counter[int] = collections.Counter()
        self._closing = False
        self.replaced = 0

    async def start(self) -> None:
        started = await asyncio.gather(*(self._spawn(i) for i in range(self.workers)),
                                       return_exceptions=True)
        self._workers = [w for w in started if isinstance(w, _Worker)]
        failed = [e for e in started if isinstance(e, BaseException)]
        if failed:
            await self.close()
            raise failed[0]
        for index, worker in enumerate(self._workers):
            if worker.lost:  # died after its warm-up, before the pool knew its place
                self._schedule_replacement(index, worker)
        # Each worker takes one call and holds one more in its socket, so it starts the next
        # call the moment it finishes one instead of idling through the hand-off between
        # processes.
        for _ in range(QUEUED_PER_WORKER + 1):
            for i in range(self.workers):
                self._free.put(i)

    async def _spawn(self, index: int) -> _Worker:
        loop = asyncio.get_running_loop()
        process, sock = await loop.run_in_executor(
            None, _start_process, self._ctx, self._tokens, self._started, self._memory_bytes)
        worker = _Worker(process, lambda lost: self._schedule_replacement(index, lost))
        await loop.create_unix_connection(lambda: worker, sock=sock)
        return worker

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and operators)."""
        return [w.pid for w in self._workers if w.pid is not None and not w.lost]

    async def run(self, documents: list[Document], options: Options,
                  deadline: float) -> Digest:
        digest: Digest = await self._run(documents, options, deadline)
        return digest

    async def run_stories(self, documents: list[Document], options: StoryOptions,
                          deadline: float) -> Stories:
        """The stories of a pile, clustered and digested in one worker."""
        stories: Stories = await self._run(documents, options, deadline)
        return stories

    async def _run(self, documents: list[Document], options: Options | StoryOptions,
                   deadline: float) -> Any:
        if not self._slots:
            raise Overloaded()
        slot = self._slots.pop()
        future: asyncio.Future[Digest] | None = None
        try:
            for attempt in range(1, MAX_ATTEMPTS + 1):
                index: int | None = None
                future = None
                token = next(self._counter)
                self._tokens[slot] = 0
                self._started[slot] = 0
                try:
                    try:
                        async with asyncio.timeout(seconds_until(deadline)):
                            index = await self._free.get()
                            while self._hold_back(index):  # wait for a live worker instead
                                self._parked[index] += 1
                                index = None
                                index = await self._free.get()
                            worker, future = await self._submit(
                                index, (documents, options, deadline, slot, token))
                    except TimeoutError:
                        raise DeadlineExceeded() from None
                    return await self._outcome(index, worker, future, deadline, slot, token)
                except _NotStarted:
                    # A call still waiting in the socket of a worker that died (killed for
                    # being stuck on an abandoned call, or out of memory on another) never
                    # ran: it is sent again, to the next free worker. Only the call that was
                    # running when its worker died fails.
                    if attempt == MAX_ATTEMPTS:
                        raise
                    log.warning("worker %d is gone with a call it had not started; sending the "
                                "call again", index)
                finally:
                    self._give_back(index, future)
            raise AssertionError("unreachable")  # the last attempt returns or raises
        finally:
            # An abandoned call may still sit in, or run on, its worker; the slot (whose
            # tokens are the call's) is reused only once the worker has skipped, finished or
            # lost the call.
            if future is None or future.done():
                self._release(slot)
            else:
                future.add_done_callback(lambda _: self._release(slot))

    def _give_back(self, index: int | None, future: asyncio.Future[Digest] | None) -> None:
        """Return worker ``index`` to the free list once it has skipped, finished or lost the
        call of ``future``: no other call queues behind a worker about to be killed. While
        that worker is being replaced, its place waits for the replacement."""
        if index is None:
            return
        if future is None or future.done():
            self._return(index)
        else:
            future.add_done_callback(lambda _: self._return(index))

    def _return(self, index: int) -> None:
        if self._hold_back(index):
            self._parked[index] += 1
        else:
            self._free.put(index)

    def _hold_back(self, index: int) -> bool:
        """Whether a place of worker ``index`` should wait for the worker's replacement
        rather than take a call: the worker is gone and another one can serve meanwhile.
        With no live worker left the places go on circulating, so that calls wait on the
        replacement and fail with it (``WorkerLost``) if no worker can be started."""
        worker = self._workers[index]
        if worker.alive or not any(w.alive for w in self._workers):
            return False
        self._schedule_replacement(index, worker)  # one that failed is tried again
        return index in self._replacing  # not while the pool closes

    def _release(self, slot: int) -> None:
        self._tokens[slot] = 0
        self._started[slot] = 0
        self._slots.append(slot)

    async def _submit(self, index: int, call: tuple[Any, ...]
                      ) -> tuple[_Worker, asyncio.Future[Digest]]:
        worker = self._workers[index]
        if not worker.alive:  # died while idle: start the call on its replacement
            worker = await self._replacement(index, worker)
        return worker, worker.submit(call)

    async def _outcome(self, index: int, worker: _Worker, future: asyncio.Future[Digest],
                       deadline: float, slot: int, token: int) -> Digest:
        """Await the digest; on deadline or cancellation tell the worker to drop the call."""
        try:
            async with asyncio.timeout(seconds_until(deadline)):
                return await asyncio.shield(future)
        except TimeoutError:
            self._abandon(index, worker, future, slot, token, "deadline exceeded")
            raise DeadlineExceeded() from None
        except asyncio.CancelledError:
            self._abandon(index, worker, future, slot, token, "cancelled")
            raise
        except WorkerLost:
            self._schedule_replacement(index, worker)
            if self._started[slot] != token:
                worker.kill()  # its socket closed: make sure it can no longer run the call
                raise _NotStarted("the worker process holding this call died before "
                                  "starting it") from None
            log.warning("worker %d died during a call; replacing it", index)
            raise

    def _abandon(self, index: int, worker: _Worker, future: asyncio.Future[Digest], slot: int,
                 token: int, why: str) -> None:
        self._tokens[slot] = token  # a queued call is skipped when reached

        def kill_if_stuck() -> None:
            if not future.done() and self._started[slot] == token and not worker.lost:
                log.warning("worker %d still busy %.2fs after its call was abandoned (%s); "
                            "killing and replacing it", index, STOP_GRACE, why)
                worker.kill()
                self._schedule_replacement(index, worker)

        asyncio.get_running_loop().call_later(STOP_GRACE, kill_if_stuck)

    def _schedule_replacement(self, index: int, broken: _Worker) -> None:
        if (index < len(self._workers) and self._workers[index] is broken
                and index not in self._replacing and not self._closing):
            task = asyncio.ensure_future(self._replace(index, broken))
            task.add_done_callback(_retrieved)  # a failure is logged in _replace
            self._replacing[index] = task

    async def _replacement(self, index: int, broken: _Worker) -> _Worker:
        """The worker that replaces ``broken``, started now if need be. A call fails at once
        (``WorkerLost``) while the last attempt to start one has just failed."""
        failed = self._start_error.get(index)
        if (failed and index not in self._replacing
                and asyncio.get_running_loop().time() < self._next_attempt.get(index, 0.0)):
            raise WorkerLost(f"cannot start a worker process: {failed}")
        self._schedule_replacement(index, broken)
        task = self._replacing.get(index)
        if task is None:  # closing
            raise WorkerLost("the worker process is gone")
        return await asyncio.shield(task)

    async def _replace(self, index: int, broken: _Worker) -> _Worker:
        """Replace worker ``index`` once its process is gone."""
        try:
            broken.kill()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(broken.gone), STOP_TIMEOUT)
            # A machine that cannot start processes is not flooded with attempts.
            loop = asyncio.get_running_loop()
            await asyncio.sleep(self._next_attempt.get(index, 0.0) - loop.time())
            self._next_attempt[index] = loop.time() + REPLACE_INTERVAL
            try:
                worker = await self._spawn(index)
            except (RuntimeError, OSError) as exc:
                log.error("cannot replace worker %d: %s", index, exc)
                self._start_error[index] = str(exc)
                raise WorkerLost(f"cannot start a worker process: {exc}") from None
            self._start_error.pop(index, None)
            if self._closing:
                worker.kill()
                raise WorkerLost("the server is stopping")
            self._workers[index] = worker
            self.replaced += 1
            log.info("worker %d replaced by process %s", index, worker.pid)
            return worker
        finally:
            del self._replacing[index]
            for _ in range(self._parked.pop(index, 0)):  # a failed replacement too: the next
                self._free.put(index)  # call on this index tries again, or fails

    async def close(self) -> None:
        self._closing = True
        for task in list(self._replacing.values()):
            task.cancel()
        for worker in self._workers:
            worker.stop()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.process.join, STOP_TIMEOUT)
                               for w in self._workers))
        for worker in self._workers:
            if worker.process.exitcode is None:
                worker.kill()
                await loop.run_in_executor(None, worker.process.join, 1.0)
