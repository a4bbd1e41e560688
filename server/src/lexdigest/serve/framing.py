"""Messages between the server and its worker processes: length-prefixed pickles.

Each message is its pickle's length (8 bytes, network order), then the pickle. The worker reads
them from a blocking socket (``read_frame``); the server's event loop receives bytes in
whatever pieces the transport delivers and cuts them into messages (``FrameBuffer``).
Both ends are lexdigest processes of the same installation, started by the server, so
pickle is safe here and the fastest way to move documents and digests.
"""

from __future__ import annotations

import pickle
import socket
import struct
from typing import Any

HEADER = struct.Struct("!Q")  # each message: its length, then its pickle


def frame(obj: object) -> bytes:
    """The bytes that send ``obj`` as one message."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


class Unreadable(Exception):
    """A message arrived whole but this process had no memory to hold or unpickle it; the
    stream is still in step (its bytes were read and dropped)."""


def read_frame(sock: socket.socket) -> Any:
    """The next message on a blocking socket; ``EOFError`` when the peer has gone.

    Raises ``Unreadable`` when the message does not fit in memory (a worker under its
    address-space cap): its bytes are skipped so the next message can still be read.
    """
    n = HEADER.unpack(_read_exact(sock, HEADER.size))[0]
    try:
        data = _read_exact(sock, n)
    except MemoryError:
        _skip(sock, n)
        raise Unreadable() from None
    try:
        return pickle.loads(data)
    except MemoryError:
        raise Unreadable() from None
    finally:
        del data


_SKIP_CHUNK = 1 << 16


def _skip(sock: socket.socket, n: int) -> None:
    """Read and drop ``n`` bytes in small pieces (the memory to hold them is not there)."""
    buf = bytearray(min(n, _SKIP_CHUNK))
    while n > 0:
        k = sock.recv_into(buf, min(n, len(buf)))
        if not k:
            raise EOFError
        n -= k


def _read_exact(sock: socket.socket, n: int) -> bytearray:
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = sock.recv_into(view[got:])
        if not k:
            raise EOFError
        got += k
    return buf


class FrameBuffer:
    """Bytes received so far, cut into whole messages as they complete."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        """The pickles of the messages ``data`` completes, in order (not yet unpickled, so
        that one unreadable message fails only its own call)."""
        buf = self._buffer
        buf += data
        out: list[bytes] = []
        while len(buf) >= HEADER.size:
            end = HEADER.size + HEADER.unpack_from(buf)[0]
            if len(buf) < end:
                break
            out.append(bytes(memoryview(buf)[HEADER.size:end]))
            del buf[:end]
        return out
