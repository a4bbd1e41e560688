"""A real ``lexdigest-server`` process over real gRPC on loopback does what a caller expects.

Health, reflection (with a client that knows nothing but the reflected descriptors), the three
RPCs, exact citations, a graceful drain on SIGTERM during a long call, and one JSON log line
per call.
"""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)
from lexdigest import split_sentences
from lexdigest.engine.dateline import dateline_span
from lexdigest_client import DigestClient, InvalidInputError
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

SERVICE = "lexdigest.v1.DigestService"


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    """One server (2 workers, metrics on) shared by the read-only tests of this module."""
    return module_server("--workers", "2", metrics=True)


def _assert_in_unit(text: str, c: Any) -> None:
    """``c`` is its unit's span, or the same span without a leading dateline."""
    start, end = split_sentences(text)[c.sentence_index]
    assert end == c.char_end and start <= c.char_start
    if start < c.char_start:
        assert dateline_span(text, start, end) == (start, c.char_start), text[start:c.char_end]


def assert_cited(sentences: Any, docs: dict[str, str]) -> None:
    """Every sentence and every supporting citation reproduces its document's span exactly."""
    assert sentences, "empty digest"
    for s in sentences:
        c = s.citation
        text = docs[c.document_id]
        assert text[c.char_start:c.char_end] == s.text
        _assert_in_unit(text, c)
        for sup in s.supporting:
            assert sup.document_id != c.document_id
            stext = docs[sup.document_id]
            span = stext[sup.char_start:sup.char_end]
            assert span and span == span.strip()
            _assert_in_unit(stext, sup)


# ------------------------------------------------------------------------------ health


def test_health_serving_overall_and_for_the_service(srv: Any) -> None:
    assert srv.health("") == "SERVING"
    assert srv.health(SERVICE) == "SERVING"
    with DigestClient(srv.target) as client:
        assert client.health() == "SERVING"
        assert client.health(SERVICE) == "SERVING"


# ------------------------------------------------------------------------------ reflection


def test_reflection_lists_the_service_and_drives_a_dynamic_call(
        srv: Any, seeds: list[dict[str, str]]) -> None:
    with grpc.insecure_channel(srv.target) as channel:
        # The raw reflection API lists the services...
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        answers = stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=10)
        names = {s.name for a in answers for s in a.list_services_response.service}
        assert SERVICE in names
        assert "grpc.health.v1.Health" in names

        # ...and a client built only from reflected descriptors calls Summarize.
        db = ProtoReflectionDescriptorDatabase(channel)
        assert SERVICE in db.get_services()
        pool = descriptor_pool.DescriptorPool(db)
        service = pool.FindServiceByName(SERVICE)
        assert set(service.methods_by_name) == {"Summarize", "SummarizeStream",
                                                "SummarizeBatch", "SummarizeStories",
                                                "SummarizeStoriesStream"}
        method = service.methods_by_name["Summarize"]
        request_cls = message_factory.GetMessageClass(method.input_type)
        response_cls = message_factory.GetMessageClass(method.output_type)
        assert request_cls is not pb.SummarizeRequest  # really dynamic

        request = request_cls()
        for d in seeds:
            doc = request.documents.add()
            doc.id = d["id"]
            doc.text = d["text"]
        request.options.max_sentences = 3
        call = channel.unary_unary(f"/{SERVICE}/Summarize",
                                   request_serializer=request_cls.SerializeToString,
                                   response_deserializer=response_cls.FromString)
        response = call(request, timeout=30)
    assert type(response).DESCRIPTOR.full_name == "lexdigest.v1.SummarizeResponse"
    assert 1 <= len(response.sentences) <= 3
    assert response.stats.documents == 5
    assert_cited(response.sentences, {d["id"]: d["text"] for d in seeds})


# ------------------------------------------------------------------------------ the three RPCs


def test_summarize_cites_exact_spans(srv: Any, seeds: list[dict[str, str]]) -> None:
    with DigestClient(srv.target) as client:
        digest = client.summarize(seeds, max_sentences=5)
    assert 1 <= len(digest.sentences) <= 5
    assert digest.stats.documents == 5
    docs = {d["id"]: d["text"] for d in seeds}
    assert_cited(digest.sentences, docs)
    numbers = {s.number: s.document_id for s in digest.sources}
    for s in digest.sentences:
        assert numbers[s.source_number] == s.citation.document_id


def test_summarize_detects_each_documents_language_and_reports_them(srv: Any) -> None:
    docs = [
        {"id": "hi", "text": "मौसम विभाग ने बुधवार को उत्तर भारत के कई राज्यों में भारी बारिश की "
                             "चेतावनी जारी की। अधिकारियों के अनुसार बाढ़ से प्रभावित गांवों में राहत "
                             "और बचाव कार्य तेज़ कर दिया गया है। सड़कों पर पानी भरने से यातायात "
                             "कई घंटों तक रुका रहा।"},
        {"id": "en", "text": "Heavy rain flooded villages across northern India on Wednesday. "
                             "Rescue teams moved hundreds of families to higher ground, officials "
                             "said. Traffic stopped for hours on flooded roads near the capital."},
    ]
    with DigestClient(srv.target) as client:
        digest = client.summarize(docs, max_sentences=6)
        assert digest.languages == ("hi", "en")
        assert_cited(digest.sentences, {d["id"]: d["text"] for d in docs})
        assert {s.citation.document_id for s in digest.sentences} == {"hi", "en"}
        assert {s.document_id: s.language for s in digest.sources} == {"hi": "hi", "en": "en"}
        # Each document's spans in its source's language are the ones its citations count.
        for sent in digest.sentences:
            c = sent.citation
            language = next(x.language for x in digest.sources if x.document_id == c.document_id)
            text = next(d["text"] for d in docs if d["id"] == c.document_id)
            assert split_sentences(text, language)[c.sentence_index][1] == c.char_end
        assert client.summarize(docs, language="hi").languages == ("hi",)


def test_summarize_stream_options_first_then_chunked_documents(
        srv: Any, seeds: list[dict[str, str]]) -> None:
    options = pb.SummarizeOptions(max_sentences=4, ordering=pb.ORDERING_SOURCE)

    def messages() -> Any:
        yield pb.SummarizeStreamRequest(options=options)
        for d in seeds:
            text = d["text"]
            yield pb.SummarizeStreamRequest(document=pb.Document(id=d["id"], text=text[:300]))
            for i in range(300, len(text), 257):  # odd size: chunks cut words and sentences
                yield pb.SummarizeStreamRequest(chunk=pb.DocumentChunk(
                    document_id=d["id"], text=text[i:i + 257]))

    with grpc.insecure_channel(srv.target) as channel:
        stub = pb_grpc.DigestServiceStub(channel)
        streamed = stub.SummarizeStream(messages(), timeout=30)
        whole = stub.Summarize(pb.SummarizeRequest(
            documents=[pb.Document(id=d["id"], text=d["text"]) for d in seeds],
            options=options), timeout=30)
    assert_cited(streamed.sentences, {d["id"]: d["text"] for d in seeds})
    assert [s.text for s in streamed.sentences] == [s.text for s in whole.sentences]
    assert streamed.text == whole.text

    # The client library's streaming helper gives the same digest.
    with DigestClient(srv.target) as client:
        via_client = client.summarize_stream(seeds, chunk_chars=500, max_sentences=4,
                                             ordering="source")
    assert [s.text for s in via_client.sentences] == [s.text for s in whole.sentences]


def test_summarize_batch_good_and_bad_cluster(srv: Any, seeds: list[dict[str, str]]) -> None:
    good = [pb.Document(id=d["id"], text=d["text"]) for d in seeds]
    bad = [pb.Document(id="a", text="Fine text here."), pb.Document(id="a", text="   ")]
    requests = [
        pb.SummarizeBatchRequest(cluster_id="good", request=pb.SummarizeRequest(documents=good)),
        pb.SummarizeBatchRequest(cluster_id="bad", request=pb.SummarizeRequest(documents=bad)),
    ]
    with grpc.insecure_channel(srv.target) as channel:
        stub = pb_grpc.DigestServiceStub(channel)
        answers = {r.cluster_id: r for r in stub.SummarizeBatch(iter(requests), timeout=60)}
    assert set(answers) == {"good", "bad"}
    assert answers["good"].WhichOneof("result") == "response"
    assert_cited(answers["good"].response.sentences, {d["id"]: d["text"] for d in seeds})
    err = answers["bad"]
    assert err.WhichOneof("result") == "error"
    assert err.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0] == 3
    fields = {v.field for v in err.error.field_violations}
    assert "documents[1].text" in fields
    assert "documents[1].id" in fields

    # Same through the client library.
    with DigestClient(srv.target) as client:
        results = {r.cluster_id: r for r in client.summarize_batch(
            [("good", seeds), ("bad", [{"id": "x", "text": ""}])], timeout=60)}
    assert results["good"].digest is not None and results["good"].error is None
    assert_cited(results["good"].digest.sentences, {d["id"]: d["text"] for d in seeds})
    error = results["bad"].error
    assert isinstance(error, InvalidInputError)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in error.field_violations] == ["documents[0].text"]


def test_one_json_log_line_per_call(srv: Any, seeds: list[dict[str, str]]) -> None:
    ids = [f"log-{i}" for i in range(3)]
    with DigestClient(srv.target) as client:
        client.summarize(seeds, request_id=ids[0])
        client.summarize(seeds, request_id=ids[1], max_words=60)
        with pytest.raises(InvalidInputError):
            client.summarize([" "], request_id=ids[2])
    for rid, status in zip(ids, ("OK", "OK", "INVALID_ARGUMENT"), strict=True):
        lines = srv.wait_for_calls(1, rid)
        assert len(lines) == 1, lines
        line = lines[0]
        assert line["status"] == status
        assert line["method"] == "Summarize"
        assert isinstance(line["ms"], float | int) and line["ms"] >= 0
        assert line["peer"]
    ok = srv.call_records(ids[0])[0]
    assert ok["documents"] == 5 and ok["sentences"] > 0
    # Health checks are not DigestService calls and are not logged as such.
    before = len(srv.call_records())
    srv.health(SERVICE)
    assert len(srv.call_records()) == before
    # Metrics count the same calls.
    text = srv.metrics()
    assert 'lexdigest_calls_total{code="OK",method="Summarize"}' in text
    assert 'lexdigest_calls_total{code="INVALID_ARGUMENT",method="Summarize"}' in text


# ------------------------------------------------------------------------------ drain


@pytest.mark.slow
def test_sigterm_during_a_long_call_completes_it_and_exits_0(
        server: Any, make_big_cluster: Any) -> None:
    docs = make_big_cluster(4000)
    srv = server("--workers", "1", "--grace-seconds", "60")
    outcome: dict[str, Any] = {}

    def call() -> None:
        with DigestClient(srv.target, timeout=120) as client:
            started = time.monotonic()
            try:
                outcome["digest"] = client.summarize(docs, request_id="long-1")
            except Exception as exc:  # reported by the assertions below
                outcome["error"] = exc
            outcome["seconds"] = time.monotonic() - started

    before = srv.worker_ticks()
    t = threading.Thread(target=call)
    t.start()
    srv.wait_workers_busy(before)  # the call is being computed: now ask the server to stop
    srv.proc.send_signal(signal.SIGTERM)
    t.join(120)
    code = srv.proc.wait(60)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["digest"].stats.sentences >= 3000
    assert_cited(outcome["digest"].sentences, {d["id"]: d["text"] for d in docs})
    assert code == 0
    lines = srv.call_records("long-1")
    assert [r["status"] for r in lines] == ["OK"]
    msgs = [r["msg"] for r in srv.log_records()]
    assert any("draining" in m for m in msgs)
