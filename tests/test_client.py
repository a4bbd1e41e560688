"""The Python API: ``DigestClient`` and ``AsyncDigestClient`` against a real server.

Both clients have the same methods; results are typed dataclasses with ``to_dict()`` and
``render()``; errors are ``LexdigestError`` subclasses with exit codes and field details.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from pathlib import Path
from typing import Any

import pytest
from lexdigest_client import (
    AsyncDigestClient,
    AuthenticationError,
    BatchResult,
    Citation,
    Digest,
    DigestClient,
    DigestSentence,
    Document,
    InvalidInputError,
    LexdigestError,
    UnavailableError,
)
from lexdigest_client._inputs import markdown_text, read_documents
from lexdigest_client._render import render

DATA = Path(__file__).resolve().parent / "data"
CLUSTER = DATA / "cluster"


@pytest.fixture(scope="module")
def target(module_server: Any) -> str:
    return str(module_server(workers=-1).target)


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    out = read_documents([str(CLUSTER)])
    for d in out:
        d.pop("path")
    return out


def check_citations(digest: Digest, docs: list[dict[str, Any]]) -> None:
    texts = {d["id"]: d["text"] for d in docs}
    assert digest.sentences
    for s in digest.sentences:
        assert texts[s.citation.document_id][s.citation.char_start:s.citation.char_end] \
            == s.text
        assert digest.quote(s.citation) == s.text
        for c in s.supporting:
            assert digest.quote(c) == texts[c.document_id][c.char_start:c.char_end]


def test_summarize_returns_typed_cited_digest(target: str, docs: list[dict[str, Any]]) -> None:
    with DigestClient(target, connect_timeout=5) as client:
        digest = client.summarize(docs, max_sentences=3, ordering="chronological")
    assert isinstance(digest, Digest)
    assert isinstance(digest.sentences[0], DigestSentence)
    assert isinstance(digest.sentences[0].citation, Citation)
    assert len(digest.sentences) == 3
    check_citations(digest, docs)
    first = digest.sentences[0]
    assert digest.source(first.source_number).document_id == first.citation.document_id
    assert digest.summary.splitlines() == [s.text for s in digest.sentences]
    data = digest.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert "documents" not in data  # the texts sent stay on the client
    assert data["sentences"][0]["citation"] == first.citation.to_dict()
    assert first.to_dict()["text"] == first.text


def test_render_formats(target: str, docs: list[dict[str, Any]]) -> None:
    with DigestClient(target) as client:
        digest = client.summarize(docs, max_sentences=3)
    assert digest.render() == render(digest, "text")
    assert "Sources:" in digest.render("text", width=70)
    assert "[^1]:" in digest.render("markdown")
    assert json.loads(digest.render("json"))["stats"]["documents"] == len(docs)
    page = digest.render("html", title="Karvik")
    assert page.startswith("<!doctype html>") and "<title>Karvik</title>" in page
    assert "<blockquote>" in page  # supporting sentences quoted from the documents sent
    with pytest.raises(ValueError, match="unknown format"):
        digest.render("pdf")


def test_plain_strings_and_a_single_document(target: str) -> None:
    text = (CLUSTER / "karvik-gazette.txt").read_text()
    with DigestClient(target) as client:
        a = client.summarize(text, max_sentences=2)
        b = client.summarize([text], max_sentences=2)
        c = client.summarize([Document(id="g", text=text)], max_sentences=2)
    assert a.summary == b.summary == c.summary
    assert a.sentences[0].citation.document_id == "doc-1"
    assert c.sentences[0].citation.document_id == "g"


def test_stream_gives_the_same_digest(target: str, docs: list[dict[str, Any]]) -> None:
    with DigestClient(target) as client:
        whole = client.summarize(docs)
        streamed = client.summarize_stream(docs, chunk_chars=97)
    assert streamed.sentences == whole.sentences
    check_citations(streamed, docs)


def test_explanations(target: str, docs: list[dict[str, Any]]) -> None:
    with DigestClient(target) as client:
        digest = client.summarize(docs, explain=True, max_similarity=0.2)
    assert len(digest.explanations) == digest.stats.sentences
    kept = [x for x in digest.explanations if x.kept]
    assert len(kept) == len(digest.sentences)
    redundant = [x for x in digest.explanations if x.decision == "redundant"]
    assert redundant and all(x.related is not None for x in redundant)
    assert "repeats digest sentence" in digest.render("text")


def test_batch_results_and_per_cluster_errors(target: str, docs: list[dict[str, Any]]) -> None:
    clusters: list[Any] = [
        ("a", docs[:2]),
        ("bad-date", [{"text": "Some text that is long enough here.", "published_at": "?"}]),
        ("b", docs[2:], {"max_sentences": 1}),
        ("empty", []),
    ]
    with DigestClient(target) as client:
        results = {r.cluster_id: r for r in client.summarize_batch(clusters, max_in_flight=1,
                                                                   max_sentences=2)}
    assert set(results) == {"a", "b", "bad-date", "empty"}
    assert results["a"].ok and len(results["a"].digest.sentences) == 2  # type: ignore[union-attr]
    assert results["b"].ok and len(results["b"].digest.sentences) == 1  # type: ignore[union-attr]
    check_citations(results["a"].digest, docs)  # type: ignore[arg-type]
    for cid in ("bad-date", "empty"):
        err = results[cid].error
        assert isinstance(err, InvalidInputError) and err.exit_code == 4
        assert results[cid].to_dict()["error"]["message"] == err.message
    assert results["empty"].error.field_violations  # type: ignore[union-attr]


def test_invalid_argument_has_field_violations(target: str) -> None:
    with DigestClient(target) as client, pytest.raises(InvalidInputError) as info:
        client.summarize(["A text that is long enough to be a sentence."], max_words=-3)
    err = info.value
    assert err.code is not None and err.code.name == "INVALID_ARGUMENT"
    assert [v.field for v in err.field_violations] == ["options.max_words"]
    assert err.to_dict()["code"] == "INVALID_ARGUMENT"


def test_local_input_errors() -> None:
    with DigestClient("127.0.0.1:1") as client:
        with pytest.raises(InvalidInputError, match="unknown option"):
            client.summarize(["x"], max_wrods=3)
        with pytest.raises(InvalidInputError, match="ordering must be"):
            client.summarize(["x"], ordering="random")
        with pytest.raises(InvalidInputError, match="published_at"):
            client.summarize([{"text": "x", "published_at": "soon"}])


def test_unreachable_fails_fast_with_connect_timeout() -> None:
    start = time.monotonic()
    with DigestClient("127.0.0.1:1", connect_timeout=3) as client, \
            pytest.raises(UnavailableError) as info:
        client.summarize(["A text."])
    assert time.monotonic() - start < 3
    assert info.value.exit_code == 3
    assert info.value.message == "server unreachable at 127.0.0.1:1: Connection refused"


def test_authentication_error(module_server: Any) -> None:
    srv = module_server(workers=-1, env={"LEXDIGEST_AUTH_TOKEN": "s3cret"})
    with DigestClient(srv.target) as client, pytest.raises(AuthenticationError) as info:
        client.summarize(["A text that is long enough to be a sentence."])
    assert info.value.exit_code == 5
    with DigestClient(srv.target, token="s3cret") as client:
        assert client.summarize(["A text that is long enough to be a sentence."]).sentences


def test_async_client_has_the_same_methods() -> None:
    def public(cls: type) -> set[str]:
        return {n for n, _ in inspect.getmembers(cls, callable) if not n.startswith("_")}

    assert public(AsyncDigestClient) == public(DigestClient)
    for name in public(DigestClient):
        sync_params = inspect.signature(getattr(DigestClient, name)).parameters
        async_params = inspect.signature(getattr(AsyncDigestClient, name)).parameters
        assert list(sync_params) == list(async_params), name


def test_async_client(target: str, docs: list[dict[str, Any]]) -> None:
    async def main() -> tuple[Digest, Digest, list[BatchResult], str]:
        async with AsyncDigestClient(target, connect_timeout=5) as client:
            one = await client.summarize(docs, max_sentences=3)
            streamed = await client.summarize_stream(docs, max_sentences=3, chunk_chars=50)
            batch = [r async for r in client.summarize_batch(
                [("x", docs[:3]), ("y", []), ("z", docs[3:])], max_in_flight=2)]
            return one, streamed, batch, await client.health()

    one, streamed, batch, health = asyncio.run(main())
    check_citations(one, docs)
    assert one.sentences == streamed.sentences
    assert {r.cluster_id: r.ok for r in batch} == {"x": True, "y": False, "z": True}
    assert health == "SERVING"


def test_async_unreachable() -> None:
    async def main() -> None:
        async with AsyncDigestClient("127.0.0.1:1", connect_timeout=3) as client:
            await client.summarize(["A text."])

    with pytest.raises(UnavailableError, match="unreachable"):
        asyncio.run(main())


def test_errors_form_a_hierarchy() -> None:
    for cls in (InvalidInputError, UnavailableError, AuthenticationError):
        assert issubclass(cls, LexdigestError)
    assert (InvalidInputError.exit_code, UnavailableError.exit_code,
            AuthenticationError.exit_code) == (4, 3, 5)


def test_markdown_to_text() -> None:
    md = ("# Title\n\nSome **bold**, _soft_ and `code` with a [link](http://x.example).\n\n"
          "- first item\n- second item\n\n> quoted words\n\n![pic](a.png)\n")
    assert markdown_text(md) == ("Title\n\nSome bold, soft and code with a link.\n\n"
                                 "first item\nsecond item\n\nquoted words")


def test_markdown_edge_cases_read_as_a_person_would() -> None:
    # A closing run of # goes; a # that ends a word (C#) stays.
    assert markdown_text("## Results ##\n\n# Notes on C#") == "Results\n\nNotes on C#"
    # Closed fences and comments go; an unclosed one is kept rather than eating the file.
    assert markdown_text("a\n\n```py\nx = 1\n```\n\nb <!-- note --> c") == "a\n\nb  c"
    assert markdown_text("a\n\n```\nnever closed") == "a\n\n```\nnever closed"
    assert markdown_text("keep <!-- unclosed") == "keep <!-- unclosed"
    # Emphasis inside strong, underscores inside words, and a lone star all read right.
    assert markdown_text("**bold _and_ more** snake_case 2 * 3") == "bold and more snake_case 2 * 3"
    assert markdown_text("***both*** [a link\nwrapped](http://x.example) ![img](i.png)") == (
        "both a link\nwrapped")


def test_caller_channel_options_override_the_client_defaults() -> None:
    from lexdigest_client._channel import MAX_MESSAGE_BYTES
    from lexdigest_client._channel import channel_args as _channel_args

    args = _channel_args([("grpc.max_send_message_length", 1024), ("grpc.enable_retries", 0)])
    values = dict(reversed(args))  # gRPC keeps the first value of a key
    assert values["grpc.max_send_message_length"] == 1024
    assert values["grpc.enable_retries"] == 0
    assert values["grpc.max_receive_message_length"] == MAX_MESSAGE_BYTES
    assert [k for k, _ in args].count("grpc.max_send_message_length") == 1
