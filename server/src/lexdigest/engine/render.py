"""The plain-text rendering the engine attaches to a digest (``Digest.text``).

One sentence per line with its ``[n]`` source markers (the sentence's own source, then its
supporting ones), then the numbered sources. The client renders a digest for people
(``lexdigest_client``: text with dates, Markdown, HTML); this is the form a program reads
from the engine alone, and the client's text rendering of a digest without dates.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import DigestSentence, Source


def render_text(sentences: Sequence[DigestSentence], sources: Sequence[Source],
                supporting_numbers: Sequence[tuple[int, ...]]) -> str:
    """Plain-text digest: one sentence per line with ``[n]`` markers (its source's, then
    ``supporting_numbers``, its supporting sources'), then the sources."""
    if not sentences:
        return ""
    lines = []
    for s, extra in zip(sentences, supporting_numbers, strict=True):
        marks = "".join(f"[{n}]" for n in (s.source_number, *extra))
        lines.append(f"{s.text} {marks}")
    lines.append("")
    lines.append("Sources:")
    for src in sources:
        label = f"{src.title} ({src.document_id})" if src.title else src.document_id
        if src.source:
            label += f", {src.source}"
        if src.url:
            label += f" <{src.url}>"
        lines.append(f"[{src.number}] {label}")
    return "\n".join(lines) + "\n"
