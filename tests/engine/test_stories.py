"""Story clustering of a pile (lexdigest.engine.stories)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from lexdigest.engine.model import Document, Options, StoryOptions
from lexdigest.engine.stories import cluster, group

_TOPICS = {
    "flood": ("The river flooded the valley town after days of heavy rain. Rescue boats "
              "carried families from flooded homes to shelters on higher ground. The mayor "
              "said the flood barriers failed near the old mill. Engineers inspected the "
              "damaged levee and warned of more rain."),
    "election": ("Voters chose a new parliament in a close election. The opposition party "
                 "won most seats in the capital while the governing party held rural "
                 "districts. Coalition talks between the parties begin next week. Turnout "
                 "was the highest in two decades, officials said."),
    "football": ("The home team won the cup final with a late goal from its young striker. "
                 "The coach praised the defence after the match. Fans celebrated in the "
                 "stadium square until midnight. The striker scored twice in the semifinal "
                 "as well."),
}


def _pile() -> list[Document]:
    docs = []
    for topic, body in _TOPICS.items():
        sentences = body.split(". ")
        for k in range(4):
            rotated = sentences[k:] + sentences[:k]
            docs.append(Document(f"{topic}-{k}", ". ".join(rotated) + " Reporting continues.",
                                 title=rotated[0],
                                 published_at=datetime(2025, 3, 1 + k, tzinfo=UTC)))
    docs.append(Document("lonely", "A rare comet was seen over the northern mountains by "
                         "astronomers using a small telescope."))
    return docs


def test_every_document_is_in_exactly_one_story_and_topics_are_apart() -> None:
    docs = _pile()
    stories = cluster(docs, StoryOptions(Options(max_sentences=2)))
    ids = [i for s in stories for i in s.document_ids]
    assert sorted(ids) == sorted(d.id for d in docs)
    topics = [{i.split("-")[0] for i in s.document_ids} for s in stories]
    assert topics[:3] and all(len(t) == 1 for t in topics)
    assert sorted(len(s.document_ids) for s in stories) == [1, 4, 4, 4]
    assert [s.id for s in stories] == [f"story-{n}" for n in range(1, 5)]
    assert stories[-1].document_ids == ("lonely",)


def test_stories_carry_title_span_and_digest_of_their_own_documents() -> None:
    stories = cluster(_pile(), StoryOptions(Options(max_sentences=2)))
    for s in stories[:3]:
        topic = s.document_ids[0].split("-")[0]
        assert s.title.text in _TOPICS[topic]
        assert s.title.document_id in s.document_ids
        assert s.start_time == datetime(2025, 3, 1, tzinfo=UTC)
        assert s.end_time == datetime(2025, 3, 4, tzinfo=UTC)
        assert s.digest.sentences
        assert {x.citation.document_id for x in s.digest.sentences} <= set(s.document_ids)
    lonely = stories[-1]
    assert lonely.start_time is None and lonely.title.citation is not None


def test_result_does_not_depend_on_request_order() -> None:
    docs = _pile()
    base = {frozenset(docs[i].id for i in g) for g in group(docs, 0.5)}
    for seed in range(3):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        assert {frozenset(shuffled[i].id for i in g) for g in group(shuffled, 0.5)} == base


def test_granularity_one_keeps_loosely_related_documents_apart() -> None:
    docs = _pile()
    coarse = group(docs, 0.5)
    fine = group(docs, 1.0)
    assert len(fine) >= len(coarse)
    assert group(docs[:1], 0.5) == [[0]]
    assert group([], 0.5) == []


def test_copies_join_one_story_and_are_digested_once() -> None:
    docs = _pile()
    copies = [Document(f"{d.id}-copy", d.text, d.title, published_at=d.published_at)
              for d in docs[:4]]
    stories = cluster(docs + copies, StoryOptions(Options(max_sentences=3)))
    flood = next(s for s in stories if "flood-0" in s.document_ids)
    assert {f"flood-{k}-copy" for k in range(4)} <= set(flood.document_ids)
    cited = {c.document_id for x in flood.digest.sentences for c in (x.citation, *x.supporting)}
    assert not any(i.endswith("-copy") for i in cited)
    assert flood.digest.stats.documents == 4


def test_louvain_finds_two_cliques_joined_by_a_weak_edge() -> None:
    import numpy as np
    import scipy.sparse as sp
    from lexdigest.engine.communities import louvain

    w = np.zeros((8, 8))
    for block in (range(4), range(4, 8)):
        for i in block:
            for j in block:
                if i != j:
                    w[i, j] = 1.0
    w[3, 4] = w[4, 3] = 0.1
    label = louvain(sp.csr_matrix(w))
    assert label.tolist() == [0, 0, 0, 0, 1, 1, 1, 1]
    assert louvain(sp.csr_matrix((3, 3))).tolist() == [0, 1, 2]


def test_the_public_entry_checks_its_input_like_summarize() -> None:
    import lexdigest
    import pytest

    found = lexdigest.stories([d.text for d in _pile()], max_sentences=2)
    assert sum(len(s.document_ids) for s in found) == 13
    assert found[0].document_ids[0].startswith("doc-")
    with pytest.raises(lexdigest.InvalidInputError) as info:
        lexdigest.stories(["Some text."], granularity=1.5)
    assert info.value.violations[0][0] == "granularity"
    with pytest.raises(lexdigest.InvalidInputError):
        lexdigest.stories(["Some text.", ""], max_words=-1)


def test_each_document_is_clustered_in_its_own_language() -> None:
    # The two reports of each flood share stems, not word forms: only Russian and German
    # stemming finds them, and German stop words must not join the bank report to them.
    docs = [
        Document("ru-flood-1", "Наводнение затопило улицы Краснодара. Спасатели эвакуировали "
                               "жителей затопленного квартала."),
        Document("ru-flood-2", "После наводнения улицу в Краснодаре затопили. Спасателям "
                               "помогали жители затопленных кварталов."),
        Document("ru-bank", "Центральный банк повысил ключевую ставку. Аналитики ожидали "
                            "такого решения банка."),
        Document("de-flood-1", "Das Hochwasser überflutete die Straßen von Passau. Retter "
                               "brachten die Bewohner des überfluteten Viertels in Sicherheit."),
        Document("de-flood-2", "Nach den Hochwassern sind Straßen in Passau überflutet. Den "
                               "Rettern halfen die Bewohner überfluteter Viertel."),
        Document("de-bank", "Die Zentralbank erhöhte den Leitzins. Die Analysten hatten diese "
                            "Entscheidung erwartet."),
    ]
    stories = {frozenset(docs[i].id for i in g) for g in group(docs, 0.5)}
    assert {"ru-flood-1", "ru-flood-2"} in stories
    assert {"de-flood-1", "de-flood-2"} in stories
    assert {"de-bank"} in stories and {"ru-bank"} in stories
    clustered = cluster(docs, StoryOptions(Options(max_sentences=1)))
    assert {s.digest.languages for s in clustered} == {("ru",), ("de",)}


def test_grouping_a_pile_loads_no_scipy_graph_module() -> None:
    """Copy sets come from the engine's own components: a worker's first pile does not
    import ``scipy.sparse.csgraph`` (all of ``scipy.linalg``), which a tight memory cap may
    not leave room for."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from lexdigest.engine import Document\n"
            "from lexdigest.engine.stories import group\n"
            "texts = ['Rain flooded the valley town on Monday.', "
            "'The central bank kept its rate on Thursday.']\n"
            "docs = [Document(f'd{i}', texts[i % 2]) for i in range(4)]\n"
            "assert group(docs, 0.5) == [[0, 2], [1, 3]]  # two sets of copies\n"
            "print(sorted(m for m in sys.modules if m.startswith('scipy.sparse.csgraph')"
            " or m.startswith('scipy.linalg')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"
