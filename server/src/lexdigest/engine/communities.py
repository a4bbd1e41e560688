"""Communities of a weighted graph by modularity: the Louvain method.

``louvain(weights, resolution)`` returns a community label per node. Each pass moves every
node, one at a time, to the neighbouring community that raises modularity most,

    Q = sum over communities c of [ w_in(c) / m  -  resolution * (K(c) / 2m)^2 ],

(``w_in``: weight of the edges inside ``c``, ``K``: sum of its nodes' weighted degrees,
``m``: total edge weight), until no move helps; then each community becomes one node of a
smaller graph and the passes repeat, until nothing changes. ``resolution`` above 1 asks for
smaller, tighter communities. ``min_weight`` floors ``2m`` in the second term: in a small
graph each node's expected share of the edges is so large that no community would pay off,
and a floor makes a small graph behave as a part of a larger one.

Nodes are visited in index order and ties go to the community met first, so the result
depends only on the graph as numbered: callers that want order-independence number the
nodes canonically. Cost: a few passes over the edges per level, in Python loops over CSR
arrays (the graphs here have a handful of edges per node).

Reference: Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of communities in large
networks", J. Stat. Mech. (2008) P10008; resolution: Reichardt & Bornholdt (2006).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._scipy import sparse as sp

MAX_PASSES = 20  # local-moving passes per level; real graphs settle in a few
_EPSILON = 1e-12  # a move must gain more than this (float noise never moves a node)


def louvain(weights: sp.csr_matrix, resolution: float = 1.0, min_weight: float = 0.0,
            check: Callable[[], None] | None = None) -> np.ndarray:
    """Community label (0..k-1, numbered by first node) of every node of ``weights``.

    ``weights`` is symmetric with non-negative entries; isolated nodes stay alone.
    """
    n = weights.shape[0]
    label = np.arange(n)
    graph = sp.csr_matrix(weights, dtype=np.float64)
    null = max(float(graph.sum()), min_weight)  # 2m of the null model, the same every level
    while True:
        community, moved = _local_moving(graph, resolution / null if null else 0.0, check)
        if not moved:
            return _renumber(label)
        _, community = np.unique(community, return_inverse=True)
        label = community[label]
        k = int(community.max()) + 1
        member = sp.csr_matrix((np.ones(len(community)), (community,
                                                          np.arange(len(community)))),
                               shape=(k, len(community)))
        graph = sp.csr_matrix(member @ graph @ member.T)


def _local_moving(graph: sp.csr_matrix, scale: float,
                  check: Callable[[], None] | None) -> tuple[np.ndarray, bool]:
    """One level: node moves until none raises modularity; (communities, whether any moved).

    ``scale`` is the resolution over the null model's ``2m``.
    """
    n = graph.shape[0]
    degree = np.asarray(graph.sum(axis=1)).ravel()
    community = np.arange(n)
    if not degree.any():
        return community, False
    total = degree.copy()  # weighted degree of each community
    indptr, indices, data = graph.indptr.tolist(), graph.indices.tolist(), graph.data.tolist()
    deg = degree.tolist()
    comm = community.tolist()
    tot = total.tolist()
    any_move = False
    for _ in range(MAX_PASSES):
        moved = False
        for i in range(n):
            here, k_i = comm[i], deg[i]
            links: dict[int, float] = {}
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                if j != i:
                    c = comm[j]
                    links[c] = links.get(c, 0.0) + data[p]
            tot[here] -= k_i
            best, best_gain = here, links.get(here, 0.0) - scale * tot[here] * k_i
            for c, w in links.items():
                gain = w - scale * tot[c] * k_i
                if gain > best_gain + _EPSILON:
                    best, best_gain = c, gain
            tot[best] += k_i
            if best != here:
                comm[i] = best
                moved = any_move = True
        if check is not None:
            check()
        if not moved:
            break
    return np.asarray(comm), any_move


def _renumber(label: np.ndarray) -> np.ndarray:
    """Labels renumbered 0..k-1 in order of each community's first node."""
    _, first, inverse = np.unique(label, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse]
