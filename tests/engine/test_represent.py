"""Sentence vectors and the keys of their tokens (lexdigest.engine.represent, token_keys)."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine import _sorting, represent, token_keys
from lexdigest.engine.clean import Unit
from lexdigest.engine.scripts import count_words
from lexdigest.engine.text import analyzer

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
    fields = [np.array([u[f] for u in units], dtype=np.int64) for f in range(4)]
    ids, lengths, words, keys, numbered, hashed = token_keys.token_ids(
        units, fields, per_doc, distinct, lowered, bodies)
    width = max(len(distinct), 1)
    long_slots, long_words = hashed.words(keys[keys < token_keys._HASHED_BELOW])
    spelled_long = iter(zip(long_slots.tolist(), [w.decode() for w in long_words],
                            strict=True))
    spelled = [(key >> 56, (key & (1 << 56) - 1).to_bytes(7, "little").rstrip(b"\0").decode())
               if key >= 0 else next(spelled_long) if key < token_keys._HASHED_BELOW
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
        assert got.docs.dtype == np.int64 and got.docs.tolist() == [u.doc for u in units]
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
    monkeypatch.setattr(token_keys, "_MIX", (zero, zero, np.uint64(31)))
    got = represent.vectorize(texts, units, [analyzer("en")] * 2)
    assert got.vocabulary == want_vocabulary
    np.testing.assert_allclose(got.matrix.toarray(), want_matrix, rtol=1e-12, atol=0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-(1 << 63), (1 << 63) - 1), max_size=60), st.randoms())
def test_first_seen_ids_number_keys_in_order_of_first_appearance(
        distinct: list[int], rng: random.Random) -> None:
    keys = np.array([rng.choice(distinct) for _ in range(3 * len(distinct))] if distinct else [],
                    dtype=np.int64)
    ids, firsts = _sorting.first_seen_ids(keys)
    seen = list(dict.fromkeys(keys.tolist()))
    assert firsts.tolist() == seen
    assert ids.tolist() == [seen.index(k) for k in keys.tolist()]


def test_sort_order_groups_keys_that_share_a_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = np.array([5, 3, 5, 9, 3, 3, 1], dtype=np.int64)
    monkeypatch.setattr(_sorting, "_ORDER_MIX", np.uint64(0))  # every key one hash
    order, ordered = _sorting.sort_order(keys)
    assert np.array_equal(ordered, keys[order])
    assert np.array_equal(order, np.argsort(keys, kind="stable"))
    assert _sorting.first_seen_ids(keys)[0].tolist() == [0, 1, 0, 2, 1, 1, 3]


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
