"""Digest renderings show each sentence's date where it changes (lexdigest_client._render)."""

from __future__ import annotations

from lexdigest_client._models import Citation, Digest, DigestSentence, Source, Stats


def _digest() -> Digest:
    def s(text: str, date: str, i: int) -> DigestSentence:
        return DigestSentence(text, 1.0, Citation("a", i, 0, len(text)), (), 1, date)

    return Digest((s("The ministers spoke.", "2025-02-06", 0),
                   s("They agreed on a plan.", "2025-02-06", 1),
                   s("Nobody said when.", "", 2),
                   s("The visit followed.", "2025-02-13", 3)),
                  (Source(1, "a"),), "", Stats(documents=1))


def test_text_markdown_and_html_show_a_date_only_where_it_changes() -> None:
    d = _digest()
    text = d.render("text").splitlines()
    assert text[:4] == ["(2025-02-06) The ministers spoke. [1]", "They agreed on a plan. [1]",
                        "Nobody said when. [1]", "(2025-02-13) The visit followed. [1]"]
    md = d.render("markdown").splitlines()
    assert md[0] == "- **2025-02-06** — The ministers spoke.[^1]"
    assert md[1] == "- They agreed on a plan.[^1]"
    assert md[3].startswith("- **2025-02-13** — The visit")
    page = d.render("html")
    assert page.count("<time ") == 2
    assert '<time datetime="2025-02-13">2025-02-13</time>' in page


def test_json_carries_every_sentence_date() -> None:
    dates = [s["date"] for s in _digest().to_dict()["sentences"]]
    assert dates == ["2025-02-06", "2025-02-06", "", "2025-02-13"]
