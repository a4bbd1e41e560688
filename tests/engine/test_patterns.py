"""``engine._patterns.lazy``: a pattern compiled on first use behaves as ``re.compile``'s."""

from __future__ import annotations

import re

from lexdigest.engine._patterns import lazy


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    source, text = r"(?P<run>[\u4e00-\u9fff]+)|\w+", "iPhone手机 sold 3 million"
    eager, late = re.compile(source), lazy(source)
    assert [m.span() for m in late.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert late.search(text, 6).group("run") == "手机"
    assert late.sub("_", text) == eager.sub("_", text)
    assert lazy("a", re.IGNORECASE).findall("AbA") == ["A", "A"]


def test_it_is_compiled_only_when_used_and_once() -> None:
    late = lazy("[")  # an invalid pattern: the error comes at first use, not at definition
    try:
        late.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern must fail when first used")
    ok = lazy("b+")
    assert ok.search("abbb") is not None
    assert ok.search is ok.search  # the bound method is kept: no lookup cost per call
