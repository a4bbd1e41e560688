"""Package attributes imported on first use (PEP 562), for the packages whose ``import``
must stay cheap: ``lexdigest``, ``lexdigest.engine`` and ``lexdigest.service``."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def attach(package: str, namespace: dict[str, Any], names: dict[str, str]
           ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``: ``names`` maps an attribute
    to the module (relative to ``package``) that defines it; the first access imports that
    module and keeps the value in ``namespace`` (the package's globals), so later accesses
    are plain lookups."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
