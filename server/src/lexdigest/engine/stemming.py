"""Snowball stemmers and the stem cache a process shares across calls.

``SnowballStemmer`` is nltk's class, loaded without running nltk's package ``__init__``:
``import nltk`` imports nearly all of nltk (chunkers, taggers, classifiers and, through
them, scipy.stats and scikit-learn where installed), 0.9-1.5 s for one class, which a
one-shot ``lexdigest summarize`` or a new worker would pay before its first digest. The
stemmer modules themselves need only a few sibling modules (``nltk.stem.api``,
``nltk.stem.util``, ``nltk.stem.porter``, ``nltk.redos``), so they are imported under bare
parent packages that stand in for ``nltk`` and ``nltk.stem`` during the import and are
removed afterwards; a later ``import nltk`` by anyone runs nltk's own init and finds the
same stemmer modules. If nltk's layout ever stops allowing this, the ordinary import is used.

``StemCache`` maps word forms to stems with least-recently-used eviction: the analyzers are
per language and per process, so one cache serves every call a worker runs, and a worker
that has seen more distinct words than the cache holds keeps the ones still in use.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

STEM_CACHE_SIZE = 200_000  # word forms; about 30 MB of strings at news word lengths


class _Deferred:
    """Stands in for ``nltk.corpus.stopwords`` in the stemmer module (used only by
    ``ignore_stopwords=True``, which lexdigest never asks for) until first use."""

    def __getattr__(self, name: str) -> Any:
        from nltk.corpus import stopwords

        return getattr(stopwords, name)


def _bare_package(name: str, path: list[str]) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__path__ = path
    module.__spec__ = importlib.util.spec_from_loader(name, loader=None, is_package=True)
    sys.modules[name] = module
    return module


def _load_snowball() -> Any:
    if "nltk.stem.snowball" in sys.modules or "nltk" in sys.modules:
        from nltk.stem.snowball import SnowballStemmer as loaded

        return loaded
    before = set(sys.modules)
    stand_ins = ("nltk", "nltk.stem", "nltk.corpus")
    try:
        spec = importlib.util.find_spec("nltk")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("nltk is not installed")
        root = list(spec.submodule_search_locations)
        _bare_package("nltk", root)
        _bare_package("nltk.stem", [f"{p}/stem" for p in root])
        corpus = _bare_package("nltk.corpus", [f"{p}/corpus" for p in root])
        corpus.stopwords = _Deferred()  # type: ignore[attr-defined]
        module = importlib.import_module("nltk.stem.snowball")
        loaded = module.SnowballStemmer
    except Exception:
        for name in set(sys.modules) - before:  # nothing half-imported stays behind
            del sys.modules[name]
        from nltk.stem.snowball import SnowballStemmer as loaded

        return loaded
    for name in stand_ins:
        del sys.modules[name]
    return loaded


if TYPE_CHECKING:
    from nltk.stem.snowball import SnowballStemmer
else:
    SnowballStemmer = _load_snowball()

__all__ = ["STEM_CACHE_SIZE", "SnowballStemmer", "StemCache"]


class StemCache(OrderedDict[str, str]):
    """Word form -> stem, holding the ``size`` most recently used forms (thread-safe)."""

    def __init__(self, size: int = STEM_CACHE_SIZE) -> None:
        super().__init__()
        self.size = size
        self._lock = threading.Lock()

    def get(self, word: str, default: Any = None) -> Any:
        with self._lock:
            term = super().get(word)
            if term is None:
                return default
            self.move_to_end(word)
            return term

    def __setitem__(self, word: str, term: str) -> None:
        with self._lock:
            super().__setitem__(word, term)
            self.move_to_end(word)
            while len(self) > self.size:
                self.popitem(last=False)
