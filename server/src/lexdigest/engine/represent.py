"""Sentence vectors and near-duplicate candidates.

Each kept unit becomes a TF-IDF vector (sublinear term frequency, smoothed inverse sentence
frequency over the cluster, L2-normalised), so a dot product is a cosine similarity. The
pairwise similarity matrix is computed once, sparse, and shared by duplicate merging, ranking,
selection and citation.

Near-duplicates (one wire story carried by several outlets, a lede repeated inside one
article) collapse into one *candidate* that remembers every copy; the number of distinct
documents that carry it is its multiplicity, which ranking counts as agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .clean import Unit
from .text import Analyzer

DUPLICATE_SIMILARITY = 0.85
# Pairs below this cosine are dropped from the similarity graph: they carry almost no
# centrality signal and would make large clusters dense.
MIN_EDGE_SIMILARITY = 0.05


@dataclass(slots=True)
class Vectors:
    """TF-IDF vectors of the kept units (rows follow ``units``)."""

    units: list[Unit]
    texts: list[str]
    matrix: sp.csr_matrix  # n x V, rows L2-normalised (empty rows stay zero)
    vocabulary: dict[str, int]
    idf: np.ndarray
    words: np.ndarray  # whitespace word count of each unit
    terms: np.ndarray  # content-term count of each unit


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


def vectorize(texts: list[str], units: list[Unit], analyzer: Analyzer) -> Vectors:
    """TF-IDF vectors of ``units`` (all of which are kept, non-boilerplate units)."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    bodies: list[str] = []
    nterms: list[int] = []
    for u in units:
        body = texts[u.doc][u.start : u.end]
        bodies.append(body)
        counts: dict[int, int] = {}
        terms = analyzer.terms(body)
        for t in terms:
            j = vocab.setdefault(t, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        indices.extend(counts)
        data.extend(counts.values())
        indptr.append(len(indices))
        nterms.append(len(terms))
    n = len(units)
    tf = sp.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32), indptr),
        shape=(n, len(vocab)),
    )
    df = np.bincount(tf.indices, minlength=len(vocab)).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    tf.data = 1.0 + np.log(tf.data)
    weighted = tf.multiply(idf[np.newaxis, :]).tocsr() if n else tf
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)
    words = np.fromiter((len(b.split()) for b in bodies), dtype=np.int32, count=n)
    return Vectors(units, bodies, matrix, vocab, idf, words, np.asarray(nterms, dtype=np.int32))


def similarity(vectors: Vectors) -> sp.csr_matrix:
    """Cosine similarity of every pair of rows, sparse, diagonal included."""
    sim = sp.csr_matrix(vectors.matrix @ vectors.matrix.T)
    if sim.nnz:
        sim.data[sim.data < MIN_EDGE_SIMILARITY] = 0.0
        sim.eliminate_zeros()
    return sim


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


def merge_duplicates(
    vectors: Vectors, sim: sp.csr_matrix, eligible: np.ndarray | None = None
) -> Candidates:
    """Group rows whose similarity reaches ``DUPLICATE_SIMILARITY`` into candidates.

    The representative of a group is its earliest ``eligible`` row (documents in request
    order, sentences in reading order), so citations point at the first place a statement
    appears in a form that may be selected (an attributed quote rather than the bare quote);
    the earliest row when none is eligible.
    """
    n = len(vectors.units)
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    coo = sp.triu(sim, k=1, format="coo")
    strong = coo.data >= DUPLICATE_SIMILARITY
    for i, j in zip(coo.row[strong].tolist(), coo.col[strong].tolist(), strict=True):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = np.fromiter((find(i) for i in range(n)), dtype=np.int64, count=n)
    order = {r: c for c, r in enumerate(dict.fromkeys(roots.tolist()))}
    members: list[list[int]] = [[] for _ in order]
    for i, r in enumerate(roots.tolist()):
        members[order[r]].append(i)
    if eligible is not None:
        for m in members:
            first = next((k for k, i in enumerate(m) if eligible[i]), 0)
            if first:
                m.insert(0, m.pop(first))
    docs = [tuple(dict.fromkeys(vectors.units[i].doc for i in m)) for m in members]
    rep = np.fromiter((m[0] for m in members), dtype=np.int64, count=len(members))
    of_row = np.fromiter((order[r] for r in roots.tolist()), dtype=np.int64, count=n)
    return Candidates(rep, members, docs, of_row)


def concept_matrix(texts: list[str], analyzer: Analyzer) -> sp.csr_matrix:
    """Which *concepts* each text contains: a 0/1 matrix of texts x concepts.

    Concepts are adjacent word pairs after stemming, stop words kept inside a pair but pairs
    of two stop words dropped ("of the" says nothing, "rate of" or "the ruling" does). They
    are the units of information a digest should cover (as in concept-based summarization,
    Gillick & Favre 2009), and the same units ROUGE-2 counts.
    """
    ids: dict[tuple[str, str], int] = {}
    indptr = [0]
    indices: list[int] = []
    for t in texts:
        stems, stop = analyzer.stems(t)
        row = {ids.setdefault((stems[i], stems[i + 1]), len(ids))
               for i in range(len(stems) - 1) if not (stop[i] and stop[i + 1])}
        indices.extend(sorted(row))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), indptr),
                         shape=(len(texts), len(ids)))
