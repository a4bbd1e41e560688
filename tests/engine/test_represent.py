"""Sentence vectors and the sentence graph (lexdigest.engine.represent)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine import represent
from lexdigest.engine.clean import Unit
from lexdigest.engine.rank import transition_matrix
from lexdigest.engine.scripts import count_words
from lexdigest.engine.text import analyzer


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
    got = represent.similarity(vec, scaled=False).matrix
    np.testing.assert_allclose(got.toarray(), dense)
    assert (got != got.T).nnz == 0  # entry for entry, as rank.row_walk needs


def test_scaled_graph_keeps_each_rows_nearest_neighbours_and_stays_symmetric() -> None:
    vec = _vectors(1500, 300, 2)
    dense = (vec.matrix @ vec.matrix.T).toarray()  # no term is common at this size
    g = represent.similarity(vec, scaled=True).matrix
    k = represent.NEIGHBOURS
    assert g.nnz <= 2 * k * 1500
    assert abs(g - g.T).max() == 0 and (g != g.T).nnz == 0
    gd = g.toarray()
    for i in range(0, 1500, 97):
        kth = np.sort(dense[i])[-k]
        strong = np.flatnonzero((dense[i] > kth) & (dense[i] >= represent.MIN_EDGE_SIMILARITY))
        np.testing.assert_allclose(gd[i, strong], dense[i, strong])  # all true top-k are kept
        kept = np.flatnonzero(gd[i])
        np.testing.assert_allclose(gd[i, kept], dense[i, kept])  # with their exact cosines


def test_scaled_graph_grows_linearly_with_the_cluster() -> None:
    """Edges per row stay bounded as the cluster grows (the exact graph's grow with n)."""
    small = represent.similarity(_vectors(2000, 300, 3), scaled=True).matrix.nnz / 2000
    large = represent.similarity(_vectors(8000, 300, 3), scaled=True).matrix.nnz / 8000
    exact_small = represent.similarity(_vectors(2000, 300, 3), scaled=False).matrix.nnz / 2000
    assert large <= 2 * represent.NEIGHBOURS
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
    return represent.Vectors([], [], m, {}, np.ones(v), words, concepts), source


@pytest.mark.parametrize("scaled", [False, True])
def test_repeated_rows_are_one_node_and_the_graph_is_the_rows_graph(scaled: bool) -> None:
    vec, source = _with_twins(400, 120, 8)
    g = represent.similarity(vec, scaled=scaled)
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
        dense[dense < represent.MIN_EDGE_SIMILARITY] = 0
        np.testing.assert_allclose(g.matrix.toarray(), dense)


def test_a_hash_shared_by_different_rows_never_makes_them_one_node(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With every row hashed alike, only true copies (checked entry by entry) may share."""
    vec, source = _with_twins(300, 90, 9)
    zero = np.uint64(0)
    monkeypatch.setattr(represent, "_ROW_MIX", (zero, zero, zero))
    g = represent.similarity(vec, scaled=False)
    for a in range(300):
        assert source[a] == source[g.first[g.node[a]]]
    dense = (vec.matrix[g.first] @ vec.matrix[g.first].T).toarray()
    dense[dense < represent.MIN_EDGE_SIMILARITY] = 0
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
    exact = represent.similarity(page, scaled=False).matrix
    got = represent.similarity(page).matrix
    assert exact.nnz > 600 * 590
    assert got.nnz <= 2 * represent.NEIGHBOURS * 600
    assert (got != represent.similarity(page, scaled=True).matrix).nnz == 0
    news = _lines_vectors([
        "The storm knocked out power to 40,000 homes across the northern districts.",
        "Crews worked through the night to restore power lines in the north.",
        "Schools will stay closed on Wednesday while roads are cleared of fallen trees.",
        "The utility said most homes should have power again by Thursday evening.",
    ] * 3 + ["Residents of the northern districts were told to stay indoors."])
    assert (represent.similarity(news).matrix != represent.similarity(news, scaled=False)
            .matrix).nnz == 0


def test_transition_over_chosen_nodes_equals_the_submatrix_one() -> None:
    vec = _vectors(300, 200, 4)
    sim = represent.similarity(vec).matrix
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


_TOKEN_TEXT = st.one_of(st.text(alphabet="ab Z1_'.-\n\t,;", max_size=60),
                        st.text(alphabet="ab Z1_'.-\n“”—\u00a0\u2028😀", max_size=60),
                        st.text(alphabet="ab Zé1_'.-’\n\t,;中İ\u0301٣", max_size=60))


@st.composite
def _units_of(draw: st.DrawFn) -> tuple[list[str], list[Unit], list[str]]:
    """Documents (some ASCII, some not), ordered units over arbitrary spans of them (a span
    may start or end inside a word), and a language per document."""
    texts = draw(st.lists(_TOKEN_TEXT, min_size=1, max_size=4))
    units: list[Unit] = []
    for d, t in enumerate(texts):
        cuts = sorted(draw(st.lists(st.integers(0, len(t)), max_size=8)))
        for k, (a, b) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
            units.append(Unit(d, k, a, b, 0, "sentence"))
    languages = draw(st.lists(st.sampled_from(["en", "de"]), min_size=len(texts),
                              max_size=len(texts)))
    return texts, units, languages


@settings(max_examples=300, deadline=None)
@given(_units_of())
def test_each_unit_gets_exactly_the_tokens_of_its_own_span(
        case: tuple[list[str], list[Unit], list[str]]) -> None:
    texts, units, languages = case
    per_doc = [analyzer(c) for c in languages]
    distinct = list({id(a): a for a in per_doc}.values())
    slot = {id(a): k for k, a in enumerate(distinct)}
    lowered = [a.normalize(t) for a, t in zip(per_doc, texts, strict=True)]
    bodies = [texts[u.doc][u.start : u.end] for u in units]
    ids, lengths, words, keys, numbered, hashed = represent._token_ids(
        units, per_doc, distinct, lowered, bodies)
    width = max(len(distinct), 1)
    long_slots, long_words = hashed.words(keys[keys < represent._HASHED_BELOW])
    spelled_long = iter(zip(long_slots.tolist(), [w.decode() for w in long_words],
                            strict=True))
    spelled = [(key >> 56, (key & (1 << 56) - 1).to_bytes(7, "little").rstrip(b"\0").decode())
               if key >= 0 else next(spelled_long) if key < represent._HASHED_BELOW
               else (~key % width, numbered[~key % width][~key // width])
               for key in keys.tolist()]
    expected = [[(slot[id(per_doc[u.doc])], w)
                 for w in per_doc[u.doc].tokens_in(lowered[u.doc], u.start, u.end)]
                for u in units]
    flat = [t for ts in expected for t in ts]
    assert [spelled[i] for i in ids.tolist()] == flat
    # Numbered in order of first appearance; a word may have two ids (hashed and numbered).
    assert list(dict.fromkeys(spelled)) == list(dict.fromkeys(flat))
    first_ids = [ids[flat.index(w)] for w in dict.fromkeys(flat)]
    assert first_ids == sorted(first_ids)
    assert lengths.tolist() == [len(ts) for ts in expected]
    assert words.tolist() == [count_words(b) for b in bodies]


def _plain_vectors(texts: list[str], units: list[Unit], languages: list[str]) -> tuple[
        dict[str, int], np.ndarray, list[set[tuple[int, int]]]]:
    """Reference: vocabulary, TF-IDF matrix and concept pairs, one unit and one word at a
    time (the definitions ``represent.vectorize`` computes with array passes)."""
    per_doc = [analyzer(c) for c in languages]
    vocabulary: dict[str, int] = {}
    rows: list[list[tuple[int, bool]]] = []
    for u in units:
        a = per_doc[u.doc]
        tokens = a.tokens_in(a.normalize(texts[u.doc]), u.start, u.end)
        stems, flags = a.lookup(tokens)
        rows.append([(vocabulary.setdefault(s, len(vocabulary)), f)
                     for s, f in zip(stems, flags, strict=True)])
    n, v = len(units), len(vocabulary)
    counts = np.zeros((n, v))
    for i, toks in enumerate(rows):
        for term, flag in toks:
            counts[i, term] += 0 if flag else 1
    idf = np.log((1.0 + n) / (1.0 + (counts > 0).sum(axis=0))) + 1.0
    with np.errstate(divide="ignore"):
        tf = np.where(counts > 0, 1.0 + np.log(counts), 0.0)
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1)
    norms[norms == 0] = 1.0
    pairs = [{(x, y) for (x, fx), (y, fy) in itertools.pairwise(toks) if not (fx and fy)}
             for toks in rows]
    return vocabulary, weights / norms[:, None], pairs


@settings(max_examples=150, deadline=None)
@given(_units_of())
def test_vectors_equal_a_word_by_word_reference(
        case: tuple[list[str], list[Unit], list[str]]) -> None:
    """Vocabulary, weights and concepts as the plain definitions give them, whether the
    analyzers have seen the words before (keyed terms kept) or not."""
    texts, units, languages = case
    want_vocabulary, want_matrix, want_pairs = _plain_vectors(texts, units, languages)
    per_doc = [analyzer(c) for c in languages]
    for _ in range(2):  # the second call finds its words kept from the first
        got = represent.vectorize(texts, units, per_doc)
        assert got.vocabulary == want_vocabulary
        np.testing.assert_allclose(got.matrix.toarray(), want_matrix, rtol=1e-12, atol=0)
        assert got.matrix.has_sorted_indices
        concepts = got.concepts.tocsr()
        assert concepts.has_canonical_format and (concepts.data == 1.0).all()
        assert [len(p) for p in want_pairs] == np.diff(concepts.indptr).tolist()
        assert concepts.shape[1] == len(set().union(*want_pairs)) if want_pairs else True


def test_words_that_share_a_hashed_key_are_numbered_instead(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A hash that gives every middle-length word one key: the call still gets one key per
    word (the dictionary path), so the vectors are those of the plain definitions."""
    texts = ["Parliament approved the measures. The governments of Europe approved them.",
             "European parliaments debated measures and governments."]
    units = [Unit(0, 0, 0, 33, 0, "sentence"), Unit(0, 1, 34, 75, 0, "sentence"),
             Unit(1, 0, 0, 55, 0, "sentence")]
    want_vocabulary, want_matrix, _ = _plain_vectors(texts, units, ["en", "en"])
    zero = np.uint64(0)
    monkeypatch.setattr(represent, "_MIX", (zero, zero, np.uint64(31)))
    got = represent.vectorize(texts, units, [analyzer("en")] * 2)
    assert got.vocabulary == want_vocabulary
    np.testing.assert_allclose(got.matrix.toarray(), want_matrix, rtol=1e-12, atol=0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-(1 << 63), (1 << 63) - 1), max_size=60), st.randoms())
def test_first_seen_ids_number_keys_in_order_of_first_appearance(
        distinct: list[int], rng: random.Random) -> None:
    keys = np.array([rng.choice(distinct) for _ in range(3 * len(distinct))] if distinct else [],
                    dtype=np.int64)
    ids, firsts = represent._first_seen_ids(keys)
    seen = list(dict.fromkeys(keys.tolist()))
    assert firsts.tolist() == seen
    assert ids.tolist() == [seen.index(k) for k in keys.tolist()]


def test_sort_order_groups_keys_that_share_a_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = np.array([5, 3, 5, 9, 3, 3, 1], dtype=np.int64)
    monkeypatch.setattr(represent, "_ORDER_MIX", np.uint64(0))  # every key one hash
    order, ordered = represent._sort_order(keys)
    assert np.array_equal(ordered, keys[order])
    assert np.array_equal(order, np.argsort(keys, kind="stable"))
    assert represent._first_seen_ids(keys)[0].tolist() == [0, 1, 0, 2, 1, 1, 3]


def test_concepts_numbered_by_argsort_are_the_same_matrix() -> None:
    rng = np.random.default_rng(9)
    n, v = 40, 30
    row = np.sort(rng.integers(0, n, 400))
    stem = rng.integers(0, v, 400)
    flagged = rng.random(400) < 0.3
    m = represent._concepts(row, stem, flagged, n, v)
    at = np.flatnonzero((row[:-1] == row[1:]) & ~(flagged[:-1] & flagged[1:]))
    other = represent._concepts_by_argsort(stem[at] * v + stem[at + 1], row[at], n)
    assert m.shape == other.shape and (m != other).nnz == 0
    assert np.array_equal(m.indices, other.indices) and np.array_equal(m.indptr, other.indptr)
