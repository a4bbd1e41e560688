"""Citations: the primary span of each digest sentence, its supporting spans, numbered sources.

A digest sentence cites the document it was taken from with the exact span. It is *supported*
by every other document holding a sentence that states the same fact (``same_fact``): the
most similar such sentence of each document, most similar first. Sources are numbered in
order of first appearance in the digest, primary citations and supporting ones alike, so
every ``[n]`` marker resolves to the source list.

``same_fact`` is also the judgement selection applies to pairs of digest sentences: two
sentences one of which would be cited as supporting the other are never both in a digest.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .clean import Unit
from .model import Citation, Document, Source

# Two sentences state the same fact when their TF-IDF cosine reaches SUPPORT_SIMILARITY ...
SUPPORT_SIMILARITY = 0.35
# ... or when most content words of the shorter one recur in the other: a paraphrase whose
# shared words weigh little in TF-IDF (names repeated all over the cluster) slips past the
# cosine alone. OVERLAP_SHARE of the shorter sentence's distinct content terms (stems, stop
# words left out), and at least OVERLAP_MIN_SHARED of them.
OVERLAP_SHARE = 0.7
OVERLAP_MIN_SHARED = 4


def same_fact(
    similarity: np.ndarray, shared: np.ndarray, smaller: np.ndarray
) -> np.ndarray:
    """Which pairs state the same fact, element-wise.

    ``similarity`` is the pairs' cosine, ``shared`` the number of content terms they share,
    ``smaller`` the number of distinct content terms of the shorter sentence of each pair.
    """
    return (similarity >= SUPPORT_SIMILARITY) | (
        (shared >= OVERLAP_MIN_SHARED) & (shared >= OVERLAP_SHARE * smaller)
    )


def presence(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """0/1 matrix of which content terms each row holds (``matrix`` is rows x terms)."""
    m = sp.csr_matrix(matrix, copy=True)
    m.data[:] = 1.0
    return m


def citation(doc: Document, unit: Unit) -> Citation:
    """The citation of ``unit`` in ``doc``."""
    return Citation(doc.id, unit.sentence_index, unit.start, unit.end)


def supporting_rows(
    row: int, matrix: sp.csr_matrix, present: sp.csr_matrix, units: list[Unit]
) -> list[int]:
    """Rows of other documents that say what ``row`` says, one per document, best first.

    ``matrix`` holds the rows' L2-normalised TF-IDF vectors (the exact cosine is used, the
    one selection uses, not the pruned similarity graph), ``present`` their term presence
    (``presence``). Only running-text sentences count as support: a headline or list
    fragment that repeats the statement is not a source saying it.
    """
    shared_line = sp.csr_matrix(present[row] @ present.T)
    line = sp.csr_matrix(matrix[row] @ matrix.T)
    cosine = dict(zip(line.indices.tolist(), line.data.tolist(), strict=True))
    cols = shared_line.indices
    sizes = np.diff(present.indptr)
    own, size = units[row].doc, sizes[row]
    keep = same_fact(np.array([cosine.get(j, 0.0) for j in cols.tolist()]),
                     shared_line.data, np.minimum(sizes[cols], size))
    best: dict[int, tuple[float, int]] = {}
    for j in cols[keep].tolist():
        d = units[j].doc
        if d == own or units[j].kind != "sentence":
            continue
        s = cosine.get(j, 0.0)
        if d not in best or s > best[d][0] or (s == best[d][0] and j < best[d][1]):
            best[d] = (s, j)
    return [j for _, j in sorted(best.values(), key=lambda sj: (-sj[0], sj[1]))]


def number_sources(
    docs_in_order: list[int], documents: list[Document]
) -> tuple[list[Source], dict[int, int]]:
    """Number documents by first appearance; returns the sources and doc -> number."""
    numbers: dict[int, int] = {}
    for d in docs_in_order:
        numbers.setdefault(d, len(numbers) + 1)
    sources = [
        Source(n, documents[d].id, documents[d].title, documents[d].url, documents[d].source)
        for d, n in numbers.items()
    ]
    return sources, numbers
