"""Boilerplate of scraped news, recognised on sentence spans without touching the text.

Two kinds of rule, both general:

* **Patterns** of page furniture: ads, share/follow prompts, image credits and captions,
  bylines, "Published/Updated" stamps, social handles, copyright lines, reading-time badges.
  They apply to short units only, so a real sentence that merely mentions a photo survives.
* **Desk notes** at any length: what the news desk and syndication tell editors (photo
  packages, story trims, advisories, client lines, "graf" instructions, production credits,
  contributor taglines), and link and contact lines.
* **Repetition**: a short unit without final punctuation that recurs in the cluster (a label
  printed between paragraphs, a caption repeated by several pages) is furniture, not news.

Datelines used as prefixes ("PARIS (Reuters) -", "New Delhi:", "2025-02-07", see
``dateline``) are not dropped: the span's start moves past them, so the citation still
reproduces the sentence exactly.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from typing import NamedTuple

import numpy as np

from .dateline import dateline_span
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
# Notes of the news desk and of syndication, at any length: they address editors, not
# readers. Photo and graphic packages "moving" on a day, story trims ("can end here",
# "optional add"), notes and advisories to editors, client and release lines, agency and
# syndicate copyright lines ("c.1998 ... News Service"), paragraph ("graf") instructions,
# production credits ("Reporting by ...; Editing by ..."), contributor and contact taglines,
# and end marks. Each pattern runs only when one of its key words is in the unit (a
# substring test on the lower-cased unit), so ordinary sentences cost a few substring
# searches; every run in a pattern is bounded or possessive, so each search is linear.
_DESK_NOTES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (keys, re.compile(pattern, re.IGNORECASE))
    for keys, pattern in (
        (("photo", "picture", "graphic", "image", "illustration", "chart", "map"),
         r"\b(?:photos?|pictures?|graphics?|images?|illustrations?|charts?|maps?)\b"
         r"[^.]{0,80}?\b(?:package|moving\s+(?:\w{1,9}day|today|tonight|tomorrow)|"
         r"(?:are|is)\s+available|will\s+move|moved\s+(?:on|with))\b"),
        (("end here",), r"\b(?:story|item)\s+(?:can|may)\s+end\s+here\b"),
        (("optional", "add end"),
         r"\boptional\s+(?:add|material|trim|insert)\b|\(\s*optional\b|\badd\s+end\b|"
         r"\bend\s+optional\b"),
        (("service",), r"\b(?:news|wire|feature)\s+service\s+(?:clients|members|subscribers)\b"),
        (("for use", "for release", "publication", "embargo"),
         r"\bfor\s+(?:use|release)\s+(?:by|on|at|in)\b|\bnot\s+for\s+publication\b|"
         r"\bembargoed?\s+(?:until|till|for)\b"),
        (("c.19", "c.20", "c 19", "c 20"),
         r"(?:^|\s)c\.?\s?(?:19|20)\d\d\b[^.]{0,60}?"
         r"\b(?:service|syndicate|agency|times|post|press)\b"),
        (("graf", "pvs"), r"\b\d{0,3}(?:st|nd|rd|th)?\s?grafs?\b|\bgraf\s+\d|\bpvs\b"),
        (("reporting by", "writing by", "editing by"),
         r"\b(?:reporting|writing|editing)\s+by\s+(?-i:[A-Z])"),
        (("contributed",),
         r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b"),
        (("reached", "contacted"), r"\bcan\s+be\s+(?:reached|contacted)\s+(?:at|by|via)\b"),
        (("follow",),
         r"\bfollow\s+(?:\w{1,30}\s+){0,2}on\s+(?:twitter|x|facebook|instagram|threads|bluesky)\b"),
    )
)
# Desk notes that open the unit: "Editors: ...", "On the Net: ...", "(MORE)", "###".
_DESK_OPENING = re.compile(
    r"^\W*+(?:eds?|editors?|editor'?s\s+note|note\s+to\s+editors|advisory|attn)\b\W|"
    r"^\W*+(?:on\s+the\s+(?:net|web|internet)|online|contacts?|tel|telephone|phone|fax|"
    r"e-?mail|web\s?site|internet)\s*:|"
    r"^[\W_]*+(?:more|end|ends|endit|enditem|-30-)[\W_]*+$|^\s*#{3}\W*+$",
    re.IGNORECASE,
)
# Link and contact lines: a web address, e-mail address or telephone number in a short unit.
_LINK_KEYS = ("://", "www.", "@", ".com", ".org", ".net", ".gov", ".edu", ".int", ".info",
              ".co.uk")
_LINK = re.compile(
    r"https?://|\bwww\.|\b[\w-]{2,63}\.(?:com|org|net|gov|edu|int|info|co\.uk)(?:/|\b)|"
    r"\b[\w.+-]{1,64}@[\w-]{1,63}\.[a-z]{2,}",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b1-8\d\d-\d")
# Every telephone number holds three digits in a row: units without them skip ``_PHONE``.
_THREE_DIGITS = re.compile(r"\d\d\d")
_DIGIT = re.compile(r"\d")
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_LINK_UNIT_WORDS = 25
_SPLIT = max(_SHORT_UNIT_WORDS, _LONG_LABEL_WORDS, _LINK_UNIT_WORDS)  # words to tell apart


_ALL_RULES = frozenset(range(len(_DESK_NOTES)))


def _desk_note(text: str, keys: frozenset[int] | None = None) -> bool:
    """Whether ``text`` is a desk note; ``keys`` are the rules whose key words it holds."""
    if keys is None:
        lower = text.lower()
        keys = frozenset(r for r, (words, _) in enumerate(_DESK_NOTES)
                         if any(w in lower for w in words))
    if any(_DESK_NOTES[r][1].search(text) for r in keys):
        return True
    return _DESK_OPENING.match(text) is not None


def _link_line(text: str, hinted: bool = True, digits: bool = True,
               pieces: int | None = None) -> bool:
    """Whether ``text`` is a link or contact line; ``hinted``/``digits``: whether it may
    hold a link key / three digits in a row (when false, it holds none); ``pieces``:
    ``len(text.split(None, n))`` for some ``n >= _LINK_UNIT_WORDS``, when known."""
    if pieces is None:
        pieces = len(text.split(None, _LINK_UNIT_WORDS))
    if pieces > _LINK_UNIT_WORDS:
        return False
    if hinted and any(k in text.lower() for k in _LINK_KEYS) and _LINK.search(text):
        return True
    return digits and _PHONE.search(text) is not None


_NO_RULES: frozenset[int] = frozenset()

# Key words found all at once in ASCII text: every position whose next four characters
# open a key word (their codes packed in 28 bits, looked up in a table of 2**20 entries by
# their low bits) is a candidate, checked with ``startswith``; shorter keys are found with
# ``str.find``. The same positions as one ``find`` loop per key, in one pass of arrays.
_ALL_KEYS = tuple(dict.fromkeys([w for words, _ in _DESK_NOTES for w in words]
                                + list(_LINK_KEYS)))
_GRAM = 4
_GRAM_BITS = 20
_SHORT_KEYS = tuple(k for k in _ALL_KEYS if len(k) < _GRAM)
# Each key is looked for by its four characters least likely in English text, taking the
# letters' usual frequencies (per cent of characters, a space about 18, anything else 0.5)
# as independent, so few positions are candidates: "for use" by "r us", not "for ".
_CHAR_SHARE = dict(zip(" etaoinshrdlcumwfgypbvkjxqz", (
    18, 10.4, 7.5, 6.7, 6.1, 5.7, 5.5, 5.2, 5.0, 4.9, 3.5, 3.3, 2.3, 2.3, 2.0, 2.0, 1.8, 1.6,
    1.6, 1.6, 1.2, 0.8, 0.6, 0.1, 0.1, 0.1, 0.1), strict=True))


def _rarest_gram(key: str) -> int:
    """Offset of the four characters of ``key`` least likely to occur together."""
    def likelihood(gram: str) -> float:
        return math.prod(_CHAR_SHARE.get(c, 0.5) for c in gram)

    return min(range(len(key) - _GRAM + 1), key=lambda o: likelihood(key[o : o + _GRAM]))


_BY_GRAM: dict[int, tuple[tuple[str, int], ...]] = {}  # code -> (key, offset of the gram)
for _key in _ALL_KEYS:
    if len(_key) >= _GRAM and _key.isascii():
        _at = _rarest_gram(_key)
        _code = sum(ord(c) << (7 * j) for j, c in enumerate(_key[_at : _at + _GRAM]))
        _BY_GRAM[_code] = (*_BY_GRAM.get(_code, ()), (_key, _at))
_GRAM_TABLE = np.zeros(1 << _GRAM_BITS, dtype=bool)
_GRAM_TABLE[[c & ((1 << _GRAM_BITS) - 1) for c in _BY_GRAM]] = True
_SLOW_KEYS = tuple(k for k in _ALL_KEYS if len(k) >= _GRAM and not k.isascii())


def _find_all(text: str, key: str) -> list[int]:
    """Every position where ``key`` starts in ``text``."""
    out = []
    i = text.find(key)
    while i >= 0:
        out.append(i)
        i = text.find(key, i + 1)
    return out


def _key_positions(lower: str) -> dict[str, list[int]]:
    """Where each key word starts in the lower-cased text ``lower``. (Characters outside
    ASCII are read as "?", which no ASCII key word holds.)"""
    at: dict[str, list[int]] = {k: _find_all(lower, k) for k in _SHORT_KEYS + _SLOW_KEYS}
    for held in _BY_GRAM.values():
        for key, _ in held:
            at[key] = []
    if len(lower) >= _GRAM:
        c = np.frombuffer(lower.encode("ascii", "replace"), dtype=np.uint8).astype(np.uint32)
        code = c[:-3] | (c[1:-2] << 7) | (c[2:-1] << 14) | (c[3:] << 21)
        # take, not fancy indexing: under a worker's memory cap, numpy 2.4's fancy indexing
        # crashed the process (SIGSEGV) where take raises MemoryError.
        candidates = np.flatnonzero(_GRAM_TABLE.take(code & ((1 << _GRAM_BITS) - 1)))
        for i, g in zip(candidates.tolist(), code.take(candidates).tolist(), strict=True):
            for key, offset in _BY_GRAM.get(g, ()):
                if i >= offset and lower.startswith(key, i - offset):
                    at[key].append(i - offset)
    return at


def _digit_runs(text: str, segments: list[Segment]) -> list[bool]:
    """Per segment, whether three digits in a row of ``text`` overlap it (a segment that
    holds three digits in a row is one of them)."""
    n = len(segments)
    if not text.isascii() and _DIGIT.search("".join(_NON_ASCII.findall(text))):
        digits = [False] * n
        starts = [seg.start for seg in segments]
        for m in _THREE_DIGITS.finditer(text):  # every segment the three digits overlap
            k = max(bisect_right(starts, m.start()) - 1, 0)
            while k < n and segments[k].start < m.end():
                digits[k] = digits[k] or segments[k].end > m.start()
                k += 1
        return digits
    # Outside ASCII no digit here: those characters are read as "?".
    c = np.frombuffer(text.encode("ascii", "replace"), dtype=np.uint8) - np.uint8(48)
    digit = c < 10
    at = np.flatnonzero(digit[:-2] & digit[1:-1] & digit[2:])  # windows [p, p + 3)
    marked = np.zeros(n, dtype=bool)
    if at.size and n:
        seg_start = np.fromiter((seg.start for seg in segments), dtype=np.int64, count=n)
        seg_end = np.fromiter((seg.end for seg in segments), dtype=np.int64, count=n)
        seg = np.searchsorted(seg_start, at + 3) - 1  # the last segment opening before
        while seg.size:  # walk back while the segments still reach into their windows
            seg, at = seg[seg >= 0], at[seg >= 0]
            reach = seg_end[seg] > at
            seg, at = seg[reach], at[reach]
            marked[seg] = True
            seg = seg - 1
    flags: list[bool] = marked.tolist()
    return flags


def _keys_by_segment(text: str, segments: list[Segment]) -> tuple[
        list[frozenset[int]], list[bool], list[bool]]:
    """Per segment, the desk-note rules whose key words it holds, whether it may hold a
    link key, and whether it may hold three digits in a row: found by one substring search
    per key and one scan for digits over the whole document, so the cost per unit without
    any is nothing."""
    n = len(segments)
    starts = [seg.start for seg in segments]
    digits = _digit_runs(text, segments)
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer: search each unit
        return [_ALL_RULES] * n, [True] * n, digits
    found: dict[int, set[int]] = {}
    links = [False] * n
    at = _key_positions(lower)

    def hits(key: str) -> list[int]:
        out = []
        for i in at[key]:
            k = bisect_right(starts, i) - 1
            if k >= 0 and i < segments[k].end:
                out.append(k)
        return out

    for r, (words, _) in enumerate(_DESK_NOTES):
        for w in words:
            for k in hits(w):
                found.setdefault(k, set()).add(r)
    for w in _LINK_KEYS:
        for k in hits(w):
            links[k] = True
    rules = [_NO_RULES] * n
    for k, held in found.items():
        rules[k] = frozenset(held)
    return rules, links, digits


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


def is_furniture(
    text: str, desk_keys: frozenset[int] | None = None, link_hint: bool = True,
    digits_hint: bool = True,
) -> str:
    """The reason ``text`` (one unit) is page furniture, or "" when it is not.

    ``desk_keys``/``link_hint``/``digits_hint`` are what ``clean`` found for the unit in one
    pass over its document (``_keys_by_segment``); by default the unit is searched itself.
    """
    if _desk_note(text, desk_keys):
        return "note to editors"
    # At most ``_SPLIT + 1`` pieces: a longer unit is told apart after a few words, and a
    # unit within every limit is split completely.
    words = text.split(None, _SPLIT)
    if _link_line(text, link_hint, digits_hint, len(words)):
        return "link or contact line"
    punctuated = ends_like_sentence(text)
    limit = _SHORT_UNIT_WORDS if punctuated else _LONG_LABEL_WORDS
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
    span = dateline_span(text, start, end)
    return span[1] if span else start


def fragment_reason(text: str) -> str:
    """Why the unit ``text`` is not a sentence a digest can quote, or "".

    A list header ends in ":"; a headline, label or caption has no final punctuation; a
    line in capitals shouts a heading; a label line opens with a short capitalised label and
    a colon ("Key Points: ..."). They may still serve as titles or as context.
    """
    body = text.rstrip()
    if body.endswith(":"):
        return "list header"
    if not ends_like_sentence(body) and not _UNMARKED_SCRIPT.search(body[-_TAIL:]):
        return "no final punctuation"
    words = body.split(None, _CAPS_WORDS * 4)
    # Words in capitals of two letters or more; counted only when the words in capitals of
    # any length (a count in C) could reach the share.
    if (len(words) >= _CAPS_WORDS and sum(map(str.isupper, words)) >= _CAPS_SHARE * len(words)
            and sum(1 for w in words if len(w) > 1 and w.isupper()) >= _CAPS_SHARE * len(words)):
        return "line in capitals"
    m = _LABEL_LINE.match(body)
    if m and all(w[:1].isupper() or w in _LABEL_JOINERS for w in m.group(1).split()):
        return "label line"
    return ""


# Thai and Lao end a sentence with a space, not a mark: their lines need no final punctuation.
_UNMARKED_SCRIPT = re.compile("[\u0e00-\u0eff]")
_TAIL = 40  # characters at the end of a unit looked at for that script
_CAPS_WORDS = 4  # a line of at least this many words, ...
_CAPS_SHARE = 0.7  # ... this share of them in capitals, is a heading
# "Key Points: ...", "Background: ...": one to four words, then a colon.
_LABEL_LINE = re.compile(r"([A-Za-z][\w'’&/-]*+(?: [A-Za-z][\w'’&/-]*+){0,3}):\s")
_LABEL_JOINERS = frozenset({"of", "and", "the", "for", "in", "on", "to", "&"})


def clean(text: str, doc: int, segments: list[Segment]) -> list[Unit]:
    """Units of one document: furniture marked, dateline prefixes cut."""
    units: list[Unit] = []
    desk_keys, link_hints, digits = _keys_by_segment(text, segments)
    for i, seg in enumerate(segments):
        body = text[seg.start : seg.end]
        reason = is_furniture(body, desk_keys[i], link_hints[i], digits[i])
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
        if u.boilerplate:
            keys.append("")
            continue
        body = texts[u.doc][u.start : u.end]
        short = (not ends_like_sentence(body)  # the cheaper test first: most units end so
                 and len(body.split(None, _REPEAT_UNIT_WORDS)) <= _REPEAT_UNIT_WORDS)
        keys.append(" ".join(body.lower().split()) if short else "")
    counts = Counter(k for k in keys if k)
    out: list[Unit] = []
    for u, key in zip(units, keys, strict=True):
        if key and counts[key] > 1 and u.kind != "list_item":
            u = u._replace(boilerplate="repeated label")
        out.append(u)
    return out
