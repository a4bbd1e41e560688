"""Words of a sentence: tokenization, stop words and Snowball stemming, per language.

Tokens follow Unicode, not ASCII (``scripts``): words of every script, and character bigrams
for scripts written without spaces. Stop-word lists come from sumy, or stopwords-iso where
sumy has none, and Snowball stemmers from nltk or PyStemmer (see ``stemming``); none needs a
data download. Stemming results are cached per language, because the same few
thousand word forms recur in every news cluster and stemming dominates the cost otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

import numpy as np

from . import scripts
from ._patterns import lazy
from .languages import LANGUAGES, UnsupportedLanguageError, code_of, normalize
from .stemming import KeyedTerms, StemCache, Stemmer, stemmer

K = TypeVar("K", bound=Hashable)

__all__ = ["LANGUAGES", "Analyzer", "UnsupportedLanguageError", "analyzer", "normalize_language",
           "supported_languages"]

# A word of a spaced script, and a run of a script indexed by character bigrams.
_ASCII_WORD = re.compile(scripts.ASCII_WORD)
_WORD = re.compile(scripts.WORD)
_ASCII_TEST_MAX = 4096  # copying a unit this short to test it costs less than a regex scan
_TOKEN = lazy(scripts.TOKEN)  # bigram scripts only: compiled when one comes


# Character classes of ASCII codes, for whole-document passes over ASCII text in numpy:
# ``\w`` (letters, digits, "_"), the separators ``ASCII_WORD`` allows inside a word, and
# what ``str.split()`` splits at; any other byte is of class 0.
_ASCII = np.array([chr(c) for c in range(128)])
ASCII_WORD_CHAR = np.char.isalnum(_ASCII) | (_ASCII == "_")
ASCII_SEPARATOR = np.isin(_ASCII, ["'", ".", "-"])
ASCII_SPACE = np.isin(_ASCII, list("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "))
WORD_CLASS, SEPARATOR_CLASS, SPACE_CLASS = 1, 2, 4
_CLASSES = bytes(WORD_CLASS if ASCII_WORD_CHAR[c] else SEPARATOR_CLASS if ASCII_SEPARATOR[c]
                 else SPACE_CLASS if ASCII_SPACE[c] else 0 for c in range(128)) + bytes(128)


def ascii_classes(data: bytes) -> np.ndarray:
    """The class of every byte of an ASCII text (``WORD_CLASS``...), as a ``uint8`` array.

    One ``bytes.translate`` pass: a table lookup by numpy indexing would first widen every
    byte to a 64-bit index.
    """
    return np.frombuffer(data.translate(_CLASSES), dtype=np.uint8)


_NON_ASCII = re.compile("[^\x00-\x7f]+")
OTHER_CODE = b"\x01"  # what a character outside ASCII that is neither word nor space becomes


def word_bytes(normalized: str) -> bytes | None:
    """One byte per character of ``normalized`` (a text from ``Analyzer.normalize``) for the
    array passes: ASCII as it stands, white space outside ASCII as a space, any other
    character outside ASCII (quotation marks, dashes, symbols) as ``OTHER_CODE``, which is
    neither a word character, a separator nor white space; ``None`` when a character
    outside ASCII may be part of a word (then the text's tokens need ``tokens_in``)."""
    if normalized.isascii():
        return normalized.encode("ascii")
    parts: list[str] = []
    last = 0
    for m in _NON_ASCII.finditer(normalized):
        run = m.group()
        if _TOKEN.search(run):
            return None
        parts.append(normalized[last : m.start()])
        parts.append("".join(" " if c.isspace() else "\x01" for c in run))
        last = m.end()
    parts.append(normalized[last:])
    return "".join(parts).encode("ascii")


def ascii_token_spans(classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the tokens of an ASCII text (``ascii_classes``), in order.

    The same tokens as ``ASCII_WORD``'s ``finditer`` over the whole text, in one pass of
    array operations: a token is a maximal run of word characters and of separators that
    stand between two word characters. Token characters are marked between two unmarked
    ends, so one ``flatnonzero`` of the changes gives starts and ends in turn.
    """
    part = np.zeros(len(classes) + 2, dtype=bool)
    word = part[1:-1]
    np.equal(classes, WORD_CLASS, out=word)
    if classes.size > 2:
        inner = classes[1:-1] == SEPARATOR_CLASS
        inner &= word[:-2]
        inner &= word[2:]
        part[2:-2] |= inner
    edges = np.flatnonzero(part[1:] != part[:-1])
    return edges[0::2], edges[1::2]


def ascii_word_counts(classes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``len(text[s:e].split())`` of an ASCII text (``ascii_classes``) for every span, at
    once."""
    space = classes == SPACE_CLASS
    opens = ~space
    opens[1:] &= space[:-1]  # a word begins after white space (or at the text's start)
    begins = np.flatnonzero(opens)
    counts = np.searchsorted(begins, ends) - np.searchsorted(begins, starts)
    inside = (starts > 0) & (starts < ends)  # a span that opens inside a word counts it too
    at = starts[inside]
    counts[inside] += ~space[at] & ~space[at - 1]
    return counts


@dataclass(frozen=True, slots=True)
class Analyzer:
    """Turns sentence text into index terms for one language."""

    language: str
    stop_words: frozenset[str]
    _stem: StemCache  # shared by every call of this process (LRU)
    _stemmer: Stemmer | None
    _keyed: KeyedTerms  # lookup's results for words keyed by an integer (LRU)

    def tokens(self, text: str) -> list[str]:
        """Lower-cased word tokens of ``text`` (stop words included)."""
        normalized = self.normalize(text)
        return self.tokens_in(normalized, 0, len(normalized))

    def terms(self, text: str) -> list[str]:
        """Stemmed content words of ``text``: what similarity is computed on."""
        stems, flagged = self.lookup(self.tokens(text))
        return [t for t, f in zip(stems, flagged, strict=True) if not f]

    @staticmethod
    def normalize(text: str) -> str:
        """``text`` lower-cased with typographic apostrophes made plain, offsets unchanged.

        Lower-casing keeps every offset only when no character changes length; for the rare
        text where one does (e.g. "İ"), each character is lower-cased on its own and cut
        back to one code point, so spans of the original text still apply.
        """
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(ch.lower()[:1] or ch for ch in text)
        return lowered.replace("’", "'")

    def tokens_in(self, normalized: str, start: int, end: int) -> list[str]:
        """Tokens of ``normalized[start:end]`` (a text from ``normalize``), without a copy.

        Words of spaced scripts are tokens as they stand; a run of a script indexed by
        bigrams (``scripts.BIGRAM``) gives its overlapping character bigrams, or itself when
        it is one character long or a stop word ("그리고", "而且").
        """
        if end - start <= _ASCII_TEST_MAX and normalized[start:end].isascii():
            return _ASCII_WORD.findall(normalized, start, end)
        if not scripts.needs_token(normalized, start, end):
            return _WORD.findall(normalized, start, end)
        out: list[str] = []
        stop = self.stop_words
        for m in _TOKEN.finditer(normalized, start, end):
            run = m.group("run")
            if run is None:
                out.append(m.group())
            elif len(run) < 3 or run in stop:
                out.append(run)
            else:
                out.extend([run[i : i + 2] for i in range(len(run) - 1)])
        return out

    def lookup(self, words: list[str]) -> tuple[list[str], list[bool]]:
        """Stem of each distinct word, and whether it is a stop word or too short to index.

        Flagged words keep their surface form as stem, so adjacent pairs stay adjacent.
        """
        terms: list[str | None] = list(map(self._stem.get, words))
        if None in terms:
            for i, term in enumerate(terms):
                if term is None:
                    terms[i] = self._stem_word(words[i])
        stop = self.stop_words
        stems = [t or w for t, w in zip(terms, words, strict=True)]
        flags = [not t or w in stop for t, w in zip(terms, words, strict=True)]
        return stems, flags

    def lookup_keyed(self, keys: Sequence[K], spell: Callable[[list[K]], list[str]]) -> tuple[
            list[str], list[bool]]:
        """``lookup`` of words given by keys (an integer or bytes standing for one word,
        always); ``spell`` gives the words of keys this analyzer has not kept."""
        stems, flags = self._keyed.find(keys)
        if None in stems:
            missing = [i for i, t in enumerate(stems) if t is None]
            new_keys = [keys[i] for i in missing]
            new_stems, new_flags = self.lookup(spell(new_keys))
            self._keyed.keep(new_keys, new_stems, new_flags)
            for i, st, fl in zip(missing, new_stems, new_flags, strict=True):
                stems[i], flags[i] = st, fl
        return stems, flags  # type: ignore[return-value]  # no None is left

    def _stem_word(self, word: str) -> str:
        known = self._stem.recall(word)
        if known is not None:
            return known
        plain = word.replace(".", "")  # "u.s." and "us" are one term
        if not plain or (len(plain) == 1 and not plain.isdigit()):
            term = ""
        elif self._stemmer is None or plain.isdigit():
            term = plain
        else:
            term = self._stemmer.stem(plain)
        self._stem.remember(word, term)
        return term


def normalize_language(code: str) -> str:
    """The ISO 639-1 code of a language tag: ``"en-GB"``, ``"EN_us"`` -> ``"en"``.

    The one normalisation of language codes (``languages.code_of``): the analyzer and the
    validation rules use it.
    """
    return code_of(code)


def supported_languages() -> list[str]:
    """ISO 639-1 codes the engine accepts."""
    return sorted(LANGUAGES)


@cache
def analyzer(language: str = "en") -> Analyzer:
    """The (cached) analyzer of ``language``; raises ``UnsupportedLanguageError``."""
    code = normalize(language) or "en"
    spec = LANGUAGES[code]
    stop = frozenset(w.lower() for w in _stop_words(code, spec.name, spec.stop_words))
    stem = stemmer(spec.snowball) if spec.snowball else None
    return Analyzer(code, stop, StemCache(), stem, KeyedTerms())


def _stop_words(code: str, name: str, source: str) -> list[str]:
    """The stop-word list of a language, from sumy's files or from stopwords-iso."""
    if source == "sumy":
        data = resources.files("sumy") / "data" / "stopwords" / f"{name}.txt"
        return [w.strip() for w in data.read_text(encoding="utf-8").splitlines() if w.strip()]
    import stopwordsiso  # only the languages sumy has no list for need it

    return sorted(stopwordsiso.stopwords(code))
