"""Readability defects of digest sentences, judged as a copy editor of a news desk would.

These are the benchmark's own detectors, written from general rules of news writing and not
from the engine's code, so that ``bench/readability`` measures the engine instead of
agreeing with it. Every function takes plain sentence text (DUC-style ``quotes''`` and
typographic quotes alike) and needs no model or data download.

A digest sentence has a defect when it is:

- an **opening without its context**: it opens with a personal or possessive pronoun, a
  demonstrative or a discourse connective ("He", "Their", "This", "But", "However", "Also",
  "Meanwhile", "Another", ...) and the digest does not show the sentence before it in its
  document right before it;
- a **pronoun-only speaker**: its quotation or reported speech is attributed only by a pronoun
  (", he said.", "she added", "said it.") and, again, the preceding sentence is not shown;
- a **dateline**: it begins with a wire dateline ("CITY (Agency) --", "CITY, Month D _",
  "City --", "CITY:", "(Agency) --", an ISO date);
- a **fragment**: a line without final punctuation, a list header ending in ":", a line
  without running lower-case words (all caps), or a label line ("Contact: ...");
- **furniture**: a syndication or desk note, a link, e-mail or telephone line, a credit or a
  byline.

Two digest sentences **repeat a fact** when at least half of the content words of the shorter
one (stemmed, stop words removed, at least ``REPEAT_MIN_SHARED`` of them) also occur in the
other: a lexical overlap test, independent of any TF-IDF weighting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# ----------------------------------------------------------------------------- normalising


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (for the word lists below)."""
    return frozenset(text.split())


_QUOTES = re.compile(r"``|''|[“”„«»]")


def normalise(text: str) -> str:
    """``text`` with every double quotation mark written ``"`` and whitespace collapsed."""
    return " ".join(_QUOTES.sub('"', text).split())


# ----------------------------------------------------------------------------- openings

PRONOUNS = words("he she it they we i him her them his hers its their theirs our us")
DEMONSTRATIVES = words("this these those that such")
CONNECTIVES = words(
    """but however also meanwhile moreover furthermore nevertheless nonetheless yet still
    instead besides then thus therefore hence so and or nor otherwise likewise similarly
    additionally consequently accordingly indeed another others""")
CONNECTIVE_PHRASES = (
    "in addition", "as a result", "at the same time", "on the other hand", "even so",
    "by contrast", "in contrast", "for example", "for instance", "in turn", "in particular",
    "in fact", "after that", "the other", "the same", "as well",
)  # fmt: skip
_FIRST_WORDS = re.compile(r"[A-Za-z']+")


# "This year", "that week": a demonstrative of the present time points at no sentence.
_TIME_NOUNS = words(
    """year week month morning afternoon evening night weekend season summer winter spring
    fall autumn century decade""")


def opener(text: str) -> str:
    """The dependent opening word or phrase of ``text`` (lower case), or "".

    A sentence that opens with a quotation is judged by its attribution instead (the words
    inside the quotation are the speaker's).
    """
    body = normalise(text).lstrip("'([ ")
    if body.startswith('"'):
        return ""
    words = [w.lower() for w in _FIRST_WORDS.findall(body[:60])[:3]]
    if not words:
        return ""
    first = words[0].split("'")[0]  # "It's" -> "it"
    if first in DEMONSTRATIVES and len(words) > 1 and words[1].split("'")[0] in _TIME_NOUNS:
        return ""
    if first == "thus" and words[1:2] == ["far"]:
        return ""
    if first in PRONOUNS or first in DEMONSTRATIVES or first in CONNECTIVES:
        return first
    two = " ".join(words[:2])
    return two if two in CONNECTIVE_PHRASES else ""


_SPEECH = (
    r"(?:said|says|added|adds|told|tells|stated|states|explained|noted|declared|insisted|"
    r"argued|warned|wrote|writes|asked|replied|continued|recalled|announced|conceded|"
    r"acknowledged|complained|stressed|emphasized|emphasised|observed|remarked)"
)
_SUBJECT = r"(?:he|she|it|they|we|i)"
# ', he said', '" she added', or at the very start: 'He said ...'.
_PRONOUN_ATTRIBUTION = re.compile(
    rf"(?:^|[,\"])\s*{_SUBJECT}\s+(?:also\s+|later\s+)?{_SPEECH}\b"
    rf"|\b{_SPEECH}\s+{_SUBJECT}\s*(?:[.,;!?\"]|$)",
    re.IGNORECASE,
)


def pronoun_speaker(text: str) -> bool:
    """True when the speech in ``text`` is attributed only by a pronoun."""
    return bool(_PRONOUN_ATTRIBUTION.search(normalise(text)))


# ----------------------------------------------------------------------------- datelines

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
)
_CAPWORD = r"[A-Z][\w.'’&-]*"
_UPWORD = r"[A-Z][A-Z.'’&-]+"
_DASH = r"(?:--|_|—|–|-)"
_DATE_PART = rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
_REGION = rf"(?:,\s*{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}})?"
_AGENCY = r"\([A-Za-z][\w .&'-]{0,30}\)"
_DATELINES = (
    # "WASHINGTON, November 3 (Xinhua) --", "Paris (Reuters) -", "(AP) --"
    re.compile(rf"^(?:{_CAPWORD}(?:\s+{_CAPWORD}){{0,3}}{_REGION}{_DATE_PART}\s*)?{_AGENCY}"
               rf"\s*(?:{_DASH}|:)?\s"),
    # "MIAMI _", "SAN JUAN, Puerto Rico --", "LONDON, Nov. 3 —", "NEW DELHI:"
    re.compile(rf"^{_UPWORD}(?:\s+{_UPWORD}){{0,3}}{_REGION}{_DATE_PART}\s*(?:{_DASH}|:)\s"),
    # "Miami --", "New Delhi —": mixed case needs a long dash, not the ambiguous "_" or "-".
    re.compile(rf"^{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}{_REGION}{_DATE_PART}\s+(?:--|—|–)\s"),
    # ISO dates and "Nov. 3, 1998 --"
    re.compile(rf"^(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}},\s*\d{{4}}\s*{_DASH})\s"),
)
# Capitalised words that open ordinary sentences rather than datelines.
_NOT_PLACES = words(
    "the a an he she it they we this that these those in on at for but and mr mrs ms dr "
    "president minister officials police")


def dateline(text: str) -> bool:
    """True when ``text`` begins with a wire dateline."""
    t = normalise(text)
    for pattern in _DATELINES:
        m = pattern.match(t)
        if m and m.group(0).split()[0].lower().strip(",:") not in _NOT_PLACES:
            return True
    # "New Delhi: The two ministers ..." (one to three capitalised words, a colon, a sentence)
    m = re.match(rf"^({_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}):\s+[A-Z\"]", t)
    return bool(m and m.group(1).split()[0].lower() not in _NOT_PLACES
                and m.group(1).lower().split()[-1] not in _LABELS)


# ----------------------------------------------------------------------------- fragments

_LABELS = words(
    """note notes contact contacts source sources editor editors eds update updates summary
    highlights correction clarification advisory related background photo photos caption
    tel phone fax email e-mail web website internet online information more see""")
_FINAL = re.compile(r"[.!?][\"')\]’]*$")
_RUNNING = re.compile(r"\b[a-z]{3,}\b")
_LABEL_LINE = re.compile(r"^([A-Za-z][\w'’ &/-]{0,40}):\s")


def fragment(text: str) -> str:
    """The kind of fragment ``text`` is ("no final punctuation", ...), or ""."""
    t = normalise(text)
    if t.endswith(":"):
        return "list header"
    if not _FINAL.search(t):
        return "no final punctuation"
    if not _RUNNING.search(t):
        return "all caps"
    m = _LABEL_LINE.match(t)
    if m:
        head = m.group(1).split()
        label = all(w[:1].isupper() or w.lower() in {"of", "and", "the", "for", "in"}
                    for w in head) and len(head) <= 5
        if label and not dateline(t):
            return "label line"
    return ""


# ----------------------------------------------------------------------------- furniture

_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|gov|edu|int)(?:/|\b)",  # links
        r"\b[\w.+-]+@[\w-]+\.[\w.]+",  # e-mail
        r"\(\d{3}\)\s*\d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b1-800\b",  # telephone
        r"\b(?:photos?|pictures?|graphics?|images?|illustrations?|charts?)\b.{0,80}"
        r"\b(?:package|moving|available|accompan\w*|to go with|sent)\b",  # photo/graphic notes
        r"\bstory can end here\b|\boptional (?:add|material|trim)\b|\badd end\b",
        r"^\(?(?:eds?|editors?|editor'?s note|eds note|note to editors|advisory)\s*[:.)]",
        r"\bfor release\b|\bnot for publication\b|\bembargo(?:ed)?\b|\bkill(?:ed)? story\b",
        r"\bnews service\b|\bdistributed by\b|\bsyndicate\b|\bfor use by\b",
        r"\b(?:reporting|writing|editing|additional reporting|compiled) by\b",
        r"\bcontributed (?:to )?(?:this|reporting)\b|\bcontributed to this report\b",
        r"\b(?:staff|special|contributing) (?:writer|correspondent|reporter)\b",
        r"\bcopyright\b|©|\(c\)\s*\d{4}|\ball rights reserved\b",
        r"\bclick here\b|\bsubscribe\b|\bsign up\b|\bfollow us\b|\bread more\b",
        r"^\s*(?:updates?|recasts?|adds|corrects|refiles|writethru|lead)\b[^.]{0,40}\bwith\b",
        r"^\(?(?:more|end|endit|enditem|###|-30-)\)?\s*$",
        r"\b(?:photo|image|picture) (?:by|credit|courtesy)\b|\bphoto:|\bap photo\b",
        r"\bgrafs?\b|\bpvs\b|\bgraf\w*\b.{0,20}\b(?:insert|pickup|sub)\b",  # desk jargon
    )
]
# A byline: "By Jane Doe", "By JOHN SMITH, Staff Writer" (case matters here: "By one vote").
_FURNITURE.append(re.compile(r"^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*(?:[,(]|$)"))


def furniture(text: str) -> bool:
    """True when ``text`` is a production note, link or contact line, credit or byline."""
    t = normalise(text)
    return any(p.search(t) for p in _FURNITURE)


# ----------------------------------------------------------------------------- repetition

REPEAT_MIN_SHARED = 4
REPEAT_SHARE = 0.6
_STOP = words(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your said says say
    told tell mr mrs ms one two three new year years last first week monday tuesday wednesday
    thursday friday saturday sunday today yesterday""")
_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer() -> object:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def content_words(text: str) -> frozenset[str]:
    """Stemmed content words of ``text``."""
    stem = _stemmer().stem  # type: ignore[attr-defined]
    return frozenset(
        stem(w) for w in _TOKEN.findall(normalise(text).lower()) if len(w) > 2 and w not in _STOP
    )


def repeats(a: str, b: str) -> bool:
    """True when sentences ``a`` and ``b`` state the same fact (lexical overlap test)."""
    wa, wb = content_words(a), content_words(b)
    shared = len(wa & wb)
    return shared >= REPEAT_MIN_SHARED and shared >= REPEAT_SHARE * min(len(wa), len(wb))


# ----------------------------------------------------------------------------- a digest


@dataclass(frozen=True, slots=True)
class SentenceDefects:
    """The defects of one digest sentence (empty strings / False when absent)."""

    text: str
    opening: str = ""
    speaker: bool = False
    dateline: bool = False
    fragment: str = ""
    furniture: bool = False

    @property
    def any(self) -> bool:
        return bool(self.opening or self.speaker or self.dateline or self.fragment
                    or self.furniture)


def judge_digest(
    sentences: Sequence[str], follows_previous: Sequence[bool]
) -> tuple[list[SentenceDefects], list[tuple[int, int]]]:
    """Defects of each digest sentence and the pairs of sentences that repeat a fact.

    ``follows_previous[i]`` tells whether sentence ``i - 1`` of the digest is the sentence
    right before sentence ``i`` in its document (its context is shown).
    """
    judged = []
    for s, shown in zip(sentences, follows_previous, strict=True):
        judged.append(SentenceDefects(
            text=s,
            opening="" if shown else opener(s),
            speaker=not shown and pronoun_speaker(s),
            dateline=dateline(s),
            fragment=fragment(s),
            furniture=furniture(s),
        ))
    pairs = [(i, j) for i in range(len(sentences)) for j in range(i + 1, len(sentences))
             if repeats(sentences[i], sentences[j])]
    return judged, pairs
