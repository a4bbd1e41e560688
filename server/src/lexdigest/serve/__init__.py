"""The lexdigest server process: ports, workers, health, reflection, signals, metrics.

``embedded(**settings)`` is the one entry for running a server inside another program (the
``lexdigest`` command uses it when no ``--target`` is given)::

    >>> from lexdigest.serve import embedded
    >>> with embedded() as target:  # doctest: +SKIP
    ...     with DigestClient(target) as client:
    ...         print(client.health())
    SERVING

The modules of this package are imported only when a server starts: worker processes import
``lexdigest.serve.workers`` and must not pay for gRPC.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["embedded"]


@contextlib.contextmanager
def embedded(**settings: Any) -> Iterator[str]:
    """A server on a free loopback port for the ``with`` block; yields its target.

    ``settings`` are fields of ``lexdigest.serve.config.Config`` (``workers``, ``auth_token``,
    ``limits``, ...); the defaults differ from the ``lexdigest-server`` command's for
    embedding: ``host="127.0.0.1"``, ``port=0`` (a free one), ``workers=-1`` (the engine runs
    in threads of this process, no worker processes) and ``grace_seconds=1``. Leaving the
    block drains the server: calls in flight get ``grace_seconds`` to finish.
    Raises ``TypeError`` for an unknown setting and ``OSError`` or ``RuntimeError`` when the
    server cannot start.
    """
    from .config import Config
    from .server import start

    config = Config(**{"host": "127.0.0.1", "port": 0, "workers": -1, "grace_seconds": 1,
                       **settings})
    running = start(config)
    try:
        host = f"[{config.host}]" if ":" in config.host else config.host
        yield f"{host}:{running.port}"
    finally:
        running.drain()
