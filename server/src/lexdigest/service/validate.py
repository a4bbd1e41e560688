"""The deployment's request limits, on top of the engine's rules.

Every rule on documents and options is the engine's (``lexdigest.engine.validate``, the same
for ``lexdigest.summarize`` and every transport); this module adds only what an operator
chooses: how many documents and characters a request may carry and how large its budgets
may be (``Limits``). Nothing here raises; ``convert.to_engine`` raises the engine's
``InvalidInputError`` with both kinds of violations, which the service answers as
INVALID_ARGUMENT with a ``google.rpc.BadRequest``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lexdigest.engine import Document, Options
from lexdigest.engine.validate import Violation, document_violations, option_violations


@dataclass(frozen=True, slots=True)
class Limits:
    """Operator-configurable request limits (see the README's Limits table)."""

    max_documents: int = 1000
    max_document_chars: int = 1_000_000
    max_total_chars: int = 5_000_000
    max_sentences: int = 100
    max_words: int = 10_000
    max_chars: int = 100_000
    # SummarizeStories takes a whole pile: more documents and text than one cluster.
    max_story_documents: int = 10_000
    max_story_total_chars: int = 50_000_000


def violations(documents: Sequence[Document], options: Options, limits: Limits,
               documents_field: str = "documents",
               options_field: str = "options") -> list[Violation]:
    """The engine's violations of ``documents`` and ``options``, then those of ``limits``.

    A field the engine already faults gets no second violation for a limit.
    """
    out = (document_violations(documents, documents_field)
           + option_violations(options, options_field))
    faulted = {field for field, _ in out}
    return out + [v for v in limit_violations(documents, options, limits, documents_field,
                                              options_field) if v[0] not in faulted]


def limit_violations(documents: Sequence[Document], options: Options, limits: Limits,
                     documents_field: str = "documents",
                     options_field: str = "options") -> list[Violation]:
    """Violations of ``limits`` alone (sizes, counts and budget caps)."""
    out: list[Violation] = []
    if len(documents) > limits.max_documents:
        out.append((documents_field, f"{len(documents)} documents exceed the limit of "
                    f"{limits.max_documents}"))
    total = 0
    for i, doc in enumerate(documents):
        size = len(doc.text) if isinstance(doc.text, str) else 0
        total += size
        if size > limits.max_document_chars:
            out.append((f"{documents_field}[{i}].text", f"{size} characters exceed the limit "
                        f"of {limits.max_document_chars} per document"))
    if total > limits.max_total_chars:
        out.append((documents_field, f"{total} characters in all exceed the limit of "
                    f"{limits.max_total_chars}"))
    for name, cap in (("max_sentences", limits.max_sentences),
                      ("max_words", limits.max_words), ("max_chars", limits.max_chars)):
        value = getattr(options, name)
        if isinstance(value, int) and value > cap:
            out.append((f"{options_field}.{name}", f"must be between 0 and {cap}, got {value}"))
    return out
