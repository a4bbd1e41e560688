"""lexdigest: cited extractive digests of several documents about one story.

The engine is usable without gRPC::

    >>> import lexdigest
    >>> digest = lexdigest.summarize(["First article ...", "Second article ..."], max_words=100)
    >>> for s in digest.sentences:
    ...     print(s.text, s.citation.document_id, s.citation.char_start, s.citation.char_end)

``lexdigest.split_sentences(text)`` returns the sentence spans ``[(start, end), ...]`` the
engine works on, with the sentence rules of the text's detected language (or of
``language=``), as a digest of that text cites them. The gRPC service lives in
``lexdigest.service`` and the server process in ``lexdigest.serve``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .engine._lazy import attach as _attach
from .engine.model import (
    Citation,
    Decision,
    Digest,
    DigestSentence,
    Document,
    Explanation,
    Options,
    Ordering,
    Source,
    Stats,
    Story,
    StoryOptions,
    StoryTitle,
)
from .engine.validate import InvalidInputError
from .engine.validate import check as _check
from .engine.validate import with_default_ids as _with_default_ids

if TYPE_CHECKING:
    from .engine.languages import UnsupportedLanguageError
    from .engine.pipeline import split_sentences
    from .engine.text import supported_languages

# The pipeline (numpy, scipy, the stage modules) is imported by the first digest, not by
# ``import lexdigest``: ``lexdigest.serve`` and ``lexdigest.service`` are subpackages, so
# every server process runs this file, and a server process that only validates and
# converts (its workers compute) must not pay for the engine.
_LAZY = {
    "UnsupportedLanguageError": ".engine.languages",
    "split_sentences": ".engine.pipeline",
    "supported_languages": ".engine.text",
}


__getattr__, __dir__ = _attach(__name__, globals(), _LAZY)


__all__ = [
    "Citation",
    "Decision",
    "Digest",
    "DigestSentence",
    "Document",
    "Explanation",
    "InvalidInputError",
    "Options",
    "Ordering",
    "Source",
    "Stats",
    "Story",
    "StoryOptions",
    "StoryTitle",
    "UnsupportedLanguageError",
    "split_sentences",
    "stories",
    "summarize",
    "supported_languages",
]

_DOC_FIELDS = {f.name for f in fields(Document)}
_OPTION_FIELDS = {f.name for f in fields(Options)}
_ORDERINGS = {o.value for o in Ordering}


def summarize(documents: Iterable[str | Mapping[str, Any] | Document], **options: Any) -> Digest:
    """Cited digest of ``documents``.

    Documents may be strings (ids become ``doc-1``, ``doc-2``, ...), mappings with the keys of
    ``Document`` (``text`` required; unknown keys are ignored) or ``Document`` objects.
    Options are the fields of ``Options``: ``max_sentences``, ``max_words``, ``max_chars``,
    ``query``, ``language``, ``ordering`` ("auto", "score", "chronological", "source"),
    ``max_similarity``, ``explain``, ``min_sentence_words``, ``max_sentence_words``.
    Raises ``InvalidInputError`` (a ``ValueError``) naming every field at fault, with the
    field paths the server reports (``documents[1].text``, ``options.max_words``): the rules
    are the same (``lexdigest.engine.validate``); only the server adds deployment limits.
    """
    from .engine.pipeline import summarize_documents

    docs, opts = _inputs(documents, options)
    return summarize_documents(docs, opts)


def stories(documents: Iterable[str | Mapping[str, Any] | Document], granularity: float = 0.5,
            **options: Any) -> list[Story]:
    """The stories of a pile of documents, each with its headline, dates and digest.

    Documents and options are those of ``summarize`` (the options shape each story's
    digest); ``granularity`` (0 to 1) asks for broader or narrower stories. Every document
    is in exactly one story; stories come largest first, then most recent.
    """
    if not isinstance(granularity, int | float) or not 0.0 <= granularity <= 1.0:
        raise InvalidInputError([("granularity", f"must be between 0 and 1, got "
                                  f"{granularity!r}")])
    from .engine.stories import cluster

    docs, opts = _inputs(documents, options)
    return cluster(docs, StoryOptions(opts, float(granularity)))


def _inputs(documents: Iterable[str | Mapping[str, Any] | Document],
            options: dict[str, Any]) -> tuple[list[Document], Options]:
    """Checked documents (default ids given) and options; raises ``InvalidInputError``."""
    docs = [_document(d, i) for i, d in enumerate(documents)]
    unknown = sorted(set(options) - _OPTION_FIELDS)
    if unknown:
        raise InvalidInputError((f"options.{name}", "unknown option") for name in unknown)
    ordering = options.get("ordering")
    if isinstance(ordering, str) and ordering.lower() in _ORDERINGS:
        options["ordering"] = Ordering(ordering.lower())
    opts = Options(**options)
    _check(docs, opts)
    return _with_default_ids(docs), opts


def _document(d: str | Mapping[str, Any] | Document, i: int) -> Document:
    """The ``Document`` of one input; an empty id stays empty until ``with_default_ids``."""
    if isinstance(d, Document):
        return d
    if isinstance(d, str):
        return Document(id="", text=d)
    values = {k: v for k, v in d.items() if k in _DOC_FIELDS and v is not None}
    published = values.get("published_at")
    if isinstance(published, str):
        try:
            values["published_at"] = datetime.fromisoformat(published)
        except ValueError:
            raise InvalidInputError([(f"documents[{i}].published_at",
                                      f"not an ISO 8601 time: {published!r}")]) from None
    values.setdefault("text", "")
    values["id"] = str(values.get("id", ""))
    return Document(**values)
