"""Where a furniture rule may apply: passes over all units of a call at once.

Every rule of ``furniture`` needs something in a unit before it can match: a key word
(``key_words``), three digits in a row, an opening word, a dateline's mark near the start,
a word count within a limit. These passes find it for every unit of the call's joined
documents at once, with numpy over one byte per character (``char_codes``), so that only
the units a trigger reaches are tested by the rule itself. A trigger may reach a unit the
rule then turns down; it never misses one the rule would take.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .dateline import MARK_REACH as _DATELINE_REACH
from .furniture import ALL_RULES
from .key_words import ODD_CASE, key_hits
from .segment import Segment

# Every telephone number holds three digits in a row: units without them skip ``furniture._PHONE``.
THREE_DIGITS = re.compile(r"\d\d\d")
_DIGIT = re.compile(r"\d")
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def digit_runs(text: str, segments: list[Segment]) -> list[bool]:
    """Per segment, whether three digits in a row of ``text`` overlap it (a segment that
    holds three digits in a row is one of them)."""
    if _wide_digits(text):
        return _digit_runs_by_regex(text, segments)
    n = len(segments)
    starts = np.fromiter((seg.start for seg in segments), dtype=np.int64, count=n)
    ends = np.fromiter((seg.end for seg in segments), dtype=np.int64, count=n)
    flags: list[bool] = _digit_windows(char_codes(text), starts, ends).tolist()
    return flags


def _wide_digits(text: str) -> bool:
    """Whether ``text`` holds a digit outside ASCII (which the array passes read as "?")."""
    return not text.isascii() and _DIGIT.search("".join(_NON_ASCII.findall(text))) is not None


def _digit_runs_by_regex(text: str, segments: list[Segment]) -> list[bool]:
    """``digit_runs`` by a regex scan: for texts with digits outside ASCII."""
    n = len(segments)
    digits = [False] * n
    starts = [seg.start for seg in segments]
    for m in THREE_DIGITS.finditer(text):  # every segment the three digits overlap
        k = max(bisect_right(starts, m.start()) - 1, 0)
        while k < n and segments[k].start < m.end():
            digits[k] = digits[k] or segments[k].end > m.start()
            k += 1
    return digits


def _digit_windows(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per span ``[starts[k], ends[k])`` (in order, not overlapping), whether three ASCII
    digits in a row of ``codes`` (``char_codes``) overlap it."""
    digit = (codes - np.uint8(48)) < 10
    return _window_flags(np.flatnonzero(digit[:-2] & digit[1:-1] & digit[2:]), starts, ends)


def _window_flags(at: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per span ``[starts[k], ends[k])`` (in order, not overlapping), whether one of the
    windows ``[p, p + 3)``, ``p`` in ``at`` (ascending), overlaps it."""
    marked = np.zeros(starts.size, dtype=bool)
    if at.size and starts.size:
        seg = np.searchsorted(starts, at + 3) - 1  # the last segment opening before
        while seg.size:  # walk back while the segments still reach into their windows
            seg, at = seg[seg >= 0], at[seg >= 0]
            reach = ends[seg] > at
            seg, at = seg[reach], at[reach]
            marked[seg] = True
            seg = seg - 1
    return marked


_WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")  # white space outside ASCII (as str.split sees it)


def char_codes(text: str) -> np.ndarray:
    """One byte per character of ``text``: ASCII as it stands, white space outside ASCII
    as a space, any other character outside ASCII as "?"."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    codes = np.frombuffer(text.encode("ascii", "replace"), dtype=np.uint8)
    spaces = [m.start() for m in _WIDE_SPACE.finditer(text)]
    if spaces:
        codes = codes.copy()
        codes[spaces] = 32
    return codes


def _triple(chars: str) -> int:
    """The code ``openings`` gives three characters (their ASCII codes with bit 5 set)."""
    return sum((ord(c) | 32) << (8 * j) for j, c in enumerate(chars))


_WHITE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "


def _first_three(padded: np.ndarray, at: np.ndarray) -> tuple[
        np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The three codes of ``padded`` from each position ``at``, and their ``_triple``."""
    first, second, third = (padded.take(at + j) for j in range(3))
    triple = ((first | 32).astype(np.uint32) | (second | 32).astype(np.uint32) << 8
              | (third | 32).astype(np.uint32) << 16)
    return first, second, third, triple


class Openers(NamedTuple):
    r"""The words a pattern anchored at the start of a unit may open with, after what its
    leading ``\W*`` skips: ``pairs`` and ``triples`` of their first characters (codes of
    ``_triple``), whether a digit may open one, and the ASCII marks it may skip (1) or
    not (0: e.g. "(", which opens "(c)")."""

    pairs: np.ndarray
    triples: np.ndarray
    digits: bool
    skip: np.ndarray


def _openers(pairs: tuple[str, ...], triples: tuple[str, ...], digits: bool,
             skip: str) -> Openers:
    skippable = np.zeros(256, dtype=np.int64)
    skippable[[ord(c) for c in skip]] = 1
    return Openers(np.array(sorted({_triple(w) for w in pairs}), dtype=np.uint32),
                   np.array(sorted({_triple(w) for w in triples}), dtype=np.uint32),
                   digits, skippable)


# ``furniture.DESK_OPENING``: "ed" or three characters of its words ("on" and any white space);
# a digit opens the end mark "-30-".
DESK_OPENERS = _openers(("ed",), (
    "not", "adv", "att", "onl", "con", "tel", "pho", "fax", "e-m", "ema", "web", "int", "mor",
    "end", *("on" + c for c in _WHITE)), True, "!\"$%&'()*+,-./:;<=>@[\\]^`{|}~")
# ``furniture._FURNITURE``: "ad" or three characters of its words ("by" and "we" and white space);
# "(" is not skipped, since "(c)" opens a copyright line.
FURNITURE_OPENERS = _openers(("ad",), (
    "adv", "spo", "pro", "fol", "sha", "sub", "lik", "joi", "con", "ema", "e-m", "pri", "com",
    "twe", "pin", "als", "rea", "see", "wat", "lis", "rel", "rec", "tre", "pop", "mos", "sig",
    "log", "cli", "dow", "ski", "bac", "mor", "top", "lat", "bre", "ima", "pho", "pic", "vid",
    "gra", "ill", "fil", "cop", "all", "edi", "wri", "rep", "pos", "cur", "fir", "pub", "upd",
    "las", "acc", "sta", "des", *("by" + c for c in _WHITE), *("we" + c for c in _WHITE)),
    True, "!\"$%&')*+,-./:;<=>@[\\]^`{|}~")  # "5 min read"
_ASCII_LETTER = np.zeros(256, dtype=bool)
_ASCII_LETTER[[ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = True
_ASCII_DIGIT = np.zeros(256, dtype=bool)
_ASCII_DIGIT[[ord(c) for c in "0123456789"]] = True
_WIDE_DASH = re.compile("[\u2014\u2013]")


def openings(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
             openers: Openers) -> np.ndarray:
    """Per unit ``[starts[k], ends[k])`` of ``codes`` (``char_codes``), whether a pattern
    anchored at its start (``furniture``'s ``DESK_OPENING``, ``_FURNITURE``) may match it.
    The pattern skips what is no word character, then needs one of its words: so after at
    most three marks it skips (``openers.skip``), a unit that opens with an ASCII letter
    must open with one of ``openers``' pairs or triples, read in either case; one that
    opens with a digit never matches unless ``openers.digits``. Any other unit, or one with
    "?" (which may stand for a character outside ASCII) among its first three, may match."""
    padded = np.concatenate([codes, np.zeros(_SKIPPED + 3, np.uint8)])
    at = starts.copy()
    for _ in range(_SKIPPED):  # skip the punctuation at the start
        at += openers.skip.take(padded.take(at))
    head, second, third, triple = _first_three(padded, at)
    pair = triple & np.uint32(0xFFFF)
    letter = _ASCII_LETTER.take(head) & (at + 2 < ends) & (second != 63) & (third != 63)
    other = ~letter if openers.digits else ~letter & ~_ASCII_DIGIT.take(head)
    may: np.ndarray = other | (
        letter & (np.isin(pair, openers.pairs) | np.isin(triple, openers.triples)))
    return may


_SKIPPED = 3

# ``furniture._STAMP_TOKEN``'s words (its digits, ",", "|" and "-" open with no letter): every first
# word of a unit it matches opens with the first three characters of one of them, with
# "." or "," after it and white space (or the unit's end) after that.
STAMP_WORDS = (
    "ist", "gmt", "utc", "bst", "cet", "et", "ct", "mt", "pt", "est", "edt", "cst", "cdt",
    "mst", "mdt", "pst", "pdt", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "am.", "pm.",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "updated",
    "published", "posted", "on", "at")
_STAMP_TRIPLES = np.array(sorted({_triple((w + end + space)[:3]) for w in STAMP_WORDS
                                  for end in ("", ".", ",", ".,") for space in _WHITE}),
                          dtype=np.uint32)


def stamp_openings(codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per unit, whether ``furniture._STAMP_TOKEN`` may match its first word: it opens
    with no ASCII letter, or "?" (which may stand for a character outside ASCII) is among
    its first three characters, or they open a word of ``STAMP_WORDS``. (What lies past
    the unit is read as white space: the line break between units, or 0 | 32.)"""
    padded = np.concatenate([codes, np.zeros(3, np.uint8)])
    first, second, third, triple = _first_three(padded, starts)
    may: np.ndarray = (~_ASCII_LETTER.take(first) | (second == 63) | (third == 63)
                       | np.isin(triple, _STAMP_TRIPLES))
    return may


def _phone_windows(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per unit, whether it may hold a telephone number of ``furniture._PHONE``: every form holds
    three ASCII digits followed by "-" or "." and a digit."""
    c = np.concatenate([codes, np.zeros(5, np.uint8)])
    digit = (c - np.uint8(48)) < 10
    run = digit[:-5] & digit[1:-4] & digit[2:-3]  # three digits from each position
    then = c[3:-2]
    phone = run & ((then == 45) | (then == 46)) & digit[4:-1]
    return _window_flags(np.flatnonzero(phone), starts, ends)


def dateline_marks(joined: str, codes: np.ndarray, starts: np.ndarray,
                   ends: np.ndarray) -> np.ndarray:
    """Per unit, whether a mark a dateline ends in (``dateline._MARK``) may lie within its
    reach of the unit's start: every match holds one of ":", "_", ")", a long dash, the
    first "-" of "--" or the "-" of " - "."""
    mark = (codes == 58) | (codes == 95) | (codes == 41)
    if codes.size > 2:
        dash = codes == 45
        mark[:-1] |= dash[:-1] & dash[1:]
        mark[1:-1] |= dash[1:-1] & (codes[:-2] == 32) & (codes[2:] == 32)
    if not joined.isascii():
        mark[[m.start() for m in _WIDE_DASH.finditer(joined)]] = True
    at = np.flatnonzero(mark)
    reach = np.minimum(ends, starts + _DATELINE_REACH)
    flags: np.ndarray = np.searchsorted(at, starts) < np.searchsorted(at, reach)
    return flags


def word_counts(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``len(text[s:e].split())`` for every span of ``codes`` (``char_codes``), at once: the
    words that begin in the span (after white space), and one more if the span opens
    inside a word."""
    space = codes == 32
    space |= (codes - np.uint8(9)) < 5  # \t \n \v \f \r
    space |= (codes - np.uint8(28)) < 4  # the four separators \x1c-\x1f
    opens = ~space
    opens[1:] &= space[:-1]
    begins = np.flatnonzero(opens)
    counts: np.ndarray = np.searchsorted(begins, ends) - np.searchsorted(begins, starts)
    inside = (starts > 0) & (starts < ends)
    at = starts[inside]
    counts[inside] += ~space.take(at) & ~space.take(at - 1)
    return counts


class Spans(NamedTuple):
    """The documents of a call joined by line breaks, and every unit's span in them."""

    joined: str
    starts: np.ndarray
    ends: np.ndarray
    bounds: list[int]  # the units of document d are bounds[d] to bounds[d + 1]


def spans(texts: Sequence[str], segments: Sequence[list[Segment]]) -> Spans:
    sizes = [len(segs) for segs in segments]
    n = sum(sizes)
    base = np.repeat(np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64), sizes)
    starts = base + np.fromiter((s.start for segs in segments for s in segs), np.int64, n)
    ends = base + np.fromiter((s.end for segs in segments for s in segs), np.int64, n)
    return Spans("\n".join(texts), starts, ends, np.cumsum([0, *sizes]).tolist())


class Hints(NamedTuple):
    """What ``hints`` found for each unit."""

    rules: list[frozenset[int]]  # the desk-note rules whose key words it holds
    links: np.ndarray  # whether it holds a link key
    phones: np.ndarray  # whether it may hold a telephone number
    credits: np.ndarray  # whether it may hold an image credit


def hints(texts: Sequence[str], segments: Sequence[list[Segment]], spans: Spans,
          codes: np.ndarray) -> Hints:
    """Per unit, the key words and shapes the rules need (``key_hits``,
    ``_phone_windows``). A document whose lower case changes its length (an "İ") gets
    every rule, link and credit, one with "ı" or "ſ" every credit, one with digits
    outside ASCII the units three digits in a row overlap."""
    joined, starts, ends, bounds = spans
    lower = joined.lower()
    lowers = [t.lower() for t in texts] if len(lower) != len(joined) else []
    if lowers:
        lower = "\n".join(w if len(w) == len(t) else " " * len(t)
                          for w, t in zip(lowers, texts, strict=True))
    rules, links, credits = key_hits(lower, starts, ends)
    phones = _phone_windows(codes, starts, ends)
    ascii_call = joined.isascii()
    for d, t in enumerate(texts):
        lo, hi = bounds[d], bounds[d + 1]
        if lowers and len(lowers[d]) != len(t):
            rules[lo:hi] = [ALL_RULES] * (hi - lo)
            links[lo:hi] = True
            credits[lo:hi] = True
        if not ascii_call and ODD_CASE.search(t):
            credits[lo:hi] = True
        if _wide_digits(t):
            phones[lo:hi] = _digit_runs_by_regex(t, segments[d])
    return Hints(rules, links, phones, credits)
