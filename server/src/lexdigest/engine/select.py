"""Choosing digest sentences: candidate filters, a redundancy ceiling and a hard budget.

Greedy selection in rank order (Carbonell & Goldstein's MMR reduced to its usual
summarization form, a similarity ceiling): a candidate is taken unless a filter rejects it,
its cosine similarity to a sentence already taken exceeds ``max_similarity``, or it would
overflow the budget. Budgets are hard caps; a candidate that does not fit is skipped and
later, shorter candidates are still tried, so the budget fills as far as whole sentences allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .model import Decision

_QUOTE_OPEN = "\"“‘'`«„"
_QUOTE_CLOSE = "\"”’'»"
_HAS_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_END_PUNCT = re.compile(r"[.!?…。！？]['\"”’)\]]*$")


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


def filter_reason(text: str, kind: str, words: int, filters: Filters) -> str:
    """Why a candidate may not be selected, or "" when it may."""
    if words < filters.min_words:
        return f"too short ({words} words < {filters.min_words})"
    if filters.max_words and words > filters.max_words:
        return f"too long ({words} words > {filters.max_words})"
    if kind == "heading" and not filters.allow_headings:
        return "heading, not a sentence"
    if kind == "list_item" and not _END_PUNCT.search(text):
        return "list fragment"
    stripped = text.rstrip(_QUOTE_CLOSE + ")] ")
    if stripped.endswith("?") and not filters.allow_questions:
        return "question"
    if not _HAS_LOWER_WORD.search(text):
        return "fragment (no running text)"
    if _is_bare_quote(text):
        return "quotation without attribution"
    return ""


def _is_bare_quote(text: str) -> bool:
    """A sentence that is one quotation from start to end, with no one saying it."""
    t = text.strip()
    if len(t) < 2 or t[0] not in _QUOTE_OPEN:
        return False
    inner = t[1:].rstrip()
    closes = [i for i, ch in enumerate(inner) if ch in _QUOTE_CLOSE]
    return bool(closes) and closes[0] >= len(inner) - 2


def select(
    order: np.ndarray,
    texts: list[str],
    words: np.ndarray,
    rejected: list[str],
    sim: sp.csr_matrix,
    budget: Budget,
    max_similarity: float,
) -> tuple[list[int], dict[int, Choice]]:
    """Greedy selection over candidates in ``order`` (best first).

    ``rejected[c]`` is the filter reason of candidate ``c`` (or ""); ``sim`` is the
    candidates' similarity matrix. Returns the selected candidates in selection order and a
    choice for every candidate considered.
    """
    chosen: list[int] = []
    choices: dict[int, Choice] = {}
    used_words = used_chars = 0
    min_words = min((int(words[c]) for c in order if not rejected[c]), default=0)
    sim = sp.csr_matrix(sim)
    for c in order.tolist():
        if rejected[c]:
            choices[c] = Choice(Decision.FILTERED, rejected[c])
            continue
        if _full(budget, len(chosen), used_words, used_chars, min_words):
            choices[c] = Choice(Decision.NOT_REACHED, "budget already full")
            continue
        if chosen and max_similarity < 1.0:
            row = sim.getrow(c)
            hits = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
            worst, s = max(((k, hits.get(k, 0.0)) for k in chosen), key=lambda kv: kv[1])
            if s > max_similarity:
                choices[c] = Choice(
                    Decision.REDUNDANT, f"similarity {s:.2f} > {max_similarity:.2f}", worst, s
                )
                continue
        w, ch = int(words[c]), len(texts[c])
        if (budget.words and used_words + w > budget.words) or (
            budget.chars and used_chars + ch > budget.chars
        ):
            choices[c] = Choice(Decision.OVER_BUDGET, "does not fit the remaining budget")
            continue
        chosen.append(c)
        used_words += w
        used_chars += ch
        choices[c] = Choice(Decision.SELECTED)
    return chosen, choices


def _full(budget: Budget, n: int, used_words: int, used_chars: int, min_words: int) -> bool:
    if budget.sentences and n >= budget.sentences:
        return True
    if budget.words and budget.words - used_words < max(min_words, 1):
        return True
    return bool(budget.chars and budget.chars - used_chars < 1)
