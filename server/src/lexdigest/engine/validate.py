"""Every rule a digest's documents and options must meet, as field violations.

One set of rules for every entry: ``lexdigest.summarize`` raises ``InvalidInputError`` from
them, and the service (gRPC, HTTP) answers INVALID_ARGUMENT with the same violations in a
``google.rpc.BadRequest``. A violation is ``(field path, problem)``; paths are those of the
``lexdigest.v1`` request (``documents[2].text``, ``options.max_words``) on every entry.

The rules here are the engine's own (a text must be text, a budget cannot be negative); the
limits a deployment chooses (documents per request, characters) belong to the service. The
checks are written like scikit-learn's parameter validation: declared once, checked once at
the entry, never inside the pipeline.

An empty document id means "not given": ``default_id(i)`` names it ``doc-<i + 1>``
(``with_default_ids``), and the rules make sure that name is not already taken.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence

# From languages, not text (the same function: text.normalize_language is code_of), so that
# a process that only validates imports neither numpy nor the stemmers.
from .languages import LANGUAGES
from .languages import code_of as normalize_language
from .model import Document, Options, Ordering

Violation = tuple[str, str]  # (field path, description)


class InvalidInputError(ValueError):
    """Documents or options broke one or more rules; ``violations`` name each field.

    >>> try:
    ...     lexdigest.summarize(["Some text."], max_words=-5)  # doctest: +SKIP
    ... except lexdigest.InvalidInputError as err:
    ...     print(err.violations)
    [('options.max_words', 'must be 0 or more, got -5')]
    """

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations: tuple[Violation, ...] = tuple(violations)
        super().__init__("; ".join(f"{f}: {d}" for f, d in self.violations[:5]))


# C0 controls other than tab, LF, CR; DEL; C1 controls; and lone surrogates never appear in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ASCII_CONTROL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]

# Longest id, title, url, source and query (characters): longer ones are not what they say.
FIELD_MAX = {"id": 256, "title": 1000, "url": 2000, "source": 1000}
QUERY_MAX = 1000
# Largest per-sentence word bounds: beyond them no sentence is selectable or none is filtered.
SENTENCE_WORDS_MAX = {"min_sentence_words": 1000, "max_sentence_words": 10_000}


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character that never appears in text (see ``_CONTROL``).

    Every request's texts are checked, so the common case is made cheap: an ASCII string
    (known in constant time) is searched for each of its 30 control characters with
    substring search, about seven times faster than the regular expression's scan.
    """
    if text.isascii():
        return any(c in text for c in _ASCII_CONTROL)
    return _CONTROL.search(text) is not None


def default_id(index: int) -> str:
    """The id of the document at ``index`` when it has none: ``doc-1``, ``doc-2``, ..."""
    return f"doc-{index + 1}"


def with_default_ids(documents: Sequence[Document]) -> list[Document]:
    """``documents``, with ``default_id(i)`` for each empty id."""
    return [d if d.id else dataclasses.replace(d, id=default_id(i))
            for i, d in enumerate(documents)]


def document_violations(documents: Sequence[Document],
                        prefix: str = "documents") -> list[Violation]:
    """Violations of ``documents`` (empty ids allowed: see ``with_default_ids``)."""
    if not documents:
        return [(prefix, "at least one document is required")]
    out: list[Violation] = []
    seen: dict[str, int] = {}
    for i, doc in enumerate(documents):
        here = f"{prefix}[{i}]"
        if not isinstance(doc.text, str) or not doc.text.strip():
            out.append((f"{here}.text", "text is empty or only whitespace"))
        elif has_control(doc.text):
            out.append((f"{here}.text", "text contains control characters; is it binary?"))
        for name, cap in FIELD_MAX.items():
            value = getattr(doc, name)
            if not isinstance(value, str):
                out.append((f"{here}.{name}", f"must be a string, got {type(value).__name__}"))
            elif len(value) > cap:
                out.append((f"{here}.{name}", f"longer than {cap} characters"))
            elif value and has_control(value):
                out.append((f"{here}.{name}", "contains control characters"))
        if isinstance(doc.id, str) and doc.id:
            if doc.id in seen:
                out.append((f"{here}.id", f"duplicate id {doc.id!r} (also {prefix}"
                            f"[{seen[doc.id]}])"))
            else:
                seen[doc.id] = i
    if any(not d.id and default_id(i) in seen for i, d in enumerate(documents)):
        out.append((prefix, "an empty id would be named doc-N, which another document already "
                    "uses; give every document an id"))
    return out


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def option_violations(options: Options, prefix: str = "options") -> list[Violation]:
    """Violations of ``options`` (``None``/0 budgets mean "no cap" and are always valid)."""
    out: list[Violation] = []
    for name in ("max_sentences", "max_words", "max_chars", *SENTENCE_WORDS_MAX):
        value = getattr(options, name)
        cap = SENTENCE_WORDS_MAX.get(name)
        if value is None and name == "max_sentences":
            continue
        if not _integer(value):
            out.append((f"{prefix}.{name}", f"must be an integer, got {type(value).__name__}"))
        elif cap is not None and not 0 <= value <= cap:
            out.append((f"{prefix}.{name}", f"must be between 0 and {cap}, got {value}"))
        elif value < 0:
            out.append((f"{prefix}.{name}", f"must be 0 or more, got {value}"))
    sim = options.max_similarity
    if not isinstance(sim, int | float) or isinstance(sim, bool):
        out.append((f"{prefix}.max_similarity", f"must be a number, got {type(sim).__name__}"))
    elif math.isnan(sim) or not 0.0 <= sim <= 1.0:
        out.append((f"{prefix}.max_similarity", f"must be between 0 and 1, got {sim}"))
    if not isinstance(options.query, str):
        out.append((f"{prefix}.query", f"must be a string, got {type(options.query).__name__}"))
    elif len(options.query) > QUERY_MAX:
        out.append((f"{prefix}.query", f"longer than {QUERY_MAX} characters"))
    elif has_control(options.query):
        out.append((f"{prefix}.query", "contains control characters"))
    language = options.language
    if not isinstance(language, str) or (language and normalize_language(language)
                                         not in LANGUAGES):
        out.append((f"{prefix}.language", f"unsupported language {language!r}; supported: "
                    f"{', '.join(sorted(LANGUAGES))}"))
    if not isinstance(options.ordering, Ordering):
        out.append((f"{prefix}.ordering", "must be one of "
                    f"{', '.join(o.value for o in Ordering)}; got {options.ordering!r}"))
    words = (options.min_sentence_words, options.max_sentence_words)
    if all(_integer(w) for w in words) and words[1] > 0 and words[0] > words[1]:
        out.append((f"{prefix}.min_sentence_words", "must not exceed max_sentence_words"))
    return out


def check(documents: Sequence[Document], options: Options) -> None:
    """Raise ``InvalidInputError`` when ``documents`` or ``options`` break a rule."""
    violations = document_violations(documents) + option_violations(options)
    if violations:
        raise InvalidInputError(violations)
