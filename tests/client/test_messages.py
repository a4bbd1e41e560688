"""Request building shared by both clients (lexdigest_client._messages), without a server.

What reaches the wire is decided here: how a string, a mapping or a message becomes a
``Document``, how options are named, how a request is cut into stream messages, and how a
batch keeps local failures and the documents it sent.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lexdigest_client import InvalidInputError
from lexdigest_client._messages import Batch, stream_messages, to_documents, to_request
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

TEXT = "The council approved the new budget on Monday. Spending on schools will rise."


def test_strings_mappings_and_messages_become_documents() -> None:
    given = pb.Document(id="m", text=TEXT)
    docs = to_documents([TEXT, {"id": "b", "text": TEXT, "title": "T",
                                "published_at": "2024-05-01T08:00:00Z"}, given])
    assert [d.id for d in docs] == ["doc-1", "b", "m"]
    assert docs[1].title == "T"
    assert docs[1].published_at.ToDatetime(UTC) == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert to_documents(TEXT)[0].text == TEXT  # a lone string is one document
    assert [d.id for d in to_documents({"id": "x", "text": TEXT})] == ["x"]


@pytest.mark.parametrize(("documents", "options", "words"), [
    ([{"text": 5}], {}, "text"),
    ([{"text": TEXT, "published_at": "yesterday"}], {}, "published_at"),
    ([3.5], {}, "float"),
    ([TEXT], {"colour": "red"}, "colour"),
    ([TEXT], {"ordering": "sideways"}, "ordering"),
    ([TEXT], {"max_words": "many"}, "options"),
])
def test_bad_input_is_refused_before_sending(documents: list[object],
                                             options: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidInputError, match=words):
        to_request(documents, **options)  # type: ignore[arg-type]


def test_a_stream_carries_the_options_first_and_every_text_whole() -> None:
    request = to_request([TEXT * 3, TEXT], max_words=40, ordering="chronological")
    messages = list(stream_messages(request, chunk_chars=50))
    assert messages[0].WhichOneof("payload") == "options"
    assert messages[0].options.ordering == pb.ORDERING_CHRONOLOGICAL
    texts: list[str] = []
    for m in messages[1:]:
        if m.WhichOneof("payload") == "document":
            texts.append(m.document.text)
        else:
            assert m.chunk.document_id == request.documents[len(texts) - 1].id
            texts[-1] += m.chunk.text
        assert len(m.document.text or m.chunk.text) <= 50
    assert texts == [TEXT * 3, TEXT]


def test_a_batch_keeps_local_failures_and_pairs_results_with_what_was_sent() -> None:
    batch = Batch({"max_words": 30})
    ok = batch.message(("a", [TEXT]))
    assert ok is not None and ok.request.options.max_words == 30
    override = batch.message(("b", [TEXT], {"max_words": 10}))
    assert override is not None and override.request.options.max_words == 10
    assert batch.message(("bad", [{"text": 5}])) is None
    (failed,) = batch.failed()
    assert failed.cluster_id == "bad" and isinstance(failed.error, InvalidInputError)
    assert list(batch.failed()) == []  # handed out once
    answer = pb.SummarizeBatchResponse(cluster_id="a", response=pb.SummarizeResponse(
        sentences=[pb.DigestSentence(text=TEXT[:46], citation=pb.Citation(
            document_id="doc-1", char_start=0, char_end=46))]))
    result = batch.result(answer)
    assert result.ok and result.digest is not None
    assert result.digest.quote(result.digest.sentences[0].citation) == TEXT[:46]
    error = batch.result(pb.SummarizeBatchResponse(cluster_id="b", error=pb.BatchError(
        code=3, message="invalid", field_violations=[pb.FieldViolation(field="options.x")])))
    assert not error.ok and error.error is not None
    assert [v.field for v in error.error.field_violations] == ["options.x"]
