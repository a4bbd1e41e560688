"""Candidate filters: which units a digest may not quote, and why.

A unit is passed over when it is shorter or longer than the caller's bounds, a heading, a
list line that does not end like a sentence, a question (unless asked for), a fragment
without running text (``clean.fragment_reason``), or a quotation that cannot stand alone:
part of a longer quotation, or one without attribution. ``filter_reason`` is the rule for one
unit; ``filter_reasons`` gives every unit of a call its reason in passes over all of them at
once, running the rule itself only on the units a pass says it may stop. Selection
(``select``) never chooses a unit with a reason; the unit stays in the sentence graph, where
it still counts for the centrality of the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .clean import fragment_reason
from .scripts import has_running_text
from .segment import HEADING, LIST_ITEM, SENTENCE, Kind, ends_like_sentence
from .triggers import char_codes

_QUOTE_OPEN = "\"“‘`«„"
_QUOTE_CLOSE = "\"”’»"
# A quotation mark, or two apostrophes (a DUC-style closing quote). One character class
# first, so the search skips to the next candidate mark instead of trying every position.
_ANY_QUOTE = re.compile("[\"“”‘’`«»„'](?:(?<=')'|(?<!'))")
_CLOSERS: tuple[str, ...] = ("\"", "”", "’", "»", "''")  # what may close a quotation
_ASCII_CLOSERS: tuple[str, ...] = ("\"", "''")


@dataclass(frozen=True, slots=True)
class Filters:
    """Candidate filters: which sentences may be selected at all."""

    min_words: int = 6
    max_words: int = 80
    allow_questions: bool = False
    allow_headings: bool = False


def filter_reason(text: str, kind: Kind, words: int, filters: Filters) -> str:
    """Why a candidate may not be selected, or "" when it may."""
    if words < filters.min_words:
        return f"too short ({words} words < {filters.min_words})"
    if filters.max_words and words > filters.max_words:
        return f"too long ({words} words > {filters.max_words})"
    if kind == HEADING and not filters.allow_headings:
        return "heading, not a sentence"
    if kind == LIST_ITEM and not ends_like_sentence(text):
        return "list fragment"
    stripped = text.rstrip(_QUOTE_CLOSE + "')] ")
    if stripped.endswith("?") and not filters.allow_questions:
        return "question"
    if not has_running_text(text):
        return "fragment (no running text)"
    quote = _quote_problem(text)
    if quote:
        return quote
    fragment = "" if kind == HEADING else fragment_reason(text)
    if fragment:
        return f"fragment ({fragment})"
    return ""


def filter_reasons(texts: Sequence[str], kinds: Sequence[Kind], words: Sequence[int],
                   filters: Filters) -> list[str]:
    """``filter_reason`` of every candidate, found by passes over all of them at once.

    Most candidates are plain sentences that no filter stops. The texts are joined by line
    breaks, and array passes tell which candidates a rule may stop (``_suspects``); only
    those go through ``filter_reason``, so the reasons are exactly its own. A candidate
    that only a quotation mark makes suspect needs only ``_quote_problem``.
    """
    n = len(texts)
    joined = "\n".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    ends = np.cumsum(lengths + 1) - 1
    starts = ends - lengths
    count = np.fromiter(words, dtype=np.int64, count=n)
    suspect = (count < filters.min_words) | np.fromiter(
        (k != SENTENCE for k in kinds), dtype=bool, count=n)
    if filters.max_words:
        suspect |= count > filters.max_words
    codes = char_codes(joined)
    if codes.size:
        suspect |= _suspects(codes, starts, ends)
        quoted = _maybe_quoted(joined, codes, starts) & ~suspect
    else:
        suspect[:] = True
        quoted = ~suspect
    reasons = [""] * n
    for c in np.flatnonzero(suspect).tolist():
        reasons[c] = filter_reason(texts[c], kinds[c], int(count[c]), filters)
    # Only a quotation may stop these: the rules before it pass, and those after it too.
    for c in np.flatnonzero(quoted).tolist():
        reasons[c] = _quote_problem(texts[c])
    return reasons


def _any_in(mask: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per candidate, whether ``mask`` (one flag per character of the joined texts, and
    one more) is set in it: ``mask`` must be clear on the line breaks between them."""
    hit: np.ndarray = np.logical_or.reduceat(mask, starts)
    return hit


def _suspects(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per candidate (spans of ``codes``, from ``triggers.char_codes``, apart by a line break),
    whether a rule of ``filter_reason`` after the length and kind rules may stop it, so
    that it must be tested; the others surely pass them (a quotation apart).

    * It may not end in "." or "!" after at most two closing quotation marks (" or '):
      then it may be a question or lack final punctuation.
    * It may lack running text: no word of three to five ASCII lower-case letters stands
      between white space and white space, "," or ".", where ``\b[a-z]{3,}\b`` of
      ``has_running_text`` would match.
    * It may be a line in capitals (seven in ten of its first words): such a line has two
      words in a row without lower case, so a white space with no ASCII lower-case letter
      within two characters on either side.
    * It may be a label line: it holds a colon.
    """
    size = codes.size
    padded = np.concatenate([np.zeros(3, np.uint8), codes, np.zeros(1, np.uint8)])
    last = [padded.take(ends + 2 - j) for j in range(3)]  # the last three characters
    stop = [(c == 46) | (c == 33) for c in last]
    quote = [(c == 34) | (c == 39) for c in last]
    final = (stop[0] | (quote[0] & (stop[1] | (quote[1] & stop[2])))) & (ends - starts >= 3)
    c = padded[3:]  # codes and one 0 after them
    low = (c - np.uint8(97)) < 26
    space = c == 32
    space |= (c - np.uint8(9)) < 5
    space |= (c - np.uint8(28)) < 4
    after = space | (c == 44) | (c == 46)
    run = space[:-1] & low[1:]  # a white space, then k lower-case letters (k = 1, 2, ...)
    running = np.zeros(size, dtype=bool)
    for k in range(2, 6):
        run = run[:-1] & low[k:]
        if run.size < 2:
            break
        if k >= 3:
            running[: run.size - 1] |= run[:-1] & after[k + 1 :]
    word = np.zeros(size + 1, dtype=bool)  # where such a word starts
    word[1:] = running
    suspect: np.ndarray = ~final | ~_any_in(word, starts)
    # Two characters on each side of the white space: the word's own, or white space.
    gap = np.zeros(size + 1, dtype=bool)
    other = ~low
    gap[2:-2] = space[2:-2] & other[:-4] & other[1:-3] & other[3:-1] & other[4:]
    gap |= c == 58  # a colon
    gap[ends] = False  # the line breaks between candidates
    suspect |= _any_in(gap, starts)
    return suspect


_WIDE_QUOTE = re.compile("[“”‘’«»„]")


def _maybe_quoted(joined: str, codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per candidate, whether it may hold a match of ``_ANY_QUOTE``: a quotation mark,
    "`" or two apostrophes."""
    quote = np.zeros(codes.size + 1, dtype=bool)
    quote[:-1] = (codes == 34) | (codes == 96)
    quote[:-2] |= (codes[:-1] == 39) & (codes[1:] == 39)
    if not joined.isascii():
        quote[[m.start() for m in _WIDE_QUOTE.finditer(joined)]] = True
    return _any_in(quote, starts)


def _quote_problem(text: str) -> str:
    """A quotation that cannot stand alone: unattributed, or cut by a sentence boundary."""
    t = text.strip()
    if not _ANY_QUOTE.search(t):
        return ""
    if t.isascii():  # no curly marks to count or look for
        opens, closes, closers = t.count("``"), t.count("''"), _ASCII_CLOSERS
    else:
        opens = t.count("“") + t.count("«") + t.count("„") + t.count("``")
        closes = t.count("”") + t.count("»") + t.count("''")
        closers = _CLOSERS
    straight = t.count('"')
    if opens != closes or straight % 2:
        return "part of a longer quotation"
    if t[:1] in _QUOTE_OPEN or t.startswith("``"):
        inner = t.lstrip("\"“‘`«„")
        last_close = max([inner.rfind(q) for q in closers])
        if last_close >= len(inner.rstrip()) - 3:
            return "quotation without attribution"
    return ""

