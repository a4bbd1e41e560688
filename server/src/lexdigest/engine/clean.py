"""Boilerplate of scraped news, recognised on sentence spans without touching the text.

The cleaning stage: every segment of a document becomes a ``Unit``, kept as news or marked
with the rule that drops it.

* **Page furniture and desk notes**: the rules of ``furniture``, each tested only on the
  units the passes of ``triggers`` say it may apply to, so the answer is what the rules
  give unit by unit.
* **Repetition**: a short unit without final punctuation that recurs in the cluster (a label
  printed between paragraphs, a caption repeated by several pages) is furniture, not news.

Datelines used as prefixes ("PARIS (Reuters) -", "New Delhi:", "2025-02-07", see
``dateline``) are not dropped: the span's start moves past them, so the citation still
reproduces the sentence exactly. ``fragment_reason`` tells a unit a digest cannot quote as
a sentence (a list header, a headline, a label line).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from . import triggers
from .dateline import dateline_span
from .furniture import (
    DESK_NOTES,
    DESK_OPENING,
    LINK_UNIT_WORDS,
    LONG_LABEL_WORDS,
    SHORT_UNIT_WORDS,
    furniture_reason,
    link_line,
)
from .segment import LIST_ITEM, SENTENCE, Kind, Segment, ends_like_sentence

_REPEAT_UNIT_WORDS = 8  # repeated units at most this long without final punctuation


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
    kind: Kind
    boilerplate: str = ""


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
    return clean_documents([text], [segments], doc)


def clean_documents(texts: Sequence[str], segments: Sequence[list[Segment]],
                    first: int = 0) -> list[Unit]:
    """Units of the documents ``texts`` (numbered from ``first``), each cut into its
    ``segments``: what ``clean`` gives each of them, found by passes over all of them.

    The documents are joined by line breaks (no rule reads across one) and the trigger of
    each rule is found for every unit at once (``triggers``: ``hints``, ``openings``, word
    counts, ``dateline_marks``). Only a unit some trigger reaches is tested by the rule
    itself (``is_furniture``, ``DESK_OPENING``, ``link_line``, ``strip_dateline``), so the
    answer is exactly that of the rules; the other units are running text as segmented.
    """
    spans = triggers.spans(texts, segments)
    joined, starts, ends, _ = spans
    codes = triggers.char_codes(joined)
    n = starts.size
    rules, links, phones, credits = triggers.hints(texts, segments, spans, codes)
    words = triggers.word_counts(codes, starts, ends)
    short = words <= SHORT_UNIT_WORDS  # every furniture rule applies
    last = codes.take(np.maximum(ends - 1, 0)) if codes.size else np.zeros(n, np.uint8)
    # ... or, without final punctuation, up to LONG_LABEL_WORDS: "." and "!" are final
    label = ~short & (words <= LONG_LABEL_WORDS) & (last != 46) & (last != 33)
    keyed = np.fromiter(map(bool, rules), dtype=bool, count=n)
    opening = (triggers.openings(codes, starts, ends, triggers.DESK_OPENERS) if codes.size
               else short | True)
    furnished = (triggers.openings(codes, starts, ends, triggers.FURNITURE_OPENERS)
                 if codes.size else short | True)
    linked = (words <= LINK_UNIT_WORDS) & (links | phones)  # a link or contact line?
    # A short unit that surely ends in "." or "!" is furniture only by a rule a trigger
    # reaches (the others need no final punctuation), or by a first word that may be a
    # stamp: the rest is running text.
    stamped = triggers.stamp_openings(codes, starts) if codes.size else short | True
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
            reason = furniture_reason(body, rules[k], ln, ph, op, cr, fu)
        elif ((rules[k] and any(DESK_NOTES[r][1].search(body) for r in rules[k]))
              or (op and DESK_OPENING.match(body))):
            reason = "note to editors"
        elif w <= LINK_UNIT_WORDS and (ln or ph) and link_line(body, ln, ph, w):
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
        for k in np.flatnonzero(triggers.dateline_marks(joined, codes, starts, ends)).tolist():
            u = units[k]
            if not u.boilerplate and u.kind == SENTENCE:
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
        if key and counts[key] > 1 and u.kind != LIST_ITEM:
            u = u._replace(boilerplate="repeated label")
        out.append(u)
    return out
