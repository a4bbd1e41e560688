"""``scipy.sparse`` for the engine, imported without the numpy submodules it never uses.

scipy's array-API layer (``scipy._lib.array_api_compat.numpy``, imported by every scipy
subpackage) builds its numpy namespace by reading every name ``dir(numpy)`` lists, and numpy 2
lists its lazily loaded submodules there: so ``import scipy.sparse`` also imports
``numpy.f2py``, ``numpy.testing`` (and with it ``unittest``), ``numpy.ma``,
``numpy.polynomial`` and more, which no sparse matrix uses: on a 2-core machine about 60%
of the time of ``import scipy.sparse`` after numpy, ~0.1 s of every one-shot ``lexdigest
summarize``.

While scipy.sparse is first imported, numpy's not-yet-loaded submodules are left out of
``dir(numpy)`` and ``numpy.__all__`` (both restored right after); scipy's namespace then
reaches a left-out name through numpy on first use (a module ``__getattr__``), so it has
every name it would have had, and ``numpy.testing`` and the rest are imported only by
whoever uses them. Nothing is changed when scipy.sparse is already imported, or when numpy or
scipy are laid out otherwise (the names are then read the usual way).
"""

from __future__ import annotations

import sys
from typing import Any

import numpy

_COMPAT = "scipy._lib.array_api_compat.numpy"  # scipy's numpy namespace


def _import_sparse() -> None:
    submodules = getattr(numpy, "__numpy_submodules__", None)
    names = getattr(numpy, "__all__", None)
    listing = getattr(numpy, "__dir__", None)
    if ("scipy.sparse" in sys.modules or _COMPAT in sys.modules or not submodules
            or not isinstance(names, list) or listing is None):
        return
    unloaded = frozenset(n for n in submodules if f"numpy.{n}" not in sys.modules)

    def shown() -> list[str]:
        return [n for n in listing() if n not in unloaded]

    setattr(numpy, "__all__", [n for n in names if n not in unloaded])  # noqa: B010
    setattr(numpy, "__dir__", shown)  # noqa: B010
    try:
        import scipy.sparse  # noqa: F401
    finally:
        setattr(numpy, "__all__", names)  # noqa: B010
        setattr(numpy, "__dir__", listing)  # noqa: B010
    compat = sys.modules.get(_COMPAT)
    if compat is not None and not hasattr(compat, "__getattr__"):

        def missing(name: str) -> Any:
            if name in unloaded:
                return getattr(numpy, name)
            raise AttributeError(f"module {_COMPAT!r} has no attribute {name!r}")

        setattr(compat, "__getattr__", missing)  # noqa: B010


_import_sparse()

import scipy.sparse as sparse  # noqa: E402

__all__ = ["sparse"]
