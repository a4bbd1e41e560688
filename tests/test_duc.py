"""The engine on every DUC 2004 cluster: exact citations, and the CLI's batch gives the same
summaries as the engine called directly. Skipped when the benchmark data are absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lexdigest
import pytest

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "duc2004"
CLUSTERS = DATA / "clusters.jsonl"

pytestmark = pytest.mark.skipif(not CLUSTERS.exists(), reason="DUC 2004 data not present")


@pytest.fixture(scope="module")
def clusters() -> list[dict]:
    return [json.loads(line) for line in CLUSTERS.read_text(encoding="utf-8").splitlines()]


def test_every_citation_reproduces_its_sentence(clusters: list[dict]) -> None:
    checked = 0
    for c in clusters:
        texts = {d["id"]: d["text"] for d in c["documents"]}
        for options in ({"max_words": 100}, {"max_sentences": 10, "ordering": "source"}):
            digest = lexdigest.summarize(c["documents"], **options)
            assert digest.sentences, c["id"]
            for s in digest.sentences:
                cit = s.citation
                assert texts[cit.document_id][cit.char_start:cit.char_end] == s.text
                for sup in s.supporting:
                    assert sup.document_id != cit.document_id
                    assert texts[sup.document_id][sup.char_start:sup.char_end].strip()
                checked += 1
            words = sum(len(s.text.split()) for s in digest.sentences)
            assert "max_words" not in options or words <= options["max_words"]
    assert checked > 500


def test_batch_command_matches_the_engine(clusters: list[dict], tmp_path: Path) -> None:
    source = tmp_path / "clusters.jsonl"
    source.write_text("".join(json.dumps({"id": c["id"], "documents": c["documents"]}) + "\n"
                              for c in clusters), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "lexdigest_client.cli", "batch", str(source), "--max-words", "100"],
        capture_output=True, text=True, timeout=600, env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == [c["id"] for c in clusters]
    for line, c in zip(lines, clusters, strict=True):
        assert line["summary"] == lexdigest.summarize(c["documents"], max_words=100).summary
