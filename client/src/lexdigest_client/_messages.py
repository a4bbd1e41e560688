"""Request messages built from plain Python values, and batch results read from responses.

Shared by ``DigestClient`` and ``AsyncDigestClient``, which differ only in how they send.
Inputs are normalised once, here: a document may be a string, a mapping or a ``Document``
message; options are keyword arguments named like the ``SummarizeOptions`` fields. Bad
values raise ``InvalidInputError`` before anything is sent.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from ._errors import FieldViolation, InvalidInputError, LexdigestError, error_class, status_code
from ._models import BatchResult, Digest, default_id
from .proto.lexdigest.v1 import digest_pb2 as pb

DocumentLike = str | Mapping[str, Any] | pb.Document
"""A document: its text, a mapping with ``text`` and optional fields, or a message."""
ClusterLike = (tuple[str, Iterable[DocumentLike]]
               | tuple[str, Iterable[DocumentLike], Mapping[str, Any]])
"""A batch cluster: ``(cluster_id, documents)`` or ``(cluster_id, documents, options)``."""

_ORDERINGS = {"score": pb.ORDERING_SCORE, "chronological": pb.ORDERING_CHRONOLOGICAL,
              "source": pb.ORDERING_SOURCE, "": pb.ORDERING_UNSPECIFIED}
_OPTION_NAMES = {f.name for f in pb.SummarizeOptions.DESCRIPTOR.fields}


def to_document(doc: DocumentLike, index: int = 0) -> pb.Document:
    """A ``Document`` message from a string, a mapping or a message.

    >>> to_document({"id": "a", "text": "Rain.", "published_at": "2024-05-01T08:00:00Z"}).id
    'a'
    """
    if isinstance(doc, pb.Document):
        return doc
    if isinstance(doc, str):
        return pb.Document(id=default_id(index), text=doc)
    if not isinstance(doc, Mapping):
        raise InvalidInputError(f"documents[{index}]: expected a string, mapping or Document, "
                                f"got {type(doc).__name__}")
    text = doc.get("text")
    if not isinstance(text, str):
        raise InvalidInputError(f"documents[{index}]: expected a \"text\" string")
    m = pb.Document(id=str(doc.get("id") or ""), text=text,
                    title=str(doc.get("title") or ""), url=str(doc.get("url") or ""),
                    source=str(doc.get("source") or ""))
    published = doc.get("published_at")
    if published:
        try:
            when = published if isinstance(published, datetime) else datetime.fromisoformat(
                str(published).replace("Z", "+00:00"))
        except ValueError:
            raise InvalidInputError(f"documents[{index}].published_at: not an ISO 8601 time: "
                                    f"{published!r}") from None
        m.published_at.FromDatetime(when)
    return m


def to_options(**options: Any) -> pb.SummarizeOptions:
    """A ``SummarizeOptions`` message; unknown names raise ``InvalidInputError``.

    >>> to_options(max_words=50, ordering="chronological").max_words
    50
    """
    unknown = set(options) - _OPTION_NAMES
    if unknown:
        raise InvalidInputError(f"unknown option(s): {', '.join(sorted(unknown))}")
    values = {k: v for k, v in options.items() if v is not None}
    ordering = values.get("ordering")
    if isinstance(ordering, str):
        if ordering.lower() not in _ORDERINGS:
            raise InvalidInputError(f"ordering must be one of score, chronological, source; "
                                    f"got {ordering!r}")
        values["ordering"] = _ORDERINGS[ordering.lower()]
    try:
        return pb.SummarizeOptions(**values)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"options: {exc}") from None


def to_documents(documents: Iterable[DocumentLike] | DocumentLike) -> list[pb.Document]:
    """``Document`` messages of ``documents``; a lone string, mapping or message is one
    document, not an iterable of characters or keys."""
    if isinstance(documents, str | Mapping | pb.Document):
        documents = [cast(DocumentLike, documents)]
    return [to_document(d, i) for i, d in enumerate(documents)]


def to_request(documents: Iterable[DocumentLike] | DocumentLike,
               **options: Any) -> pb.SummarizeRequest:
    """A ``SummarizeRequest`` from documents and option keyword arguments."""
    return pb.SummarizeRequest(documents=to_documents(documents),
                               options=to_options(**options))


def stream_messages(request: pb.SummarizeRequest,
                    chunk_chars: int) -> Iterator[pb.SummarizeStreamRequest]:
    """``request`` as a SummarizeStream: the options, then each document in chunks."""
    yield pb.SummarizeStreamRequest(options=request.options)
    yield from _chunked(request.documents, chunk_chars, pb.SummarizeStreamRequest)


def to_stories_request(documents: Iterable[DocumentLike] | DocumentLike,
                       granularity: float | None = None,
                       **options: Any) -> pb.SummarizeStoriesRequest:
    """A ``SummarizeStoriesRequest``: the pile, each story's digest options, granularity.

    >>> to_stories_request(["Rain.", "Sun."], granularity=0.7, max_words=50).granularity
    0.699999988079071
    """
    if granularity is not None and not (isinstance(granularity, int | float)
                                        and 0.0 <= granularity <= 1.0):
        raise InvalidInputError(f"granularity must be between 0 and 1, got {granularity!r}")
    return pb.SummarizeStoriesRequest(documents=to_documents(documents),
                                      options=to_options(**options),
                                      granularity=granularity or 0.0)


def stories_stream_messages(request: pb.SummarizeStoriesRequest,
                            chunk_chars: int) -> Iterator[pb.SummarizeStoriesStreamRequest]:
    """``request`` as a SummarizeStoriesStream: the settings, then each document in chunks."""
    yield pb.SummarizeStoriesStreamRequest(settings=pb.StoriesSettings(
        options=request.options, granularity=request.granularity))
    yield from _chunked(request.documents, chunk_chars, pb.SummarizeStoriesStreamRequest)


def _chunked(documents: Iterable[pb.Document], chunk_chars: int, message: Any) -> Iterator[Any]:
    """Stream messages of class ``message``: each document, then the chunks of its text."""
    for doc in documents:
        head = pb.Document()
        head.CopyFrom(doc)
        head.text = doc.text[:chunk_chars]
        yield message(document=head)
        for i in range(chunk_chars, len(doc.text), chunk_chars):
            yield message(chunk=pb.DocumentChunk(document_id=doc.id,
                                                 text=doc.text[i:i + chunk_chars]))


def batch_result(resp: pb.SummarizeBatchResponse,
                 documents: Iterable[pb.Document] = ()) -> BatchResult:
    """The ``BatchResult`` of one cluster's response (``documents``: what was sent)."""
    if resp.WhichOneof("result") == "response":
        return BatchResult(resp.cluster_id,
                           digest=Digest.from_proto(resp.response, documents))
    code = status_code(resp.error.code)
    return BatchResult(resp.cluster_id, error=error_class(code)(
        resp.error.message or code.name, code,
        tuple(FieldViolation(v.field, v.description) for v in resp.error.field_violations)))


class Batch:
    """The bookkeeping of one SummarizeBatch call, the same for both clients.

    ``message(item)`` builds a cluster's request, or keeps the cluster's failed result when
    its input is invalid (``failed()`` hands those out between the server's results);
    ``result(resp)`` pairs a response with the documents sent for it. Its methods may be
    called from gRPC's request thread and the caller's thread at once.
    """

    def __init__(self, options: Mapping[str, Any]) -> None:
        self._options = options
        self._sent: dict[str, Sequence[pb.Document]] = {}
        self._failed: deque[BatchResult] = deque()  # appends and pops are thread-safe

    def message(self, item: ClusterLike) -> pb.SummarizeBatchRequest | None:
        """The message of one cluster, or ``None`` when its input is invalid."""
        cid, docs = str(item[0]), item[1]
        extra: Mapping[str, Any] = item[2] if len(item) > 2 else {}
        try:
            request = to_request(docs, **{**self._options, **extra})
        except LexdigestError as err:
            self._failed.append(BatchResult(cid, error=err))
            return None
        self._sent[cid] = request.documents
        return pb.SummarizeBatchRequest(cluster_id=cid, request=request)

    def failed(self) -> Iterator[BatchResult]:
        """The clusters that failed locally since the last call."""
        while self._failed:
            yield self._failed.popleft()

    def not_taken(self, error: LexdigestError) -> Iterator[BatchResult]:
        """A result with ``error`` for each cluster sent and not answered (the server ended
        the call before taking them)."""
        for cid in list(self._sent):
            self._sent.pop(cid, None)
            yield BatchResult(cid, error=error)

    def result(self, resp: pb.SummarizeBatchResponse) -> BatchResult:
        """The ``BatchResult`` of one response of the server."""
        return batch_result(resp, self._sent.pop(resp.cluster_id, ()))
