"""Typed results: the digest as plain dataclasses, converted from the response message.

    >>> digest = client.summarize(documents)  # doctest: +SKIP
    >>> first = digest.sentences[0]  # doctest: +SKIP
    >>> first.text, digest.source(first.source_number).title  # doctest: +SKIP
    >>> digest.quote(first.citation) == first.text  # doctest: +SKIP
    True
    >>> digest.to_dict()["stats"]["documents"]  # doctest: +SKIP
    >>> print(digest.render("markdown"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from .proto.lexdigest.v1 import digest_pb2 as pb

if TYPE_CHECKING:
    from ._errors import LexdigestError

def default_id(index: int) -> str:
    """The id the server gives the document at ``index`` when it has none: ``doc-1``, ...

    The client's own copy of the rule of ``lexdigest.engine.validate.default_id`` (the client
    does not depend on the server distribution).
    """
    return f"doc-{index + 1}"


DecisionName = Literal["selected", "redundant", "boilerplate", "filtered", "over_budget",
                       "duplicate", "not_reached", "unspecified"]
_DECISIONS: dict[int, DecisionName] = {
    pb.DECISION_SELECTED: "selected", pb.DECISION_REDUNDANT: "redundant",
    pb.DECISION_BOILERPLATE: "boilerplate", pb.DECISION_FILTERED: "filtered",
    pb.DECISION_OVER_BUDGET: "over_budget", pb.DECISION_DUPLICATE: "duplicate",
    pb.DECISION_NOT_REACHED: "not_reached",
}
_EMPTY: Mapping[str, str] = MappingProxyType({})


class _ToDict:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of this object (nested objects become dicts too)."""
        return {f.name: _plain(getattr(self, f.name))
                for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Citation(_ToDict):
    """Where a sentence stands: ``text[char_start:char_end]`` of document ``document_id``.

    >>> c = Citation("a", 0, 0, 11)
    >>> "Rain fell. Then sun."[c.char_start:c.char_end]
    'Rain fell. '
    """

    document_id: str
    sentence_index: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class DigestSentence(_ToDict):
    """One digest sentence with its source and the other sources that say the same.

    ``source_number`` is the 1-based number of ``citation``'s document in ``Digest.sources``;
    ``supporting`` cites sentences of other documents that agree with it. ``date`` is the
    date of what the sentence reports, ISO 8601 at the precision known ("2025-02-06",
    "2025-02", "2025"), or "" when unknown (best effort, see the proto).
    """

    text: str
    score: float
    citation: Citation
    supporting: tuple[Citation, ...] = ()
    source_number: int = 0
    date: str = ""


@dataclass(frozen=True, slots=True)
class Source(_ToDict):
    """One entry of the numbered source list."""

    number: int
    document_id: str
    title: str = ""
    url: str = ""
    source: str = ""
    language: str = ""
    """ISO 639-1 code the document was analysed (and segmented) in."""


@dataclass(frozen=True, slots=True)
class Explanation(_ToDict):
    """Why a candidate sentence was kept or dropped (``explain=True``).

    ``decision`` is ``selected``, ``redundant``, ``boilerplate``, ``filtered``,
    ``over_budget``, ``duplicate`` or ``not_reached``; ``related`` is the sentence a redundant
    or duplicate candidate repeats.
    """

    text: str
    citation: Citation
    score: float
    rank: int
    decision: DecisionName
    reason: str
    related: Citation | None = None

    @property
    def kept(self) -> bool:
        """Whether the sentence is in the digest."""
        return self.decision == "selected"


@dataclass(frozen=True, slots=True)
class Stats(_ToDict):
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
    """A cited digest: sentences, numbered sources, stats and (on request) explanations.

    When the client made the digest it keeps the texts of the documents it sent, so
    ``quote(citation)`` can cut out any cited or supporting sentence and the HTML rendering
    can show what the supporting sources say.

    >>> digest = client.summarize(["First article ...", "Second ..."])  # doctest: +SKIP
    >>> for s in digest.sentences:  # doctest: +SKIP
    ...     print(s.text, digest.source(s.source_number).document_id)
    >>> digest.render("html")  # doctest: +SKIP
    """

    sentences: tuple[DigestSentence, ...]
    sources: tuple[Source, ...]
    text: str
    stats: Stats
    explanations: tuple[Explanation, ...] = field(default=())
    languages: tuple[str, ...] = field(default=())
    """ISO 639-1 codes of the documents' languages, most documents first."""
    documents: Mapping[str, str] = field(default_factory=lambda: _EMPTY, repr=False,
                                         compare=False)
    """Texts of the documents sent, by id (empty when unknown); not part of ``to_dict()``."""

    @property
    def summary(self) -> str:
        """The digest sentences joined by newlines, without markers or sources."""
        return "\n".join(s.text for s in self.sentences)

    def source(self, number: int) -> Source:
        """The source numbered ``number`` (1-based); ``KeyError`` if there is none."""
        for s in self.sources:
            if s.number == number:
                return s
        raise KeyError(number)

    def source_number(self, document_id: str) -> int | None:
        """The number of ``document_id`` in the source list, if it is there."""
        for s in self.sources:
            if s.document_id == document_id:
                return s.number
        return None

    def quote(self, citation: Citation) -> str | None:
        """The cited sentence cut out of the document sent, or ``None`` when unknown."""
        text = self.documents.get(citation.document_id)
        if text is None or not 0 <= citation.char_start <= citation.char_end <= len(text):
            return None
        return text[citation.char_start:citation.char_end]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole response (sentences, sources, text, stats, ...)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)
                if f.name != "documents"}

    def render(self, format: str = "text", width: int | None = None,
               title: str | None = None) -> str:
        """The digest as ``text``, ``markdown``, ``json`` or ``html``.

        ``width`` wraps the text format; ``title`` heads the HTML page.

        >>> print(digest.render("text", width=80))  # doctest: +SKIP
        """
        from ._render import render

        return render(self, format, width=width, title=title)

    def with_documents(self, documents: Mapping[str, str]) -> Digest:
        """A copy that knows the texts of ``documents`` (id to text) for quoting."""
        return Digest(self.sentences, self.sources, self.text, self.stats, self.explanations,
                      self.languages, MappingProxyType(dict(documents)))

    @classmethod
    def from_proto(cls, m: pb.SummarizeResponse,
                   documents: Iterable[pb.Document] = ()) -> Digest:
        """Convert a ``SummarizeResponse`` message (``documents``: the ones sent)."""
        texts = {d.id or default_id(i): d.text for i, d in enumerate(documents)}
        return cls(
            sentences=tuple(
                DigestSentence(s.text, s.score, _citation(s.citation),
                               tuple(_citation(c) for c in s.supporting), s.source_number,
                               s.date)
                for s in m.sentences
            ),
            sources=tuple(Source(s.number, s.document_id, s.title, s.url, s.source,
                                 s.language) for s in m.sources),
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
            languages=tuple(m.languages),
            documents=MappingProxyType(texts) if texts else _EMPTY,
        )


@dataclass(frozen=True, slots=True)
class StoryTitle(_ToDict):
    """A story's headline; ``citation`` is unset when it is the document's ``title``."""

    text: str
    document_id: str
    citation: Citation | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """One story of a pile: its documents, headline, time span and digest.

    >>> for story in client.stories(pile):  # doctest: +SKIP
    ...     print(story.id, story.title.text, len(story.document_ids), story.end_time)
    """

    id: str
    document_ids: tuple[str, ...]
    title: StoryTitle
    start_time: datetime | None
    end_time: datetime | None
    digest: Digest

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (times as ISO 8601 strings or ``None``)."""
        return {"id": self.id, "document_ids": list(self.document_ids),
                "title": self.title.to_dict(),
                "start_time": self.start_time.isoformat() if self.start_time else None,
                "end_time": self.end_time.isoformat() if self.end_time else None,
                "digest": self.digest.to_dict()}

    def render(self, format: str = "text", width: int | None = None) -> str:
        """The story (headline, time span, digest) as ``text``, ``markdown``, ``json`` or
        ``html``."""
        from ._render import render_story

        return render_story(self, format, width=width)

    @classmethod
    def from_proto(cls, m: pb.Story, documents: Mapping[str, str] = _EMPTY) -> Story:
        """Convert a ``Story`` message (``documents``: texts sent, by id)."""
        t = m.title
        mine = {i: documents[i] for i in m.document_ids if i in documents}
        return cls(
            m.id, tuple(m.document_ids),
            StoryTitle(t.text, t.document_id,
                       _citation(t.citation) if t.HasField("citation") else None),
            m.start_time.ToDatetime(UTC) if m.HasField("start_time") else None,
            m.end_time.ToDatetime(UTC) if m.HasField("end_time") else None,
            Digest.from_proto(m.digest).with_documents(mine) if mine else
            Digest.from_proto(m.digest),
        )


@dataclass(frozen=True, slots=True)
class Stories:
    """The stories of a pile, largest first, then most recent; iterable and sized.

    ``documents`` counts the pile's documents; ``engine_ms`` is the server's engine time.
    """

    stories: tuple[Story, ...]
    documents: int = 0
    engine_ms: float = 0.0
    message: pb.SummarizeStoriesResponse | None = field(default=None, repr=False,
                                                        compare=False)
    """The response message it was made from, when it came from a server."""

    def __iter__(self) -> Iterator[Story]:
        return iter(self.stories)

    def __len__(self) -> int:
        return len(self.stories)

    def __getitem__(self, index: int) -> Story:
        return self.stories[index]

    def story_of(self, document_id: str) -> Story:
        """The story holding ``document_id``; ``KeyError`` if none does."""
        for s in self.stories:
            if document_id in s.document_ids:
                return s
        raise KeyError(document_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole response."""
        return {"stories": [s.to_dict() for s in self.stories], "documents": self.documents,
                "engine_ms": self.engine_ms}

    def render(self, format: str = "text", width: int | None = None,
               title: str | None = None) -> str:
        """Every story as ``text``, ``markdown``, ``json`` or ``html``."""
        from ._render import render_stories

        return render_stories(self, format, width=width, title=title)

    @classmethod
    def from_proto(cls, m: pb.SummarizeStoriesResponse,
                   documents: Iterable[pb.Document] = ()) -> Stories:
        """Convert a ``SummarizeStoriesResponse`` (``documents``: the ones sent)."""
        texts = {d.id or default_id(i): d.text for i, d in enumerate(documents)}
        return cls(tuple(Story.from_proto(s, texts) for s in m.stories), m.documents,
                   m.engine_ms, m)

    def to_json(self) -> str:
        """The response as proto JSON with the proto's field names (``document_ids``), as
        the server's HTTP gateway and other gRPC clients would print it."""
        if self.message is None:
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        from google.protobuf import json_format

        text: str = json_format.MessageToJson(self.message, preserving_proto_field_name=True,
                                              ensure_ascii=False, indent=2)
        return text + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, _ToDict):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _citation(c: pb.Citation) -> Citation:
    return Citation(c.document_id, c.sentence_index, c.char_start, c.char_end)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One cluster's outcome in a batch: ``digest`` or ``error`` is set.

    >>> for r in client.summarize_batch([("a", docs_a), ("b", docs_b)]):  # doctest: +SKIP
    ...     print(r.cluster_id, r.digest.summary if r.ok else r.error.message)
    """

    cluster_id: str
    digest: Digest | None = None
    error: LexdigestError | None = None

    @property
    def ok(self) -> bool:
        """Whether the cluster was digested."""
        return self.digest is not None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "digest"}`` or ``{"id", "error": {"code", "message", ...}}``."""
        if self.digest is not None:
            return {"id": self.cluster_id, "digest": self.digest.to_dict()}
        assert self.error is not None
        return {"id": self.cluster_id, "error": self.error.to_dict()}

    def to_line(self, cluster_id: str | None = None) -> dict[str, Any]:
        """The JSON line ``lexdigest batch`` writes for this cluster (also written by
        ``lexdigest.adapters.dask``): ``{"id", "summary", "digest"}`` or ``{"id", "error"}``.
        ``cluster_id`` replaces the id (the CLI's input id when the input repeats one)."""
        line = self.to_dict()
        line["id"] = self.cluster_id if cluster_id is None else cluster_id
        if self.digest is not None:
            line = {"id": line["id"], "summary": self.digest.summary, "digest": line["digest"]}
        return line
