"""How the HTTP gateway reads and writes proto3 JSON: bodies, NDJSON streams, and a caller
that leaves before its answer.

``parse`` turns a body (or one NDJSON line) into its message with protobuf's ``json_format``,
or raises ``Rejected`` with an INVALID_ARGUMENT status naming where; ``NdjsonStream`` is the
ASGI answer of a streaming method; ``unless_disconnected`` cancels a unary call whose caller
went away, as gRPC does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message
from google.rpc import status_pb2
from starlette.requests import ClientDisconnect, Request

from lexdigest.service import status as statuses

NDJSON = "application/x-ndjson"


class _UnpairedSurrogates:
    """Stands in for ``json_format``'s unpaired-surrogate regex, which it runs on every string
    of a request: with its look-behind the regex scans a document's text at ~5 µs per kB, so a
    30 kB DUC cluster cost 3-4 ms of the server's event loop per call, a third of the engine's
    time. After ``json.loads`` (which joins escaped pairs into one code point) a string holds a
    surrogate only if it is unpaired, and exactly then it cannot be encoded as UTF-8, which
    Python checks in C at ~0.3 µs per kB. Same answers for every JSON body."""

    @staticmethod
    def search(value: str) -> bool | None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return None


if isinstance(getattr(json_format, "_UNPAIRED_SURROGATE_PATTERN", None), re.Pattern):
    json_format._UNPAIRED_SURROGATE_PATTERN = _UnpairedSurrogates()


class Rejected(Exception):
    """A request the gateway answers with ``status`` without calling the service."""

    def __init__(self, st: status_pb2.Status) -> None:
        super().__init__(st.message)
        self.status = st


def parse(data: bytes, cls: type[Message], where: str) -> Message:
    """The ``cls`` message that ``data`` spells in proto3 JSON; raises ``Rejected``."""
    try:
        return json_format.Parse(data.decode("utf-8"), cls())
    except (json_format.ParseError, UnicodeDecodeError, RecursionError) as exc:
        # json_format nests "Failed to parse <field> field: " once per level; the innermost
        # part says what is wrong and where (descriptions are cut to 120 bytes).
        problem = _NESTING.sub("", str(exc)) or type(exc).__name__
        raise Rejected(statuses.invalid([(where, f"not {cls.DESCRIPTOR.name} JSON: "
                                                 f"{problem}")])) from None


_NESTING = re.compile(r"^(?:Failed to parse \w+ field: )+")


def cluster_id(line: bytes) -> str:
    """The ``clusterId`` of a batch line that is JSON but not a valid message ("" if none)."""
    try:
        value = json.loads(line)
    except ValueError:
        return ""
    found = value.get("clusterId", value.get("cluster_id", "")) if isinstance(value, dict) else ""
    return found if isinstance(found, str) else ""


def to_line(message: Message) -> bytes:
    """``message`` as one NDJSON line."""
    return str(json_format.MessageToJson(message, indent=None)).encode() + b"\n"


async def lines_of(chunks: AsyncIterator[bytes], max_line: int) -> AsyncIterator[bytes]:
    """The lines of a streamed body; a line longer than ``max_line`` ends the call."""
    pending = b""
    async for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:  # the lines before a long one are still read
            if len(line) > max_line:
                raise ValueError("a line longer than the message limit")
            yield line
        if len(pending) > max_line:
            raise ValueError("a line longer than the message limit")
    if pending:
        yield pending


async def unless_disconnected(request: Request, work: Awaitable[Any]) -> Any:
    """``work``'s result; cancels it and raises ``ClientDisconnect`` when the caller leaves
    first (as gRPC cancels a call whose caller went away)."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        raise ClientDisconnect()
    return task.result()


async def _disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


class NdjsonStream:
    """A streamed NDJSON answer that reads its request body while it writes.

    Starlette's ``StreamingResponse`` reads ``receive`` itself to notice a caller that went
    away, which would take the request body's messages; here the body is read through
    ``body()`` only, and once it has ended a watcher waits for the disconnect and cancels
    the answer (and with it the clusters still running)."""

    def __init__(self, receive: Any) -> None:
        self._receive = receive
        self._task: asyncio.Task[Any] | None = None
        self._watch: asyncio.Task[None] | None = None
        self.lines: AsyncGenerator[bytes, None] | None = None
        self.extra_headers: dict[str, str] = {}

    async def body(self) -> AsyncIterator[bytes]:
        while True:
            message = await self._receive()
            if message["type"] == "http.disconnect":
                self._cancel()
                raise ClientDisconnect()
            yield message.get("body", b"")
            if not message.get("more_body", False):
                break
        self._watch = asyncio.ensure_future(self._until_disconnect())

    async def _until_disconnect(self) -> None:
        while (await self._receive())["type"] != "http.disconnect":
            pass
        self._cancel()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        assert self.lines is not None
        self._task = asyncio.current_task()
        headers = [(b"content-type", NDJSON.encode()),
                   *((k.encode(), v.encode()) for k, v in self.extra_headers.items())]
        try:
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            async with contextlib.aclosing(self.lines) as lines:
                async for line in lines:
                    await send({"type": "http.response.body", "body": line, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except asyncio.CancelledError:
            if self._task is not None and self._task.cancelling():
                self._task.uncancel()  # the caller left: nothing more to send
                return
            raise
        finally:
            if self._watch is not None:
                self._watch.cancel()
