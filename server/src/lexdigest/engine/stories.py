"""Stories: a pile of documents about many stories split into stories, each digested.

``group(documents, granularity)`` returns the stories as lists of document positions;
``cluster(documents, options)`` adds each story's headline, time span and digest.

Representation. Each document is one TF-IDF vector over the whole pile (the engine's
``represent.vectorize`` with one unit per document, sublinear term frequency, reweighted to
the plain inverse document frequency ``log(n/df)``, L2-normalised). The pile is its own
background: a word of every document ("said") weighs nothing, a word of one story much. The
headline counts once more than the body, since it names the story. Each document is analysed
in its own language (``detect.languages``: the one the options name, else the detected one,
as a digest does), so a feed of many languages is clustered with each one's stems and stop
words, and reports of one story in one language find each other.

Copies. Documents whose vectors have a cosine of at least ``COPY_SIMILARITY`` (one wire report
carried by several outlets, a page crawled twice) are one node of the graph, so that a
document's neighbours are other reports rather than its own copies, and a story's digest is
made from one document of each copy set (the first in request order): copies add no content,
only cost.

Graph. Each document is linked to its ``NEIGHBOURS`` most similar documents (cosine of at
least ``MIN_SIMILARITY``), where time discounts similarity: two documents ``d`` days apart
have their cosine divided by ``1 + d / TIME_SCALE_DAYS`` (reports of one event cluster in
time; the same subject months later is usually another story; undated documents are not
discounted). A nearest-neighbour graph keeps what tells stories apart (each report's closest
reports) and drops the many weak links that make related subjects blur into each other.

Stories are the graph's communities by modularity (``communities.louvain``), at a resolution
set by ``granularity``; a pile of fewer than ``REFERENCE_PILE`` documents is weighed as a part
of one that large (modularity's null model would otherwise keep a few documents from ever
forming a story). A document with no neighbour is a story of its own.

Scale. Copies and neighbours come from sparse products of the document vectors, computed in
row blocks; it is an inverted-index join over the terms, and terms found in more than
``COMMON_TERM_SHARE`` of the documents (which link nearly every pair and weigh little) are
left out of it, so a pile of many stories costs close to linear time and memory. Results
depend only on the documents, not on their order in the request: documents are numbered by a
hash of their content before anything else.

References: Blondel et al. 2008 (Louvain); Allan et al. 1998, *Topic Detection and Tracking
pilot study* (time in news clustering); Manning, Raghavan & Schütze, *Introduction to
Information Retrieval*, ch. 6 (TF-IDF) and ch. 16-17 (clustering).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from time import perf_counter

import numpy as np

from . import detect, represent, text
from ._scipy import sparse as sp
from .clean import Unit
from .communities import louvain
from .components import components
from .dates import document_date
from .model import Digest, Document, Stories, Story, StoryOptions, StoryTitle, number_stories
from .pipeline import summarize_documents
from .segment import SENTENCE

NEIGHBOURS = 5  # links per document in the graph
COPY_SIMILARITY = 0.9  # documents this alike are copies of one report
MIN_SIMILARITY = 0.05  # weaker links are noise between unrelated reports
TIME_SCALE_DAYS = 30.0
# Modularity resolution at granularity 0 and 1, geometric in between: the default (0.5) is
# about 12, where bench/stories scores best on news wire (B-cubed F1 0.95; 0.94 at 0.6).
RESOLUTION_AT_0 = 1.0
RESOLUTION_AT_1 = 150.0
# Modularity's null model scales with the pile: a pile smaller than this many documents is
# weighed as a part of one this large, so that a few documents still form stories.
REFERENCE_PILE = 500
COMMON_TERM_SHARE = 0.05
MIN_COMMON_DF = 50  # in small piles no term is too common to index
BLOCK_ROWS = 1024
_SECONDS_PER_DAY = 86400.0


def resolution(granularity: float) -> float:
    """The modularity resolution used for ``granularity`` (0 to 1)."""
    g = min(1.0, max(0.0, granularity))
    return float(RESOLUTION_AT_0 * (RESOLUTION_AT_1 / RESOLUTION_AT_0) ** g)


def group(
    documents: Sequence[Document],
    granularity: float,
    language: str = "",
    check: Callable[[], None] | None = None,
) -> list[list[int]]:
    """The stories of ``documents`` as lists of positions, each in request order.

    ``language`` names the documents' language; "" detects each one's.

    Every position is in exactly one list; lists come largest first, then by first position.
    """
    return [[i for m in story for i in m]
            for story in story_sets(documents, granularity, language, check)]


def story_sets(documents: Sequence[Document], granularity: float, language: str = "",
               check: Callable[[], None] | None = None) -> list[list[list[int]]]:
    """Each story as its sets of copies (positions, ascending), ordered as ``group`` orders.

    Copies are documents whose vectors have a cosine of at least ``COPY_SIMILARITY`` (the
    same wire story carried by several outlets, a page crawled twice): they are one node of
    the graph, so that a document's neighbours are other reports rather than its own copies.
    """
    n = len(documents)
    if n == 0:
        return []
    canonical = _canonical_order(documents)  # canonical[k]: position of the k-th document
    docs = [documents[i] for i in canonical.tolist()]
    x = _index_vectors(_vectors(docs, language))
    copy = _copies(x, check)
    first = np.unique(copy, return_index=True)[1]  # the first document of each copy set
    days = _days(docs)
    graph = neighbour_graph(x[first], days[first], check)
    mean_degree = graph.sum() / max(len(first), 1)
    label = louvain(graph, resolution(granularity), REFERENCE_PILE * mean_degree, check)
    sets: dict[int, list[int]] = {}
    for k, c in enumerate(copy.tolist()):
        sets.setdefault(c, []).append(int(canonical[k]))
    stories: dict[int, list[list[int]]] = {}
    for c, members in sets.items():
        stories.setdefault(int(label[c]), []).append(sorted(members))
    out = [sorted(s) for s in stories.values()]
    return sorted(out, key=lambda s: (-sum(map(len, s)), min(m[0] for m in s)))


def _index_vectors(x: sp.csr_matrix) -> sp.csr_matrix:
    """``x`` without the pile's common terms (see the module docstring), rows
    renormalised so that a dot product is a cosine again."""
    n = x.shape[0]
    df = np.bincount(x.indices, minlength=x.shape[1])
    common = df > max(MIN_COMMON_DF, COMMON_TERM_SHARE * n)
    if common.any():
        x = x.copy()
        x.data[common[x.indices]] = 0.0
        x.eliminate_zeros()
        represent.normalize_rows(x)
    return x


def _copies(x: sp.csr_matrix, check: Callable[[], None] | None) -> np.ndarray:
    """Copy-set label of every row: rows joined by a cosine of at least ``COPY_SIMILARITY``,
    numbered in order of their first row."""
    n = x.shape[0]
    t = sp.csc_matrix(x.T)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for lo in range(0, n, BLOCK_ROWS):
        block = sp.coo_matrix(x[lo : lo + BLOCK_ROWS] @ t)
        strong = block.data >= COPY_SIMILARITY
        rows.append(block.row[strong] + lo)
        cols.append(block.col[strong])
        if check is not None:
            check()
    r, c = np.concatenate(rows), np.concatenate(cols)
    # Each set labelled by its first document; sets numbered in that order.
    label = components(n, r, c)
    out: np.ndarray = np.unique(label, return_inverse=True)[1].reshape(-1)
    return out


def neighbour_graph(x: sp.csr_matrix, days: np.ndarray,
                    check: Callable[[], None] | None = None) -> sp.csr_matrix:
    """The symmetric graph linking each row to its ``NEIGHBOURS`` most similar rows.

    Similarity is the dot product of the rows (``_index_vectors``), divided by
    ``1 + days apart / TIME_SCALE_DAYS``; links below ``MIN_SIMILARITY`` are dropped. An
    edge weighs the larger of its two directions' similarities (they are equal).
    """
    n = x.shape[0]
    t = sp.csc_matrix(x.T)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for lo in range(0, n, BLOCK_ROWS):
        block = sp.coo_matrix(x[lo : lo + BLOCK_ROWS] @ t)
        r, c, v = block.row + lo, block.col, block.data
        gap = np.abs(days[r] - days[c])
        v = v / (1.0 + np.where(np.isfinite(gap), gap, 0.0) / TIME_SCALE_DAYS)
        keep = (r != c) & (v >= MIN_SIMILARITY)
        r, c, v = r[keep], c[keep], v[keep]
        # The best NEIGHBOURS of each row: by row, similarity descending, then column.
        order = np.lexsort((c, -v, r))
        r, c, v = r[order], c[order], v[order]
        starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]]) if len(r) else r
        rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
        top = rank < NEIGHBOURS
        rows.append(r[top])
        cols.append(c[top])
        vals.append(v[top])
        if check is not None:
            check()
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    directed = sp.csr_matrix((v, (r, c)), shape=(n, n))
    return sp.csr_matrix(directed.maximum(directed.T))


def _vectors(documents: Sequence[Document], language: str) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of the documents, headline counted twice.

    ``represent.vectorize`` smooths its inverse frequency (``log((1+n)/(1+df)) + 1``), so a
    word of every sentence still weighs 1; between documents of a pile such a word says
    nothing, so the weights are rescaled to the plain ``log(n/df)``, which is 0 for a word
    of every document.
    """
    texts = [f"{d.title}\n{d.title}\n{d.text}" if d.title else d.text for d in documents]
    units = [Unit(i, 0, 0, len(t), 0, SENTENCE) for i, t in enumerate(texts)]
    analyzers = [text.analyzer(c) for c in detect.languages(texts, language)]
    vectors = represent.vectorize(texts, units, analyzers)
    m = vectors.matrix
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
    plain = np.log(n / np.maximum(df, 1.0))
    m = sp.csr_matrix((m.data * (plain / vectors.idf)[m.indices], m.indices, m.indptr),
                      shape=m.shape)
    m.eliminate_zeros()
    represent.normalize_rows(m)
    return m


def _days(documents: Sequence[Document]) -> np.ndarray:
    """Each document's date in days (NaN when unknown)."""
    out = np.full(len(documents), np.nan)
    for i, d in enumerate(documents):
        when = document_date(d)
        if when is not None:
            out[i] = when.timestamp() / _SECONDS_PER_DAY
    return out


def _canonical_order(documents: Sequence[Document]) -> np.ndarray:
    """Positions of the documents sorted by a hash of their content (then position)."""
    keys = [hashlib.blake2b(f"{d.title}\0{d.text}".encode(), digest_size=8).digest()
            for d in documents]
    return np.asarray(sorted(range(len(keys)), key=lambda i: (keys[i], i)), dtype=np.int64)


def cluster(
    documents: Sequence[Document],
    options: StoryOptions | None = None,
    check: Callable[[], None] | None = None,
) -> list[Story]:
    """The stories of ``documents``, each with its headline, time span and digest.

    Ids must be unique and texts non-empty (as for ``summarize_documents``). Stories are
    ordered largest first, then most recent (latest date; undated last), then by their first
    document's position; ``Story.id`` is ``story-<n>`` in that order.
    """
    options = options or StoryOptions()
    sets = story_sets(documents, options.granularity, options.digest.language, check)
    return number_stories([(min(i for m in s for i in m), story(documents, s, options, check))
                           for s in sets])


def story(
    documents: Sequence[Document],
    sets: Sequence[Sequence[int]],
    options: StoryOptions,
    check: Callable[[], None] | None = None,
) -> Story:
    """The story made of the copy sets ``sets`` (positions in ``documents``, as ``story_sets``
    gives them): its documents in request order, headline, time span and digest. Its ``id``
    is "" until ``number_stories`` numbers it among the pile's stories."""
    members = sorted(i for m in sets for i in m)
    docs = [documents[i] for i in members]
    # Copies add no content to a digest, only cost: each copy set is digested through its
    # first document in request order.
    digest = summarize_documents([documents[i] for i in sorted(m[0] for m in sets)],
                                 options.digest, check)
    dates = [d for d in (document_date(doc) for doc in docs) if d is not None]
    return Story("", tuple(d.id for d in docs), _title(docs, digest, options),
                 min(dates) if dates else None, max(dates) if dates else None, digest)


def summarize_stories(
    documents: Sequence[Document],
    options: StoryOptions | None = None,
    check: Callable[[], None] | None = None,
) -> Stories:
    """``cluster``'s stories with the pile's size and the engine time they took."""
    started = perf_counter()
    stories = cluster(documents, options, check)
    return Stories(tuple(stories), len(documents), (perf_counter() - started) * 1e3)


def _title(docs: list[Document], digest: Digest, options: StoryOptions) -> StoryTitle:
    """The most central headline of the story, else its highest-ranked digest sentence."""
    titled = [d for d in docs if d.title.strip()]
    if titled:
        if len(titled) == 1:
            return StoryTitle(titled[0].title, titled[0].id)
        # The headlines are read in the story's language: the one named, or its digest's.
        analyzer = text.analyzer(options.digest.language or next(iter(digest.languages), "en"))
        bags = [set(analyzer.terms(d.title)) for d in titled]
        counts: dict[str, int] = {}
        for bag in bags:
            for term in bag:
                counts[term] = counts.get(term, 0) + 1
        # The headline sharing the most words with the other headlines, per word it has.
        def centrality(i: int) -> float:
            bag = bags[i]
            return sum(counts[t] - 1 for t in bag) / (len(bag) ** 0.5 or 1.0)
        best = max(range(len(titled)), key=lambda i: (centrality(i), -i))
        return StoryTitle(titled[best].title, titled[best].id)
    if digest.sentences:
        top = max(digest.sentences, key=lambda s: s.score)
        return StoryTitle(top.text, top.citation.document_id, top.citation)
    first = docs[0]
    line = first.text.strip().splitlines()[0][:200] if first.text.strip() else first.id
    return StoryTitle(line, first.id)


