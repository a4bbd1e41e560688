"""Typed results: the digest as plain dataclasses, converted from the response message."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ._proto.lexdigest.v1 import digest_pb2 as pb

_DECISIONS = {v.number: v.name.removeprefix("DECISION_").lower()
              for v in pb.Decision.DESCRIPTOR.values}


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a sentence stands: ``text[char_start:char_end]`` of document ``document_id``."""

    document_id: str
    sentence_index: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class DigestSentence:
    """One digest sentence with its source and the other sources that say the same."""

    text: str
    score: float
    citation: Citation
    supporting: tuple[Citation, ...] = ()
    source_number: int = 0


@dataclass(frozen=True, slots=True)
class Source:
    """One entry of the numbered source list."""

    number: int
    document_id: str
    title: str = ""
    url: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a candidate sentence was kept or dropped (``explain=True``)."""

    text: str
    citation: Citation
    score: float
    rank: int
    decision: str
    reason: str
    related: Citation | None = None


@dataclass(frozen=True, slots=True)
class Stats:
    """How the digest was made."""

    documents: int = 0
    sentences: int = 0
    candidates: int = 0
    dropped_boilerplate: int = 0
    dropped_redundant: int = 0
    dropped_over_budget: int = 0
    dropped_filtered: int = 0
    engine_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class Digest:
    """A cited digest.

    >>> digest.sentences[0].text, digest.sources[0].document_id  # doctest: +SKIP
    """

    sentences: tuple[DigestSentence, ...]
    sources: tuple[Source, ...]
    text: str
    stats: Stats
    explanations: tuple[Explanation, ...] = field(default=())

    @property
    def summary(self) -> str:
        """The digest sentences joined by newlines, without markers or sources."""
        return "\n".join(s.text for s in self.sentences)

    def source(self, number: int) -> Source:
        """The source numbered ``number`` (1-based)."""
        for s in self.sources:
            if s.number == number:
                return s
        raise KeyError(number)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole digest."""
        return asdict(self)

    def render(self, format: str = "text", width: int | None = None) -> str:
        """The digest as ``text``, ``markdown``, ``json`` or ``html``."""
        from ._render import render

        return render(self, format, width=width)

    @classmethod
    def from_proto(cls, m: pb.SummarizeResponse) -> Digest:
        """Convert a ``SummarizeResponse`` message."""
        return cls(
            sentences=tuple(
                DigestSentence(s.text, s.score, _citation(s.citation),
                               tuple(_citation(c) for c in s.supporting), s.source_number)
                for s in m.sentences
            ),
            sources=tuple(Source(s.number, s.document_id, s.title, s.url, s.source)
                          for s in m.sources),
            text=m.text,
            stats=Stats(m.stats.documents, m.stats.sentences, m.stats.candidates,
                        m.stats.dropped_boilerplate, m.stats.dropped_redundant,
                        m.stats.dropped_over_budget, m.stats.dropped_filtered,
                        m.stats.engine_ms),
            explanations=tuple(
                Explanation(e.text, _citation(e.citation), e.score, e.rank,
                            _DECISIONS.get(e.decision, "unspecified"), e.reason,
                            _citation(e.related) if e.HasField("related") else None)
                for e in m.explanations
            ),
        )


def _citation(c: pb.Citation) -> Citation:
    return Citation(c.document_id, c.sentence_index, c.char_start, c.char_end)
