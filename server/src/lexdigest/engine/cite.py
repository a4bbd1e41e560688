"""Citations: the primary span of each digest sentence, its supporting spans, numbered sources.

A digest sentence cites the document it was taken from with the exact span. It is *supported*
by every other document holding a sentence whose cosine similarity to it reaches
``SUPPORT_SIMILARITY`` (0.35): the most similar such sentence of each document, most similar
first. Sources are numbered in order of first appearance in the digest, primary citations and
supporting ones alike, so every ``[n]`` marker resolves to the source list.
"""

from __future__ import annotations

import scipy.sparse as sp

from .clean import Unit
from .model import SUPPORT_SIMILARITY, Citation, Document, Source


def citation(doc: Document, unit: Unit) -> Citation:
    """The citation of ``unit`` in ``doc``."""
    return Citation(doc.id, unit.sentence_index, unit.start, unit.end)


def supporting_rows(
    row: int, sim: sp.csr_matrix, units: list[Unit], threshold: float = SUPPORT_SIMILARITY
) -> list[int]:
    """Rows of other documents that say what ``row`` says, one per document, best first.

    Only running-text sentences count as support: a headline or list fragment that repeats
    the statement is not a source saying it.
    """
    line = sim.getrow(row)
    own = units[row].doc
    best: dict[int, tuple[float, int]] = {}
    for j, s in zip(line.indices.tolist(), line.data.tolist(), strict=True):
        d = units[j].doc
        if d == own or s < threshold or units[j].kind != "sentence":
            continue
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
