"""The languages lexdigest supports and what it has for each: stemmer, stop words, rules.

One record per language, looked up by the normalised ISO 639-1 code (``normalize``): the
Snowball stemmer where Snowball covers the language (nltk's, else PyStemmer's), and the
stop-word list, from sumy's lists where sumy has one (a core dependency) and from stopwords-iso (the
``stopwordsiso`` package, the maintained multilingual collection) for the rest. Sentence
rules (abbreviations, starters) are ``SentenceRules`` records, one module per language
(``en``, ``de``, ``it``, ``sk``, …; ``_RULE_MODULES``), found by ``sentence_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .rules import SentenceRules

__all__ = ["LANGUAGES", "Language", "SentenceRules", "UnsupportedLanguageError", "code_of",
           "normalize", "sentence_rules", "supported"]


class UnsupportedLanguageError(ValueError):
    """The requested language is not one lexdigest supports."""


@dataclass(frozen=True, slots=True)
class Language:
    """What lexdigest has for one language.

    ``snowball`` is the Snowball stemmer's language name (None: words are indexed unstemmed;
    ``stemming.stemmer`` finds it in nltk or PyStemmer);
    ``stop_words`` names the list: ``"sumy"`` (sumy's file ``<name>.txt``) or ``"iso"``
    (stopwords-iso's list for ``code``).
    """

    code: str
    name: str
    snowball: str | None
    stop_words: str


def _table(*rows: tuple[str, str, str | None, str]) -> dict[str, Language]:
    return {code: Language(code, name, stem, stop) for code, name, stem, stop in rows}


LANGUAGES: dict[str, Language] = _table(
    ("ar", "arabic", "arabic", "sumy"),
    ("bg", "bulgarian", None, "iso"),
    ("cs", "czech", "czech", "sumy"),
    ("da", "danish", "danish", "iso"),
    ("de", "german", "german", "sumy"),
    ("el", "greek", "greek", "sumy"),
    ("en", "english", "english", "sumy"),
    ("es", "spanish", "spanish", "sumy"),
    ("fa", "persian", "persian", "iso"),
    ("fi", "finnish", "finnish", "iso"),
    ("fr", "french", "french", "sumy"),
    ("he", "hebrew", None, "sumy"),
    ("hi", "hindi", "hindi", "iso"),
    ("hu", "hungarian", "hungarian", "iso"),
    ("id", "indonesian", "indonesian", "iso"),
    ("it", "italian", "italian", "sumy"),
    ("ja", "japanese", None, "sumy"),
    ("ko", "korean", None, "sumy"),
    ("nl", "dutch", "dutch", "iso"),
    ("no", "norwegian", "norwegian", "iso"),
    ("pl", "polish", "polish", "sumy"),
    ("pt", "portuguese", "portuguese", "sumy"),
    ("ro", "romanian", "romanian", "iso"),
    ("ru", "russian", "russian", "iso"),
    ("sv", "swedish", "swedish", "sumy"),
    ("th", "thai", None, "sumy"),
    ("tr", "turkish", "turkish", "iso"),
    ("uk", "ukrainian", None, "sumy"),
    ("vi", "vietnamese", None, "iso"),
    ("zh", "chinese", None, "sumy"),
)
# Other names of supported languages: the legacy ISO codes and Norwegian Bokmål/Nynorsk.
_ALIASES = {"iw": "he", "in": "id", "nb": "no", "nn": "no"}


def code_of(language: str) -> str:
    """The ISO 639-1 code of a language tag: "pt-BR" → "pt", "zh_Hant" → "zh", "" → "".

    Legacy and variant codes map to the supported one ("iw" → "he", "nb" → "no"); the code
    of an unsupported language is returned as it is.
    """
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(code, code)


def normalize(language: str) -> str:
    """``code_of(language)``, or ``UnsupportedLanguageError`` when it is not supported."""
    code = code_of(language)
    if code and code not in LANGUAGES:
        raise UnsupportedLanguageError(
            f"unsupported language {language!r}; supported: {', '.join(supported())}")
    return code


def supported() -> list[str]:
    """ISO 639-1 codes of every supported language, sorted."""
    return sorted(LANGUAGES)



# Languages with a sentence-rules module of their own; the others use the English record.
_RULE_MODULES = ("bg", "cs", "da", "de", "el", "es", "fr", "hi", "it", "kk", "nl", "pl", "pt",
                 "ru", "sk", "tr", "uk")


@cache
def sentence_rules(language: str = "") -> SentenceRules:
    """The sentence rules of ``language``: its own module's record, English for a language
    without one, and for "" (unknown) those of every language together."""
    from importlib import import_module  # the record modules import this package's rules

    code = code_of(language)
    if code in _RULE_MODULES:
        rules: SentenceRules = import_module(f"{__name__}.{code}").RULES
        return rules
    english: SentenceRules = import_module(f"{__name__}.en").RULES
    if code:
        return english
    for other in _RULE_MODULES:
        english = english | sentence_rules(other)
    return english
