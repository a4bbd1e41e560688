"""Conversion between the lexdigest.v1 messages and the engine's dataclasses."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from google.protobuf import timestamp_pb2
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

from lexdigest.engine import model
from lexdigest.engine.validate import InvalidInputError, with_default_ids

from .validate import Limits, violations

_ORDERING = {
    pb.ORDERING_UNSPECIFIED: model.Ordering.AUTO,
    pb.ORDERING_SCORE: model.Ordering.SCORE,
    pb.ORDERING_CHRONOLOGICAL: model.Ordering.CHRONOLOGICAL,
    pb.ORDERING_SOURCE: model.Ordering.SOURCE,
}
_DECISION = {
    model.Decision.SELECTED: pb.DECISION_SELECTED,
    model.Decision.REDUNDANT: pb.DECISION_REDUNDANT,
    model.Decision.BOILERPLATE: pb.DECISION_BOILERPLATE,
    model.Decision.FILTERED: pb.DECISION_FILTERED,
    model.Decision.OVER_BUDGET: pb.DECISION_OVER_BUDGET,
    model.Decision.DUPLICATE: pb.DECISION_DUPLICATE,
    model.Decision.NOT_REACHED: pb.DECISION_NOT_REACHED,
}


def to_engine(
    request: pb.SummarizeRequest | pb.SummarizeStoriesRequest, limits: Limits
) -> tuple[list[model.Document], model.Options]:
    """Validated engine inputs of ``request``; raises ``InvalidInputError``.

    Zero values are proto3's "not set" and become the engine's defaults; an empty document
    id becomes ``doc-N`` (``engine.validate.default_id``).
    """
    o = request.options
    bad_dates: list[tuple[str, str]] = []
    documents = [
        model.Document(d.id, d.text, d.title, d.url, d.source,
                       _published_at(d, i, bad_dates))
        for i, d in enumerate(request.documents)
    ]
    options = model.Options(
        max_sentences=o.max_sentences or None,
        max_words=o.max_words,
        max_chars=o.max_chars,
        query=o.query,
        language=o.language,  # "" detects the language of each document
        ordering=_ORDERING.get(o.ordering, model.Ordering.SCORE),
        max_similarity=o.max_similarity or model.DEFAULT_MAX_SIMILARITY,
        explain=o.explain,
        min_sentence_words=o.min_sentence_words or model.DEFAULT_MIN_SENTENCE_WORDS,
        max_sentence_words=o.max_sentence_words or model.DEFAULT_MAX_SENTENCE_WORDS,
    )
    found = violations(documents, options, limits) + bad_dates
    if o.ordering not in _ORDERING:
        found.append(("options.ordering", f"unknown ordering value {o.ordering}"))
    if found:
        raise InvalidInputError(found)
    return with_default_ids(documents), options


# The range google.protobuf.Timestamp defines: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
_MIN_SECONDS, _MAX_SECONDS = -62_135_596_800, 253_402_300_799


def _published_at(d: pb.Document, i: int, bad: list[tuple[str, str]]) -> datetime | None:
    """The document's ``published_at`` as a UTC datetime; ``None`` when unset, or when out
    of the Timestamp range (then a violation is added to ``bad``)."""
    if not d.HasField("published_at"):
        return None
    ts = d.published_at
    if not _MIN_SECONDS <= ts.seconds <= _MAX_SECONDS or not 0 <= ts.nanos <= 999_999_999:
        bad.append((f"documents[{i}].published_at",
                    f"out of range (seconds={ts.seconds}, nanos={ts.nanos}): a timestamp "
                    "must lie between 0001-01-01 and 9999-12-31 with nanos 0..999999999"))
        return None
    when: datetime = ts.ToDatetime(UTC)
    return when


def to_engine_stories(
    request: pb.SummarizeStoriesRequest, limits: Limits
) -> tuple[list[model.Document], model.StoryOptions]:
    """Validated engine inputs of a stories request (pile limits); raises ``InvalidInputError``."""
    g = request.granularity
    problems = [] if 0.0 <= g <= 1.0 else [("granularity", f"must be between 0 and 1, got {g}")]
    pile = dataclasses.replace(limits, max_documents=limits.max_story_documents,
                               max_total_chars=limits.max_story_total_chars)
    try:
        documents, options = to_engine(request, pile)
    except InvalidInputError as exc:
        raise InvalidInputError([*exc.violations, *problems]) from None
    if problems:
        raise InvalidInputError(problems)
    return documents, model.StoryOptions(options, g or model.DEFAULT_GRANULARITY)


def _timestamp(when: datetime | None) -> timestamp_pb2.Timestamp | None:
    if when is None:
        return None
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(when)
    return ts


def stories_to_proto(result: model.Stories) -> pb.SummarizeStoriesResponse:
    """The response message of the stories of a pile."""
    return pb.SummarizeStoriesResponse(
        stories=[
            pb.Story(id=s.id, document_ids=list(s.document_ids),
                     title=pb.StoryTitle(text=s.title.text, document_id=s.title.document_id,
                                         citation=_citation(s.title.citation)
                                         if s.title.citation else None),
                     start_time=_timestamp(s.start_time), end_time=_timestamp(s.end_time),
                     digest=to_proto(s.digest))
            for s in result.stories
        ],
        documents=result.documents,
        engine_ms=result.engine_ms,
    )


def _citation(c: model.Citation) -> pb.Citation:
    return pb.Citation(document_id=c.document_id, sentence_index=c.sentence_index,
                       char_start=c.char_start, char_end=c.char_end)


def to_proto(digest: model.Digest) -> pb.SummarizeResponse:
    """The response message of ``digest``."""
    s = digest.stats
    return pb.SummarizeResponse(
        sentences=[
            pb.DigestSentence(text=d.text, score=d.score, citation=_citation(d.citation),
                              supporting=[_citation(c) for c in d.supporting],
                              source_number=d.source_number, date=d.date)
            for d in digest.sentences
        ],
        sources=[pb.Source(number=x.number, document_id=x.document_id, title=x.title,
                           url=x.url, source=x.source, language=x.language)
                 for x in digest.sources],
        text=digest.text,
        stats=pb.SummarizeStats(
            documents=s.documents, sentences=s.sentences, candidates=s.candidates,
            dropped_boilerplate=s.dropped_boilerplate, dropped_redundant=s.dropped_redundant,
            dropped_over_budget=s.dropped_over_budget, dropped_filtered=s.dropped_filtered,
            engine_ms=s.engine_ms,
        ),
        explanations=[
            pb.Explanation(text=e.text, citation=_citation(e.citation), score=e.score,
                           rank=e.rank, decision=_DECISION[e.decision], reason=e.reason,
                           related=_citation(e.related) if e.related else None)
            for e in digest.explanations
        ],
        languages=list(digest.languages),
    )
