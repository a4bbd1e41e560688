"""Rendering a digest for people and programs: text, Markdown, JSON, one HTML page."""

from __future__ import annotations

import html
import json
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._models import Digest, DigestSentence

FORMATS = ("text", "markdown", "json", "html")


def render(digest: Digest, format: str = "text", width: int | None = None) -> str:
    """``digest`` in ``format``; ``width`` wraps the text format (None: no wrapping)."""
    if format == "text":
        return render_text(digest, width)
    if format == "markdown":
        return render_markdown(digest)
    if format == "json":
        return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return render_html(digest)
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def _numbers(digest: Digest, s: DigestSentence) -> list[int]:
    by_id = {src.document_id: src.number for src in digest.sources}
    return [s.source_number, *(by_id[c.document_id] for c in s.supporting
                               if c.document_id in by_id)]


def _label(title: str, document_id: str) -> str:
    return f"{title} ({document_id})" if title else document_id


def render_text(digest: Digest, width: int | None = None) -> str:
    """Sentences with ``[n]`` markers, then the numbered sources with titles and URLs."""
    if not digest.sentences:
        return "(no digest: no sentence qualified)\n"
    lines: list[str] = []
    for s in digest.sentences:
        line = s.text + " " + "".join(f"[{n}]" for n in _numbers(digest, s))
        lines.extend(textwrap.wrap(line, width) if width else [line])
    lines += ["", "Sources:"]
    for src in digest.sources:
        entry = f"[{src.number}] {_label(src.title, src.document_id)}"
        if src.source:
            entry += f", {src.source}"
        if src.url:
            entry += f" <{src.url}>"
        lines.extend(textwrap.wrap(entry, width, subsequent_indent="    ") if width else [entry])
    return "\n".join(lines) + "\n"


def render_markdown(digest: Digest) -> str:
    """A Markdown list of sentences with footnote citations (``[^n]``)."""
    if not digest.sentences:
        return "_No digest: no sentence qualified._\n"
    lines = [f"- {s.text}" + "".join(f"[^{n}]" for n in _numbers(digest, s))
             for s in digest.sentences]
    lines.append("")
    for src in digest.sources:
        title = src.title or src.document_id
        name = f"[{title}]({src.url})" if src.url else title
        extra = f" ({src.document_id})" if src.title else ""
        lines.append(f"[^{src.number}]: {name}{extra}" + (f", {src.source}" if src.source else ""))
    return "\n".join(lines) + "\n"


_STYLE = """
body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b}
h1{font-size:1.35rem}ol.digest>li{margin:.6rem 0}a.cite{text-decoration:none;font-size:.8em;
vertical-align:super;margin-left:.1em}details{font-size:.9em;color:#444;margin-top:.2rem}
ol.sources li:target{background:#fff3b0}.meta{color:#666;font-size:.85em}
"""


def render_html(digest: Digest, title: str = "Digest") -> str:
    """One self-contained page: each sentence links to its sources; support on demand."""
    e = html.escape
    items = []
    for i, s in enumerate(digest.sentences, 1):
        marks = "".join(f'<a class="cite" href="#source-{n}">[{n}]</a>'
                        for n in _numbers(digest, s))
        support = ""
        if s.supporting:
            rows = "".join(
                f"<li>{e(c.document_id)}, sentence {c.sentence_index + 1} "
                f"(characters {c.char_start}–{c.char_end})</li>" for c in s.supporting)
            support = (f"<details><summary>Also reported by {len(s.supporting)} other "
                       f"source{'s' if len(s.supporting) > 1 else ''}</summary><ul>{rows}</ul>"
                       "</details>")
        items.append(f'<li id="sentence-{i}">{e(s.text)}{marks}{support}</li>')
    sources = []
    for src in digest.sources:
        name = e(src.title or src.document_id)
        link = f'<a href="{e(src.url)}">{name}</a>' if src.url else name
        extra = f' <span class="meta">{e(src.document_id)}</span>' if src.title else ""
        if src.source:
            extra += f' <span class="meta">{e(src.source)}</span>'
        sources.append(f'<li id="source-{src.number}" value="{src.number}">{link}{extra}</li>')
    st = digest.stats
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{e(title)}</h1><ol class=\"digest\">{''.join(items)}</ol>"
        f"<h2>Sources</h2><ol class=\"sources\">{''.join(sources)}</ol>"
        f"<p class=\"meta\">{st.documents} documents, {st.sentences} sentences, "
        f"{st.engine_ms:.0f} ms.</p></body></html>\n"
    )


def render_explanations(digest: Digest) -> str:
    """A table of every candidate: rank, score, decision and reason."""
    lines = [f"{'rank':>4}  {'score':>6}  {'decision':<11}  sentence (document) — reason"]
    for x in sorted(digest.explanations, key=lambda x: (x.rank == 0, x.rank)):
        rank = str(x.rank) if x.rank else "-"
        text = x.text if len(x.text) <= 90 else x.text[:87] + "..."
        reason = f" — {x.reason}" if x.reason else ""
        lines.append(f"{rank:>4}  {x.score:6.2f}  {x.decision:<11}  {text} "
                     f"({x.citation.document_id}){reason}")
    return "\n".join(lines) + "\n"
