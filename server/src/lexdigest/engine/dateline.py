"""Wire datelines: where the place, date and agency tag that open a news story end.

A dateline opens the first sentence of a wire story and is not part of it. The forms of the
wire services and newspapers, in upper or mixed case, with or without the date:

    WASHINGTON (AP) --            SAN JUAN, Puerto Rico (AP) _       MIAMI _
    BEIJING, Dec. 1 (Xinhua) --   NEW YORK, Oct 3 (Reuters) -        LONDON, Nov. 3, 1998 --
    Moscow, 3 March (TASS) -      KABUL, Afghanistan —               WASHINGTON—
    New Delhi:                    (AP) --                            2025-02-07 Springfield:

``dateline_span`` finds one at the start of a unit; ``clean`` starts the unit's span after it,
so a citation never quotes it while ``text[char_start:char_end]`` stays the sentence exactly.
``dates`` may read the date inside the span to date the document.

Every pattern is linear on any input: each repetition is bounded, and word runs are
possessive, so a failed match never retries the ways to split a run of letters or dots.
"""

from __future__ import annotations

import re

# A leading stamp: "date 2025-02-07 ", "2025-02-07T10:15 ".
_DATE_PREFIX = re.compile(
    r"(?:date\s+)?(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\s+", re.IGNORECASE
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*+\.?"
_WORD = r"[A-Z][A-Za-z.'’\-]*+"
_DATELINE = re.compile(
    rf"""
    (?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}(?:,[ ]{_WORD}(?:[ ]{_WORD}){{0,2}})?)?
    (?P<date>,?[ ](?:{_MONTH}[ ]\d{{1,2}}|\d{{1,2}}[ ]{_MONTH})(?:,?[ ]\d{{4}})?)?
    (?P<tag>[ ]?\((?:[A-Z][A-Za-z.&'’\-]*+[ ]?){{1,4}}\))?
    (?P<sep>[ ]?:[ ]++|[ ]++(?:_|--|—|–|-)[ ]++|(?:—|–|--)(?=[A-Z"“]))
    """,
    re.VERBOSE,
)
# Every dateline ends in one of these marks close to the start of the unit: a cheap test
# that skips the full pattern for almost every sentence.
_MARK = re.compile(r":|_|--|—|–| - |\)\s*-")
MARK_REACH = 90  # a dateline's mark lies within this many characters of the unit's start

# Words that open ordinary sentences or labels, not place names ("The rebels _ ...").
_NOT_PLACE = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "this", "that", "these", "those", "in",
    "on", "at", "for", "but", "and", "if", "when", "as", "by", "edited", "written", "reported",
    "updated", "published", "posted", "source", "sources", "photo", "image", "note", "update",
    "read", "also", "editor", "editor's", "editors", "correction", "disclaimer", "summary",
    "highlights", "key", "contact", "tel", "email", "e-mail", "web", "online", "related",
    "notes", "details", "facts", "points", "updates", "headlines", "takeaways", "results",
    "contacts", "photos", "images", "videos", "links", "topics", "tags", "officials",
    "said", "says", "added", "asked", "told", "wrote", "warned",
})


def dateline_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the dateline that opens the unit ``text[start:end]``, or None.

    The span runs from ``start`` to the first character of the story (the separator and the
    spaces after it included). What follows must read as a sentence: at least four words,
    opening with a capital letter or a quotation mark.
    """
    if _MARK.search(text, start, min(end, start + MARK_REACH)) is None:
        return None
    pos = start
    m = _DATE_PREFIX.match(text, pos, end)
    if m:
        pos = m.end()
    m = _DATELINE.match(text, pos, end)
    if m and _is_dateline(m) and _rest_is_sentence(text, m.end(), end):
        return start, m.end()
    if pos > start and _rest_is_sentence(text, pos, end):
        return start, pos
    return None


def _is_dateline(m: re.Match[str]) -> bool:
    place, date, tag, sep = m.group("place"), m.group("date"), m.group("tag"), m.group("sep")
    if not place:
        return bool(tag) and not date  # "(AP) -- ..."
    words = place.replace(",", " ").split()
    if words[0].lower() in _NOT_PLACE or words[-1].lower() in _NOT_PLACE:
        return False
    if tag or date:
        return True
    if sep.strip() == ":":
        # "New Delhi: ..." and not "Officials said: ..." or a label ("Key Points:").
        return len(words) <= 3
    # A dash alone: a short place name, in capitals unless the dash is a long one.
    letters = [c for c in place if c.isalpha()]
    capitals = all(c.isupper() for c in letters)
    return capitals or sep.strip() in ("--", "—", "–", "_")


def _rest_is_sentence(text: str, start: int, end: int) -> bool:
    rest = text[start : min(end, start + 200)]
    return len(rest.split(None, 4)) >= 4 and (rest[:1].isupper() or rest[:1] in "\"“‘'`")
