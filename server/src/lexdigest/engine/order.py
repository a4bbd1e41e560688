"""Ordering of the digest: by score, chronologically, or in source order."""

from __future__ import annotations

from collections.abc import Mapping

from .clean import Unit
from .dates import document_date
from .model import Document, Ordering

_NEVER = "~"  # sorts after every ISO 8601 date


def order_rows(
    rows: list[int], units: list[Unit], documents: list[Document], ordering: Ordering,
    dates: Mapping[int, str] | None = None,
) -> list[int]:
    """``rows`` (given best first) in the requested order.

    Chronological: by the date of what each row reports (``dates``, ISO 8601 of any
    precision, from ``dates.sentence_date``), else the document's date (``published_at``, or
    one found in its text); rows with neither last; ties by the document's position in the
    request, then by position in the document. Source: by the document's position in the
    request, then by position in the document.
    """
    if ordering == Ordering.SCORE:
        return list(rows)
    if ordering == Ordering.SOURCE:
        return sorted(rows, key=lambda r: (units[r].doc, units[r].start))

    anchors: dict[int, str] = {}

    def when(r: int) -> tuple[str, int, int]:
        doc = units[r].doc
        stated = (dates or {}).get(r, "")
        if not stated:
            if doc not in anchors:
                published = document_date(documents[doc])
                anchors[doc] = published.isoformat() if published else _NEVER
            stated = anchors[doc]
        return (stated, doc, units[r].start)

    return sorted(rows, key=when)
