"""The gRPC face of the engine: validation, conversion and the DigestService servicer."""

from .runner import InlineRunner, Runner
from .servicer import SERVICE_NAME, DigestServicer
from .validate import Limits

__all__ = ["SERVICE_NAME", "DigestServicer", "InlineRunner", "Limits", "Runner"]
