"""Sentence vectors: TF-IDF vectors and concepts of the kept units.

Each kept unit becomes a TF-IDF vector (sublinear term frequency, smoothed inverse sentence
frequency over the cluster, L2-normalised), so a dot product is a cosine similarity, and a
0/1 row of the *concepts* (adjacent word pairs) it contains. Its tokens come keyed from
``token_keys``; ``sentence_graph`` builds the similarity graph of the vectors.
``normalize_rows`` scales the rows of any such matrix to unit length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import token_keys
from ._scipy import sparse as sp
from ._sorting import distinct_counts
from .clean import Unit
from .text import Analyzer


@dataclass(slots=True)
class Vectors:
    """TF-IDF vectors and concepts of the kept units (rows follow ``units``)."""

    units: list[Unit]
    docs: np.ndarray  # document index of each unit (int64)
    texts: list[str]
    matrix: sp.csr_matrix  # n x V, rows L2-normalised (empty rows stay zero)
    vocabulary: dict[str, int]
    idf: np.ndarray
    words: np.ndarray  # word count of each unit (``scripts.count_words``)
    concepts: sp.csr_matrix  # n x K, 1 where the unit contains the concept


def vectorize(texts: list[str], units: list[Unit],
              analyzer: Analyzer | Sequence[Analyzer]) -> Vectors:
    """TF-IDF vectors and concept incidence of ``units`` (all kept, non-boilerplate).

    ``analyzer`` is one for every document or one per document (documents in different
    languages); a word is stemmed by the analyzer of its document, and stems of every
    language share one vocabulary (names and numbers match across languages).
    Tokens are found in one pass per document (``token_keys.token_ids``) and each distinct
    word of the cluster is stemmed once; everything per token after that is array arithmetic.
    """
    n = len(units)
    per_doc = [analyzer] * len(texts) if isinstance(analyzer, Analyzer) else list(analyzer)
    distinct = list({id(a): a for a in per_doc}.values())
    # Units are named tuples: one transposition gives their fields as columns.
    fields = [np.fromiter(f, dtype=np.int64, count=n) for f in [*zip(*units, strict=True)][:4]] \
        if n else [np.zeros(0, dtype=np.int64)] * 4
    bodies = [texts[u.doc][u.start : u.end] for u in units]
    lowered = [a.normalize(t) for a, t in zip(per_doc, texts, strict=True)]
    tok, lengths, words, keys, numbered, hashed = token_keys.token_ids(
        units, fields, per_doc, distinct, lowered, bodies)
    stems, flag_of = token_keys.lookup(distinct, keys, numbered, hashed)
    # Terms numbered in order of first appearance (``dict.fromkeys`` keeps it).
    vocabulary = dict(zip(dict.fromkeys(stems), range(len(stems)), strict=False))
    stem_of = np.fromiter(map(vocabulary.__getitem__, stems), dtype=np.int64, count=len(stems))
    row = np.repeat(np.arange(n, dtype=np.int64), lengths)
    stem = stem_of[tok] if tok.size else tok
    flagged = flag_of[tok] if tok.size else np.zeros(0, dtype=bool)
    v = len(vocabulary)

    # Term counts per (row, term) by one sort of combined keys; the CSR arrays follow.
    width = max(v, 1)
    content = np.flatnonzero(~flagged)
    keys, counts = distinct_counts(row.take(content) * width + stem.take(content))
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
    return Vectors(units, fields[0], bodies, matrix, vocabulary, idf, words,
                   _concepts(row, stem, flagged, n, v))


def _concepts(row: np.ndarray, stem: np.ndarray, flagged: np.ndarray, n: int,
              v: int) -> sp.csr_matrix:
    """Which *concepts* each unit contains: a 0/1 matrix of units x concepts.

    Concepts are adjacent word pairs after stemming, stop words kept inside a pair but pairs
    of two stop words dropped ("of the" says nothing, "rate of" or "the ruling" does). They
    are the units of information a digest should cover (as in concept-based summarization,
    Gillick & Favre 2009), and the same units ROUGE-2 counts. Columns follow the pairs'
    sorted keys; each row's columns are sorted and distinct.
    """
    if row.size < 2:
        return sp.csr_matrix((n, 0))
    at = np.flatnonzero((row[:-1] == row[1:]) & ~(flagged[:-1] & flagged[1:]))
    keys = stem.take(at) * max(v, 1) + stem.take(at + 1)
    if max(v, 1) ** 2 * max(n, 1) >= 1 << 62:  # (pair, unit) would not fit one integer
        return _concepts_by_argsort(keys, row.take(at), n)
    # (pair, unit) cells sorted by pair then unit, without repeats: column-major order, so
    # the matrix is built in CSC form and converted (which sorts each row's columns).
    cells, _ = distinct_counts(keys * max(n, 1) + row.take(at))
    pair, r = np.divmod(cells, max(n, 1))
    fresh = np.empty(len(pair), dtype=bool)
    fresh[:1] = True
    np.not_equal(pair[1:], pair[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    indptr = np.append(starts, len(pair)).astype(np.int32)
    m = sp.csc_matrix((np.ones(len(r)), r.astype(np.int32), indptr), shape=(n, len(starts)))
    return m.tocsr()


def _concepts_by_argsort(keys: np.ndarray, rows: np.ndarray, n: int) -> sp.csr_matrix:
    """``_concepts``' matrix from pair keys and their rows, numbering pairs by an argsort."""
    order = np.argsort(keys)
    ordered = keys.take(order)
    fresh = np.empty(len(keys), dtype=bool)
    fresh[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    number = np.cumsum(fresh) - 1
    concepts = int(number[-1]) + 1 if number.size else 0
    column = np.empty(len(keys), dtype=np.int64)
    column[order] = number
    # (unit, concept) pairs, sorted and without repeats: the rows come in order already.
    cells, _ = distinct_counts(rows * max(concepts, 1) + column)
    r, c = np.divmod(cells, max(concepts, 1))
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
    return sp.csr_matrix((np.ones(len(c)), c.astype(np.int32), indptr), shape=(n, concepts))


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


def normalize_rows(matrix: sp.csr_matrix) -> None:
    """Scale every row of ``matrix`` to unit length, in place (empty rows stay empty)."""
    norms = np.sqrt(np.bincount(edge_rows(matrix), weights=matrix.data * matrix.data,
                                minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))


def edge_rows(matrix: sp.csr_matrix) -> np.ndarray:
    """The row index of every stored entry of ``matrix`` (the COO rows of a CSR matrix)."""
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
