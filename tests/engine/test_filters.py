"""Candidate filters (lexdigest.engine.filters): each rule, and the passes over all
candidates held to the rule for one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine.filters import Filters, _quote_problem, filter_reason, filter_reasons


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
