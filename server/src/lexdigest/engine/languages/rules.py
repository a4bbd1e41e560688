"""``SentenceRules``: the words that decide whether a period ends a sentence, per language.

Each language module (``en``, ``de``, ``es``, ``fr``, ``ru``) holds one frozen record; the
segmenter (``segment.segment``) asks the record of a document's language. English names and
titles turn up in news of every language, so every record includes the English one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SentenceRules", "words"]


def words(spaced: str) -> frozenset[str]:
    """The white-space separated words of ``spaced``."""
    return frozenset(spaced.split())


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """Abbreviations and starters of one language (all lower case except ``starters`` and
    ``ordinal_next``, which are compared as written).

    ``never``: titles and connectives after which a period never ends a sentence ("Mr.",
    "z.B" is "z.b"); ``soft``: abbreviations that may end one, split only before a starter;
    ``cap_soft``: the same when capitalised (weekdays, months, states); ``starters``: words
    that commonly open a sentence; ``ordinal_next``: words after which "12." is an ordinal
    ("12. Juni").
    """

    never: frozenset[str] = frozenset()
    soft: frozenset[str] = frozenset()
    cap_soft: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    ordinal_next: frozenset[str] = frozenset()

    def __or__(self, other: SentenceRules) -> SentenceRules:
        return SentenceRules(self.never | other.never, self.soft | other.soft,
                             self.cap_soft | other.cap_soft, self.starters | other.starters,
                             self.ordinal_next | other.ordinal_next)
