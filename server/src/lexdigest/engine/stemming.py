"""Snowball stemmers and the stem cache a process shares across calls.

``stemmer(name)`` gives the Snowball stemmer of a language: nltk's, for the languages nltk
has (nltk is a core dependency, and its stems are what lexdigest's figures were measured
with), else PyStemmer's, the Snowball project's own compiled algorithms, which cover Czech,
Greek, Hindi, Indonesian, Persian, Polish and Turkish as well; both ship their algorithms
in the package, so nothing is downloaded.

``SnowballStemmer`` is nltk's class, loaded without running nltk's package ``__init__``:
``import nltk`` imports nearly all of nltk (chunkers, taggers, classifiers and, through
them, scipy.stats and scikit-learn where installed), 0.9-1.5 s for one class, which a
one-shot ``lexdigest summarize`` or a new worker would pay before its first digest. The
stemmer modules themselves need only a few sibling modules (``nltk.stem.api``,
``nltk.stem.util``, ``nltk.stem.porter``, ``nltk.redos``), so they are imported under bare
parent packages that stand in for ``nltk`` and ``nltk.stem`` during the import and are
removed afterwards; a later ``import nltk`` by anyone runs nltk's own init and finds the
same stemmer modules. If nltk's layout ever stops allowing this, the ordinary import is used.

``KeyedTerms`` keeps what the analyzer made of a word (its index term, and whether it is
flagged) under an integer key, for the words the engine identifies by their packed bytes, so
a call looks up thousands of them with two C-level ``map`` passes and spells out only the
words it has not seen.

``StemCache`` maps word forms to stems with least-recently-used eviction (by generations, so
a hit costs one dict lookup): the analyzers are
per language and per process, so one cache serves every call a worker runs, and a worker
that has seen more distinct words than the cache holds keeps the ones still in use.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

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

__all__ = ["STEM_CACHE_SIZE", "KeyedTerms", "SnowballStemmer", "StemCache", "Stemmer", "load",
           "stemmer", "stemmer_source"]


class Stemmer(Protocol):
    """What the analyzer needs of a stemmer."""

    def stem(self, word: str) -> str: ...


class _Compiled(threading.local):
    """A PyStemmer algorithm seen as a ``Stemmer``, one instance per thread: PyStemmer's
    stemmer objects must not be called concurrently, and the engine's threads share the
    analyzers (``threading.local`` runs ``__init__`` again in each thread that uses it)."""

    def __init__(self, name: str) -> None:
        import Stemmer as pystemmer  # loaded only for a language nltk has no stemmer for

        self._stem_word = pystemmer.Stemmer(name).stemWord

    def stem(self, word: str) -> str:
        return str(self._stem_word(word))


def load() -> None:
    """Load PyStemmer's native library now, as a worker does before it caps its memory."""
    import Stemmer  # noqa: F401


def stemmer_source(name: str) -> str:
    """Which package stems the Snowball language ``name``: "nltk" or "PyStemmer"."""
    return "nltk" if name in SnowballStemmer.languages else "PyStemmer"


def stemmer(name: str) -> Stemmer:
    """The Snowball stemmer of ``name`` (a Snowball language name such as "turkish")."""
    if stemmer_source(name) == "nltk":
        stem: Stemmer = SnowballStemmer(name)
        return stem
    return _Compiled(name)


class StemCache(dict[str, str]):
    """Word form -> stem for the most recently used forms: an LRU kept by generations.

    The dictionary itself is the current generation, so a hit is one plain dict lookup (the
    engine looks up every distinct word of every call). ``recall`` finds a form of the
    previous generation and moves it into the current one; ``remember`` adds a form, and when
    the current generation holds ``size // 2`` forms it becomes the previous one and the
    oldest generation is dropped. A form is therefore kept while it was used within the last
    ``size // 2`` to ``size`` insertions, and the forms dropped are always the least recently
    used ones. Mutations hold a lock, so engine threads may share one cache.
    """

    def __init__(self, size: int = STEM_CACHE_SIZE) -> None:
        super().__init__()
        self.size = size
        self._older: dict[str, str] = {}
        self._lock = threading.Lock()

    def recall(self, word: str) -> str | None:
        """The stem of ``word`` from the previous generation (moved to the current), or None."""
        term = self._older.get(word)
        if term is not None:
            self.remember(word, term)
        return term

    def remember(self, word: str, term: str) -> None:
        """Add ``word`` -> ``term`` to the current generation."""
        with self._lock:
            if len(self) >= max(self.size // 2, 1):
                self._older = dict(self)
                self.clear()
            self[word] = term


class KeyedTerms:
    """Key of a word -> the word's index term and stop flag, kept like ``StemCache``.

    ``token_keys`` keys a short ASCII word by its bytes read as an integer, a longer one by
    its bytes; ``find`` gives the terms and flags of many keys at once (C-level ``map``
    passes over the current generation), and ``keep`` adds what was worked out for the
    rest. Two generations of at most ``size // 2`` keys each, the least recently used
    dropped first.

    Threads share an analyzer, so readers take no lock and must never see half an update:
    a generation (its terms and its flags) is one tuple, replaced whole by a rotation, and
    ``keep`` writes a key's flag before its term, so a reader that finds a term finds its
    flag too.
    """

    def __init__(self, size: int = STEM_CACHE_SIZE) -> None:
        self.size = size
        self._current: tuple[dict[Hashable, str], set[Hashable]] = ({}, set())
        self._older: tuple[dict[Hashable, str], set[Hashable]] = ({}, set())
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._current[0])

    def find(self, keys: Sequence[Hashable]) -> tuple[list[str | None], list[bool]]:
        """Term (``None`` when unknown) and flag of each key; a key of the previous generation
        moves to the current one."""
        terms, flagged = self._current
        found: list[str | None] = list(map(terms.get, keys))
        flags = list(map(flagged.__contains__, keys))
        if None in found:
            older, older_flagged = self._older
            back = [i for i, t in enumerate(found) if t is None and keys[i] in older]
            if back:
                keys_back = [keys[i] for i in back]
                self.keep(keys_back, [older[k] for k in keys_back],
                          [k in older_flagged for k in keys_back])
                for i, k in zip(back, keys_back, strict=True):
                    found[i], flags[i] = older[k], k in older_flagged
        return found, flags

    def keep(self, keys: Sequence[Hashable], terms: list[str], flags: list[bool]) -> None:
        """Add ``keys`` with their terms and flags to the current generation."""
        with self._lock:
            if len(self._current[0]) + len(keys) > max(self.size // 2, 1):
                self._older, self._current = self._current, ({}, set())
            current_terms, current_flagged = self._current
            current_flagged.update(k for k, f in zip(keys, flags, strict=True) if f)
            current_terms.update(zip(keys, terms, strict=True))
