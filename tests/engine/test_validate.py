"""The engine's input rules (lexdigest.engine.validate) as the library applies them.

What the library and the server both reject is in ``tests/test_same_rules.py``; these are the
inputs only Python callers can send (wrong types, unknown names) and the default ids.
"""

from __future__ import annotations

from typing import Any

import lexdigest
import pytest
from lexdigest.engine.model import Document
from lexdigest.engine.validate import default_id, document_violations, with_default_ids

GOOD = "The council approved the new budget on Monday. Spending on schools will rise."


def _fields(documents: list[Any], **options: Any) -> list[str]:
    with pytest.raises(lexdigest.InvalidInputError) as info:
        lexdigest.summarize(documents, **options)
    assert isinstance(info.value, ValueError)  # callers catching ValueError keep working
    return [f for f, _ in info.value.violations]


def test_unknown_options_are_named() -> None:
    assert _fields([GOOD], no_such_option=1, colour="red") == ["options.colour",
                                                               "options.no_such_option"]


@pytest.mark.parametrize(("name", "value"), [
    ("max_words", "5"), ("max_sentences", 2.5), ("max_chars", True),
    ("max_similarity", "high"), ("query", 7), ("ordering", "sideways"),
])
def test_a_value_of_the_wrong_type_names_its_option(name: str, value: Any) -> None:
    assert _fields([GOOD], **{name: value}) == [f"options.{name}"]


def test_a_bad_publication_time_names_its_document() -> None:
    assert _fields([GOOD, {"text": GOOD, "published_at": "yesterday"}]) == [
        "documents[1].published_at"]


def test_empty_ids_become_doc_n_after_the_rules_pass() -> None:
    docs = [Document("", GOOD), Document("b", GOOD), Document("", GOOD)]
    assert document_violations(docs) == []
    assert [d.id for d in with_default_ids(docs)] == ["doc-1", "b", "doc-3"]
    assert default_id(0) == "doc-1"
    digest = lexdigest.summarize([GOOD, {"id": "b", "text": GOOD.replace("Monday", "Friday")}])
    assert {s.citation.document_id for s in digest.sentences} <= {"doc-1", "b"}


def test_a_language_tag_is_read_by_its_primary_code() -> None:
    assert lexdigest.summarize([GOOD], language="en-GB").sentences
    assert _fields([GOOD], language="xx-GB") == ["options.language"]
