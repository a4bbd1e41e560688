"""Boilerplate of scraped news, recognised on sentence spans without touching the text.

Two kinds of rule, both general:

* **Patterns** of page furniture: ads, share/follow prompts, image credits and captions,
  bylines, "Published/Updated" stamps, social handles, copyright lines, reading-time badges.
  They apply to short units only, so a real sentence that merely mentions a photo survives.
* **Repetition**: a short unit without final punctuation that recurs in the cluster (a label
  printed between paragraphs, a caption repeated by several pages) is furniture, not news.

Datelines used as prefixes ("PARIS (Reuters) -", "New Delhi:", "2025-02-07") are not dropped:
the span's start moves past them, so the citation still reproduces the sentence exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .segment import Segment, ends_like_sentence

_SHORT_UNIT_WORDS = 14  # furniture patterns apply to punctuated units at most this long
_LONG_LABEL_WORDS = 30  # ... and to units without final punctuation at most this long
_REPEAT_UNIT_WORDS = 8  # repeated units at most this long without final punctuation

# Linear time on any unit: a unit may be 30 words but megabytes of punctuation, so every
# open-ended run that is followed by something that could also match its characters is
# possessive (``*+``, ``++``). ``.*`` before ``\W*$`` used to retry every split of a
# punctuation run between the two (quadratic); a name word ``[\w.'’-]*`` before ``\W*$``
# did the same with a run of dots. Possessive forms accept exactly the same units here:
# whatever the run gives back can only be matched by a later part if it ends the unit.
_FURNITURE = re.compile(
    r"""^\W*(?:
        advertisements?|advertising|sponsored(?:\s+content)?|promoted|ad|
        (?:follow|share|subscribe|like|join|contact|email|e-mail|print|comment|tweet|pin)
            (?:\s+(?:us|this|on|to|via|with|our|the|now|article|story|page|newsletter)\b.*+)?|
        (?:also\s+)?read(?:\s+(?:more|also|next|this|full|the\s+full)\b|\s*:).*+|
        (?:see|watch|listen|related|recommended|trending|popular|most\s+(?:read|viewed|popular))
            (?:\s+(?:also|more|now|here|stories|articles|news|videos?|topics?|content))?\b.*+|
        sign\s+(?:up|in)\b.*+|log\s*in\b.*+|click\s+here\b.*+|download\s+(?:the|our)\s+app\b.*+|
        skip\s+to\b.*+|back\s+to\s+top|more\s+from\b.*+|(?:top|latest|breaking)\s+news|
        (?:image|photo|picture|video|graphic|illustration|file\s+photo)s?
            (?:\s+(?:source|credit|courtesy|by))?\s*[:|©(].*+|
        (?:photo|image|picture)s?\s+(?:by|courtesy\s+of|credit)\b.*+|
        (?:©|\(c\)|copyright\b).*+|all\s+rights\s+reserved.*+|
        (?:edited|written|reported|posted|compiled|curated|produced)\s+by\b.*+|
        by\s+[A-Z][\w.'’-]*+(?:\s++[A-Z][\w.'’-]*+){0,3}\s*+(?:[,|/@].*+)?|
        (?:first\s+)?(?:published|updated|posted|last\s+(?:updated|modified))\s*(?::|on\b|at\b|\d).*+|
        \d+\s+min(?:ute)?s?\s+read|\d+\s+(?:seconds?|minutes?|hours?|days?)\s+ago|
        we\s+use\s+cookies\b.*+|accept\s+(?:all\s+)?cookies.*+|
        (?:staff|desk)\s+(?:reporter|writer|correspondent)\b.*+
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Credits anywhere in a short unit: "(Getty Images)", "AP Photo/Jane Doe", "Photo: ...".
_CREDIT = re.compile(
    r"\b(?:getty\s+images|shutterstock|ap\s+photo|afp\s+photo|reuters\s+photo|"
    r"file\s+photo|image\s+source|photo\s+credit|image\s+credit)\b",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
_PIPES = re.compile(r"\s[|•·]\s|\s\|$")
# A stamp: mostly dates, times and zones ("Feb 07, 2025 9:40 IST", "2025-02-07 10:15").
_STAMP_TOKEN = re.compile(
    r"^(?:\d{1,4}(?:[:/.\-]\d{1,4})*(?:am|pm)?|[ap]\.?m\.?|ist|gmt|utc|bst|cet|[ecmp][sd]?t|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"updated|published|posted|on|at|,|\||-)\.?,?$",
    re.IGNORECASE,
)
# "Published : Feb 07, 2025 9:40 IST", "Updated on 7 February 2025", "Posted 2025-02-07".
_STAMP_INSIDE = re.compile(
    r"\b(?:published|updated|posted|modified)\s*+:?\s*+(?:on\s+)?"
    r"(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})",
    re.IGNORECASE,
)

# Dateline prefixes: "date 2025-02-07 ", "2025-02-07 ", "Feb. 7, 2025 -- ".
_DATE_PREFIX = re.compile(
    r"(?:date\s+)?(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\s+", re.IGNORECASE
)
# "WASHINGTON (AP) _ ", "MUNICH, Germany (AP) -- ", "New Delhi: ", "LONDON — ".
_PLACE_PREFIX = re.compile(
    r"(?:[A-Z][A-Za-z.'’\-]*+(?:\s+[A-Z][A-Za-z.'’\-]*+){0,3})"
    r"(?:,\s+[A-Z][A-Za-z.'’\-]*+(?:\s+[A-Z][A-Za-z.'’\-]*+){0,2})?"
    r"(?:\s*\([A-Za-z.&' ]{1,24}\))?"
    r"(?:\s*:\s+|\s+(?:_|--|—|–|-)\s+)"
)
# Possessive words: ``(?:[A-Z][A-Za-z.&']*\s?){1,3}`` could split a long capitalised run
# into three words in O(n^3) ways before failing.
_AGENCY_PREFIX = re.compile(r"\((?:[A-Z][A-Za-z.&']*+\s?){1,3}\)\s+(?:_|--|—|–|-)\s+")


# Every dateline form above ends in one of these marks, close to the start of the unit.
_DATELINE_MARK = re.compile(r":|_|--|—|–| - |-[01]")
_DATELINE_REACH = 90


class Unit(NamedTuple):
    """One segmented unit of a document after cleaning.

    ``start``/``end`` may be narrower than the segment's when a dateline prefix was cut;
    ``boilerplate`` names the rule that dropped the unit, or is empty. A named tuple, like
    ``Segment``: immutable and cheap to create.
    """

    doc: int
    sentence_index: int  # position among the document's segments, as cited
    start: int
    end: int
    paragraph: int
    kind: str
    boilerplate: str = ""


def is_furniture(text: str) -> str:
    """The reason ``text`` (one unit) is page furniture, or "" when it is not."""
    punctuated = ends_like_sentence(text)
    limit = _SHORT_UNIT_WORDS if punctuated else _LONG_LABEL_WORDS
    # At most ``limit + 1`` pieces: a longer unit is told apart after a few words, and a
    # unit within the limit is split completely.
    words = text.split(None, limit)
    if len(words) > limit:
        return ""
    if _FURNITURE.match(text):
        return "page furniture"
    if _CREDIT.search(text):
        return "image credit"
    if not punctuated and _STAMP_INSIDE.search(text):
        return "timestamp"
    if _HANDLE.search(text) and not punctuated:
        return "byline or handle"
    if _PIPES.search(text) and not punctuated:
        return "byline or section label"
    if words and all(_STAMP_TOKEN.match(w) for w in words):
        return "timestamp"
    return ""


def strip_dateline(text: str, start: int, end: int) -> int:
    """New start of the unit ``text[start:end]`` with a leading dateline skipped."""
    if _DATELINE_MARK.search(text, start, min(end, start + _DATELINE_REACH)) is None:
        return start
    pos = start
    m = _DATE_PREFIX.match(text, pos, end)
    if m:
        pos = m.end()
    m = _PLACE_PREFIX.match(text, pos, end)
    if m and _looks_like_place(m.group(0)) and _rest_is_sentence(text, m.end(), end):
        pos = m.end()
    else:
        m = _AGENCY_PREFIX.match(text, pos, end)
        if m and _rest_is_sentence(text, m.end(), end):
            pos = m.end()
    return pos if pos < end else start


def _looks_like_place(prefix: str) -> bool:
    """A dateline has an agency tag, a dash, or is a short capitalised place name."""
    if "(" in prefix or "_" in prefix or "--" in prefix or "—" in prefix or "–" in prefix:
        return True
    # "New Delhi: ..." — one to three capitalised words that are not a label ("Edited By:").
    head = prefix.split(":")[0].strip()
    words = head.lower().split()
    return 0 < len(words) <= 3 and not _LABEL_WORDS.intersection(words) and not head.endswith(
        ("s", "said", "says"))


_LABEL_WORDS = frozenset({
    "by", "edited", "written", "reported", "updated", "published", "posted", "source",
    "sources", "photo", "image", "note", "update", "read", "also", "editor", "editor's",
    "correction", "disclaimer", "summary", "highlights", "key",
})


def _rest_is_sentence(text: str, start: int, end: int) -> bool:
    rest = text[start:end]
    return len(rest.split()) >= 4 and (rest[:1].isupper() or rest[:1] in "\"“‘'`")


def clean(text: str, doc: int, segments: list[Segment]) -> list[Unit]:
    """Units of one document: furniture marked, dateline prefixes cut."""
    units: list[Unit] = []
    for i, seg in enumerate(segments):
        body = text[seg.start : seg.end]
        reason = is_furniture(body)
        start = seg.start
        if not reason and seg.kind == "sentence":
            start = strip_dateline(text, seg.start, seg.end)
        units.append(Unit(doc, i, start, seg.end, seg.paragraph, seg.kind, reason))
    return units


def mark_repeated(texts: list[str], units: list[Unit]) -> list[Unit]:
    """Mark short unpunctuated units that recur in the cluster as furniture.

    ``texts`` are the documents' texts, indexed by ``Unit.doc``.
    """
    keys: list[str] = []
    for u in units:
        body = texts[u.doc][u.start : u.end]
        short = (len(body.split(None, _REPEAT_UNIT_WORDS)) <= _REPEAT_UNIT_WORDS
                 and not ends_like_sentence(body))
        keys.append(" ".join(body.lower().split()) if short and not u.boilerplate else "")
    counts = Counter(k for k in keys if k)
    out: list[Unit] = []
    for u, key in zip(units, keys, strict=True):
        if key and counts[key] > 1 and u.kind != "list_item":
            u = u._replace(boilerplate="repeated label")
        out.append(u)
    return out
