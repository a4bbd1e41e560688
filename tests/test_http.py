"""The HTTP/JSON gateway on a real ``lexdigest-server --http-port``, driven with httpx.

It answers the same calls as gRPC, through the same call path: the digest is the one gRPC
gives, failures are ``google.rpc.Status`` JSON with the standard HTTP mapping, and auth,
deadlines, limits, the log line and the metrics are those of gRPC calls.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from conftest import generated_documents
from google.protobuf import json_format
from google.rpc import code_pb2
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc
from test_server import assert_cited

SUMMARIZE = "/v1/digest:summarize"
BATCH = "/v1/digest:summarizeBatch"
OPENAPI = Path(__file__).resolve().parent.parent / "server/src/lexdigest/serve/web/openapi.json"


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    return module_server("--workers", "2", "--http-port", "0", metrics=True)


def seeds_request(seeds: list[dict[str, str]], **options: Any) -> dict[str, Any]:
    return {"documents": seeds, "options": {"maxSentences": 4, **options}}


def post(srv: Any, path: str, body: Any, **kwargs: Any) -> httpx.Response:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return httpx.post(srv.http_url + path, content=data, timeout=60, **kwargs)


def violations(response: httpx.Response) -> list[tuple[str, str]]:
    return [(v["field"], v["description"]) for d in response.json().get("details", [])
            if d["@type"].endswith("google.rpc.BadRequest") for v in d["fieldViolations"]]


# ------------------------------------------------------------------------------ success


def test_summarize_returns_proto_json_whose_citations_reproduce_the_sentences(
        srv: Any, seeds: list[dict[str, str]]) -> None:
    resp = post(srv, SUMMARIZE, seeds_request(seeds), headers={"x-request-id": "http-ok-1"})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.headers["x-request-id"] == "http-ok-1"
    body = resp.json()
    assert "sourceNumber" in body["sentences"][0]  # canonical proto3 JSON: lowerCamelCase
    digest = json_format.ParseDict(body, pb.SummarizeResponse())  # strict: no unknown fields
    assert 1 <= len(digest.sentences) <= 4 and digest.stats.documents == 5
    assert_cited(digest.sentences, {d["id"]: d["text"] for d in seeds})
    assert "[1]" in digest.text


def test_http_and_grpc_give_the_same_digest(srv: Any, seeds: list[dict[str, str]]) -> None:
    request = json_format.ParseDict(seeds_request(seeds, explain=True), pb.SummarizeRequest())
    with grpc.insecure_channel(srv.target) as channel:
        over_grpc = pb_grpc.DigestServiceStub(channel).Summarize(request, timeout=60)
    over_http = json_format.Parse(post(srv, SUMMARIZE, json_format.MessageToJson(request)).text,
                                  pb.SummarizeResponse())
    for r in (over_grpc, over_http):
        r.stats.ClearField("engine_ms")
    assert over_http == over_grpc


def test_snake_case_field_names_are_accepted_too(srv: Any,
                                                 seeds: list[dict[str, str]]) -> None:
    resp = post(srv, SUMMARIZE, {"documents": seeds, "options": {"max_sentences": 2}})
    assert resp.status_code == 200 and len(resp.json()["sentences"]) <= 2


def test_offsets_count_code_points_whatever_the_json_escapes(srv: Any) -> None:
    text = ("The \U0001F30A storm closed the harbour bridge on Monday morning. "
            "Engineers said the \U0001F309 bridge would stay shut for at least a week. "
            "Ferries will carry commuters across the bay until repairs are done.")
    escaped = json.dumps({"documents": [{"id": "a", "text": text}]})  # \ud83c\udf0a pairs
    assert "\\ud83c" in escaped
    resp = post(srv, SUMMARIZE, escaped)
    assert resp.status_code == 200, resp.text
    for sentence in resp.json()["sentences"]:
        c = sentence["citation"]
        assert text[c.get("charStart", 0):c["charEnd"]] == sentence["text"]


def test_response_matches_the_openapi_schema(srv: Any, seeds: list[dict[str, str]]) -> None:
    from jsonschema_path import SchemaPath
    from openapi_schema_validator import OAS31Validator

    spec = json.loads(OPENAPI.read_text(encoding="utf-8"))
    body = post(srv, SUMMARIZE, seeds_request(seeds, explain=True)).json()
    root = SchemaPath.from_dict(spec)
    schema = (root / "components" / "schemas" / "lexdigest.v1.SummarizeResponse")
    with schema.resolve() as resolved:
        OAS31Validator(resolved.contents, _resolver=resolved.resolver).validate(body)


def test_batch_streams_ndjson_results_as_clusters_finish(srv: Any,
                                                         seeds: list[dict[str, str]]) -> None:
    big = {"documents": generated_documents(3000), "options": {"maxSentences": 3}}
    small = {"documents": seeds[:2], "options": {"maxSentences": 2}}
    lines = [{"clusterId": "big", "request": big}, {"clusterId": "small-1", "request": small},
             "this line is not JSON", {"clusterId": "bad", "request": {"documents": []}},
             {"clusterId": "small-2", "request": small}]
    body = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    order: list[str] = []
    with httpx.stream("POST", srv.http_url + BATCH, content=body, timeout=120,
                      headers={"content-type": "application/x-ndjson"}) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("application/x-ndjson")
        results = {}
        for line in resp.iter_lines():
            result = json_format.Parse(line, pb.SummarizeBatchResponse())
            order.append(result.cluster_id)
            results[result.cluster_id] = result
    assert set(order) == {"big", "small-1", "small-2", "bad", ""}
    # Two workers: a small cluster sent after the big one finishes, and is written, while
    # the big one still runs; results do not wait for request order.
    assert order.index("small-1") < order.index("big")
    assert results["big"].response.stats.documents == len(big["documents"])
    assert results["bad"].error.code == code_pb2.INVALID_ARGUMENT
    assert results["bad"].error.field_violations[0].field == "documents"
    assert results[""].error.code == code_pb2.INVALID_ARGUMENT
    assert "line 3" in results[""].error.message


# ------------------------------------------------------------------------------ errors


def test_invalid_request_is_400_with_the_field_violations(srv: Any) -> None:
    resp = post(srv, SUMMARIZE, {"documents": [{"id": "a", "text": ""}],
                                 "options": {"maxWords": -5}})
    assert resp.status_code == 400
    assert resp.json()["code"] == code_pb2.INVALID_ARGUMENT
    assert {f for f, _ in violations(resp)} == {"documents[0].text", "options.max_words"}


@pytest.mark.parametrize(("body", "problem"), [
    ("{not json", "Failed to load JSON"),
    ('{"documents": [{"txt": "hello"}]}', "txt"),
    ('{"documents": "nope"}', "documents"),
    (b'{"documents": [{"text": "\xff\xfe"}]}', "utf-8"),
    ('{"documents": [{"text": "half a pair \\ud83d here"}]}', "Unpaired surrogate"),
])
def test_a_body_that_is_not_the_message_is_400_naming_it(srv: Any, body: str | bytes,
                                                         problem: str) -> None:
    resp = post(srv, SUMMARIZE, body)
    assert resp.status_code == 400, resp.text
    ((field, description),) = violations(resp)
    assert field == "body" and problem in description


def test_deadline_from_the_query_or_grpc_timeout_header_is_504(srv: Any) -> None:
    big = {"documents": generated_documents(6000), "options": {"maxSentences": 3}}
    for path, headers in ((SUMMARIZE + "?timeout=0.05", {}),
                          (SUMMARIZE, {"grpc-timeout": "50m"})):
        start = time.monotonic()
        resp = post(srv, path, big, headers=headers)
        assert resp.status_code == 504, resp.text
        assert resp.json()["code"] == code_pb2.DEADLINE_EXCEEDED
        assert time.monotonic() - start < 5


def test_a_malformed_deadline_is_400(srv: Any, seeds: list[dict[str, str]]) -> None:
    resp = post(srv, SUMMARIZE + "?timeout=soon", seeds_request(seeds))
    assert resp.status_code == 400 and violations(resp)[0][0] == "timeout"
    resp = post(srv, SUMMARIZE, seeds_request(seeds), headers={"grpc-timeout": "5 seconds"})
    assert resp.status_code == 400 and violations(resp)[0][0] == "grpc-timeout"


def test_at_capacity_is_429_with_retry_after(server: Any) -> None:
    srv = server("--workers", "1", "--max-in-flight", "1", "--http-port", "0")
    big = {"documents": generated_documents(3000), "options": {"maxSentences": 3}}
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: post(srv, SUMMARIZE, big), range(4)))
    codes = sorted(a.status_code for a in answers)
    assert 200 in codes and 429 in codes, codes
    shed = next(a for a in answers if a.status_code == 429)
    assert shed.json()["code"] == code_pb2.RESOURCE_EXHAUSTED
    assert int(shed.headers["retry-after"]) >= 1


def test_a_body_over_the_message_limit_is_refused(server: Any) -> None:
    srv = server("--workers", "1", "--http-port", "0", "--max-message-bytes", "100000")
    resp = post(srv, SUMMARIZE, {"documents": [{"text": "word " * 30000}]})
    assert resp.status_code == 429 and resp.json()["code"] == code_pb2.RESOURCE_EXHAUSTED
    assert "100000" in resp.json()["message"]


def test_wrong_verb_and_unknown_path(srv: Any) -> None:
    assert httpx.get(srv.http_url + SUMMARIZE).status_code == 405
    assert httpx.post(srv.http_url + "/v1/digest:nothing", content="{}").status_code == 404


# ------------------------------------------------------------------------------ auth


def test_a_token_is_required_when_configured(server: Any, seeds: list[dict[str, str]]) -> None:
    srv = server("--http-port", "0", env={"LEXDIGEST_AUTH_TOKEN": "s3cret"})
    missing = post(srv, SUMMARIZE, seeds_request(seeds))
    assert missing.status_code == 401
    assert missing.json()["code"] == code_pb2.UNAUTHENTICATED
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = post(srv, SUMMARIZE, seeds_request(seeds), headers={"authorization": "Bearer no"})
    assert wrong.status_code == 401
    ok = post(srv, SUMMARIZE, seeds_request(seeds), headers={"authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["sentences"]
    batch = httpx.post(srv.http_url + BATCH, content="{}\n", timeout=30)
    assert batch.status_code == 401
    # The page and the API description stay open, as gRPC health and reflection do.
    assert httpx.get(srv.http_url + "/").status_code == 200
    assert httpx.get(srv.http_url + "/openapi.json").status_code == 200


# ------------------------------------------------------------------------------ observability


def test_http_calls_are_logged_and_counted_like_grpc_calls(srv: Any,
                                                           seeds: list[dict[str, str]]) -> None:
    before = srv.metric("lexdigest_calls_total", {"method": "Summarize", "code": "OK"})
    post(srv, SUMMARIZE, seeds_request(seeds), headers={"x-request-id": "http-log-1"})
    post(srv, SUMMARIZE, {"documents": []}, headers={"x-request-id": "http-log-2"})
    (ok,) = srv.wait_for_calls(1, "http-log-1")
    (bad,) = srv.wait_for_calls(1, "http-log-2")
    assert ok["method"] == "Summarize" and ok["status"] == "OK" and ok["transport"] == "http"
    assert ok["documents"] == 5 and ok["http_status"] == 200 and ok["ms"] > 0
    assert ok["peer"].startswith("ipv4:127.0.0.1:")
    assert bad["status"] == "INVALID_ARGUMENT" and bad["http_status"] == 400
    assert bad["field"] == "documents" and bad["problem"] and bad["violations"] == 1, bad
    after = srv.metric("lexdigest_calls_total", {"method": "Summarize", "code": "OK"})
    assert after == before + 1
    assert srv.metric("lexdigest_calls_total",
                      {"method": "Summarize", "code": "INVALID_ARGUMENT"}) >= 1


# ------------------------------------------------------------------------------ page and spec


def test_page_and_openapi_are_served_offline(srv: Any) -> None:
    page = httpx.get(srv.http_url + "/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("/app.js", "/app.css", "/"):
        text = httpx.get(srv.http_url + asset).text
        assert "http://" not in text and "https://" not in text, asset  # nothing external
    spec = httpx.get(srv.http_url + "/openapi.json")
    assert spec.json() == json.loads(OPENAPI.read_text(encoding="utf-8"))


def test_http_is_off_unless_asked_for(server: Any) -> None:
    srv = server()
    assert srv.http_port == 0
    assert "HTTP" not in srv.log_text()


def test_keep_alive_calls_do_not_wait_for_delayed_acks(srv: Any) -> None:
    """The gateway's sockets have TCP_NODELAY: without it every answer on a reused connection
    waited ~40 ms for the caller's delayed ACK (20 calls took over 0.8 s; now a few ms each)."""
    with httpx.Client(base_url=srv.http_url) as client:
        client.get("/app.css")
        start = time.monotonic()
        for _ in range(20):
            assert client.get("/app.css").status_code == 200
        assert time.monotonic() - start < 0.6


def test_stories_over_http(srv: Any, seeds: list[dict[str, str]]) -> None:
    other = generated_documents(40, seed=3, per_doc=20)
    resp = post(srv, "/v1/digest:summarizeStories",
                {"documents": seeds + other, "options": {"maxSentences": 2}})
    assert resp.status_code == 200, resp.text
    stories = json_format.Parse(resp.text, pb.SummarizeStoriesResponse())
    assert stories.documents == len(seeds) + len(other)
    placed = [d for s in stories.stories for d in s.document_ids]
    assert sorted(placed) == sorted(d["id"] for d in seeds + other)
    texts = {d["id"]: d["text"] for d in seeds + other}
    for story in stories.stories:
        for sentence in story.digest.sentences:
            c = sentence.citation
            assert texts[c.document_id][c.char_start:c.char_end] == sentence.text


def test_a_batch_line_over_the_message_limit_ends_the_batch_with_an_error_line(
        server: Any, seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "1", "--http-port", "0", "--max-message-bytes", "200000")
    good = json.dumps({"clusterId": "ok", "request": {"documents": seeds[:1]}})
    huge = json.dumps({"clusterId": "huge", "request": {"documents": [{"text": "w " * 150000}]}})
    resp = post(srv, BATCH, good + "\n" + huge + "\n" + good.replace('"ok"', '"later"') + "\n")
    results = [json.loads(line) for line in resp.text.splitlines()]
    assert [r.get("clusterId", "") for r in results] == ["ok", ""]
    assert results[1]["error"]["code"] == code_pb2.RESOURCE_EXHAUSTED
    assert "line 2" in results[1]["error"]["message"]


def test_sigterm_lets_an_http_call_in_flight_finish(server: Any) -> None:
    import signal

    srv = server("--workers", "1", "--http-port", "0", "--grace-seconds", "30")
    big = {"documents": generated_documents(3000), "options": {"maxSentences": 3}}
    with ThreadPoolExecutor(1) as pool:
        before = srv.worker_ticks()
        answer = pool.submit(post, srv, SUMMARIZE, big)
        srv.wait_workers_busy(before)
        srv.proc.send_signal(signal.SIGTERM)
        resp = answer.result()
    assert resp.status_code == 200 and resp.json()["sentences"]
    assert srv.proc.wait(30) == 0


def _send_and_leave(srv: Any, path: str, body: bytes, request_id: str) -> None:
    """Send a POST on a raw socket, wait until the worker computes it, then close."""
    import socket

    before = srv.worker_ticks()
    with socket.create_connection(("127.0.0.1", srv.http_port), timeout=30) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                     f"x-request-id: {request_id}\r\ncontent-length: {len(body)}\r\n\r\n"
                     .encode() + body)
        srv.wait_workers_busy(before)


@pytest.mark.parametrize("path", [SUMMARIZE, BATCH])
def test_a_caller_that_leaves_cancels_its_call(server: Any, path: str,
                                               seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "1", "--http-port", "0")
    # About 7 s of engine time here; the small call below must not wait for it.
    big = {"documents": generated_documents(20000), "options": {"maxSentences": 3}}
    body = json.dumps(big if path == SUMMARIZE else {"clusterId": "big", "request": big})
    _send_and_leave(srv, path, body.encode() + (b"\n" if path == BATCH else b""), "leaver")
    (record,) = srv.wait_for_calls(1, "leaver", timeout=30)
    assert record["status"] == "CANCELLED" and record["http_status"] == 499
    # The worker was freed: a small call is answered at once, not after the big one.
    start = time.monotonic()
    assert post(srv, SUMMARIZE, seeds_request(seeds)).status_code == 200
    assert time.monotonic() - start < 3


def test_a_worker_lost_mid_call_is_503_with_retry_after(server: Any) -> None:
    import os
    import signal

    srv = server("--workers", "1", "--http-port", "0")
    big = {"documents": generated_documents(20000), "options": {"maxSentences": 3}}
    with ThreadPoolExecutor(1) as pool:
        before = srv.worker_ticks()
        answer = pool.submit(post, srv, SUMMARIZE, big)
        os.kill(srv.wait_workers_busy(before), signal.SIGKILL)
        resp = answer.result()
    assert resp.status_code == 503, resp.text
    assert resp.json()["code"] == code_pb2.UNAVAILABLE
    assert int(resp.headers["retry-after"]) >= 1
