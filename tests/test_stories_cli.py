"""``lexdigest stories`` as a user runs it: seeds/ and a mixed pile through a real server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_cli import REPO, lexdigest, ok, one_error_line

SEEDS = REPO / "seeds"

# Every sentence of seeds/ that can carry a date, with the date read by hand from the texts:
# 000 and 001 were published on Friday 7 February 2025 ("Published : Feb 07, 2025",
# "date 2025-02-07"), so their "on Thursday" is 6 February, the day 002 names for the first
# call. 003 and 004 carry no date of their own: 003's "on Tuesday" (the third call, months
# later) has no anchor, so it must stay undated; 004 names "February 2025".
HAND_CHECKED = {
    "Defence Minister Rajnath Singh held a telephonic conversation": "2025-02-06",
    "Defence Minister Rajnath Singh and his American counterpart, Pete Hegseth, agreed on "
    "Thursday": "2025-02-06",
    "In their first telephonic conversation on February 6, 2025": "2025-02-06",
    "In February 2025, Secretary Hegseth and Minister Singh had an introductory call":
        "2025-02",
    "High-level talks have come at a time when Prime Minister Narendra Modi is scheduled to "
    "visit Washington on February 13": "2025-02-13",
    "Modi and US President Donald Trump, during a phone conversation on January 27":
        "2025-01-27",
    "The prime minister is expected to land in the American capital in the evening of "
    "February 12": "2025-02-12",
}
MUST_STAY_UNDATED = (
    "In a telephonic conversation on Tuesday",  # no anchor: 003 has no date
    "It was Singh’s first phone conversation",  # January 25 only sets the scene
)


@pytest.fixture(scope="module")
def target(module_server: Any) -> str:
    return str(module_server("--workers", "1").target)


def test_seeds_are_one_story_whose_digest_dates_its_events(target: str) -> None:
    out = ok(lexdigest("stories", SEEDS, "--format", "json", "--ordering", "chronological",
                       "--max-sentences", "20", target=target))
    response = json.loads(out)
    assert len(response["stories"]) == 1
    story = response["stories"][0]
    assert sorted(story["document_ids"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    sentences = story["digest"]["sentences"]
    dated = [(s["text"], s["date"]) for s in sentences if s.get("date")]
    for text, date in dated:
        expected = [d for prefix, d in HAND_CHECKED.items() if text.startswith(prefix)]
        assert expected == [date], f"{date} is not the hand-checked date of: {text}"
    for s in sentences:
        if s["text"].startswith(MUST_STAY_UNDATED):
            assert not s.get("date"), s["text"]
    assert {"2025-02", "2025-02-06"} <= {d for _, d in dated}
    # Chronological: no dated sentence after a later one.
    order = [d for _, d in dated]
    assert order == sorted(order)
    assert story["start_time"].startswith("2025-02-07")


def test_text_output_shows_each_date_where_it_changes(target: str) -> None:
    out = ok(lexdigest("stories", SEEDS, "--ordering", "chronological", "--max-sentences", "20",
                       "--width", "0", target=target))
    lines = out.splitlines()
    assert lines[0] == "1 story from 5 documents"
    assert lines[2].startswith("story-1: ") and "(5 documents, 2025-02-07)" in lines[2]
    stamps = [line.split(")")[0][1:] for line in lines if line.startswith("(20")]
    assert stamps == sorted(set(stamps)) and "2025-02-06" in stamps
    assert "(2025-02-06) Defence Minister Rajnath Singh held a telephonic conversation" in out


def test_a_jsonl_pile_of_two_stories(target: str, tmp_path: Path) -> None:
    pile = tmp_path / "pile.jsonl"
    rows = [{"id": p.stem, "text": p.read_text()} for p in sorted(SEEDS.glob("*.txt"))]
    rows += [{"id": f"storm-{k}", "title": "Storm closes the mountain pass",
              "published_at": f"2025-03-0{k}T08:00:00Z",
              "text": "A winter storm closed the mountain pass. Snowploughs worked through "
              f"the night on the pass road, crew {k} said. Drivers were told to carry chains "
              "over the pass until the storm ends."} for k in (1, 2, 3)]
    pile.write_text("".join(json.dumps(r) + "\n" for r in rows))
    response = json.loads(ok(lexdigest("stories", pile, "--format", "json",
                                       "--max-words", "60", target=target)))
    stories = response["stories"]
    assert [len(s["document_ids"]) for s in stories] == [5, 3]
    storm = stories[1]
    assert storm["title"]["text"] == "Storm closes the mountain pass"
    assert "citation" not in storm["title"]
    assert storm["start_time"] == "2025-03-01T08:00:00Z"
    assert storm["end_time"] == "2025-03-03T08:00:00Z"
    md = ok(lexdigest("stories", pile, "--format", "markdown", target=target))
    assert md.startswith("# Stories\n\n2 stories from 8 documents.")
    html = ok(lexdigest("stories", pile, "--format", "html", "--stream", target=target))
    assert html.count("<section id=\"story-") == 2


def test_bad_granularity_is_one_readable_line(target: str) -> None:
    line = one_error_line(lexdigest("stories", SEEDS, "--granularity", "3", target=target), 4)
    assert "granularity" in line
