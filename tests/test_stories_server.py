"""SummarizeStories over real gRPC: a pile in, every document in exactly one story out."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OTHER = [
    ("storm-1", "A winter storm closed the mountain pass on Monday. Snowploughs worked through "
     "the night to clear the road over the pass. Drivers were told to carry chains."),
    ("storm-2", "The mountain pass reopened after the winter storm. Snowploughs cleared the "
     "road and the police lifted the closure. Chains are still advised on the pass."),
]


@pytest.fixture(scope="module")
def stub(module_server: Any) -> Any:
    srv = module_server("--workers", "1")
    channel = grpc.insecure_channel(srv.target)
    yield pb_grpc.DigestServiceStub(channel)
    channel.close()


def _pile() -> list[pb.Document]:
    docs = [pb.Document(id=p.stem, text=p.read_text()) for p in sorted(SEEDS.glob("*.txt"))]
    docs += [pb.Document(id=i, text=t) for i, t in OTHER]
    return docs


def test_a_pile_comes_back_as_stories_with_cited_dated_digests(stub: Any) -> None:
    docs = _pile()
    texts = {d.id: d.text for d in docs}
    resp = stub.SummarizeStories(pb.SummarizeStoriesRequest(
        documents=docs, options=pb.SummarizeOptions(max_sentences=4)), timeout=60)
    assert resp.documents == len(docs)
    placed = [i for s in resp.stories for i in s.document_ids]
    assert sorted(placed) == sorted(texts)
    first = resp.stories[0]
    assert set(first.document_ids) == {p.stem for p in SEEDS.glob("*.txt")}
    assert [s.id for s in resp.stories] == [f"story-{n + 1}" for n in range(len(resp.stories))]
    assert {i for s in resp.stories[1:] for i in s.document_ids} == {"storm-1", "storm-2"}
    for story in resp.stories:
        assert story.digest.sentences
        for s in story.digest.sentences:
            c = s.citation
            assert c.document_id in story.document_ids
            assert texts[c.document_id][c.char_start:c.char_end] == s.text
        t = story.title
        assert t.document_id in story.document_ids
        assert texts[t.document_id][t.citation.char_start:t.citation.char_end] == t.text
    # Two seed documents carry their date in the text ("Published : Feb 07, 2025").
    assert first.start_time.ToDatetime().date().isoformat() == "2025-02-07"
    assert first.end_time.ToDatetime().date().isoformat() == "2025-02-07"
    assert not resp.stories[-1].HasField("start_time")


def test_the_stream_gives_what_the_single_message_gives(stub: Any) -> None:
    docs = _pile()
    options = pb.SummarizeOptions(max_sentences=3)

    def messages() -> Any:
        yield pb.SummarizeStoriesStreamRequest(settings=pb.StoriesSettings(options=options))
        for d in docs:
            half = len(d.text) // 2
            yield pb.SummarizeStoriesStreamRequest(document=pb.Document(id=d.id,
                                                                        text=d.text[:half]))
            yield pb.SummarizeStoriesStreamRequest(chunk=pb.DocumentChunk(
                document_id=d.id, text=d.text[half:]))

    streamed = stub.SummarizeStoriesStream(messages(), timeout=60)
    single = stub.SummarizeStories(pb.SummarizeStoriesRequest(documents=docs, options=options),
                                   timeout=60)
    for a, b in zip(streamed.stories, single.stories, strict=True):
        assert a.document_ids == b.document_ids
        assert [s.text for s in a.digest.sentences] == [s.text for s in b.digest.sentences]


@pytest.mark.parametrize(("request_", "field"), [
    (pb.SummarizeStoriesRequest(documents=[pb.Document(text="Some text here.")],
                                granularity=1.5), "granularity"),
    (pb.SummarizeStoriesRequest(), "documents"),
    (pb.SummarizeStoriesRequest(documents=[pb.Document(text="Text.")],
                                options=pb.SummarizeOptions(max_words=-1)), "options.max_words"),
])
def test_bad_requests_name_the_field(stub: Any, request_: Any, field: str) -> None:
    with pytest.raises(grpc.RpcError) as info:
        stub.SummarizeStories(request_, timeout=30)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    status = rpc_status.from_call(info.value)
    assert status is not None
    bad = error_details_pb2.BadRequest()
    assert any(d.Unpack(bad) for d in status.details)
    assert field in [v.field for v in bad.field_violations]


def test_a_stream_must_send_its_settings_first(stub: Any) -> None:
    def messages() -> Any:
        yield pb.SummarizeStoriesStreamRequest(document=pb.Document(id="a", text="Text here."))
        yield pb.SummarizeStoriesStreamRequest(settings=pb.StoriesSettings())

    with pytest.raises(grpc.RpcError) as info:
        stub.SummarizeStoriesStream(messages(), timeout=30)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "settings must be the first message" in (info.value.details() or "")


def test_the_python_clients_return_typed_stories(module_server: Any) -> None:
    import asyncio

    from lexdigest_client import AsyncDigestClient, DigestClient, Stories

    srv = module_server("--workers", "1")
    pile = [{"id": d.id, "text": d.text} for d in _pile()]
    with DigestClient(srv.target) as client:
        stories = client.stories(pile, max_sentences=3)
        streamed = client.stories(pile, max_sentences=3, stream=True, chunk_chars=500)
    assert isinstance(stories, Stories) and len(stories) == 2
    assert stories.documents == len(pile)
    assert [s.document_ids for s in streamed] == [s.document_ids for s in stories]
    seeds = stories.story_of("001_7fdf5f618897d365")
    assert seeds is stories[0] and seeds.start_time is not None
    first = seeds.digest.sentences[0]
    assert seeds.digest.quote(first.citation) == first.text
    assert '"document_ids"' in stories.to_json() and stories.render("text").startswith(
        "2 stories from 7 documents")

    async def run() -> Stories:
        async with AsyncDigestClient(srv.target) as aclient:
            return await aclient.stories(pile, max_sentences=3, granularity=0.5)

    again = asyncio.run(run())
    assert [s.document_ids for s in again] == [s.document_ids for s in stories]


def _topic_pile(stories: int, documents: int, sentences: int) -> list[pb.Document]:
    """``stories`` stories of ``documents`` reports each, written over a vocabulary of their
    own: reports of one story share half their words, reports of two stories none."""
    docs = []
    for k in range(stories):
        words = [f"{'bcdfgklmnprstvz'[k]}{v}{c}o" for v in "aeiu" for c in "lmnrst"]
        for d in range(documents):
            pick = random.Random(k * 1000 + d)
            own = list(dict.fromkeys(words[d % 2 :: 2] + words[:6]))
            lines = [" ".join(pick.sample(own, 9)).capitalize()
                     + "." for _ in range(sentences)]
            docs.append(pb.Document(id=f"s{k}-d{d}", text=" ".join(lines)))
    return docs


def _without_times(resp: pb.SummarizeStoriesResponse) -> pb.SummarizeStoriesResponse:
    out = pb.SummarizeStoriesResponse()
    out.CopyFrom(resp)
    out.engine_ms = 0
    for story in out.stories:
        story.digest.stats.engine_ms = 0
    return out


def test_the_stories_of_a_pile_are_built_in_every_worker_as_the_engine_builds_them(
        server: Any) -> None:
    """With two workers, the stories of one pile are digested in both (each worker's CPU
    time grows during the one call), and the answer is the one-process engine's."""
    from lexdigest.engine import summarize_stories
    from lexdigest.service.convert import stories_to_proto, to_engine_stories
    from lexdigest.service.validate import Limits

    srv = server(metrics=True, workers=2)
    request = pb.SummarizeStoriesRequest(documents=_topic_pile(6, 3, 60),
                                         options=pb.SummarizeOptions(max_sentences=3))
    pids = srv.worker_pids()
    before = [srv.metric("lexdigest_worker_cpu_seconds_total", {"worker": p}) for p in "01"]
    channel = grpc.insecure_channel(srv.target)
    try:
        resp = pb_grpc.DigestServiceStub(channel).SummarizeStories(request, timeout=120)
    finally:
        channel.close()
    after = [srv.metric("lexdigest_worker_cpu_seconds_total", {"worker": p}) for p in "01"]
    assert srv.worker_pids() == pids  # the same two processes, neither replaced
    assert len(resp.stories) >= 4  # several stories, so both workers have some to build
    assert all(b > a for a, b in zip(before, after, strict=True)), (before, after)
    expected = stories_to_proto(summarize_stories(*to_engine_stories(request, Limits())))
    assert _without_times(resp) == _without_times(expected)
    assert resp.engine_ms > 0


def test_a_pile_past_its_deadline_stops_in_every_worker(server: Any, seeds: Any) -> None:
    """A pile whose deadline passes before its stories are built (about a second of work
    on two workers) fails with DEADLINE_EXCEEDED, and both workers are free for the next
    call at once."""
    srv = server(workers=2)
    request = pb.SummarizeStoriesRequest(documents=_topic_pile(12, 4, 600))
    channel = grpc.insecure_channel(srv.target)
    stub = pb_grpc.DigestServiceStub(channel)
    try:
        with pytest.raises(grpc.RpcError) as err:
            stub.SummarizeStories(request, timeout=0.25)
        assert err.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        docs = [pb.Document(id=d["id"], text=d["text"]) for d in seeds]
        for _ in range(2):  # one call per worker, each answered well within its deadline
            resp = stub.Summarize(pb.SummarizeRequest(documents=docs), timeout=10)
            assert resp.sentences
    finally:
        channel.close()


def test_a_pile_is_one_call_in_flight_however_many_stories_it_has(server: Any,
                                                                   seeds: Any) -> None:
    """With room for two calls in flight, a pile of several stories and a digest sent
    beside it are both answered: the pile's stories take no slot of another call."""
    import concurrent.futures

    srv = server("--workers", "2", "--max-in-flight", "2")
    pile = pb.SummarizeStoriesRequest(documents=_topic_pile(6, 3, 60),
                                      options=pb.SummarizeOptions(max_sentences=3))
    digest = pb.SummarizeRequest(documents=[pb.Document(id=d["id"], text=d["text"])
                                            for d in seeds])
    channel = grpc.insecure_channel(srv.target, options=[("grpc.enable_retries", 0)])
    stub = pb_grpc.DigestServiceStub(channel)
    try:
        assert len(stub.SummarizeStories(pile, timeout=60).stories) >= 4
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            stories = pool.submit(stub.SummarizeStories, pile, timeout=60)
            one = pool.submit(stub.Summarize, digest, timeout=60)
            assert len(stories.result().stories) >= 4
            assert one.result().sentences
    finally:
        channel.close()
