"""Error details stay within gRPC's metadata limit, and the client never resends a call that
would fail again. Against a real server on loopback.

A request with hundreds or thousands of bad fields is answered INVALID_ARGUMENT with the
first violations and a count of the rest (the whole trailer a few KiB), instead of a trailer
gRPC refuses (RESOURCE_EXHAUSTED with no details, which the client used to retry).
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from conftest import SERVICE
from lexdigest_client import DigestClient, InvalidInputError
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    return module_server("--max-documents", "200000")


@pytest.mark.parametrize("count", [300, 100_000])
def test_many_bad_fields_give_the_first_violations_and_a_count(srv: Any, count: int) -> None:
    docs = [{"id": f"d{i}", "text": ""} for i in range(count)]
    rid = f"many-{count}"
    with DigestClient(srv.target) as client, pytest.raises(InvalidInputError) as raised:
        client.summarize(docs, request_id=rid, timeout=60)
    err = raised.value
    assert err.code == grpc.StatusCode.INVALID_ARGUMENT
    fields = [v.field for v in err.field_violations]
    assert fields[0] == "documents[0].text"
    assert 1 < len(err.field_violations) <= 21
    assert f"{count - len(err.field_violations) + 1} more" in err.field_violations[-1].description
    # Sent once: INVALID_ARGUMENT is never retried, in any form.
    assert [r["status"] for r in srv.wait_for_calls(1, request_id=rid)] == ["INVALID_ARGUMENT"]


def test_the_trailer_of_a_rejected_call_stays_small(srv: Any) -> None:
    """Raw gRPC with a strict 8 KiB metadata limit still gets the rich status."""
    request = pb.SummarizeRequest(documents=[
        pb.Document(id="é" * 200 + str(i), text="") for i in range(500)])
    with grpc.insecure_channel(srv.target, options=[("grpc.max_metadata_size", 8192)]) as ch:
        call = ch.unary_unary(f"/{SERVICE}/Summarize",
                              request_serializer=pb.SummarizeRequest.SerializeToString,
                              response_deserializer=pb.SummarizeResponse.FromString)
        with pytest.raises(grpc.RpcError) as raised:
            call(request, timeout=30)
    err = raised.value
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, err.details()
    size = sum(len(k) + len(v) for k, v in err.trailing_metadata())
    assert size < 8192
