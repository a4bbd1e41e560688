"""The digest engine: pure functions from documents to a cited digest. No gRPC here.

Stages, one module each: ``segment`` (sentence spans), ``clean`` (boilerplate), ``text``
(words, stop words, stems), ``represent`` (TF-IDF, near-duplicates), ``rank`` (LexRank),
``select`` (filters, redundancy, budget), ``cite`` (citations, sources), ``order``;
``pipeline`` runs them. ``dates`` dates documents and sentences; ``stories`` splits a pile of
documents into stories and digests each. ``model`` holds the plain data that flows between
them, and ``validate`` the rules that data must meet on the way in.
"""

from .model import (
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
    Stories,
    Story,
    StoryOptions,
    StoryTitle,
)
from .pipeline import split_sentences, summarize_documents
from .stories import cluster, summarize_stories
from .text import UnsupportedLanguageError, supported_languages
from .validate import InvalidInputError

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
    "Stories",
    "Story",
    "StoryOptions",
    "StoryTitle",
    "UnsupportedLanguageError",
    "cluster",
    "split_sentences",
    "summarize_documents",
    "summarize_stories",
    "supported_languages",
]
