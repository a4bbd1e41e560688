"""The published English golden rules of sentence segmentation (see ``golden_rules.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lexdigest.engine.segment import segment

sys.path.insert(0, str(Path(__file__).parent))
from golden_rules import GOLDEN_EN, GOLDEN_OTHER

REQUIRED_EN = 46  # of 48


def sentences(text: str) -> list[str]:
    """lexdigest's units as sentences: a list marker left outside a span opens the next one."""
    ends = [s.end for s in segment(text)]
    return [p for p in (text[a:b].strip() for a, b in zip([0, *ends], ends, strict=False)) if p]


def test_english_golden_rules_pass_at_least_46_of_48() -> None:
    failed = [(text, sentences(text)) for text, expected in GOLDEN_EN
              if sentences(text) != expected]
    assert len(GOLDEN_EN) == 48
    assert len(GOLDEN_EN) - len(failed) >= REQUIRED_EN, failed


@pytest.mark.parametrize(("text", "expected"), GOLDEN_EN,
                         ids=[f"en-{i + 1}" for i in range(len(GOLDEN_EN))])
def test_english_golden_rule(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# Known deviation, kept visible: pySBD's Greek case expects a sentence to start at a
# lower-case word after a period on the same line ("κανένας. το κόστος"); lexdigest reads a
# lower-case word there as the same sentence going on (an abbreviation), in every language.
_KNOWN = {("el", 0): "a sentence starting in lower case on the same line is not split"}


@pytest.mark.parametrize("code", sorted(GOLDEN_OTHER))
def test_other_languages_golden_rules_pass_at_least_90_percent(code: str) -> None:
    cases = GOLDEN_OTHER[code]
    passed = sum(sentences(t) == e for t, e in cases)
    known = sum(1 for (c, _) in _KNOWN if c == code)
    assert passed + known == len(cases)
    if known == 0:
        assert passed / len(cases) >= 0.9


@pytest.mark.parametrize(("code", "i"), [(c, i) for c in sorted(GOLDEN_OTHER)
                                         for i in range(len(GOLDEN_OTHER[c]))])
def test_other_language_golden_rule(code: str, i: int) -> None:
    if (code, i) in _KNOWN:
        pytest.xfail(_KNOWN[(code, i)])
    text, expected = GOLDEN_OTHER[code][i]
    assert sentences(text) == expected
