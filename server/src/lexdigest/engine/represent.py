"""Sentence vectors and near-duplicate candidates.

Each kept unit becomes a TF-IDF vector (sublinear term frequency, smoothed inverse sentence
frequency over the cluster, L2-normalised), so a dot product is a cosine similarity. The
pairwise similarity matrix is computed once, sparse, and shared by duplicate merging, ranking,
selection and citation.

Near-duplicates (one wire story carried by several outlets, a lede repeated inside one
article) collapse into one *candidate* that remembers every copy; the number of distinct
documents that carry it is its multiplicity, which ranking counts as agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import text
from ._scipy import sparse as sp
from .clean import Unit
from .scripts import count_words
from .text import Analyzer

DUPLICATE_SIMILARITY = 0.85
# Pairs below this cosine are dropped from the similarity graph: they carry almost no
# centrality signal and would make large clusters dense.
MIN_EDGE_SIMILARITY = 0.05
LARGE_CLUSTER = 2000
COMMON_TERM_SHARE = 0.05
BLOCK_ROWS = 1024
# Above this many sentences the graph keeps each sentence's NEIGHBOURS most similar ones
# (see ``similarity``): the exact graph holds a fixed share of all pairs, so it grows as n².
SCALED_ROWS = 8000
NEIGHBOURS = 50
# In the scaled graph a term is common in more than this many sentences: the exact graph's
# share at the switch, kept as a count so the product's cost stops growing with n².
COMMON_TERM_ROWS = int(COMMON_TERM_SHARE * SCALED_ROWS)
# A cluster whose exact product would cost more than this many multiplications per row takes
# the scaled graph at any size. News needs far fewer (measured on the benchmark clusters:
# 135 per row for a median DUC 2004 cluster, 330 at most; 190 at 800 sentences, 730 at
# 8,000); a page of near-identical lines, every pair sharing the same few words, needs
# thousands, and its exact graph would hold every pair.
DENSE_PRODUCTS_PER_ROW = 2000


@dataclass(slots=True)
class Vectors:
    """TF-IDF vectors and concepts of the kept units (rows follow ``units``)."""

    units: list[Unit]
    texts: list[str]
    matrix: sp.csr_matrix  # n x V, rows L2-normalised (empty rows stay zero)
    vocabulary: dict[str, int]
    idf: np.ndarray
    words: np.ndarray  # word count of each unit (``scripts.count_words``)
    concepts: sp.csr_matrix  # n x K, 1 where the unit contains the concept


@dataclass(slots=True)
class Candidates:
    """Distinct sentences after near-duplicate merging.

    ``rep[c]`` is the row (in ``Vectors``) standing for candidate ``c``; ``members[c]`` lists
    every row merged into it, representative first; ``docs[c]`` the distinct documents.
    """

    rep: np.ndarray
    members: list[list[int]]
    docs: list[tuple[int, ...]]
    of_row: np.ndarray  # candidate index of every row


def vectorize(texts: list[str], units: list[Unit],
              analyzer: Analyzer | Sequence[Analyzer]) -> Vectors:
    """TF-IDF vectors and concept incidence of ``units`` (all kept, non-boilerplate).

    ``analyzer`` is one for every document or one per document (documents in different
    languages); a word is stemmed by the analyzer of its document, and stems of every
    language share one vocabulary (names and numbers match across languages).
    Tokens are found in one pass per document (``_token_ids``) and each distinct word of
    the cluster is stemmed once; everything per token after that is array arithmetic.
    """
    n = len(units)
    per_doc = [analyzer] * len(texts) if isinstance(analyzer, Analyzer) else list(analyzer)
    distinct = list({id(a): a for a in per_doc}.values())
    bodies = [texts[u.doc][u.start : u.end] for u in units]
    lowered = [a.normalize(t) for a, t in zip(per_doc, texts, strict=True)]
    tok, lengths, words, keys, numbered, hashed = _token_ids(units, per_doc, distinct, lowered,
                                                             bodies)
    stems, flag_of = _lookup(distinct, keys, numbered, hashed)
    # Terms numbered in order of first appearance (``dict.fromkeys`` keeps it).
    vocabulary = dict(zip(dict.fromkeys(stems), range(len(stems)), strict=False))
    stem_of = np.fromiter(map(vocabulary.__getitem__, stems), dtype=np.int64, count=len(stems))
    row = np.repeat(np.arange(n, dtype=np.int64), lengths)
    stem = stem_of[tok] if tok.size else tok
    flagged = flag_of[tok] if tok.size else np.zeros(0, dtype=bool)
    v = len(vocabulary)

    # Term counts per (row, term) by one sort of combined keys; the CSR arrays follow.
    width = max(v, 1)
    content = np.flatnonzero(~flagged)
    keys, counts = _distinct_counts(row.take(content) * width + stem.take(content))
    r, col = np.divmod(keys, width)
    df = np.bincount(col, minlength=v).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    data = (1.0 + np.log(counts)) * idf[col]
    norms = np.sqrt(np.bincount(r, weights=data * data, minlength=n))
    norms[norms == 0] = 1.0
    data /= norms[r]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
    matrix = sp.csr_matrix((data, col, indptr), shape=(n, v))
    return Vectors(units, bodies, matrix, vocabulary, idf, words,
                   _concepts(row, stem, flagged, n, v))


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


def _token_ids(units: list[Unit], per_doc: list[Analyzer], distinct: list[Analyzer],
               lowered: list[str], bodies: list[str], hashed: bool = True) -> tuple[
                   np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[list[str]], _Hashed]:
    """Token ids of the units (flat, unit after unit), tokens and words per unit, the key of
    each id (see ``_PACKED_CHARS``), the words of each analyzer slot that are numbered, and
    the words of the hashed keys: ids are numbered in order of first appearance, a word of
    each analyzer (language) being a word of its own. One word may have two ids (a hashed
    and a numbered key), never one id two words; ``vectorize`` counts terms by stem, so
    nothing it gives depends on which.

    Documents whose words are ASCII (``text.word_bytes``: quotation marks, dashes and other
    signs may be anything) are tokenized together, in one pass of array operations over
    their text (``text.ascii_token_spans``), and their tokens are given to units by offset
    (``np.searchsorted``). A unit whose span cuts a token (it starts or ends inside a
    word), and every unit of a document with other word characters, is tokenized on its own
    by ``Analyzer.tokens_in``, so every unit gets exactly the tokens ``tokens_in`` finds.
    """
    n = len(units)
    slot = {id(a): k for k, a in enumerate(distinct)}
    doc_slot = np.asarray([slot[id(a)] for a in per_doc], dtype=np.int64)
    # Units are named tuples: one transposition gives their fields as columns.
    fields = [np.fromiter(f, dtype=np.int64, count=n) for f in [*zip(*units, strict=True)][:4]] \
        if n else [np.zeros(0, dtype=np.int64)] * 4
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
        return _token_ids(units, per_doc, distinct, lowered, bodies, hashed=False)
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
    ids, distinct_keys = _first_seen_ids(keys[flat_at])
    return ids, lengths, words, distinct_keys, [list(words_of) for words_of in others], spelled


def _token_ids_by_unit(units: list[Unit], per_doc: list[Analyzer], slot: dict[int, int],
                       lowered: list[str], bodies: list[str]) -> tuple[
                           np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[list[str]],
                           _Hashed]:
    """``_token_ids`` with every unit tokenized on its own (no document for the array pass:
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
class _Hashed:
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


_NONE_HASHED = _Hashed(np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.uint64))


def _packed_keys(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, slots: np.ndarray,
                 joined: str, others: list[dict[str, int]], width: int,
                 hashed: bool) -> tuple[np.ndarray, _Hashed | None]:
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
               slots: np.ndarray) -> _Hashed | None:
    """Set ``keys[at]`` to the hashed keys of the words with bytes ``first``, ``rest`` and
    slots ``slots``; their distinct keys and words, or ``None`` if two words share a key."""
    rest = rest | ((slots.astype(np.uint64) + np.uint64(1)) << np.uint64(56))
    h = first * _MIX[0]
    h ^= rest * _MIX[1]
    h ^= h >> _MIX[2]
    h *= _MIX[0]
    mine = ((h >> np.uint64(2)) | np.uint64(1 << 63)).view(np.int64)  # below _HASHED_BELOW
    keys[at] = mine
    order, ordered = _sort_order(mine)
    first, rest = first.take(order), rest.take(order)
    same = ordered[1:] == ordered[:-1]
    if bool(np.any(same & ((first[1:] != first[:-1]) | (rest[1:] != rest[:-1])))):
        return None
    fresh = np.flatnonzero(~same) + 1
    starts = np.concatenate([[0], fresh]) if ordered.size else fresh[:0]
    distinct = starts.take(np.argsort(ordered.take(starts)))  # sorted, for searchsorted
    return _Hashed(ordered.take(distinct), first.take(distinct), rest.take(distinct))


def _first_seen_ids(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids of ``keys`` numbered in order of first appearance, and the distinct keys in that
    order (one sort)."""
    if not len(keys):
        return keys, keys
    perm, ordered = _sort_order(keys)
    fresh = np.empty(len(keys), dtype=bool)
    fresh[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    first = perm.take(starts)  # positions ascend within a run of equal keys
    order = np.argsort(first)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    ids = np.empty(len(keys), dtype=np.int64)
    ids[perm] = rank.take(np.cumsum(fresh) - 1)
    return ids, ordered.take(starts.take(order))


# ``_sort_order`` sorts a hash of each key with its position in the low bits: numpy's sort of
# plain integers is vectorized, its argsort is not (~13x slower at 200k keys here).
_ORDER_MIX = np.uint64(0x9E3779B97F4A7C15)


def _sort_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A permutation of ``keys`` (int64) that puts equal keys together, each run in order of
    position (the runs in no particular order), and the keys in that order. Keys are grouped
    by a hash; if two keys ever share one (checked), by ``np.argsort(kind="stable")``."""
    bits = max(int(len(keys) - 1).bit_length(), 1)
    if bits > 40:
        perm = np.argsort(keys, kind="stable")
        return perm, keys.take(perm)
    hashed = keys.view(np.uint64) * _ORDER_MIX  # a bijection of 64-bit integers
    hashed &= np.uint64(~((1 << bits) - 1) & ((1 << 64) - 1))
    hashed |= np.arange(len(keys), dtype=np.uint64)
    hashed.sort()
    perm = (hashed & np.uint64((1 << bits) - 1)).view(np.int64)
    hashed >>= np.uint64(bits)
    ordered = keys.take(perm)
    if bool(np.any((hashed[1:] == hashed[:-1]) != (ordered[1:] == ordered[:-1]))):
        perm = np.argsort(keys, kind="stable")  # two keys share a hash
        return perm, keys.take(perm)
    return perm, ordered


def _lookup(distinct: list[Analyzer], keys: np.ndarray, numbered: list[list[str]],
            hashed: _Hashed) -> tuple[list[str], np.ndarray]:
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
    """The words of ``_Hashed.words``."""
    return [w.decode() for w in words]


def _spell(keys: list[int]) -> list[str]:
    """The words of packed keys without their slot (the bytes of each, up to 7)."""
    return [b.decode() for b in np.asarray(keys, dtype="<i8").view("S8").tolist()]


def _distinct_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` by one sort, with no boolean mask (applying a
    mask of mixed density costs several times a sort's share per entry here)."""
    ordered = np.sort(keys)
    if not ordered.size:
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    bounds = np.concatenate([[0], starts, [ordered.size]])
    return ordered.take(bounds[:-1]), np.diff(bounds)


def _concepts(row: np.ndarray, stem: np.ndarray, flagged: np.ndarray, n: int,
              v: int) -> sp.csr_matrix:
    """Which *concepts* each unit contains: a 0/1 matrix of units x concepts.

    Concepts are adjacent word pairs after stemming, stop words kept inside a pair but pairs
    of two stop words dropped ("of the" says nothing, "rate of" or "the ruling" does). They
    are the units of information a digest should cover (as in concept-based summarization,
    Gillick & Favre 2009), and the same units ROUGE-2 counts. Columns follow the pairs'
    sorted keys; each row's columns are sorted and distinct.
    """
    if row.size < 2:
        return sp.csr_matrix((n, 0))
    at = np.flatnonzero((row[:-1] == row[1:]) & ~(flagged[:-1] & flagged[1:]))
    keys = stem.take(at) * max(v, 1) + stem.take(at + 1)
    if max(v, 1) ** 2 * max(n, 1) >= 1 << 62:  # (pair, unit) would not fit one integer
        return _concepts_by_argsort(keys, row.take(at), n)
    # (pair, unit) cells sorted by pair then unit, without repeats: column-major order, so
    # the matrix is built in CSC form and converted (which sorts each row's columns).
    cells, _ = _distinct_counts(keys * max(n, 1) + row.take(at))
    pair, r = np.divmod(cells, max(n, 1))
    fresh = np.empty(len(pair), dtype=bool)
    fresh[:1] = True
    np.not_equal(pair[1:], pair[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    indptr = np.append(starts, len(pair)).astype(np.int32)
    m = sp.csc_matrix((np.ones(len(r)), r.astype(np.int32), indptr), shape=(n, len(starts)))
    return m.tocsr()


def _concepts_by_argsort(keys: np.ndarray, rows: np.ndarray, n: int) -> sp.csr_matrix:
    """``_concepts``' matrix from pair keys and their rows, numbering pairs by an argsort."""
    order = np.argsort(keys)
    ordered = keys.take(order)
    fresh = np.empty(len(keys), dtype=bool)
    fresh[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    number = np.cumsum(fresh) - 1
    concepts = int(number[-1]) + 1 if number.size else 0
    column = np.empty(len(keys), dtype=np.int64)
    column[order] = number
    # (unit, concept) pairs, sorted and without repeats: the rows come in order already.
    cells, _ = _distinct_counts(rows * max(concepts, 1) + column)
    r, c = np.divmod(cells, max(concepts, 1))
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
    return sp.csr_matrix((np.ones(len(c)), c.astype(np.int32), indptr), shape=(n, concepts))


@dataclass(slots=True)
class Graph:
    """The sentence graph: cosine similarity among the distinct vectors of a cluster.

    Rows with identical vectors (one wire sentence carried by several outlets, a line
    repeated down a page) are one *node*: they have the same similarity to every other row
    and 1.0 to each other, so holding each of them would only repeat the node's edges, and
    a page of one repeated line would make the graph dense (n² edges for n copies).
    ``matrix`` is node by node; ``node[r]`` is row ``r``'s node and ``first[k]`` the
    earliest row of node ``k`` (nodes are numbered in reading order). Without repeats
    ``node`` and ``first`` are ``0..n-1`` and ``matrix`` is the rows' own graph.
    """

    matrix: sp.csr_matrix
    node: np.ndarray
    first: np.ndarray


def similarity(
    vectors: Vectors, check: Callable[[], None] | None = None, scaled: bool | None = None
) -> Graph:
    """Cosine similarity of the distinct rows for the sentence graph, sparse (see ``Graph``).

    Pairs below ``MIN_EDGE_SIMILARITY`` are dropped. In clusters of more than
    ``LARGE_CLUSTER`` sentences, terms found in more than ``COMMON_TERM_SHARE`` of them are
    left out of the graph (and rows renormalised): such terms link nearly every pair, carry
    almost no centrality signal, and would make the product dense.

    Above ``SCALED_ROWS`` sentences, or when the exact product would cost more than
    ``DENSE_PRODUCTS_PER_ROW`` per row (unless ``scaled`` is given), the graph is the *scaled*
    one, which grows linearly with the cluster: a term counts as common in more than
    ``COMMON_TERM_ROWS`` rows (the exact graph's share at the switch, as a fixed count), so
    the product costs at most a constant times the matrix's non-zeros, and each row keeps
    only its ``NEIGHBOURS`` most similar rows (exact top-k; a pair stays when either row
    keeps it), so the graph holds at most ``2 * NEIGHBOURS * n`` edges. Below that size every
    pair above the floor is kept.

    The product is computed in row blocks, never as a whole, and ``check`` runs
    between blocks.
    """
    n = vectors.matrix.shape[0]
    chosen = scaled
    if scaled is None:
        scaled = n > SCALED_ROWS
    m = _graph_terms(vectors.matrix, n, scaled)
    node, first = _distinct_rows(m)
    if len(first) < n:
        m = m[first]
    if chosen is None and not scaled and m.nnz:
        df = np.bincount(m.indices, minlength=m.shape[1])
        if int(df @ df) > DENSE_PRODUCTS_PER_ROW * m.shape[0]:
            scaled = True  # rows that are one node stay one: they keep equal in fewer terms
            m = _graph_terms(vectors.matrix, n, scaled)
            m = m[first] if len(first) < n else m
    return Graph(_cosines(m, scaled, check), node, first)


def _cosines(m: sp.csr_matrix, scaled: bool, check: Callable[[], None] | None) -> sp.csr_matrix:
    """The graph of ``m``'s rows (``similarity``'s product, exact or scaled)."""
    n = m.shape[0]
    indptr = np.zeros(n + 1, dtype=np.int64)
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    if scaled:
        # Exact top-k of each row's products in one compiled pass, never holding the block's
        # full product (sparse_dot_topn, a wheel on the package index).
        from sparse_dot_topn import sp_matmul_topn

        mt_rows = sp.csr_matrix(m.T)
        for lo in range(0, n, BLOCK_ROWS):
            block = sp_matmul_topn(m[lo : lo + BLOCK_ROWS], mt_rows, top_n=NEIGHBOURS,
                                   threshold=MIN_EDGE_SIMILARITY, sort=False)
            parts.append((block.indices, block.data))
            indptr[lo + 1 : lo + 1 + block.shape[0]] = np.diff(block.indptr)
            if check is not None:
                check()
    else:
        mt = m.T.tocsr()  # once: a product with the CSC transpose converts it at every block
        for lo in range(0, n, BLOCK_ROWS):
            block = (m if n <= BLOCK_ROWS else m[lo : lo + BLOCK_ROWS]) @ mt
            # Kept entries by index: applying a boolean mask of mixed density costs several
            # times more per entry; rows' counts come from where their bounds fall.
            strong = np.flatnonzero(block.data >= MIN_EDGE_SIMILARITY)
            parts.append((block.indices.take(strong), block.data.take(strong)))
            indptr[lo + 1 : lo + 1 + block.shape[0]] = np.diff(
                np.searchsorted(strong, block.indptr))
            if check is not None:
                check()
    np.cumsum(indptr, out=indptr)
    indices = np.concatenate([c for c, _ in parts]) if len(parts) > 1 else (
        parts[0][0] if parts else np.zeros(0, np.int32))
    data = np.concatenate([d for _, d in parts]) if len(parts) > 1 else (
        parts[0][1] if parts else np.zeros(0))
    graph = sp.csr_matrix((data, indices, indptr), shape=(n, n))
    # A pair is an edge when either row has the other among its neighbours: the graph stays
    # symmetric, as similarity is (measured on DUC 2004, the one-sided graph lost 0.2 ROUGE-2).
    return sp.csr_matrix(graph.maximum(graph.T)) if scaled else graph


_ROW_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(27))


def _distinct_rows(m: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Each row's node and each node's earliest row, nodes being the distinct non-empty rows
    of ``m`` (columns sorted within rows, as ``vectorize`` and ``_graph_terms`` leave them).

    Rows are grouped by a hash of their entries (order-free: a sum of mixed per-entry
    values) and every grouping is then checked entry for entry, so a collision only keeps
    two rows apart. Empty rows stay apart too: they are similar to nothing, not to each other.
    """
    n = m.shape[0]
    identity = np.arange(n, dtype=np.int64)
    counts = np.diff(m.indptr)
    if n < 2 or not m.nnz:
        return identity, identity
    mixed = m.indices.astype(np.uint64)
    mixed *= _ROW_MIX[0]
    mixed ^= np.ascontiguousarray(m.data, dtype=np.float64).view(np.uint64)
    mixed *= _ROW_MIX[1]
    mixed ^= mixed >> _ROW_MIX[2]
    sums = np.zeros(m.nnz + 1, dtype=np.uint64)
    np.cumsum(mixed, out=sums[1:])
    h = sums.take(m.indptr[1:]) - sums.take(m.indptr[:-1])
    h ^= counts.astype(np.uint64) * _ROW_MIX[0]
    order = np.argsort(h, kind="stable")
    hs = h.take(order)
    later = np.flatnonzero(hs[1:] == hs[:-1]) + 1  # positions whose row repeats an earlier hash
    if not later.size:
        return identity, identity
    # Each such row against the earliest row of its hash (a stable sort keeps rows in order).
    start = np.flatnonzero(np.r_[True, hs[1:] != hs[:-1]])
    head = order.take(start.take(np.searchsorted(start, later, side="right") - 1))
    row = order.take(later)
    same = counts.take(row) == counts.take(head)
    same &= counts.take(row) > 0
    row, head = row[same], head[same]
    if row.size:  # entry for entry: positions of each pair's entries, side by side
        size = counts.take(row)
        step = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
        a = np.repeat(m.indptr.take(row), size) + step
        b = np.repeat(m.indptr.take(head), size) + step
        differ = (m.indices.take(a) != m.indices.take(b)) | (m.data.take(a) != m.data.take(b))
        bad = np.zeros(len(row), dtype=bool)
        bad[np.repeat(np.arange(len(row)), size)[differ]] = True
        row, head = row[~bad], head[~bad]
    if not row.size:
        return identity, identity
    target = identity.copy()
    target[row] = head  # a row's earliest twin: a head is never itself folded
    alone = target == identity
    number = np.cumsum(alone) - 1
    return number.take(target), np.flatnonzero(alone)


def _graph_terms(matrix: sp.csr_matrix, n: int, scaled: bool) -> sp.csr_matrix:
    """``matrix`` without its common terms, rows renormalised (itself when none is common)."""
    if not matrix.nnz or not (scaled or n > LARGE_CLUSTER):
        return matrix
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = df > (COMMON_TERM_ROWS if scaled else COMMON_TERM_SHARE * n)
    if not common.any():
        return matrix
    keep = np.flatnonzero(~common.take(matrix.indices))
    rows = np.searchsorted(matrix.indptr, keep, side="right") - 1
    data, indices = matrix.data.take(keep), matrix.indices.take(keep)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
    norms[norms == 0] = 1.0
    return sp.csr_matrix((data / norms[rows], indices, indptr), shape=matrix.shape)


def normalize_rows(matrix: sp.csr_matrix) -> None:
    """Scale every row of ``matrix`` to unit length, in place (empty rows stay empty)."""
    norms = np.sqrt(np.bincount(edge_rows(matrix), weights=matrix.data * matrix.data,
                                minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))


def edge_rows(matrix: sp.csr_matrix) -> np.ndarray:
    """The row index of every stored entry of ``matrix`` (the COO rows of a CSR matrix)."""
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def query_vector(vectors: Vectors, query_terms: list[str]) -> np.ndarray:
    """Cosine similarity of each row to a query given as analysed terms."""
    n = vectors.matrix.shape[0]
    weights: dict[int, float] = {}
    for t in query_terms:
        j = vectors.vocabulary.get(t)
        if j is not None:
            weights[j] = weights.get(j, 0.0) + 1.0
    if not weights:
        return np.zeros(n)
    cols = np.fromiter(weights, dtype=np.int64)
    vals = (1.0 + np.log(np.fromiter(weights.values(), dtype=np.float64))) * vectors.idf[cols]
    vals /= np.linalg.norm(vals)
    return np.asarray(vectors.matrix[:, cols] @ vals).ravel()


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the undirected graph with edges ``a[i] - b[i]`` on ``n`` nodes.

    Each component is labelled by its smallest node. Min-label hooking of roots with pointer
    jumping (Shiloach & Vishkin 1982), vectorized: every round halves the distance to the
    roots, so a few array passes over the (few) duplicate edges suffice. It spares the
    engine's import of ``scipy.sparse.csgraph``, which loads all of ``scipy.linalg``.
    """
    label = np.arange(n)
    while a.size:
        la, lb = label[a], label[b]
        low = np.minimum(la, lb)
        if np.array_equal(la, lb):
            break
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        while True:  # pointer jumping until every node points at its root
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
    return label


def merge_duplicates(
    vectors: Vectors,
    graph: Graph,
    eligible: np.ndarray | None = None,
) -> Candidates:
    """Group rows whose similarity reaches ``DUPLICATE_SIMILARITY`` into candidates (rows of
    one node always share a group).

    The representative of a group is its earliest ``eligible`` row (documents in request
    order, sentences in reading order), so citations point at the first place a statement
    appears in a form that may be selected (an attributed quote rather than the bare quote);
    the earliest row when none is eligible. Only the rows of the few pairs that reach the
    threshold are looked up (by ``np.searchsorted`` in the graph's ``indptr``).
    """
    n = len(vectors.units)
    sim = graph.matrix
    strong = np.flatnonzero(sim.data >= DUPLICATE_SIMILARITY)
    strong_rows = np.searchsorted(sim.indptr, strong, side="right") - 1
    # A group is labelled by its earliest row, so numbering the labels in order keeps the
    # candidates in reading order (labels are rows: counted, not sorted). Nodes come in
    # reading order, so a group's smallest node holds its earliest row.
    label = _components(sim.shape[0], strong_rows, sim.indices.take(strong))
    if len(graph.first) < n:
        label = graph.first.take(label).take(graph.node)
    used = np.bincount(label, minlength=n) > 0
    earliest = np.flatnonzero(used)
    of_row = (np.cumsum(used) - 1).take(label)
    rep = earliest.astype(np.int64)
    if eligible is not None and len(eligible):
        ok = np.flatnonzero(eligible)[::-1]
        first_ok = np.full(len(earliest), -1, dtype=np.int64)
        first_ok[of_row[ok]] = ok  # later writes win: the earliest eligible row of each group
        rep = np.where(first_ok >= 0, first_ok, rep)
    doc = np.fromiter((u.doc for u in vectors.units), dtype=np.int64, count=n)
    # Singletons (nearly every group) in bulk; Python only for the groups with copies.
    members: list[list[int]] = [[r] for r in rep.tolist()]
    docs: list[tuple[int, ...]] = [(d,) for d in doc[rep].tolist()]
    sizes = np.bincount(of_row, minlength=len(earliest))
    merged = np.flatnonzero(sizes > 1)
    if merged.size:
        rows_of = np.flatnonzero(sizes.take(of_row) > 1)
        group = of_row.take(rows_of)
        # Each group's rows: its representative first, then the others in reading order.
        order = np.argsort(group * 2 + (rows_of != rep.take(group)), kind="stable")
        flat, flat_docs = rows_of.take(order).tolist(), doc.take(rows_of.take(order)).tolist()
        ends = np.cumsum(sizes.take(merged)).tolist()
        for g, a, b in zip(merged.tolist(), [0, *ends[:-1]], ends, strict=True):
            members[g] = flat[a:b]
            docs[g] = tuple(dict.fromkeys(flat_docs[a:b]))
    return Candidates(rep, members, docs, of_row)
