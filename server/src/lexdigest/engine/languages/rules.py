"""``SentenceRules``: the words that decide whether a period ends a sentence, per language.

Each language module (``en``, ``de``, ``da``, ``es``, ``fr``, ``it``, ``ru``, …) holds one
frozen record; the segmenter (``segment.segment``) asks the record of a document's language.
English names and titles turn up in news of every language, so every record extends the
English one (``SentenceRules.extend``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SentenceRules", "words"]


def words(spaced: str) -> frozenset[str]:
    """The white-space separated words of ``spaced``."""
    return frozenset(spaced.split())


@dataclass(frozen=True, slots=True)
class SentenceRules:
    """Abbreviations and starters of one language (all lower case except ``starters``, which
    are compared capitalised).

    ``never``: titles and connectives after which a period never ends a sentence ("Mr.",
    "z.B" is "z.b"); ``soft``: abbreviations that may end one, split only before a starter;
    ``cap_soft``: the same when capitalised (weekdays, months, states); ``starters``: words
    that commonly open a sentence; ``ordinal_next``: words after which "12." is an ordinal
    ("12. Juni", "7. apríla").

    ``ordinals``: the language writes ordinal numbers with a period ("der 2. Weltkrieg",
    "XII. pluk"), so a period after a short number or a Roman numeral ends a sentence only
    before a starter. ``lower_after``: a period after a word of at least this many letters
    that is no abbreviation ends a sentence even before a lower-case word ("in 1989. de
    Klerk said"; 0: never); abbreviations that long go in ``never`` or ``soft``.
    """

    never: frozenset[str] = frozenset()
    soft: frozenset[str] = frozenset()
    cap_soft: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    ordinal_next: frozenset[str] = frozenset()
    ordinals: bool = False
    lower_after: int = 0

    def extend(self, *, never: str = "", soft: str = "", cap_soft: str = "", starters: str = "",
               ordinal_next: str = "", ordinals: bool = False,
               lower_after: int = 0) -> SentenceRules:
        """This record's words plus the given ones (white-space separated), with the given
        switches: how a language's record is built from the English one. ``lower_after`` is
        not inherited: a period after a long word ends a sentence before lower case only in a
        language whose record says so (truncated abbreviations of six letters and more,
        Russian "иностр.", are common elsewhere)."""
        return SentenceRules(
            self.never | words(never), self.soft | words(soft),
            self.cap_soft | words(cap_soft), self.starters | words(starters),
            self.ordinal_next | words(ordinal_next.lower()), ordinals,
            lower_after)

    def __or__(self, other: SentenceRules) -> SentenceRules:
        """The rules of two languages together (for text of unknown language): every word of
        either, and a switch only where both have it, so no language's reading is forced."""
        return SentenceRules(self.never | other.never, self.soft | other.soft,
                             self.cap_soft | other.cap_soft, self.starters | other.starters,
                             self.ordinal_next | other.ordinal_next,
                             self.ordinals and other.ordinals,
                             min(self.lower_after, other.lower_after))
