"""LexRank: sentence centrality as the stationary distribution of a random walk.

Erkan & Radev (2004), "LexRank: Graph-based Lexical Centrality as Salience in Text
Summarization", continuous variant: nodes are candidate sentences of *all* documents, edges are
weighted by cosine similarity (no threshold beyond a small sparsity floor), and the walk
follows an edge with probability ``damping`` or jumps by the teleport vector otherwise
(Section 3.3 of the paper; the jump also makes the chain ergodic, so the iteration converges).

lexdigest departs from the paper in three documented ways:

* **Agreement across sources counts more.** An edge between sentences of different documents
  is weighted ``cross_weight`` times an edge inside one document: a document repeating itself
  is not corroboration, another outlet saying the same thing is.
* **Merged duplicates count by multiplicity.** A candidate carried by k documents attracts
  the walk as k copies would (each copy a separate source).
* **The teleport vector is a prior.** Uniform by default, tilted towards the lead of each
  document (news is written inverted-pyramid) and, with a query, towards sentences similar to
  the query (Otterbacher, Erkan & Radev 2005, topic-sensitive LexRank).

The matrix stays sparse; each iteration is one sparse matrix-vector product. Iteration runs
to an L1 change below ``tolerance`` (a real fixed point, not a coarse stopping rule).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._scipy import sparse as sp

DAMPING = 0.85
CROSS_WEIGHT = 2.0
TOLERANCE = 1e-9
MAX_ITERATIONS = 1000


def transition_matrix(
    sim: sp.csr_matrix,
    doc: np.ndarray,
    multiplicity: np.ndarray,
    cross_weight: float = CROSS_WEIGHT,
    nodes: np.ndarray | None = None,
) -> sp.csr_matrix:
    """Row-stochastic transition matrix of the weighted similarity graph.

    ``sim`` is the cosine similarity (diagonal ignored). The graph's nodes are the rows
    ``nodes`` of ``sim`` (all rows by default), in that order: node ``i`` is row
    ``nodes[i]``, and edges to rows that are not nodes are dropped, so the candidates' graph
    comes straight from the sentences' one without a copy of it. ``doc`` is each node's
    document, ``multiplicity`` the number of documents carrying it. Rows without edges stay
    zero: their mass goes to the teleport vector (dangling nodes).

    The plain form of the walk's matrix; the digest builds it with ``row_walk``, which the
    tests hold to this one.
    """
    n = len(doc)
    counts = np.diff(sim.indptr)
    if nodes is None:
        node_of = np.arange(sim.shape[0], dtype=np.int64)
    else:
        node_of = np.full(sim.shape[0], -1, dtype=np.int64)
        node_of[nodes] = np.arange(len(nodes), dtype=np.int64)
    # Every entry's row and column as nodes (-1: not a node); rows by repetition.
    r, c = np.repeat(node_of, counts), node_of.take(sim.indices)
    edge = r != c
    edge &= sim.data != 0
    if nodes is not None:
        edge &= r >= 0
        edge &= c >= 0
    # Indices, then ``take``: a boolean mask that is neither mostly true nor mostly false
    # costs several times more per entry to apply, and it applies to three arrays here.
    keep = np.flatnonzero(edge)
    r, c, data = r.take(keep), c.take(keep), sim.data.take(keep)
    if r.size and bool(np.any(r[1:] < r[:-1])):  # nodes not in row order: sort the edges
        order = np.argsort(r, kind="stable")
        r, c, data = r.take(order), c.take(order), data.take(order)
    per_node = np.bincount(r, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(per_node, out=indptr[1:])
    doc = np.asarray(doc)
    weight = np.where(np.repeat(doc, per_node) != doc.take(c), cross_weight, 1.0)
    weight *= multiplicity.take(c)
    weight *= data
    out = np.bincount(r, weights=weight, minlength=n)
    out[out == 0] = 1.0
    weight /= np.repeat(out, per_node)
    return sp.csr_matrix((weight, c.astype(np.int32), indptr), shape=(n, n))


def row_walk(
    sim: sp.csr_matrix,
    doc: np.ndarray,
    weight: np.ndarray,
    cross_weight: float = CROSS_WEIGHT,
) -> sp.csc_matrix:
    """``transition_matrix(sim, doc[nodes], weight[nodes], nodes=nodes)`` laid out over all
    rows of ``sim``, where ``nodes`` are the rows of positive ``weight``, in CSC form: its
    transpose, what ``lexrank`` multiplies by, is then a CSR matrix without a transposition
    (a CSR product gathers where a CSC one scatters).

    ``sim`` must be symmetric entry for entry (as ``sentence_graph.similarity`` gives it);
    ``doc`` and ``weight`` (a node's multiplicity, 0 for a row that is not a node) are given
    per row. The matrix keeps ``sim``'s own index arrays, so nothing is selected, sorted or
    copied per edge: an edge into a row of weight 0, the diagonal and an edge out of such a row hold
    weights of 0 or lead out of a row the walk never holds mass in. With a teleport vector
    that is 0 off the nodes, ``lexrank`` then gives every node the score it has in the
    nodes' own graph and every other row 0.
    """
    n = sim.shape[0]
    counts = np.diff(sim.indptr)
    cols = sim.indices  # compared as they are; widened once for the gathers below
    c = cols.astype(np.int64)
    doc = np.asarray(doc)
    # Fresh per-entry arrays page-fault on every call here: int32 and buffers reused where
    # the values allow.
    if n and n < 1 << 31 and bool(np.all(doc[1:] >= doc[:-1])):
        # Each document's rows in one run (as units come): an edge stays inside its row's
        # document when its column falls in that document's rows, found without a gather.
        bounds = np.searchsorted(doc, doc, side="left").astype(cols.dtype)
        inside = np.repeat(bounds, counts) <= cols
        bounds = np.searchsorted(doc, doc, side="right").astype(cols.dtype)
        inside &= cols < np.repeat(bounds, counts)
    else:
        inside = np.repeat(doc, counts) == doc.take(c)
    factor = np.where(inside, 1.0, cross_weight)
    # The diagonal: a few entries, so a mask is cheap here.
    factor[np.repeat(np.arange(n, dtype=cols.dtype), counts) == cols] = 0.0
    weights = weight.take(c)
    weights *= factor
    weights *= sim.data
    # Out-weights: row sums in entry order (a CSR product with ones adds them in the order
    # ``np.bincount`` does, and costs a third of it).
    out = sp.csr_matrix((weights, cols, sim.indptr), shape=(n, n)) @ np.ones(n)
    out[out == 0] = 1.0
    # Entry (r, c) of the transpose is entry (c, r) of the matrix: sim[c, r] == sim[r, c],
    # weighted by the weight of r and divided by the out-weight of c.
    factor *= np.repeat(weight, counts)
    factor *= sim.data
    factor /= out.take(c, out=weights)
    return sp.csc_matrix((factor, cols, sim.indptr), shape=(n, n))


def lexrank(
    transition: sp.csr_matrix | sp.csc_matrix,
    teleport: np.ndarray,
    damping: float = DAMPING,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
    check: Callable[[], None] | None = None,
) -> np.ndarray:
    """Stationary distribution of the damped walk (sums to 1).

    ``teleport`` is a non-negative prior over candidates (normalised here) with a positive,
    finite sum; any other teleport raises ``ValueError``. There is no uniform fallback: in
    ``row_walk``'s matrix the rows that are not nodes must get no mass, and only the caller
    knows which rows they are. ``check`` is called every few iterations so a caller can
    abandon the work (deadline, cancellation).
    Each iteration is ``x' = damping * (T^T x) + (damping * dangling mass + 1 - damping) * p``
    with the stopping rule ``|x' - x|_1 < tolerance``, evaluated in place.
    """
    n = transition.shape[0]
    if n == 0:
        return np.zeros(0)
    p = np.asarray(teleport, dtype=np.float64)
    total = float(p.sum())
    if not (0 < total < np.inf) or bool(np.any(p < 0)):
        raise ValueError("lexrank: teleport weights must be non-negative with a positive, "
                         f"finite sum (sum {total})")
    p = p / total
    # Dangling nodes: rows without weight (stored entries may be 0, as in ``row_walk``).
    dangling = np.flatnonzero(transition @ np.ones(n) == 0)
    pt = transition.T  # a view of the same arrays: CSR when ``transition`` is CSC
    x: np.ndarray = p.copy()
    jump = p * (1.0 - damping)  # the jump's share when no node is dangling
    step = np.empty(n)
    for it in range(max_iterations):
        nxt = pt @ x
        nxt *= damping
        if dangling.size:
            np.multiply(p, damping * x.take(dangling).sum() + 1.0 - damping, out=jump)
        nxt += jump
        np.subtract(nxt, x, out=step)
        delta = np.abs(step, out=step).sum()
        x = nxt
        if delta < tolerance:
            break
        if check is not None and it % 16 == 15:
            check()
    return x / float(x.sum())


def lead_prior(positions: np.ndarray, strength: float) -> np.ndarray:
    """Teleport weights favouring early sentences: ``1 + strength / sqrt(1 + position)``."""
    return 1.0 + strength / np.sqrt(1.0 + positions.astype(np.float64))
