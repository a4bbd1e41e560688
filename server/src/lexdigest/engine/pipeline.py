"""The digest pipeline: segment → clean → represent → rank → select → cite → order → render.

Each stage is a function of its own module; this one only runs them in order, times them,
and assembles the ``Digest``. ``check`` is called between stages and inside the ranking loop
so a caller (the service, enforcing a deadline) can abandon the work by raising from it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from operator import attrgetter
from time import perf_counter

import numpy as np

from . import cite, clean, context, detect, filters, rank, represent, select, sentence_graph, text
from ._scipy import sparse as sp
from .dates import agreed_date, document_date, sentence_date
from .languages import sentence_rules
from .model import (
    Citation,
    Decision,
    Digest,
    Document,
    Explanation,
    Options,
    Stats,
)
from .order import order_groups
from .render import render_text
from .segment import SENTENCE, segment

__all__ = ["split_sentences", "summarize_documents"]

LEAD_STRENGTH = 1.0
QUERY_DAMPING = 0.7


class _Clock:
    def __init__(self, stats: Stats, check: Callable[[], None] | None) -> None:
        self.stats, self.check, self.last = stats, check, perf_counter()

    def lap(self, stage: str) -> None:
        now = perf_counter()
        self.stats.stage_ms[stage] = self.stats.stage_ms.get(stage, 0.0) + (now - self.last) * 1e3
        self.last = now
        if self.check is not None:
            self.check()


def split_sentences(text: str, language: str = "") -> list[tuple[int, int]]:
    """``[(start, end), ...]`` of the units a digest cites from ``text``.

    The segmentation ``summarize_documents`` applies to ``text`` as a document: with the
    sentence rules of ``language`` when it is given, else of its detected language, so the
    spans agree with the digest's citations (``Citation.sentence_index``) of a digest of
    this document. In a request of several documents a short document's language may be
    read with the others as context (``detect.detect_all``): pass its ``Source.language``
    for the same spans there.
    """
    for name, value in (("text", text), ("language", language)):
        if not isinstance(value, str):
            raise TypeError(f"split_sentences: {name} must be a str, not "
                            f"{type(value).__name__}")
    rules = sentence_rules(detect.languages([text], language)[0])
    return [(s.start, s.end) for s in segment(text, rules)]


def summarize_documents(
    documents: Sequence[Document],
    options: Options | None = None,
    check: Callable[[], None] | None = None,
) -> Digest:
    """Build the cited digest of ``documents`` (ids must be unique, texts non-empty)."""
    options = options or Options()
    started = perf_counter()
    stats = Stats(documents=len(documents))
    clock = _Clock(stats, check)
    texts = [d.text for d in documents]
    languages = detect.languages(texts, options.language)
    clock.lap("detect")  # its time is reported, and a deadline is checked after it

    segments = [segment(t, sentence_rules(lang)) for t, lang in zip(texts, languages, strict=True)]
    units = clean.clean_documents(texts, segments)
    stats.sentences = len(units)
    clock.lap("segment")
    units = clean.mark_repeated(texts, units)
    kept = [u for u in units if not u.boilerplate]
    stats.dropped_boilerplate = len(units) - len(kept)
    clock.lap("clean")

    vectors = represent.vectorize(texts, kept, [text.analyzer(c) for c in languages])
    graph = sentence_graph.similarity(vectors, check)
    bounds = filters.Filters(options.min_sentence_words, options.max_sentence_words)
    row_rejected = filters.filter_reasons(vectors.texts, [u.kind for u in kept],
                                          vectors.words.tolist(), bounds)
    eligible = np.array([not r for r in row_rejected], dtype=bool)
    cands = sentence_graph.merge_duplicates(vectors, graph, eligible)
    rep = cands.rep
    stats.candidates = len(rep)
    clock.lap("represent")

    if not options.language and languages:  # a query is read in the language of most documents
        options = dataclasses.replace(options, language=Counter(languages).most_common(1)[0][0])
    scores = _rank(vectors, cands, graph, options, check)
    clock.lap("rank")

    ctexts = [vectors.texts[r] for r in rep.tolist()]
    cwords = vectors.words[rep]
    rejected = [row_rejected[r] for r in rep.tolist()]
    budget = select.Budget(options.resolved_max_sentences, options.max_words, options.max_chars)
    concepts = sp.csr_matrix(vectors.concepts[rep])
    pool = select.Pool(ctexts, cwords, scores, concepts, rejected,
                       sp.csr_matrix(vectors.matrix[rep]), np.full(len(rep), -1),
                       context.lead_finder(kept, vectors.texts, rep, cands.of_row, rejected))
    groups, choices = select.select(pool, budget, options.max_similarity)
    clock.lap("select")

    row_groups = [[int(rep[c]) for c in g] for g in groups]
    rows_chosen = [r for g in row_groups for r in g]
    support = cite.supporting(rows_chosen, vectors.matrix, kept)
    anchors: dict[int, datetime | None] = {}  # dates of the documents quoted, when first asked

    def stated(r: int) -> str:
        doc = kept[r].doc

        def anchor() -> datetime | None:  # read when a date of the sentence needs it
            if doc not in anchors:
                anchors[doc] = document_date(documents[doc])
            return anchors[doc]

        return sentence_date(vectors.texts[r], anchor)

    when = {r: stated(r) or agreed_date(vectors.texts[r], (stated(j) for j in support[r]))
            for r in rows_chosen}
    rows = order_groups(row_groups, [max(float(scores[c]) for c in g) for g in groups],
                        kept, list(documents), options.ordering, when)
    sentences, sources, marks = cite.digest_sentences(
        documents, kept, rows, support, {r: float(scores[cands.of_row[r]]) for r in rows},
        when, languages)
    _count_drops(stats, choices, len(kept) - len(rep))
    explanations: tuple[Explanation, ...] = ()
    if options.explain:
        explanations = _explain(documents, units, kept, cands, scores, choices)
    clock.lap("cite")
    stats.engine_ms = (perf_counter() - started) * 1e3
    rendered = render_text(sentences, sources, marks)
    found = tuple(c for c, _ in Counter(languages).most_common())
    return Digest(sentences, tuple(sources), rendered, stats, explanations, found)


def _rank(
    vectors: represent.Vectors,
    cands: sentence_graph.Candidates,
    graph: sentence_graph.Graph,
    options: Options,
    check: Callable[[], None] | None,
) -> np.ndarray:
    """LexRank scores of the candidates, scaled so the average candidate scores 1.0.

    The walk runs over the graph's nodes; a candidate is the node of its representative
    (two candidates never share a node, as a node's rows share a group), and the node takes
    that row's document.
    """
    n = len(cands.rep)
    if n == 0:
        return np.zeros(0)
    units = vectors.units
    doc = vectors.docs
    at, node_doc = cands.rep, doc
    if len(graph.first) < len(units):
        at = graph.node.take(cands.rep)
        node_doc = doc.take(graph.first)
        node_doc[at] = doc.take(cands.rep)
    multiplicity = np.zeros(len(graph.first))  # 0: a node of no candidate (rank.row_walk)
    multiplicity[at] = np.fromiter((len(d) for d in cands.docs), dtype=np.float64, count=n)
    # The graph is symmetric, entry for entry.
    transition = rank.row_walk(graph.matrix, node_doc, multiplicity)
    teleport = rank.lead_prior(_positions(units, doc)[cands.rep], LEAD_STRENGTH)
    damping = rank.DAMPING
    if options.query.strip():
        relevance = represent.query_vector(vectors, text.analyzer(options.language).terms(
            options.query))[cands.rep]
        if relevance.max() > 0:
            teleport = teleport * (relevance + 0.05 * relevance.max())
            damping = QUERY_DAMPING
    over_nodes = np.zeros(len(graph.first))
    over_nodes[at] = teleport
    scores: np.ndarray = rank.lexrank(transition, over_nodes, damping=damping,
                                      check=check).take(at)
    return scores * n


def _positions(units: list[clean.Unit], doc: np.ndarray) -> np.ndarray:
    """Position of each kept unit among its document's running-text sentences.

    A unit's position is the number of sentences before it in its document (units of one
    document are contiguous and in reading order); ``doc`` is each unit's document.
    """
    n = len(units)
    sentence = np.fromiter((u.kind == SENTENCE for u in units), dtype=np.int64, count=n)
    before = np.cumsum(sentence) - sentence  # sentences before each unit, all documents
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]]) if n else np.zeros(0, np.int64)
    first = np.repeat(starts, np.diff(np.r_[starts, n]))  # first unit of each unit's document
    return before - before[first]


def _count_drops(stats: Stats, choices: list[select.Choice], merged: int) -> None:
    counts = Counter(map(attrgetter("decision"), choices))
    stats.dropped_redundant = counts.get(Decision.REDUNDANT, 0) + merged
    stats.dropped_over_budget = counts.get(Decision.OVER_BUDGET, 0) + counts.get(
        Decision.NOT_REACHED, 0
    )
    stats.dropped_filtered = counts.get(Decision.FILTERED, 0)


def _explain(
    documents: Sequence[Document],
    units: list[clean.Unit],
    kept: list[clean.Unit],
    cands: sentence_graph.Candidates,
    scores: np.ndarray,
    choices: list[select.Choice],
) -> tuple[Explanation, ...]:
    """Every unit of every document and what happened to it, in reading order."""

    def cit(u: clean.Unit) -> Citation:
        return cite.citation(documents[u.doc], u)

    order = np.argsort(-scores, kind="stable")
    rank_of = {int(c): i + 1 for i, c in enumerate(order.tolist())}
    row_of = {(u.doc, u.sentence_index): i for i, u in enumerate(kept)}
    out: list[Explanation] = []
    for u in units:
        body = documents[u.doc].text[u.start : u.end]
        if u.boilerplate:
            out.append(Explanation(body, cit(u), 0.0, 0, Decision.BOILERPLATE, u.boilerplate))
            continue
        row = row_of[(u.doc, u.sentence_index)]
        c = int(cands.of_row[row])
        rep = int(cands.rep[c])
        if rep != row:
            out.append(Explanation(body, cit(u), float(scores[c]), 0, Decision.DUPLICATE,
                                   "near-duplicate of a higher candidate", cit(kept[rep])))
            continue
        ch = choices[c]
        related = cit(kept[int(cands.rep[ch.related])]) if ch.related >= 0 else None
        out.append(Explanation(body, cit(u), float(scores[c]), rank_of[c], ch.decision,
                               ch.reason, related))
    return tuple(out)
