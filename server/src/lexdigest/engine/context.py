"""Which sentences lean on the sentence before them: dependent openings and pronoun speakers.

A news sentence *depends* on its predecessor when a reader who sees it alone cannot tell what
it refers to:

* it opens with a personal or possessive pronoun ("He", "Their identities ..."), a
  demonstrative ("This", "These", "Such") or a discourse connective ("But", "However",
  "Also", "Meanwhile", "In addition", "Another" ...);
* its quotation or reported speech is attributed only by a pronoun ("..., he said.",
  "... it said.", "said she.").

Selection (``select``) either shows such a sentence right after the sentence before it in
its document, when that one can stand alone, or passes it over (``lead_finder``).
Exceptions that refer to no earlier sentence are left out: a demonstrative of the present
time ("This year", "That week"), "So far", "Thus far", "Then-President". A sentence that
opens with a quotation is judged by its attribution, since the words inside the quotation
are the speaker's.

The word lists are English; for documents in other languages they find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from .clean import Unit
from .segment import SENTENCE


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PRONOUNS = _set("he she it they we his her its their them")
_DEMONSTRATIVES = _set("this these those that such")
_CONNECTIVES = _set(
    """but however also meanwhile moreover furthermore nevertheless nonetheless yet still
    instead besides then thus therefore hence so and nor otherwise likewise similarly
    additionally consequently accordingly indeed another others""")
_CONNECTIVE_PHRASES = frozenset(
    {"in addition", "as a result", "at the same time", "on the other hand", "even so",
     "by contrast", "in contrast", "for example", "for instance", "in turn", "in particular",
     "in fact", "after that", "the other", "as well", "even then", "the latter",
     "the former"}
)  # fmt: skip
_TIME_NOUNS = _set(
    """year week month morning afternoon evening night weekend season summer winter spring
    fall autumn century decade time""")
# "This time" refers back; the other time nouns point at the present.
_BACK_TIME = frozenset({"time"})
_NOT_CONNECTIVE = frozenset({"so far", "thus far", "still more"})

# Up to the first four words; a word is letters with inner apostrophes or hyphens.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LEADING = "\"“‘'`«„([ \t\n"

# Verbs of speech, and the pronoun attribution on either side of one: ', he said' / '" she
# added' / 'He said' (before the verb), 'said she.' (after it, closing the clause).
_SPEECH = (
    "said", "says", "added", "adds", "told", "tells", "stated", "explained", "noted",
    "declared", "insisted", "argued", "warned", "wrote", "asked", "replied", "continued",
    "recalled", "announced", "conceded", "acknowledged", "stressed", "emphasised",
    "emphasized", "remarked", "observed",
)
_BEFORE_VERB = re.compile(
    r"(?:^|[,\"”’']|'')\s{0,3}(?:he|she|it|they|we)\s{1,3}(?:(?:also|later|then)\s{1,3})?$")
_AFTER_VERB = re.compile(r"\s{1,3}(?:he|she|it|they|we)\s{0,3}(?:[.,;!?\"”’]|''|$)")
_BEFORE_REACH = 24  # characters before a verb searched for its pronoun subject


def dependent_opening(text: str) -> str:
    """The opening word or phrase by which ``text`` refers back, lower case, or ""."""
    body = text.lstrip(_LEADING)
    if text[: len(text) - len(body)].strip(" \t\n([") or body.startswith("``"):
        return ""  # opens with a quotation
    words: list[str] = _WORD.findall(body[:80])[:4]
    if not words:
        return ""
    lower = [w.lower().replace("’", "'") for w in words]
    first = lower[0]
    if "-" in first:  # "Then-President", "So-called"
        return ""
    two = " ".join(lower[:2])
    if two in _NOT_CONNECTIVE:
        return ""
    for k in (4, 3, 2):
        phrase = " ".join(lower[:k])
        if len(lower) >= k and phrase in _CONNECTIVE_PHRASES:
            return phrase
    head = first.split("'")[0]  # "It's" -> "it"
    if head in _DEMONSTRATIVES and len(lower) > 1 and lower[1] in _TIME_NOUNS:
        return two if lower[1] in _BACK_TIME else ""
    if head in _PRONOUNS or head in _DEMONSTRATIVES or head in _CONNECTIVES:
        return head
    return ""


def pronoun_speaker(text: str) -> bool:
    """True when the speech in ``text`` is attributed only by a pronoun ("..., he said.").

    Each verb of speech is found by substring search, and only the few characters around
    an occurrence are matched: linear in the text, and cheap for a sentence without one.
    """
    lower = text.lower()
    n = len(lower)
    for verb in _SPEECH:
        i = lower.find(verb)
        while i >= 0:
            j = i + len(verb)
            whole = (i == 0 or not lower[i - 1].isalnum()) and (j == n or not lower[j].isalnum())
            if whole and (_BEFORE_VERB.search(lower, max(0, i - _BEFORE_REACH), i)
                          or _AFTER_VERB.match(lower, j)):
                return True
            i = lower.find(verb, j)
    return False


def dependency(text: str) -> str:
    """Why ``text`` cannot be shown without the sentence before it, or ""."""
    opening = dependent_opening(text)
    if opening:
        return f"opens with '{opening}'"
    if pronoun_speaker(text):
        return "speaker named only by a pronoun"
    return ""


# A candidate that depends on the sentence before it (``context.dependency``) is shown right
# after that sentence when it can stand alone; False passes every such candidate over.
# Measured on DUC 2004 (README "Quality"): see bench/readability and bench/quality.
SHOW_CONTEXT = True
# Filter reasons a sentence may carry and still be shown as another one's context.
_CONTEXT_MAY_BE = ("", "too short")


def lead_finder(
    units: Sequence[Unit], texts: Sequence[str], rep: np.ndarray, of_row: np.ndarray,
    rejected: list[str],
) -> Callable[[int], tuple[int, str]]:
    """``find(c)``: the lead of candidate ``c`` and why it is passed over, as ``(lead, why)``.

    ``units``/``texts`` are the kept rows (a document's rows contiguous, in reading order),
    ``rep[c]`` the row of candidate ``c``, ``of_row[r]`` the candidate of row ``r``. A
    candidate that stands alone gives ``(-1, "")``. One whose sentence depends on the one
    before it (``context.dependency``) gives that sentence's candidate when the sentence
    before it is a running-text sentence of the same document that stands alone and is the
    representative of its candidate, else ``(-1, why)``. Selection asks only about the
    candidates it is about to take, so the cost does not grow with the cluster.
    """

    def find(c: int) -> tuple[int, str]:
        r = int(rep[c])
        why = dependency(texts[r])
        if not why:
            return -1, ""
        p = r - 1
        ok = (SHOW_CONTEXT and p >= 0 and units[p].doc == units[r].doc
              and units[p].kind == SENTENCE and int(rep[of_row[p]]) == p
              and rejected[int(of_row[p])].startswith(_CONTEXT_MAY_BE)
              and not dependency(texts[p]))
        return (int(of_row[p]), "") if ok else (-1, f"needs the sentence before it ({why})")

    return find
