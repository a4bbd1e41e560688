"""Every supported language gives a real digest: news in each, and generated multi-script text.

For each language a document of two short reports (``news.py``) must give a non-empty
digest whose citations reproduce each sentence exactly, code point for code point, with the
sentence boundaries a reader sees. A property test then builds documents of three or more
sentences from words of many scripts and checks that no such document gets an empty digest.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import lexdigest
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lexdigest.engine import Document, Options, summarize_documents, supported_languages
from lexdigest.engine.segment import split_sentences
from lexdigest_client import DigestClient

sys.path.insert(0, str(Path(__file__).parent))
from news import NEWS, document


def test_every_supported_language_has_news() -> None:
    assert sorted(NEWS) == supported_languages()


@pytest.mark.parametrize("code", sorted(NEWS))
def test_news_digest_in_every_language(code: str) -> None:
    text, sentences = document(code)
    assert [text[a:b] for a, b in split_sentences(text)] == sentences
    digest = summarize_documents([Document("report", text)], Options(language=code))
    assert digest.sentences, f"empty digest for {code}"
    for s in digest.sentences:
        c = s.citation
        assert text[c.char_start : c.char_end] == s.text
        assert s.text in sentences


@pytest.mark.parametrize("code", sorted(NEWS))
def test_news_digest_with_the_language_detected(code: str) -> None:
    """No language named: the report is read as its own language, and the public split
    gives the very spans the digest cites by index."""
    text, sentences = document(code)
    digest = summarize_documents([Document("report", text)])
    assert digest.languages == (code,)
    assert digest.sentences, f"empty digest for {code}"
    spans = lexdigest.split_sentences(text)
    assert [text[a:b] for a, b in spans] == sentences
    for s in digest.sentences:
        c = s.citation
        assert text[c.char_start : c.char_end] == s.text
        assert spans[c.sentence_index] == (c.char_start, c.char_end)


def test_the_public_split_follows_the_detected_language_as_the_digest_does() -> None:
    # "ill." is an abbreviation in another language's rules, a sentence end in English.
    text = ("The minister fell ill. Doctors said on Monday that she would stay in hospital "
            "for a week. Her deputy will chair the cabinet.")
    spans = lexdigest.split_sentences(text)
    assert len(spans) == 3
    assert lexdigest.split_sentences(text, "it") == split_sentences(text, "it")
    digest = lexdigest.summarize([text], max_sentences=3)
    for s in digest.sentences:
        c = s.citation
        assert spans[c.sentence_index] == (c.char_start, c.char_end)


def test_two_languages_in_one_cluster_each_give_sentences() -> None:
    hi, _ = document("hi")
    en, _ = document("en")
    digest = summarize_documents(
        [Document("hi", hi), Document("en", en)], Options(language="hi", max_sentences=10))
    assert {s.citation.document_id for s in digest.sentences} == {"hi", "en"}


# ----------------------------------------------------------------- generated multi-script text

# Letters of scripts with and without case, with and without spaces, and the terminal each
# script ends a sentence with.
_SCRIPTS = {
    "latin": ("abcdefghijklmnoprstuvwyzáéíóúñçäöüß", ". "),
    "cyrillic": ("абвгдежзиклмнопрстуфхцчшщыэюя", ". "),
    "greek": ("αβγδεζηθικλμνξοπρστυφχψω", ". "),
    "arabic": ("ابتثجحخدذرزسشصضطظعغفقكلمنهوي", ". "),
    "devanagari": ("कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह", "। "),
    "hebrew": ("אבגדהוזחטיכלמנסעפצקרשת", ". "),
    "han": ("的国经济增长政府市场公司发展问题今天城市学生", "。"),
    "hangul": ("가나다라마바사아자차카타파하정부경제시장", ". "),
    "kana": ("あいうえおかきくけこさしすせそたちつてとなにぬねの", "。"),
    "thai": ("กขคงจฉชซดตถทนบปผพฟมยรลวสหอ", " "),
    "bengali": ("কখগঘচছজঝটঠডঢণতথদধনপফবভমযরলশসহ", "। "),
    "tamil": ("கஙசஞடணதநபமயரலவழளறன", ". "),
    "georgian": ("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ", ". "),
    "armenian": ("աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ", "։ "),
    "ethiopic": ("ሀለሐመሠረሰሸቀበተቸነአከወዐዘየደገጠጰጸፀፈፐ", "። "),
}
_VOWEL_SIGNS = "ािीुूेैोौं"  # Devanagari marks, which Python's \w does not count as letters


@st.composite
def _sentence(draw: st.DrawFn, script: str) -> str:
    letters, _ = _SCRIPTS[script]
    spaced = script not in ("han", "kana", "thai")
    n = draw(st.integers(8, 16))
    words = []
    for _ in range(n):
        w = draw(st.text(alphabet=letters, min_size=3 if spaced else 2, max_size=7))
        if script == "devanagari":
            w = "".join(ch + draw(st.sampled_from(["", *_VOWEL_SIGNS])) for ch in w)
        words.append(w)
    body = " ".join(words) if spaced else "".join(words) * 2
    if script in ("latin", "cyrillic", "greek", "armenian"):
        body = body[0].upper() + body[1:]
    return body


@st.composite
def _document(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(3, 6))):
        script = draw(st.sampled_from(sorted(_SCRIPTS)))
        parts.append(draw(_sentence(script)) + _SCRIPTS[script][1])
    assume(len(set(parts)) == len(parts))  # sentences said twice are a page's furniture
    return "".join(parts).strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_document(), language=st.sampled_from(["", "en", "ru", "zh", "hi", "ar"]))
def test_no_empty_digest_for_three_sentences_in_any_script(text: str, language: str) -> None:
    digest = summarize_documents([Document("d", text)], Options(language=language))
    assert digest.sentences
    for s in digest.sentences:
        c = s.citation
        assert text[c.char_start : c.char_end] == s.text


@pytest.mark.parametrize(("text", "sentences"), [
    ("Բարև ձեզ։ Ես եկա։", ["Բարև ձեզ։", "Ես եկա։"]),  # Armenian full stop
    ("ሰላም ነው። እንዴት ነህ፧ ደህና ነኝ።", ["ሰላም ነው።", "እንዴት ነህ፧", "ደህና ነኝ።"]),  # Ethiopic
    ("မင်္ဂလာပါ။ နေကောင်းလား။", ["မင်္ဂလာပါ။", "နေကောင်းလား။"]),  # Myanmar
    ("សួស្តី។ សុខសប្បាយទេ។", ["សួស្តី។", "សុខសប្បាយទេ។"]),  # Khmer khan
    ("آیا آمدی؟ بله آمدم.", ["آیا آمدی؟", "بله آمدم."]),  # Arabic question mark
    ("Πού είσαι; Είμαι εδώ.", ["Πού είσαι;", "Είμαι εδώ."]),  # Greek question mark
    ("Le débat « Qui paiera ? » a repris. Il dure.", ["Le débat « Qui paiera ? » a repris.",
                                                     "Il dure."]),
])
def test_sentence_terminals_of_other_scripts(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


# ------------------------------------------------------------- the same over the real server


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    """One real ``lexdigest-server`` on loopback for the gRPC property test."""
    return module_server()


@st.composite
def _document_in(draw: st.DrawFn, family: str) -> str:
    scripts = sorted(_SCRIPTS) if family == "mixed" else [family]
    parts = []
    for _ in range(draw(st.integers(3, 5))):
        script = draw(st.sampled_from(scripts))
        parts.append(draw(_sentence(script)) + _SCRIPTS[script][1])
    assume(len(set(parts)) == len(parts))
    return "".join(parts).strip()


@pytest.mark.parametrize("family", [*sorted(_SCRIPTS), "mixed"])
def test_no_empty_digest_over_grpc_in_any_script(srv: Any, family: str) -> None:
    """Generated documents of each script family, sent over gRPC with no language named:
    the server detects one, and the digest is non-empty with exact citations."""

    @settings(max_examples=3, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(texts=st.lists(_document_in(family), min_size=1, max_size=2))
    def check(texts: list[str]) -> None:
        with DigestClient(srv.target) as client:
            digest = client.summarize(texts, max_sentences=4)
        assert digest.sentences, f"empty digest over gRPC for {family}"
        assert digest.languages
        for s in digest.sentences:
            c = s.citation
            text = texts[int(c.document_id.removeprefix("doc-")) - 1]
            assert text[c.char_start : c.char_end] == s.text

    check()
