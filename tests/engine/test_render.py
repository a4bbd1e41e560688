"""The engine's plain-text digest (lexdigest.engine.render), pinned to the client's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lexdigest.engine import Document, Options, summarize_documents
from lexdigest.service.convert import to_proto
from lexdigest_client._models import Digest as ClientDigest
from lexdigest_client._render import render_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_engine_summary_is_the_client_text_of_a_digest_without_dates() -> None:
    """``Digest.text`` and the client's text rendering are two writings of one format:
    for a digest whose sentences carry no date (which the client shows), they agree."""
    docs = [Document(p.stem, p.read_text(encoding="utf-8"), title=f"Title {k}",
                     url=f"https://example.org/{k}" if k % 2 else "",
                     source="Wire" if k == 1 else "")
            for k, p in enumerate(sorted(SEEDS.glob("*.txt")))]
    digest = summarize_documents(docs, Options(max_sentences=6))
    assert any(s.supporting for s in digest.sentences)  # the markers of supporting sources
    undated = dataclasses.replace(digest, sentences=tuple(
        dataclasses.replace(s, date="") for s in digest.sentences))
    client = ClientDigest.from_proto(to_proto(undated))
    assert render_text(client) == digest.text
    assert all(f"{s.text} [{s.source_number}]" in digest.text for s in digest.sentences)


def test_supporting_markers_follow_documents_even_when_two_share_an_id() -> None:
    """The engine API accepts two documents with one id: each keeps its own number."""
    docs = [
        Document("x", "Heavy rain flooded the river valley on Monday and forced hundreds of "
                 "families from their homes. Officials opened three shelters in the town hall."),
        Document("a", "Floods in the river valley forced hundreds of families to leave their "
                 "homes on Monday, officials said. The weather service expects more rain."),
        Document("a", "The central bank left its interest rate unchanged on Thursday. "
                 "Economists had expected the decision after inflation slowed."),
    ]
    digest = summarize_documents(docs)
    flood = next(s for s in digest.sentences if "flood" in s.text.lower())
    assert [c.document_id for c in flood.supporting] == ["a"]
    others = [src.number for src in digest.sources if src.document_id == "a"]
    assert len(others) == 2  # two sources, one per document
    line = next(ln for ln in digest.text.splitlines() if ln.startswith(flood.text))
    assert line.endswith(f"[{flood.source_number}][{min(others)}]")
