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
    tok, lengths, words, spelled = _token_ids(units, per_doc, distinct, lowered, bodies)
    stems, flags = _lookup(distinct, spelled)
    vocabulary: dict[str, int] = {}
    stem_of = np.fromiter((vocabulary.setdefault(s, len(vocabulary)) for s in stems),
                          dtype=np.int64, count=len(stems))
    flag_of = np.asarray(flags, dtype=bool)
    row = np.repeat(np.arange(n, dtype=np.int64), lengths)
    stem = stem_of[tok] if tok.size else tok
    flagged = flag_of[tok] if tok.size else np.zeros(0, dtype=bool)
    v = len(vocabulary)

    # Term counts per (row, term) by one sort of combined keys; the CSR arrays follow.
    content = ~flagged
    width = max(v, 1)
    keys, counts = np.unique(row[content] * width + stem[content], return_counts=True)
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
# as one little-endian integer, with its analyzer's slot in the top byte (ASCII bytes are
# never 0, so no two tokens share a key); longer and other tokens are numbered in a
# dictionary and get negative keys.
_PACKED_CHARS = 7
_MAX_SLOTS = 127
_SEVEN_BYTES = (1 << 56) - 1
_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(_PACKED_CHARS + 1)], dtype=np.uint64)


def _token_ids(units: list[Unit], per_doc: list[Analyzer], distinct: list[Analyzer],
               lowered: list[str], bodies: list[str]) -> tuple[
                   np.ndarray, np.ndarray, np.ndarray, list[tuple[int, str]]]:
    """Token ids of the units (flat, unit after unit), tokens and words per unit, and the
    ``(analyzer slot, word)`` of each id: ids are numbered in order of first appearance, a
    word of each analyzer (language) being a word of its own.

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
    doc = np.fromiter((u.doc for u in units), dtype=np.int64, count=n)
    coded = {d: text.word_bytes(lowered[d]) for d in sorted(set(doc.tolist()))}
    fast_docs = [d for d, b in coded.items() if b is not None]
    if not fast_docs or len(distinct) > _MAX_SLOTS:
        return _token_ids_by_unit(units, per_doc, slot, lowered, bodies)
    # "\n" ends every token and word; the NULs let ``_packed_keys`` read 8 bytes anywhere.
    joined = "\n".join(lowered[d] for d in fast_docs) + "\0" * 8
    codes = np.frombuffer(b"\n".join(coded[d] or b"" for d in fast_docs) + b"\0" * 8,
                          dtype=np.uint8)
    offsets = np.cumsum([0] + [len(lowered[d]) + 1 for d in fast_docs[:-1]], dtype=np.int64)
    base = np.full(len(lowered), -1, dtype=np.int64)
    base[fast_docs] = offsets
    rows = np.flatnonzero(base[doc] >= 0)
    us = np.fromiter((u.start for u in units), dtype=np.int64, count=n)[rows] + base[doc[rows]]
    ue = np.fromiter((u.end for u in units), dtype=np.int64, count=n)[rows] + base[doc[rows]]
    ts, te = text.ascii_token_spans(codes)
    words = np.zeros(n, dtype=np.int32)
    words[rows] = text.ascii_word_counts(codes, us, ue)
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
    token_slot = doc_slot[fast_docs][np.searchsorted(offsets, ts, side="right") - 1] \
        if fast_docs else ts
    keys = _packed_keys(codes, ts, te, token_slot, joined, others, width)
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
    numbered = [list(words_of) for words_of in others]
    spelled = [(~key % width, numbered[~key % width][~key // width]) if key < 0 else
               (key >> 56, (key & _SEVEN_BYTES).to_bytes(7, "little").rstrip(b"\0").decode())
               for key in distinct_keys.tolist()]
    return ids, lengths, words, spelled


def _token_ids_by_unit(units: list[Unit], per_doc: list[Analyzer], slot: dict[int, int],
                       lowered: list[str], bodies: list[str]) -> tuple[
                           np.ndarray, np.ndarray, np.ndarray, list[tuple[int, str]]]:
    """``_token_ids`` with every unit tokenized on its own (no document for the array pass:
    one dictionary numbers the words as they come)."""
    ids: list[int] = []
    lengths = np.zeros(len(units), dtype=np.int64)
    words = np.fromiter((count_words(b) for b in bodies), dtype=np.int32, count=len(bodies))
    if len(slot) == 1:  # one language: a word is its own key
        seen: dict[str, int] = {}
        for i, u in enumerate(units):
            tokens = per_doc[u.doc].tokens_in(lowered[u.doc], u.start, u.end)
            lengths[i] = len(tokens)
            ids.extend([seen.setdefault(w, len(seen)) for w in tokens])
        return np.asarray(ids, dtype=np.int64), lengths, words, [(0, w) for w in seen]
    local: dict[tuple[int, str], int] = {}
    for i, u in enumerate(units):
        a = per_doc[u.doc]
        k = slot[id(a)]
        tokens = a.tokens_in(lowered[u.doc], u.start, u.end)
        lengths[i] = len(tokens)
        ids.extend([local.setdefault((k, w), len(local)) for w in tokens])
    return np.asarray(ids, dtype=np.int64), lengths, words, list(local)


def _key_of(word: str, k: int, known: dict[str, int], width: int, memo: dict[str, int]) -> int:
    """The key of ``word`` of analyzer slot ``k`` (as ``_packed_keys`` gives it), remembered
    in ``memo``."""
    if len(word) <= _PACKED_CHARS and word.isascii():
        key = int.from_bytes(word.encode(), "little") | k << 56
    else:
        key = -1 - k - width * known.setdefault(word, len(known))
    memo[word] = key
    return key


def _packed_keys(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, slots: np.ndarray,
                 joined: str, others: list[dict[str, int]], width: int) -> np.ndarray:
    """Keys of the tokens ``joined[starts[j]:ends[j]]`` (see ``_PACKED_CHARS``); ``codes``
    holds 8 bytes more than any token reaches."""
    size = ends - starts
    eight = as_strided(codes, shape=(max(len(codes) - 7, 0), 8), strides=(1, 1))
    raw = eight.view("<u8")[starts, 0] & _LOW_BYTES[np.minimum(size, _PACKED_CHARS)]
    keys: np.ndarray = (raw | (slots.astype(np.uint64) << np.uint64(56))).view(np.int64)
    rest = np.flatnonzero(size > _PACKED_CHARS)
    for k, known in enumerate(others):
        mine = rest[slots[rest] == k] if len(others) > 1 else rest
        keys[mine] = [-1 - k - width * known.setdefault(joined[a:b], len(known))
                      for a, b in zip(starts[mine].tolist(), ends[mine].tolist(), strict=True)]
    return keys


def _first_seen_ids(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids of ``keys`` numbered in order of first appearance, and the distinct keys in that
    order (one sort)."""
    if not len(keys):
        return keys, keys
    perm = np.argsort(keys)
    ordered = keys[perm]
    fresh = np.empty(len(keys), dtype=bool)
    fresh[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    first = np.minimum.reduceat(perm, starts)
    order = np.argsort(first)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    ids = np.empty(len(keys), dtype=np.int64)
    ids[perm] = rank[np.cumsum(fresh) - 1]
    return ids, ordered[starts[order]]


def _lookup(distinct: list[Analyzer], spelled: list[tuple[int, str]]) -> tuple[
        list[str], list[bool]]:
    """Stem and stop-word flag of each ``(slot, word)``, by the analyzer of its slot."""
    if len(distinct) == 1:
        return distinct[0].lookup([w for _, w in spelled])
    stems = [""] * len(spelled)
    flags = [False] * len(spelled)
    for k, a in enumerate(distinct):
        ids = [j for j, (kk, _) in enumerate(spelled) if kk == k]
        got_stems, got_flags = a.lookup([spelled[j][1] for j in ids])
        for j, st, fl in zip(ids, got_stems, got_flags, strict=True):
            stems[j] = st
            flags[j] = fl
    return stems, flags


def _concepts(row: np.ndarray, stem: np.ndarray, flagged: np.ndarray, n: int,
              v: int) -> sp.csr_matrix:
    """Which *concepts* each unit contains: a 0/1 matrix of units x concepts.

    Concepts are adjacent word pairs after stemming, stop words kept inside a pair but pairs
    of two stop words dropped ("of the" says nothing, "rate of" or "the ruling" does). They
    are the units of information a digest should cover (as in concept-based summarization,
    Gillick & Favre 2009), and the same units ROUGE-2 counts.
    """
    if row.size < 2:
        return sp.csr_matrix((n, 0))
    pair = (row[:-1] == row[1:]) & ~(flagged[:-1] & flagged[1:])
    keys = stem[:-1][pair] * max(v, 1) + stem[1:][pair]
    ids, inverse = np.unique(keys, return_inverse=True)
    m = sp.csr_matrix((np.ones(len(inverse)), (row[:-1][pair], inverse)), shape=(n, len(ids)))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def similarity(
    vectors: Vectors, check: Callable[[], None] | None = None, scaled: bool | None = None
) -> sp.csr_matrix:
    """Cosine similarity of the rows for the sentence graph, sparse (rows follow ``vectors``).

    Pairs below ``MIN_EDGE_SIMILARITY`` are dropped. In clusters of more than
    ``LARGE_CLUSTER`` sentences, terms found in more than ``COMMON_TERM_SHARE`` of them are
    left out of the graph (and rows renormalised): such terms link nearly every pair, carry
    almost no centrality signal, and would make the product dense.

    Above ``SCALED_ROWS`` sentences (or when ``scaled`` is true) the graph is the *scaled*
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
    if scaled is None:
        scaled = n > SCALED_ROWS
    m = _graph_terms(vectors.matrix, n, scaled)
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
        mt = sp.csc_matrix(m.T)
        for lo in range(0, n, BLOCK_ROWS):
            block = sp.csr_matrix(m[lo : lo + BLOCK_ROWS] @ mt)
            strong = block.data >= MIN_EDGE_SIMILARITY
            parts.append((block.indices[strong], block.data[strong]))
            indptr[lo + 1 : lo + 1 + block.shape[0]] = np.bincount(
                edge_rows(block)[strong], minlength=block.shape[0])
            if check is not None:
                check()
    np.cumsum(indptr, out=indptr)
    indices = np.concatenate([c for c, _ in parts]) if parts else np.zeros(0, np.int32)
    data = np.concatenate([d for _, d in parts]) if parts else np.zeros(0)
    graph = sp.csr_matrix((data, indices, indptr), shape=(n, n))
    # A pair is an edge when either row has the other among its neighbours: the graph stays
    # symmetric, as similarity is (measured on DUC 2004, the one-sided graph lost 0.2 ROUGE-2).
    return sp.csr_matrix(graph.maximum(graph.T)) if scaled else graph


def _graph_terms(matrix: sp.csr_matrix, n: int, scaled: bool) -> sp.csr_matrix:
    """``matrix`` without its common terms, rows renormalised (itself when none is common)."""
    if not matrix.nnz or not (scaled or n > LARGE_CLUSTER):
        return matrix
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = df > (COMMON_TERM_ROWS if scaled else COMMON_TERM_SHARE * n)
    if not common.any():
        return matrix
    rows = edge_rows(matrix)
    keep = ~common[matrix.indices]
    rows, data, indices = rows[keep], matrix.data[keep], matrix.indices[keep]
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
    sim: sp.csr_matrix,
    eligible: np.ndarray | None = None,
    rows: np.ndarray | None = None,
) -> Candidates:
    """Group rows whose similarity reaches ``DUPLICATE_SIMILARITY`` into candidates.

    The representative of a group is its earliest ``eligible`` row (documents in request
    order, sentences in reading order), so citations point at the first place a statement
    appears in a form that may be selected (an attributed quote rather than the bare quote);
    the earliest row when none is eligible. ``rows`` is ``edge_rows(sim)`` when the caller
    has it already.
    """
    n = len(vectors.units)
    if rows is None:
        rows = edge_rows(sim)
    strong = sim.data >= DUPLICATE_SIMILARITY
    # A group is labelled by its earliest row, so numbering the labels in order keeps the
    # candidates in reading order.
    earliest, of_row = np.unique(_components(n, rows[strong], sim.indices[strong]),
                                 return_inverse=True)
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
        in_merged = sizes[of_row] > 1
        rows_of = np.flatnonzero(in_merged)
        grouped = rows_of[np.argsort(of_row[rows_of], kind="stable")]  # reading order within
        bounds = np.cumsum(sizes[merged])[:-1]
        for g, part in zip(merged.tolist(), np.split(grouped, bounds), strict=True):
            first = int(rep[g])
            m = [first, *(i for i in part.tolist() if i != first)]
            members[g] = m
            docs[g] = tuple(dict.fromkeys(doc[m].tolist()))
    return Candidates(rep, members, docs, of_row)
