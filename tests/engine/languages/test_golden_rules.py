"""The published English golden rules of sentence segmentation (see ``golden_rules.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lexdigest.engine.segment import segment

sys.path.insert(0, str(Path(__file__).parent))
from golden_rules import GOLDEN_EN

REQUIRED_EN = 46  # of 48


def sentences(text: str) -> list[str]:
    """lexdigest's units as sentences: a list marker left outside a span opens the next one."""
    ends = [s.end for s in segment(text)]
    return [p for p in (text[a:b].strip() for a, b in zip([0, *ends], ends)) if p]


def test_english_golden_rules_pass_at_least_46_of_48() -> None:
    failed = [(text, sentences(text)) for text, expected in GOLDEN_EN
              if sentences(text) != expected]
    assert len(GOLDEN_EN) == 48
    assert len(GOLDEN_EN) - len(failed) >= REQUIRED_EN, failed


@pytest.mark.parametrize(("text", "expected"), GOLDEN_EN,
                         ids=[f"en-{i + 1}" for i in range(len(GOLDEN_EN))])
def test_english_golden_rule(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
