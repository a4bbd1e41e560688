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
    rows: np.ndarray | None = None,
) -> sp.csr_matrix:
    """Row-stochastic transition matrix of the weighted similarity graph.

    ``sim`` is the cosine similarity (diagonal ignored). The graph's nodes are the rows
    ``nodes`` of ``sim`` (all rows by default), in that order: node ``i`` is row
    ``nodes[i]``, and edges to rows that are not nodes are dropped, so the candidates' graph
    comes straight from the sentences' one without a copy of it. ``doc`` is each node's
    document, ``multiplicity`` the number of documents carrying it; ``rows`` is the row index
    of every entry of ``sim`` when the caller has it. Rows without edges stay zero: their mass
    goes to the teleport vector (dangling nodes).
    """
    if rows is None:
        rows = np.repeat(np.arange(sim.shape[0]), np.diff(sim.indptr))
    n = len(doc)
    r, c = rows, sim.indices
    edge = (r != c) & (sim.data != 0)
    if nodes is not None:
        node_of = np.full(sim.shape[0], -1, dtype=np.int64)
        node_of[nodes] = np.arange(len(nodes))
        r, c = node_of[r], node_of[c]
        edge &= (r >= 0) & (c >= 0)
    r, c, weight = r[edge], c[edge], sim.data[edge]
    weight *= multiplicity[c]
    weight[doc[r] != doc[c]] *= cross_weight
    out = np.bincount(r, weights=weight, minlength=n)
    out[out == 0] = 1.0
    if r.size and bool(np.any(r[1:] < r[:-1])):  # nodes not in row order: sort the edges
        order = np.argsort(r, kind="stable")
        r, c, weight = r[order], c[order], weight[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
    return sp.csr_matrix((weight / out[r], c, indptr), shape=(n, n))


def lexrank(
    transition: sp.csr_matrix,
    teleport: np.ndarray,
    damping: float = DAMPING,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
    check: Callable[[], None] | None = None,
) -> np.ndarray:
    """Stationary distribution of the damped walk (sums to 1).

    ``teleport`` is a non-negative prior over candidates (normalised here). ``check`` is
    called every few iterations so a caller can abandon the work (deadline, cancellation).
    """
    n = transition.shape[0]
    if n == 0:
        return np.zeros(0)
    p = np.asarray(teleport, dtype=np.float64)
    p = p / p.sum() if p.sum() > 0 else np.full(n, 1.0 / n)
    dangling = np.diff(transition.indptr) == 0
    pt = transition.T  # a CSC view of the same arrays: no copy
    x: np.ndarray = p.copy()
    for it in range(max_iterations):
        nxt = damping * (pt @ x) + (damping * x[dangling].sum() + 1.0 - damping) * p
        delta = np.abs(nxt - x).sum()
        x = nxt
        if delta < tolerance:
            break
        if check is not None and it % 16 == 15:
            check()
    return x / float(x.sum())


def lead_prior(positions: np.ndarray, strength: float) -> np.ndarray:
    """Teleport weights favouring early sentences: ``1 + strength / sqrt(1 + position)``."""
    return 1.0 + strength / np.sqrt(1.0 + positions.astype(np.float64))
