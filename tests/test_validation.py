"""Every bad input gets INVALID_ARGUMENT with a ``google.rpc.BadRequest`` detail naming the
field, over a real server; oversized messages get RESOURCE_EXHAUSTED.

Each case is checked twice: through the client library (``InvalidInputError.field_violations``)
and through a raw stub (``grpc_status.rpc_status.from_call``).
"""

from __future__ import annotations

import random
from typing import Any

import grpc
import httpx
import pytest
from google.protobuf import json_format
from google.rpc import code_pb2, error_details_pb2
from grpc_status import rpc_status
from lexdigest.serve.config import Config, from_args
from lexdigest_client import (
    MAX_MESSAGE_BYTES,
    DigestClient,
    InvalidInputError,
    UnavailableError,
)
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

_WORDS = ("market council river storm budget school minister harbour festival court railway "
          "election vaccine drought museum factory bridge treaty")
GOOD = "The council approved the new budget on Monday. Spending on schools will rise."


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    return module_server("--workers", "1", "--http-port", "0")


@pytest.fixture(scope="module")
def limited(module_server: Any) -> Any:
    return module_server("--workers", "1", "--http-port", "0", "--max-documents", "3",
                         "--max-document-chars", "1000", "--max-total-chars", "2000")


def raw_violations(err: grpc.RpcError) -> list[tuple[str, str]]:
    """Field violations of a failed raw call, from its ``grpc-status-details-bin`` trailer."""
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    assert status is not None, "no rich status in the trailers"
    assert status.code == code_pb2.INVALID_ARGUMENT
    out = []
    for detail in status.details:
        br = error_details_pb2.BadRequest()
        if detail.Unpack(br):
            out += [(v.field, v.description) for v in br.field_violations]
    return out


def call_both(srv: Any, documents: list[Any], **options: Any
              ) -> tuple[InvalidInputError, grpc.RpcError]:
    """The same bad request through the client library and through a raw stub; over HTTP
    too, where it must get 400 with the same field violations."""
    target = srv.target
    with DigestClient(target, timeout=30) as client, pytest.raises(InvalidInputError) as info:
        client.summarize(documents, **options)
    request = pb.SummarizeRequest(
        documents=[d if isinstance(d, pb.Document) else
                   pb.Document(**d) if isinstance(d, dict) else pb.Document(text=d)
                   for d in documents],
        options=pb.SummarizeOptions(**options))
    with grpc.insecure_channel(target) as channel, pytest.raises(grpc.RpcError) as raw:
        pb_grpc.DigestServiceStub(channel).Summarize(request, timeout=30)
    assert raw.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    http = httpx.post(f"{srv.http_url}/v1/digest:summarize", timeout=30,
                      content=json_format.MessageToJson(request))
    assert http.status_code == 400, http.text
    body = http.json()
    assert body["code"] == code_pb2.INVALID_ARGUMENT
    assert [(v["field"], v["description"]) for d in body["details"]
            for v in d.get("fieldViolations", [])] == raw_violations(raw.value)
    return info.value, raw.value


def assert_field(srv: Any, documents: list[Any], field: str, *, contains: str = "",
                 **options: Any) -> None:
    err, raw = call_both(srv, documents, **options)
    lib = [(v.field, v.description) for v in err.field_violations]
    assert field in [f for f, _ in lib], lib
    assert raw_violations(raw) == lib
    if contains:
        desc = next(d for f, d in lib if f == field)
        assert contains in desc, desc
        assert contains in err.message, err.message


CASES = [
    pytest.param([], {}, "documents", id="no-documents"),
    pytest.param([{"id": "a", "text": ""}], {}, "documents[0].text", id="empty-text"),
    pytest.param([{"id": "a", "text": GOOD}, {"id": "b", "text": " \n\t \r\n "}], {},
                 "documents[1].text", id="whitespace-only"),
    pytest.param([{"id": "a", "text": GOOD}, {"id": "a", "text": GOOD + " Again."}], {},
                 "documents[1].id", id="duplicate-ids"),
    pytest.param([{"id": "a", "text": "PK\x03\x04\x14\x00\x00\x00\x08\x00binary"}], {},
                 "documents[0].text", id="binary"),
    pytest.param([{"id": "a", "text": GOOD + "\x1b[31m red \x07"}], {},
                 "documents[0].text", id="control-characters"),
    pytest.param([{"id": "a", "text": GOOD + "\x85 C1 control"}], {},
                 "documents[0].text", id="c1-control"),
    pytest.param([{"id": "a\x00b", "text": GOOD}], {}, "documents[0].id", id="control-in-id"),
    pytest.param([GOOD], {"max_words": -1}, "options.max_words", id="negative-max-words"),
    pytest.param([GOOD], {"max_sentences": -3}, "options.max_sentences",
                 id="negative-max-sentences"),
    pytest.param([GOOD], {"max_similarity": 2.0}, "options.max_similarity",
                 id="max-similarity-2"),
    pytest.param([GOOD], {"max_similarity": -0.5}, "options.max_similarity",
                 id="negative-max-similarity"),
    pytest.param([GOOD], {"max_sentences": 1000}, "options.max_sentences",
                 id="max-sentences-1000"),
    pytest.param([GOOD], {"max_chars": 100_001}, "options.max_chars", id="max-chars"),
    pytest.param([GOOD], {"min_sentence_words": 1001}, "options.min_sentence_words",
                 id="min-sentence-words"),
    pytest.param([GOOD], {"min_sentence_words": 20, "max_sentence_words": 10},
                 "options.min_sentence_words", id="min-over-max-words"),
    pytest.param([GOOD], {"language": "xx"}, "options.language", id="language-xx"),
    pytest.param([GOOD], {"query": "q" * 1001}, "options.query", id="query-too-long"),
    pytest.param([{"id": "i" * 257, "text": GOOD}], {}, "documents[0].id", id="id-too-long"),
    pytest.param([{"id": "a", "text": GOOD, "url": "u" * 2001}], {}, "documents[0].url",
                 id="url-too-long"),
]


@pytest.mark.parametrize(("documents", "options", "field"), CASES)
def test_bad_input_names_the_field(srv: Any, documents: list[Any], options: dict[str, Any],
                                   field: str) -> None:
    assert_field(srv, documents, field, **options)


def test_several_problems_are_all_reported(srv: Any) -> None:
    err, raw = call_both(srv, [{"id": "a", "text": ""}, {"id": "a", "text": GOOD}],
                         max_words=-5, language="xx")
    fields = {v.field for v in err.field_violations}
    assert {"documents[0].text", "documents[1].id", "options.max_words",
            "options.language"} <= fields
    assert {f for f, _ in raw_violations(raw)} == fields


def test_unknown_ordering_value(srv: Any) -> None:
    request = pb.SummarizeRequest(documents=[pb.Document(text=GOOD)])
    request.options.ordering = 42  # an enum value this server does not know
    with grpc.insecure_channel(srv.target) as channel, pytest.raises(grpc.RpcError) as raw:
        pb_grpc.DigestServiceStub(channel).Summarize(request, timeout=30)
    assert raw.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in raw_violations(raw.value)] == ["options.ordering"]


def test_invalid_utf8_is_invalid_argument(srv: Any) -> None:
    # Document.text = b"\xff\xfe..." : field 1 (documents), containing field 2 (text).
    text = b"\xff\xfe not utf-8 \xc3\x28"
    doc = b"\x12" + bytes([len(text)]) + text
    message = b"\x0a" + bytes([len(doc)]) + doc
    with grpc.insecure_channel(srv.target) as channel, pytest.raises(grpc.RpcError) as raw:
        channel.unary_unary("/lexdigest.v1.DigestService/Summarize",
                            request_serializer=lambda b: b,
                            response_deserializer=pb.SummarizeResponse.FromString)(
            message, timeout=30)
    assert raw.value.code() == grpc.StatusCode.INVALID_ARGUMENT, raw.value
    assert srv.health() == "SERVING"


# ------------------------------------------------------------------------------ limits


def test_too_many_documents(limited: Any) -> None:
    docs = [{"id": f"d{i}", "text": GOOD} for i in range(4)]
    assert_field(limited, docs, "documents", contains="3")


def test_document_too_long(limited: Any) -> None:
    text = (GOOD + " ") * 20
    assert len(text) > 1000
    assert_field(limited, [{"id": "long", "text": text}], "documents[0].text",
                 contains="1000")


def test_total_too_long(limited: Any) -> None:
    text = (GOOD + " ") * 10
    assert 700 < len(text) <= 1000
    docs = [{"id": f"d{i}", "text": text} for i in range(3)]
    assert_field(limited, docs, "documents", contains="2000")


def test_total_too_long_in_a_stream(limited: Any) -> None:
    text = (GOOD + " ") * 10
    with DigestClient(limited.target, timeout=30) as client, \
            pytest.raises(InvalidInputError) as info:
        client.summarize_stream([{"id": f"d{i}", "text": text} for i in range(3)],
                                chunk_chars=100)
    assert [v.field for v in info.value.field_violations] == ["documents"]
    assert "2000" in info.value.field_violations[0].description


def test_within_limits_is_fine(limited: Any) -> None:
    with DigestClient(limited.target, timeout=30) as client:
        digest = client.summarize([GOOD, GOOD.replace("Monday", "Tuesday")])
    assert digest.sentences


def test_limit_checked_per_batch_item(limited: Any) -> None:
    with DigestClient(limited.target, timeout=30) as client:
        results = {r.cluster_id: r for r in client.summarize_batch(
            [("ok", [GOOD]), ("many", [GOOD] * 4)])}
    assert results["ok"].digest is not None
    err = results["many"].error
    assert isinstance(err, InvalidInputError)
    assert err.field_violations[0].field == "documents"
    assert "3" in err.field_violations[0].description


# ------------------------------------------------------------------------------ message size


def test_client_and_server_message_limits_match(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEXDIGEST_MAX_MESSAGE_BYTES", raising=False)
    assert Config().max_message_bytes == MAX_MESSAGE_BYTES
    assert from_args([]).max_message_bytes == MAX_MESSAGE_BYTES


def _request_of_size(size: int, varied: bool = True) -> pb.SummarizeRequest:
    """A request whose serialized size is exactly ``size`` bytes; ``varied``: valid text of
    distinct sentences (else a cheap filler, for requests that must never reach the engine)."""
    if not varied:
        text = "filler " * (size // 7 + 1)
        request = pb.SummarizeRequest(documents=[pb.Document(id="big", text=text)])
        text = text[: len(text) - (request.ByteSize() - size)]
        request = pb.SummarizeRequest(documents=[pb.Document(id="big", text=text)])
        assert request.ByteSize() == size
        return request
    rng = random.Random(size)
    words = _WORDS.split()
    parts, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 16)))
        parts.append(sentence.capitalize() + f" number {len(parts)}.")
        length += len(parts[-1]) + 1
    text = " ".join(parts)
    request = pb.SummarizeRequest(documents=[pb.Document(id="big", text=text)])
    while request.ByteSize() > size:
        text = text[: len(text) - (request.ByteSize() - size)]
        request = pb.SummarizeRequest(documents=[pb.Document(id="big", text=text)])
    assert request.ByteSize() == size
    return request


@pytest.mark.slow
def test_message_just_over_the_server_limit_is_resource_exhausted(server: Any) -> None:
    limit = 120_000
    srv = server("--workers", "1", "--max-message-bytes", str(limit))
    unlimited = [("grpc.max_send_message_length", -1), ("grpc.enable_retries", 0)]
    with grpc.insecure_channel(srv.target, options=unlimited) as channel:
        stub = pb_grpc.DigestServiceStub(channel)
        ok = stub.Summarize(_request_of_size(limit), timeout=60)
        assert ok.stats.documents == 1
        with pytest.raises(grpc.RpcError) as info:
            stub.Summarize(_request_of_size(limit + 1), timeout=60)
        assert info.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert srv.alive()
    assert srv.health() == "SERVING"
    # Through the client library it is the same RESOURCE_EXHAUSTED (as UnavailableError).
    with DigestClient(srv.target, timeout=60) as client, \
            pytest.raises(UnavailableError) as lib:
        client.summarize([_request_of_size(limit + 1).documents[0]])
    assert lib.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert srv.alive() and srv.health() == "SERVING"


@pytest.mark.slow
def test_default_limits_match_over_the_wire(srv: Any) -> None:
    """With defaults on both sides, a message over 64 MiB never crashes either side."""
    request = _request_of_size(MAX_MESSAGE_BYTES + 1, varied=False)
    unlimited = [("grpc.max_send_message_length", -1), ("grpc.enable_retries", 0)]
    with grpc.insecure_channel(srv.target, options=unlimited) as channel, \
            pytest.raises(grpc.RpcError) as server_side:
        pb_grpc.DigestServiceStub(channel).Summarize(request, timeout=60)
    assert server_side.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    with DigestClient(srv.target, timeout=60) as client, \
            pytest.raises(UnavailableError) as client_side:
        client.summarize([request.documents[0]])
    assert client_side.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert srv.alive() and srv.health() == "SERVING"


def test_control_character_check_agrees_with_its_definition() -> None:
    """The fast path for ASCII texts finds exactly what the full pattern finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from lexdigest.engine.validate import _CONTROL
    from lexdigest.engine.validate import has_control as _has_control

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
    def agree(text: str) -> None:
        assert _has_control(text) == (_CONTROL.search(text) is not None)

    agree()
    assert _has_control("tab\tand\nnewlines\r are text") is False
    assert _has_control("a bell \x07 is not") is True
    assert _has_control("DEL \x7f") is True
    assert _has_control("C1 \x85 in non-ASCII text") is True
