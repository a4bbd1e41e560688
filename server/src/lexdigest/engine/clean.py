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
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._find import find_all
from .dateline import MARK_REACH as _DATELINE_REACH
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

# Key words found all at once in ASCII text. Each key of three characters or more is
# looked for by a gram of four (or three) of its characters that opens with a character
# rare in English, so a position is a candidate only where one of a dozen rare characters
# stands (a few comparisons of bytes); the candidates' grams are read as integers from a
# strided view of the bytes, looked up in a small hash table (four characters) or compared
# (three), and a candidate whose gram is a key's is checked with ``startswith``. Keys of
# one or two characters are found with ``str.find``. The same positions as one ``find``
# loop per key.
# Every match of ``_CREDIT`` holds one of these words (in lower case, but for "ı" and "ſ",
# which IGNORECASE matches as "i" and "s").
_CREDIT_KEYS = ("shutterstock", "photo", "image")
_ODD_CASE = re.compile("[ıſ]")
_ALL_KEYS = tuple(dict.fromkeys([w for words, _ in _DESK_NOTES for w in words]
                                + list(_LINK_KEYS) + list(_CREDIT_KEYS)))
_GRAM = 4
# Shares of the letters in English text (per cent of characters, a space about 18,
# anything else 0.5), taken as independent.
_CHAR_SHARE = dict(zip(" etaoinshrdlcumwfgypbvkjxqz", (
    18, 10.4, 7.5, 6.7, 6.1, 5.7, 5.5, 5.2, 5.0, 4.9, 3.5, 3.3, 2.3, 2.3, 2.0, 2.0, 1.8, 1.6,
    1.6, 1.6, 1.2, 0.8, 0.6, 0.1, 0.1, 0.1, 0.1), strict=True))


def _rarest_gram(key: str, width: int = _GRAM) -> int:
    """Offset of the ``width`` characters of ``key`` that open with its least likely
    character (the least likely characters together, among those)."""
    def likelihood(o: int) -> tuple[float, float]:
        gram = key[o : o + width]
        return _CHAR_SHARE.get(gram[0], 0.5), math.prod(_CHAR_SHARE.get(c, 0.5) for c in gram)

    return min(range(len(key) - width + 1), key=likelihood)


def _grams(width: int) -> dict[int, tuple[tuple[str, int], ...]]:
    """The ASCII keys of at least ``width`` characters by the code of their gram (its
    bytes, little-endian): code -> (key, offset of the gram in it), ..."""
    held: dict[int, tuple[tuple[str, int], ...]] = {}
    for key in _ALL_KEYS:
        if key.isascii() and (len(key) >= width if width == _GRAM else len(key) == width):
            at = _rarest_gram(key, width)
            code = int.from_bytes(key[at : at + width].encode("ascii"), "little")
            held[code] = (*held.get(code, ()), (key, at))
    return held


_BY_GRAM = _grams(_GRAM)
_BY_TRIPLE = _grams(_GRAM - 1)
# 1 for the bytes a gram opens with (a ``bytes.translate`` table: one pass, no temporaries)
_OPENER_TABLE = bytes(int(b in {c & 255 for c in (*_BY_GRAM, *_BY_TRIPLE)}) for b in range(256))
_HASH_BITS = 12
_HASH = 0x9E3779B1  # Knuth's multiplicative hash: 2**32 over the golden ratio
_GRAM_CODES = np.array(sorted(_BY_GRAM), dtype=np.uint32)
_GRAM_SLOTS = np.zeros(1 << _HASH_BITS, dtype=bool)  # the slots some gram hashes to
_GRAM_SLOTS[[((c * _HASH) & 0xFFFFFFFF) >> (32 - _HASH_BITS) for c in _BY_GRAM]] = True
_FOUND_BY_FIND = tuple(k for k in _ALL_KEYS if len(k) < _GRAM - 1 or not k.isascii())


def _codes_at(b: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The four bytes of ``b`` from each position ``at`` as one little-endian integer,
    gathered byte by byte (a gather through a strided view of four bytes is slower);
    ``b`` holds ``_GRAM`` bytes past every position."""
    code = b.take(at).astype(np.uint32)
    for j in range(1, _GRAM):
        code |= b.take(at + j).astype(np.uint32) << np.uint32(8 * j)
    return code


def _key_positions(lower: str) -> dict[str, list[int]]:
    """Where each key word starts in the lower-cased text ``lower``. (Characters outside
    ASCII are read as "?", which no ASCII key word holds.)"""
    at: dict[str, list[int]] = {k: [] for k in _ALL_KEYS}
    for k in _FOUND_BY_FIND:
        at[k] = find_all(lower, (k,))
    raw = lower.encode("ascii", "replace")
    n = len(raw) - (_GRAM - 1) + 1  # positions a gram of three characters may open at
    if n <= 0:
        return at
    opens = np.frombuffer(raw[:n].translate(_OPENER_TABLE), dtype=bool)
    candidates = np.flatnonzero(opens)
    # Four bytes from each candidate: its gram, or three and one more.
    b = np.frombuffer(raw + b"\0" * _GRAM, dtype=np.uint8)
    code = _codes_at(b, candidates)
    slot = code * np.uint32(_HASH)
    slot >>= np.uint32(32 - _HASH_BITS)
    four = _GRAM_SLOTS.take(slot)
    four[four] = np.isin(code[four], _GRAM_CODES)  # the few that hash like a gram
    for i, g in zip(candidates[four].tolist(), code[four].tolist(), strict=True):
        for key, offset in _BY_GRAM[g]:
            if i >= offset and lower.startswith(key, i - offset):
                at[key].append(i - offset)
    code &= np.uint32(0xFFFFFF)
    for g, held in _BY_TRIPLE.items():
        for i in candidates[code == g].tolist():
            for key, _ in held:  # a key of three characters is its own gram
                at[key].append(i)
    return at


def _digit_runs(text: str, segments: list[Segment]) -> list[bool]:
    """Per segment, whether three digits in a row of ``text`` overlap it (a segment that
    holds three digits in a row is one of them)."""
    if _wide_digits(text):
        return _digit_runs_by_regex(text, segments)
    n = len(segments)
    starts = np.fromiter((seg.start for seg in segments), dtype=np.int64, count=n)
    ends = np.fromiter((seg.end for seg in segments), dtype=np.int64, count=n)
    flags: list[bool] = _digit_windows(char_codes(text), starts, ends).tolist()
    return flags


def _wide_digits(text: str) -> bool:
    """Whether ``text`` holds a digit outside ASCII (which the array passes read as "?")."""
    return not text.isascii() and _DIGIT.search("".join(_NON_ASCII.findall(text))) is not None


def _digit_runs_by_regex(text: str, segments: list[Segment]) -> list[bool]:
    """``_digit_runs`` by a regex scan: for texts with digits outside ASCII."""
    n = len(segments)
    digits = [False] * n
    starts = [seg.start for seg in segments]
    for m in _THREE_DIGITS.finditer(text):  # every segment the three digits overlap
        k = max(bisect_right(starts, m.start()) - 1, 0)
        while k < n and segments[k].start < m.end():
            digits[k] = digits[k] or segments[k].end > m.start()
            k += 1
    return digits


def _digit_windows(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per span ``[starts[k], ends[k])`` (in order, not overlapping), whether three ASCII
    digits in a row of ``codes`` (``char_codes``) overlap it."""
    digit = (codes - np.uint8(48)) < 10
    return _window_flags(np.flatnonzero(digit[:-2] & digit[1:-1] & digit[2:]), starts, ends)


def _window_flags(at: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per span ``[starts[k], ends[k])`` (in order, not overlapping), whether one of the
    windows ``[p, p + 3)``, ``p`` in ``at`` (ascending), overlaps it."""
    marked = np.zeros(starts.size, dtype=bool)
    if at.size and starts.size:
        seg = np.searchsorted(starts, at + 3) - 1  # the last segment opening before
        while seg.size:  # walk back while the segments still reach into their windows
            seg, at = seg[seg >= 0], at[seg >= 0]
            reach = ends[seg] > at
            seg, at = seg[reach], at[reach]
            marked[seg] = True
            seg = seg - 1
    return marked


_WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")  # white space outside ASCII (as str.split sees it)


def char_codes(text: str) -> np.ndarray:
    """One byte per character of ``text``: ASCII as it stands, white space outside ASCII
    as a space, any other character outside ASCII as "?"."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    codes = np.frombuffer(text.encode("ascii", "replace"), dtype=np.uint8)
    spaces = [m.start() for m in _WIDE_SPACE.finditer(text)]
    if spaces:
        codes = codes.copy()
        codes[spaces] = 32
    return codes


_LINK_RULE = len(_DESK_NOTES)  # the "rule" numbers of link and credit keys in ``_key_hits``
_CREDIT_RULE = _LINK_RULE + 1


def _key_hits(lower: str, starts: np.ndarray, ends: np.ndarray) -> tuple[
        list[frozenset[int]], np.ndarray, np.ndarray]:
    """Per span of the lower-cased text ``lower``, the desk-note rules one of whose key
    words it holds, whether it holds a link key and whether a credit key (found by
    ``_key_positions``: one pass for all key words). A key counts only when it lies wholly
    inside the span, as the substring test on the unit alone has it."""
    at = _key_positions(lower)
    where: list[int] = []
    rule: list[int] = []
    size: list[int] = []
    for r, (words, _) in enumerate(_DESK_NOTES):
        for w in words:
            where += at[w]
            rule += [r] * len(at[w])
            size += [len(w)] * len(at[w])
    for keys, r in ((_LINK_KEYS, _LINK_RULE), (_CREDIT_KEYS, _CREDIT_RULE)):
        for w in keys:
            where += at[w]
            rule += [r] * len(at[w])
            size += [len(w)] * len(at[w])
    n = starts.size
    rules = [_NO_RULES] * n
    links = np.zeros(n, dtype=bool)
    credits = np.zeros(n, dtype=bool)
    if not where or not n:
        return rules, links, credits
    pos = np.array(where, dtype=np.int64)
    seg = np.searchsorted(starts, pos, side="right") - 1
    inside = (seg >= 0) & (pos + np.array(size) <= ends[np.maximum(seg, 0)])
    found: dict[int, set[int]] = {}
    for k, r in zip(seg[inside].tolist(), np.array(rule)[inside].tolist(), strict=True):
        if r == _LINK_RULE:
            links[k] = True
        elif r == _CREDIT_RULE:
            credits[k] = True
        else:
            found.setdefault(k, set()).add(r)
    for k, held in found.items():
        rules[k] = frozenset(held)
    return rules, links, credits


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
    pass over the call's documents (``clean_documents``); by default the unit is searched
    itself.
    """
    return _furniture(text, desk_keys, link_hint, digits_hint)


def _furniture(text: str, desk_keys: frozenset[int] | None, link_hint: bool,
               digits_hint: bool, opening: bool = True, credit: bool = True,
               furnished: bool = True) -> str:
    """``is_furniture``; ``opening``/``credit``/``furnished``: whether the unit may open
    like a desk note (``_DESK_OPENING``), hold an image credit (``_CREDIT``) or open like
    page furniture (``_FURNITURE``); when false, it does not."""
    if desk_keys is None:
        note = _desk_note(text)
    else:
        note = any(_DESK_NOTES[r][1].search(text) for r in desk_keys) or (
            opening and _DESK_OPENING.match(text) is not None)
    if note:
        return "note to editors"
    # At most ``_SPLIT + 1`` pieces: a longer unit is told apart after a few words, and a
    # unit within every limit is split completely.
    words = text.split(None, _SPLIT)
    if (link_hint or digits_hint) and _link_line(text, link_hint, digits_hint, len(words)):
        return "link or contact line"
    punctuated = ends_like_sentence(text)
    limit = _SHORT_UNIT_WORDS if punctuated else _LONG_LABEL_WORDS
    if len(words) > limit:
        return ""
    if furnished and _FURNITURE.match(text):
        return "page furniture"
    if credit and _CREDIT.search(text):
        return "image credit"
    if not punctuated and _STAMP_INSIDE.search(text):
        return "timestamp"
    if not punctuated and _HANDLE.search(text):
        return "byline or handle"
    if not punctuated and _PIPES.search(text):
        return "byline or section label"
    if words and _STAMP_TOKEN.match(words[0]) and all(_STAMP_TOKEN.match(w) for w in words):
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


def _triple(chars: str) -> int:
    """The code ``_openings`` gives three characters (their ASCII codes with bit 5 set)."""
    return sum((ord(c) | 32) << (8 * j) for j, c in enumerate(chars))


_WHITE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "


def _first_three(padded: np.ndarray, at: np.ndarray) -> tuple[
        np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The three codes of ``padded`` from each position ``at``, and their ``_triple``."""
    first, second, third = (padded.take(at + j) for j in range(3))
    triple = ((first | 32).astype(np.uint32) | (second | 32).astype(np.uint32) << 8
              | (third | 32).astype(np.uint32) << 16)
    return first, second, third, triple


class _Openers(NamedTuple):
    r"""The words a pattern anchored at the start of a unit may open with, after what its
    leading ``\W*`` skips: ``pairs`` and ``triples`` of their first characters (codes of
    ``_triple``), whether a digit may open one, and the ASCII marks it may skip (1) or
    not (0: e.g. "(", which opens "(c)")."""

    pairs: np.ndarray
    triples: np.ndarray
    digits: bool
    skip: np.ndarray


def _openers(pairs: tuple[str, ...], triples: tuple[str, ...], digits: bool,
             skip: str) -> _Openers:
    skippable = np.zeros(256, dtype=np.int64)
    skippable[[ord(c) for c in skip]] = 1
    return _Openers(np.array(sorted({_triple(w) for w in pairs}), dtype=np.uint32),
                    np.array(sorted({_triple(w) for w in triples}), dtype=np.uint32),
                    digits, skippable)


# ``_DESK_OPENING``: "ed" or three characters of its words ("on" and any white space).
_DESK_OPENERS = _openers(("ed",), (
    "not", "adv", "att", "onl", "con", "tel", "pho", "fax", "e-m", "ema", "web", "int", "mor",
    "end", *("on" + c for c in _WHITE)), False, "!\"$%&'()*+,-./:;<=>@[\\]^`{|}~")
# ``_FURNITURE``: "ad" or three characters of its words ("by" and "we" and white space);
# "(" is not skipped, since "(c)" opens a copyright line.
_FURNITURE_OPENERS = _openers(("ad",), (
    "adv", "spo", "pro", "fol", "sha", "sub", "lik", "joi", "con", "ema", "e-m", "pri", "com",
    "twe", "pin", "als", "rea", "see", "wat", "lis", "rel", "rec", "tre", "pop", "mos", "sig",
    "log", "cli", "dow", "ski", "bac", "mor", "top", "lat", "bre", "ima", "pho", "pic", "vid",
    "gra", "ill", "fil", "cop", "all", "edi", "wri", "rep", "pos", "cur", "fir", "pub", "upd",
    "las", "acc", "sta", "des", *("by" + c for c in _WHITE), *("we" + c for c in _WHITE)),
    True, "!\"$%&')*+,-./:;<=>@[\\]^`{|}~")  # "5 min read"
_ASCII_LETTER = np.zeros(256, dtype=bool)
_ASCII_LETTER[[ord(c) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = True
_ASCII_DIGIT = np.zeros(256, dtype=bool)
_ASCII_DIGIT[[ord(c) for c in "0123456789"]] = True
_WIDE_DASH = re.compile("[\u2014\u2013]")


def _openings(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
              openers: _Openers) -> np.ndarray:
    """Per unit ``[starts[k], ends[k])`` of ``codes`` (``char_codes``), whether a pattern
    anchored at its start (``_DESK_OPENING``, ``_FURNITURE``) may match it. The pattern
    skips what is no word character, then needs one of its words: so after at most three
    marks it skips (``openers.skip``), a unit that opens with an ASCII letter must open
    with one of ``openers``' pairs or triples, read in either case; one that opens with a
    digit never matches unless ``openers.digits``. Any other unit, or one with "?" (which
    may stand for a character outside ASCII) among its first three, may match."""
    padded = np.concatenate([codes, np.zeros(_SKIPPED + 3, np.uint8)])
    at = starts.copy()
    for _ in range(_SKIPPED):  # skip the punctuation at the start
        at += openers.skip.take(padded.take(at))
    head, second, third, triple = _first_three(padded, at)
    pair = triple & np.uint32(0xFFFF)
    letter = _ASCII_LETTER.take(head) & (at + 2 < ends) & (second != 63) & (third != 63)
    other = ~letter if openers.digits else ~letter & ~_ASCII_DIGIT.take(head)
    may: np.ndarray = other | (
        letter & (np.isin(pair, openers.pairs) | np.isin(triple, openers.triples)))
    return may


_SKIPPED = 3

# ``_STAMP_TOKEN``'s words (its digits, ",", "|" and "-" open with no letter): every first
# word of a unit it matches opens with the first three characters of one of them, with
# "." or "," after it and white space (or the unit's end) after that.
_STAMP_WORDS = (
    "ist", "gmt", "utc", "bst", "cet", "et", "ct", "mt", "pt", "est", "edt", "cst", "cdt",
    "mst", "mdt", "pst", "pdt", "am", "pm", "a.m", "p.m", "a.m.", "p.m.", "am.", "pm.",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "updated",
    "published", "posted", "on", "at")
_STAMP_TRIPLES = np.array(sorted({_triple((w + end + space)[:3]) for w in _STAMP_WORDS
                                  for end in ("", ".", ",", ".,") for space in _WHITE}),
                          dtype=np.uint32)


def _stamp_openings(codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Per unit, whether ``_STAMP_TOKEN`` may match its first word: it opens with no ASCII
    letter, or "?" (which may stand for a character outside ASCII) is among its first
    three characters, or they open a word of ``_STAMP_WORDS``. (What lies past the unit
    is read as white space: the line break between units, or 0 | 32.)"""
    padded = np.concatenate([codes, np.zeros(3, np.uint8)])
    first, second, third, triple = _first_three(padded, starts)
    may: np.ndarray = (~_ASCII_LETTER.take(first) | (second == 63) | (third == 63)
                       | np.isin(triple, _STAMP_TRIPLES))
    return may


def _phone_windows(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per unit, whether it may hold a telephone number of ``_PHONE``: every form holds
    three ASCII digits followed by "-" or "." and a digit."""
    c = np.concatenate([codes, np.zeros(5, np.uint8)])
    digit = (c - np.uint8(48)) < 10
    run = digit[:-5] & digit[1:-4] & digit[2:-3]  # three digits from each position
    then = c[3:-2]
    phone = run & ((then == 45) | (then == 46)) & digit[4:-1]
    return _window_flags(np.flatnonzero(phone), starts, ends)


def _dateline_marks(joined: str, codes: np.ndarray, starts: np.ndarray,
                    ends: np.ndarray) -> np.ndarray:
    """Per unit, whether a mark a dateline ends in (``dateline._MARK``) may lie within its
    reach of the unit's start: every match holds one of ":", "_", ")", a long dash, the
    first "-" of "--" or the "-" of " - "."""
    mark = (codes == 58) | (codes == 95) | (codes == 41)
    if codes.size > 2:
        dash = codes == 45
        mark[:-1] |= dash[:-1] & dash[1:]
        mark[1:-1] |= dash[1:-1] & (codes[:-2] == 32) & (codes[2:] == 32)
    if not joined.isascii():
        mark[[m.start() for m in _WIDE_DASH.finditer(joined)]] = True
    at = np.flatnonzero(mark)
    reach = np.minimum(ends, starts + _DATELINE_REACH)
    flags: np.ndarray = np.searchsorted(at, starts) < np.searchsorted(at, reach)
    return flags


def _word_counts(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``len(text[s:e].split())`` for every span of ``codes`` (``char_codes``), at once: the
    words that begin in the span (after white space), and one more if the span opens
    inside a word."""
    space = codes == 32
    space |= (codes - np.uint8(9)) < 5  # \t \n \v \f \r
    space |= (codes - np.uint8(28)) < 4  # the four separators \x1c-\x1f
    opens = ~space
    opens[1:] &= space[:-1]
    begins = np.flatnonzero(opens)
    counts: np.ndarray = np.searchsorted(begins, ends) - np.searchsorted(begins, starts)
    inside = (starts > 0) & (starts < ends)
    at = starts[inside]
    counts[inside] += ~space.take(at) & ~space.take(at - 1)
    return counts


class _Spans(NamedTuple):
    """The documents of a call joined by line breaks, and every unit's span in them."""

    joined: str
    starts: np.ndarray
    ends: np.ndarray
    bounds: list[int]  # the units of document d are bounds[d] to bounds[d + 1]


def _spans(texts: Sequence[str], segments: Sequence[list[Segment]]) -> _Spans:
    sizes = [len(segs) for segs in segments]
    n = sum(sizes)
    base = np.repeat(np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64), sizes)
    starts = base + np.fromiter((s.start for segs in segments for s in segs), np.int64, n)
    ends = base + np.fromiter((s.end for segs in segments for s in segs), np.int64, n)
    return _Spans("\n".join(texts), starts, ends, np.cumsum([0, *sizes]).tolist())


class _Hints(NamedTuple):
    """What ``_hints`` found for each unit."""

    rules: list[frozenset[int]]  # the desk-note rules whose key words it holds
    links: np.ndarray  # whether it holds a link key
    phones: np.ndarray  # whether it may hold a telephone number
    credits: np.ndarray  # whether it may hold an image credit


def _hints(texts: Sequence[str], segments: Sequence[list[Segment]], spans: _Spans,
           codes: np.ndarray) -> _Hints:
    """Per unit, the key words and shapes the rules need (``_key_hits``,
    ``_phone_windows``). A document whose lower case changes its length (an "İ") gets
    every rule, link and credit, one with "ı" or "ſ" every credit, one with digits
    outside ASCII the units three digits in a row overlap."""
    joined, starts, ends, bounds = spans
    lower = joined.lower()
    lowers = [t.lower() for t in texts] if len(lower) != len(joined) else []
    if lowers:
        lower = "\n".join(w if len(w) == len(t) else " " * len(t)
                          for w, t in zip(lowers, texts, strict=True))
    rules, links, credits = _key_hits(lower, starts, ends)
    phones = _phone_windows(codes, starts, ends)
    ascii_call = joined.isascii()
    for d, t in enumerate(texts):
        lo, hi = bounds[d], bounds[d + 1]
        if lowers and len(lowers[d]) != len(t):
            rules[lo:hi] = [_ALL_RULES] * (hi - lo)
            links[lo:hi] = True
            credits[lo:hi] = True
        if not ascii_call and _ODD_CASE.search(t):
            credits[lo:hi] = True
        if _wide_digits(t):
            phones[lo:hi] = _digit_runs_by_regex(t, segments[d])
    return _Hints(rules, links, phones, credits)


def clean(text: str, doc: int, segments: list[Segment]) -> list[Unit]:
    """Units of one document: furniture marked, dateline prefixes cut."""
    return clean_documents([text], [segments], doc)


def clean_documents(texts: Sequence[str], segments: Sequence[list[Segment]],
                    first: int = 0) -> list[Unit]:
    """Units of the documents ``texts`` (numbered from ``first``), each cut into its
    ``segments``: what ``clean`` gives each of them, found by passes over all of them.

    The documents are joined by line breaks (no rule reads across one) and the trigger of
    each rule is found for every unit at once (``_hints``, ``_openings``, word counts,
    ``_dateline_marks``). Only a unit some trigger reaches is tested by the rule itself
    (``is_furniture``, ``_DESK_OPENING``, ``_link_line``, ``strip_dateline``), so the
    answer is exactly that of the rules; the other units are running text as segmented.
    """
    spans = _spans(texts, segments)
    joined, starts, ends, _ = spans
    codes = char_codes(joined)
    n = starts.size
    rules, links, phones, credits = _hints(texts, segments, spans, codes)
    words = _word_counts(codes, starts, ends)
    short = words <= _SHORT_UNIT_WORDS  # every furniture rule applies
    last = codes.take(np.maximum(ends - 1, 0)) if codes.size else np.zeros(n, np.uint8)
    # ... or, without final punctuation, up to _LONG_LABEL_WORDS: "." and "!" are final
    label = ~short & (words <= _LONG_LABEL_WORDS) & (last != 46) & (last != 33)
    keyed = np.fromiter(map(bool, rules), dtype=bool, count=n)
    opening = _openings(codes, starts, ends, _DESK_OPENERS) if codes.size else short | True
    furnished = (_openings(codes, starts, ends, _FURNITURE_OPENERS) if codes.size
                 else short | True)
    linked = (words <= _LINK_UNIT_WORDS) & (links | phones)  # a link or contact line?
    # A short unit that surely ends in "." or "!" is furniture only by a rule a trigger
    # reaches (the others need no final punctuation), or by a first word that may be a
    # stamp: the rest is running text.
    stamped = _stamp_openings(codes, starts) if codes.size else short | True
    plain = short & (ends > starts) & ((last == 46) | (last == 33)) & ~(
        keyed | opening | linked | furnished | credits | stamped)
    reasons: dict[int, str] = {}
    at = np.flatnonzero((short & ~plain) | label | keyed | opening | linked)
    # Lists, not arrays, for the loop: indexing an array with an int costs a scalar each time.
    for k, s, e, is_short, is_label, op, ln, ph, cr, fu, w in zip(at.tolist(), *(
            a[at].tolist() for a in (starts, ends, short, label, opening, links, phones,
                                     credits, furnished, words)), strict=True):
        body = joined[s:e]
        if is_short or (is_label and not ends_like_sentence(body)):
            reason = _furniture(body, rules[k], ln, ph, op, cr, fu)
        elif ((rules[k] and any(_DESK_NOTES[r][1].search(body) for r in rules[k]))
              or (op and _DESK_OPENING.match(body))):
            reason = "note to editors"
        elif w <= _LINK_UNIT_WORDS and (ln or ph) and _link_line(body, ln, ph, w):
            reason = "link or contact line"
        else:
            continue
        if reason:
            reasons[k] = reason

    # tuple.__new__ builds the same named tuples without the Python-level __new__ of Unit.
    make = tuple.__new__
    units: list[Unit] = []
    for d, segs in enumerate(segments):
        doc = first + d
        units.extend([make(Unit, (doc, i, *seg, "")) for i, seg in enumerate(segs)])
    for k, reason in reasons.items():
        units[k] = units[k]._replace(boilerplate=reason)
    if codes.size:
        for k in np.flatnonzero(_dateline_marks(joined, codes, starts, ends)).tolist():
            u = units[k]
            if not u.boilerplate and u.kind == "sentence":
                start = strip_dateline(texts[u.doc - first], u.start, u.end)
                if start != u.start:
                    units[k] = u._replace(start=start)
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
