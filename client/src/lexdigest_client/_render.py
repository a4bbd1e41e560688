"""Rendering a digest for people and programs: text, Markdown, JSON, one HTML page.

    >>> print(render(digest, "text", width=80))  # doctest: +SKIP
    >>> page = render(digest, "html", title="Storm digest")  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._models import Citation, Digest, DigestSentence, Explanation, Stories, Story

FORMATS = ("text", "markdown", "json", "html")


def render(digest: Digest, format: str = "text", width: int | None = None,
           title: str | None = None, explain: bool | None = None) -> str:
    """``digest`` in ``format``.

    ``width`` wraps the text format (None: no wrapping); ``title`` heads the HTML page;
    ``explain`` (default: when the digest has explanations) adds the table of candidates to
    the text, Markdown and HTML formats (JSON always has them).
    """
    explain = bool(digest.explanations) if explain is None else explain
    if format == "text":
        out = render_text(digest, width)
        return out + "\n" + render_explanations(digest, width) if explain else out
    if format == "markdown":
        out = render_markdown(digest)
        return out + "\n" + render_explanations_markdown(digest) if explain else out
    if format == "json":
        return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return render_html(digest, title or "Digest", explain=explain)
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def _numbers(digest: Digest, s: DigestSentence) -> list[int]:
    """The source numbers of a sentence: its own source first, then supporting ones."""
    out = [s.source_number]
    for c in s.supporting:
        n = digest.source_number(c.document_id)
        if n is not None and n not in out:
            out.append(n)
    return out


def _dates_shown(digest: Digest) -> list[str]:
    """Per sentence, the date to show before it: its own date where that changes from the
    last date shown, else "" (a sentence without a date shows none)."""
    out, last = [], ""
    for s in digest.sentences:
        show = s.date if s.date and s.date != last else ""
        last = s.date or last
        out.append(show)
    return out


def _label(title: str, document_id: str) -> str:
    return f"{title} ({document_id})" if title else document_id


def render_text(digest: Digest, width: int | None = None) -> str:
    """Sentences with ``[n]`` markers, then the numbered sources with titles and URLs.

    With ``width``, lines are wrapped and a sentence's continuation lines are indented.
    """
    if not digest.sentences:
        return "(no digest: no sentence qualified)\n"
    lines: list[str] = []
    for s, when in zip(digest.sentences, _dates_shown(digest), strict=True):
        line = (f"({when}) " if when else "") + s.text + " " + "".join(
            f"[{n}]" for n in _numbers(digest, s))
        lines.extend(textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=False,
                                   break_on_hyphens=False) if width else [line])
    lines += ["", "Sources:"]
    for src in digest.sources:
        entry = f"[{src.number}] {_label(src.title, src.document_id)}"
        if src.source:
            entry += f", {src.source}"
        if src.url:
            entry += f" <{src.url}>"
        lines.extend(textwrap.wrap(entry, width, subsequent_indent="    ",
                                   break_long_words=False, break_on_hyphens=False)
                     if width else [entry])
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Text with Markdown's active characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(digest: Digest) -> str:
    """A Markdown list of sentences with footnote citations (``[^n]``) and the sources."""
    if not digest.sentences:
        return "_No digest: no sentence qualified._\n"
    lines = [f"- {f'**{when}** — ' if when else ''}{_md(s.text)}"
             + "".join(f"[^{n}]" for n in _numbers(digest, s))
             for s, when in zip(digest.sentences, _dates_shown(digest), strict=True)]
    lines.append("")
    for src in digest.sources:
        title = _md(src.title or src.document_id)
        name = f"[{title}](<{src.url}>)" if src.url else title
        extra = f" ({_md(src.document_id)})" if src.title else ""
        if src.source:
            extra += f", {_md(src.source)}"
        lines.append(f"[^{src.number}]: {name}{extra}")
    return "\n".join(lines) + "\n"


# -- explanations -----------------------------------------------------------------------------

_FATE = {
    "selected": "kept", "redundant": "redundant", "boilerplate": "boilerplate",
    "filtered": "filtered", "over_budget": "over budget", "duplicate": "duplicate",
    "not_reached": "not chosen",
}


def _key(c: Citation) -> tuple[str, int]:
    return c.document_id, c.sentence_index


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:max(limit - 1, 1)].rstrip() + "…"


class _Explainer:
    """Resolves the ``related`` citation of an explanation to something a reader recognises."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.in_digest = {_key(s.citation): i for i, s in enumerate(digest.sentences, 1)}
        self.texts = {_key(x.citation): x.text for x in digest.explanations}

    def ref(self, c: Citation | None) -> str:
        if c is None:
            return "another sentence"
        n = self.in_digest.get(_key(c))
        if n is not None:
            return f"digest sentence {n}"
        text = self.texts.get(_key(c)) or self.digest.quote(c)
        where = f"{c.document_id}, sentence {c.sentence_index + 1}"
        return f"“{_short(text, 50)}” ({where})" if text else where

    def why(self, x: Explanation) -> str:
        """Why ``x`` was kept or dropped, in words."""
        reason = x.reason.strip()
        if x.decision == "selected":
            n = self.in_digest.get(_key(x.citation))
            return f"in the digest as sentence {n}" if n else "selected"
        if x.decision == "redundant":
            return f"repeats {self.ref(x.related)}" + (f" ({reason})" if reason else "")
        if x.decision == "duplicate":
            return f"near-duplicate of {self.ref(x.related)}, which stands for both"
        if x.decision == "not_reached":
            return "others added more new content per word before the budget filled"
        if x.decision == "over_budget":
            return "did not fit the budget" + (f" ({reason})" if reason else "")
        if x.decision == "boilerplate":
            return "boilerplate" + (f": {reason}" if reason else "")
        return reason or x.decision.replace("_", " ")


def _ordered(digest: Digest) -> list[Explanation]:
    return sorted(digest.explanations, key=lambda x: (x.rank == 0, x.rank, -x.score))


def _tally(digest: Digest) -> str:
    counts: Counter[str] = Counter(x.decision for x in digest.explanations)
    parts = [f"{counts[d]} {_FATE[d]}" for d in _FATE if counts[d]]
    return f"{len(digest.explanations)} sentences: " + ", ".join(parts)


def render_explanations(digest: Digest, width: int | None = None) -> str:
    """Every candidate: rank, LexRank score, fate and sentence, then its document and why.

    With ``width`` the sentence is shortened to fit; without, it is given whole.
    """
    if not digest.explanations:
        return "(no explanations: ask with explain=True / --explain)\n"
    ex = _Explainer(digest)
    pad = " " * 27
    lines = [_tally(digest), "", f"{'rank':>4}  {'score':>6}  {'fate':<11}  sentence",
             f"{pad}document — why"]
    for x in _ordered(digest):
        rank = str(x.rank) if x.rank else "-"
        text = _short(x.text, max(width - 27, 30)) if width else " ".join(x.text.split())
        lines.append(f"{rank:>4}  {x.score:6.2f}  {_FATE.get(x.decision, x.decision):<11}  "
                     f"{text}")
        why = f"{x.citation.document_id} — {ex.why(x)}"
        lines.extend(textwrap.wrap(why, width, initial_indent=pad, subsequent_indent=pad,
                                   break_long_words=False) if width else [pad + why])
    return "\n".join(lines) + "\n"


def render_explanations_markdown(digest: Digest) -> str:
    """The candidates table as a Markdown table."""
    if not digest.explanations:
        return ""
    ex = _Explainer(digest)
    lines = ["### How the digest was made", "", _tally(digest) + ".", "",
             "| rank | score | fate | sentence | document | why |",
             "| ---: | ---: | --- | --- | --- | --- |"]
    for x in _ordered(digest):
        cells = [str(x.rank) if x.rank else "–", f"{x.score:.2f}",
                 _FATE.get(x.decision, x.decision), _md(_short(x.text, 160)),
                 _md(x.citation.document_id), _md(ex.why(x))]
        lines.append("| " + " | ".join(c.replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


# -- HTML -------------------------------------------------------------------------------------

_STYLE = """
:root{color-scheme:light dark;--fg:#1b1b1b;--muted:#5f6368;--mark:#fff3b0;--line:#ddd}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--muted:#a0a4a8;--mark:#5a4b00;
--line:#444}}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:48rem;
margin:2rem auto;padding:0 1rem;color:var(--fg)}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem}
.meta,.muted{color:var(--muted);font-size:.85em}
ol.digest>li{margin:.8rem 0}
a.cite{text-decoration:none;font-size:.75em;vertical-align:super;margin-left:.15em}
details{font-size:.9em;margin-top:.25rem}summary{cursor:pointer;color:var(--muted)}
details ul{list-style:none;padding-left:.9rem;margin:.3rem 0}
cite{display:block;font-style:normal;color:var(--muted);margin:0 0 .5rem .9rem}
blockquote{margin:.35rem 0 .35rem .2rem;padding-left:.7rem;border-left:3px solid var(--line)}
ol.sources li{margin:.3rem 0}:target{background:var(--mark);border-radius:3px}
table{border-collapse:collapse;font-size:.85em;width:100%}
td,th{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;
vertical-align:top}td.num{text-align:right;white-space:nowrap}
tr.selected td{font-weight:600}
time{color:var(--muted);font-size:.85em;font-variant-numeric:tabular-nums;margin-right:.3em}
"""


def _source_link(digest: Digest, c: Citation) -> str:
    n = digest.source_number(c.document_id)
    e = html.escape
    if n is None:
        return e(c.document_id)
    src = digest.source(n)
    return (f'<a class="cite-source" href="#source-{n}">[{n}]</a> '
            f"{e(src.title or src.document_id)}")


def render_html(digest: Digest, title: str = "Digest", explain: bool = False) -> str:
    """One self-contained page (no scripts, no external resources).

    Each sentence links to its numbered sources (``#source-n``); "also reported by" opens
    the supporting sentences, quoted from the documents when the digest knows their texts;
    each source lists the sentences that cite it.
    """
    e = html.escape
    cited_by: dict[int, list[int]] = {}
    items = []
    shown = _dates_shown(digest)
    for i, s in enumerate(digest.sentences, 1):
        numbers = _numbers(digest, s)
        for n in numbers:
            cited_by.setdefault(n, []).append(i)
        marks = "".join(f'<a class="cite" href="#source-{n}" data-source="{n}">[{n}]</a>'
                        for n in numbers)
        support = ""
        if s.supporting:
            rows = []
            for c in s.supporting:
                quote = digest.quote(c)
                body = (f"<blockquote>{e(quote)}</blockquote>" if quote else
                        f'<span class="muted">sentence {c.sentence_index + 1}, characters '
                        f"{c.char_start}–{c.char_end}</span> ")
                rows.append(f"<li>{body}<cite>— {_source_link(digest, c)}</cite></li>")
            k = len(s.supporting)
            support = (f"<details><summary>Also reported by {k} other source"
                       f"{'s' if k > 1 else ''}</summary><ul>{''.join(rows)}</ul></details>")
        when = shown[i - 1]
        stamp = f'<time datetime="{e(when)}">{e(when)}</time> ' if when else ""
        items.append(f'<li id="sentence-{i}">{stamp}<span class="sentence">{e(s.text)}</span>'
                     f"{marks}{support}</li>")
    sources = []
    for src in digest.sources:
        name = e(src.title or src.document_id)
        link = f'<a href="{e(src.url)}">{name}</a>' if src.url else f"<strong>{name}</strong>"
        extra = f' <span class="meta">{e(src.source)}</span>' if src.source else ""
        if src.title:
            extra += f' <span class="meta">({e(src.document_id)})</span>'
        back = " ".join(f'<a href="#sentence-{i}" title="sentence {i}">↩{i}</a>'
                        for i in cited_by.get(src.number, []))
        sources.append(f'<li id="source-{src.number}" value="{src.number}">{link}{extra} '
                       f'<span class="meta backlinks">{back}</span></li>')
    st = digest.stats
    body = (f'<ol class="digest">{"".join(items)}</ol>' if items else
            "<p><em>No digest: no sentence qualified.</em></p>")
    table = _explanations_html(digest) if explain and digest.explanations else ""
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta name=\"generator\" content=\"lexdigest\">"
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{e(title)}</h1><p class=\"meta\">{st.documents} documents, "
        f"{st.sentences} sentences, {len(digest.sentences)} in the digest</p></header>"
        f"<main>{body}<h2>Sources</h2><ol class=\"sources\">{''.join(sources)}</ol>"
        f"{table}</main>"
        f"<footer><p class=\"meta\">Made by lexdigest in {st.engine_ms:.0f} ms: "
        f"{st.candidates} candidates, {st.dropped_redundant} redundant, "
        f"{st.dropped_boilerplate} boilerplate, {st.dropped_filtered} filtered, "
        f"{st.dropped_over_budget} over budget.</p></footer></body></html>\n"
    )


def _explanations_html(digest: Digest) -> str:
    e = html.escape
    ex = _Explainer(digest)
    rows = []
    for x in _ordered(digest):
        rows.append(
            f'<tr class="{e(x.decision)}"><td class="num">{x.rank or "–"}</td>'
            f'<td class="num">{x.score:.2f}</td><td>{e(_FATE.get(x.decision, x.decision))}</td>'
            f"<td>{e(x.text)} <span class=\"meta\">({e(x.citation.document_id)})</span></td>"
            f"<td>{e(ex.why(x))}</td></tr>")
    return (f'<h2 id="explanations">How the digest was made</h2><details open><summary>'
            f"{e(_tally(digest))}</summary><table><thead><tr><th>rank</th><th>score</th>"
            f"<th>fate</th><th>sentence</th><th>why</th></tr></thead><tbody>{''.join(rows)}"
            "</tbody></table></details>")


# -- stories ----------------------------------------------------------------------------------


def _span(story: Story) -> str:
    """The story's dates as "2025-02-06" or "2025-02-06 to 2025-02-09" ("" when unknown)."""
    if story.start_time is None or story.end_time is None:
        return ""
    a, b = story.start_time.date().isoformat(), story.end_time.date().isoformat()
    return a if a == b else f"{a} to {b}"


def _story_heading(story: Story) -> str:
    n = len(story.document_ids)
    meta = ", ".join(p for p in (f"{n} document{'s' if n != 1 else ''}", _span(story)) if p)
    return f"{story.title.text} ({meta})"


def render_story(story: Story, format: str = "text", width: int | None = None) -> str:
    """One story: its headline, documents and dates, then its digest, in ``format``."""
    if format == "json":
        return json.dumps(story.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if format == "text":
        head = f"{story.id}: {_story_heading(story)}"
        return head + "\n" + "=" * min(len(head), width or 79) + "\n" + render_text(
            story.digest, width)
    if format == "markdown":
        return f"## {_md(_story_heading(story))}\n\n" + render_markdown(story.digest)
    if format == "html":
        return render_html(story.digest, _story_heading(story))
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def render_stories(stories: Stories, format: str = "text", width: int | None = None,
                   title: str | None = None) -> str:
    """Every story of a pile in ``format``; ``json`` is the response's proto JSON."""
    if format == "json":
        return stories.to_json()
    n = len(stories)
    summary = f"{n} stor{'y' if n == 1 else 'ies'} from {stories.documents} documents"
    if format == "text":
        return summary + "\n\n" + "\n".join(render_story(s, "text", width) for s in stories)
    if format == "markdown":
        return (f"# {_md(title or 'Stories')}\n\n{summary}.\n\n"
                + "\n".join(render_story(s, "markdown") for s in stories))
    if format == "html":
        return _stories_html(stories, title or "Stories", summary)
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def _stories_html(stories: Stories, title: str, summary: str) -> str:
    """One page: a section per story with its headline, dates and digest."""
    e = html.escape
    sections = []
    for s in stories:
        page = render_html(s.digest, _story_heading(s))
        main = page[page.index("<main>") + 6 : page.index("</main>")]
        # Anchors are per page; prefix them with the story id so stories do not collide.
        main = main.replace('id="', f'id="{e(s.id)}-').replace('href="#', f'href="#{e(s.id)}-')
        sections.append(f'<section id="{e(s.id)}"><h2>{e(_story_heading(s))}</h2>{main}'
                        "</section>")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta name=\"generator\" content=\"lexdigest\">"
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{e(title)}</h1><p class=\"meta\">{e(summary)}</p></header>"
        f"<main>{''.join(sections)}</main></body></html>\n"
    )
