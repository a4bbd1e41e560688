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

from collections.abc import Mapping, Sequence

import numpy as np

from ._scipy import sparse as sp
from .clean import Unit
from .model import Citation, DigestSentence, Document, Source
from .segment import SENTENCE

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


def citation(doc: Document, unit: Unit) -> Citation:
    """The citation of ``unit`` in ``doc``."""
    return Citation(doc.id, unit.sentence_index, unit.start, unit.end)


def supporting(
    rows: list[int], matrix: sp.csr_matrix, units: list[Unit]
) -> dict[int, list[int]]:
    """For each of ``rows``, the rows of other documents that say what it says (``same_fact``),
    one per document, most similar first.

    ``matrix`` holds every row's L2-normalised TF-IDF vector: the exact cosine is used, the
    one selection uses, not the pruned similarity graph. Only running-text sentences count
    as support: a headline or list fragment that repeats the statement is not a source
    saying it. Two sparse products for all ``rows`` at once.
    """
    if not rows:
        return {}
    mt = sp.csr_matrix(matrix.T)
    # The same structures with every weight 1: the products count the shared terms.
    ones = np.ones(matrix.nnz)
    present = sp.csr_matrix((ones, matrix.indices, matrix.indptr), shape=matrix.shape)
    present_t = sp.csr_matrix((ones, mt.indices, mt.indptr), shape=mt.shape)
    cosine = sp.csr_matrix(matrix[rows] @ mt)
    shared = sp.csr_matrix(present[rows] @ present_t)
    sizes = np.diff(matrix.indptr)
    # Both products have one structure (a pair is stored when it shares a term) unless a
    # cosine sums to exactly 0; then each row's cosines are looked up by column.
    aligned = (np.array_equal(cosine.indptr, shared.indptr)
               and np.array_equal(cosine.indices, shared.indices))
    out: dict[int, list[int]] = {}
    for k, row in enumerate(rows):
        lo, hi = shared.indptr[k], shared.indptr[k + 1]
        cols, counts = shared.indices[lo:hi], shared.data[lo:hi]
        if aligned:
            sims = cosine.data[lo:hi]
        else:
            clo, chi = cosine.indptr[k], cosine.indptr[k + 1]
            cos_of = dict(zip(cosine.indices[clo:chi].tolist(), cosine.data[clo:chi].tolist(),
                              strict=True))
            sims = np.array([cos_of.get(j, 0.0) for j in cols.tolist()])
        keep = same_fact(sims, counts, np.minimum(sizes[cols], sizes[row]))
        own = units[row].doc
        best: dict[int, tuple[float, int]] = {}
        for j, s in zip(cols[keep].tolist(), sims[keep].tolist(), strict=True):
            d = units[j].doc
            if d == own or units[j].kind != SENTENCE:
                continue
            if d not in best or s > best[d][0] or (s == best[d][0] and j < best[d][1]):
                best[d] = (s, j)
        out[row] = [j for _, j in sorted(best.values(), key=lambda sj: (-sj[0], sj[1]))]
    return out


def number_sources(
    docs_in_order: list[int], documents: list[Document], languages: list[str]
) -> tuple[list[Source], dict[int, int]]:
    """Number documents by first appearance; returns the sources and doc -> number.

    ``languages`` holds each document's language code, which its source reports."""
    numbers: dict[int, int] = {}
    for d in docs_in_order:
        numbers.setdefault(d, len(numbers) + 1)
    sources = [
        Source(n, documents[d].id, documents[d].title, documents[d].url, documents[d].source,
               languages[d])
        for d, n in numbers.items()
    ]
    return sources, numbers


def digest_sentences(
    documents: Sequence[Document],
    units: Sequence[Unit],
    rows: Sequence[int],
    support: Mapping[int, Sequence[int]],
    scores: Mapping[int, float],
    dates: Mapping[int, str],
    languages: list[str],
) -> tuple[tuple[DigestSentence, ...], list[Source], list[tuple[int, ...]]]:
    """The digest's sentences, cited, its numbered sources, and each sentence's supporting
    source numbers (by document: two documents may share an id).

    ``rows`` are the digest's units (indices into ``units``) in digest order; ``support``
    holds each one's supporting units, ``scores`` and ``dates`` its score and stated date.
    """
    appearance = [units[j].doc for r in rows for j in (r, *support[r])]
    sources, numbers = number_sources(appearance, list(documents), languages)

    def cite(j: int) -> Citation:
        return citation(documents[units[j].doc], units[j])

    sentences = tuple(
        DigestSentence(
            text=documents[units[r].doc].text[units[r].start : units[r].end],
            score=scores[r],
            citation=cite(r),
            supporting=tuple(cite(j) for j in support[r]),
            source_number=numbers[units[r].doc],
            date=dates[r],
        )
        for r in rows
    )
    return sentences, sources, [tuple(numbers[units[j].doc] for j in support[r]) for r in rows]
