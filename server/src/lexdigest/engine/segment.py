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
   period after a plain word before a capital, is decided in the loop over candidates, and
   so is punctuation before a lower-case word on the same line; the others go to a
   decision function that looks at the word before (abbreviation? initial? list number?
   ordinal?) and the word after (lower case? a common sentence starter?) with the document
   language's ``SentenceRules``.

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
breaks, terminals, quotation marks, list markers) are defined once, in ``blocks``. What
varies by language (terminals, abbreviations, starters) lives in ``engine/languages/``.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from ._find import find_all
from .blocks import (
    CJK_TERM,
    CLOSERS,
    HEADING,
    HSPACE,
    LB,
    LIST_ITEM,
    MARKER_RE,
    OPENERS,
    SENTENCE,
    TERM,
    Kind,
    ends_like_sentence,
    line_groups,
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

_LB_RE = re.compile(f"\r\n|[{LB}]")
_CURRENCY = "$€£¥₹"

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
_INSIDE_TITLE = re.compile(r"[^《》。！？\n]{1,40}》")
# A spaced ellipsis opening the next sentence, and a parenthetical reference ending this one.
_OPENING_ELLIPSIS = re.compile(r"\. \. \.(?= [^\W\d_])")
_GLUED_ELLIPSIS = re.compile(r"(?:\.\.\.|…)[^\W\d_]")
_WORD_SPAN = 40  # how far back the word before a period is looked for
_ROMANISH = "ivxlc"  # letters of a lower-case Roman numeral ("iv." opens a list)
_ROMAN_RE = re.compile(r"(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CITATION_AFTER = re.compile(r"[^()\n.!?]{1,40}\)[.!?]")
_TIME_WORDS = 4  # a sentence "At 5 a.m." is too short to end before "Mr. Smith went..."
_LISTNUM_RE = re.compile(r"\d{1,3}|[^\W\d_]|[ivxlc]{1,5}|[IVXLC]{1,5}")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


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
    doc = _Doc(text, rules, _quote_openings(text), _stops(rules))
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


class _Doc(NamedTuple):
    """What every sentence decision of one document shares."""

    text: str
    rules: SentenceRules
    quotes: list[int]  # where quotation marks that open a quotation stand, in order
    stops: frozenset[str]  # words after which a plain period is no sentence end


def _sentences(doc: _Doc, gs: int, ge: int, para: int, kind: Kind,
               cands: list[tuple[int, int]], ci: int, out: list[Segment]) -> int:
    """Append the sentences of the run ``text[gs:ge]`` to ``out``; returns the next candidate.

    Most candidates in prose are one period after a plain word, one space and a capital
    ("…in the city. The…"); they are decided here without the general rules, which give
    the same answer for them.
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
                        quotes and _quote_open(quotes, start, end)
                        and _quote_goes_on(doc, start, end, ge)):
                    out.append(new(Segment, (start, end, para, kind)))
                    start = end + 1
                    continue
        if (text[end] == " " and end + 1 < ge and text[end + 1].islower()
                and _goes_on_in_lower_case(text, rules, start, p0, end)):
            continue
        nxt = _NEXT_RE.match(text, end, ge)
        assert nxt is not None  # the pattern matches the empty string
        if _should_split(doc, start, p0, _punct_end(text, end), end, nxt):
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


def _goes_on_in_lower_case(text: str, rules: SentenceRules, start: int, p0: int,
                           end: int) -> bool:
    """Whether the candidate ``text[p0:end]`` of terminal punctuation, followed by one space
    and a lower-case letter on the same line, is no sentence end: ``_should_split``'s answer
    for that shape, without matching what follows ("U.S. officials", "etc. and")."""
    return text[p0] in TERM and not (
        rules.lower_after and end == p0 + 1 and text[p0] == "."
        and _ends_word(text, start, p0, rules))


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


# ------------------------------------------------------------ pass 2: sentence decisions


def _should_split(doc: _Doc, start: int, p0: int, p1: int, end: int,
                  nxt: re.Match[str]) -> bool:
    """Whether the candidate ``text[p0:end]`` (punctuation, closers) ends a sentence.

    ``start`` is where the current sentence starts; ``nxt`` matched what follows.
    """
    text, rules = doc.text, doc.rules
    opos, ws = nxt.end("open"), nxt.end("ws")
    if opos >= nxt.endpos:
        return False  # only opening quotes/brackets follow: keep them with this sentence
    c = text[opos]
    punct = text[p0:p1]
    mark = text[p0]
    if mark in CJK_TERM:
        return _cjk_split(text, p1, end, nxt)
    if mark in ";\u037e":  # a Greek question mark, when a capital follows
        return text[opos].isupper()
    if mark not in TERM and mark != ":":
        return _thai_split(text, start, end, ws)  # a space between Thai words
    if ws == end and mark == ".":
        return _glued_split(text, p0, end, nxt, rules)
    lower = c.islower()
    # Lower case on the same line: the sentence goes on, unless a bare period follows a long
    # word that is no abbreviation ("… without agreement. de Vries left"); after a closing
    # quote, lower case is the reporting clause ('"… wonderful." she said').
    if lower and (text[end] not in LB if ws == end + 1 else
                  _LB_RE.search(text, end, ws) is None) and not (
            rules.lower_after and punct == "." and end == p1
            and _ends_word(text, start, p0, rules)):
        return False
    if mark == ":":
        return True  # an Armenian full stop
    upper = c.isalpha() and not lower  # upper case, title case or a caseless script
    digit = c.isdigit() or c in _CURRENCY
    if not (lower or upper or digit):
        # "compounds. . . . The practice", "raak. ...en toen": a period, then an ellipsis
        # that opens the next sentence. Otherwise punctuation, a dash, a symbol: the
        # sentence goes on.
        return punct == "." and not text[p0 - 1].isspace() and (
            _OPENING_ELLIPSIS.match(text, ws, nxt.endpos) is not None
            or _GLUED_ELLIPSIS.match(text, ws, nxt.endpos) is not None)
    if "(" in text[ws:opos] and _CITATION_AFTER.match(text, opos, nxt.endpos):
        return False  # '..." (Smith 55).': a parenthetical reference ends this sentence
    if (doc.quotes and _quote_open(doc.quotes, start, p1)
            and _quote_goes_on(doc, start, p1, nxt.endpos)):
        return False  # „… váhu. V podstate …,“ reagoval: the quotation ends in a comma
    if "!" in punct or "?" in punct or "‽" in punct:
        return True
    if len(punct) > 1 or punct == "…":  # an ellipsis: a new sentence only when capitalised
        return not lower

    # A single period: look at the word before it.
    lo = max(start, p0 - 40)
    parts = text[lo:p0].rsplit(None, 2)
    if not parts or text[p0 - 1].isspace():
        # " . Next": a spaced period, perhaps the end of a spaced ellipsis. Three spaced
        # dots leave out words inside a sentence ("the thing is . . . I didn't"); a fourth is
        # the period of a sentence ("a period . . . . Next"); dots that open the sentence
        # (". . . The practice") belong to it.
        dots, first = _spaced_dots(text, start, p0)
        if first == start or (dots == 3 and text[first - 1].isspace()):
            return False
        return not lower
    w = parts[-1].lstrip(OPENERS)
    if not w:
        return True
    if w.strip(".…") == "":
        return not lower  # "... ." or a spaced ellipsis
    wl = w.lower()
    if wl in rules.never or w == "v":
        return False
    if (
        (lo == start and len(parts) == 1)  # "1. First item" at the start of a sentence
        or (len(parts) >= 2 and parts[-2].endswith(":"))  # "Steps: 1. Open the box."
    ) and _LISTNUM_RE.fullmatch(w):
        return False
    if _is_soft(w, wl, rules):
        if lower or digit:
            return False
        if end > p1 and any(q in text[p1:end] for q in "\"'”’»"):
            return True  # ``... at 8 a.m.'' Then: a closing quote ends the sentence
        word = nxt.group("word")
        if len(w) == 1 and len(word) == 1:
            return False  # "J. R. R." / "John A. A. Smith": initials, not "A"/"I"
        if word.lower() in rules.never and "." in w and len(text[start:p0].split()) >= _TIME_WORDS:
            return True  # "at 6 P.M. Mr. Smith": a title after a dotted abbreviation
        return word.capitalize() in rules.starters
    if digit:
        return len(w) >= 3  # "in 1998. 25 people" splits; "No. 5", "N°. 7" do not
    word = nxt.group("word")
    if w.isdigit() and len(w) <= 2 and word.lower() in rules.ordinal_next:
        return False  # an ordinal date, "vom 12. Juni", goes on
    if rules.ordinals and ((w.isdigit() and len(w) <= 3) or _ROMAN_RE.fullmatch(w)):
        return lower or word.capitalize() in rules.starters  # "im 2. Weltkrieg", "XII. pluk"
    return True


def _glued_split(text: str, p0: int, end: int, nxt: re.Match[str], rules: SentenceRules) -> bool:
    """A period between two words without a space, "жағдайы.XVIII ғасыр": a sentence end
    when a lower-case word that is no abbreviation is followed by a capitalised one and the
    token is no address ("Jane.Doe@example.com", "example.Org/x")."""
    if not (text[p0 - 1].islower() and text[end].isupper()):
        return False
    lo = max(0, p0 - 40)
    head = text[lo:p0].rsplit(None, 1)[-1]
    if not head.lstrip(OPENERS).islower():
        return False  # a capitalised name goes on: "Amazon.Com Inc.", "Booking.Com"
    tail = text[end:end + 40].split(None, 1)[0] if end < len(text) else ""
    token = head + "." + tail
    if any(ch in token for ch in "@/:\\_") or "." in head or "www" in head.lower():
        return False
    word = nxt.group("word")
    return len(word) >= 2 and head.lower() not in rules.never and not _is_soft(
        head, head.lower(), rules) and "." not in tail.rstrip(".!?")


def _ends_word(text: str, start: int, p0: int, rules: SentenceRules) -> bool:
    """Whether the period at ``p0`` follows a word of ``rules.lower_after`` letters or more
    that is no abbreviation (after it, a sentence may start in lower case)."""
    lo = max(start, p0 - 40)
    parts = text[lo:p0].rsplit(None, 1)
    if not parts:
        return False
    w = parts[-1].lstrip(OPENERS)
    return len(w) >= rules.lower_after and w.isalpha() and w.lower() not in rules.never and (
        w.lower() not in rules.soft)


_QUOTE_PAIRS = {"„": "“”", "«": "»", "“": "”", "‚": "‘’", "‹": "›"}
_QUOTE_SPAN = 400  # the farthest a quotation is followed back and forth from a candidate
_QUOTE_OPEN = "„«“‚‹"
_QUOTE_OPENERS = "\"'`“‘«„‚‹"  # quotation marks that may open the next sentence


def _quote_openings(text: str) -> list[int]:
    """Where ``_QUOTE_OPEN`` marks stand in ``text``, in order (``str.find`` per mark: a
    document without them costs a few memory scans)."""
    return find_all(text, _QUOTE_OPEN)


def _quote_open(quotes: list[int], start: int, p1: int) -> bool:
    """Whether a quotation opens in the sentence from ``start`` within ``_QUOTE_SPAN`` before
    ``p1``: the first test of ``_quote_goes_on``, which most candidates fail."""
    i = bisect.bisect_left(quotes, p1)
    return i > 0 and quotes[i - 1] >= start and quotes[i - 1] >= p1 - _QUOTE_SPAN


def _quote_goes_on(doc: _Doc, start: int, p1: int, stop: int) -> bool:
    """Whether the candidate ending at ``p1`` lies inside a quotation, opened in the current
    sentence, that closes after a comma and goes on in lower case: „A. B,“ said she."""
    i = bisect.bisect_left(doc.quotes, p1) - 1
    if i < 0 or doc.quotes[i] < max(start, p1 - _QUOTE_SPAN):
        return False  # no quotation opens in this sentence before the candidate
    text, q = doc.text, doc.quotes[i]
    closers = _QUOTE_PAIRS[text[q]]
    if any(ch in text[q + 1:p1] for ch in closers):
        return False  # closed before the candidate
    hi = min(stop, p1 + _QUOTE_SPAN)
    at = min((f for f in (text.find(ch, p1, hi) for ch in closers) if f >= 0), default=-1)
    if at < 0 or text[at - 1] != "," or _LB_RE.search(text, p1, at) is not None:
        return False
    if i + 1 < len(doc.quotes) and doc.quotes[i + 1] < at:
        return False  # a new quotation opens first: the one before was left open, as wire
        # copy leaves a quotation that goes on into the next paragraph
    after = text[at + 1:at + 3].lstrip()
    return bool(after) and after[0].islower()


# Thai (and Lao) put a space where a sentence ends, and also between clauses. A space is no
# sentence end when the next clause opens with a connective ("และ" and, "แต่" but, "ซึ่ง"
# which, "ว่า" that, "พร้อม" along with, …), when the last clause ends with "ว่า" (a
# complement follows), inside an open quotation, or after a few letters only ("จากนั้น"
# then, a sentence adverb).
_THAI_GOES_ON = ("และ", "แต่", "หรือ", "ซึ่ง", "ที่", "เพราะ", "โดย", "เพื่อ", "จึง", "ว่า", "พร้อม",
                 "รวมถึง", "รวมทั้ง", "ของ", "กับ", "ให้", "ตาม", "ขณะที่", "เนื่องจาก", "ก็")
_THAI_MIN_SENTENCE = 12  # characters


def _thai_split(text: str, start: int, end: int, nxt: int) -> bool:
    """Whether the space between two Thai words at ``end`` ends the sentence ``start..end``."""
    if end - start < _THAI_MIN_SENTENCE or text.endswith("ว่า", start, end):
        return False
    if text.startswith(_THAI_GOES_ON, nxt):
        return False
    lo = max(start, end - _QUOTE_SPAN)
    return text.rfind("“", lo, end) <= text.rfind("”", lo, end)  # no quotation open here


def _spaced_dots(text: str, start: int, p0: int) -> tuple[int, int]:
    """The spaced ellipsis ending with the period at ``p0``: its dots and where it starts."""
    dots, first = 1, p0
    while first - 2 >= start and text[first - 1] == " " and text[first - 2] == ".":
        first -= 2
        dots += 1
    return dots, first


def _is_soft(w: str, wl: str, rules: SentenceRules) -> bool:
    """An abbreviation or initial after which a sentence may still end."""
    if len(w) == 1:
        return w.isalpha()  # an initial
    if wl in rules.soft or (w[0].isupper() and wl in rules.cap_soft):
        return True
    return "." in w and _DOTTED_RE.fullmatch(w) is not None  # U.S, a.m, e.u, J.R.R


def _cjk_split(text: str, p1: int, end: int, nxt: re.Match[str]) -> bool:
    """CJK full stops end a sentence, except inside a title in 《》 and before a quotative
    particle: 「はい。」と."""
    if _INSIDE_TITLE.match(text, end, nxt.endpos):
        return False  # 《摔跤吧！爸爸》: the mark belongs to the title of a work
    if end > p1 and nxt.end("ws") == end:
        c = text[end] if end < len(text) else ""
        if c and "\u3040" <= c <= "\u309f" and any(q in text[p1:end] for q in "」』"):
            return False
    return True
