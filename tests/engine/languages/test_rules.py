"""Sentence rules per language: each document is segmented with its own language's record."""

from __future__ import annotations

from lexdigest.engine import Document, Options, summarize_documents
from lexdigest.engine.languages import LANGUAGES, sentence_rules
from lexdigest.engine.segment import split_sentences

GERMAN = "Die Abstimmung vom 12. Juni war knapp. Die Regierung will das Ergebnis prüfen."


def test_every_language_has_rules_and_english_ones_are_in_each() -> None:
    en = sentence_rules("en")
    for code in LANGUAGES:
        rules = sentence_rules(code)
        assert en.never <= rules.never and en.starters <= rules.starters
    assert sentence_rules("pt-BR") == sentence_rules("pt")  # a regional tag: the language's
    assert sentence_rules("ko-KR") == en  # no record of its own: the English one


def test_a_german_ordinal_date_is_german_only() -> None:
    assert len(split_sentences(GERMAN, "de")) == 2
    assert len(split_sentences(GERMAN, "en")) == 3  # "12." ends a sentence in English


def test_the_digest_segments_each_document_in_its_language() -> None:
    digest = summarize_documents([Document("de", GERMAN)], Options(min_sentence_words=1))
    assert digest.languages == ("de",)
    cited = {(s.citation.char_start, s.citation.char_end) for s in digest.sentences}
    assert cited <= set(split_sentences(GERMAN, "de"))
    assert "Die Abstimmung vom 12. Juni war knapp." in {s.text for s in digest.sentences}
