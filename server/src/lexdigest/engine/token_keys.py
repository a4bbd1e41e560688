"""Token keys: each token of the kept units as an integer key, and each key's stem.

A token of up to 7 ASCII characters is its bytes packed into an integer, one of 8 to 15 a
checked hash of its bytes (a 62-bit hash in a 64-bit key), any other token a number in a
dictionary (see ``_PACKED_CHARS``). ``token_ids`` finds the units' tokens (one array pass
over the ASCII documents, ``Analyzer.tokens_in`` for the rest) and numbers their keys in
order of first appearance; ``lookup`` gives each distinct key its stem and stop-word flag
through the analyzer of its language, spelling a word out only when the analyzer has not
kept it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import text
from ._sorting import first_seen_ids, sort_order
from .clean import Unit
from .scripts import count_words
from .text import Analyzer

# Keys of tokens: a token of at most ``_PACKED_CHARS`` ASCII characters is its bytes read
# as one little-endian integer, with its analyzer's slot in the top byte when the call has
# more than one analyzer (ASCII bytes are never 0, so no two tokens share a key); a token of
# 8 to ``_HASHED_CHARS`` ASCII characters gets a checked hash key (below); other tokens are
# numbered in a dictionary and get negative keys.
_PACKED_CHARS = 7
_MAX_SLOTS = 127
_SEVEN_BYTES = (1 << 56) - 1
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(_PACKED_CHARS + 1)], dtype=np.uint64)
# A token of 8 to ``_HASHED_CHARS`` ASCII characters found by the array pass is its bytes as
# two integers (the second with its slot in the top byte), and its key is a hash of the two
# below ``_HASHED_BELOW`` (no other key is that low). Keys are checked against the integers:
# two different tokens with one key (never seen; the hash mixes 128 bits into 62) send the
# call down the dictionary path, so a key always stands for one word.
_HASHED_CHARS = 15
_HASHED_BELOW = -(1 << 62)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(31))


def token_ids(units: list[Unit], fields: list[np.ndarray], per_doc: list[Analyzer],
              distinct: list[Analyzer], lowered: list[str], bodies: list[str],
              hashed: bool = True) -> tuple[
                  np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[list[str]], Hashed]:
    """Token ids of the units (flat, unit after unit), tokens and words per unit, the key of
    each id (see ``_PACKED_CHARS``), the words of each analyzer slot that are numbered, and
    the words of the hashed keys: ids are numbered in order of first appearance, a word of
    each analyzer (language) being a word of its own. One word may have two ids (a hashed
    and a numbered key), never one id two words; ``represent.vectorize`` counts terms by
    stem, so nothing it gives depends on which.

    Documents whose words are ASCII (``text.word_bytes``: quotation marks, dashes and other
    signs may be anything) are tokenized together, in one pass of array operations over
    their text (``text.ascii_token_spans``), and their tokens are given to units by offset
    (``np.searchsorted``). A unit whose span cuts a token (it starts or ends inside a
    word), and every unit of a document with other word characters, is tokenized on its own
    by ``Analyzer.tokens_in``, so every unit gets exactly the tokens ``tokens_in`` finds.
    ``fields`` are the units' first four fields as columns (``doc`` ... ``end``, int64).
    """
    n = len(units)
    slot = {id(a): k for k, a in enumerate(distinct)}
    doc_slot = np.asarray([slot[id(a)] for a in per_doc], dtype=np.int64)
    doc = fields[0]
    coded = {d: text.word_bytes(lowered[d]) for d in sorted(set(doc.tolist()))}
    fast_docs = [d for d, b in coded.items() if b is not None]
    if not fast_docs or len(distinct) > _MAX_SLOTS:
        return _token_ids_by_unit(units, per_doc, slot, lowered, bodies)
    # "\n" ends every token and word; the NULs let ``_packed_keys`` read 8 bytes anywhere.
    joined = "\n".join(lowered[d] for d in fast_docs) + "\0" * 8
    raw = b"\n".join(coded[d] or b"" for d in fast_docs) + b"\0" * 8
    codes, classes = np.frombuffer(raw, dtype=np.uint8), text.ascii_classes(raw)
    offsets = np.cumsum([0] + [len(lowered[d]) + 1 for d in fast_docs[:-1]], dtype=np.int64)
    base = np.full(len(lowered), -1, dtype=np.int64)
    base[fast_docs] = offsets
    rows = np.flatnonzero(base[doc] >= 0)
    us = fields[2][rows] + base[doc[rows]]
    ue = fields[3][rows] + base[doc[rows]]
    ts, te = text.ascii_token_spans(classes)
    words = np.zeros(n, dtype=np.int32)
    words[rows] = text.ascii_word_counts(classes, us, ue)
    lo = np.zeros(n, dtype=np.int64)
    hi = np.zeros(n, dtype=np.int64)
    lo[rows] = np.searchsorted(ts, us)
    hi[rows] = np.maximum(np.searchsorted(te, ue, side="right"), lo[rows])
    cut = np.zeros(len(rows), dtype=bool)  # the unit starts or ends inside a token
    before, after = np.flatnonzero(lo[rows] > 0), np.flatnonzero(hi[rows] < len(ts))
    cut[before] = te[lo[rows[before]] - 1] > us[before]
    cut[after] |= ts[hi[rows[after]]] < ue[after]
    # Words without a packed key, numbered per analyzer slot: key ``-1 - (j * width + k)``
    # for the ``j``-th word of slot ``k``.
    others: list[dict[str, int]] = [{} for _ in distinct]
    width = max(len(distinct), 1)
    if len(distinct) == 1:  # one analyzer: every token is of slot 0
        token_slot = np.zeros(len(ts), dtype=np.int64)
    else:
        token_slot = doc_slot[fast_docs][np.searchsorted(offsets, ts, side="right") - 1]
    keys, spelled = _packed_keys(codes, ts, te, token_slot, joined, others, width, hashed)
    if spelled is None:  # two tokens share a hashed key: number them instead
        return token_ids(units, fields, per_doc, distinct, lowered, bodies, hashed=False)
    slow = np.flatnonzero(base[doc] < 0).tolist()
    words[slow] = [count_words(bodies[i]) for i in slow]
    alone_keys: list[int] = []
    memos: list[dict[str, int]] = [{} for _ in distinct]  # key of each word seen alone
    for i in sorted(slow + rows[cut].tolist()):
        u = units[i]
        a = per_doc[u.doc]
        k = slot[id(a)]
        tokens = a.tokens_in(lowered[u.doc], u.start, u.end)
        lo[i] = len(ts) + len(alone_keys)
        hi[i] = lo[i] + len(tokens)
        memo = memos[k]
        alone_keys.extend([memo[w] if w in memo else _key_of(w, k, others[k], width, memo)
                           for w in tokens])
    keys = np.concatenate([keys, np.asarray(alone_keys, dtype=np.int64)])
    lengths = hi - lo
    flat_at = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(lengths) - lengths - lo, lengths)
    ids, distinct_keys = first_seen_ids(keys[flat_at])
    return ids, lengths, words, distinct_keys, [list(words_of) for words_of in others], spelled


def _token_ids_by_unit(units: list[Unit], per_doc: list[Analyzer], slot: dict[int, int],
                       lowered: list[str], bodies: list[str]) -> tuple[
                           np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[list[str]],
                           Hashed]:
    """``token_ids`` with every unit tokenized on its own (no document for the array pass:
    dictionaries number the words of each slot as they come, every key a numbered one)."""
    ids: list[int] = []
    lengths = np.zeros(len(units), dtype=np.int64)
    words = np.fromiter((count_words(b) for b in bodies), dtype=np.int32, count=len(bodies))
    width = max(len(slot), 1)
    if len(slot) == 1:  # one language: a word is its own key
        seen: dict[str, int] = {}
        for i, u in enumerate(units):
            tokens = per_doc[u.doc].tokens_in(lowered[u.doc], u.start, u.end)
            lengths[i] = len(tokens)
            ids.extend([seen.setdefault(w, len(seen)) for w in tokens])
        return (np.asarray(ids, dtype=np.int64), lengths, words,
                -1 - np.arange(len(seen), dtype=np.int64), [list(seen)], _NONE_HASHED)
    local: dict[tuple[int, str], int] = {}
    for i, u in enumerate(units):
        a = per_doc[u.doc]
        k = slot[id(a)]
        tokens = a.tokens_in(lowered[u.doc], u.start, u.end)
        lengths[i] = len(tokens)
        ids.extend([local.setdefault((k, w), len(local)) for w in tokens])
    numbered: list[list[str]] = [[] for _ in range(width)]
    keys = np.empty(len(local), dtype=np.int64)
    for j, (k, w) in enumerate(local):
        keys[j] = -1 - k - width * len(numbered[k])
        numbered[k].append(w)
    return np.asarray(ids, dtype=np.int64), lengths, words, keys, numbered, _NONE_HASHED


def _key_of(word: str, k: int, known: dict[str, int], width: int, memo: dict[str, int]) -> int:
    """The key of ``word`` of analyzer slot ``k`` (as ``_packed_keys`` gives it), remembered
    in ``memo``."""
    if len(word) <= _PACKED_CHARS and word.isascii():
        key = int.from_bytes(word.encode(), "little") | k << 56
    else:
        key = -1 - k - width * known.setdefault(word, len(known))
    memo[word] = key
    return key


@dataclass(frozen=True, slots=True)
class Hashed:
    """The distinct hashed keys of a call, sorted, with the two integers of each word."""

    keys: np.ndarray
    first: np.ndarray  # bytes 1-8
    rest: np.ndarray  # bytes 9-15, the slot + 1 in the top byte

    def words(self, keys: np.ndarray) -> tuple[np.ndarray, list[bytes]]:
        """Slot and bytes of the words of ``keys`` (hashed keys of this call)."""
        order = np.argsort(keys)  # sorted queries: a binary search per key misses less
        at = np.empty(len(keys), dtype=np.int64)
        at[order] = np.searchsorted(self.keys, keys.take(order))
        rest = self.rest.take(at)
        pairs = np.stack([self.first.take(at), rest & np.uint64(_SEVEN_BYTES)], axis=1)
        slots = (rest >> np.uint64(56)).astype(np.int64) - 1
        # The integers were read little-endian (``_packed_keys``): their bytes are spelled
        # back in that order, whatever the machine's own.
        spelled = np.ascontiguousarray(pairs, dtype="<u8").view("S16").ravel()
        return slots, spelled.tolist()


_NONE_HASHED = Hashed(np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.uint64))


def _packed_keys(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, slots: np.ndarray,
                 joined: str, others: list[dict[str, int]], width: int,
                 hashed: bool) -> tuple[np.ndarray, Hashed | None]:
    """Keys of the tokens ``joined[starts[j]:ends[j]]`` (see ``_PACKED_CHARS`` and
    ``_HASHED_CHARS``) and the words of the hashed ones (``None`` when two tokens share a
    key); ``codes`` holds 8 bytes more than any token reaches."""
    size = ends - starts
    eight = as_strided(codes, shape=(max(len(codes) - 7, 0), 8), strides=(1, 1)).view("<u8")
    first = eight[starts, 0]
    packed = first & _LOW_BYTES[np.minimum(size, _PACKED_CHARS)]
    if len(others) > 1:  # the slot in the top byte (slot 0 when there is one analyzer)
        packed |= slots.astype(np.uint64) << np.uint64(56)
    keys: np.ndarray = packed.view(np.int64)
    spelled = _NONE_HASHED
    if hashed:
        mid = np.flatnonzero((size > _PACKED_CHARS) & (size <= _HASHED_CHARS))
        spelled_or_none = _hash_keys(keys, mid, first.take(mid), eight[starts.take(mid) + 8, 0]
                                     & _LOW_BYTES[size.take(mid) - 8], slots.take(mid))
        if spelled_or_none is None:
            return keys, None
        spelled = spelled_or_none
        rest = np.flatnonzero(size > _HASHED_CHARS)
    else:
        rest = np.flatnonzero(size > _PACKED_CHARS)
    for k, known in enumerate(others):
        mine = rest[slots[rest] == k] if len(others) > 1 else rest
        keys[mine] = [-1 - k - width * known.setdefault(joined[a:b], len(known))
                      for a, b in zip(starts[mine].tolist(), ends[mine].tolist(), strict=True)]
    return keys, spelled


def _hash_keys(keys: np.ndarray, at: np.ndarray, first: np.ndarray, rest: np.ndarray,
               slots: np.ndarray) -> Hashed | None:
    """Set ``keys[at]`` to the hashed keys of the words with bytes ``first``, ``rest`` and
    slots ``slots``; their distinct keys and words, or ``None`` if two words share a key."""
    rest = rest | ((slots.astype(np.uint64) + np.uint64(1)) << np.uint64(56))
    h = first * _MIX[0]
    h ^= rest * _MIX[1]
    h ^= h >> _MIX[2]
    h *= _MIX[0]
    mine = ((h >> np.uint64(2)) | np.uint64(1 << 63)).view(np.int64)  # below _HASHED_BELOW
    keys[at] = mine
    order, ordered = sort_order(mine)
    first, rest = first.take(order), rest.take(order)
    same = ordered[1:] == ordered[:-1]
    if bool(np.any(same & ((first[1:] != first[:-1]) | (rest[1:] != rest[:-1])))):
        return None
    fresh = np.flatnonzero(~same) + 1
    starts = np.concatenate([[0], fresh]) if ordered.size else fresh[:0]
    distinct = starts.take(np.argsort(ordered.take(starts)))  # sorted, for searchsorted
    return Hashed(ordered.take(distinct), first.take(distinct), rest.take(distinct))


def lookup(distinct: list[Analyzer], keys: np.ndarray, numbered: list[list[str]],
           hashed: Hashed) -> tuple[list[str], np.ndarray]:
    """Stem and stop-word flag of each distinct key, by the analyzer of its slot: a packed or
    hashed key through ``Analyzer.lookup_keyed`` (the word is spelled out only when the
    analyzer has not kept it), a numbered one through ``Analyzer.lookup``."""
    width = max(len(distinct), 1)
    stems = np.empty(len(keys), dtype=object)
    flags = np.zeros(len(keys), dtype=bool)
    packed, numbers = keys >= 0, (keys < 0) & (keys >= _HASHED_BELOW)
    slots = np.where(packed, keys >> 56, ~keys % width)
    long_at = np.flatnonzero(keys < _HASHED_BELOW)
    long_slots, long_words = hashed.words(keys.take(long_at))
    for k, a in enumerate(distinct):
        mine = slots == k if len(distinct) > 1 else np.ones(len(keys), dtype=bool)
        short, other = np.flatnonzero(mine & packed), np.flatnonzero(mine & numbers)
        if short.size:
            stems[short], flags[short] = a.lookup_keyed((keys[short] & _SEVEN_BYTES).tolist(),
                                                        _spell)
        if other.size:
            known = numbered[k]
            stems[other], flags[other] = a.lookup([known[j] for j in
                                                   (~keys[other] // width).tolist()])
        of_k = np.flatnonzero(long_slots == k)
        if of_k.size:
            stems[long_at.take(of_k)], flags[long_at.take(of_k)] = a.lookup_keyed(
                [long_words[j] for j in of_k.tolist()] if len(distinct) > 1 else long_words,
                _spell_bytes)
    return stems.tolist(), flags


def _spell_bytes(words: list[bytes]) -> list[str]:
    """The words of ``Hashed.words``."""
    return [w.decode() for w in words]


def _spell(keys: list[int]) -> list[str]:
    """The words of packed keys without their slot (the bytes of each, up to 7)."""
    return [b.decode() for b in np.asarray(keys, dtype="<i8").view("S8").tolist()]

