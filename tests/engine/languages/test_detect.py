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
    # Each source says which language its document was read in.
    assert {s.document_id: s.language for s in digest.sources} == {
        "ru": "ru", "en": "en", "ru-2": "ru", "zh": "zh"}
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


def test_an_unsupported_relative_is_read_as_the_supported_language_analysed_like_it() -> None:
    # Afrikaans (read as Dutch), Catalan (as Spanish) and Marathi (as Hindi).
    assert detect.detect("Die minister het Woensdag in Pretoria gesê dat die begroting "
                         "volgende week aan die parlement voorgelê sal word.") == "nl"
    assert detect.detect("L'Ajuntament de Girona va anunciar ahir que les obres del pont "
                         "començaran la setmana vinent i duraran tres mesos.") == "es"
    assert detect.detect("मुंबईत आज सकाळपासून मुसळधार पाऊस पडत असून अनेक सखल भागांत पाणी "
                         "साचले आहे.") == "hi"


def test_english_quoted_in_another_script_does_not_decide_the_language() -> None:
    zh = ("市长周二在记者会上用英语说：\"We will rebuild the bridge before the winter.\" "
          "工程预计耗资三亿元，下个月开工。")
    ru = ("Министр сказал журналистам: «We are ready to sign the agreement next week "
          "in Geneva». Переговоры продолжатся.")
    assert detect.detect_all([zh, ru]) == ["zh", "ru"]


def test_han_without_kana_is_chinese() -> None:
    assert detect.detect("市場普遍預期明年將開始降息。") == "zh"
    assert detect.detect("東京都は来年度から保育料を無償化すると発表した。") == "ja"
    # A line of Han alone among Japanese reports is Japanese.
    japanese = [JOIN["ja"].join(r) for r in NEWS["ja"]]
    assert detect.detect_all(["東京都知事選挙結果速報", *japanese])[0] == "ja"
    assert detect.detect_all(["東京都知事選挙結果速報"])[0] == "zh"


def test_a_short_text_takes_the_language_of_its_request_a_clear_one_keeps_its_own() -> None:
    short = "Det sier finansministeren til NRK."  # Norwegian, read alone as Danish
    norwegian = [" ".join(r) for r in NEWS["no"]]
    assert detect.detect_all([short, *norwegian]) == ["no", "no", "no"]
    danish = [" ".join(r) for r in NEWS["da"]]
    assert detect.detect_all([short, *danish])[0] == "da"
    hindi = " ".join(NEWS["hi"][0])
    english = [" ".join(r) for r in NEWS["en"]]
    assert detect.detect_all([hindi, *english, *english]) == ["hi", "en", "en", "en", "en"]


def test_a_text_in_an_unsupported_language_takes_the_request_s_language() -> None:
    lithuanian = ("Vyriausybė antradienį paskelbė, kad degalų kainos kris nuo kitos savaitės. "
                  "Finansų ministras sakė, kad sprendimas galutinis.")
    assert detect.detect(lithuanian) == ""  # not whichever supported label came fifth
    assert detect.detect_all([lithuanian]) == ["en"]
    assert detect.detect_all([lithuanian, document("pl")[0]]) == ["pl", "pl"]
