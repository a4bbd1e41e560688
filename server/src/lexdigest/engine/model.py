"""Plain data of the engine: what goes in (documents, options) and what comes out (a digest).

Nothing here knows about gRPC; the service layer converts to and from these dataclasses.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import StrEnum
from math import inf
from typing import Any, TypeVar

_T = TypeVar("_T")


def _pickled_as_call(cls: type[_T]) -> type[_T]:
    """Pickle instances as a call of ``cls`` with their field values.

    The state functions that slotted dataclasses get look their fields up on every call;
    documents and digests cross a process boundary on every request of the server, and that
    lookup cost more than the copying itself.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    get = operator.attrgetter(*names)
    single = len(names) == 1

    def __reduce__(self: Any) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, ((get(self),) if single else get(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


class Ordering(StrEnum):
    """Order of the digest sentences (see ``order.order_groups``)."""

    AUTO = "auto"  # chronological when every cited document is dated, else by score
    SCORE = "score"
    CHRONOLOGICAL = "chronological"
    SOURCE = "source"


class Decision(StrEnum):
    """What happened to a candidate sentence (see ``Explanation``)."""

    SELECTED = "selected"
    REDUNDANT = "redundant"
    BOILERPLATE = "boilerplate"
    FILTERED = "filtered"
    OVER_BUDGET = "over_budget"
    DUPLICATE = "duplicate"
    NOT_REACHED = "not_reached"


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Document:
    """One input document. ``text`` is kept as given: every offset points into it."""

    id: str
    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    published_at: datetime | None = None


DEFAULT_MAX_SENTENCES = 5
DEFAULT_MAX_SIMILARITY = 0.5
DEFAULT_MIN_SENTENCE_WORDS = 6
DEFAULT_MAX_SENTENCE_WORDS = 80


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Options:
    """How to build a digest. ``None``/0 budgets mean "no cap of this kind".

    ``max_sentences`` is ``None`` for "the default": 5 when no word or character budget is
    given, otherwise unlimited. See ``resolved_max_sentences``.
    """

    max_sentences: int | None = None
    max_words: int = 0
    max_chars: int = 0
    query: str = ""
    language: str = ""  # ISO 639-1 code of every document; "" detects each one's own
    ordering: Ordering = Ordering.AUTO
    max_similarity: float = DEFAULT_MAX_SIMILARITY
    explain: bool = False
    min_sentence_words: int = DEFAULT_MIN_SENTENCE_WORDS
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS

    @property
    def resolved_max_sentences(self) -> int:
        """The sentence cap in force (0 means none)."""
        if self.max_sentences is not None:
            return self.max_sentences
        return 0 if (self.max_words or self.max_chars) else DEFAULT_MAX_SENTENCES


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence's place in a document: ``text[char_start:char_end]`` is the sentence."""

    document_id: str
    sentence_index: int
    char_start: int
    char_end: int


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class DigestSentence:
    """One digest sentence with its primary citation and supporting citations."""

    text: str
    score: float
    citation: Citation
    supporting: tuple[Citation, ...] = ()
    source_number: int = 0
    date: str = ""  # ISO 8601 at the precision known ("2025-02-06", "2025-02"), best effort


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the numbered source list."""

    number: int
    document_id: str
    title: str = ""
    url: str = ""
    source: str = ""
    language: str = ""  # ISO 639-1 code the document was analysed in


@_pickled_as_call
@dataclass(slots=True)
class Stats:
    """Counters describing how the digest was made."""

    documents: int = 0
    sentences: int = 0
    candidates: int = 0
    dropped_boilerplate: int = 0
    dropped_redundant: int = 0
    dropped_over_budget: int = 0
    dropped_filtered: int = 0
    engine_ms: float = 0.0
    stage_ms: dict[str, float] = field(default_factory=dict)


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one sentence was or was not put in the digest."""

    text: str
    citation: Citation
    score: float
    rank: int
    decision: Decision
    reason: str
    related: Citation | None = None


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Digest:
    """The engine's result: sentences in order, numbered sources, rendered text, stats."""

    sentences: tuple[DigestSentence, ...]
    sources: tuple[Source, ...]
    text: str
    stats: Stats
    explanations: tuple[Explanation, ...] = ()
    # ISO 639-1 codes of the documents' languages, most documents first (ties: first seen);
    # the requested one alone when ``Options.language`` was set.
    languages: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The digest sentences joined by newlines, without markers or sources."""
        return "\n".join(s.text for s in self.sentences)


DEFAULT_GRANULARITY = 0.5


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How to split a pile into stories, and how to digest each story.

    ``granularity`` runs from 0 (broad stories) to 1 (narrow ones); see ``engine.stories``.
    """

    digest: Options = field(default_factory=Options)
    granularity: float = DEFAULT_GRANULARITY


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class StoryTitle:
    """A story's headline: a document's ``title``, or a sentence of its text (``citation``)."""

    text: str
    document_id: str
    citation: Citation | None = None


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Story:
    """One story of a pile: its documents (request order), headline, time span and digest."""

    id: str
    document_ids: tuple[str, ...]
    title: StoryTitle
    start_time: datetime | None
    end_time: datetime | None
    digest: Digest


def number_stories(stories: Sequence[tuple[int, Story]]) -> list[Story]:
    """The stories of one pile in order, with their ids (``story-1``, ``story-2``, ...).

    Each is given with the position of its first document in the request. The order:
    largest first, then most recent (latest date; undated last), then by that position. It
    is plain data, like this module: the server orders stories its workers built.
    """
    def key(item: tuple[int, Story]) -> tuple[int, float, int]:
        first, s = item
        return -len(s.document_ids), -(s.end_time.timestamp() if s.end_time else -inf), first

    return [replace(s, id=f"story-{n}") for n, (_, s) in enumerate(sorted(stories, key=key), 1)]


@_pickled_as_call
@dataclass(frozen=True, slots=True)
class Stories:
    """The stories of one pile (ordered as ``engine.stories.cluster`` orders them) and the
    engine time spent on them, clustering and every digest included (added up over the
    worker processes that built them, so it may exceed the call's wall time)."""

    stories: tuple[Story, ...]
    documents: int
    engine_ms: float
