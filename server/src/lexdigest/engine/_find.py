"""Where literal strings stand in a text: ``str.find`` in a loop, at C speed.

Several passes look for a handful of fixed marks or words (quotation marks, stamp labels,
key words of page furniture) before any pattern runs; scanning the text once per needle
with ``str.find`` costs a few memory scans, where a regex alternation is tried at every
position.
"""

from __future__ import annotations

from collections.abc import Iterable


def find_all(text: str, needles: Iterable[str]) -> list[int]:
    """Every position where one of ``needles`` starts in ``text``, overlaps included, in
    increasing order (a position twice if two needles start there)."""
    out: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            out.append(at)
            at = text.find(needle, at + 1)
    out.sort()
    return out
