"""Digests that read well: no datelines, furniture or fragments quoted, context for every
opening, no fact twice, and orderings that do what they say (lexdigest.engine).

The wire stories below are written for these tests, one per house style (an American
agency, a state agency, a syndicated newspaper, a financial wire, a web page), about one
invented event. Each carries the production lines of its style that a reader must never see
in a digest.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import lexdigest
import pytest
from lexdigest.engine.clean import fragment_reason, strip_dateline
from lexdigest.engine.context import dependency
from lexdigest.engine.dateline import dateline_span
from lexdigest.engine.furniture import is_furniture
from lexdigest.engine.model import Digest, Document, Options, Ordering
from lexdigest.engine.pipeline import summarize_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

AGENCY = (
    "HARWICK, Ore. (AP) _ Floodwaters from the swollen Tallis River forced about 4,000 people "
    "from their homes in Harwick on Tuesday, after three days of rain broke a levee north of "
    "the town.\n\n"
    "The county sheriff said two people were missing and rescue crews were searching the "
    "farmland east of the river by boat.\n\n"
    "He said the water was still rising at midday.\n\n"
    "``We have never seen the river come up this fast,'' said Mayor Dana Whitlow, who ordered "
    "the evacuation before dawn.\n\n"
    "Emergency shelters opened at two schools and the county fairground, and the state sent "
    "200 National Guard troops to help with the evacuation.\n\n"
    "Associated Press writer Lee Marsh in Portland contributed to this report.\n"
)
STATE_AGENCY = (
    "PORTLAND, Nov. 3 (Xinhua) -- About 4,000 residents of the town of Harwick in the U.S. "
    "state of Oregon were evacuated on Tuesday as the Tallis River broke through a levee, "
    "local officials said.\n\n"
    "The levee failed after three days of heavy rain, the county emergency office said.\n\n"
    "Two people were reported missing, and rescuers in boats were searching flooded fields.\n\n"
    "The state government sent 200 National Guard soldiers to the area, according to a "
    "statement from the governor's office.\n\n"
    "Enditem\n"
)
NEWSPAPER = (
    "The following photos are part of tonight's Daily Ledger Photo Package, moving Wednesday, "
    "11/4.\n\n"
    "HARWICK, Ore. -- The Tallis River has flooded this town before, but never like this.\n\n"
    "By Tuesday evening, brown water stood chest-deep on Main Street, and the levee that the "
    "town rebuilt in 1997 lay open along a stretch of 60 yards.\n\n"
    "Engineers had warned the county for a decade that the levee needed repairs, according to "
    "reports the county commission received.\n\n"
    "But the money never came.\n\n"
    "STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS.\n\n"
    "Residents who had stayed through earlier floods left this time, carrying what they could "
    "to the shelters at the schools.\n\n"
    "(Optional add end)\n\n"
    "c.2026 Daily Ledger News Service\n"
)
FINANCE_WIRE = (
    "SALEM, Ore., Nov 3 (Reuters) - Oregon's governor declared a state of emergency in Tallis "
    "County on Tuesday after floodwaters breached a levee and forced about 4,000 people to "
    "leave the town of Harwick.\n\n"
    "Insurers said losses to homes and farms could reach $150 million, though it was too early "
    "to say.\n\n"
    "The governor also asked the federal government for disaster aid.\n\n"
    "(Reporting by Jo Rivers in Salem; Editing by Sam Kettle)\n"
)
WEB_PAGE = (
    "Harwick flood: what we know\n\n"
    "Key facts:\n\n"
    "- About 4,000 people have left their homes\n"
    "- Two people are missing\n\n"
    "Officials in Tallis County said on Tuesday that about 4,000 people had been evacuated "
    "from Harwick after the levee broke.\n\n"
    "THE RIVER IS EXPECTED TO CREST ON THURSDAY.\n\n"
    "Forecasters said the Tallis River would crest on Thursday, two feet above the level of "
    "the 1996 flood.\n\n"
    "County emergency office: http://www.example.org/tallis-flood\n\n"
    "For updates, call the county hotline at (555) 555-0147.\n"
)
STORIES = {"agency": AGENCY, "state": STATE_AGENCY, "newspaper": NEWSPAPER,
           "finance": FINANCE_WIRE, "web": WEB_PAGE}
# Lines of the stories that are production notes, links, credits, fragments or datelines.
NEVER_QUOTED = [
    "The following photos", "STORY CAN END HERE", "Optional add end", "c.2026", "Enditem",
    "contributed to this report", "Reporting by", "http://", "(555)", "Key facts",
    "THE RIVER IS EXPECTED", "what we know", "About 4,000 people have left their homes",
]
DATELINE = re.compile(r"^[A-Z][A-Za-z.,' ]{0,40}(?:\([A-Za-z]+\))?\s*(?:--|_|—|-|:)\s")


def _docs(published: bool = False) -> list[Document]:
    return [Document(name, text,
                     published_at=datetime(2026, 11, 3, 8 + i, tzinfo=UTC) if published else None)
            for i, (name, text) in enumerate(STORIES.items())]


def _digests() -> list[Digest]:
    docs = _docs()
    return [summarize_documents(docs, Options(max_words=w)) for w in (60, 100, 200, 400)] + [
        summarize_documents(docs, Options(max_sentences=12))]


@pytest.fixture(scope="module")
def digests() -> list[Digest]:
    return _digests()


# ----------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(("text", "rest"), [
    ("HARWICK, Ore. (AP) _ Floodwaters forced about 4,000 people from their homes.",
     "Floodwaters forced about 4,000 people from their homes."),
    ("PORTLAND, Nov. 3 (Xinhua) -- About 4,000 residents were evacuated on Tuesday.",
     "About 4,000 residents were evacuated on Tuesday."),
    ("SALEM, Ore., Nov 3 (Reuters) - The governor declared a state of emergency.",
     "The governor declared a state of emergency."),
    ("NAIROBI, 3 November (AFP) - Heavy rain cut the main road to the coast.",
     "Heavy rain cut the main road to the coast."),
    ("LONDON, Nov. 3, 2026 -- The river authority issued its highest warning.",
     "The river authority issued its highest warning."),
    ("HARWICK, Ore. -- The Tallis River has flooded this town before.",
     "The Tallis River has flooded this town before."),
    ("MIAMI _ As both sides await the ruling, crowds gathered outside.",
     "As both sides await the ruling, crowds gathered outside."),
    ("KYIV — Air raid sirens sounded across the capital overnight.",
     "Air raid sirens sounded across the capital overnight."),
    ("WASHINGTON—The Senate passed the relief bill late on Friday.",
     "The Senate passed the relief bill late on Friday."),
    ("Buenos Aires -- Inflation slowed for a third month in October.",
     "Inflation slowed for a third month in October."),
    ("(AP) -- The storm weakened as it moved inland over the hills.",
     "The storm weakened as it moved inland over the hills."),
    ("Lagos: The central bank raised its main rate by half a point.",
     "The central bank raised its main rate by half a point."),
])
def test_datelines_of_every_common_form_are_outside_the_span(text: str, rest: str) -> None:
    assert text[strip_dateline(text, 0, len(text)):] == rest
    span = dateline_span(text, 0, len(text))
    assert span is not None and span[0] == 0 and text[span[1]:] == rest


@pytest.mark.parametrize("text", [
    "The rebels _ farmers, students and former soldiers _ took the town in August.",
    "Officials said: The vote will take place on Monday next week.",
    "Senator Alvarez (D-Ore.) said the levee money would be in the next budget.",
    "Highlights: The dam held through the night, engineers said.",
    "He said the water was still rising at midday on Tuesday.",
])
def test_sentences_that_only_look_like_datelines_are_kept_whole(text: str) -> None:
    assert dateline_span(text, 0, len(text)) is None


def test_no_digest_sentence_opens_with_a_dateline_and_offsets_stay_exact(
        digests: list[Digest]) -> None:
    for digest in digests:
        for s in digest.sentences:
            assert STORIES[s.citation.document_id][s.citation.char_start:s.citation.char_end] \
                == s.text
            assert not DATELINE.match(s.text), s.text


# ----------------------------------------------------------------------------- furniture


@pytest.mark.parametrize("line", [
    "The following photos are part of tonight's Daily Ledger Photo Package, moving Wednesday.",
    "Graphics showing the flooded area are available to subscribers of the service.",
    "STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS.",
    "(Optional add end)",
    "Editors: The mayor's first name is corrected in the fourth paragraph.",
    "EDITOR'S NOTE _ This story contains language some readers may find offensive.",
    "For use by clients of the Daily Ledger News Service.",
    "c.2026 Daily Ledger News Service",
    "The governor left the meeting early, 3rd graf pvs",
    "(Reporting by Jo Rivers in Salem; Editing by Sam Kettle)",
    "Associated Press writer Lee Marsh in Portland contributed to this report.",
    "Jo Rivers can be reached at jo.rivers@example.com.",
    "On the Net: http://www.example.org/flood",
    "County emergency office: http://www.example.org/tallis-flood",
    "For updates, call the county hotline at (555) 555-0147.",
    "Enditem",
    "(MORE)",
    "###",
])
def test_desk_notes_links_and_credits_are_furniture(line: str) -> None:
    assert is_furniture(line), line


@pytest.mark.parametrize("sentence", [
    "The photos showed a moving scene as families were reunited at the shelter on Friday.",
    "The news service said it had sent two reporters to the flooded town.",
    "Engineers had warned the county for a decade that the levee needed repairs.",
    "The end of the flood season is still weeks away, forecasters said on Monday.",
    "Optional overtime for the crews was approved by the county commission.",
])
def test_news_sentences_are_not_desk_notes(sentence: str) -> None:
    assert not is_furniture(sentence), sentence


def test_no_furniture_or_fragment_is_quoted(digests: list[Digest]) -> None:
    for digest in digests:
        for s in digest.sentences:
            assert not any(n in s.text for n in NEVER_QUOTED), s.text


# ----------------------------------------------------------------------------- fragments


@pytest.mark.parametrize(("text", "reason"), [
    ("Among the most common causes of river floods:", "list header"),
    ("Harwick flood: what we know", "no final punctuation"),
    ("Thousands of homes without power", "no final punctuation"),
    ("THE RIVER IS EXPECTED TO CREST ON THURSDAY.", "line in capitals"),
    ("Key Facts: Two people are missing.", "label line"),
])
def test_fragments(text: str, reason: str) -> None:
    assert fragment_reason(text) == reason


@pytest.mark.parametrize("sentence", [
    "The sheriff said two people were missing.",
    "“We have never seen the river come up this fast,” the mayor said.",
    "The county's NATO-style alert system was tested in May.",
    "The governor said: The state will pay for the repairs.",
])
def test_sentences_are_not_fragments(sentence: str) -> None:
    assert fragment_reason(sentence) == ""


# ----------------------------------------------------------------------------- context


@pytest.mark.parametrize(("sentence", "dependent"), [
    ("He said the water was still rising at midday.", True),
    ("But the money never came.", True),
    ("Their names were not made public.", True),
    ("This was the third flood in ten years.", True),
    ("In addition, the state sent 200 troops.", True),
    ("At the same time, insurers began counting losses.", True),
    ("“We have never seen the river come up this fast,” he said.", True),
    ("“The levee is gone,” said she.", True),
    ("This year the rain came early, forecasters said.", False),
    ("So far, no deaths have been reported.", False),
    ("Then-Governor Ada Price signed the levee bill in 1997.", False),
    ("“We have never seen the river come up this fast,” said Mayor Dana Whitlow.", False),
    ("The sheriff said he would search through the night.", False),
])
def test_dependent_sentences(sentence: str, dependent: bool) -> None:
    assert bool(dependency(sentence)) is dependent


def _assert_context_shown(digest: Digest) -> None:
    """Every dependent digest sentence comes right after the sentence before it."""
    for prev, s in zip((None, *digest.sentences), digest.sentences, strict=False):
        if not dependency(s.text):
            continue
        assert prev is not None, s.text
        assert prev.citation.document_id == s.citation.document_id, s.text
        assert prev.citation.sentence_index == s.citation.sentence_index - 1, s.text


def test_every_opening_has_its_context(digests: list[Digest]) -> None:
    for digest in digests:
        _assert_context_shown(digest)


def test_a_dependent_sentence_is_shown_after_the_sentence_it_leans_on() -> None:
    # The centre of the cluster is the statement of the second sentence (the headlines of
    # the other pages repeat it), but it opens with "She".
    lead = "Mayor Dana Whitlow ordered the evacuation of Harwick before dawn on Tuesday."
    dependent = "She said the Tallis River levee had broken in two places north of the town."
    headlines = ["Tallis River levee broken in two places north of Harwick, mayor says",
                 "Levee on the Tallis River broken in two places north of the town of Harwick",
                 "Harwick mayor: Tallis River levee has broken in two places north of town"]
    docs = [Document("a", f"{lead} {dependent}")] + [
        Document(f"h{i}", t) for i, t in enumerate(headlines)]
    for ordering in Ordering:
        digest = summarize_documents(docs, Options(max_sentences=2, ordering=ordering))
        assert [s.text for s in digest.sentences] == [lead, dependent]
    # Without room for both, the dependent sentence is not shown alone.
    digest = summarize_documents(docs, Options(max_sentences=1))
    assert [s.text for s in digest.sentences] == [lead]


# ----------------------------------------------------------------------------- no fact twice


def _supporting_pairs(digest: Digest) -> list[tuple[str, str]]:
    cited = {(s.citation.document_id, s.citation.char_start): s.text for s in digest.sentences}
    return [(s.text, cited[(c.document_id, c.char_start)]) for s in digest.sentences
            for c in s.supporting if (c.document_id, c.char_start) in cited]


def test_no_two_digest_sentences_support_each_other(digests: list[Digest]) -> None:
    for digest in digests:
        assert _supporting_pairs(digest) == []


def test_a_restatement_with_a_low_cosine_is_still_the_same_fact() -> None:
    # Every content word of the short sentence recurs in the long one, but the long one's
    # many words of its own bring their cosine below the support threshold (0.31 < 0.35):
    # only the content-word test sees that both state one fact.
    short = "Whitlow ordered Harwick evacuated when the Tallis levee failed."
    long = ("When the Tallis levee failed, Whitlow ordered Harwick evacuated, sending "
            "grandparents, toddlers, dairy herds, poultry, tractors, caravans, canoes, pickup "
            "trucks, school buses and hospital ambulances uphill toward Granger Ridge "
            "campground, Orchard Hill chapel and the abandoned Millbrook quarry, where "
            "volunteers pitched canvas tents beside bonfires.")
    others = ["Whitlow spoke to reporters about Harwick schools reopening next spring.",
              "The Tallis levee had been inspected by county engineers last summer.",
              "Harwick families ordered sandbags from the hardware store downtown.",
              "Whitlow thanked volunteers who evacuated elderly neighbours by truck.",
              "The Tallis bridge failed an inspection once before, in 1994.",
              "Harwick and Whitlow appeared on regional television that evening."]
    docs = [Document("a", short), Document("b", long)] + [
        Document(f"o{i}", t) for i, t in enumerate(others)]
    digest = summarize_documents(docs, Options(max_sentences=10, min_sentence_words=3))
    texts = [s.text for s in digest.sentences]
    assert (short in texts) != (long in texts), texts
    assert _supporting_pairs(digest) == []


# ----------------------------------------------------------------------------- ordering


def test_score_ordering_is_by_score() -> None:
    digest = summarize_documents(_docs(), Options(max_words=200, ordering=Ordering.SCORE))
    scores = [s.score for s in digest.sentences]
    # Context sentences stay right before their dependent one; groups go by score.
    heads = [s.score for prev, s in zip((None, *digest.sentences), digest.sentences,
                                         strict=False) if not dependency(s.text)]
    assert heads == sorted(heads, reverse=True), scores


def test_default_ordering_is_chronological_with_dates_and_by_score_without() -> None:
    dated = summarize_documents(_docs(published=True), Options(max_words=200))
    chrono = summarize_documents(_docs(published=True),
                                 Options(max_words=200, ordering=Ordering.CHRONOLOGICAL))
    assert [s.text for s in dated.sentences] == [s.text for s in chrono.sentences]
    undated = summarize_documents(_docs(), Options(max_words=200))
    by_score = summarize_documents(_docs(), Options(max_words=200, ordering=Ordering.SCORE))
    assert [s.text for s in undated.sentences] == [s.text for s in by_score.sentences]


# ----------------------------------------------------------------------------- seeds


def test_seed_digest_has_no_pronoun_only_speaker_and_no_fact_twice() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for options in ({}, {"max_words": 100}, {"max_words": 250}):
        digest = lexdigest.summarize(texts, **options)
        assert digest.sentences
        assert _supporting_pairs(digest) == []
        _assert_context_shown(digest)
        # A quotation attributed by a pronoun comes right after a sentence naming someone.
        for prev, s in zip((None, *digest.sentences), digest.sentences, strict=False):
            if re.search(r"[,”\"]\s*(?:he|she|it|they)\s+said\b", s.text):
                assert prev is not None and not dependency(prev.text), s.text
                assert re.search(r"\b[A-Z][a-z]+\b", prev.text), prev.text
