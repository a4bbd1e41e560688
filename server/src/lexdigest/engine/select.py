"""Choosing digest sentences: candidate filters, coverage of central content, a hard budget.

LexRank says how central each candidate is; selection decides which *set* of candidates best
covers the central content of the cluster within the budget. The objective is a weighted
coverage of concepts (adjacent word pairs, see ``represent.concept_matrix``):

    F(S) = sum of w(c) over the concepts c covered by S,   w(c) = LexRank mass of c

where the LexRank mass of a concept is the sum of the LexRank scores of the candidates that
contain it: content repeated by many central sentences, across sources, weighs most. F is
monotone submodular, so the cost-scaled greedy algorithm (Khuller, Moss & Naor 1999; Lin &
Bilmes 2010) is a near-optimal way to maximise it under a length budget: repeatedly take the
candidate with the largest gain per ``words ** LENGTH_EXPONENT``. A concept counts once, so a
second sentence that repeats the first gains almost nothing: redundancy is penalised by the
objective itself. A hard similarity ceiling (``max_similarity``) stays on top of that, so a
near-paraphrase can never enter however it scores.

Budgets are hard caps. A candidate that would overflow the budget is skipped and smaller
ones are still tried, so the budget fills as far as whole sentences allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .model import Decision
from .scripts import has_running_text
from .segment import ends_like_sentence

# Gain is divided by words ** LENGTH_EXPONENT. 1 is the plain cost-scaled greedy; a little
# less favours informative long sentences over several short ones. Measured on DUC 2004 (see
# README "Quality"): 0.7 to 1.0 all score within 0.4 ROUGE-2 of each other.
LENGTH_EXPONENT = 0.85

_QUOTE_OPEN = "\"“‘`«„"
_QUOTE_CLOSE = "\"”’»"
# A quotation mark, or two apostrophes (a DUC-style closing quote). One character class
# first, so the search skips to the next candidate mark instead of trying every position.
_ANY_QUOTE = re.compile("[\"“”‘’`«»„'](?:(?<=')'|(?<!'))")


@dataclass(frozen=True, slots=True)
class Budget:
    """Hard caps of the digest; 0 means no cap of that kind."""

    sentences: int = 0
    words: int = 0
    chars: int = 0


@dataclass(frozen=True, slots=True)
class Filters:
    """Candidate filters: which sentences may be selected at all."""

    min_words: int = 6
    max_words: int = 80
    allow_questions: bool = False
    allow_headings: bool = False


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


def filter_reason(text: str, kind: str, words: int, filters: Filters) -> str:
    """Why a candidate may not be selected, or "" when it may."""
    if words < filters.min_words:
        return f"too short ({words} words < {filters.min_words})"
    if filters.max_words and words > filters.max_words:
        return f"too long ({words} words > {filters.max_words})"
    if kind == "heading" and not filters.allow_headings:
        return "heading, not a sentence"
    if kind == "list_item" and not ends_like_sentence(text):
        return "list fragment"
    stripped = text.rstrip(_QUOTE_CLOSE + "')] ")
    if stripped.endswith("?") and not filters.allow_questions:
        return "question"
    if not has_running_text(text):
        return "fragment (no running text)"
    quote = _quote_problem(text)
    if quote:
        return quote
    return ""


def _quote_problem(text: str) -> str:
    """A quotation that cannot stand alone: unattributed, or cut by a sentence boundary."""
    t = text.strip()
    if not _ANY_QUOTE.search(t):
        return ""
    opens = t.count("“") + t.count("«") + t.count("„") + t.count("``")
    closes = t.count("”") + t.count("»") + t.count("''")
    straight = t.count('"')
    if opens != closes or straight % 2:
        return "part of a longer quotation"
    if t[:1] in _QUOTE_OPEN or t.startswith("``"):
        inner = t.lstrip("\"“‘`«„")
        last_close = max(inner.rfind(q) for q in ("\"", "”", "’", "»", "''"))
        if last_close >= len(inner.rstrip()) - 3:
            return "quotation without attribution"
    return ""


def select(
    texts: list[str],
    words: np.ndarray,
    scores: np.ndarray,
    concepts: sp.csr_matrix,
    rejected: list[str],
    vectors: sp.csr_matrix,
    budget: Budget,
    max_similarity: float,
    length_exponent: float = LENGTH_EXPONENT,
) -> tuple[list[int], dict[int, Choice]]:
    """Greedy coverage selection over candidates.

    ``scores`` are LexRank scores, ``concepts`` the candidates' concept incidence,
    ``rejected[c]`` the filter reason of candidate ``c`` (or ""), ``vectors`` the candidates'
    L2-normalised TF-IDF rows: the redundancy ceiling is checked on their exact cosine.
    Returns the selected candidates in selection order and a choice for
    every candidate.
    """
    n = len(texts)
    choices: dict[int, Choice] = {
        c: Choice(Decision.FILTERED, rejected[c]) for c in range(n) if rejected[c]}
    open_ = np.array([not r for r in rejected], dtype=bool)
    chars = np.array([len(t) for t in texts], dtype=np.int64)
    weights = np.asarray(concepts.T @ scores).ravel() if concepts.shape[1] else np.zeros(0)
    uncovered = np.ones_like(weights)
    cost = np.maximum(words, 1).astype(np.float64) ** length_exponent
    vectors = sp.csr_matrix(vectors)
    # Chosen rows kept dense, so the ceiling check is one small product per candidate.
    picked = np.zeros((8, vectors.shape[1]))
    chosen: list[int] = []
    used_words = used_chars = 0
    while open_.any():
        if budget.sentences and len(chosen) >= budget.sentences:
            break
        room_w = budget.words - used_words if budget.words else None
        room_c = budget.chars - used_chars if budget.chars else None
        fits = open_.copy()
        if room_w is not None:
            fits &= words <= room_w
        if room_c is not None:
            fits &= chars <= room_c
        for c in np.flatnonzero(open_ & ~fits).tolist():
            choices[c] = _OVER_BUDGET
        open_ &= fits
        if not open_.any():
            break
        gain = (np.asarray(concepts @ (weights * uncovered)).ravel() if weights.size
                else np.zeros(n))
        value = np.where(open_, gain / cost, -np.inf)
        # Ties (e.g. nothing new left to cover) go to the more central candidate.
        tied = np.flatnonzero(value == value.max())
        best = int(tied[np.argmax(scores[tied])])
        open_[best] = False
        if chosen and max_similarity < 1.0:
            lo, hi = vectors.indptr[best], vectors.indptr[best + 1]
            sims = picked[: len(chosen), vectors.indices[lo:hi]] @ vectors.data[lo:hi]
            k = int(np.argmax(sims))
            other, s = chosen[k], float(sims[k])
            if s > max_similarity:
                choices[best] = Choice(
                    Decision.REDUNDANT, f"similarity {s:.3f} > {max_similarity:.3f}", other, s)
                continue
        if len(chosen) == len(picked):
            picked = np.vstack([picked, np.zeros_like(picked)])
        lo, hi = vectors.indptr[best], vectors.indptr[best + 1]
        picked[len(chosen), vectors.indices[lo:hi]] = vectors.data[lo:hi]
        chosen.append(best)
        choices[best] = _SELECTED
        used_words += int(words[best])
        used_chars += int(chars[best])
        uncovered[concepts.indices[concepts.indptr[best]:concepts.indptr[best + 1]]] = 0.0
    for c in range(n):
        choices.setdefault(c, _NOT_REACHED)
    return chosen, choices
