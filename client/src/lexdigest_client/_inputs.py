"""Reading what people have into documents: text, Markdown, HTML, JSON, JSONL, folders, stdin.

Each file is one document whose id is its file name (a JSON file may hold one document, a
list of them or ``{"documents": [...]}``; a JSONL file one document per line). Folders are
read recursively in sorted order (hidden files skipped), globs are expanded, ``-`` reads
standard input (JSON, JSONL, HTML or plain text, recognised by its content). HTML pages are
reduced to their article text with trafilatura, installed by the ``html`` extra. Markdown is
turned into plain text; a YAML-style front matter block may give ``title``, ``url``,
``published_at`` (or ``date``) and ``source``, and a first ``# heading`` gives the title.

    >>> docs = read_documents(["articles/", "extra/*.json", "-"])  # doctest: +SKIP
    >>> docs[0]["id"], docs[0]["text"][:40]  # doctest: +SKIP

``lexdigest batch`` input is read here too: ``read_lines`` gives the non-empty lines of a
JSONL file or stdin, ``cluster_line`` one line's cluster (or the error that line earns).
"""

from __future__ import annotations

import glob
import json
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from ._errors import InvalidInputError, LexdigestError

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DIR_SUFFIXES = (TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
                | JSONL_SUFFIXES)
FIELDS = ("id", "title", "text", "url", "published_at", "source")
HTML_EXTRA_HINT = "pip install 'lexdigest-client[html]'"


class MissingExtraError(InvalidInputError):
    """An input needs an optional extra that is not installed."""


def read_documents(paths: list[str], stdin: TextIO | None = None) -> list[dict[str, Any]]:
    """Documents (dicts with ``id``, ``text`` and the optional fields) from ``paths``.

    Every document also carries ``path``, where it was read from (not sent to the server).
    Ids are made unique: when two files share a name, their paths tell them apart.
    """
    docs: list[dict[str, Any]] = []
    for raw in paths:
        if raw == "-":
            docs.extend(read_stdin(stdin or sys.stdin))
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            raise InvalidInputError(f"{raw}: no file matches")
        found = False
        for m in matches:
            path = Path(m)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix.lower() in DIR_SUFFIXES
                               and not any(part.startswith(".")
                                           for part in p.relative_to(path).parts))
                for f in files:
                    docs.extend(read_file(f))
                found = found or bool(files)
            elif path.is_file():
                docs.extend(read_file(path))
                found = True
            elif not path.exists():
                raise InvalidInputError(f"{path}: no such file or directory")
        if not found:
            raise InvalidInputError(f"{raw}: no .txt, .md, .html, .json or .jsonl files")
    return _unique_ids(docs)


def _unique_ids(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for d in docs:
        counts[d["id"]] = counts.get(d["id"], 0) + 1
    seen: set[str] = set()
    for d in docs:
        doc_id = d["id"]
        if counts[doc_id] > 1 and d.get("path") and d["path"] != "-":
            candidate = d["path"] if doc_id == Path(d["path"]).name else f"{d['path']}#{doc_id}"
            doc_id = candidate
        base, n = doc_id, 2
        while doc_id in seen:
            doc_id, n = f"{base}~{n}", n + 1
        seen.add(doc_id)
        d["id"] = doc_id
    return docs


def read_stdin(stream: TextIO) -> list[dict[str, Any]]:
    """The document(s) on standard input: JSON, JSONL, an HTML page or plain text."""
    text = stream.read()
    if not text.strip():
        raise InvalidInputError("stdin: no input")
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            return _json_documents(text, "stdin")
        except InvalidInputError:
            lines = [ln for ln in text.splitlines() if ln.strip()]
            if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
                return _jsonl_documents(text, "stdin")
            raise
    if re.match(r"(?is)<!doctype html|<html[\s>]", stripped[:200]):
        return [html_document(text, "stdin", "-")]
    return [{"id": "stdin", "text": text, "path": "-"}]


def read_file(path: Path) -> list[dict[str, Any]]:
    """The document(s) in one file, by its suffix (unknown suffixes are read as text)."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if suffix not in HTML_SUFFIXES:
            raise InvalidInputError(f"{path}: not UTF-8 text") from None
        text = data.decode("latin-1")
    where = str(path)
    if suffix in HTML_SUFFIXES:
        return [html_document(text, path.name, where)]
    if suffix in JSON_SUFFIXES:
        return _json_documents(text, where, path.name)
    if suffix in JSONL_SUFFIXES:
        return _jsonl_documents(text, where, path.name)
    if suffix in MARKDOWN_SUFFIXES:
        return [markdown_document(text, path.name, where)]
    return [{"id": path.name, "text": text, "path": where}]


def _jsonl_documents(text: str, where: str, name: str | None = None) -> list[dict[str, Any]]:
    docs = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            docs.extend(_json_documents(line, where, name, line=n))
    return docs


def _json_documents(text: str, where: str, name: str | None = None,
                    line: int = 0) -> list[dict[str, Any]]:
    here = f"{where}:{line}" if line else where
    name = name or where
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{here}: invalid JSON ({exc.msg}, line {exc.lineno} "
                                f"column {exc.colno})") from None
    if isinstance(value, dict) and isinstance(value.get("documents"), list):
        value = value["documents"]
    items = value if isinstance(value, list) else [value]
    docs = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            what = f"{here}[{i}]" if isinstance(value, list) else here
            raise InvalidInputError(f"{what}: expected an object with a \"text\" string")
        doc = {k: item[k] for k in FIELDS if item.get(k) not in (None, "")}
        default_id = name if len(items) == 1 and not line else f"{name}#{line or i + 1}"
        doc["id"] = str(doc.get("id") or default_id)
        doc["path"] = where
        docs.append(doc)
    return docs


# -- Markdown ---------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

# Markdown comes from the caller's files, so every rule below runs in time linear in the text,
# whatever the text (tests/client/test_markdown_linear.py fuzzes them). A lazy ``.*?`` that
# looks for a closing delimiter is quadratic when closers are missing: from every opener it
# scans to the end. So the spans that need a closer are either found by a scan with
# ``str.find`` (fenced code, comments) or matched by a character class that excludes the
# opener, so that a failed attempt stops at the next opener instead of the end of the text.
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.M)
_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]+\S.*$", re.M), ""),  # link definitions
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]+", re.M), ""),  # list markers
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # rules
    # Strong, then emphasis: the inner text may hold the other delimiter or a single one of
    # its own, never its own closing pair, and no line break.
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),  # code spans
    (re.compile(r"\n{3,}"), "\n\n"),
]


def _heading_text(line: str) -> str:
    """An ATX heading's text without its optional closing ``#`` run (``## Title ##``)."""
    text = line.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.rstrip(" \t")
    return text


def _without_fenced_code(text: str) -> str:
    """Text with each closed ````` fence and its contents replaced by one empty line; a fence
    that is never closed is kept as it is."""
    lines = text.split("\n")
    out: list[str] = []
    opened = -1  # index in ``lines`` of the open fence, or -1
    for i, line in enumerate(lines):
        if opened < 0:
            if line.startswith("```"):
                opened = i
            else:
                out.append(line)
        elif line.rstrip(" \t") == "```":
            out.append("")
            opened = -1
    if opened >= 0:
        out.extend(lines[opened:])
    return "\n".join(out)


def _without_comments(text: str) -> str:
    """Text with each closed ``<!-- … -->`` removed; an unclosed one is kept."""
    parts: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        parts.append(text[at:start])
        at = end + 3
    parts.append(text[at:])
    return "".join(parts)


def markdown_text(md: str) -> str:
    """Plain text of Markdown: markup removed, link texts kept, one paragraph per block.

    >>> markdown_text("# Title\\n\\nSome **bold** [link](http://x).")
    'Title\\n\\nSome bold link.'
    """
    text = _without_comments(_without_fenced_code(md.replace("\r\n", "\n")))
    text = _ATX_HEADING.sub(lambda m: _heading_text(m.group(1)), text)
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    # Each list item or heading is a paragraph of its own for sentence segmentation.
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text)]
    return "\n\n".join(b for b in blocks if b)


def markdown_document(md: str, name: str, where: str) -> dict[str, Any]:
    """A document from a Markdown file: front matter fields, the first heading as title."""
    doc: dict[str, Any] = {"id": name, "path": where}
    m = _FRONT_MATTER.match(md.replace("\r\n", "\n"))
    body = md
    if m:
        body = md.replace("\r\n", "\n")[m.end():]
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            key, value = key.strip().lower(), value.strip().strip("'\"")
            if not sep or not value:
                continue
            if key == "date":
                key = "published_at"
            if key in FIELDS and key != "text":
                doc[key] = value
    heading = re.search(r"^[ \t]{0,3}#[ \t]+(\S.*)", body, re.M)
    if heading and "title" not in doc:
        doc["title"] = markdown_text(_heading_text(heading.group(1)))
    lines = body.split("\n")
    # Keep list items apart: a line that starts a list item becomes its own paragraph.
    spaced = "\n".join(
        ("\n" + ln) if re.match(r"^[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]+", ln) else ln for ln in lines)
    doc["text"] = markdown_text(spaced)
    return doc


# -- HTML -------------------------------------------------------------------------------------

def html_document(page: str, name: str, where: str) -> dict[str, Any]:
    """The article of a saved web page, with its title, URL, date and site when it has them.

    Navigation, adverts, cookie banners, sidebars and footers are left out (trafilatura).
    """
    try:
        import trafilatura  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name != "trafilatura":
            raise MissingExtraError(f"{where}: reading HTML needs {exc.name}, which trafilatura "
                                    f"uses; reinstall the html extra: {HTML_EXTRA_HINT}"
                                    ) from None
        raise MissingExtraError(
            f"{where}: reading HTML needs the html extra: {HTML_EXTRA_HINT}") from None
    except ImportError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MissingExtraError(f"{where}: trafilatura is installed but cannot be imported "
                                f"({first}); reinstall the html extra: {HTML_EXTRA_HINT}"
                                ) from None
    text = trafilatura.extract(page, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=True) or ""
    if not text.strip():
        raise InvalidInputError(f"{where}: no article text found in the page")
    # One paragraph per line in trafilatura's output; blank lines help segmentation.
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    doc: dict[str, Any] = {"id": name, "text": "\n\n".join(paragraphs), "path": where}
    meta = trafilatura.extract_metadata(page)
    if meta is not None:
        for key, value in (("title", meta.title), ("url", meta.url),
                           ("published_at", meta.date), ("source", meta.sitename)):
            if value:
                doc[key] = str(value)
    return doc


def read_lines(path: str) -> list[tuple[int, str]]:
    stream: TextIO
    if path == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise InvalidInputError(f"{path}: {exc.strerror or exc}") from None
    with stream:
        try:
            return [(n, line) for n, line in enumerate(stream, 1) if line.strip()]
        except UnicodeDecodeError:
            raise InvalidInputError(f"{path}: not UTF-8 text") from None


def cluster_line(n: int, line: str, where: str) -> tuple[str, dict[str, Any] | LexdigestError]:
    """``(id, cluster)`` of one input line, or ``(id, error)`` when the line is unusable."""
    fallback = f"line-{n}"
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return fallback, InvalidInputError(f"{where}:{n}: invalid JSON ({exc.msg})")
    if not isinstance(item, dict):
        return fallback, InvalidInputError(f"{where}:{n}: expected a JSON object")
    cid = str(item.get("id") or item.get("cluster_id") or fallback)
    if not isinstance(item.get("documents"), list):
        return cid, InvalidInputError(f"{where}:{n}: expected a \"documents\" list")
    options = item.get("options") or {}
    if not isinstance(options, dict):
        return cid, InvalidInputError(f"{where}:{n}: \"options\" must be an object")
    if isinstance(item.get("query"), str):
        options = {**options, "query": item["query"]}
    return cid, {"documents": item["documents"], "options": options}
