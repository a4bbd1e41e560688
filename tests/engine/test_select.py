"""Filters, budgets and redundancy control of selection (lexdigest.engine.select)."""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine.clean import Unit
from lexdigest.engine.context import lead_finder
from lexdigest.engine.model import Decision
from lexdigest.engine.select import (
    Budget,
    Filters,
    Pool,
    _quote_problem,
    filter_reason,
    filter_reasons,
    select,
)


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


def test_filters() -> None:
    f = Filters()
    assert filter_reason("Too short here.", "sentence", 3, f).startswith("too short")
    assert filter_reason("Why did the bridge fail after only ten years of use?", "sentence", 11,
                         f) == "question"
    assert filter_reason("Flood Waters Rise Along The Whole Valley Tonight", "heading", 8,
                         f).startswith("heading")
    assert filter_reason("Better roads and safer bridges for every town", "list_item", 8,
                         f) == "list fragment"
    assert filter_reason("“We will rebuild every home that the river took from us.”", "sentence",
                         11, f) == "quotation without attribution"
    assert filter_reason("“We will rebuild every home,” the mayor said on Friday.", "sentence",
                         10, f) == ""
    assert filter_reason("He said, “We will rebuild every home in the valley.", "sentence", 10,
                         f) == "part of a longer quotation"


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


# Pieces of candidates that reach every rule of filter_reason and every trigger of the
# passes of filter_reasons: words of three to six lower-case letters and longer, words in
# capitals, quotation marks (paired, cut, at the start), colons, final marks and what may
# stand for them outside ASCII, white space outside ASCII, Thai.
_PIECES = st.sampled_from([
    "the ", "river ", "bridges ", "extraordinary ", "of ", "a ", "I ", "Mr. ", "U.S. ",
    "FLOOD ", "WATERS ", "RISE ", "AP ", "1998 ", "5,000 ", "Nov. 23 ", "-- ", "_ ", ", ",
    "``", "''", "'", "\"", "“", "”", "‘", "’", "«", "»", "„", "`", "Key Points: ", ":", ": ",
    ".", "!", "?", "…", ")", "]", " ", "\n", "\u00a0", "\u2003", "é", "étés ", "ÉTÉ ", "ſ",
    "ı", "İ", "ฝนตก ", "Ab", "cd", "x", "xyz", "xyzw.", "abc,", "7.",
])
_CANDIDATE = st.lists(_PIECES, max_size=24).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_CANDIDATE, st.sampled_from(["sentence", "sentence", "heading",
                                                       "list_item"])), max_size=6),
       st.integers(0, 8), st.sampled_from([0, 12, 80]), st.booleans(), st.booleans())
def test_passes_over_all_candidates_give_each_candidates_reason(
        candidates: list[tuple[str, str]], min_words: int, max_words: int, questions: bool,
        headings: bool) -> None:
    texts = [t for t, _ in candidates]
    kinds = [k for _, k in candidates]
    words = [len(t.split()) for t in texts]
    f = Filters(min_words, max_words, questions, headings)
    assert filter_reasons(texts, kinds, words, f) == [
        filter_reason(t, k, w, f) for t, k, w in zip(texts, kinds, words, strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_CANDIDATE.map(str.strip), min_size=1, max_size=6))
def test_plain_sentences_and_quotations_get_their_reasons(texts: list[str]) -> None:
    texts = [f"The mayor said that {t} and more of the same." for t in texts] + [
        f"``{t} the river rose,'' he said." for t in texts] + [f"{t}." for t in texts]
    words = [len(t.split()) for t in texts]
    f = Filters(0, 0)
    assert filter_reasons(texts, ["sentence"] * len(texts), words, f) == [
        filter_reason(t, "sentence", w, f) for t, w in zip(texts, words, strict=True)]


def _quote_problem_everywhere(text: str) -> str:
    """``_quote_problem`` as written before its ASCII shortcut: every mark counted."""
    t = text.strip()
    if not re.search("[\"“”‘’`«»„'](?:(?<=')'|(?<!'))", t):
        return ""
    opens = t.count("“") + t.count("«") + t.count("„") + t.count("``")
    closes = t.count("”") + t.count("»") + t.count("''")
    if opens != closes or t.count('"') % 2:
        return "part of a longer quotation"
    if t[:1] in "\"“‘`«„" or t.startswith("``"):
        inner = t.lstrip("\"“‘`«„")
        if max(inner.rfind(q) for q in ("\"", "”", "’", "»", "''")) >= len(inner.rstrip()) - 3:
            return "quotation without attribution"
    return ""


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["``", "''", "'", '"', "“", "”", "‘", "’", "«", "»", "„", "`",
                                 " ", "word", "said", ".", ",", "é", "\n"]), max_size=14)
       .map("".join))
def test_quotation_rule_reads_ascii_text_as_it_reads_any(text: str) -> None:
    assert _quote_problem(text) == _quote_problem_everywhere(text)
