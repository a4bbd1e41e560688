"""Words in every script: tokens, bigrams, word counts, running text, the generated mark table."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from lexdigest.engine import scripts, text
from lexdigest.engine._marks import UNIDATA_VERSION
from lexdigest.engine.segment import segment

ROOT = Path(__file__).resolve().parents[3]


def test_words_keep_their_combining_marks() -> None:
    assert text.analyzer("hi").tokens("भारत सरकार ने नीति की घोषणा की।") == [
        "भारत", "सरकार", "ने", "नीति", "की", "घोषणा", "की"]
    assert text.analyzer("ar").tokens("مَرْحَبًا بِكُمْ") == ["مَرْحَبًا", "بِكُمْ"]
    assert text.analyzer("fa").tokens("سه‌شنبه") == ["سه\u200cشنبه"]  # one word, with its ZWNJ


def test_unspaced_scripts_give_bigrams_and_other_words_stay_whole() -> None:
    assert text.analyzer("zh").tokens("iPhone手机销量。") == ["iphone", "手机", "机销", "销量"]
    assert text.analyzer("ja").tokens("東京都") == ["東京", "京都"]
    # A Korean word that is a stop word stays whole, so it is recognised as one.
    assert "그리고" in text.analyzer("ko").tokens("그리고 정부는")
    assert text.analyzer("en").tokens("U.S. co-op don’t") == ["u.s", "co-op", "don't"]


def test_stemming_and_stop_words_apply_per_language() -> None:
    assert text.analyzer("ru").terms("Банки повысили ставки") == ["банк", "повыс", "ставк"]
    # Hindi is stemmed by Snowball's Hindi stemmer (PyStemmer): "घोषणा" and "घोषणाएं" share "घोषण".
    assert text.analyzer("hi").terms("सरकार ने घोषणा की") == ["सरकार", "घोषण"]
    assert text.analyzer("hi").terms("घोषणाएं") == ["घोषण"]
    assert text.analyzer("tr").terms("ve bu karar") == ["karar"]


@pytest.mark.parametrize(("sentence", "words"), [
    ("The bank raised rates again.", 5),
    ("中国经济增长。", 3),  # six Han characters: three words
    ("2024年中国经济", 4),  # "2024" and three words of Han
    ("中国、美国", 2),  # the ideographic comma is no word
    ("ธนาคารแห่งประเทศไทย", 5),  # 19 Thai characters: five words
])
def test_word_counts(sentence: str, words: int) -> None:
    assert scripts.count_words(sentence) == words


@pytest.mark.parametrize(("sentence", "running"), [
    ("The storm hit the coast.", True),
    ("UPDATED 10:45 GMT", False),
    ("New York Stock Exchange", False),
    ("Президент России заявил", True),
    ("ПРЕЗИДЕНТ РОССИИ", False),
    ("भारत सरकार ने", True),
    ("أعلنت الحكومة", True),
    ("中央气象台发布预警", True),
    ("12 34 56", False),
])
def test_running_text_in_every_script(sentence: str, running: bool) -> None:
    assert scripts.has_running_text(sentence) is running


def _cost(piece: str, chars: int) -> float:
    """CPU seconds that tokenizing, counting and segmenting ``piece`` repeated costs."""
    analyzer = text.analyzer("zh")
    bad = piece * (chars // len(piece)) + "A"
    t0 = time.process_time()
    analyzer.tokens(bad)
    scripts.count_words(bad)
    scripts.has_running_text(bad)
    segment(bad)
    return time.process_time() - t0


@pytest.mark.parametrize("piece", [
    "a.", "中", "a-", "\u093f", "α; ", "《好！", "ก ก ", "« ", ". ", "1. a 2. b ", "• x • ",
    "„x.“ ", "z. B. ",
])
def test_patterns_stay_linear_on_long_adversarial_runs(piece: str) -> None:
    # Twice the text may cost about twice the time; a quadratic pattern costs four times.
    small = min(_cost(piece, 20_000) for _ in range(2))
    large = min(_cost(piece, 40_000) for _ in range(2))
    assert large <= 3.0 * small + 0.02, (piece, small, large)


@pytest.mark.skipif(unicodedata.unidata_version != UNIDATA_VERSION,
                    reason="the mark table was generated from another Unicode version")
def test_mark_table_matches_this_python() -> None:
    run = subprocess.run([sys.executable, "scripts/genmarks.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_quick_test_for_bigram_scripts_misses_none() -> None:
    bigram = re.compile(f"[{scripts.BIGRAM}]")
    missed = [cp for cp in range(sys.maxunicode + 1)
              if bigram.match(chr(cp)) and not scripts.needs_token(chr(cp))]
    assert missed == []
