"""The digest engine: pure functions from documents to a cited digest. No gRPC here.

Stages, one module each: ``segment`` (sentence spans; its lines-and-blocks pass is
``blocks``, its sentence decisions ``boundaries``), ``clean`` (boilerplate; its rules are
``furniture``, and ``triggers`` and ``key_words`` say where they may apply), ``text``
(words, stop words, stems), ``represent`` (TF-IDF vectors of words keyed by ``token_keys``),
``sentence_graph`` (similarity graph, near-duplicates), ``rank`` (LexRank), ``select``
(filters, redundancy, budget), ``cite`` (citations, sources), ``order``; ``pipeline`` runs
them. ``dates`` dates documents and sentences; ``stories`` splits a pile of documents into
stories and digests each. ``model`` holds the plain data that flows between them, and
``validate`` the rules that data must meet on the way in.
"""

from typing import TYPE_CHECKING

from ._lazy import attach as _attach
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

if TYPE_CHECKING:
    from .languages import UnsupportedLanguageError
    from .pipeline import split_sentences, summarize_documents
    from .stories import cluster, summarize_stories
    from .text import supported_languages
    from .validate import InvalidInputError

# The stages (and numpy, scipy, the stemmers, the compiled patterns they bring) are imported
# on first use: the server's main process, which only validates and converts, and a program
# that only reads ``model`` never pay for them. ``model`` is plain data and stays eager.
_LAZY = {
    "InvalidInputError": ".validate",
    "UnsupportedLanguageError": ".languages",
    "cluster": ".stories",
    "split_sentences": ".pipeline",
    "summarize_documents": ".pipeline",
    "summarize_stories": ".stories",
    "supported_languages": ".text",
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
