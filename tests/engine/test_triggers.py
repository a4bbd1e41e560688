"""The passes over a call that say where a rule may apply (lexdigest.engine.triggers).

``clean_documents`` tests only the units the passes reach; each test here checks, on
units built to reach every trigger or miss it narrowly, that it gives what the rules give
unit by unit (``_reference``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine.clean import Unit, clean, clean_documents, strip_dateline
from lexdigest.engine.furniture import is_furniture
from lexdigest.engine.key_words import ALL_KEYS
from lexdigest.engine.segment import Segment, segment
from lexdigest.engine.triggers import STAMP_WORDS, THREE_DIGITS, digit_runs


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="12 a.\n", max_size=40), st.text(alphabet="12 a.\n“٣", max_size=40),
       st.booleans())
def test_segments_with_three_digits_in_a_row_are_all_flagged(head: str, tail: str,
                                                             wide: bool) -> None:
    text = head + ("é" if wide else "") + tail
    segments = segment(text)
    flags = digit_runs(text, segments)
    for seg, flag in zip(segments, flags, strict=True):
        assert flag or not THREE_DIGITS.search(text, seg.start, seg.end)


def _reference(texts: list[str], segments: list[list[Segment]]) -> list[Unit]:
    """Units as each rule gives them unit by unit, with no document pass (the reference)."""
    units = []
    for d, (text, segs) in enumerate(zip(texts, segments, strict=True)):
        for i, seg in enumerate(segs):
            reason = is_furniture(text[seg.start : seg.end])
            start = seg.start
            if not reason and seg.kind == "sentence":
                start = strip_dateline(text, seg.start, seg.end)
            units.append(Unit(d, i, start, seg.end, seg.paragraph, seg.kind, reason))
    return units


# Key words of every rule and near misses of them, then pieces that reach every trigger of
# the document passes, and the characters they misread on purpose: case that lower()
# changes in length ("İ") or not at all ("ı", "ſ", which IGNORECASE still matches),
# white space, digits and dashes outside ASCII.
_UNIT_PIECES = [*ALL_KEYS, "x", " ", "\n", "add end here", "for user", "c.1998", "phot", "é",
    "“", "—", "😀",
    "Editors: ", "EDS: ", "Ed: ", "editor's note", "Note to editors", "Advisory: ", "ATTN: ",
    "On the Net: ", "On\tthe web:", "Online: ", "Contact: ", "Tel: ", "Telephone: ", "Phone:",
    "Fax: ", "E-mail: ", "Email: ", "Website: ", "Web site: ", "Internet: ", "ınternet: ",
    "(MORE)", "END", "-30-", "###", "_more_", "# ", "In the ", "The ", "One ", "Once ",
    "Advertisement", "Read more: ", "Photo: ", "By Jo Rivers", "Updated: ", "5 min read",
    "(Getty Images) ", "AP\nPhoto ", "ımage credit ", "Shutterſtock ", "SHUTTERSTOCK",
    "@handle", " | ", "WASHINGTON (AP) _ ", "PARIS, France -- ", " - ",
    "New Delhi: ", "Moscow — ", "(AP) -- ", "2024-03-03 ", ":", "_", ")", "-", "--", "—", "–",
    "(555) 555-0147", "555-014-7000", "٥٥٥-٠١٤-٧٠٠٠", "(٥٥٥) ٥٥٥-٠١٤٧", "555.014.7000",
    "1-800-5", "1998.", "120 ", "٣٤٥",
    "\u00a0", "\u2003", "\u3000", "\x1c", "İ", "ı", "ſ", "K", "é", "``", "''", "“", "”",
    "word ", "words ", "a b c d e f g h ", ". ", "! ", "? ", "\n", "\n\n", "\n- ", "\n1. ",
    "The mayor said on Friday that the bridge would reopen soon. ",
]


_FILLER = ("The mayor said on Friday that the bridge would reopen after the long repairs "
           "of the old road ")  # 16 words: past every length limit but the dateline's reach
_piece_run = st.lists(st.sampled_from(_UNIT_PIECES), max_size=4).map("".join)
_unit = st.tuples(_piece_run, st.sampled_from(["", _FILLER, _FILLER * 2]), _piece_run,
                  st.sampled_from([". ", "! ", "? ", ".\n", "\n", "\n\n", "", ".” "])).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(_unit, max_size=8).map("".join), min_size=1, max_size=4))
def test_passes_over_all_documents_give_what_each_unit_alone_gives(texts: list[str]) -> None:
    segments = [segment(t) for t in texts]
    reference = _reference(texts, segments)
    assert clean_documents(texts, segments) == reference
    assert [u for d, t in enumerate(texts) for u in clean(t, d, segments[d])] == reference


_OPENERS = st.text(alphabet="#*_-–—“\"'`([ \t.,;:!?é", max_size=3)
_OPENING_WORDS = st.sampled_from([
    "Editors: ", "EDS ", "Eds: ", "Editor's Note: ", "NOTE TO EDITORS ", "Advisory: ", "Attn ",
    "On the Net: ", "On  the\u00a0Internet : ", "Online: ", "Contacts: ", "Tel : ",
    "Telephone: ", "Phone: ", "Fax: ", "E-mail: ", "Email: ", "Website : ", "Web site: ",
    "Internet: ", "ınternet: ", "İnternet: ", "One ", "Once: ", "Ed ", "Edward: ", "More: ",
    "End: ", "In: ", "Interest: ", "Contact ", "#", "_"])


@settings(max_examples=300, deadline=None)
@given(_OPENERS, _OPENING_WORDS, st.sampled_from(["", _FILLER]), st.sampled_from([".", ""]))
def test_openings_of_desk_notes_are_found_in_long_units(lead: str, word: str, rest: str,
                                                        end: str) -> None:
    texts = [lead + word + rest + end, "Before. " + lead + word + rest + end]
    segments = [segment(t) for t in texts]
    assert clean_documents(texts, segments) == _reference(texts, segments)


_MARKS = st.sampled_from([" — ", "—", " – ", "–", " -- ", "--", " - ", " _ ", ": ", " (AP) -- ",
                          " (AP) - ", " (Reuters) — ", ", Dec. 1 (Xinhua) -- ", ")-", ") -"])
_PLACES = st.sampled_from(["WASHINGTON", "Moscow", "New Delhi", "SAN JUAN, Puerto Rico",
                           "2024-03-03 Springfield", "date 2025-02-07", "", "LONDON, Nov. 3, 1998"])


@settings(max_examples=300, deadline=None)
@given(_PLACES, _MARKS, st.sampled_from(["", "é", "“"]), st.sampled_from(["", " " * 80]))
def test_datelines_are_found_wherever_the_rule_finds_them(place: str, mark: str, wide: str,
                                                          pad: str) -> None:
    text = f"{wide}{pad}{place}{mark}{_FILLER.strip()}. Second sentence: {place}{mark}{_FILLER}."
    segments = [segment(text)]
    assert clean_documents([text], segments) == _reference([text], segments)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Photo: ", "Read more: ", "By Jo Rivers | ", "Published on ", "", "© "]),
       st.sampled_from([_FILLER, _FILLER + "and more words ", "Few words "]),
       st.sampled_from(["", ".", "!", "?", "é", "…", "”", ".”", "\u00a0x", "1", ")", "。"]))
def test_long_labels_without_final_punctuation_are_tested(head: str, body: str,
                                                          end: str) -> None:
    texts = [head + body.strip() + end, "Before. " + head + body + end]
    segments = [segment(t) for t in texts]
    assert clean_documents(texts, segments) == _reference(texts, segments)


_FURNITURE_WORDS = st.sampled_from([
    "Advertisement", "ADVERTISING ", "Ad", "ad ", "Sponsored content", "Promoted", "Follow us on",
    "Share this story", "Subscribe to our newsletter", "Like us on", "Join our", "Contact us",
    "Email this", "E-mail ", "Print this page", "Comment now", "Tweet this", "Pin it",
    "Also read: ", "Read more ", "See also", "Watch now", "Listen ", "Related stories",
    "Recommended ", "Trending now", "Popular", "Most read", "Sign up ", "Log in", "Login ",
    "Click here ", "Download the app", "Skip to content", "Back to top", "More from",
    "Top news", "Latest news", "Breaking news", "Image: ", "Photos by ", "Picture credit ",
    "Video (", "Graphic: ", "Illustration |", "File photo: ", "© 2024", "(c) 2024",
    "Copyright 2024", "All rights reserved", "Edited by ", "Written by ", "Reported by ",
    "Posted by ", "Compiled by ", "Curated by ", "Produced by ", "By Jo Rivers", "by\tJo",
    "First published: ", "Published on ", "Updated 5 ", "Last updated: ", "5 min read",
    "10 minutes ago", "We use cookies", "we\nuse cookies", "Accept all cookies",
    "Staff reporter", "Desk writer", "lıke us", "ſhare this", "ılluſtration: ", "Bylines",
    "The ", "In ", "Weather ", "Adams said", "Posting ", "1998 was"])


@settings(max_examples=400, deadline=None)
@given(_OPENERS, _FURNITURE_WORDS, st.sampled_from(["", " Jo", " on Friday", " x"]),
       st.sampled_from(["", ".", "!", " |"]))
def test_openings_of_page_furniture_are_found(lead: str, word: str, rest: str,
                                              end: str) -> None:
    texts = [lead + word + rest + end, "Before. " + lead + word + rest + end + "\nAfter."]
    segments = [segment(t) for t in texts]
    assert clean_documents(texts, segments) == _reference(texts, segments)


_STAMP_PIECES = st.sampled_from([
    "Feb 07, 2025", "9:40", "IST", "GMT", "utc", "EST.", "et,", "a.m.", "p.m", "pm.,", "AM",
    "Mon.", "Tuesday,", "SEPT", "Sept.", "ſep", "ıst", "Updated", "published", "Posted",
    "on", "AT", "at.,", "|", "-", ",", "2025-02-07", "10:15am", "The", "Then", "Mayor",
    "Ontario", "Attic", "Amid", "Septic", "Mars", "Estimates", "Pts", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_STAMP_PIECES, min_size=1, max_size=5).map(" ".join),
       st.sampled_from([".", "!", "", ".”", " ."]))
def test_timestamps_of_stamp_words_are_found(words: str, end: str) -> None:
    texts = [words + end, "Before it. " + words + end + "\nAfter it all."]
    segments = [segment(t) for t in texts]
    assert clean_documents(texts, segments) == _reference(texts, segments)


@pytest.mark.parametrize("word", [w + end for w in STAMP_WORDS for end in ("", ".", ",", ".,")]
                         + ["eſt", "Cſt", "ſun", "Frı.", "Poſted", "ıst", "Sep.,", "2025-02-07"])
def test_every_stamp_word_opening_a_unit_is_tested(word: str) -> None:
    texts = [f"{word} 9:40 GMT.", f"Before it. {word.upper()} Feb 07, 2025!", f"{word}."]
    segments = [segment(t) for t in texts]
    assert clean_documents(texts, segments) == _reference(texts, segments)


@pytest.mark.parametrize("end", ["é", "…", "?", "", "”", ".", "!"])
@pytest.mark.parametrize("label", ["Jo Rivers | City Desk", "Jo Rivers @jrivers Springfield",
                                   "Springfield Published : Mar 03, 2024 9:40 GMT"])
def test_short_labels_are_tested_whatever_they_end_with(label: str, end: str) -> None:
    texts = [label + end, "Before it. " + label + end]
    segments = [segment(t) for t in texts]
    assert clean_documents(texts, segments) == _reference(texts, segments)


@pytest.mark.parametrize("mark", ["-30-", "(-30-)", "--30--", "---30---", "#-30-#"])
def test_end_marks_that_open_with_marks_and_a_digit_are_tested(mark: str) -> None:
    texts = [f"The vote was held on Monday.\n\n{mark}\n", f"{mark}", f"Before it. {mark}"]
    segments = [segment(t) for t in texts]
    units = clean_documents(texts, segments)
    assert units == _reference(texts, segments)
    assert units[1].boilerplate == "note to editors"


@pytest.mark.parametrize("line", ["c1998 Daily Ledger News Service", "C. 2004 Example Syndicate",
                                  "c2021 The Example Times.", "Sent on, c. 1999 Example Press."])
def test_syndicate_copyright_lines_are_tested(line: str) -> None:
    texts = [f"The vote was held on Monday.\n\n{line}\n", line, f"Before it. {line}"]
    segments = [segment(t) for t in texts]
    units = clean_documents(texts, segments)
    assert units == _reference(texts, segments)
    alone = [u for u in units if texts[u.doc][u.start : u.end] == line]
    assert len(alone) >= 2 and all(u.boilerplate == "note to editors" for u in alone)
