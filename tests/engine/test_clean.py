"""The cleaning stage: datelines cut, repeated labels marked (lexdigest.engine.clean)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexdigest.engine.clean import Unit, clean, mark_repeated, strip_dateline
from lexdigest.engine.furniture import is_furniture
from lexdigest.engine.segment import segment


@pytest.mark.parametrize(("text", "rest"), [
    ("WASHINGTON (AP) _ The Senate voted on Tuesday to extend the program.",
     "The Senate voted on Tuesday to extend the program."),
    ("PARIS, France (Reuters) -- Talks resumed in the capital after a pause.",
     "Talks resumed in the capital after a pause."),
    ("Springfield: The mayor opened the new library branch on Friday morning.",
     "The mayor opened the new library branch on Friday morning."),
    ("date 2024-03-03 Springfield: The mayor opened the new library on Friday.",
     "The mayor opened the new library on Friday."),
])
def test_dateline_prefix_is_skipped_without_touching_text(text: str, rest: str) -> None:
    start = strip_dateline(text, 0, len(text))
    assert text[start:] == rest


@pytest.mark.parametrize("text", [
    "Edited By: Someone Else wrote the story about the harbour in full detail.",
    "The mayor said: Everyone will get a new bin next month.",
    "Officials said the vote would take place on Monday.",
])
def test_labels_and_sentences_are_not_datelines(text: str) -> None:
    assert strip_dateline(text, 0, len(text)) == 0


def test_short_labels_repeated_in_the_cluster_are_furniture() -> None:
    texts = ["Top stories\nThe dam held overnight.", "Top stories\nThe river fell by a metre."]
    units = [Unit(0, 0, 0, 11, 0, "heading"), Unit(0, 1, 12, 35, 1, "sentence"),
             Unit(1, 0, 0, 11, 0, "heading"), Unit(1, 1, 12, 38, 1, "sentence")]
    marked = mark_repeated(texts, units)
    assert [bool(u.boilerplate) for u in marked] == [True, False, True, False]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "For updates, call the county hotline at (555) 555-0147.", "Call 555-014-7000 now",
    "Jo Rivers can be reached at jo.rivers@example.com.", "On the Net: http://www.example.org",
    "Photos of the flood are moving Wednesday.", "The item can end here.", "(Optional add end)",
    "The levee broke at 3 a.m. after 120 hours of rain, officials said.", "1-800-555",
    "Follow Jo on Twitter", "The council met in 1998 and again in 2005.", "555",
]), min_size=1, max_size=8), st.sampled_from(["\n\n", " ", "\n"]))
def test_a_document_pass_finds_what_each_unit_alone_gives(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    segments = segment(text)
    for u in clean(text, 0, segments):
        seg = segments[u.sentence_index]
        assert u.boilerplate == is_furniture(text[seg.start : seg.end])
