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
