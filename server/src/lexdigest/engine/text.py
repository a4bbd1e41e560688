"""Words of a sentence: tokenization, stop words and Snowball stemming, per language.

Stop-word lists come from the sumy package and stemmers from nltk's Snowball family; neither
needs a data download. Stemming results are cached per language, because the same few
thousand word forms recur in every news cluster and stemming dominates the cost otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .stemming import SnowballStemmer, StemCache

# ISO 639-1 code -> (Snowball stemmer name or None, sumy stop-word file name or None).
LANGUAGES: dict[str, tuple[str | None, str | None]] = {
    "ar": ("arabic", "arabic"),
    "cs": (None, "czech"),
    "da": ("danish", None),
    "de": ("german", "german"),
    "en": ("english", "english"),
    "es": ("spanish", "spanish"),
    "fi": ("finnish", None),
    "fr": ("french", "french"),
    "hu": ("hungarian", None),
    "it": ("italian", "italian"),
    "nl": ("dutch", None),
    "no": ("norwegian", None),
    "pt": ("portuguese", "portuguese"),
    "ro": ("romanian", None),
    "ru": ("russian", None),
    "sv": ("swedish", "swedish"),
}

# A word: letters/digits with inner apostrophes, hyphens or periods ("U.S.", "co-op", "don't").
_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")


class UnsupportedLanguageError(ValueError):
    """The requested language has neither a stemmer nor a stop-word list."""


@dataclass(frozen=True, slots=True)
class Analyzer:
    """Turns sentence text into index terms for one language."""

    language: str
    stop_words: frozenset[str]
    _stem: StemCache  # shared by every call of this process (LRU)
    _stemmer: SnowballStemmer | None

    def tokens(self, text: str) -> list[str]:
        """Lower-cased word tokens of ``text`` (stop words included)."""
        return _WORD.findall(self.normalize(text))

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
        """Tokens of ``normalized[start:end]`` (a text from ``normalize``), without a copy."""
        return _WORD.findall(normalized, start, end)

    def lookup(self, words: list[str]) -> tuple[list[str], list[bool]]:
        """Stem of each distinct word, and whether it is a stop word or too short to index.

        Flagged words keep their surface form as stem, so adjacent pairs stay adjacent.
        """
        cache_ = self._stem
        stop = self.stop_words
        stems: list[str] = []
        flags: list[bool] = []
        for w in words:
            term = cache_.get(w)
            if term is None:
                term = self._stem_word(w)
            stems.append(term or w)
            flags.append(not term or w in stop)
        return stems, flags

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
    """The ISO 639-1 part of a language tag, lower-cased: ``"en-GB"``, ``"EN_us"`` -> ``"en"``.

    The one normalisation of language codes: the analyzer and the validation rules use it.
    """
    return code.lower().split("-")[0].split("_")[0]


def supported_languages() -> list[str]:
    """ISO 639-1 codes the engine accepts."""
    return sorted(LANGUAGES)


@cache
def analyzer(language: str = "en") -> Analyzer:
    """The (cached) analyzer of ``language``; raises ``UnsupportedLanguageError``."""
    code = normalize_language(language or "en")
    if code not in LANGUAGES:
        raise UnsupportedLanguageError(
            f"unsupported language {language!r}; supported: {', '.join(supported_languages())}"
        )
    stemmer_name, stop_name = LANGUAGES[code]
    stop: frozenset[str] = frozenset()
    if stop_name:
        data = resources.files("sumy") / "data" / "stopwords" / f"{stop_name}.txt"
        stop = frozenset(
            w.strip().lower() for w in data.read_text(encoding="utf-8").splitlines() if w.strip()
        )
    stemmer = SnowballStemmer(stemmer_name) if stemmer_name else None
    return Analyzer(code, stop, StemCache(), stemmer)
