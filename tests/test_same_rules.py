"""One set of input rules on every entry: the library and the server report the same violations.

Each case of ``CASES`` goes through every entry of the ``entries`` fixture: the Python library
(``lexdigest.summarize`` raising ``InvalidInputError``), a real gRPC server (the
``google.rpc.BadRequest`` in the status trailer of a raw call) and the same server's HTTP/JSON
gateway (the ``google.rpc.Status`` JSON body of the 400 answer). Every entry must report
exactly the same ``(field, description)`` pairs, so a caller can switch entries without
relearning the errors. A new transport adds one function to ``entries``.

Only the engine's rules are in the table; the limits a deployment sets (documents and
characters per request, budget caps) exist only on the server and are tested in
``test_validation.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import httpx
import lexdigest
import pytest
from google.protobuf import json_format
from google.rpc import code_pb2
from grpc_status import rpc_status
from lexdigest.service import status as statuses
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

GOOD = "The council approved the new budget on Monday. Spending on schools will rise."

Violations = list[tuple[str, str]]
Entry = Callable[[list[Any], dict[str, Any]], Violations]

CASES = [
    pytest.param([], {}, {"documents"}, id="no-documents"),
    pytest.param([{"id": "a", "text": ""}], {}, {"documents[0].text"}, id="empty-text"),
    pytest.param([GOOD, " \n\t \r\n "], {}, {"documents[1].text"}, id="whitespace-only"),
    pytest.param([{"id": "a", "text": GOOD}, {"id": "a", "text": GOOD + " Again."}], {},
                 {"documents[1].id"}, id="duplicate-ids"),
    pytest.param([GOOD, {"id": "doc-1", "text": GOOD + " Again."}], {}, {"documents"},
                 id="default-id-taken"),
    pytest.param([{"id": "a", "text": "PK\x03\x04\x14\x00\x00\x00\x08\x00binary"}], {},
                 {"documents[0].text"}, id="binary"),
    pytest.param([GOOD + "\x85 C1 control"], {}, {"documents[0].text"}, id="c1-control"),
    pytest.param([{"id": "a\x00b", "text": GOOD}], {}, {"documents[0].id"}, id="control-in-id"),
    pytest.param([{"id": "i" * 257, "text": GOOD}], {}, {"documents[0].id"}, id="id-too-long"),
    pytest.param([{"id": "a", "text": GOOD, "title": "t" * 1001}], {}, {"documents[0].title"},
                 id="title-too-long"),
    pytest.param([{"id": "a", "text": GOOD, "url": "u" * 2001}], {}, {"documents[0].url"},
                 id="url-too-long"),
    pytest.param([GOOD], {"max_words": -5}, {"options.max_words"}, id="negative-max-words"),
    pytest.param([GOOD], {"max_chars": -1}, {"options.max_chars"}, id="negative-max-chars"),
    pytest.param([GOOD], {"max_sentences": -1}, {"options.max_sentences"},
                 id="negative-max-sentences"),
    pytest.param([GOOD], {"max_similarity": 2.0}, {"options.max_similarity"},
                 id="max-similarity-2"),
    pytest.param([GOOD], {"max_similarity": -0.5}, {"options.max_similarity"},
                 id="negative-max-similarity"),
    pytest.param([GOOD], {"min_sentence_words": 1001}, {"options.min_sentence_words"},
                 id="min-sentence-words"),
    pytest.param([GOOD], {"max_sentence_words": -2}, {"options.max_sentence_words"},
                 id="negative-max-sentence-words"),
    pytest.param([GOOD], {"min_sentence_words": 20, "max_sentence_words": 10},
                 {"options.min_sentence_words"}, id="min-over-max-words"),
    pytest.param([GOOD], {"language": "xx"}, {"options.language"}, id="language-xx"),
    pytest.param([GOOD], {"query": "q" * 1001}, {"options.query"}, id="query-too-long"),
    pytest.param([GOOD], {"query": "bell \x07"}, {"options.query"}, id="control-in-query"),
    pytest.param([{"id": "a", "text": ""}, {"id": "a", "text": GOOD}],
                 {"max_words": -5, "language": "xx"},
                 {"documents[0].text", "documents[1].id", "options.max_words",
                  "options.language"}, id="several"),
]


def via_library(documents: list[Any], options: dict[str, Any]) -> Violations:
    try:
        lexdigest.summarize(documents, **options)
    except lexdigest.InvalidInputError as err:
        return list(err.violations)
    return []


def _message(documents: list[Any], options: dict[str, Any]) -> pb.SummarizeRequest:
    return pb.SummarizeRequest(
        documents=[pb.Document(**d) if isinstance(d, dict) else pb.Document(text=d)
                   for d in documents],
        options=pb.SummarizeOptions(**options))


def via_grpc(target: str) -> Entry:
    def call(documents: list[Any], options: dict[str, Any]) -> Violations:
        with grpc.insecure_channel(target) as channel:
            try:
                pb_grpc.DigestServiceStub(channel).Summarize(_message(documents, options),
                                                             timeout=30)
            except grpc.RpcError as err:
                st = rpc_status.from_call(err)  # type: ignore[arg-type]
                assert st is not None and st.code == code_pb2.INVALID_ARGUMENT, err
                return statuses.field_violations(st)
        return []

    return call


def via_http(url: str) -> Entry:
    def call(documents: list[Any], options: dict[str, Any]) -> Violations:
        body = json_format.MessageToJson(_message(documents, options))
        response = httpx.post(f"{url}/v1/digest:summarize", content=body, timeout=30,
                              headers={"content-type": "application/json"})
        if response.status_code == 200:
            return []
        assert response.status_code == 400, response.text
        return [(v["field"], v["description"]) for d in response.json().get("details", [])
                if d["@type"].endswith("google.rpc.BadRequest") for v in d["fieldViolations"]]

    return call


@pytest.fixture(scope="module")
def entries(module_server: Any) -> dict[str, Entry]:
    srv = module_server("--workers", "1", "--http-port", "0")
    return {"library": via_library, "grpc": via_grpc(srv.target), "http": via_http(srv.http_url)}


@pytest.mark.parametrize(("documents", "options", "fields"), CASES)
def test_every_entry_reports_the_same_violations(
        entries: dict[str, Entry], documents: list[Any], options: dict[str, Any],
        fields: set[str]) -> None:
    found = {name: entry(documents, options) for name, entry in entries.items()}
    library = found.pop("library")
    assert {f for f, _ in library} == fields, library
    for name, violations in found.items():
        assert violations == library, name


def test_valid_input_passes_every_entry(entries: dict[str, Entry]) -> None:
    for name, entry in entries.items():
        assert entry([GOOD, GOOD.replace("Monday", "Tuesday")], {"max_words": 40}) == [], name
