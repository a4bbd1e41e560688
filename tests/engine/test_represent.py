"""The sentence graph (lexdigest.engine.represent.similarity), exact and scaled."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from lexdigest.engine import represent
from lexdigest.engine.rank import transition_matrix


def _vectors(n: int, v: int, seed: int) -> represent.Vectors:
    m = sp.random(n, v, density=12 / v, random_state=seed, format="csr")
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = sp.csr_matrix(sp.diags(1.0 / norms) @ m)
    words, concepts = np.zeros(n, np.int32), sp.csr_matrix((n, 0))
    return represent.Vectors([], [], m, {}, np.ones(v), words, concepts)


def test_exact_graph_keeps_every_pair_above_the_floor() -> None:
    vec = _vectors(600, 400, 1)
    dense = (vec.matrix @ vec.matrix.T).toarray()
    dense[dense < represent.MIN_EDGE_SIMILARITY] = 0
    np.testing.assert_allclose(represent.similarity(vec, scaled=False).toarray(), dense)


def test_scaled_graph_keeps_each_rows_nearest_neighbours_and_stays_symmetric() -> None:
    vec = _vectors(1500, 300, 2)
    dense = (vec.matrix @ vec.matrix.T).toarray()  # no term is common at this size
    g = represent.similarity(vec, scaled=True)
    k = represent.NEIGHBOURS
    assert g.nnz <= 2 * k * 1500
    assert abs(g - g.T).max() == 0
    gd = g.toarray()
    for i in range(0, 1500, 97):
        kth = np.sort(dense[i])[-k]
        strong = np.flatnonzero((dense[i] > kth) & (dense[i] >= represent.MIN_EDGE_SIMILARITY))
        np.testing.assert_allclose(gd[i, strong], dense[i, strong])  # all true top-k are kept
        kept = np.flatnonzero(gd[i])
        np.testing.assert_allclose(gd[i, kept], dense[i, kept])  # with their exact cosines


def test_scaled_graph_grows_linearly_with_the_cluster() -> None:
    """Edges per row stay bounded as the cluster grows (the exact graph's grow with n)."""
    small = represent.similarity(_vectors(2000, 300, 3), scaled=True).nnz / 2000
    large = represent.similarity(_vectors(8000, 300, 3), scaled=True).nnz / 8000
    exact_small = represent.similarity(_vectors(2000, 300, 3), scaled=False).nnz / 2000
    assert large <= 2 * represent.NEIGHBOURS
    assert large < 1.2 * small < exact_small


def test_transition_over_chosen_nodes_equals_the_submatrix_one() -> None:
    vec = _vectors(300, 200, 4)
    sim = represent.similarity(vec)
    for nodes in (np.array([7, 3, 250, 11, 42, 0, 199]), np.array([0, 3, 7, 11, 42, 199, 250])):
        doc = np.arange(len(nodes)) % 3
        mult = np.arange(1.0, len(nodes) + 1)
        sub = sp.csr_matrix(sim[nodes][:, nodes])
        expected = transition_matrix(sub, doc, mult).toarray()
        got = transition_matrix(sim, doc, mult, nodes=nodes, rows=represent.edge_rows(sim))
        np.testing.assert_allclose(got.toarray(), expected)


def test_components_match_a_breadth_first_search() -> None:
    rng = np.random.default_rng(5)
    for n, e in ((1, 0), (50, 0), (50, 30), (400, 300), (400, 1200)):
        a, b = rng.integers(0, n, e), rng.integers(0, n, e)
        chain = np.arange(n - 1)  # and one long path, the slowest case for label propagation
        if e:
            a, b = np.r_[a, chain[::-1]], np.r_[b, chain[::-1] + 1]
        label = represent._components(n, a, b)
        adjacency: dict[int, set[int]] = {i: set() for i in range(n)}
        for x, y in zip(a.tolist(), b.tolist(), strict=True):
            adjacency[x].add(y)
            adjacency[y].add(x)
        for start in range(n):
            seen, todo = {start}, [start]
            while todo:
                for y in adjacency[todo.pop()] - seen:
                    seen.add(y)
                    todo.append(y)
            assert label[start] == min(seen)
