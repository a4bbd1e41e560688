"""The sentence graph and near-duplicate merging (lexdigest.engine.sentence_graph)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from lexdigest.engine import represent, sentence_graph
from lexdigest.engine.clean import Unit
from lexdigest.engine.components import components
from lexdigest.engine.rank import transition_matrix
from lexdigest.engine.text import analyzer


def _vectors(n: int, v: int, seed: int) -> represent.Vectors:
    m = sp.random(n, v, density=12 / v, random_state=seed, format="csr")
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = sp.csr_matrix(sp.diags(1.0 / norms) @ m)
    words, concepts = np.zeros(n, np.int32), sp.csr_matrix((n, 0))
    return represent.Vectors([], np.zeros(0, np.int64), [], m, {}, np.ones(v), words,
                             concepts)


def test_exact_graph_keeps_every_pair_above_the_floor() -> None:
    vec = _vectors(600, 400, 1)
    dense = (vec.matrix @ vec.matrix.T).toarray()
    dense[dense < sentence_graph.MIN_EDGE_SIMILARITY] = 0
    got = sentence_graph.similarity(vec, scaled=False).matrix
    np.testing.assert_allclose(got.toarray(), dense)
    assert (got != got.T).nnz == 0  # entry for entry, as rank.row_walk needs


def test_scaled_graph_keeps_each_rows_nearest_neighbours_and_stays_symmetric() -> None:
    vec = _vectors(1500, 300, 2)
    dense = (vec.matrix @ vec.matrix.T).toarray()  # no term is common at this size
    g = sentence_graph.similarity(vec, scaled=True).matrix
    k = sentence_graph.NEIGHBOURS
    assert g.nnz <= 2 * k * 1500
    assert abs(g - g.T).max() == 0 and (g != g.T).nnz == 0
    gd = g.toarray()
    for i in range(0, 1500, 97):
        kth = np.sort(dense[i])[-k]
        strong = np.flatnonzero((dense[i] > kth) & (dense[i] >= sentence_graph.MIN_EDGE_SIMILARITY))
        np.testing.assert_allclose(gd[i, strong], dense[i, strong])  # all true top-k are kept
        kept = np.flatnonzero(gd[i])
        np.testing.assert_allclose(gd[i, kept], dense[i, kept])  # with their exact cosines


def test_scaled_graph_grows_linearly_with_the_cluster() -> None:
    """Edges per row stay bounded as the cluster grows (the exact graph's grow with n)."""
    small = sentence_graph.similarity(_vectors(2000, 300, 3), scaled=True).matrix.nnz / 2000
    large = sentence_graph.similarity(_vectors(8000, 300, 3), scaled=True).matrix.nnz / 8000
    exact_small = sentence_graph.similarity(_vectors(2000, 300, 3), scaled=False).matrix.nnz / 2000
    assert large <= 2 * sentence_graph.NEIGHBOURS
    assert large < 1.2 * small < exact_small


def _with_twins(n: int, v: int, seed: int) -> tuple[represent.Vectors, np.ndarray]:
    """Random vectors where some rows repeat earlier ones exactly, some rows are empty, and
    the source row of each row (itself when it is no copy)."""
    rng = np.random.default_rng(seed)
    base = _vectors(n, v, seed).matrix.tolil()
    source = np.arange(n)
    for r in range(1, n):
        if rng.random() < 0.3:
            source[r] = source[rng.integers(0, r)]
            base.rows[r], base.data[r] = list(base.rows[source[r]]), list(base.data[source[r]])
        elif rng.random() < 0.05:
            base.rows[r], base.data[r], source[r] = [], [], r
    m = sp.csr_matrix(base)
    m.sort_indices()
    words, concepts = np.zeros(n, np.int32), sp.csr_matrix((n, 0))
    return represent.Vectors([], np.zeros(0, np.int64), [], m, {}, np.ones(v), words,
                             concepts), source


@pytest.mark.parametrize("scaled", [False, True])
def test_repeated_rows_are_one_node_and_the_graph_is_the_rows_graph(scaled: bool) -> None:
    vec, source = _with_twins(400, 120, 8)
    g = sentence_graph.similarity(vec, scaled=scaled)
    nonempty = np.diff(vec.matrix.indptr) > 0
    # Rows share a node exactly when they are copies of one non-empty row.
    for a in range(0, 400, 7):
        for b in range(a + 1, 400, 5):
            same = source[a] == source[b] and nonempty[a]
            assert (g.node[a] == g.node[b]) == same
    assert (np.diff(g.first) > 0).all()  # nodes in reading order
    assert (g.node.take(g.first) == np.arange(len(g.first))).all()
    assert (g.first.take(g.node) <= np.arange(400)).all()
    assert len(g.first) < 320 and (g.matrix != g.matrix.T).nnz == 0
    if not scaled:  # the nodes' graph is the graph of their earliest rows
        distinct = vec.matrix[g.first]
        dense = (distinct @ distinct.T).toarray()
        dense[dense < sentence_graph.MIN_EDGE_SIMILARITY] = 0
        np.testing.assert_allclose(g.matrix.toarray(), dense)


def test_a_hash_shared_by_different_rows_never_makes_them_one_node(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With every row hashed alike, only true copies (checked entry by entry) may share."""
    vec, source = _with_twins(300, 90, 9)
    zero = np.uint64(0)
    monkeypatch.setattr(sentence_graph, "_ROW_MIX", (zero, zero, zero))
    g = sentence_graph.similarity(vec, scaled=False)
    for a in range(300):
        assert source[a] == source[g.first[g.node[a]]]
    dense = (vec.matrix[g.first] @ vec.matrix[g.first].T).toarray()
    dense[dense < sentence_graph.MIN_EDGE_SIMILARITY] = 0
    np.testing.assert_allclose(g.matrix.toarray(), dense)


def _lines_vectors(lines: list[str]) -> represent.Vectors:
    text = "\n".join(lines)
    units, start = [], 0
    for k, line in enumerate(lines):
        units.append(Unit(0, k, start, start + len(line), 0, "sentence"))
        start += len(line) + 1
    return represent.vectorize([text], units, analyzer("en"))


def test_a_page_of_near_identical_lines_takes_the_scaled_graph_at_any_size() -> None:
    """600 lines sharing five words, each with one word of its own: the exact graph would
    hold every pair; the cost rule gives the bounded one. News keeps the exact graph."""
    words = ["".join(p) for p in itertools.product("klmnprstv", repeat=3)]
    page = _lines_vectors([f"Ab cd ef gh ij {words[i]}." for i in range(600)])
    exact = sentence_graph.similarity(page, scaled=False).matrix
    got = sentence_graph.similarity(page).matrix
    assert exact.nnz > 600 * 590
    assert got.nnz <= 2 * sentence_graph.NEIGHBOURS * 600
    assert (got != sentence_graph.similarity(page, scaled=True).matrix).nnz == 0
    # Rows whose words spread as a cluster's words do (a dozen per row, few shared widely)
    # keep the exact graph at any size the rule looks at.
    for n in (sentence_graph.DENSE_MIN_ROWS, 2000):
        spread = _vectors(n, 3 * n, 6)
        assert (sentence_graph.similarity(spread).matrix
                != sentence_graph.similarity(spread, scaled=False).matrix).nnz == 0


def test_after_the_switch_nodes_are_the_distinct_rows_of_the_scaled_graphs_terms() -> None:
    """Lines that differ only in a word the scaled graph leaves out (one of more than
    ``COMMON_TERM_ROWS`` lines) are one node of the scaled graph."""
    words = ["".join(p) for p in itertools.product("klmnprstv", repeat=3)]
    lines = [f"Ab cd ef gh ij {words[i % 400]}{' zz' if i % 7 else ''}." for i in range(1500)]
    page = _lines_vectors(lines)
    exact = sentence_graph.similarity(page, scaled=False)
    got = sentence_graph.similarity(page)
    assert len(exact.first) == len({(i % 400, i % 7 > 0) for i in range(1500)}) > 500
    assert len(got.first) == 400  # the own word alone: "zz" is in 1,285 lines
    for a, b in ((0, 1), (0, 400), (1, 5), (2, 402), (7, 407)):
        assert (got.node[a] == got.node[b]) == (a % 400 == b % 400)


def test_transition_over_chosen_nodes_equals_the_submatrix_one() -> None:
    vec = _vectors(300, 200, 4)
    sim = sentence_graph.similarity(vec).matrix
    for nodes in (np.array([7, 3, 250, 11, 42, 0, 199]), np.array([0, 3, 7, 11, 42, 199, 250])):
        doc = np.arange(len(nodes)) % 3
        mult = np.arange(1.0, len(nodes) + 1)
        sub = sp.csr_matrix(sim[nodes][:, nodes])
        expected = transition_matrix(sub, doc, mult).toarray()
        got = transition_matrix(sim, doc, mult, nodes=nodes)
        np.testing.assert_allclose(got.toarray(), expected)


def test_components_match_a_breadth_first_search() -> None:
    rng = np.random.default_rng(5)
    for n, e in ((1, 0), (50, 0), (50, 30), (400, 300), (400, 1200)):
        a, b = rng.integers(0, n, e), rng.integers(0, n, e)
        chain = np.arange(n - 1)  # and one long path, the slowest case for label propagation
        if e:
            a, b = np.r_[a, chain[::-1]], np.r_[b, chain[::-1] + 1]
        label = components(n, a, b)
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
