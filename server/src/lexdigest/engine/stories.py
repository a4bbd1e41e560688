"""Stories: a pile of documents about many stories split into stories, each digested.

``group(documents, granularity)`` returns the stories as lists of document positions;
``cluster(documents, options)`` adds each story's headline, time span and digest.

Representation. Each document is one TF-IDF vector over the whole pile (the engine's
``represent.vectorize`` with one unit per document: sublinear term frequency, inverse document
frequency over the pile, L2-normalised). The pile is its own background: a word common to many
stories ("said", "government") weighs little, a word of one story much. The headline counts
once more than the body, since it names the story.

Clustering. Group-average agglomerative clustering (UPGMA): the similarity of two groups is
the mean cosine of all their cross pairs, which for unit vectors is the dot product of their
vector sums divided by both sizes, so it is computed exactly from the sums without any pair
matrix. Time enters as a factor: two groups whose mean dates lie ``d`` days apart have their
similarity divided by ``1 + d / TIME_SCALE_DAYS`` (reports of one event cluster in time; the same
subject months later is usually another story). Groups merge while the best similarity reaches
the threshold set by ``granularity``.

Scale. Merging runs in rounds, as in the reciprocal-nearest-neighbour scheme for reducible
linkages (Murtagh 1983): each round, every group finds its most similar group through one
sparse product of the group sums, and every pair of groups that are each other's best and
reach the threshold merges. The product is an inverted-index join over the terms; terms found
in more than ``COMMON_TERM_SHARE`` of the documents (which link nearly every pair and weigh
little) are left out of it, so a pile of many stories costs close to linear time. Results
depend only on the documents, not on their order in the request (ties break on content).

Reference: Manning, Raghavan & Schütze, *Introduction to Information Retrieval*, ch. 17
(group-average clustering); Allan et al. 1998, *Topic Detection and Tracking pilot study*
(time in news clustering).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from time import perf_counter

import numpy as np
import scipy.sparse as sp

from . import represent, text
from .clean import Unit
from .dates import document_date
from .model import Digest, Document, Stories, Story, StoryOptions, StoryTitle
from .pipeline import summarize_documents

# Similarity threshold at granularity 0 and 1, geometric in between: the default (0.5) is
# about 0.055, the best setting on news wire in our benchmark (bench/stories).
THRESHOLD_AT_0 = 0.01
THRESHOLD_AT_1 = 0.30
TIME_SCALE_DAYS = 30.0
COMMON_TERM_SHARE = 0.05
MIN_COMMON_DF = 50  # in small piles no term is too common to index
BLOCK_ROWS = 2048
_SECONDS_PER_DAY = 86400.0


def threshold(granularity: float) -> float:
    """The group-average cosine two groups need to be one story, for ``granularity``."""
    g = min(1.0, max(0.0, granularity))
    return float(THRESHOLD_AT_0 * (THRESHOLD_AT_1 / THRESHOLD_AT_0) ** g)


def group(
    documents: Sequence[Document],
    granularity: float,
    language: str = "en",
    check: Callable[[], None] | None = None,
) -> list[list[int]]:
    """The stories of ``documents`` as lists of positions, each in request order.

    Every position is in exactly one list; lists come largest first, then by first position.
    """
    n = len(documents)
    if n == 0:
        return []
    x = _vectors(documents, language)
    days = _days(documents)
    label = _merge(x, days, threshold(granularity), _tie_order(documents), check)
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(label.tolist()):
        groups.setdefault(g, []).append(i)
    return sorted(groups.values(), key=lambda m: (-len(m), m[0]))


def _vectors(documents: Sequence[Document], language: str) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of the documents, headline counted twice.

    ``represent.vectorize`` smooths its inverse frequency (``log((1+n)/(1+df)) + 1``), so a
    word of every sentence still weighs 1; between documents of a pile such a word says
    nothing, so the weights are rescaled to the plain ``log(n/df)``, which is 0 for a word
    of every document.
    """
    texts = [f"{d.title}\n{d.title}\n{d.text}" if d.title else d.text for d in documents]
    units = [Unit(i, 0, 0, len(t), 0, "sentence") for i, t in enumerate(texts)]
    vectors = represent.vectorize(texts, units, text.analyzer(language))
    m = vectors.matrix
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
    plain = np.log(n / np.maximum(df, 1.0))
    m = sp.csr_matrix((m.data * (plain / vectors.idf)[m.indices], m.indices, m.indptr),
                      shape=m.shape)
    m.eliminate_zeros()
    norms = np.sqrt(np.bincount(np.repeat(np.arange(n), np.diff(m.indptr)),
                                weights=m.data * m.data, minlength=n))
    norms[norms == 0] = 1.0
    m.data /= np.repeat(norms, np.diff(m.indptr))
    return m


def _days(documents: Sequence[Document]) -> np.ndarray:
    """Each document's date in days (NaN when unknown)."""
    out = np.full(len(documents), np.nan)
    for i, d in enumerate(documents):
        when = document_date(d)
        if when is not None:
            out[i] = when.timestamp() / _SECONDS_PER_DAY
    return out


def _tie_order(documents: Sequence[Document]) -> np.ndarray:
    """A rank of each document by a hash of its content, so ties do not follow input order."""
    keys = [hashlib.blake2b(f"{d.title}\0{d.text}".encode(), digest_size=8).digest()
            for d in documents]
    rank = np.empty(len(keys), dtype=np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return rank


def _merge(x: sp.csr_matrix, days: np.ndarray, limit: float, tie: np.ndarray,
           check: Callable[[], None] | None) -> np.ndarray:
    """Group label of every row after group-average merging down to ``limit``."""
    n = x.shape[0]
    df = np.bincount(x.indices, minlength=x.shape[1])
    common = df > max(MIN_COMMON_DF, COMMON_TERM_SHARE * n)
    if common.any():
        x = x.copy()
        x.data[common[x.indices]] = 0.0
        x.eliminate_zeros()
    label = np.arange(n)
    while True:
        k = int(label.max()) + 1
        member = sp.csr_matrix((np.ones(n), (label, np.arange(n))), shape=(k, n))
        size = np.asarray(member.sum(axis=1)).ravel()
        sums = sp.csr_matrix(member @ x)
        dated = np.isfinite(days)
        dated_count = member @ dated.astype(np.float64)
        day_sum = member @ np.where(dated, days, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_day = day_sum / dated_count
        key = np.full(k, np.iinfo(np.int64).max)
        np.minimum.at(key, label, tie)
        best, score = _best_partner(sums, size, mean_day, key, check)
        mutual = (best >= 0) & (score >= limit)
        idx = np.flatnonzero(mutual)
        mutual[idx] &= best[best[idx]] == idx
        pairs = np.flatnonzero(mutual & (np.arange(k) < np.maximum(best, 0)))
        if not len(pairs):
            return _renumber(label)
        target = np.arange(k)
        target[best[pairs]] = pairs
        label = target[label]
        label = _renumber(label)


def _best_partner(sums: sp.csr_matrix, size: np.ndarray, mean_day: np.ndarray,
                  key: np.ndarray, check: Callable[[], None] | None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Each group's most similar other group (-1 when none shares a term) and the score."""
    k = sums.shape[0]
    best = np.full(k, -1, dtype=np.int64)
    score = np.zeros(k)
    t = sp.csc_matrix(sums.T)
    for lo in range(0, k, BLOCK_ROWS):
        block = sp.coo_matrix(sums[lo : lo + BLOCK_ROWS] @ t)
        r = block.row + lo
        c = block.col
        other = r != c
        r, c, v = r[other], c[other], block.data[other]
        v = v / (size[r] * size[c])
        gap = np.abs(mean_day[r] - mean_day[c])
        v = v / (1.0 + np.where(np.isfinite(gap), gap, 0.0) / TIME_SCALE_DAYS)
        if len(v):
            # Best per row: sort by row, then score descending, then the partner's tie key.
            order = np.lexsort((key[c], -v, r))
            r, c, v = r[order], c[order], v[order]
            first = np.r_[True, r[1:] != r[:-1]]
            best[r[first]] = c[first]
            score[r[first]] = v[first]
        if check is not None:
            check()
    return best, score


def _renumber(label: np.ndarray) -> np.ndarray:
    """Labels renumbered 0..k-1 in order of each group's first row."""
    _, first, inverse = np.unique(label, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse]


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
    groups = group(documents, options.granularity, options.digest.language, check)
    built = []
    for members in groups:
        docs = [documents[i] for i in members]
        digest = summarize_documents(docs, options.digest, check)
        dates = [d for d in (document_date(doc) for doc in docs) if d is not None]
        start = min(dates) if dates else None
        end = max(dates) if dates else None
        built.append((members, docs, digest, start, end))
    built.sort(key=lambda b: (-len(b[0]), -(b[4].timestamp() if b[4] else -np.inf), b[0][0]))
    return [
        Story(f"story-{n}", tuple(d.id for d in docs), _title(docs, digest, options), start,
              end, digest)
        for n, (_, docs, digest, start, end) in enumerate(built, 1)
    ]


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
        analyzer = text.analyzer(options.digest.language)
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


