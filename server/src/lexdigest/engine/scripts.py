"""Words in every script: what a word character is, which scripts have no spaces, word counts.

This module owns the Unicode side of tokenization, so that no other stage assumes ASCII:

* **Word characters** are ``re``'s ``\\w`` (letters and digits of every script) plus the
  combining marks it leaves out (Devanagari vowel signs, Arabic harakat, Thai tone marks;
  see ``_marks.py``) and the zero-width joiners that Indic and Persian words carry inside.
* **Scripts written without spaces** (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)
  have no word boundaries to find without a dictionary. Their runs are indexed as
  overlapping character bigrams, the standard of multilingual retrieval (Lucene's
  ``CJKBigramFilter``; Kwok 1997, "Comparing representations in Chinese information
  retrieval"): a two-character window catches most Chinese and Japanese words, which
  average 1.5 to 2 characters, without a segmenter's dictionary or its errors. Hangul is
  written with spaces, but its words carry particles ("정부는", "정부가"), so its runs are
  bigrammed too and share the stem "정부".
* **Word counts** (for the length filters and word budgets) count white-space separated
  words, and a run of a script without spaces as the number of words it would hold at the
  script's average word length.

Every pattern here is a single character class or an unambiguous ``X+(sep X+)*`` loop: each
character is looked at a bounded number of times, whatever the input.
"""

from __future__ import annotations

import re

from ._marks import MARKS, MARKS_ASTRAL
from ._patterns import lazy

__all__ = ["ASCII_WORD", "BIGRAM", "TOKEN", "UNSPACED", "WORD", "count_words", "has_running_text",
           "needs_token"]

_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: inside Persian, Hindi, Bengali words
_W = f"\\w{MARKS}{_JOINERS}"  # the body of a word-character class (Basic Multilingual Plane)
_W_ALL = _W + MARKS_ASTRAL  # ... and with the marks beyond it

# Scripts without spaces between words, with the average word length in characters used to
# count their words. Chinese words average 1.6 characters and Japanese ones about 2 (Chinese
# Treebank, BCCWJ); Thai, Lao, Khmer and Myanmar words, counted with their combining marks,
# about 4.
_HAN_KANA = (
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u303b\u303c"  # 々 〆 〇, Hangzhou numerals, kana marks
    "\u3040-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana (with ー), Katakana extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, extension A, compatibility
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK ideographs, extensions B to G
)
_SOUTHEAST = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff"  # Thai, Lao, Myanmar, Khmer
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
_CHARS_PER_WORD = ((_HAN_KANA, 2), (_SOUTHEAST, 4))

UNSPACED = _HAN_KANA + _SOUTHEAST  # class body: scripts that separate words without spaces
BIGRAM = UNSPACED + _HANGUL  # class body: scripts indexed by character bigrams

# A word of a spaced script: word characters, with inner apostrophes, hyphens or periods
# ("U.S.", "co-op", "don't", "l'économie"). The separators are not word characters, so
# the loop is unambiguous.
WORD = f"[{_W}]+(?:['’.\\-][{_W}]+)*"
# The same for ASCII text, where ``\\w`` needs no marks: a smaller class, faster to test.
ASCII_WORD = r"\w+(?:['’.\-]\w+)*"
# A token of mixed text: a run of a bigram script (group ``run``), or a word as above made
# of the other word characters ("iPhone手机" is the word "iphone" and the run "手机").
# Used for text with bigram scripts or characters beyond U+FFFF (``needs_token``).
_WB = f"(?![{BIGRAM}])[{_W_ALL}]"
TOKEN = f"(?P<run>[{BIGRAM}]+)|(?:{_WB})+(?:['’.\\-](?:{_WB})+)*"

# A coarse superset of the bigram scripts and everything beyond U+FFFF, in few ranges, so the
# test for the common case (neither) is quick; ``TOKEN`` is right for any text.
_SLOW_CHAR = re.compile(
    "[\u0e00-\u0eff\u1000-\u11ff\u1780-\u17ff\u19e0-\u19ff\u2e80-\ua97f\uac00-\ud7ff"
    "\uf900-\ufaff\uff66-\uff9f\U00010000-\U0010ffff]")
_UNSPACED_CHAR = lazy(f"[{UNSPACED}]")
_WORD_CHAR = lazy(f"[{_W_ALL}]")
_RUNS = [(lazy(f"[{chars}]+"), per) for chars, per in _CHARS_PER_WORD]

# Running text: a lower-case word of three letters or more (ASCII first, the common case),
# or, in any script, a word of three letters or more that is lower case or has no case.
_ASCII_RUNNING = re.compile(r"\b[a-z]{3,}\b")
_LETTERS = lazy(f"(?:[^\\W\\d_]|[{MARKS}{MARKS_ASTRAL}{_JOINERS}])+")
_MIN_RUNNING_LETTERS = 3


def needs_token(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` needs ``TOKEN``, not ``WORD``: it holds a character of a
    script indexed by bigrams, or one beyond U+FFFF."""
    return _SLOW_CHAR.search(text, start, len(text) if end is None else end) is not None


def count_words(text: str) -> int:
    """Words of ``text``: white-space separated words, scripts without spaces by length.

    A run of Han or kana counts one word per two characters, a run of Thai, Lao, Khmer or
    Myanmar one per four (rounded up); the rest of the white-space word holding the run
    counts when it holds a word character ("2024年中国经济": one word for "2024", three for
    the Han run; a bare "。" or "、" is no word).
    """
    if text.isascii() or _SLOW_CHAR.search(text) is None or _UNSPACED_CHAR.search(text) is None:
        return len(text.split())
    words = 0
    for run_re, per in _RUNS:
        words += sum(-(-(m.end() - m.start()) // per) for m in run_re.finditer(text))
        text = run_re.sub(" ", text)
    return words + sum(1 for w in text.split() if _WORD_CHAR.search(w))


def has_running_text(text: str) -> bool:
    """Whether ``text`` holds running text, not only names, numbers and capitals.

    True when some word of three letters or more is in lower case (scripts with case:
    Latin, Cyrillic, Greek, Armenian, …) or is written in a script without case (Arabic,
    Hebrew, Devanagari, Han, Thai, …). "UPDATED 10:45 GMT" and "New York Stock Exchange"
    have none.
    """
    if _ASCII_RUNNING.search(text):
        return True
    for m in _LETTERS.finditer(text):
        w = m.group()
        if len(w) < _MIN_RUNNING_LETTERS or sum(ch.isalpha() for ch in w) < _MIN_RUNNING_LETTERS:
            continue
        if w.islower() or w.upper() == w.lower():
            return True
    return False
