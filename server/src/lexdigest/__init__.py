"""lexdigest: cited extractive digests of several documents about one story.

The engine is usable without gRPC::

    >>> import lexdigest
    >>> digest = lexdigest.summarize(["First article ...", "Second article ..."], max_words=100)
    >>> for s in digest.sentences:
    ...     print(s.text, s.citation.document_id, s.citation.char_start, s.citation.char_end)

``lexdigest.split_sentences(text)`` returns the sentence spans ``[(start, end), ...]`` the
engine works on. The gRPC service lives in ``lexdigest.service`` and the server process in
``lexdigest.serve``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from .engine import (
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
    UnsupportedLanguageError,
    split_sentences,
    summarize_documents,
    supported_languages,
)

__all__ = [
    "Citation",
    "Decision",
    "Digest",
    "DigestSentence",
    "Document",
    "Explanation",
    "Options",
    "Ordering",
    "Source",
    "Stats",
    "UnsupportedLanguageError",
    "split_sentences",
    "summarize",
    "supported_languages",
]

_DOC_FIELDS = {"id", "text", "title", "url", "source", "published_at"}


def summarize(documents: Iterable[str | Mapping[str, Any] | Document], **options: Any) -> Digest:
    """Cited digest of ``documents``.

    Documents may be strings (ids become ``doc-1``, ``doc-2``, ...), mappings with the keys of
    ``Document`` (``text`` required; unknown keys are ignored) or ``Document`` objects.
    Options are the fields of ``Options``: ``max_sentences``, ``max_words``, ``max_chars``,
    ``query``, ``language``, ``ordering`` ("score", "chronological", "source"),
    ``max_similarity``, ``explain``, ``min_sentence_words``, ``max_sentence_words``.
    Raises ``ValueError`` for duplicate ids, empty texts or unknown options.
    """
    docs = [_document(d, i) for i, d in enumerate(documents)]
    if not docs:
        raise ValueError("no documents")
    seen: set[str] = set()
    for d in docs:
        if not d.text.strip():
            raise ValueError(f"document {d.id!r} has no text")
        if d.id in seen:
            raise ValueError(f"duplicate document id {d.id!r}")
        seen.add(d.id)
    if "ordering" in options and not isinstance(options["ordering"], Ordering):
        options["ordering"] = Ordering(str(options["ordering"]).lower())
    try:
        opts = Options(**options)
    except TypeError as exc:
        raise ValueError(str(exc)) from None
    return summarize_documents(docs, opts)


def _document(d: str | Mapping[str, Any] | Document, i: int) -> Document:
    if isinstance(d, Document):
        return d
    if isinstance(d, str):
        return Document(id=f"doc-{i + 1}", text=d)
    fields = {k: v for k, v in d.items() if k in _DOC_FIELDS and v is not None}
    if isinstance(fields.get("published_at"), str):
        fields["published_at"] = datetime.fromisoformat(fields["published_at"])
    fields.setdefault("id", f"doc-{i + 1}")
    fields["id"] = str(fields["id"]) or f"doc-{i + 1}"
    return Document(**{k: v for k, v in fields.items()})
