"""Ordering of the digest: by score, chronologically, or in source order."""

from __future__ import annotations

from datetime import UTC, datetime

from .clean import Unit
from .model import Document, Ordering

_NEVER = datetime.max.replace(tzinfo=UTC)


def order_rows(
    rows: list[int], units: list[Unit], documents: list[Document], ordering: Ordering
) -> list[int]:
    """``rows`` (given best first) in the requested order.

    Chronological: by the document's ``published_at`` (documents without one last, in request
    order), then by position in the document. Source: by the document's position in the
    request, then by position in the document.
    """
    if ordering == Ordering.SCORE:
        return list(rows)
    if ordering == Ordering.SOURCE:
        return sorted(rows, key=lambda r: (units[r].doc, units[r].start))

    def when(r: int) -> tuple[datetime, int, int]:
        published = documents[units[r].doc].published_at
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        return (published or _NEVER, units[r].doc, units[r].start)

    return sorted(rows, key=when)
