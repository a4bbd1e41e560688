"""Page furniture: the rules that tell boilerplate of scraped news from news, unit by unit.

Two kinds of rule, both general:

* **Patterns** of page furniture: ads, share/follow prompts, image credits and captions,
  bylines, "Published/Updated" stamps, social handles, copyright lines, reading-time badges.
  They apply to short units only, so a real sentence that merely mentions a photo survives.
* **Desk notes** at any length: what the news desk and syndication tell editors (photo
  packages, story trims, advisories, client lines, "graf" instructions, production credits,
  contributor taglines), and link and contact lines.

``is_furniture(text)`` names the rule one unit falls under. ``furniture_reason`` is the same
test for a unit whose triggers are known (``triggers``): a rule the unit cannot reach is
skipped, and the answer stays the same.
"""

from __future__ import annotations

import re

from .segment import ends_like_sentence

SHORT_UNIT_WORDS = 14  # furniture patterns apply to punctuated units at most this long
LONG_LABEL_WORDS = 30  # ... and to units without final punctuation at most this long

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
DESK_NOTES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
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
        # "c1998", "c.1998", "c 1998", "c. 1998": a key for each form, so "c" and the year
        # are apart by at most a dot and a space (a key per kind of white space would cost
        # a search of the whole call each).
        (("c19", "c20", "c.19", "c.20", "c 19", "c 20", "c. 19", "c. 20"),
         r"(?:^|\s)c\.?[ ]?(?:19|20)\d\d\b[^.]{0,60}?"
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
# Desk notes that open the unit: "Editors: ...", "On the Net: ...", "(MORE)", "-30-", "###".
# The possessive ``[\W_]*+`` takes every mark before an end mark, the first "-" of "-30-"
# too: so "-30-" is read as "30-" after a "-" (a look behind).
DESK_OPENING = re.compile(
    r"^\W*+(?:eds?|editors?|editor'?s\s+note|note\s+to\s+editors|advisory|attn)\b\W|"
    r"^\W*+(?:on\s+the\s+(?:net|web|internet)|online|contacts?|tel|telephone|phone|fax|"
    r"e-?mail|web\s?site|internet)\s*:|"
    r"^[\W_]*+(?:more|end|ends|endit|enditem|(?<=-)30-)[\W_]*+$|^\s*#{3}\W*+$",
    re.IGNORECASE,
)
# Link and contact lines: a web address, e-mail address or telephone number in a short unit.
LINK_KEYS = ("://", "www.", "@", ".com", ".org", ".net", ".gov", ".edu", ".int", ".info",
             ".co.uk")
_LINK = re.compile(
    r"https?://|\bwww\.|\b[\w-]{2,63}\.(?:com|org|net|gov|edu|int|info|co\.uk)(?:/|\b)|"
    r"\b[\w.+-]{1,64}@[\w-]{1,63}\.[a-z]{2,}",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b1-8\d\d-\d")
LINK_UNIT_WORDS = 25
_SPLIT = max(SHORT_UNIT_WORDS, LONG_LABEL_WORDS, LINK_UNIT_WORDS)  # words to tell apart


ALL_RULES = frozenset(range(len(DESK_NOTES)))


def _desk_note(text: str, keys: frozenset[int] | None = None) -> bool:
    """Whether ``text`` is a desk note; ``keys`` are the rules whose key words it holds."""
    if keys is None:
        lower = text.lower()
        keys = frozenset(r for r, (words, _) in enumerate(DESK_NOTES)
                         if any(w in lower for w in words))
    if any(DESK_NOTES[r][1].search(text) for r in keys):
        return True
    return DESK_OPENING.match(text) is not None


def link_line(text: str, hinted: bool = True, digits: bool = True,
              pieces: int | None = None) -> bool:
    """Whether ``text`` is a link or contact line; ``hinted``/``digits``: whether it may
    hold a link key / three digits in a row (when false, it holds none); ``pieces``:
    ``len(text.split(None, n))`` for some ``n >= LINK_UNIT_WORDS``, when known."""
    if pieces is None:
        pieces = len(text.split(None, LINK_UNIT_WORDS))
    if pieces > LINK_UNIT_WORDS:
        return False
    if hinted and any(k in text.lower() for k in LINK_KEYS) and _LINK.search(text):
        return True
    return digits and _PHONE.search(text) is not None


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


def is_furniture(
    text: str, desk_keys: frozenset[int] | None = None, link_hint: bool = True,
    digits_hint: bool = True,
) -> str:
    """The reason ``text`` (one unit) is page furniture, or "" when it is not.

    ``desk_keys``/``link_hint``/``digits_hint`` are what the passes over a call's documents
    found for the unit (``triggers.hints``); by default the unit is searched itself.
    """
    return furniture_reason(text, desk_keys, link_hint, digits_hint)


def furniture_reason(text: str, desk_keys: frozenset[int] | None, link_hint: bool,
                     digits_hint: bool, opening: bool = True, credit: bool = True,
                     furnished: bool = True) -> str:
    """``is_furniture``; ``opening``/``credit``/``furnished``: whether the unit may open
    like a desk note (``DESK_OPENING``), hold an image credit (``_CREDIT``) or open like
    page furniture (``_FURNITURE``); when false, it does not."""
    if desk_keys is None:
        note = _desk_note(text)
    else:
        note = any(DESK_NOTES[r][1].search(text) for r in desk_keys) or (
            opening and DESK_OPENING.match(text) is not None)
    if note:
        return "note to editors"
    # At most ``_SPLIT + 1`` pieces: a longer unit is told apart after a few words, and a
    # unit within every limit is split completely.
    words = text.split(None, _SPLIT)
    if (link_hint or digits_hint) and link_line(text, link_hint, digits_hint, len(words)):
        return "link or contact line"
    punctuated = ends_like_sentence(text)
    limit = SHORT_UNIT_WORDS if punctuated else LONG_LABEL_WORDS
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
