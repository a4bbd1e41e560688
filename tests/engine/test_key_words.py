"""Key words of the furniture rules, found all at once (lexdigest.engine.key_words)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine._find import find_all
from lexdigest.engine.key_words import ALL_KEYS, key_positions

_KEY_PIECES = [*ALL_KEYS, "x", " ", "\n", "add end here", "for user", "c.1998", "phot", "é", "“",
               "—", "😀"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_KEY_PIECES), max_size=12).map("".join))
def test_key_words_are_found_wherever_find_finds_them(text: str) -> None:
    at = key_positions(text)
    for key in ALL_KEYS:
        assert at[key] == find_all(text, (key,))
