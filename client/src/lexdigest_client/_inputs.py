"""Reading what people have into documents: text, Markdown, HTML, JSON, JSONL, folders, stdin.

Each file is one document whose id is its file name (a JSON file may hold one document or a
list; a JSONL file one document per line). Folders are read recursively in sorted order,
globs are expanded, ``-`` reads standard input. HTML pages are reduced to their article text
with trafilatura, installed by the ``html`` extra.
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path
from typing import Any

from ._errors import InvalidInputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
DIR_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES


def read_documents(paths: list[str]) -> list[dict[str, Any]]:
    """Documents (dicts with at least ``id`` and ``text``) from ``paths``."""
    docs: list[dict[str, Any]] = []
    for raw in paths:
        if raw == "-":
            docs.append({"id": "stdin", "text": sys.stdin.read()})
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) else [raw]
        if not matches:
            raise InvalidInputError(f"{raw}: no file matches")
        for m in matches:
            path = Path(m)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix.lower() in DIR_SUFFIXES
                               and not any(part.startswith(".") for part in p.parts))
                if not files:
                    raise InvalidInputError(f"{path}: no .txt, .md, .html, .json or .jsonl files")
                for f in files:
                    docs.extend(read_file(f))
            elif path.exists():
                docs.extend(read_file(path))
            else:
                raise InvalidInputError(f"{path}: no such file or directory")
    return docs


def read_file(path: Path) -> list[dict[str, Any]]:
    """The document(s) in one file, by its suffix."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path}: not UTF-8 text") from None
    if suffix in HTML_SUFFIXES:
        return [html_document(text, path.name)]
    if suffix == ".json":
        return _json_documents(text, path)
    if suffix in {".jsonl", ".ndjson"}:
        docs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                docs.extend(_json_documents(line, path, n))
        return docs
    return [{"id": path.name, "text": text}]


def _json_documents(text: str, path: Path, line: int = 0) -> list[dict[str, Any]]:
    where = f"{path}:{line}" if line else str(path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{where}: invalid JSON ({exc.msg})") from None
    items = value if isinstance(value, list) else [value]
    docs = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InvalidInputError(f"{where}: expected an object with a \"text\" string")
        doc = {k: item[k] for k in ("id", "title", "text", "url", "published_at", "source")
               if item.get(k) is not None}
        default_id = path.name if len(items) == 1 and not line else f"{path.name}#{line or i + 1}"
        doc["id"] = str(doc.get("id") or default_id)
        docs.append(doc)
    return docs


def html_document(page: str, name: str) -> dict[str, Any]:
    """The article of a saved web page, with its title and date when the page has them."""
    try:
        import trafilatura
    except ImportError:
        raise InvalidInputError(
            f"{name}: reading HTML needs the html extra: pip install 'lexdigest-client[html]'"
        ) from None
    text = trafilatura.extract(page, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    if not text.strip():
        raise InvalidInputError(f"{name}: no article text found in the page")
    doc: dict[str, Any] = {"id": name, "text": text}
    meta = trafilatura.extract_metadata(page)
    if meta is not None:
        if meta.title:
            doc["title"] = meta.title
        if meta.url:
            doc["url"] = meta.url
        if meta.date:
            doc["published_at"] = meta.date
        if meta.sitename:
            doc["source"] = meta.sitename
    return doc
