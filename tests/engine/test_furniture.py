"""Page furniture and desk notes, one unit at a time (lexdigest.engine.furniture)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine.furniture import DESK_NOTES, is_furniture


@pytest.mark.parametrize("line", [
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored content",
    "Share this article",
    "Follow us on Facebook",
    "Subscribe to our newsletter",
    "Read more: The full story of the river crossing",
    "Also read: Markets close higher",
    "Photo: A crowd gathers outside the court",
    "Image credit: Jane Roe / Example Wire",
    "Posted by Mary Major",
    "By Alex Example | City Desk",
    "Written by Sam Q. Public",
    "Updated: March 3, 2024 10:15 GMT",
    "Last updated 2024-03-03 10:15",
    "5 min read",
    "© 2024 Example Media. All rights reserved.",
    "Correspondent Team | Springfield |",
    "Jordan Writer @jwriter Springfield Published : Mar 03, 2024 9:40 GMT",
    "(Getty Images) Protesters on the bridge",
])
def test_page_furniture_is_recognised(line: str) -> None:
    assert is_furniture(line), line


@pytest.mark.parametrize("sentence", [
    "The photo agency said it had licensed the image to three newspapers.",
    "Officials said the bridge would reopen on Monday after repairs.",
    "Readers were asked to share their views on the proposal at a public meeting.",
    "By the end of the week, the council had approved the budget.",
    "Published figures show unemployment fell to 4.1 percent in March.",
    "The minister followed the debate from the gallery.",
])
def test_news_sentences_are_not_furniture(sentence: str) -> None:
    assert not is_furniture(sentence), sentence


@pytest.mark.parametrize("line", ["-30-", "(-30-)", "--30--", "_-30-_", "-30-.", " -30- "])
def test_the_wire_end_mark_thirty_is_a_desk_note(line: str) -> None:
    assert is_furniture(line) == "note to editors", line


@pytest.mark.parametrize("line", ["-30", "30-", "-300-", "-30-30", "-30- more to come"])
def test_a_number_is_not_the_end_mark(line: str) -> None:
    assert is_furniture(line) != "note to editors", line


@pytest.mark.parametrize("line", [
    "c1998 Daily Ledger News Service", "C. 2004 Example Syndicate", "c2021 The Example Times.",
    "c.2026 Daily Ledger News Service", "c 1999 Example Press Agency",
    "Distributed by the desk, c. 1999 Example Press, for its members and clients.",
])
def test_syndicate_copyright_lines_are_desk_notes(line: str) -> None:
    assert is_furniture(line) == "note to editors", line


_SYNDICATE_RULE = next(p for keys, p in DESK_NOTES if "c.19" in keys)
_COPYRIGHT_LINES = st.tuples(
    st.sampled_from(["", " ", "x ", "\n", "xc"]), st.sampled_from(["c", "C"]),
    st.sampled_from(["", ".", ".."]), st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\n"]),
    st.sampled_from(["1998", "2004", "19", "1899", "2"]), st.sampled_from(["", " Example", ".x"]),
    st.sampled_from([" News Service", " Times", " Post", " x"])).map("".join)


@settings(max_examples=400, deadline=None)
@given(_COPYRIGHT_LINES)
def test_every_syndicate_copyright_line_holds_a_key_of_its_rule(text: str) -> None:
    keys = next(keys for keys, p in DESK_NOTES if p is _SYNDICATE_RULE)
    if _SYNDICATE_RULE.search(text):
        assert any(k in text.lower() for k in keys), text
