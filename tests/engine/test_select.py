"""Budgets, leads and redundancy control of selection (lexdigest.engine.select)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from lexdigest.engine.clean import Unit
from lexdigest.engine.context import lead_finder
from lexdigest.engine.model import Decision
from lexdigest.engine.select import Budget, Pool, select


def _run(words: list[int], scores: list[float], budget: Budget,
         vectors: np.ndarray | None = None,
         max_similarity: float = 0.5) -> tuple[list[int], dict[int, object]]:
    n = len(words)
    concepts = sp.csr_matrix(np.eye(n))  # every candidate covers one concept of its own
    # By default every candidate is orthogonal to the others (no redundancy).
    vecs = vectors if vectors is not None else np.eye(n)
    pool = Pool([f"s{i}" for i in range(n)], np.array(words), np.array(scores), concepts,
                [""] * n, sp.csr_matrix(vecs), np.full(n, -1))
    groups, choices = select(pool, budget, max_similarity)
    return [c for g in groups for c in g], choices


def test_word_budget_is_a_hard_cap_and_smaller_candidates_fill_it() -> None:
    chosen, choices = _run([60, 50, 30, 10], [4.0, 3.0, 2.0, 1.0], Budget(words=100))
    total = sum([60, 50, 30, 10][c] for c in chosen)
    assert total <= 100
    assert 0 in chosen and 2 in chosen and 3 in chosen  # 60 + 30 + 10 = 100
    assert choices[1].decision == Decision.OVER_BUDGET


def test_sentence_and_character_budgets() -> None:
    chosen, _ = _run([10] * 5, [5, 4, 3, 2, 1], Budget(sentences=2))
    assert len(chosen) == 2
    chosen, _ = _run([10] * 5, [5, 4, 3, 2, 1], Budget(chars=4))
    assert len(chosen) == 2  # texts are "s0".."s4", two characters each


def test_redundancy_ceiling_drops_a_paraphrase() -> None:
    # Unit vectors: cos(0, 1) = 0.8, candidate 2 orthogonal to both.
    vecs = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 0.0, 1.0]])
    chosen, choices = _run([10, 10, 10], [3.0, 2.9, 1.0], Budget(sentences=3), vecs)
    assert 1 not in chosen
    assert choices[1].decision == Decision.REDUNDANT and choices[1].related == 0


def _pool(words: list[int], scores: list[float], lead: list[int]) -> Pool:
    n = len(words)
    return Pool([f"s{i}" for i in range(n)], np.array(words), np.array(scores),
                sp.csr_matrix(np.eye(n)), [""] * n, sp.csr_matrix(np.eye(n)), np.array(lead))


def test_a_candidate_enters_with_its_lead_and_pays_for_both() -> None:
    # Candidate 1 leans on candidate 0: together they cover the most per word.
    groups, choices = select(_pool([10, 10, 10], [1.0, 5.0, 2.0], [-1, 0, -1]),
                             Budget(words=20), 0.5)
    assert groups == [[0, 1]]
    assert choices[2].decision == Decision.OVER_BUDGET  # the pair used all 20 words


def test_without_room_for_its_lead_a_dependent_candidate_stays_out() -> None:
    groups, choices = select(_pool([10, 10, 10], [1.0, 5.0, 2.0], [-1, 0, -1]),
                             Budget(sentences=1), 0.5)
    assert groups == [[2]]
    assert choices[1].decision == Decision.OVER_BUDGET


def test_a_dependent_candidate_joins_its_lead_already_in_the_digest() -> None:
    # Candidate 0 is chosen first on its own; candidate 1 then follows it in one group.
    groups, _ = select(_pool([10, 10, 30], [9.0, 1.0, 0.5], [-1, 0, -1]), Budget(words=25), 0.5)
    assert groups == [[0, 1]]


def test_leads_are_found_or_the_candidate_is_passed_over() -> None:
    units = [Unit(0, 0, 0, 1, 0, "sentence"), Unit(0, 1, 2, 3, 0, "sentence"),
             Unit(1, 0, 0, 1, 0, "sentence"), Unit(1, 1, 2, 3, 0, "sentence")]
    texts = ["The levee broke on Tuesday north of the town.", "It flooded four hundred homes.",
             "But the money never came to the county.", "They had warned of it for years."]
    rep = np.arange(4)
    find = lead_finder(units, texts, rep, rep, [""] * 4)
    assert find(0) == (-1, "")
    assert find(1) == (0, "")
    assert find(2)[1].startswith("needs the sentence before it")  # first of its document
    assert find(3)[1].startswith("needs the sentence before it")  # its predecessor leans too
