"""Tests of lexdigest.engine.segment and its decision rules (boundaries): golden boundary cases,
span invariants, structure."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lexdigest.engine import blocks, boundaries
from lexdigest.engine import segment as seg_module
from lexdigest.engine.languages import sentence_rules
from lexdigest.engine.pipeline import split_sentences as detected_split
from lexdigest.engine.segment import HEADING, LIST_ITEM, SENTENCE, Segment, segment, split_sentences


def _load_cases() -> ModuleType:
    """tests/engine/segment_cases.py, whatever pytest's import mode (no __init__ files)."""
    name = "lexdigest_segment_cases"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).with_name("segment_cases.py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


CASES = _load_cases().CASES


def sentences(text: str) -> list[str]:
    # As a digest segments a document: with the rules of its detected language.
    return [text[s:e] for s, e in detected_split(text)]


# ----------------------------------------------------------------------------- golden


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=c.xfail, strict=True)) if c.xfail else c
        for c in CASES
    ],
    ids=[f"{i:02d}-{c.text[:32]}" for i, c in enumerate(CASES)],
)
def test_golden_case(case: tuple[str, list[str], str]) -> None:
    text, expected, _ = case
    assert sentences(text) == expected


def test_golden_pass_rate() -> None:
    assert len(CASES) >= 50
    passed = sum(sentences(c.text) == c.expected for c in CASES)
    assert passed / len(CASES) >= 0.9
    assert sum(1 for c in CASES if not c.xfail) / len(CASES) >= 0.9


# ------------------------------------------------------------------------- invariants

# A list marker left outside every span: a short token alone at the start of its line, or a
# bullet and a list number ("• 9.", "- 1.").
_MARKER_GAP = re.compile(r"\S{1,5}(?:[^\S\n]+\S{1,5})?")


def check_invariants(text: str) -> list[Segment]:
    segs = segment(text)
    assert split_sentences(text) == [(s.start, s.end) for s in segs]
    prev_end = 0
    for s in segs:
        assert 0 <= s.start < s.end <= len(text)
        body = text[s.start : s.end]
        assert body == body.strip()
        assert s.start >= prev_end
        assert s.kind in (SENTENCE, HEADING, LIST_ITEM)
        assert s.paragraph >= 0
        gap = text[prev_end : s.start]
        if gap.strip():
            # Only a list marker may sit outside the spans: at the start of a line, alone,
            # followed by white space and this list item.
            assert s.kind == LIST_ITEM, (gap, body)
            line_start = max(gap.rfind(c) for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
            tail = gap[line_start + 1 :]
            assert gap[: line_start + 1].strip() == "", (gap, body)
            assert _MARKER_GAP.fullmatch(tail.strip()), (gap, body)
            assert tail[-1].isspace()
        prev_end = s.end
    assert not text[prev_end:].strip()
    paragraphs = [s.paragraph for s in segs]
    assert paragraphs == sorted(paragraphs)
    return segs


_ALPHABET = st.sampled_from(
    [
        *"aAbBzZ019 .,;:!?…'\"`()[]“”‘’«»-–—•*/@$%\n\n\t\r\u00a0\u2028。！？」「é",
        *["Mr.", "Inc.", "U.S.", "e.g.", "...", "``", "''", "1. ", "- ", "a) ", " The ", " he "],
    ]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_invariants_on_punctuation_soup(text: str) -> None:
    check_invariants(text)


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_invariants_on_arbitrary_text(text: str) -> None:
    check_invariants(text)


@settings(max_examples=200)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("abc ABC.!?\n-•1")), max_size=40),
        max_size=12,
    ).map("\n".join)
)
def test_invariants_on_line_structures(text: str) -> None:
    check_invariants(text)


# ------------------------------------------------- fast paths against plain references

_ASCII_SOUP = st.sampled_from(
    [*"aAbzZ09 .!?;:\"')]}([`,-\n\r\t\x0b\x1c", "Mr.", "U.S.", "...", "?!", ".''", "end.The",
     ".) ", "!\" ", "?'] ", ".}\t"]
)
_LATIN_SOUP = st.sampled_from(
    [*_ASCII_SOUP.elements, *"“”‘’«»…‽é—\u00a0\u2028", ".” ", "…” ", "‽’ ", "fin.Él", " ½"]
)
# Mostly ASCII with a few other characters, as Latin news with curly quotes is.
_ASCII_TEXT = st.lists(_ASCII_SOUP, min_size=10, max_size=40).map("".join)
_MOSTLY_ASCII = st.tuples(_ASCII_TEXT, st.sampled_from(["…", "… ", "‽ ", ".” A", "“", "é"]),
                          _ASCII_TEXT).map("".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_ASCII_SOUP, max_size=60).map("".join),
                 st.lists(_LATIN_SOUP, max_size=60).map("".join), _MOSTLY_ASCII))
def test_candidates_by_mark_are_those_of_the_general_pattern(text: str) -> None:
    # Text where only the marks of TERM can start a candidate is scanned with one
    # literal-led pattern per mark; every text can be scanned with one pattern
    # (segment._CAND_RE). Both must find the same candidates.
    general = [m.span() for m in seg_module._CAND_RE.finditer(text)]
    assert seg_module._candidates(text) == general
    if seg_module._OTHER_STARTS.search(text) is None:
        by_mark = sorted(m.span() for p in seg_module._MARK_CANDS.values()
                         for m in p.finditer(text))
        assert by_mark == general


@settings(max_examples=300)
@given(st.one_of(st.lists(_ALPHABET, max_size=60).map("".join), st.text(max_size=200)))
def test_punctuation_end_is_read_back_from_the_candidate_end(text: str) -> None:
    # The candidates keep only their spans; where the punctuation ends (before the closers)
    # is found again from the end, as the general pattern's groups say.
    for m in seg_module._CAND_RE.finditer(text):
        assert seg_module._punct_end(text, m.end()) == m.end(m.lastindex or 0)


_LOWER_SOUP = st.sampled_from(
    [*"aAbzZ09 .!?\"')]}(`,\n\t", " a", " b", " x.", " é", " the", "ß", "agreement",
     " agreement. de", " U.S. officials", " etc. and", "… de", "‽ or", ".'' he", "Mr. x"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LOWER_SOUP, max_size=40).map("".join), st.sampled_from(["", "en", "de", "nl"]))
@example("They signed the agreement. de Klerk said so.", "en")
def test_lower_case_shortcut_is_the_general_decision(text: str, language: str) -> None:
    # Punctuation, one space and a lower-case letter on the same line is decided without
    # the general rules; for every such candidate, they must say the same.
    rules = sentence_rules(language)
    doc = boundaries.Doc(text, rules, boundaries.quote_openings(text), seg_module._stops(rules))
    for p0, end in seg_module._candidates(text):
        if not (end + 1 < len(text) and text[end] == " " and text[end + 1].islower()):
            continue
        for start in {0, max(0, p0 - 12), p0 - 1 if p0 else 0}:
            nxt = seg_module._NEXT_RE.match(text, end, len(text))
            general = boundaries.should_split(doc, start, p0, seg_module._punct_end(text, end),
                                              end, nxt)
            if boundaries.goes_on_in_lower_case(text, rules, start, p0, end):
                assert not general, (text, p0)


_BLANK = re.compile(f"(?>\r\n|[{blocks.LB}]){blocks.HSPACE}*+(?>\r\n|[{blocks.LB}])")


def _reference_lines(text: str) -> list[list[tuple[int, int, int, int, str, bool, bool]]]:
    """Non-blank lines by block as a ``[^LB]+`` scan reads them, a blank line being two
    line breaks with nothing but spaces between, each line's marker and final punctuation
    tested in full: the plain reference."""
    out: list[list[tuple[int, int, int, int, str, bool, bool]]] = []
    prev_end = -1
    for m in re.finditer(f"[^{blocks.LB}]+", text):
        raw = m.group()
        body = raw.strip()
        if not body:
            continue
        start = m.start() + len(raw) - len(raw.lstrip())
        end = start + len(body)
        if prev_end < 0 or _BLANK.search(text, prev_end, start):
            out.append([])
        prev_end = end
        item = blocks.MARKER_RE.match(text, start, end) is not None
        out[-1].append((start, end, start - m.start(), end - m.start(), body, item,
                        blocks.ends_like_sentence(body)))
    return out


@settings(max_examples=400)
@given(st.lists(st.sampled_from([*"ab .", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85",
                                 "\u2028", "\u2029", "\t", "\u00a0", "- ", "A) ", "B. ", "É) ",
                                 "1. ", "(a) ", "iv) ", "x.”", "end.", "?)"]), max_size=40)
       .map("".join))
def test_lines_are_those_of_a_line_break_scan(text: str) -> None:
    got = [[(ln.start, ln.end, ln.indent, ln.width, ln.body, ln.item, ln.term) for ln in block]
           for block in blocks._lines(text)]
    assert got == _reference_lines(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["The end.", "the end", "Title Line", "- item.", "1. one.", "A) x.",
                                 "\n", "\n\n", "  ", "x.”", "said,", "Mr.", "?!"]), max_size=16)
       .map("".join))
def test_one_line_paragraph_shortcut_is_the_block_rule(text: str) -> None:
    # A block of one line that ends a sentence is one run of prose without the block rules;
    # the rules must say the same, whether or not it is the text's only line.
    lines_by_block = blocks._lines(text)
    single_line = len(lines_by_block) == 1 and len(lines_by_block[0]) == 1
    expected: list[tuple[int, int, int, str, int]] = []
    for para, lines in enumerate(lines_by_block):
        blocks._block_groups(lines, para, single_line, expected)
    assert blocks.line_groups(text) == expected


def test_empty_and_blank_text() -> None:
    assert segment("") == []
    assert segment(" \n\t\n ") == []


def test_offsets_point_into_the_unchanged_text() -> None:
    text = "  Héllo wörld.  Ça va?\r\n\r\n  Ünïcode 😀 text…  Done. "
    segs = check_invariants(text)
    assert [text[s.start : s.end] for s in segs] == [
        "Héllo wörld.",
        "Ça va?",
        "Ünïcode 😀 text…",
        "Done.",
    ]
    assert [s.paragraph for s in segs] == [0, 0, 1, 1]


# -------------------------------------------------------------------------- structure


def units(text: str) -> list[tuple[str, str, int]]:
    return [(text[s.start : s.end], s.kind, s.paragraph) for s in segment(text)]


def test_headline_then_paragraph() -> None:
    text = (
        "Floods Force Thousands From Homes\n"
        "Heavy rain forced thousands of people from their homes on Sunday. "
        "Rescuers used boats.\n\n"
        "Rivers Expected to Crest Tuesday\n\n"
        "Officials said the worst was yet to come."
    )
    assert units(text) == [
        ("Floods Force Thousands From Homes", HEADING, 0),
        ("Heavy rain forced thousands of people from their homes on Sunday.", SENTENCE, 0),
        ("Rescuers used boats.", SENTENCE, 0),
        ("Rivers Expected to Crest Tuesday", HEADING, 1),
        ("Officials said the worst was yet to come.", SENTENCE, 2),
    ]


def test_subhead_between_sentences_is_its_own_unit() -> None:
    text = "The mayor spoke first.\nWhat Comes Next\nThe council votes on Friday."
    assert units(text) == [
        ("The mayor spoke first.", SENTENCE, 0),
        ("What Comes Next", HEADING, 0),
        ("The council votes on Friday.", SENTENCE, 0),
    ]


def test_bullet_list_items() -> None:
    text = (
        "The plan has three parts:\n"
        "• a new bridge over the river\n"
        "- wider roads. Work starts in May.\n"
        "* more buses\n"
        "1. first numbered item\n"
        "2) second numbered item\n"
        "After the list, prose resumes."
    )
    assert units(text) == [
        ("The plan has three parts:", SENTENCE, 0),
        ("a new bridge over the river", LIST_ITEM, 0),
        ("wider roads.", LIST_ITEM, 0),
        ("Work starts in May.", LIST_ITEM, 0),
        ("more buses", LIST_ITEM, 0),
        ("first numbered item", LIST_ITEM, 0),
        ("second numbered item", LIST_ITEM, 0),
        ("After the list, prose resumes.", SENTENCE, 0),
    ]
    check_invariants(text)


def test_wrapped_list_item_continues() -> None:
    text = "- a long list item that wraps\n  onto an indented second line\n- the next item"
    assert units(text) == [
        ("a long list item that wraps\n  onto an indented second line", LIST_ITEM, 0),
        ("the next item", LIST_ITEM, 0),
    ]


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = (
        "The government announced on Tuesday that it would raise the minimum\n"
        "wage by five percent next year, a move that business groups said would\n"
        "cost jobs in rural areas. Unions welcomed the decision but said it did\n"
        "not go far enough.\n"
    )
    assert units(text) == [
        (
            "The government announced on Tuesday that it would raise the minimum\n"
            "wage by five percent next year, a move that business groups said would\n"
            "cost jobs in rural areas.",
            SENTENCE,
            0,
        ),
        ("Unions welcomed the decision but said it did\nnot go far enough.", SENTENCE, 0),
    ]


def test_wrap_before_a_capitalised_word_is_not_a_heading() -> None:
    text = (
        "Officials from both countries met in Geneva last week to discuss the\n"
        "Treaty, which expires in March, and agreed to meet again in the autumn.\n"
    )
    assert len(segment(text)) == 1
    assert segment(text)[0].kind == SENTENCE


def test_wrapped_line_before_a_name_is_joined() -> None:
    text = (
        "The delegation from the northern provinces arrived in the capital late\n"
        "Monday evening and was received by the prime minister, who promised to\n"
        "review their demands before the end of the month.\n"
    )
    assert [k for _, k, _ in units(text)] == [SENTENCE]
    assert sentences(text) == [text.strip()]


def test_scraped_lines_without_blank_lines_are_separate_units() -> None:
    text = (
        "Edited By: Jane Roe, New Delhi, Published: Feb 07, 2025 9:40 IST, Updated: "
        "Feb 07, 2025 9:42 IST, Read time: 3 minutes\n"
        "Ministers Meet in Washington\n"
        "Image Source: PTI The two ministers at the Pentagon\n"
        "The ministers met on Thursday. They agreed on a framework."
    )
    assert units(text) == [
        (text.split("\n")[0], SENTENCE, 0),
        ("Ministers Meet in Washington", HEADING, 0),
        ("Image Source: PTI The two ministers at the Pentagon", HEADING, 0),
        ("The ministers met on Thursday.", SENTENCE, 0),
        ("They agreed on a framework.", SENTENCE, 0),
    ]


def test_advertisement_alone_on_a_line() -> None:
    text = "Markets fell sharply on Monday.\n\nAdvertisement\n\nInvestors sold bank shares."
    assert units(text) == [
        ("Markets fell sharply on Monday.", SENTENCE, 0),
        ("Advertisement", HEADING, 1),
        ("Investors sold bank shares.", SENTENCE, 2),
    ]
    inline = "Markets fell sharply on Monday.\nAdvertisement\nInvestors sold bank shares."
    assert units(inline)[1] == ("Advertisement", HEADING, 0)


def test_single_line_without_period_is_a_sentence() -> None:
    assert units("Breaking news from the capital") == [
        ("Breaking news from the capital", SENTENCE, 0)
    ]


def test_line_ending_with_terminal_punctuation_ends_the_unit() -> None:
    text = "He left at noon.\nthen the rain started."
    assert sentences(text) == ["He left at noon.", "then the rain started."]
    # ... but an abbreviation at the end of a wrapped line does not.
    wrapped = "The talks involved officials from the U.S.\nand several European governments."
    assert len(segment(wrapped)) == 1


def test_duc_style_quotes() -> None:
    text = (
        "``We are ready,'' the general said. ``The army will not fail.'' "
        "Opposition leaders called the remarks ``dangerous.'' The vote is on Sunday."
    )
    assert sentences(text) == [
        "``We are ready,'' the general said.",
        "``The army will not fail.''",
        "Opposition leaders called the remarks ``dangerous.''",
        "The vote is on Sunday.",
    ]


# ---------------------------------------------------------------------- pathological


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * 1_000_000, id="1MB-no-spaces"),
        pytest.param("a.b/c@d" * 150_000, id="1MB-url-like"),
        pytest.param("!" * 1_000_000, id="1M-bangs"),
        pytest.param("." * 1_000_000 + "x", id="1M-dots"),
        pytest.param(". " * 50_000 + "End", id="spaced-dots"),
        pytest.param("?!" * 50_000 + " Next", id="mixed-run"),
        pytest.param('"' * 100_000 + " x", id="quote-run"),
        pytest.param("``" * 50_000 + "''" * 50_000, id="duc-quote-run"),
        pytest.param("(\"'``" * 20_000 + "Stop." + "'')\"" * 20_000 + " Go.", id="nested-quotes"),
        pytest.param(" " * 1_000_000 + "x", id="1MB-spaces"),
        pytest.param("\n \n" * 200_000 + "x", id="blank-lines"),
        pytest.param("Mr. " * 100_000, id="abbreviation-run"),
        pytest.param("- " * 100_000 + "x", id="dash-run"),
        pytest.param("。" * 100_000, id="cjk-stops"),
        pytest.param(
            "".join(chr(0x20 + (i * 7919) % 0x2FFF) for i in range(300_000)), id="unicode-soup"
        ),
    ],
)
def test_pathological_inputs_finish(text: str) -> None:
    segs = segment(text)
    assert all(0 <= s.start < s.end <= len(text) for s in segs)


# ------------------------------------------------------------------------------ review cases

@pytest.mark.parametrize(("text", "count"), [
    # A quotation left open (it goes on in the next paragraph, as wire copy writes it) does
    # not swallow the sentences up to a later quotation's comma.
    ("The chief executive called the merger “a bold move for the company. Analysts were not "
     "convinced. Shares fell 5 percent on Tuesday. “It is a mistake,” one trader said.", 4),
    # A capitalised name with a glued period is no sentence end.
    ("Amazon.Com Inc. said deliveries were delayed. The firm apologised.", 2),
    ("Booking.Com reported more bookings. Its shares rose.", 2),
    # Truncated abbreviations of six letters and more are common outside English.
    ("Он работал в Министерстве иностр. дел России. Потом он ушёл на пенсию.", 2),
    # Czech and Slovak titles (Slovak is read as Czech).
    ("Jednání vedl Ing. Jan Novák z ministerstva. Přítomna byla i Mgr. Petra Malá. "
     "Dohodu podepsali v úterý.", 3),
    ("Rokovanie viedol Ing. Ján Novák z ministerstva. Prítomná bola aj JUDr. Petra Malá. "
     "Dohodu podpísali v utorok.", 3),
])
def test_news_sentences_a_reader_would_count(text: str, count: int) -> None:
    assert len(sentences(text)) == count, sentences(text)
