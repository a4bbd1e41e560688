"""The worker pool's places when workers die and cannot be started again.

A real server cannot be made to fail starting a worker on demand, so these tests drive
``ProcessRunner`` itself on an event loop, with workers that answer in-process through the
same socket protocol (``Worker`` reads real frames) and a ``_spawn`` that can be told to fail.
Killed workers, replacements and stuck workers of real servers are tested in
``test_robustness.py``.
"""

from __future__ import annotations

import asyncio
import pickle
import time
from typing import Any

import pytest
from lexdigest.serve import framing, workers
from lexdigest.serve.worker import Worker
from lexdigest.serve.workers import ProcessRunner, _Places
from lexdigest.service.runner import WorkerLost

WORK_SECONDS = 0.02


class _Process:
    pid = None
    exitcode = 0

    def join(self, timeout: float | None = None) -> None:
        return None


class _Transport(asyncio.Transport):
    """The server's end of a worker's socket; the worker answers each call after
    ``WORK_SECONDS``, in order, until it dies."""

    def __init__(self, worker: Worker, started: Any) -> None:
        super().__init__()
        self.worker, self.started, self.closed = worker, started, False

    def is_closing(self) -> bool:
        return self.closed

    def write(self, data: Any) -> None:
        call = pickle.loads(data[framing.HEADER.size:])
        if call is not None:
            asyncio.get_running_loop().call_later(WORK_SECONDS, self._answer, call[3], call[4])

    def _answer(self, slot: int, token: int) -> None:
        if not self.closed:
            self.started[slot] = token
            self.worker.data_received(framing.frame((True, f"digest {token}")))

    def die(self) -> None:
        self.closed = True
        asyncio.get_running_loop().call_soon(self.worker.connection_lost, None)


class _Pool(ProcessRunner):
    def __init__(self, n: int) -> None:
        super().__init__(n)
        self.failing = False
        self.spawns = 0

    async def _spawn(self, index: int) -> Worker:
        self.spawns += 1
        await asyncio.sleep(0.01)
        if self.failing:
            raise RuntimeError("no process can be started")
        worker = Worker(_Process(), lambda lost: self._schedule_replacement(index, lost))
        worker.connection_made(_Transport(worker, self._started))
        return worker

    def kill(self, index: int) -> None:
        transport = self.workers_now()[index]._transport
        assert isinstance(transport, _Transport)
        transport.die()

    def places(self) -> list[int]:
        return sorted([*self._free._free,
                       *(i for i, p in enumerate(self._places) for _ in range(p.parked))])


async def _call(pool: _Pool, seconds: float = 5.0) -> tuple[str, float]:
    began = time.monotonic()
    try:
        await pool.run([], None, time.time() + seconds)  # type: ignore[arg-type]
        outcome = "ok"
    except WorkerLost:
        outcome = "lost"
    return outcome, time.monotonic() - began


def test_calls_go_to_the_live_worker_while_a_dead_one_cannot_be_replaced() -> None:
    async def scenario() -> None:
        pool = _Pool(2)
        await pool.start()
        pool.failing = True
        pool.kill(0)
        await asyncio.sleep(0)
        outcomes: list[tuple[str, float]] = []
        end = time.monotonic() + 2.5

        async def caller() -> None:
            while time.monotonic() < end:
                outcomes.append(await _call(pool))

        await asyncio.gather(*(caller() for _ in range(4)))
        assert {o for o, _ in outcomes} == {"ok"}
        assert max(t for _, t in outcomes) < 0.5  # no call waits on the failing replacement
        assert len(outcomes) > 50
        assert pool.spawns - 2 <= 4  # about one attempt a second, not one per call
        pool.failing = False
        await asyncio.sleep(workers.REPLACE_INTERVAL + 0.2)
        results = await asyncio.gather(*(_call(pool) for _ in range(8)))
        assert {o for o, _ in results} == {"ok"}
        await asyncio.sleep(0.1)
        assert not any(w.lost for w in pool.workers_now())
        assert pool.places() == [0, 0, 1, 1]  # every place is back, none twice
        await pool.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("n", [1, 2])
def test_calls_fail_fast_when_no_worker_can_be_started(n: int) -> None:
    async def scenario() -> None:
        pool = _Pool(n)
        await pool.start()
        pool.failing = True
        for i in range(n):
            pool.kill(i)
        await asyncio.sleep(0)
        results = await asyncio.gather(*(_call(pool, seconds=10) for _ in range(8)))
        assert {o for o, _ in results} == {"lost"}  # retryable UNAVAILABLE, not a deadline
        assert max(t for _, t in results) < 2
        await asyncio.sleep(0.1)
        assert pool.places() == sorted(list(range(n)) * 2)
        await pool.close()

    asyncio.run(scenario())


def test_a_place_given_back_goes_to_the_longest_waiting_call() -> None:
    async def scenario() -> None:
        places = _Places()
        places.put(7)
        assert await places.get() == 7
        first = asyncio.create_task(places.get())
        second = asyncio.create_task(places.get())
        await asyncio.sleep(0)
        places.put(7)
        newcomer = asyncio.create_task(places.get())  # arrives in the same loop iteration
        await asyncio.sleep(0)
        assert first.done() and first.result() == 7
        assert not second.done() and not newcomer.done()
        # A call handed a place as it gives up passes the place on.
        places.put(7)
        second.cancel()
        for _ in range(3):
            await asyncio.sleep(0)
        assert newcomer.done() and newcomer.result() == 7

    asyncio.run(scenario())
