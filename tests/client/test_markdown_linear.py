"""The CLI's Markdown reader takes linear time on any file: a fuzz test.

``lexdigest summarize notes.md`` turns the caller's Markdown into plain text on the caller's
machine before anything is sent, so a pattern that backtracks (a lazy ``.*?`` hunting for a
closing ``**``, ``-->`` or ``)`` that never comes) would hang the CLI on a file it was simply
given. Hypothesis builds files out of Markdown's delimiters, left open or closed, as
``head + body * k + tail`` of about ``TARGET_BYTES``; a child process reads each one and its
CPU seconds per MB must stay within ``BUDGET_RATIO`` times what an ordinary Markdown article
of the same size costs in that child. Quadratic patterns cost thousands of times more at this
size (the reader before this test: 3.7 s for 20 kB of ``**a ``, 0.6 s for 20 kB of ``<!--``),
so the budget separates them from busy but linear text widely. A file that takes longer than
the hard timeout fails too, and the child is replaced.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cpu_child import CpuChild
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "cluster" / "coastal-news.md"
TARGET_BYTES = 40_000
BUDGET_RATIO = 25.0
HARD_TIMEOUT = 10.0

_CHILD = """
import json, sys, time
from lexdigest_client._inputs import markdown_document
for line in sys.stdin:
    md = json.loads(line)
    t0 = time.process_time()
    markdown_document(md, "fuzz.md", "fuzz.md")
    print(time.process_time() - t0, flush=True)
"""


@pytest.fixture(scope="module")
def reader() -> Iterator[tuple[CpuChild, float]]:
    """The child reader and its CPU seconds per MB of an ordinary article (best of three)."""
    article = ARTICLE.read_text(encoding="utf-8")
    md = article * max(1, TARGET_BYTES // len(article.encode()))
    r = CpuChild(_CHILD)
    r.cpu_seconds(md, HARD_TIMEOUT)  # warm up: imports, compiled patterns
    best = min(r.cpu_seconds(md, HARD_TIMEOUT) for _ in range(3))
    yield r, best / (len(md.encode()) / 1e6)
    r.close()


def _check(reader: tuple[CpuChild, float], md: str) -> None:
    r, article_rate = reader
    mb = len(md.encode()) / 1e6
    budget = BUDGET_RATIO * article_rate * mb + 0.02
    spent = r.cpu_seconds(md, HARD_TIMEOUT)
    if budget < spent < float("inf"):
        # A second try absorbs a noisy neighbour.
        spent = min(spent, r.cpu_seconds(md, HARD_TIMEOUT))
    assert spent <= budget, (f"{spent / mb:.2f} CPU s/MB against {article_rate:.2f} for an "
                             f"article (budget {BUDGET_RATIO:g}x) on {md[:120]!r}")


_delimiter = st.sampled_from([
    "**", "__", "*", "_", "`", "```", "```py", "~~~", "<!--", "-->", "[", "]", "(", ")", "![",
    "](", "][", "]:", "#", "## ", "# ", " #", ">", "> ", "- ", "* ", "+ ", "1. ", "2) ", "---",
    "...", "<", ">", "\\", "|",
])
_filler = st.sampled_from(["a", "word", " ", "  ", "\t", " " * 30, "\n", "\n\n", "\r\n",
                           "The council said.", "x.example", "http://x.example/a_b",
                           "C#", "2 * 3", "snake_case"])
_motif = st.lists(st.one_of(_delimiter, _filler), min_size=1, max_size=8).map("".join)


@st.composite
def _files(draw: st.DrawFn) -> str:
    head, body, tail = draw(_motif), draw(_motif), draw(_motif)
    return head + body * max(1, TARGET_BYTES // max(1, len(body.encode()))) + tail


def _repeat(piece: str) -> str:
    return piece * max(1, TARGET_BYTES // len(piece.encode()))


# Each of these was quadratic in the reader before the linear rules (seconds at 20 kB).
_KNOWN = [_repeat("**a "), _repeat("*a "), _repeat("```x\n"), _repeat("<!--"), _repeat("[a"),
          _repeat("[a]("), "# a" + " " * TARGET_BYTES + "x", "# " + " " * TARGET_BYTES]


@pytest.mark.parametrize("md", _KNOWN, ids=[f"known-{i}" for i in range(len(_KNOWN))])
def test_inputs_that_once_took_quadratic_time_cost_about_an_article(
        reader: tuple[CpuChild, float], md: str) -> None:
    _check(reader, md)


@settings(max_examples=int(os.environ.get("LEXDIGEST_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(md=_files())
@example(md="[" + "a](" * 10_000)
def test_fuzzed_markdown_costs_at_most_a_budget_per_mb(reader: tuple[CpuChild, float],
                                                       md: str) -> None:
    _check(reader, md)
