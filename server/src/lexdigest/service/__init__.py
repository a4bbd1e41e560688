"""The service layer: one call path for every transport, over the engine.

``Calls`` (``calls.py``) converts, validates, runs and converts back each DigestService call,
failing with a ``google.rpc.Status`` built by ``status.py``; ``DigestServicer`` is its gRPC
adapter. ``Runner`` decides where the engine runs; ``Limits`` are the deployment's limits.
"""

from .calls import CallFailed, Calls
from .runner import InlineRunner, Runner
from .servicer import SERVICE_NAME, DigestServicer
from .validate import Limits

__all__ = ["SERVICE_NAME", "CallFailed", "Calls", "DigestServicer", "InlineRunner", "Limits",
           "Runner"]
