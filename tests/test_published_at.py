"""An out-of-range ``published_at`` is the caller's error: INVALID_ARGUMENT naming the field,
in a unary call and as a batch item, never UNKNOWN or INTERNAL with a traceback in the log.
Against a real server on loopback."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from conftest import SERVICE
from google.protobuf import timestamp_pb2
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb

TEXT = "The council met on Monday. It approved the budget for the new bridge over the river."
OUT_OF_RANGE = [timestamp_pb2.Timestamp(seconds=10**15), timestamp_pb2.Timestamp(seconds=0,
                                                                                    nanos=-1),
                timestamp_pb2.Timestamp(seconds=-10**12)]


def _request(when: timestamp_pb2.Timestamp) -> pb.SummarizeRequest:
    return pb.SummarizeRequest(documents=[
        pb.Document(id="fine", text=TEXT),
        pb.Document(id="odd", text=TEXT + " Again.", published_at=when)])


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    return module_server()


@pytest.mark.parametrize("when", OUT_OF_RANGE, ids=["1e15s", "nanos-1", "-1e12s"])
def test_out_of_range_published_at_is_invalid_argument(srv: Any,
                                                       when: timestamp_pb2.Timestamp) -> None:
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    with grpc.insecure_channel(srv.target) as channel:
        call = channel.unary_unary(f"/{SERVICE}/Summarize",
                                   request_serializer=pb.SummarizeRequest.SerializeToString,
                                   response_deserializer=pb.SummarizeResponse.FromString)
        with pytest.raises(grpc.RpcError) as raised:
            call(_request(when), timeout=30)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT, raised.value.details()
    st = rpc_status.from_call(raised.value)
    br = error_details_pb2.BadRequest()
    assert st is not None and st.details[0].Unpack(br)
    assert [v.field for v in br.field_violations] == ["documents[1].published_at"]
    assert "Traceback" not in srv.log_text()


def test_out_of_range_published_at_in_a_batch_fails_that_item_only(srv: Any) -> None:
    items = [pb.SummarizeBatchRequest(cluster_id="bad", request=_request(OUT_OF_RANGE[0])),
             pb.SummarizeBatchRequest(cluster_id="good", request=_request(
                 timestamp_pb2.Timestamp(seconds=1_700_000_000)))]
    with grpc.insecure_channel(srv.target) as channel:
        call = channel.stream_stream(f"/{SERVICE}/SummarizeBatch",
                                     request_serializer=pb.SummarizeBatchRequest
                                     .SerializeToString,
                                     response_deserializer=pb.SummarizeBatchResponse.FromString)
        results = {r.cluster_id: r for r in call(iter(items), timeout=60)}
    bad = results["bad"]
    assert bad.WhichOneof("result") == "error"
    assert bad.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert [v.field for v in bad.error.field_violations] == ["documents[1].published_at"]
    assert results["good"].WhichOneof("result") == "response"
    assert "Traceback" not in srv.log_text()
