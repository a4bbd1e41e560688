"""Dates of documents and of what their sentences report.

Pure functions:

* ``document_date(document)``: when the document was published. Its ``published_at`` when
  given, else a date printed in its first lines: a stamp ("Published : Feb 07, 2025 9:40
  IST", "Updated on 7 February 2025"), a date line ("date 2025-02-07"), or a full date on a
  short byline or dateline line near the top ("WASHINGTON, Feb. 7, 2025 (AP) --").
* ``sentence_date(text, anchor)``: the date a sentence reports, as ISO 8601 at the precision
  the sentence gives ("2025-02-06", "2025-02", "2025"), or "" when it dates nothing. An explicit
  date ("on February 6, 2025", "in February 2025", "on Feb. 13") is read directly, a year left
  out being taken as the one that puts the date nearest the anchor; a relative one ("on
  Thursday", "yesterday", "last month", "November last year") is resolved against ``anchor``, the
  document's date. A weekday counts back from the anchor (news reports what happened), or
  forward when the sentence speaks of the future ("will", "is scheduled to", "next").
* ``agreed_date(text, supporting)``: for a sentence that names no time at all, the date that
  every dated sentence reporting the same thing in other documents agrees on.

Best effort, and biased to say nothing rather than something wrong: a date that only sets
the scene ("after he was confirmed on January 25", "since March", "by 2030") is skipped,
periods ("2025-2035"), weeks ("last week") and bare years are not dated, and a relative date
without an anchor stays unknown.

Written here rather than with a general parser (dateparser, htmldate): news text needs only
these few forms, every pattern runs in linear time on any input, nothing is loaded at import,
and the cost is one regex scan per sentence — the digest dates every sentence it quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import cast

from ._find import find_all
from .model import Document

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
# Month names as written in running text: capitalised, full or abbreviated ("Feb.", "Sept.").
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)[0-9]{2}"

# One pattern for every explicit or relative form; the named group says which matched.
# Each alternative is a fixed sequence of bounded pieces, so a scan is linear in the text.
_DATE = re.compile(
    rf"""
    (?<![\w-])(?P<iso>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12][0-9]|3[01])(?!\d|-\d)
  | \b(?P<md_m>{_MONTH})\s(?P<md_d>{_DAY})\b(?:,?\s(?P<md_y>{_YEAR})\b)?(?![-–/]\d)
  | \b(?P<dm_d>{_DAY})\s(?P<dm_m>{_MONTH})(?:,?\s(?P<dm_y>{_YEAR}))?\b(?![-–/]\d)
  | \b(?P<my_m>{_MONTH})(?:\s+of)?,?\s(?P<my_y>{_YEAR})\b(?![-–/]\d)
  | \b(?P<mr_m>{_MONTH})\s(?P<mr_which>last|this|next)\syear\b
  | \b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
  | \b(?P<rel_day>yesterday|today|tomorrow)\b(?!['’])
  | \b(?P<rel_which>last|this|next|earlier\sthis|later\sthis)\s(?P<rel_unit>month|year)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Where a match of ``_DATE`` may start, in lower-cased text: a digit or the first three
# letters of one of its words. One scan for these is ~5x cheaper than trying every branch
# of ``_DATE`` at every position (see ``_dates_in``).
_DATE_START = re.compile(
    "[0-9]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"  # months
    "|mon|tue|wed|thu|fri|sat|sun|yes|tod|tom|las|thi|nex|ear|lat"  # days, relative words
)
# Words before a date, in its clause, that make it a reference point rather than the event
# the sentence reports: "after the latter was confirmed on January 25", "since March 2024".
_SCENE = re.compile(
    r"\b(?:after|before|since|until|till|following|ahead\s+of|prior\s+to|between)\b",
    re.IGNORECASE,
)
# ... and words that do so only right before it: "by 2030", "from March", "as of Monday".
# A publication stamp ("Published : Feb 07, 2025") dates the page, not an event.
_SCENE_NEAR = re.compile(r"\b(?:by|from|through|as\s+of)\s+(?:[\w.]+\s+){0,2}$"
                         r"|\b(?:published|updated|posted|modified)\W{0,4}(?:on\s+|at\s+)?$",
                         re.IGNORECASE)
# A date opening the sentence before a dateline ("date 2025-02-07 New Delhi: ...") is when
# the report was filed: it anchors the sentence's relative dates, and is not itself reported.
_LEADING = re.compile(r"\s*(?:date\s+)?$", re.IGNORECASE)
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")  # any year, also in periods ("2025-2035")
_SCENE_REACH = 80  # characters before a date searched for those words, within its clause
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\band\b|\bwhile\b|\bwhen\b", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|would\s+be|is\s+(?:scheduled|set|due|expected|slated|going)\s+to|"
    r"are\s+(?:scheduled|set|due|expected|slated|going)\s+to|plans?\s+to|next|upcoming|"
    r"coming)\b",
    re.IGNORECASE,
)

# Stamps that say when the document was published, in its first lines.
_STAMP = re.compile(
    r"\b(?P<label>published|posted|updated|modified|date)\b\s*(?::\s*|on\s+|at\s+)?",
    re.IGNORECASE,
)
_WEEKDAY_WORD = re.compile(r"[A-Za-z]{3,9}\.?,?\s+")
_STAMP_REACH = 3000  # characters from the start searched for a stamp
_TOP_REACH = 400  # characters from the start searched for a byline or dateline date
_SHORT_LINE_WORDS = 24
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:--|—|–|_|-|:|\|)")


def document_date(document: Document) -> datetime | None:
    """When ``document`` was published (UTC), or ``None`` when it cannot be told.

    ``published_at`` when set (a naive time is taken as UTC); else the first stamp labelled
    published/posted/date in the first lines (an "updated" stamp only when there is no
    other); else a full date on a short line, or before a dateline mark, near the top.
    """
    if document.published_at is not None:
        p = document.published_at
        return p.replace(tzinfo=UTC) if p.tzinfo is None else p.astimezone(UTC)
    found = text_date(document.text)
    return datetime(found.year, found.month, found.day, tzinfo=UTC) if found else None


def text_date(text: str) -> date | None:
    """The publication date printed near the top of ``text`` (see ``document_date``).

    Every date it can return holds a year, and every stamp a label word, so two quick scans
    (``_has_year``, ``_stamps``) skip the full patterns for most documents.
    """
    head = text[:_STAMP_REACH]
    if not _has_year(head):
        return None
    updated: date | None = None
    for m in _stamps(head):
        d = _full_date_at(head, m.end())
        if d is None:
            continue
        if m.group("label").lower() in ("updated", "modified"):
            updated = updated or d
            continue
        return d
    if updated is not None:
        return updated
    top = text[:_TOP_REACH]
    for m in _dates_in(top) if _has_year(top) else ():
        iso = _explicit(m, None)
        if len(iso) < 10:
            continue
        line_start = top.rfind("\n", 0, m.start()) + 1
        line_end = top.find("\n", m.end())
        line = top[line_start : line_end if line_end >= 0 else len(top)]
        if len(line.split()) <= _SHORT_LINE_WORDS or _DATELINE_AFTER.match(top, m.end()):
            return date.fromisoformat(iso)
    return None


# A year as ``_YEAR`` reads it, anywhere (a superset of the years ``_DATE`` accepts): a
# pattern that opens with literal digits, which the regex engine scans for at C speed.
_YEAR_DIGITS = re.compile(_YEAR)
_LABELS = ("published", "posted", "updated", "modified", "date")  # ``_STAMP``'s labels
# The characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter (İ ı ſ and
# the Kelvin sign; checked over all of Unicode in the tests): with none of them in a text,
# a word of ``_DATE`` or ``_STAMP`` matches there exactly where its lower-cased letters stand.
_FOLDED_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _lowered(text: str) -> str | None:
    """``text.lower()`` when an IGNORECASE pattern of ASCII words matches ``text`` exactly
    where the words stand in it (same length, none of ``_FOLDED_TO_ASCII``), else None."""
    lower = text.lower()
    if not text.isascii() and (len(lower) != len(text) or _FOLDED_TO_ASCII.search(text)):
        return None
    return lower


def _matches_at(pattern: re.Pattern[str], text: str,
                starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` when every match starts at one of
    ``starts`` (increasing): ``pattern`` is tried only there, left to right, skipping what
    the last match covered, so the first start that matches is the leftmost match."""
    end = 0
    for at in starts:
        m = pattern.match(text, at) if at >= end else None
        if m is not None:
            end = m.end()
            yield m


def _dates_in(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_DATE.finditer(text)``, tried only where ``_DATE_START`` finds a
    possible start in the lower-cased text."""
    lower = _lowered(text)
    if lower is None:
        return _DATE.finditer(text)
    return _matches_at(_DATE, text, (m.start() for m in _DATE_START.finditer(lower)))


def _has_year(text: str) -> bool:
    """Whether ``text`` holds four digits that ``_YEAR`` matches (without context)."""
    return _YEAR_DIGITS.search(text) is not None


def _stamps(head: str) -> Iterator[re.Match[str]]:
    """The matches of ``_STAMP.finditer(head)``, tried only where a label word stands in
    the lower-cased text (found with ``str.find``, at C speed); a label inside another word
    ("date" in "updated", "candidate") fails ``_STAMP``'s word boundary, as in a scan."""
    lower = _lowered(head)
    if lower is None:
        return _STAMP.finditer(head)
    return _matches_at(_STAMP, head, find_all(lower, _LABELS))


def _full_date_at(text: str, pos: int) -> date | None:
    """A complete date (year, month and day) starting at ``pos``, or ``None``."""
    m = _DATE.match(text, pos)
    if m is None or not (m.group("iso") or m.group("md_y") or m.group("dm_y")):
        w = _WEEKDAY_WORD.match(text, pos)  # "Published on Friday, February 7, 2025"
        m = _DATE.match(text, w.end()) if w else None
        if m is None:
            return None
    d = _explicit(m, None)
    return date.fromisoformat(d) if d and len(d) == 10 else None


Anchor = date | datetime | None


def sentence_date(text: str, anchor: Anchor | Callable[[], Anchor]) -> str:
    """The date ``text`` reports, ISO 8601 at the precision known, or "" (see module doc).

    ``anchor`` may be given as a function that returns it (a document's date, which costs a
    scan of the document to read): it is called once, and only when a date of ``text``
    needs it (a weekday, "yesterday", a day and month without a year)."""
    known: date | None = None
    pending = anchor if callable(anchor) else None
    if pending is None:
        known = _as_date(cast(Anchor, anchor))

    def need() -> date | None:
        nonlocal known, pending
        if pending is not None:
            known, pending = _as_date(pending()), None
        return known

    future: bool | None = None
    for m in _dates_in(text):
        if _LEADING.match(text[: m.start()]) and (m.group("iso") or m.group("md_y")
                                                  or m.group("dm_y")):
            known = date.fromisoformat(_explicit(m, None) or "0001-01-01")
            pending = None
            continue
        if _sets_the_scene(text, m.start()):
            continue
        if m.group("wd") or m.group("rel_day") or m.group("rel_which") or m.group("mr_m"):
            at = need()
            if at is None:
                continue
            if future is None:
                future = _FUTURE.search(text) is not None
            found = _relative(m, at, future)
        else:
            partial = (m.group("md_m") or m.group("dm_m")) and not (m.group("md_y")
                                                                    or m.group("dm_y"))
            found = _explicit(m, need() if partial else None)
        if found:
            return found
    return ""


def _as_date(anchor: Anchor) -> date | None:
    return anchor.date() if isinstance(anchor, datetime) else anchor


def agreed_date(text: str, supporting: Iterable[str]) -> str:
    """The date of an undated sentence from the sentences that say the same thing.

    ``supporting`` holds the dates (``sentence_date``, "" when none) of the sentences of other
    documents that report what ``text`` reports. They lend their date only when ``text``
    names no time at all (a sentence that says "on Tuesday" without an anchor may be about
    another day than theirs) and every dated one agrees on it. They are read only then, so
    they may be given as a generator that dates them.
    """
    if next(_dates_in(text), None) is not None or _ANY_YEAR.search(text):
        return ""
    dated = {d for d in supporting if d}
    return dated.pop() if len(dated) == 1 else ""


def _sets_the_scene(text: str, start: int) -> bool:
    """Whether the words before ``start`` in its clause make the date a reference point."""
    lo = max(0, start - _SCENE_REACH)
    window = text[lo:start]
    if _SCENE_NEAR.search(window):
        return True
    cut = 0
    for piece in _CLAUSE_BREAK.finditer(window):
        cut = piece.end()
    window = window[cut:]
    return _SCENE.search(window) is not None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _day(token: str) -> int:
    return int(token.rstrip("stndrh"))


def _explicit(m: re.Match[str], anchor: date | None) -> str:
    """ISO form of an explicit date match; "" when it is no valid date."""
    g = m.group
    try:
        if g("iso"):
            return date(int(g("iso")), int(g("iso_m")), int(g("iso_d"))).isoformat()
        if g("my_m"):
            return f"{int(g('my_y')):04d}-{_month(g('my_m')):02d}"
        if g("md_m") or g("dm_m"):
            month = _month(g("md_m") or g("dm_m"))
            day = _day(g("md_d") or g("dm_d"))
            year = g("md_y") or g("dm_y")
            if year:
                return date(int(year), month, day).isoformat()
            if anchor is None:
                return ""
            return _nearest(anchor, month, day).isoformat()
    except ValueError:  # "February 30"
        return ""
    return ""


def _nearest(anchor: date, month: int, day: int) -> date:
    """The date ``month``/``day`` in the year that puts it nearest ``anchor``."""
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:  # February 29 of a common year
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    if best is None:
        raise ValueError("no such day")
    return best


def _relative(m: re.Match[str], anchor: date, future: bool) -> str:
    """ISO form of a weekday or relative expression resolved against ``anchor``."""
    if m.group("wd"):
        weekday = _WEEKDAYS[m.group("wd").lower()]
        if future:
            return (anchor + timedelta(days=(weekday - anchor.weekday()) % 7)).isoformat()
        return (anchor - timedelta(days=(anchor.weekday() - weekday) % 7)).isoformat()
    if m.group("rel_day"):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group("rel_day").lower()]
        return (anchor + timedelta(days=shift)).isoformat()
    if m.group("mr_m"):  # "November last year"
        step = {"last": -1, "next": 1}.get(m.group("mr_which").lower(), 0)
        return f"{anchor.year + step:04d}-{_month(m.group('mr_m')):02d}"
    which = m.group("rel_which").lower().split()[0]
    step = {"last": -1, "next": 1}.get(which, 0)
    if m.group("rel_unit").lower() == "year":
        return f"{anchor.year + step:04d}"
    month_index = anchor.year * 12 + anchor.month - 1 + step
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
