"""Request validation: every rule a request must meet, as field violations.

Nothing here raises; callers turn a non-empty list of violations into INVALID_ARGUMENT with a
``google.rpc.BadRequest`` detail, so a client can point at the exact field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexdigest.engine.text import LANGUAGES

# C0 controls other than tab, LF, CR; DEL; C1 controls; and lone surrogates never appear in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ASCII_CONTROL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]


def _has_control(text: str) -> bool:
    """Whether ``text`` holds a character that never appears in text (see ``_CONTROL``).

    Every request's texts are checked, so the common case is made cheap: an ASCII string
    (known in constant time) is searched for each of its 30 control characters with
    substring search, about seven times faster than the regular expression's scan.
    """
    if text.isascii():
        return any(c in text for c in _ASCII_CONTROL)
    return _CONTROL.search(text) is not None


@dataclass(frozen=True, slots=True)
class Limits:
    """Operator-configurable request limits (see the README's Limits table)."""

    max_documents: int = 1000
    max_document_chars: int = 1_000_000
    max_total_chars: int = 5_000_000
    max_sentences: int = 100
    max_words: int = 10_000
    max_chars: int = 100_000


Violation = tuple[str, str]  # (field path, description)

_ID_MAX, _TITLE_MAX, _URL_MAX, _SOURCE_MAX, _QUERY_MAX = 256, 1000, 2000, 1000, 1000


def validate_documents(docs: list[tuple[str, str, str, str, str]], limits: Limits,
                       prefix: str = "documents") -> list[Violation]:
    """Violations of documents given as ``(id, text, title, url, source)`` tuples."""
    out: list[Violation] = []
    if not docs:
        return [(prefix, "at least one document is required")]
    if len(docs) > limits.max_documents:
        out.append((prefix, f"{len(docs)} documents exceed the limit of {limits.max_documents}"))
    seen: dict[str, int] = {}
    total = 0
    for i, (doc_id, text, title, url, source) in enumerate(docs):
        here = f"{prefix}[{i}]"
        total += len(text)
        if not text.strip():
            out.append((f"{here}.text", "text is empty or only whitespace"))
        elif len(text) > limits.max_document_chars:
            out.append((f"{here}.text", f"{len(text)} characters exceed the limit of "
                        f"{limits.max_document_chars} per document"))
        elif _has_control(text):
            out.append((f"{here}.text", "text contains control characters; is it binary?"))
        for name, value, cap in (("id", doc_id, _ID_MAX), ("title", title, _TITLE_MAX),
                                 ("url", url, _URL_MAX), ("source", source, _SOURCE_MAX)):
            if len(value) > cap:
                out.append((f"{here}.{name}", f"longer than {cap} characters"))
            elif value and _has_control(value):
                out.append((f"{here}.{name}", "contains control characters"))
        if doc_id:
            if doc_id in seen:
                out.append((f"{here}.id", f"duplicate id {doc_id!r} (also documents"
                            f"[{seen[doc_id]}])"))
            else:
                seen[doc_id] = i
    if total > limits.max_total_chars:
        out.append((prefix, f"{total} characters in all exceed the limit of "
                    f"{limits.max_total_chars}"))
    return out


def validate_options(max_sentences: int, max_words: int, max_chars: int, query: str,
                     language: str, max_similarity: float, min_sentence_words: int,
                     max_sentence_words: int, limits: Limits,
                     prefix: str = "options") -> list[Violation]:
    """Violations of the summarize options (zero values are defaults and always valid)."""
    out: list[Violation] = []
    for name, value, cap in (("max_sentences", max_sentences, limits.max_sentences),
                             ("max_words", max_words, limits.max_words),
                             ("max_chars", max_chars, limits.max_chars),
                             ("min_sentence_words", min_sentence_words, 1000),
                             ("max_sentence_words", max_sentence_words, 10_000)):
        if value < 0 or value > cap:
            out.append((f"{prefix}.{name}", f"must be between 0 and {cap}, got {value}"))
    if not (0.0 <= max_similarity <= 1.0) or max_similarity != max_similarity:
        out.append((f"{prefix}.max_similarity", f"must be between 0 and 1, got {max_similarity}"))
    if len(query) > _QUERY_MAX:
        out.append((f"{prefix}.query", f"longer than {_QUERY_MAX} characters"))
    elif _has_control(query):
        out.append((f"{prefix}.query", "contains control characters"))
    code = language.lower().split("-")[0].split("_")[0]
    if language and code not in LANGUAGES:
        out.append((f"{prefix}.language", f"unsupported language {language!r}; supported: "
                    f"{', '.join(sorted(LANGUAGES))}"))
    if max_sentence_words and min_sentence_words > max_sentence_words:
        out.append((f"{prefix}.min_sentence_words", "must not exceed max_sentence_words"))
    return out
