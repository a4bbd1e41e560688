"""Language detection: each document in its own language, the explicit language wins."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lexdigest.engine import Document, Options, detect, summarize_documents

sys.path.insert(0, str(Path(__file__).parent))
from news import JOIN, NEWS, document


@pytest.mark.parametrize("code", sorted(NEWS))
def test_each_report_and_each_sentence_is_detected(code: str) -> None:
    for report in NEWS[code]:
        assert detect.detect(JOIN.get(code, " ").join(report)) == code
        assert [detect.detect(s) for s in report] == [code] * len(report)


def test_text_without_letters_takes_the_language_of_the_others() -> None:
    assert detect.detect("12 345 -- 6.7 %") == ""
    assert detect.detect_all(["2024 — 12:30", document("de")[0]]) == ["de", "de"]
    assert detect.detect_all(["2024", "— 5 —"]) == ["en", "en"]


def test_a_mixed_cluster_is_analysed_per_document_and_reports_its_languages() -> None:
    docs = [Document(code, document(code)[0]) for code in ("ru", "en", "ru", "zh")]
    docs[2] = Document("ru-2", docs[2].text.replace("Москвы", "Петербурга"))
    digest = summarize_documents(docs, Options(max_sentences=20, max_similarity=1.0))
    assert digest.languages == ("ru", "en", "zh")
    assert {s.citation.document_id for s in digest.sentences} >= {"ru", "en", "zh"}
    # Russian words were stemmed as Russian: the two Russian reports support each other.
    russian = [s for s in digest.sentences if s.citation.document_id in ("ru", "ru-2")]
    assert any(c.document_id in ("ru", "ru-2") for s in russian for c in s.supporting)


def test_an_explicit_language_wins_over_detection() -> None:
    text, _ = document("en")
    assert summarize_documents([Document("d", text)], Options(language="de")).languages == ("de",)
    assert summarize_documents([Document("d", text)], Options(language="pt-BR")).languages == (
        "pt",)
    assert summarize_documents([Document("d", text)]).languages == ("en",)
