"""Where the key words of the furniture rules stand, for all units of a call in one pass.

A desk-note rule of ``furniture`` is tried on a unit only when the unit holds one of the
rule's key words, and the link and image-credit rules likewise. ``key_positions`` finds
every key word in the lower-cased text of a call at once; ``key_hits`` says which rules'
key words lie wholly inside each unit, as a substring test on the unit alone would.
"""

from __future__ import annotations

import math
import re

import numpy as np

from ._find import find_all
from .furniture import DESK_NOTES, LINK_KEYS

_NO_RULES: frozenset[int] = frozenset()

# Key words found all at once in ASCII text. Each key of three characters or more is
# looked for by a gram of four (or three) of its characters that opens with a character
# rare in English, so a position is a candidate only where one of a dozen rare characters
# stands (a few comparisons of bytes); the candidates' grams are read as integers (a
# gather of bytes per place), looked up in a small hash table (four characters) or compared
# (three), and a candidate whose gram is a key's is checked with ``startswith``. Keys of
# one or two characters are found with ``str.find``. The same positions as one ``find``
# loop per key.
# Every match of ``furniture._CREDIT`` holds one of these words (in lower case, but for "ı"
# and "ſ", which IGNORECASE matches as "i" and "s").
_CREDIT_KEYS = ("shutterstock", "photo", "image")
ODD_CASE = re.compile("[ıſ]")
ALL_KEYS = tuple(dict.fromkeys([w for words, _ in DESK_NOTES for w in words]
                               + list(LINK_KEYS) + list(_CREDIT_KEYS)))
_GRAM = 4
# Shares of the letters in English text (per cent of characters, a space about 18,
# anything else 0.5), taken as independent.
_CHAR_SHARE = dict(zip(" etaoinshrdlcumwfgypbvkjxqz", (
    18, 10.4, 7.5, 6.7, 6.1, 5.7, 5.5, 5.2, 5.0, 4.9, 3.5, 3.3, 2.3, 2.3, 2.0, 2.0, 1.8, 1.6,
    1.6, 1.6, 1.2, 0.8, 0.6, 0.1, 0.1, 0.1, 0.1), strict=True))


def _rarest_gram(key: str, width: int = _GRAM) -> int:
    """Offset of the ``width`` characters of ``key`` that open with its least likely
    character (the least likely characters together, among those)."""
    def likelihood(o: int) -> tuple[float, float]:
        gram = key[o : o + width]
        return _CHAR_SHARE.get(gram[0], 0.5), math.prod(_CHAR_SHARE.get(c, 0.5) for c in gram)

    return min(range(len(key) - width + 1), key=likelihood)


def _grams(width: int) -> dict[int, tuple[tuple[str, int], ...]]:
    """The ASCII keys of at least ``width`` characters by the code of their gram (its
    bytes, little-endian): code -> (key, offset of the gram in it), ..."""
    held: dict[int, tuple[tuple[str, int], ...]] = {}
    for key in ALL_KEYS:
        if key.isascii() and (len(key) >= width if width == _GRAM else len(key) == width):
            at = _rarest_gram(key, width)
            code = int.from_bytes(key[at : at + width].encode("ascii"), "little")
            held[code] = (*held.get(code, ()), (key, at))
    return held


_BY_GRAM = _grams(_GRAM)
_BY_TRIPLE = _grams(_GRAM - 1)
# 1 for the bytes a gram opens with (a ``bytes.translate`` table: one pass, no temporaries)
_OPENER_TABLE = bytes(int(b in {c & 255 for c in (*_BY_GRAM, *_BY_TRIPLE)}) for b in range(256))
_HASH_BITS = 12
_HASH = 0x9E3779B1  # Knuth's multiplicative hash: 2**32 over the golden ratio
_GRAM_CODES = np.array(sorted(_BY_GRAM), dtype=np.uint32)
_GRAM_SLOTS = np.zeros(1 << _HASH_BITS, dtype=bool)  # the slots some gram hashes to
_GRAM_SLOTS[[((c * _HASH) & 0xFFFFFFFF) >> (32 - _HASH_BITS) for c in _BY_GRAM]] = True
_FOUND_BY_FIND = tuple(k for k in ALL_KEYS if len(k) < _GRAM - 1 or not k.isascii())


def _codes_at(b: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The four bytes of ``b`` from each position ``at`` as one little-endian integer,
    gathered byte by byte (a gather through a strided view of four bytes is slower);
    ``b`` holds ``_GRAM`` bytes past every position."""
    code = b.take(at).astype(np.uint32)
    for j in range(1, _GRAM):
        code |= b.take(at + j).astype(np.uint32) << np.uint32(8 * j)
    return code


def key_positions(lower: str) -> dict[str, list[int]]:
    """Where each key word starts in the lower-cased text ``lower``. (Characters outside
    ASCII are read as "?", which no ASCII key word holds.)"""
    at: dict[str, list[int]] = {k: [] for k in ALL_KEYS}
    for k in _FOUND_BY_FIND:
        at[k] = find_all(lower, (k,))
    raw = lower.encode("ascii", "replace")
    n = len(raw) - (_GRAM - 1) + 1  # positions a gram of three characters may open at
    if n <= 0:
        return at
    opens = np.frombuffer(raw[:n].translate(_OPENER_TABLE), dtype=bool)
    candidates = np.flatnonzero(opens)
    # Four bytes from each candidate: its gram, or three and one more.
    b = np.frombuffer(raw + b"\0" * _GRAM, dtype=np.uint8)
    code = _codes_at(b, candidates)
    slot = code * np.uint32(_HASH)
    slot >>= np.uint32(32 - _HASH_BITS)
    four = _GRAM_SLOTS.take(slot)
    four[four] = np.isin(code[four], _GRAM_CODES)  # the few that hash like a gram
    for i, g in zip(candidates[four].tolist(), code[four].tolist(), strict=True):
        for key, offset in _BY_GRAM[g]:
            if i >= offset and lower.startswith(key, i - offset):
                at[key].append(i - offset)
    code &= np.uint32(0xFFFFFF)
    for g, held in _BY_TRIPLE.items():
        for i in candidates[code == g].tolist():
            for key, _ in held:  # a key of three characters is its own gram
                at[key].append(i)
    return at


_LINK_RULE = len(DESK_NOTES)  # the "rule" numbers of link and credit keys in ``key_hits``
_CREDIT_RULE = _LINK_RULE + 1


def key_hits(lower: str, starts: np.ndarray, ends: np.ndarray) -> tuple[
        list[frozenset[int]], np.ndarray, np.ndarray]:
    """Per span of the lower-cased text ``lower``, the desk-note rules one of whose key
    words it holds, whether it holds a link key and whether a credit key (found by
    ``key_positions``: one pass for all key words). A key counts only when it lies wholly
    inside the span, as the substring test on the unit alone has it."""
    at = key_positions(lower)
    where: list[int] = []
    rule: list[int] = []
    size: list[int] = []
    for r, (words, _) in enumerate(DESK_NOTES):
        for w in words:
            where += at[w]
            rule += [r] * len(at[w])
            size += [len(w)] * len(at[w])
    for keys, r in ((LINK_KEYS, _LINK_RULE), (_CREDIT_KEYS, _CREDIT_RULE)):
        for w in keys:
            where += at[w]
            rule += [r] * len(at[w])
            size += [len(w)] * len(at[w])
    n = starts.size
    rules = [_NO_RULES] * n
    links = np.zeros(n, dtype=bool)
    credits = np.zeros(n, dtype=bool)
    if not where or not n:
        return rules, links, credits
    pos = np.array(where, dtype=np.int64)
    seg = np.searchsorted(starts, pos, side="right") - 1
    inside = (seg >= 0) & (pos + np.array(size) <= ends[np.maximum(seg, 0)])
    found: dict[int, set[int]] = {}
    for k, r in zip(seg[inside].tolist(), np.array(rule)[inside].tolist(), strict=True):
        if r == _LINK_RULE:
            links[k] = True
        elif r == _CREDIT_RULE:
            credits[k] = True
        else:
            found.setdefault(k, set()).add(r)
    for k, held in found.items():
        rules[k] = frozenset(held)
    return rules, links, credits
