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
* A worker that has not given up after ``STOP_GRACE`` seconds of its own CPU time since its
  call's deadline passed or the caller cancelled is stuck in a stage without checks (on a
  very large cluster some stages run for seconds): it is killed and replaced, so an
  abandoned call never keeps a core busy.

The module is the pool; ``worker.py`` is the server's end of one worker process and the
calls it takes, ``worker_main.py`` the loop that runs inside the worker (the only one of them
that imports the engine's stages), and ``framing.py`` how messages cross the socket.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import multiprocessing as mp
from dataclasses import dataclass
from typing import Any

from lexdigest.engine import Digest, Document, Options, Stories, Story, StoryOptions
from lexdigest.engine.model import number_stories
from lexdigest.service.runner import (
    DeadlineExceeded,
    Overloaded,
    TooLarge,
    WorkerLost,
    seconds_until,
)

from .proc import proc_usage
from .worker import Grouping, StoryPart, Worker, start_process

log = logging.getLogger("lexdigest.workers")

# CPU seconds a worker may compute on after its call was abandoned before it is killed. A
# replacement costs about 0.6 s of CPU to start and warm up, so a kill only pays when the
# stage at hand would run on longer than that; the longest stretches between checks of an
# ordinary call are ~0.2 s (a cold stem cache on a 3,000-sentence cluster).
STOP_GRACE = 0.3
QUEUED_PER_WORKER = 1  # calls waiting in a worker's socket behind the one it runs
STOP_TIMEOUT = 10.0  # seconds a worker may take to leave when the pool closes
MAX_ATTEMPTS = 3  # sends of a call whose worker died before starting it
REPLACE_INTERVAL = 1.0  # seconds between attempts to start a worker in the same place


class _NotStarted(WorkerLost):
    """The worker died with the call waiting in its socket: the call never ran."""


def _retrieved(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        task.exception()


@dataclass(slots=True, eq=False)
class _Place:
    """One place of the pool: its worker, and the state of replacing that worker."""

    worker: Worker
    replacing: asyncio.Task[Worker] | None = None  # the replacement being started
    next_attempt: float = 0.0  # loop time before which no new worker is started here
    start_error: str = ""  # why the last attempt to start a worker here failed
    parked: int = 0  # free places held back until the replacement is ready


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
        # The worker's loop imports the engine: loaded once in the fork server, shared by
        # every worker forked from it; this process never imports it.
        self._ctx.set_forkserver_preload(["lexdigest.serve.worker_main"])
        # A slot per call in flight, and apart from those a slot per story of a pile that
        # the workers may hold at once (``run_stories``): a pile is admitted as one call,
        # and its stories must not take the slots of the calls admitted beside it.
        parts = self.workers * (QUEUED_PER_WORKER + 1)
        self._tokens = self._ctx.Array("q", max_in_flight + parts, lock=False)
        self._started = self._ctx.Array("q", max_in_flight + parts, lock=False)
        self._slots = list(range(max_in_flight))
        self._calls = max_in_flight
        self._part_slots: asyncio.Queue[int] = asyncio.Queue()
        for slot in range(max_in_flight, max_in_flight + parts):
            self._part_slots.put_nowait(slot)
        self._counter = itertools.count(1)
        self._places: list[_Place] = []
        self._free = _Places()
        self._closing = False
        self.replaced = 0
        # What happened to workers, for metrics: "deadline"/"cancelled" (killed while stuck
        # on an abandoned call), "died" (lost without being killed: a crash or the kernel's
        # OOM killer) and "memory" (calls that ran out of the memory cap; the worker lives).
        self.events: collections.Counter[str] = collections.Counter()

    async def start(self) -> None:
        started = await asyncio.gather(*(self._spawn(i) for i in range(self.workers)),
                                       return_exceptions=True)
        self._places = [_Place(w) for w in started if isinstance(w, Worker)]
        failed = [e for e in started if isinstance(e, BaseException)]
        if failed:
            await self.close()
            raise failed[0]
        for index, worker in enumerate(self.workers_now()):
            if worker.lost:  # died after its warm-up, before the pool knew its place
                self._schedule_replacement(index, worker)
        # Each worker takes one call and holds one more in its socket, so it starts the next
        # call the moment it finishes one instead of idling through the hand-off between
        # processes.
        for _ in range(QUEUED_PER_WORKER + 1):
            for i in range(self.workers):
                self._free.put(i)

    async def _spawn(self, index: int) -> Worker:
        loop = asyncio.get_running_loop()
        process, sock = await loop.run_in_executor(
            None, start_process, self._ctx, self._tokens, self._started, self._memory_bytes)
        worker = Worker(process, lambda lost: self._lost(index, lost))
        await loop.create_unix_connection(lambda: worker, sock=sock)
        return worker

    def workers_now(self) -> list[Worker]:
        """The worker of each place, in place order (a lost one until it is replaced)."""
        return [place.worker for place in self._places]

    def places(self) -> list[tuple[int, int | None]]:
        """``(place, pid)`` of each place's live worker (pid ``None`` while it has none)."""
        return [(i, w.pid if w.alive else None) for i, w in enumerate(self.workers_now())]

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and operators)."""
        return [w.pid for w in self.workers_now() if w.pid is not None and not w.lost]

    async def run(self, documents: list[Document], options: Options,
                  deadline: float) -> Digest:
        digest: Digest = await self._run(documents, options, deadline)
        return digest

    async def run_stories(self, documents: list[Document], options: StoryOptions,
                          deadline: float) -> Stories:
        """The stories of a pile: grouped in one worker, then each story (its digest, time
        span and headline) built in whichever worker is free, as many at once as the workers
        take (``QUEUED_PER_WORKER + 1`` each, for all piles in flight together), so a pile of
        many stories keeps every worker busy and each of its engine calls holds one story's
        memory, not the pile's. Stories take slots of their own, never those of the other
        calls in flight. The first story that fails fails the call, and the others are
        abandoned: a story whose worker dies while building it fails the pile with
        ``WorkerLost`` (retryable), as a digest would. ``engine_ms`` adds up the engine time
        of every part, so with several workers it may exceed the call's wall time."""
        sets, spent = await self._run(documents, Grouping(options), deadline)

        async def build(story: list[list[int]]) -> tuple[int, Story, float]:
            members = sorted(i for copies in story for i in copies)
            local = {p: k for k, p in enumerate(members)}
            part = StoryPart([[local[i] for i in copies] for copies in story], options)
            built, ms = await self._run([documents[i] for i in members], part, deadline)
            return members[0], built, ms

        tasks = [asyncio.ensure_future(build(story)) for story in sets]
        try:
            parts = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        numbered = number_stories([(first, story) for first, story, _ in parts])
        return Stories(tuple(numbered), len(documents), spent + sum(ms for *_, ms in parts))

    async def _run(self, documents: list[Document], options: Options | Grouping | StoryPart,
                   deadline: float) -> Any:
        """One engine call in a free worker. It takes a call slot, or fails with
        ``Overloaded`` when none is free; a story of a pile waits for a story slot."""
        if isinstance(options, StoryPart):
            try:
                async with asyncio.timeout(seconds_until(deadline)):
                    slot = await self._part_slots.get()
            except TimeoutError:
                raise DeadlineExceeded() from None
        elif not self._slots:
            raise Overloaded()
        else:
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
                                self._places[index].parked += 1
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
            self._places[index].parked += 1
        else:
            self._free.put(index)

    def _hold_back(self, index: int) -> bool:
        """Whether a place of worker ``index`` should wait for the worker's replacement
        rather than take a call: the worker is gone and another one can serve meanwhile.
        With no live worker left the places go on circulating, so that calls wait on the
        replacement and fail with it (``WorkerLost``) if no worker can be started."""
        worker = self._places[index].worker
        if worker.alive or not any(w.alive for w in self.workers_now()):
            return False
        self._schedule_replacement(index, worker)  # one that failed is tried again
        return self._places[index].replacing is not None  # not while the pool closes

    def _release(self, slot: int) -> None:
        self._tokens[slot] = 0
        self._started[slot] = 0
        if slot < self._calls:
            self._slots.append(slot)
        else:
            self._part_slots.put_nowait(slot)

    async def _submit(self, index: int, call: tuple[Any, ...]
                      ) -> tuple[Worker, asyncio.Future[Digest]]:
        worker = self._places[index].worker
        if not worker.alive:  # died while idle: start the call on its replacement
            worker = await self._replacement(index, worker)
        return worker, worker.submit(call)

    async def _outcome(self, index: int, worker: Worker, future: asyncio.Future[Digest],
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
        except TooLarge:
            self.events["memory"] += 1
            raise
        except WorkerLost:
            self._schedule_replacement(index, worker)
            if self._started[slot] != token:
                worker.kill()  # its socket closed: make sure it can no longer run the call
                raise _NotStarted("the worker process holding this call died before "
                                  "starting it") from None
            log.warning("worker %d died during a call; replacing it", index)
            raise

    def _abandon(self, index: int, worker: Worker, future: asyncio.Future[Digest], slot: int,
                 token: int, why: str) -> None:
        """Tell the worker to drop the call; kill it if it computes on for ``STOP_GRACE``
        seconds of its own CPU time without reaching a check.

        The grace is the worker's CPU time, not the wall clock: on a machine busier than its
        cores, a worker that has not been given a core since the call was abandoned is not
        stuck, and killing it would cost a new worker's start (about 0.6 s of CPU) to
        save the few milliseconds it needs to reach its next check. Without ``/proc`` the
        grace is wall time."""
        self._tokens[slot] = token  # a queued call is skipped when reached
        loop = asyncio.get_running_loop()
        pid = worker.pid
        usage = proc_usage(pid) if pid is not None else None
        spent_at = usage[1] if usage is not None else None

        def kill_if_stuck() -> None:
            if future.done() or self._started[slot] != token or worker.lost:
                return
            if spent_at is not None and pid is not None:
                now = proc_usage(pid)
                if now is not None and now[1] - spent_at < STOP_GRACE:  # not yet given a core
                    loop.call_later(max(0.01, STOP_GRACE - (now[1] - spent_at)), kill_if_stuck)
                    return
            log.warning("worker %d still busy %.2fs of CPU after its call was abandoned (%s); "
                        "killing and replacing it", index, STOP_GRACE, why)
            self.events["cancelled" if why == "cancelled" else "deadline"] += 1
            worker.kill()
            self._schedule_replacement(index, worker)

        loop.call_later(STOP_GRACE, kill_if_stuck)

    def _lost(self, index: int, worker: Worker) -> None:
        """The socket of ``worker`` closed: count a death the pool did not cause, replace."""
        if not worker.killed and not self._closing:
            self.events["died"] += 1
        self._schedule_replacement(index, worker)

    def _schedule_replacement(self, index: int, broken: Worker) -> None:
        if index >= len(self._places) or self._closing:
            return
        place = self._places[index]
        if place.worker is broken and place.replacing is None:
            task = asyncio.ensure_future(self._replace(index, broken))
            task.add_done_callback(_retrieved)  # a failure is logged in _replace
            place.replacing = task

    async def _replacement(self, index: int, broken: Worker) -> Worker:
        """The worker that replaces ``broken``, started now if need be. A call fails at once
        (``WorkerLost``) while the last attempt to start one has just failed."""
        place = self._places[index]
        if (place.start_error and place.replacing is None
                and asyncio.get_running_loop().time() < place.next_attempt):
            raise WorkerLost(f"cannot start a worker process: {place.start_error}")
        self._schedule_replacement(index, broken)
        if place.replacing is None:  # closing
            raise WorkerLost("the worker process is gone")
        return await asyncio.shield(place.replacing)

    async def _replace(self, index: int, broken: Worker) -> Worker:
        """Replace the worker of place ``index`` once its process is gone."""
        place = self._places[index]
        try:
            broken.kill()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(broken.gone), STOP_TIMEOUT)
            # A machine that cannot start processes is not flooded with attempts.
            loop = asyncio.get_running_loop()
            await asyncio.sleep(place.next_attempt - loop.time())
            place.next_attempt = loop.time() + REPLACE_INTERVAL
            try:
                worker = await self._spawn(index)
            except (RuntimeError, OSError) as exc:
                log.error("cannot replace worker %d: %s", index, exc)
                place.start_error = str(exc)
                raise WorkerLost(f"cannot start a worker process: {exc}") from None
            place.start_error = ""
            if self._closing:
                worker.kill()
                raise WorkerLost("the server is stopping")
            place.worker = worker
            self.replaced += 1
            log.info("worker %d replaced by process %s", index, worker.pid)
            return worker
        finally:
            place.replacing = None
            parked, place.parked = place.parked, 0
            for _ in range(parked):  # a failed replacement too: the next call on this
                self._free.put(index)  # index tries again, or fails

    async def close(self) -> None:
        self._closing = True
        for place in self._places:
            if place.replacing is not None:
                place.replacing.cancel()
        workers = self.workers_now()
        for worker in workers:
            worker.stop()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.process.join, STOP_TIMEOUT)
                               for w in workers))
        for worker in workers:
            if worker.process.exitcode is None:
                worker.kill()
                await loop.run_in_executor(None, worker.process.join, 1.0)
