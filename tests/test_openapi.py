"""The OpenAPI description at /openapi.json: a valid OpenAPI 3.1 document whose paths are
exactly the ``google.api.http`` rules of the contract, and whose schemas are its messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import google.api.annotations_pb2 as annotations_pb2
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from openapi_spec_validator import validate

OPENAPI = (Path(__file__).resolve().parent.parent
           / "server/src/lexdigest/serve/web/openapi.json")


def _spec() -> dict[str, Any]:
    return dict(json.loads(OPENAPI.read_text(encoding="utf-8")))


def annotated_routes() -> dict[tuple[str, str], str]:
    """(verb, path) → method name, read from the generated descriptor's HTTP rules."""
    out = {}
    for method in pb.DESCRIPTOR.services_by_name["DigestService"].methods:
        options = method.GetOptions()
        if options.HasExtension(annotations_pb2.http):
            rule = options.Extensions[annotations_pb2.http]
            verb = rule.WhichOneof("pattern")
            out[(verb, getattr(rule, verb))] = method.name
    return out


def test_openapi_document_is_valid() -> None:
    validate(_spec())  # raises with the offending part when it is not OpenAPI 3.1


def test_openapi_paths_are_the_annotations() -> None:
    routes = annotated_routes()
    assert ("post", "/v1/digest:summarize") in routes
    assert ("post", "/v1/digest:summarizeBatch") in routes
    described = {(verb, path): op["operationId"]
                 for path, item in _spec()["paths"].items() for verb, op in item.items()}
    assert described == routes


def test_openapi_schemas_name_every_field_in_json_form() -> None:
    schemas = _spec()["components"]["schemas"]
    for message in (pb.SummarizeRequest, pb.SummarizeResponse, pb.DigestSentence, pb.Citation,
                    pb.SummarizeOptions, pb.SummarizeBatchResponse):
        schema = schemas[message.DESCRIPTOR.full_name]
        assert set(schema["properties"]) == {f.json_name for f in message.DESCRIPTOR.fields}
    # Canonical proto3 JSON: enums by name, lowerCamelCase names, comments as descriptions.
    ordering = schemas["lexdigest.v1.Ordering"]
    assert ordering["enum"] == [v.name for v in pb.Ordering.DESCRIPTOR.values]
    options = schemas["lexdigest.v1.SummarizeOptions"]["properties"]
    assert "Most words in the digest" in options["maxWords"]["description"]
    assert "google.rpc.Status" in schemas and "google.rpc.BadRequest" in schemas
