"""The service layer: one call path for every transport, over the engine.

``Calls`` (``calls.py``) converts, validates, runs and converts back each DigestService call,
failing with a ``google.rpc.Status`` built by ``status.py``; ``DigestServicer`` is its gRPC
adapter. ``Runner`` decides where the engine runs; ``Limits`` are the deployment's limits.

The names are imported on first use: a worker process imports ``service.runner`` alone and
must not pay for gRPC (``servicer``) or protobuf (``calls``).
"""

from typing import TYPE_CHECKING

from ..engine._lazy import attach as _attach

if TYPE_CHECKING:
    from .calls import CallFailed, Calls
    from .runner import InlineRunner, Runner
    from .servicer import SERVICE_NAME, DigestServicer
    from .validate import Limits

__all__ = ["SERVICE_NAME", "CallFailed", "Calls", "DigestServicer", "InlineRunner", "Limits",
           "Runner"]

_LAZY = {"CallFailed": ".calls", "Calls": ".calls", "InlineRunner": ".runner", "Runner": ".runner",
         "SERVICE_NAME": ".servicer", "DigestServicer": ".servicer", "Limits": ".validate"}


__getattr__, __dir__ = _attach(__name__, globals(), _LAZY)
