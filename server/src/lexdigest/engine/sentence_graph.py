"""The sentence graph and near-duplicate candidates.

The graph is the pairwise cosine similarity of the sentence vectors (``represent.Vectors``),
computed once and sparse, rows with identical vectors being one node (``Graph``).

Near-duplicates (one wire story carried by several outlets, a lede repeated inside one
article) collapse into one *candidate* that remembers every copy; the number of distinct
documents that carry it is its multiplicity, which ranking counts as agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._scipy import sparse as sp
from .components import components
from .represent import Vectors

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
# A cluster of at least DENSE_MIN_ROWS distinct sentences in which the average word (each
# occurrence counted) is shared by more than DENSE_TERM_SHARE of the sentences takes the
# scaled graph at any size: a page of near-identical lines, every pair sharing the same
# few words, whose exact graph would hold every pair (0.83 for lines of five shared words
# and one of their own). News shares far less: measured on the benchmark clusters, 0.049
# for a median DUC 2004 cluster (218 sentences; 0.087 at most), 0.020 at 800 sentences,
# 0.008 at 8,000; Thai, whose terms are character pairs, 0.30-0.37 in small clusters built
# of a few sentences repeated, other scripts 0.04-0.20 there. Below DENSE_MIN_ROWS even a
# full graph is cheap (a fuzzed 60 KB page of such lines stays within the linear-time test's
# budget below it).
DENSE_TERM_SHARE = 0.5
DENSE_MIN_ROWS = 500


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


def load() -> None:
    """Load the scaled graph's compiled product (sparse_dot_topn, with its OpenMP runtime)
    now rather than at the first large cluster: a worker does so before its memory cap
    applies, since a native library cannot even be mapped into memory under a tight cap."""
    import sparse_dot_topn  # noqa: F401


def similarity(
    vectors: Vectors, check: Callable[[], None] | None = None, scaled: bool | None = None
) -> Graph:
    """Cosine similarity of the distinct rows for the sentence graph, sparse (see ``Graph``).

    Pairs below ``MIN_EDGE_SIMILARITY`` are dropped. In clusters of more than
    ``LARGE_CLUSTER`` sentences, terms found in more than ``COMMON_TERM_SHARE`` of them are
    left out of the graph (and rows renormalised): such terms link nearly every pair, carry
    almost no centrality signal, and would make the product dense.

    Above ``SCALED_ROWS`` sentences, or when the rows share their words so widely that the
    exact graph would be dense (``_dense``; unless ``scaled`` is given), the graph is the
    *scaled* one, which grows linearly with the cluster: a term counts as common in more than
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
    m, node, first = _nodes(vectors.matrix, scaled)
    if chosen is None and not scaled and _dense(m):
        scaled = True  # folded again: rows may differ only in the terms it leaves out
        m, node, first = _nodes(vectors.matrix, scaled)
    return Graph(_cosines(m, scaled, check), node, first)


def _nodes(matrix: sp.csr_matrix, scaled: bool) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """The graph's terms of ``matrix`` (``_graph_terms``) one row per node, each row's node and
    each node's earliest row (``_distinct_rows``)."""
    n = matrix.shape[0]
    m = _graph_terms(matrix, n, scaled)
    node, first = _distinct_rows(m)
    return (m[first] if len(first) < n else m), node, first


def _dense(m: sp.csr_matrix) -> bool:
    """Whether the words of ``m``'s rows are shared so widely that its exact graph would be
    dense: at least ``DENSE_MIN_ROWS`` rows, and a word occurrence is on average one of
    more than ``DENSE_TERM_SHARE`` of the rows. (``df @ df`` is the product's count of
    multiplications, ``df.sum()`` the matrix's entries.)"""
    if m.shape[0] < DENSE_MIN_ROWS or not m.nnz:
        return False
    df = np.bincount(m.indices, minlength=m.shape[1])
    return bool(int(df @ df) > DENSE_TERM_SHARE * m.shape[0] * m.nnz)


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
    of ``m`` (columns sorted within rows, as ``represent.vectorize`` and ``_graph_terms`` leave
    them).

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
    label = components(sim.shape[0], strong_rows, sim.indices.take(strong))
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
    doc = vectors.docs
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
