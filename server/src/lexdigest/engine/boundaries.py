"""Sentence decisions: whether a candidate boundary ends a sentence.

This module owns the rules of segmentation's second pass (``segment.segment``) that decide a
candidate the pass has found (a run of terminal punctuation and its closers, a CJK full stop,
a Greek question mark, an Armenian colon, a glued period, a space between Thai words): the
word before it (abbreviation? initial? list number? ordinal?), the word after it (lower case?
a common sentence starter?), open quotations, spaced ellipses, and the rules of Thai and CJK
text, with the document language's ``SentenceRules``. ``segment`` finds the candidates, asks
``should_split`` (or, for punctuation before a lower-case word on the same line,
``goes_on_in_lower_case``) and cuts the units.

None of its patterns can backtrack catastrophically: each is matched at one position, over
one word, or within the white space or quotation after a candidate, so the pass stays linear
on any input (``tests/engine/test_linear_time.py`` fuzzes it).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ._find import find_all
from .blocks import CJK_TERM, LB, OPENERS, TERM
from .languages import SentenceRules

__all__ = [
    "Doc", "goes_on_in_lower_case", "quote_goes_on", "quote_open", "quote_openings",
    "should_split",
]

# --------------------------------------------------------------------------- characters

_LB_RE = re.compile(f"\r\n|[{LB}]")
_CURRENCY = "$€£¥₹"
_INSIDE_TITLE = re.compile(r"[^《》。！？\n]{1,40}》")
# A spaced ellipsis opening the next sentence, and a parenthetical reference ending this one.
_OPENING_ELLIPSIS = re.compile(r"\. \. \.(?= [^\W\d_])")
_GLUED_ELLIPSIS = re.compile(r"(?:\.\.\.|…)[^\W\d_]")
_CITATION_AFTER = re.compile(r"[^()\n.!?]{1,40}\)[.!?]")
_ROMAN_RE = re.compile(r"(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_TIME_WORDS = 4  # a sentence "At 5 a.m." is too short to end before "Mr. Smith went..."
_LISTNUM_RE = re.compile(r"\d{1,3}|[^\W\d_]|[ivxlc]{1,5}|[IVXLC]{1,5}")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


# -------------------------------------------------------------------------------- API


class Doc(NamedTuple):
    """What every sentence decision of one document shares."""

    text: str
    rules: SentenceRules
    quotes: list[int]  # where quotation marks that open a quotation stand, in order
    stops: frozenset[str]  # words after which a plain period is no sentence end


def should_split(doc: Doc, start: int, p0: int, p1: int, end: int,
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
    if (doc.quotes and quote_open(doc.quotes, start, p1)
            and quote_goes_on(doc, start, p1, nxt.endpos)):
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


def goes_on_in_lower_case(text: str, rules: SentenceRules, start: int, p0: int,
                          end: int) -> bool:
    """Whether the candidate ``text[p0:end]`` of terminal punctuation, followed by one space
    and a lower-case letter on the same line, is no sentence end: ``should_split``'s answer
    for that shape, without matching what follows ("U.S. officials", "etc. and")."""
    return text[p0] in TERM and not (
        rules.lower_after and end == p0 + 1 and text[p0] == "."
        and _ends_word(text, start, p0, rules))


_QUOTE_PAIRS = {"„": "“”", "«": "»", "“": "”", "‚": "‘’", "‹": "›"}
_QUOTE_SPAN = 400  # the farthest a quotation is followed back and forth from a candidate
_QUOTE_OPEN = "„«“‚‹"


def quote_openings(text: str) -> list[int]:
    """Where ``_QUOTE_OPEN`` marks stand in ``text``, in order (``str.find`` per mark: a
    document without them costs a few memory scans)."""
    return find_all(text, _QUOTE_OPEN)


def quote_open(quotes: list[int], start: int, p1: int) -> bool:
    """Whether a quotation opens in the sentence from ``start`` within ``_QUOTE_SPAN`` before
    ``p1``: the first test of ``quote_goes_on``, which most candidates fail."""
    i = bisect.bisect_left(quotes, p1)
    return i > 0 and quotes[i - 1] >= start and quotes[i - 1] >= p1 - _QUOTE_SPAN


def quote_goes_on(doc: Doc, start: int, p1: int, stop: int) -> bool:
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

