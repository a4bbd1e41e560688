"""Lines and blocks: the first pass of sentence segmentation (``segment.segment``).

This module owns how a document's lines are read before any sentence boundary is looked
for. Blank lines separate blocks (``Segment.paragraph`` counts them). Inside a block, a line
of its own without final punctuation (a headline, a subhead, an "Advertisement" label) is a
``heading`` unit, a line starting with a bullet or a list number is a ``list_item`` unit, and
hard-wrapped prose (a line ending mid-sentence, continued on the next line) is joined into one
run of prose. ``line_groups`` returns those runs as spans of the unchanged text; the second
pass (``segment``) splits list items and prose runs into sentences.

The character classes both passes share (line breaks, terminal punctuation, quotation marks
and brackets, list markers) are defined here, once, and ``segment`` imports them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CJK_TERM", "CLOSERS", "HEADING", "HSPACE", "LB", "LIST_ITEM", "MARKER_RE", "OPENERS",
    "SENTENCE", "TERM", "Kind", "ends_like_sentence", "line_groups",
]

class Kind(StrEnum):
    """What a unit of text is (``segment.Segment.kind``, ``clean.Unit.kind``)."""

    SENTENCE = "sentence"  # running text
    HEADING = "heading"  # a line of its own without final punctuation
    LIST_ITEM = "list_item"  # a line that starts with a bullet or a list number


# The members as plain names, read on hot paths without an attribute lookup each time.
SENTENCE, HEADING, LIST_ITEM = Kind.SENTENCE, Kind.HEADING, Kind.LIST_ITEM

# --------------------------------------------------------------------------- characters

LB = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() breaks on
HSPACE = f"[^\\S{LB}]"  # white space that is not a line break

CLOSERS = "\"'”’»›)]}」』）〉》〕】“"  # “ closes a quotation in German („…“)
OPENERS = "\"'“‘«‹([{`¿¡„‚「『（"
TERM = ".!?…‽"
# Unicode Sentence_Terminal marks of other scripts, which need no space after them: CJK
# full-width stops, Devanagari danda, Arabic question mark, Urdu full stop, Armenian full stop,
# Ethiopic full stop and question marks, Myanmar section, Khmer khan, Tibetan shad excluded
# (it also separates phrases).
CJK_TERM = "。！？｡।॥؟۔։።፧፨။។៕"

# A list marker at the start of a line (matched from the line's first non-space character).
_BULLETS = "•◦▪▫‣⁃∙·●○■□➢➤►▸✓✔\\-–*+"
_NUMBERED = (r"(?P<num>\d{1,3})(?P<nsuf>\.\)?|\))|(?P<let>[a-z])(?P<lsuf>[.)])"
             r"|[ivx]{2,4}[.)]|[A-Z]\)|\((?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\)")
MARKER_RE = re.compile(
    f"(?:(?P<bullet>[{_BULLETS}])(?:{HSPACE}*+(?:{_NUMBERED}))?"
    f"|{_NUMBERED.replace('?P<', '?P<x')}){HSPACE}+(?=\\S)"
)


# ------------------------------------------------------------------------ abbreviations


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Line-level vocabulary: a heading never ends with a connective; title-case lines may hold
# these short function words in lower case.
_CONNECTIVE_END = _words(
    """a an the and or but nor of in on at to for with by from as that which who whom whose
    is was are were be been has have had will would can could should said says than into
    over after before his her its their our my your this these those if when while"""
)
_TITLE_FUNCTION = _words(
    """a an the and or but nor of in on at to for with by from as vs vs. v. into over after
    amid about off up out per via is are be under than upon onto not"""
)
_HEADING_MAX_WORDS = 20
_HEADING_MAX_CHARS = 150
_WRAP_MIN_WIDTH = 40  # blocks with longer lines than this may be hard-wrapped prose

def ends_like_sentence(text: str) -> bool:
    """Whether ``text`` ends with terminal punctuation (closing quotes/brackets allowed)."""
    tail = text.rstrip(CLOSERS)
    return bool(tail) and (tail[-1] in TERM or tail[-1] in CJK_TERM)


# ---------------------------------------------------------------------- lines, blocks


@dataclass(slots=True)
class _Line:
    start: int  # first non-space character
    end: int  # one past the last non-space character
    indent: int  # columns of leading white space
    width: int  # columns from the line start to ``end``
    content: int  # start of the content after a list marker (== start when none)
    item: bool  # starts with a list marker
    term: bool  # ends with terminal punctuation (closing quotes/brackets allowed)
    body: str  # text[start:end]


def _lines(text: str) -> list[list[_Line]]:
    """Non-blank lines of ``text`` grouped by block."""
    blocks: list[list[_Line]] = []
    block: list[_Line] = []
    # ``str.splitlines`` breaks where ``LB`` does (``\r\n`` once) and copies each line in C,
    # where a regular expression would test every character against a class. A blank line
    # is one it returns empty or white, so two lines are in one block when it returns
    # nothing between them.
    blank = True  # since the last non-blank line (or the start of the text)
    pos = 0  # where the next line starts
    for raw in text.splitlines():
        first = pos
        pos += len(raw)
        pos += 2 if text.startswith("\r\n", pos) else 1
        body = raw.strip()
        if not body:
            blank = True
            continue
        start = first + len(raw) - len(raw.lstrip()) if raw[0].isspace() else first
        end = start + len(body)
        if blank:
            block = []
            blocks.append(block)
            blank = False
        # No list marker opens with a capital but "A)" (``MARKER_RE``).
        mk = (None if body[0].isupper() and body[1:2] != ")" else
              MARKER_RE.match(text, start, end))
        term = body[-1] in TERM or ends_like_sentence(body)
        block.append(_Line(start, end, start - first, end - first, mk.end() if mk else start,
                           mk is not None, term, body))
    return blocks


@dataclass(slots=True)
class _Open:
    """A unit or prose run being built from consecutive lines."""

    start: int
    end: int
    kind: Kind
    indent: int  # of the line that opened it (list items continue on deeper lines)
    mark: int = -1  # where the list marker of a list item starts


def line_groups(text: str) -> list[tuple[int, int, int, Kind, int]]:
    """``(start, end, paragraph, kind, marker start or -1)`` runs of lines: a unit or prose.

    Headings are final units; list items and prose runs are split into sentences later.
    """
    blocks = _lines(text)
    single_line = len(blocks) == 1 and len(blocks[0]) == 1
    groups: list[tuple[int, int, int, Kind, int]] = []
    for para, lines in enumerate(blocks):
        if len(lines) == 1 and lines[0].term and not lines[0].item:
            # A paragraph on one line that ends a sentence: one run of prose, as
            # ``_block_groups`` finds it too.
            groups.append((lines[0].start, lines[0].end, para, SENTENCE, -1))
        else:
            _block_groups(lines, para, single_line, groups)
    return groups


def _block_groups(lines: list[_Line], para: int, single_line: bool,
                  groups: list[tuple[int, int, int, Kind, int]]) -> None:
    """Append the runs of the block ``lines`` (paragraph ``para``) to ``groups``."""
    wrapped = _looks_wrapped(lines)
    maxw = max(ln.width for ln in lines) if wrapped else 0
    cur: _Open | None = None
    for j, ln in enumerate(lines):
        prev = lines[j - 1] if j else None
        if ln.item:
            if cur is not None:
                groups.append((cur.start, cur.end, para, cur.kind, cur.mark))
            cur = _Open(ln.content, ln.end, LIST_ITEM, ln.indent, ln.start)
            continue
        if cur is not None and prev is not None:
            if cur.kind == LIST_ITEM:
                if ln.indent > cur.indent or (not prev.term and _first_alpha_lower(ln.body)):
                    cur.end = ln.end  # the item wraps onto this line
                    continue
            elif wrapped and not prev.term:
                cur.end = ln.end  # hard-wrapped prose: the sentence goes on
                continue
        # ``ln`` starts a new unit.
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        heading = not single_line and _is_heading(ln, nxt, maxw)
        if cur is not None and (
            heading or cur.kind == LIST_ITEM or prev is None or not prev.term
        ):
            groups.append((cur.start, cur.end, para, cur.kind, cur.mark))
            cur = None
        if heading:
            groups.append((ln.start, ln.end, para, HEADING, -1))
        elif cur is None:
            cur = _Open(ln.start, ln.end, SENTENCE, ln.indent)
        else:
            cur.end = ln.end  # a soft break after final punctuation: pass 2 decides
    if cur is not None:
        groups.append((cur.start, cur.end, para, cur.kind, cur.mark))


def _looks_wrapped(lines: list[_Line]) -> bool:
    """Whether a block is hard-wrapped prose: some line break falls mid-sentence.

    Evidence is a line without final punctuation that ends with a comma, dash or connective,
    or whose next line goes on in lower case. Blocks without it (scraped pages: one line per
    paragraph, headline, caption) have a unit per line.
    """
    for ln, nxt in itertools.pairwise(lines):
        if ln.term or nxt.item:
            continue
        if _first_alpha_lower(nxt.body) or ln.body[-1] in ",;-–—/(&":
            return True
        if ln.body.rsplit(None, 1)[-1] in _CONNECTIVE_END:
            return True
    return False


def _first_alpha_lower(s: str) -> bool:
    """Whether ``s`` starts (after opening quotes/brackets) with a lower-case letter."""
    t = s.lstrip(OPENERS)
    return bool(t) and t[0].islower()


def _is_heading(ln: _Line, nxt: _Line | None, maxw: int) -> bool:
    """Whether the line ``ln``, which starts a unit, is a heading of its own.

    ``maxw`` is the widest line of a hard-wrapped block (0 when the block is not wrapped).
    """
    body = ln.body
    if ln.term or len(body) > _HEADING_MAX_CHARS:
        return False
    if body[-1] in ",;:-–—/&(\\" or not any(ch.isalnum() for ch in body):
        return False
    words = body.split()
    if len(words) > _HEADING_MAX_WORDS or words[-1] in _CONNECTIVE_END:
        return False
    if nxt is None or nxt.item:
        return True
    if _first_alpha_lower(nxt.body):
        return False  # the next line continues this one
    if maxw >= _WRAP_MIN_WIDTH:
        # Greedy hard wrap: the next word did not fit on this line.
        first = nxt.body.split(None, 1)[0]
        if ln.width + 1 + len(first) > maxw and not _title_like(words):
            return False
    return True


def _title_like(words: list[str]) -> bool:
    """Title case: every word capitalised except short function words."""
    if not words[0][:1].isupper() or not (words[-1][:1].isupper() or words[-1][:1].isdigit()):
        return False
    for w in words:
        c = w.lstrip(OPENERS)[:1]
        if c.islower() and w.lower() not in _TITLE_FUNCTION:
            return False
    return True


