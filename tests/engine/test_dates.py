"""Dates of documents and of what their sentences report (lexdigest.engine.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from lexdigest.engine.dates import document_date, sentence_date
from lexdigest.engine.model import Document

FRIDAY = date(2025, 2, 7)


@pytest.mark.parametrize(("text", "expected"), [
    ("Edited By: Jo Writer @jw Springfield Published : Feb 07, 2025 9:40 IST, Updated : "
     "Feb 08, 2025 9:42 IST\nThe council met on Thursday.", date(2025, 2, 7)),
    (" date 2025-02-07 Springfield: The council met on Thursday.", date(2025, 2, 7)),
    ("Updated on 9 March 2024\nThe river rose.", date(2024, 3, 9)),
    ("Posted on Friday, February 7, 2025\nThe river rose.", date(2025, 2, 7)),
    ("SPRINGFIELD, Feb. 7, 2025 (Example Wire) -- The river rose above its banks.",
     date(2025, 2, 7)),
    ("The river rose above its banks on Thursday, officials said, flooding homes.", None),
    ("In a long report about the century, historians wrote that on March 3, 1921 the "
     "bridge opened to great fanfare and the whole town came out to see it happen, and "
     "many other things happened later that nobody recorded at all in any detail.", None),
])
def test_document_date_is_read_from_stamps_and_datelines(text: str,
                                                          expected: date | None) -> None:
    found = document_date(Document("d", text))
    assert (found.date() if found else None) == expected


def test_published_at_wins_over_the_text() -> None:
    when = datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
    assert document_date(Document("d", "Published: March 3, 2021\nText.", published_at=when)) \
        == when
    naive = document_date(Document("d", "Text.", published_at=datetime(2024, 1, 2)))
    assert naive == datetime(2024, 1, 2, tzinfo=UTC)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The two ministers spoke on Thursday about the framework.", "2025-02-06"),
    ("The ministers spoke on Friday.", "2025-02-07"),
    ("The minister will visit the capital on Monday.", "2025-02-10"),
    ("He is scheduled to arrive on February 13 for a summit.", "2025-02-13"),
    ("In their first call on February 6, 2025, the ministers agreed to meet.", "2025-02-06"),
    ("In February 2025, the two leaders had an introductory call.", "2025-02"),
    ("The storm hit the coast on 3 January.", "2025-01-03"),
    ("The storm hit the coast on Dec. 30.", "2024-12-30"),
    ("Prices rose yesterday.", "2025-02-06"),
    ("Prices rose last month.", "2025-01"),
    ("The plan will be finalised this year.", "2025"),
    ("He won the election in November last year.", "2024-11"),
    ("date 2025-02-07 Springfield: The council voted on Thursday to close it.", "2025-02-06"),
    # A date that only sets the scene is not what the sentence reports.
    ("It was their first call after the latter was confirmed as secretary on January 25.", ""),
    ("Talks have continued since March 2024 without progress.", ""),
    ("The framework covers the 2025-2035 period.", ""),
    ("The target must be met by 2030.", ""),
    ("In today's world, nothing is certain.", ""),
    ("The lake froze last week.", ""),
    ("The vote is on February 30.", ""),
])
def test_sentence_dates(sentence: str, expected: str) -> None:
    assert sentence_date(sentence, FRIDAY) == expected


def test_relative_dates_need_an_anchor() -> None:
    assert sentence_date("The ministers spoke on Thursday.", None) == ""
    assert sentence_date("The ministers spoke on February 6.", None) == ""
    assert sentence_date("The ministers spoke on February 6, 2025.", None) == "2025-02-06"


def test_date_scan_is_linear_on_hostile_input() -> None:
    import time

    for text in ("1" * 50_000, "February " * 20_000, "on " * 30_000 + "Monday",
                 "2025-" * 20_000, "after " * 20_000 + "March 3"):
        started = time.process_time()
        sentence_date(text, FRIDAY)
        document_date(Document("d", text))
        assert time.process_time() - started < 2.0


def test_an_undated_sentence_takes_the_date_its_supporters_agree_on() -> None:
    from lexdigest.engine.dates import agreed_date

    plain = "The two ministers reviewed their countries' defence ties."
    assert agreed_date(plain, ["2025-02-06", "", "2025-02-06"]) == "2025-02-06"
    assert agreed_date(plain, ["2025-02-06", "2025-02-13"]) == ""  # they disagree
    assert agreed_date(plain, ["", ""]) == ""
    # A sentence that names a time of its own, even one that cannot be resolved, keeps it.
    assert agreed_date("The ministers spoke on Tuesday.", ["2025-02-06"]) == ""
    assert agreed_date("The plan covers 2025-2035.", ["2025-02-06"]) == ""


_DATE_WORDS = ["January", "Feb.", "march", "MAY", "Sept", "sept.", "Monday", "today", "Tomorrow's",
               "yesterday", "last", "this", "next", "earlier this", "later this", "month", "year",
               "of", "2025", "1998-02-07", "7th", "31", "3", "-", "–", "/", ",", ".", "\n", " ",
               "x", "é", "İ", "ı", "ſ", "\u212a", "Jan2", "thIS", "ſept", "Tuesday", "mayor"]


def test_the_date_prefilter_finds_every_match_a_full_scan_finds() -> None:
    """``_dates_in`` tries ``_DATE`` only where a start is possible; it must give exactly
    the matches of ``_DATE.finditer`` on any text, folded letters included."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from lexdigest.engine.dates import _DATE, _dates_in

    pieces = st.lists(st.one_of(st.sampled_from(_DATE_WORDS), st.text(max_size=3)), max_size=30)

    @settings(max_examples=400, deadline=None)
    @given(pieces)
    def check(parts: list[str]) -> None:
        text = " ".join(parts)
        assert [m.group() for m in _dates_in(text)] == [m.group() for m in _DATE.finditer(text)]
        assert ([m.span() for m in _dates_in(text)]
                == [m.span() for m in _DATE.finditer(text)])

    check()


def test_the_folded_letters_are_all_the_letters_ignorecase_reads_as_ascii() -> None:
    """``_dates_in`` falls back to the full scan on these; no other character may match an
    ASCII letter under ``re.IGNORECASE``."""
    import re
    import sys

    from lexdigest.engine.dates import _FOLDED_TO_ASCII

    letter = re.compile("[a-z]", re.IGNORECASE)
    folded = [c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.fullmatch(c)]
    assert folded and all(_FOLDED_TO_ASCII.fullmatch(c) for c in folded)


def test_the_stamp_search_finds_every_stamp_a_full_scan_finds() -> None:
    """``_stamps`` tries ``_STAMP`` only where a label word stands; it must give exactly the
    matches of ``_STAMP.finditer``, for labels inside other words and folded letters too."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from lexdigest.engine.dates import _STAMP, _stamps

    words = ["Published", "posted", "UPDATED", "updated", "modified", "date", "Date:", "dated",
             "candidate", "datedate", "on", "at", ":", " ", "\n", "x", "é", "İ", "ı", "ſ",
             "Feb 7, 2025", "2025-02-07"]
    pieces = st.lists(st.one_of(st.sampled_from(words), st.text(max_size=2)), max_size=25)

    @settings(max_examples=400, deadline=None)
    @given(pieces, st.sampled_from(["", " "]))
    def check(parts: list[str], sep: str) -> None:
        text = sep.join(parts)
        assert ([(m.span(), m.group("label")) for m in _stamps(text)]
                == [(m.span(), m.group("label")) for m in _STAMP.finditer(text)])

    check()


@pytest.mark.parametrize("sentence", [
    "The ministers spoke on Tuesday.", "The vote was held yesterday.", "Talks resume on Feb. 13.",
    "The plan was signed on February 6, 2025.", "The ministers reviewed their ties.",
    "date 2025-02-07 New Delhi: talks resumed on Monday.", "Prices rose last month.",
])
def test_an_anchor_given_as_a_function_is_read_once_and_only_when_needed(sentence: str) -> None:
    calls: list[int] = []

    def anchor() -> datetime:
        calls.append(1)
        return datetime(2025, 2, 7, 9, 30, tzinfo=UTC)

    assert sentence_date(sentence, anchor) == sentence_date(sentence, FRIDAY)
    needs = any(w in sentence for w in ("Tuesday", "yesterday", "Feb. 13", "last month"))
    assert len(calls) == (1 if needs else 0)
