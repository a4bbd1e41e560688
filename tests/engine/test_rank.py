"""LexRank on small graphs (lexdigest.engine.rank)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from lexdigest.engine.rank import lead_prior, lexrank, row_walk, transition_matrix


def _dense_stationary(p: np.ndarray, teleport: np.ndarray, d: float) -> np.ndarray:
    """Reference: the leading left eigenvector of the damped chain, solved densely."""
    n = len(teleport)
    rows = p.sum(axis=1)
    p = p.copy()
    p[rows == 0] = teleport  # dangling rows jump by the teleport vector
    m = d * p + (1 - d) * np.outer(np.ones(n), teleport)
    vals, vecs = np.linalg.eig(m.T)
    v = np.real(vecs[:, np.argmax(np.real(vals))])
    return v / v.sum()


def test_power_iteration_reaches_the_true_fixed_point() -> None:
    rng = np.random.default_rng(7)
    sim = rng.random((12, 12))
    sim = (sim + sim.T) / 2
    sim[sim < 0.5] = 0
    doc = np.arange(12) // 3
    t = transition_matrix(sp.csr_matrix(sim), doc, np.ones(12))
    teleport = lead_prior(np.arange(12) % 3, 1.0)
    teleport = teleport / teleport.sum()
    got = lexrank(t, teleport)
    want = _dense_stationary(t.toarray(), teleport, 0.85)
    assert np.allclose(got, want, atol=1e-8)
    assert abs(got.sum() - 1) < 1e-12


def test_agreement_across_sources_outweighs_agreement_inside_one() -> None:
    # Sentence 0 is echoed by a sentence of another document; sentence 2 by one of its own.
    sim = np.zeros((4, 4))
    sim[0, 1] = sim[1, 0] = 0.6
    sim[2, 3] = sim[3, 2] = 0.6
    sim[0, 2] = sim[2, 0] = 0.1
    doc = np.array([0, 1, 0, 0])
    t = transition_matrix(sp.csr_matrix(sim), doc, np.ones(4), cross_weight=2.0)
    scores = lexrank(t, np.ones(4))
    assert scores[0] > scores[2]


def test_multiplicity_counts_a_merged_duplicate_as_several_sources() -> None:
    sim = np.array([[0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
    t = transition_matrix(sp.csr_matrix(sim), np.array([0, 1, 2]), np.array([3.0, 1.0, 1.0]))
    scores = lexrank(t, np.ones(3))
    assert scores[0] > scores[1] == scores[2]


def test_check_hook_can_stop_the_iteration() -> None:
    sim = sp.random(200, 200, density=0.2, random_state=1, format="csr")
    sim = sp.csr_matrix(sim + sim.T)
    t = transition_matrix(sim, np.zeros(200, dtype=int), np.ones(200))

    class Stop(Exception):
        pass

    def check() -> None:
        raise Stop

    try:
        lexrank(t, np.ones(200), tolerance=0.0, check=check)
    except Stop:
        return
    raise AssertionError("the check hook was never called")


def _symmetric_sim(n: int, density: float, seed: int) -> sp.csr_matrix:
    m = sp.random(n, n, density=density, random_state=seed, format="csr")
    return sp.csr_matrix(m + m.T + sp.identity(n))


def test_a_graph_with_dangling_nodes_gives_their_mass_to_the_teleport_vector() -> None:
    sim = sp.csr_matrix(np.array([[1, .5, 0, 0], [.5, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1.]]))
    t = transition_matrix(sim, np.array([0, 1, 2, 3]), np.ones(4))
    teleport = np.array([1.0, 1.0, 2.0, 4.0])
    want = _dense_stationary(t.toarray(), teleport / teleport.sum(), 0.85)
    np.testing.assert_allclose(lexrank(t, teleport), want, atol=1e-8)


def test_the_walk_over_all_rows_scores_the_nodes_as_their_own_graph_does() -> None:
    """``row_walk``: rows of weight 0 hold no mass, and the nodes score as in the graph of
    the nodes alone (contiguous documents, as units come, or documents in any order)."""
    rng = np.random.default_rng(3)
    for n, density in ((1, 0.5), (30, 0.0), (80, 0.08), (400, 0.03)):
        sim = _symmetric_sim(n, density, n + 1)
        for doc in (np.sort(rng.integers(0, 6, n)), rng.integers(0, 6, n)):
            nodes = np.flatnonzero(rng.random(n) < 0.8)
            weight = np.zeros(n)
            weight[nodes] = rng.integers(1, 4, len(nodes))
            teleport = np.zeros(n)
            teleport[nodes] = rng.random(len(nodes)) + 0.1
            walk = row_walk(sim, doc, weight)
            plain = transition_matrix(sim, doc[nodes], weight[nodes], nodes=nodes)
            np.testing.assert_array_equal(walk.toarray()[np.ix_(nodes, nodes)], plain.toarray())
            got = lexrank(walk, teleport)
            assert (got[weight == 0] == 0).all()
            np.testing.assert_allclose(got[nodes], lexrank(plain, teleport[nodes]), rtol=0,
                                       atol=1e-15)


def test_a_teleport_without_positive_mass_is_an_error_not_a_walk_over_every_row() -> None:
    """A uniform fallback would hand rows that are not nodes (weight 0 in ``row_walk``)
    mass, and scores; the walk asks its caller for a prior instead."""
    sim = _symmetric_sim(20, 0.2, 5)
    weight = np.zeros(20)
    weight[::2] = 1.0
    walk = row_walk(sim, np.arange(20) // 5, weight)
    for teleport in (np.zeros(20), np.where(weight > 0, -1.0, 0.0), np.full(20, np.nan),
                     np.full(20, np.inf), np.r_[-1.0, np.full(19, 1.0)]):
        with pytest.raises(ValueError, match="teleport"):
            lexrank(walk, teleport)
    got = lexrank(walk, weight)  # a prior on the nodes only: the other rows get nothing
    assert (got[weight == 0] == 0).all() and abs(got.sum() - 1) < 1e-12
