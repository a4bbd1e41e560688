"""Sentence segmentation with exact character spans.

This module owns the split of a document's text into *units* — sentences, headings and list
items — each given as a ``[start, end)`` span of code points into the unchanged text. Nothing
here modifies, normalises or copies text for later use: every later stage (cleaning, ranking,
citation) points back into the original string through these offsets.

It is pure Python plus :mod:`re`, needs no downloaded data, and runs in two passes:

1. **Lines and blocks** (``blocks.line_groups``). Blank lines separate blocks
   (``Segment.paragraph`` counts them). Inside a block, a line of its own without final
   punctuation (a headline, a subhead, an "Advertisement" label) becomes a ``heading`` unit,
   a line starting with a bullet or a list number becomes a ``list_item`` unit, and
   hard-wrapped prose (a line ending mid-sentence, continued on the next line) is joined
   into one run of prose.
2. **Sentence boundaries.** One scan of the whole document with one compiled regular
   expression finds every candidate (a run of terminal punctuation followed by white space,
   a CJK full stop, a Greek question mark, an Armenian colon, a period glued to the next
   word; in text where only ``. ! ? … ‽`` can start one, as in ASCII and most Latin-script
   news, one literal-led pattern per mark finds the same ones faster), and one
   ``str.find`` scan per mark finds where quotations open. The most common candidate, a
   period after a plain word before a capital, is decided in the loop over candidates;
   punctuation before a lower-case word on the same line is decided by a shortcut
   (``boundaries.goes_on_in_lower_case``), and the others go to the decision function
   ``boundaries.should_split``, which looks at the word before (abbreviation? initial?
   list number? ordinal?) and the word after (lower case? a common sentence starter?) with
   the document language's ``SentenceRules``. This module finds the candidates and cuts the
   units; ``boundaries`` owns the rules that decide whether a candidate ends a sentence.

Span rules (all hold for any input):

* ``0 <= start < end <= len(text)`` and ``text[start:end]`` has no surrounding white space;
* spans are in text order and do not overlap;
* every non-white-space character of the text lies inside some span, except **list
  markers**: a bullet (``•``, ``-``, ``*``, …) or a list number/letter (``1.``, ``2)``,
  ``a)``, ``(iv)``, …) at the start of a line, followed by white space, is left outside the
  span of the ``list_item`` unit that follows it.

None of the regular expressions can backtrack catastrophically: punctuation runs are matched
once from their first character with possessive quantifiers, so megabyte-long lines,
punctuation runs and quote runs are all linear.

The span rules are stated here for both passes; the character classes they share (line
breaks, terminals, quotation marks, list markers) are defined once, in ``blocks``, and the
sentence decisions are in ``boundaries``. What varies by language (terminals,
abbreviations, starters) lives in ``engine/languages/``.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from .blocks import (
    CJK_TERM,
    CLOSERS,
    HEADING,
    HSPACE,
    LIST_ITEM,
    MARKER_RE,
    OPENERS,
    SENTENCE,
    TERM,
    Kind,
    ends_like_sentence,
    line_groups,
)
from .boundaries import (
    Doc,
    goes_on_in_lower_case,
    quote_goes_on,
    quote_open,
    quote_openings,
    should_split,
)
from .languages import SentenceRules, sentence_rules

__all__ = [
    "HEADING", "LIST_ITEM", "SENTENCE", "Kind", "Segment", "ends_like_sentence", "segment",
    "split_sentences",
]

class Segment(NamedTuple):
    """One unit of a text: ``text[start:end]`` is the unit, stripped of white space.

    ``paragraph`` is the 0-based index of the block (blank-line separated) it belongs to;
    ``kind`` is ``Kind.SENTENCE``, ``Kind.HEADING`` (a line of its own without final
    punctuation) or ``Kind.LIST_ITEM`` (a line starting with a bullet or list number, marker
    excluded).
    A named tuple: immutable, and a third of the cost of a frozen dataclass to create.
    """

    start: int
    end: int
    paragraph: int
    kind: Kind


# --------------------------------------------------------------------------- characters

# Terminal punctuation followed by white space (a candidate boundary), or a CJK-style full
# stop, which needs no white space after it. The pattern opens with one character class, so
# the regex engine skips straight to the next punctuation mark instead of trying every
# position (the scan is the costliest step of segmentation otherwise). The lookbehinds then
# pick the branch of the mark just read, and refuse a mark that continues a run of terminal
# punctuation: a run is matched whole from its first character only, and the possessive
# quantifiers forbid retries inside it, so the scan stays linear on any input.
_T, _K, _C = (f"[{re.escape(chars)}]" for chars in (TERM, CJK_TERM, CLOSERS))
# After a CJK full stop, “ opens the next quotation (Chinese “…”), as no space tells apart.
_CK = f"[{re.escape(CLOSERS.replace('“', ''))}]"
# Thai and Lao have no full stop: a space between two words of theirs ends a sentence.
_SPACE_SCRIPTS = "\u0e01-\u0e5b\u0e81-\u0edf"
_S = f"[{_SPACE_SCRIPTS}]"
# Greek writes its question mark as ";" (or U+037E): a terminal after a Greek letter.
_GREEK = "\u0370-\u03ff\u1f00-\u1fff"
# Armenian writes its full stop (U+0589) as a colon too: a colon after an Armenian letter.
_ARMENIAN = "\u0531-\u0587"
_L = "[^\\W\\d_]"  # a letter
_CAND_RE = re.compile(
    f"[{re.escape(TERM + CJK_TERM)};:\u037e{_SPACE_SCRIPTS}]"
    f"(?:(?<={_T})(?<!{_T}{_T})(?P<p>{_T}*+){_C}*+(?=\\s)"  # a run of . ! ? … ‽
    f"|(?<={_K})(?P<c>{_K}*+){_CK}*+"  # a run of CJK-style stops
    f"|(?<=[{_GREEK}][;\u037e])(?P<g>){_C}*+(?=\\s)"  # a Greek question mark
    f"|(?:(?<=[{_ARMENIAN}]:)|(?<=[{_ARMENIAN}][\u055b-\u055e]:))(?P<h>){_C}*+(?=\\s)"  # Armenian
    f"|(?<={_L}{{3}}\\.)(?P<j>)(?={_L}{{2}})"  # a period glued to the next word: "end.The"
    f"|(?<={_S})(?={HSPACE}++{_S}))"  # the last letter of a Thai or Lao sentence
)
# The same candidates in text where only the marks of ``TERM`` can start one (no CJK stop,
# and no Greek, Armenian, Thai or Lao letter for the other branches; ``_by_mark``): one
# pattern per mark, each opening with that literal character, which the regex engine finds
# with a plain character search (a third of the cost of testing every character against a
# class). Each is the period-or-run branch of ``_CAND_RE`` (and its glued-period branch, for
# "."); matches cannot overlap (a run is matched from its first mark only), so the
# candidates of all the patterns together are those of ``_CAND_RE``.
_MARK_CANDS = {mark: re.compile(
    f"{re.escape(mark)}(?:(?<!{_T}{re.escape(mark)})(?P<p>{_T}*+){_C}*+(?=\\s)"
    + (f"|(?<={_L}{{3}}\\.)(?P<j>)(?={_L}{{2}})" if mark == "." else "") + ")") for mark in TERM}
# What can start a candidate other than a mark of ``TERM`` (the first class of ``_CAND_RE``
# and the letters before a Greek question mark or an Armenian colon), and the bytes of the
# ASCII range, which cannot.
_OTHER_STARTS = re.compile(
    f"[{re.escape(CJK_TERM)}\u037e{_GREEK}{_ARMENIAN}{_SPACE_SCRIPTS}]")
_ASCII_BYTES = bytes(range(128))
# What follows a candidate: white space, opening quotes/brackets (French puts a space after
# « ; Dutch news types its low opening quote as two commas, ",,"), the next word.
_NEXT_RE = re.compile(
    f"(?P<ws>\\s*+)(?P<open>(?:(?:[{re.escape(OPENERS)}]|,,){HSPACE}*+)*+)"
    f"(?P<word>[^\\W\\d_]{{0,24}})"
)

_DASHES = "-–*+"  # bullets that are also punctuation: never an item break inside a line
_WORD_SPAN = 40  # how far back the word before a period is looked for
_ROMANISH = "ivxlc"  # letters of a lower-case Roman numeral ("iv." opens a list)
_QUOTE_OPENERS = "\"'`“‘«„‚‹"  # quotation marks that may open the next sentence


# -------------------------------------------------------------------------------- API


def segment(text: str, rules: SentenceRules | None = None) -> list[Segment]:
    """Units of ``text`` (sentences, headings, list items) as spans, in text order.

    ``rules`` are the sentence rules of the text's language (``languages.sentence_rules``);
    by default those of every language together.

    See the module docstring for the span rules; list markers at the start of a line are
    the only non-white-space characters that may be outside every span.
    """
    groups = line_groups(text)
    if not groups:
        return []
    rules = rules or sentence_rules("")
    # One scan each for the whole document: the candidates, and where quotations open.
    cands = _candidates(text)
    doc = Doc(text, rules, quote_openings(text), _stops(rules))
    out: list[Segment] = []
    ci = 0
    for gs, ge, para, kind, mark in groups:
        if kind == HEADING:
            out.append(Segment(gs, ge, para, kind))
            continue
        lo = gs
        for item_end, nxt_start in _inline_items(text, mark, gs, ge) if mark >= 0 else ():
            ci = _sentences(doc, lo, item_end, para, kind, cands, ci, out)
            lo = nxt_start
        ci = _sentences(doc, lo, ge, para, kind, cands, ci, out)
    return out


@cache
def _stops(rules: SentenceRules) -> frozenset[str]:
    """The words of ``rules`` after which a period is never decided as a plain end."""
    return rules.never | rules.soft | rules.cap_soft


def _candidates(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every candidate boundary (``_CAND_RE``: a mark or a run of them,
    and the closing quotes and brackets after it), in text order."""
    if not _by_mark(text):
        return [m.span() for m in _CAND_RE.finditer(text)]
    cands = [m.span() for m in _MARK_CANDS["."].finditer(text)]
    others = [mark for mark in "!?…‽" if mark in text]
    for mark in others:
        cands += [m.span() for m in _MARK_CANDS[mark].finditer(text)]
    if others:
        cands.sort()
    return cands


def _by_mark(text: str) -> bool:
    """Whether only marks of ``TERM`` can start a candidate in ``text``, and the per-mark
    patterns are the cheaper scan: ASCII text, or text with few other characters (Latin
    news with curly quotes and dashes) none of which can start a candidate otherwise."""
    if text.isascii():
        return True
    # The non-ASCII characters alone, by dropping the ASCII bytes of the UTF-8 form: each
    # is encoded in bytes outside that range, so what remains decodes to just them.
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return len(rest) * 4 < len(text) and _OTHER_STARTS.search(
        rest.decode("utf-8", "surrogatepass")) is None


def _punct_end(text: str, end: int) -> int:
    """Where the punctuation of the candidate ending at ``end`` ends: before its closers.

    A candidate is a mark or a run of marks, then closing quotes and brackets (``_CAND_RE``);
    no mark is a closer, so the closers are the run of them that ends at ``end``.
    """
    p1 = end
    while text[p1 - 1] in CLOSERS:
        p1 -= 1
    return p1


def _sentences(doc: Doc, gs: int, ge: int, para: int, kind: Kind,
               cands: list[tuple[int, int]], ci: int, out: list[Segment]) -> int:
    """Append the sentences of the run ``text[gs:ge]`` to ``out``; returns the next candidate.

    Most candidates in prose are one period after a plain word, one space and a capital
    ("…in the city. The…"); they are decided here without the general rules
    (``boundaries.should_split``), which give the same answer for them.
    """
    text, rules, stops, quotes = doc.text, doc.rules, doc.stops, doc.quotes
    new = tuple.__new__  # a Segment without the Python frame of its __new__
    ci = bisect.bisect_left(cands, (gs,), ci)  # (p0, end) >= (gs,) when p0 >= gs
    cj = bisect.bisect_left(cands, (ge,), ci)
    start = gs
    for p0, end in cands[ci:cj]:
        if end >= ge or p0 <= start:
            continue
        if end == p0 + 1 and end + 1 < ge and text[end] == " " and text[p0] == ".":
            nx = end + 1
            c = text[nx]
            while c in _QUOTE_OPENERS:
                nx += 1
                if nx == ge:
                    break
                c = text[nx]
            if nx < ge and c.isupper():
                # The word before the period: plain letters, lower case or capitalised,
                # that are no abbreviation, list number or Roman numeral, or a number of
                # four digits or more; the period outside any quotation.
                lo = p0 - _WORD_SPAN if p0 - _WORD_SPAN > start else start
                sp = text.rfind(" ", lo, p0) + 1
                w = text[sp if sp > start else start:p0]
                if len(w) > 1 and (
                        ((wl := w.lower()) not in stops and w.isalpha() and w[1:].islower()
                         and wl.strip(_ROMANISH))
                        if not w.isdigit() else len(w) > 3) and not (
                        quotes and quote_open(quotes, start, end)
                        and quote_goes_on(doc, start, end, ge)):
                    out.append(new(Segment, (start, end, para, kind)))
                    start = end + 1
                    continue
        if (text[end] == " " and end + 1 < ge and text[end + 1].islower()
                and goes_on_in_lower_case(text, rules, start, p0, end)):
            continue
        nxt = _NEXT_RE.match(text, end, ge)
        assert nxt is not None  # the pattern matches the empty string
        if should_split(doc, start, p0, _punct_end(text, end), end, nxt):
            nxt_start = nxt.end("ws")
            if (text.startswith("''", nxt_start) and nxt_start + 2 < ge
                    and text[nxt_start + 2].isspace()):
                # "… zo gaat het. '' De raad": a closing '' set off by a space ends this one.
                end = nxt_start = nxt_start + 2
                while text[nxt_start].isspace():  # a letter follows: the split was decided on it
                    nxt_start += 1
            out.append(new(Segment, (start, end, para, kind)))
            start = nxt_start
    out.append(new(Segment, (start, ge, para, kind)))
    return cj


def _inline_items(text: str, mark: int, gs: int, ge: int) -> list[tuple[int, int]]:
    """Later items of a list written on one line: "1.) First item 2.) Second item".

    The marker at ``mark`` sets the style; each next marker of that style ("2.)" after
    "1.)", "b." after "a.", the same bullet) after white space ends an item. Returns
    ``(end of an item, start of the next item's content)`` pairs; the markers stay outside
    the spans, as at the start of a line.
    """
    m = MARKER_RE.match(text, mark)
    if m is None or m.end() != gs:
        return []
    out: list[tuple[int, int]] = []
    pos = gs
    while True:
        if m.group("bullet"):
            want = m.group("bullet")
            if want in _DASHES:
                return out
        elif m.group("xnum"):
            want = f"{int(m.group('xnum')) + 1}{m.group('xnsuf')}"
        elif m.group("xlet") and m.group("xlet") < "z":
            want = f"{chr(ord(m.group('xlet')) + 1)}{m.group('xlsuf')}"
        else:
            return out
        at = text.find(f" {want}", pos, ge)
        while at >= 0:
            m = MARKER_RE.match(text, at + 1, ge)
            if m is not None and (len(want) > 1 or m.group("bullet")):
                break
            at = text.find(f" {want}", at + 1, ge)
        if at < 0 or m is None:
            return out
        item_end = len(text[pos:at].rstrip()) + pos
        if item_end > pos:
            out.append((item_end, m.end()))
        pos = m.end()


def split_sentences(text: str, language: str = "") -> list[tuple[int, int]]:
    """``[(start, end), ...]`` of every unit of ``text``: ``segment`` without the labels.

    ``language`` (an ISO 639-1 code) picks its sentence rules, as a digest of a document in
    that language does; "" uses those of every language together.
    """
    return [(s.start, s.end) for s in segment(text, sentence_rules(language))]
