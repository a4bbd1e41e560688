"""Choosing digest sentences: coverage of central content within a hard budget.

LexRank says how central each candidate is; selection decides which *set* of candidates best
covers the central content of the cluster within the budget. The objective is a weighted
coverage of concepts (adjacent word pairs, ``represent.Vectors.concepts``):

    F(S) = sum of w(c) over the concepts c covered by S,   w(c) = LexRank mass of c

where the LexRank mass of a concept is the sum of the LexRank scores of the candidates that
contain it: content repeated by many central sentences, across sources, weighs most. F is
monotone submodular, so the cost-scaled greedy algorithm (Khuller, Moss & Naor 1999; Lin &
Bilmes 2010) is a near-optimal way to maximise it under a length budget: repeatedly take the
candidate with the largest gain per ``words ** LENGTH_EXPONENT``. A concept counts once, so a
second sentence that repeats the first gains almost nothing: redundancy is penalised by the
objective itself. A hard similarity ceiling (``max_similarity``) stays on top of that, so a
near-paraphrase can never enter however it scores.

Readable digests: a candidate that leans on the sentence before it (``context``) enters only
together with that sentence, shown right before it, gain and cost counted for both; and no
candidate enters that states a fact of the digest again (``cite.same_fact``, the judgement
behind ``supporting``).

Budgets are hard caps. A candidate that would overflow the budget is skipped and smaller
ones are still tried, so the budget fills as far as whole sentences allow. Candidates a
filter rejects (``filters``) are never chosen.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import cite
from ._scipy import sparse as sp
from .model import Decision

# Gain is divided by words ** LENGTH_EXPONENT. 1 is the plain cost-scaled greedy; a little
# less favours informative long sentences over several short ones. Measured on DUC 2004 (see
# README "Quality"): 0.7 to 1.0 all score within 0.4 ROUGE-2 of each other.
LENGTH_EXPONENT = 0.85

@dataclass(frozen=True, slots=True)
class Budget:
    """Hard caps of the digest; 0 means no cap of that kind."""

    sentences: int = 0
    words: int = 0
    chars: int = 0


@dataclass(frozen=True, slots=True)
class Choice:
    """The outcome for one candidate; ``related`` is a candidate index or -1."""

    decision: Decision
    reason: str = ""
    related: int = -1
    similarity: float = 0.0


_OVER_BUDGET = Choice(Decision.OVER_BUDGET, "does not fit the remaining budget")
_NOT_REACHED = Choice(Decision.NOT_REACHED, "budget filled with candidates adding more per word")
_SELECTED = Choice(Decision.SELECTED)


@dataclass(frozen=True, slots=True)
class Pool:
    """The candidates selection chooses from, row ``c`` of every array being candidate ``c``.

    ``scores`` are LexRank scores, ``concepts`` the concept incidence, ``rejected[c]`` the
    filter reason (or ""), ``vectors`` the L2-normalised TF-IDF rows (the redundancy tests
    use their exact cosine), ``lead[c]`` the candidate that must be shown right before ``c``
    (the sentence before it in its document, see ``context``), or -1. With ``find_lead``
    (``context.lead_finder``), a candidate's lead is asked for when it is about to be taken.
    """

    texts: list[str]
    words: np.ndarray
    scores: np.ndarray
    concepts: sp.csr_matrix
    rejected: list[str]
    vectors: sp.csr_matrix
    lead: np.ndarray
    find_lead: Callable[[int], tuple[int, str]] | None = None


def select(
    pool: Pool,
    budget: Budget,
    max_similarity: float,
    length_exponent: float = LENGTH_EXPONENT,
) -> tuple[list[list[int]], list[Choice]]:
    """Greedy coverage selection over candidates.

    A candidate with a lead is taken together with it: their gain is that of the concepts
    they cover together and their cost their words together, unless the lead is already in
    the digest. A candidate enters only if neither it nor its lead states a fact of the
    digest again (``cite.same_fact``) or exceeds ``max_similarity`` with a digest sentence;
    ``max_similarity`` 1 turns both tests off. Returns the digest as groups of candidates in
    selection order (a lead and the candidates shown after it form one group, in reading
    order) and the choice of every candidate, ``choices[c]`` being candidate ``c``'s.
    """
    n = len(pool.texts)
    words, scores = pool.words, pool.scores
    lead = np.array(pool.lead, dtype=np.int64)
    asked = np.full(n, pool.find_lead is None, dtype=bool)
    # Choices are immutable: candidates filtered for the same reason share one, and every
    # candidate starts as not reached.
    filtered = {r: Choice(Decision.FILTERED, r) for r in set(pool.rejected) if r}
    choices = [filtered[r] if r else _NOT_REACHED for r in pool.rejected]
    open_ = np.fromiter(map(operator.not_, pool.rejected), dtype=bool, count=n)
    over_budget = np.zeros(n, dtype=bool)
    chars = np.fromiter(map(len, pool.texts), dtype=np.int64, count=n)
    concepts = sp.csr_matrix(pool.concepts)

    def covers(c: int) -> np.ndarray:
        covered: np.ndarray = concepts.indices[concepts.indptr[c]:concepts.indptr[c + 1]]
        return covered

    # What a candidate with a lead covers: the union of their concepts.
    pairs: dict[int, np.ndarray] = {
        c: np.union1d(covers(c), covers(int(lead[c]))) for c in np.flatnonzero(lead >= 0).tolist()}
    weights = np.asarray(concepts.T @ scores).ravel() if concepts.shape[1] else np.zeros(0)
    uncovered = np.ones_like(weights)
    digest = _Digest(sp.csr_matrix(pool.vectors), max_similarity)
    in_digest = np.zeros(n, dtype=bool)
    groups: list[list[int]] = []
    group_of: dict[int, int] = {}
    used_words = used_chars = 0
    everyone = np.arange(n)
    # Until a candidate has a lead, what each one needs is its own words, characters and
    # one sentence: those arrays are computed once, not at every round.
    alone = np.zeros(n, dtype=bool)
    alone_cost = np.maximum(words, 1).astype(np.float64) ** length_exponent
    while open_.any():
        if pairs:
            has_lead = lead >= 0
            lead_of = np.where(has_lead, lead, everyone)
            extra = has_lead & ~in_digest[lead_of]
            need_w = words + np.where(extra, words[lead_of], 0)
            cost = np.maximum(need_w, 1).astype(np.float64) ** length_exponent
        else:
            extra, need_w, cost = alone, words, alone_cost
        fits = open_.copy()
        if budget.sentences:
            fits &= 1 + extra.astype(np.int64) <= budget.sentences - len(group_of)
        if budget.words:
            fits &= need_w <= budget.words - used_words
        if budget.chars:
            need_c = chars + np.where(extra, chars[lead_of], 0) if pairs else chars
            fits &= need_c <= budget.chars - used_chars
        over_budget |= open_ & ~fits
        open_ &= fits
        if not open_.any():
            break
        open_weights = weights * uncovered
        gain = (np.asarray(concepts @ open_weights).ravel() if weights.size
                else np.zeros(n))
        for k, union in pairs.items():
            gain[k] = open_weights[union].sum()
        value = np.where(open_, gain / cost, -np.inf)
        # Ties (e.g. nothing new left to cover) go to the more central candidate.
        tied = np.flatnonzero(value == value.max())
        best = int(tied[np.argmax(scores[tied])])
        if not asked[best] and pool.find_lead is not None:
            asked[best] = True
            found, why = pool.find_lead(best)
            if why:
                open_[best] = False
                choices[best] = Choice(Decision.FILTERED, why)
            elif found >= 0:
                lead[best] = found
                pairs[best] = np.union1d(covers(best), covers(found))
            if why or found >= 0:
                continue  # weigh it again, with its lead
        open_[best] = False
        entering = [int(lead[best]), best] if extra[best] else [best]
        clash = digest.clash(entering)
        if clash is not None:
            other, s, why = clash
            choices[best] = Choice(Decision.REDUNDANT, why, other, s)
            continue
        for c in entering:
            digest.add(c)
            in_digest[c] = True
            open_[c] = False
            choices[c] = _SELECTED
            used_words += int(words[c])
            used_chars += int(chars[c])
            uncovered[concepts.indices[concepts.indptr[c]:concepts.indptr[c + 1]]] = 0.0
        if lead[best] >= 0 and int(lead[best]) in group_of:
            g = group_of[int(lead[best])]
            groups[g].append(best)
        else:
            g = len(groups)
            groups.append(entering)
        for c in entering:
            group_of[c] = g
    for c in np.flatnonzero(over_budget & ~in_digest).tolist():  # a lead may enter later
        choices[c] = _OVER_BUDGET
    return groups, choices


class _Digest:
    """The digest's sentences so far, kept dense so a redundancy test is one small product."""

    def __init__(self, vectors: sp.csr_matrix, max_similarity: float) -> None:
        self.vectors, self.max_similarity = vectors, max_similarity
        self.rows = np.zeros((8, vectors.shape[1]))
        self.members: list[int] = []
        self.sizes = np.diff(vectors.indptr)

    def clash(self, entering: list[int]) -> tuple[int, float, str] | None:
        """The first digest sentence (or entering one) that ``entering`` would repeat."""
        if self.max_similarity >= 1.0:
            return None
        v = self.vectors
        for i, c in enumerate(entering):
            lo, hi = v.indptr[c], v.indptr[c + 1]
            cols, data = v.indices[lo:hi], v.data[lo:hi]
            others = self.members + entering[:i]
            if not others:
                continue
            rows = self.rows[: len(self.members), cols]
            if i:  # the lead entering with it
                rows = np.vstack([rows, v[entering[:i]].toarray()[:, cols]])
            sims = rows @ data
            shared = (rows > 0).sum(axis=1)
            smaller = np.minimum(self.sizes[others], hi - lo)
            same = cite.same_fact(sims, shared, smaller)
            over = sims > self.max_similarity
            hits = np.flatnonzero(same | over)
            if hits.size:
                k = int(hits[np.argmax(sims[hits])])
                s = float(sims[k])
                why = (f"similarity {s:.3f} > {self.max_similarity:.3f}" if over[k] else
                       f"states the same fact (similarity {s:.3f}, {int(shared[k])} shared "
                       "content terms)")
                if c != entering[-1]:
                    why = f"the sentence before it, shown as its context: {why}"
                return others[k], s, why
        return None

    def add(self, c: int) -> None:
        if len(self.members) == len(self.rows):
            self.rows = np.vstack([self.rows, np.zeros_like(self.rows)])
        v = self.vectors
        lo, hi = v.indptr[c], v.indptr[c + 1]
        self.rows[len(self.members), v.indices[lo:hi]] = v.data[lo:hi]
        self.members.append(c)
