"""Regular expressions compiled on first use, for the patterns most texts never need.

Compiling a pattern with large Unicode classes (the bigram scripts, every combining mark)
takes milliseconds in ``re``'s Python parser, and the module that holds it pays at import,
in every process, whether or not a text in those scripts ever comes. ``lazy(pattern)`` is
used like ``re.compile(pattern)``: the pattern is compiled when one of its methods is first
looked up, and each method, once looked up, is an attribute of its own (no cost per call
after the first). It is not an ``re.Pattern`` instance; the ``re`` module functions do not
take it (call its methods instead).
"""

from __future__ import annotations

import re
import threading
from typing import Any, cast

__all__ = ["lazy"]

_lock = threading.Lock()


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        # Reached only for names not yet in the instance's __dict__.
        if name.startswith("__"):
            raise AttributeError(name)
        with _lock:
            if self._compiled is None:
                self._compiled = re.compile(*self._source)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
