"""The whole engine on the sample story in seeds/ and on small inputs of its own."""

from __future__ import annotations

from pathlib import Path

import lexdigest
import numpy as np
import pytest
from lexdigest.engine import (
    Decision,
    Document,
    Options,
    represent,
    sentence_graph,
    summarize_documents,
    text,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Page furniture in the sample pages, as a reader would point it out.
SEED_BOILERPLATE = [
    "Advertisement",
    "Follow Us:",
    "Edited By:",
    "Image Source",
    "TIS Desk",
    "Published :",
]


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    return [Document(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def _every_budget() -> list[Options]:
    return [Options(), Options(max_words=100), Options(max_sentences=100, explain=True),
            Options(max_sentences=100, max_similarity=1.0, min_sentence_words=1,
                    max_sentence_words=10_000)]


def test_seeds_digest_default_is_five_cited_sentences(seeds: list[Document]) -> None:
    d = summarize_documents(seeds)
    assert 1 <= len(d.sentences) <= 5
    numbers = {s.number for s in d.sources}
    for s in d.sentences:
        assert s.source_number in numbers
        assert f"[{s.source_number}]" in d.text
    assert "Sources:" in d.text


@pytest.mark.parametrize("options", _every_budget())
def test_no_boilerplate_of_seeds_reaches_a_digest(seeds: list[Document],
                                                  options: Options) -> None:
    d = summarize_documents(seeds, options)
    for s in d.sentences:
        for marker in SEED_BOILERPLATE:
            assert marker not in s.text, s.text
    if options.explain:
        dropped = [e for e in d.explanations
                   if any(e.text.startswith(m) for m in SEED_BOILERPLATE)]
        assert len(dropped) >= 8  # four ads, a follow prompt, a byline, a credit, a desk label
        assert all(e.decision == Decision.BOILERPLATE for e in dropped)


@pytest.mark.parametrize("options", _every_budget())
def test_every_citation_reproduces_its_sentence(seeds: list[Document], options: Options) -> None:
    texts = {d.id: d.text for d in seeds}
    d = summarize_documents(seeds, options)
    for s in d.sentences:
        c = s.citation
        assert texts[c.document_id][c.char_start:c.char_end] == s.text
        for sup in s.supporting:
            assert sup.document_id != c.document_id
            assert texts[sup.document_id][sup.char_start:sup.char_end].strip()
        assert len({x.document_id for x in s.supporting}) == len(s.supporting)


def test_no_two_digest_sentences_exceed_the_redundancy_ceiling(seeds: list[Document]) -> None:
    for ceiling in (0.3, 0.5):
        d = summarize_documents(seeds, Options(max_sentences=30, max_similarity=ceiling))
        an = text.analyzer("en")
        vecs = represent.vectorize([x.text for x in seeds], _units(seeds), an)
        index = {t: i for i, t in enumerate(vecs.texts)}
        rows = [index[s.text] for s in d.sentences]
        m = vecs.matrix[rows]
        sims = (m @ m.T).toarray()
        np.fill_diagonal(sims, 0)
        assert sims.max() <= ceiling + 1e-9


def _units(seeds: list[Document]) -> list:
    from lexdigest.engine import clean
    from lexdigest.engine.segment import segment

    units = []
    for i, d in enumerate(seeds):
        units.extend(clean.clean(d.text, i, segment(d.text)))
    return [u for u in clean.mark_repeated([d.text for d in seeds], units) if not u.boilerplate]


def test_repeated_lede_is_one_candidate_with_its_source_once(seeds: list[Document]) -> None:
    # One seed page prints its lede twice: as a summary above the article and inside it.
    lede = "During the discussion, both leaders conducted a comprehensive review"
    page = next(d for d in seeds if d.text.count(lede) == 2)
    d = summarize_documents(seeds, Options(max_sentences=100, max_similarity=1.0, explain=True))
    copies = [e for e in d.explanations if e.text.startswith(lede)]
    assert len(copies) == 2
    assert sorted(e.decision for e in copies) == sorted([Decision.DUPLICATE, Decision.SELECTED])
    kept = next(e for e in copies if e.decision == Decision.SELECTED)
    assert kept.citation.document_id == page.id
    dup = next(e for e in copies if e.decision == Decision.DUPLICATE)
    assert dup.related == kept.citation
    sentence = next(s for s in d.sentences if s.text.startswith(lede))
    cited = [sentence.citation.document_id, *(c.document_id for c in sentence.supporting)]
    assert cited.count(page.id) == 1


def test_syndicated_copies_collapse_and_are_remembered_as_support() -> None:
    wire = ("The storm knocked out power to 40,000 homes across the northern districts "
            "on Tuesday night, the utility said.")
    docs = [
        Document("a", f"{wire} Crews worked through the night to restore lines."),
        Document("b", f"Residents were told to stay indoors. {wire}"),
        Document("c", "Schools will stay closed on Wednesday while roads are cleared of "
                 "fallen trees. The utility said most homes should have power by Thursday."),
    ]
    d = summarize_documents(docs, Options(max_sentences=5))
    wires = [s for s in d.sentences if s.text == wire]
    assert len(wires) == 1
    assert wires[0].citation.document_id == "a"
    assert "b" in [c.document_id for c in wires[0].supporting]


def test_repeated_sentences_share_a_node_and_score_as_in_the_rows_own_graph(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies of one sentence (wire copies in several outlets, a line repeated down a page,
    a list line that only a later copy in another document may quote for it) are one node of
    the graph: the digest and every unit's decision, reason and score are what the graph of
    all rows gives."""
    repeated = "\n".join(["Officials said the bridge would stay closed."] * 40)
    listed = ("Travel notes:\n- Officials said the bridge would stay closed\n- Ferries run\n\n"
              "The old bridge stays closed for repairs until Friday, officials said.")
    docs = [Document("list", listed), *seeds, Document("copy", seeds[0].text),
            Document("rep", repeated),
            Document("mix", f"Officials said the bridge would stay closed. {seeds[1].text}")]
    options = Options(max_sentences=8, explain=True)
    folded = summarize_documents(docs, options)
    monkeypatch.setattr(sentence_graph, "_distinct_rows",
                        lambda m: (np.arange(m.shape[0]), np.arange(m.shape[0])))
    plain = summarize_documents(docs, options)
    assert [s.citation for s in folded.sentences] == [s.citation for s in plain.sentences]
    assert [(e.citation, e.decision, e.reason, e.rank, e.related)
            for e in folded.explanations] == [(e.citation, e.decision, e.reason, e.rank,
                                               e.related) for e in plain.explanations]
    np.testing.assert_allclose([e.score for e in folded.explanations],
                               [e.score for e in plain.explanations], rtol=1e-9, atol=0)
    assert sum(e.decision == Decision.DUPLICATE for e in folded.explanations) >= 40


def test_query_steers_the_digest() -> None:
    docs = [
        Document("a", "The city council approved a new budget for road repairs on Monday. "
                 "The council also voted to extend library opening hours in the evenings. "
                 "Road repairs will begin in the spring and last for six months."),
        Document("b", "Libraries across the city will open later in the evenings from May. "
                 "The budget for road repairs was approved after a long debate. "
                 "Library staff welcomed the extended opening hours for students."),
    ]
    plain = summarize_documents(docs, Options(max_sentences=1))
    lib = summarize_documents(docs, Options(max_sentences=1, query="library opening hours"))
    assert "ibrar" in lib.sentences[0].text
    assert plain.sentences and lib.sentences


def test_orderings() -> None:
    from datetime import UTC, datetime

    docs = [
        Document("late", "The bridge reopened to traffic on Friday after months of repair "
                 "work by city crews.", published_at=datetime(2024, 5, 3, tzinfo=UTC)),
        Document("early", "City crews began repairing the old bridge in January after "
                 "inspectors found deep cracks.", published_at=datetime(2024, 1, 9, tzinfo=UTC)),
    ]
    chrono = summarize_documents(docs, Options(ordering=lexdigest.Ordering.CHRONOLOGICAL))
    assert [s.citation.document_id for s in chrono.sentences] == ["early", "late"]
    source = summarize_documents(docs, Options(ordering=lexdigest.Ordering.SOURCE))
    assert [s.citation.document_id for s in source.sentences] == ["late", "early"]


def test_public_api_accepts_strings_and_dicts() -> None:
    d = lexdigest.summarize(["The vote passed by a wide margin on Tuesday evening.",
                             {"id": "x", "text": "Lawmakers approved the measure by a wide "
                              "margin on Tuesday evening."}], max_sentences=1)
    assert d.sentences[0].citation.document_id in {"doc-1", "x"}
    with pytest.raises(ValueError):
        lexdigest.summarize([])
    with pytest.raises(ValueError):
        lexdigest.summarize(["a b c", "   "])
    with pytest.raises(ValueError):
        lexdigest.summarize([{"id": "a", "text": "x y"}, {"id": "a", "text": "y z"}])
    with pytest.raises(ValueError):
        lexdigest.summarize(["text here"], no_such_option=1)
    assert lexdigest.split_sentences("One. Two.") == [(0, 4), (5, 9)]


def test_repetitive_input_stays_bounded_and_never_repeats_a_sentence() -> None:
    """Thousands of sentences sharing a handful of words (a pathological cluster) must not
    make the similarity graph dense, and the digest must not repeat itself."""
    rng = np.random.default_rng(3)
    syllables = ["ka", "lo", "mi", "nu", "pe", "ro"]
    vocab = [a + b + c for a in syllables for b in syllables for c in syllables][:60]
    sentences = [" ".join(rng.choice(vocab, size=8)).capitalize() + "." for _ in range(6000)]
    sentences += ["The same long sentence comes back again and again here."] * 3000
    doc_text = " ".join(sentences)
    vecs = represent.vectorize([doc_text], _units([Document("d", doc_text)]), text.analyzer("en"))
    sim = sentence_graph.similarity(vecs).matrix
    assert sim.nnz < 50 * vecs.matrix.shape[0]  # far from the 81 million of a dense graph
    d = summarize_documents([Document("d", doc_text)], Options(max_sentences=10))
    assert len(d.sentences) == 10
    assert len({s.text for s in d.sentences}) == len(d.sentences)


def test_inputs_and_digests_survive_the_trip_to_a_worker_process(seeds: list[Document]) -> None:
    """What the server sends to and receives from its worker processes pickles losslessly."""
    import pickle
    from datetime import UTC, datetime

    docs = [Document(d.id, d.text, "A title", "https://example.org/a", "Wire",
                     datetime(2024, 5, 1, 8, tzinfo=UTC)) for d in seeds]
    options = Options(max_words=120, query="storm", explain=True)
    digest = summarize_documents(docs, options)
    assert digest.explanations and digest.sentences[0].supporting
    for value in (docs, options, digest):
        copy = pickle.loads(pickle.dumps(value))
        assert copy == value
        assert type(copy) is type(value)
