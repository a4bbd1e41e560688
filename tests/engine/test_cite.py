"""Supporting citations: one sentence per other document that states the same fact."""

from __future__ import annotations

import numpy as np
import pytest
from lexdigest.engine import cite
from lexdigest.engine._scipy import sparse as sp
from lexdigest.engine.clean import Unit


def _units(docs: list[int]) -> list[Unit]:
    return [Unit(d, i, 0, 10, 0, "sentence") for i, d in enumerate(docs)]


def _normalised(rows: list[list[float]]) -> sp.csr_matrix:
    m = np.array(rows, dtype=np.float64)
    return sp.csr_matrix(m / np.linalg.norm(m, axis=1, keepdims=True))


def test_each_other_document_lends_its_most_similar_sentence() -> None:
    matrix = _normalised([
        [1, 1, 1, 1, 0, 0],  # row 0, document 0: the digest sentence
        [1, 1, 1, 0.9, 0, 0],  # document 1, nearly the same
        [1, 1, 0.2, 0, 1, 0],  # document 1 again, less similar
        [0, 0, 0, 0, 1, 1],  # document 2, another fact
        [1, 1, 1, 1, 0, 0.5],  # document 3, the same fact, less close
        [1, 1, 1, 1, 0, 0],  # document 0 itself: never its own support
    ])
    got = cite.supporting([0], matrix, _units([0, 1, 1, 2, 3, 0]))
    assert got == {0: [1, 4]}  # most similar first


@pytest.mark.parametrize("sort", [False, True])
def test_a_term_stored_with_weight_zero_counts_as_shared_but_adds_no_cosine(sort: bool) -> None:
    """A stored zero makes the two products' structures differ (the cosine product drops a
    sum of exactly 0): the cosines are then looked up by column, with the same outcome."""
    dense = np.array([[0.5, 0.5, 0.5, 0.5, 0, 0, 0], [0.5, 0.5, 0.5, 0.5, 0, 0, 0],
                      [0, 0, 0, 0, 0.6, 0.8, 0]])
    matrix = sp.csr_matrix(dense)
    # Row 2 stores a weight 0 in column 0, a term it then "shares" with rows 0 and 1.
    m = matrix.tolil()
    m[2, 0] = 1.0
    matrix = sp.csr_matrix(m)
    matrix.data[matrix.indptr[2]] = 0.0
    if sort:
        matrix.sort_indices()
    cosine_pairs = (matrix[[2]] @ sp.csr_matrix(matrix.T)).nnz
    assert cosine_pairs == 1  # rows 0 and 1 share the zero-weight term, and drop out
    got = cite.supporting([0, 2], matrix, _units([0, 1, 2]))
    assert got == {0: [1], 2: []}
