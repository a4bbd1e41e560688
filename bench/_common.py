"""Shared helpers of the benchmark scripts in ``bench/``.

The benchmark data live outside the repository, in ``<repo root>/../shared/bench/<set>``
(see that folder's README). They are for local measurement only: nothing here copies them
into the repository. This module only reads them:

- ``resolve_data_dir``: the data folder from ``--data`` or the default location;
- ``load_clusters``: ``clusters.jsonl`` as ``Cluster`` objects;
- ``load_peers``: the published system summaries of ``peers/<SYSTEM>.jsonl``;
- ``format_table`` / ``print_table``: a plain-text table in aligned columns.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = "duc2004"
EXIT_NO_DATA = 2


def default_data_dir(set_name: str = DEFAULT_SET) -> Path:
    """Where the data set ``set_name`` is expected: ``<repo root>/../shared/bench/<set>``."""
    return (REPO_ROOT.parent / "shared" / "bench" / set_name).resolve()


def resolve_data_dir(arg: str | Path | None, set_name: str = DEFAULT_SET) -> Path:
    """The data folder: ``arg`` when given, else the default one (it may not exist)."""
    return Path(arg).expanduser().resolve() if arg else default_data_dir(set_name)


def require_data_dir(data_dir: Path) -> None:
    """Exit with status 2 and one clear line when ``data_dir`` has no ``clusters.jsonl``."""
    if not (data_dir / "clusters.jsonl").is_file():
        print(
            f"benchmark data not found: {data_dir / 'clusters.jsonl'} is missing "
            "(pass --data DIR; see shared/bench/README.md)",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_NO_DATA)


@dataclass(frozen=True, slots=True)
class Cluster:
    """One multi-document cluster: its documents (as plain dicts) and human references."""

    id: str
    documents: list[dict[str, str]]
    references: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        """Whitespace words over all documents."""
        return sum(len(d["text"].split()) for d in self.documents)


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield record


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """Read a ``clusters.jsonl`` (or a data folder holding one); ``limit`` keeps the first N."""
    if path.is_dir():
        path = path / "clusters.jsonl"
    clusters: list[Cluster] = []
    for record in _read_jsonl(path):
        if limit is not None and len(clusters) >= limit:
            break
        documents = [
            {
                "id": str(doc["id"]),
                "title": str(doc.get("title") or ""),
                "text": str(doc["text"]),
            }
            for doc in record["documents"]
        ]
        references = [str(r) for r in record.get("references", [])]
        clusters.append(Cluster(id=str(record["id"]), documents=documents, references=references))
    return clusters


def peer_names(data_dir: Path) -> list[str]:
    """Names of the published systems in ``<data_dir>/peers`` (file stems), sorted."""
    peers_dir = data_dir / "peers"
    if not peers_dir.is_dir():
        return []
    return sorted(p.stem for p in peers_dir.glob("*.jsonl"))


def load_peer(data_dir: Path, system: str) -> dict[str, str]:
    """Summaries of one published system: cluster id -> summary text."""
    path = data_dir / "peers" / f"{system}.jsonl"
    return {str(r["id"]): str(r["summary"]) for r in _read_jsonl(path)}


def load_peers(data_dir: Path, systems: Sequence[str] | None = None) -> dict[str, dict[str, str]]:
    """Summaries of the published systems (all of them, or ``systems``)."""
    names = list(systems) if systems is not None else peer_names(data_dir)
    return {name: load_peer(data_dir, name) for name in names}


Cell = str | int | float | None


def _cell_text(value: Cell, decimals: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def format_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    decimals: int = 2,
    align: str | None = None,
) -> str:
    """Rows in aligned columns under a header line and a rule.

    ``None`` cells are left blank, floats get ``decimals`` digits. ``align`` has one letter per
    column, ``l`` or ``r``; by default a column is right-aligned when all of its non-blank
    cells are numbers.
    """
    texts = [[_cell_text(v, decimals) for v in row] for row in rows]
    ncols = len(headers)
    if any(len(row) != ncols for row in texts):
        raise ValueError("every row must have one cell per header")
    if align is None:
        align = "".join(
            "r"
            if any(row[c] is not None for row in rows)
            and all(
                row[c] is None or (isinstance(row[c], int | float) and not isinstance(row[c], bool))
                for row in rows
            )
            else "l"
            for c in range(ncols)
        )
    widths = [max([len(headers[c])] + [len(row[c]) for row in texts]) for c in range(ncols)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(widths[c]) if align[c] == "r" else cell.ljust(widths[c])
            for c, cell in enumerate(cells)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in texts)
    return "\n".join(out)


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    decimals: int = 2,
    align: str | None = None,
) -> None:
    """Print ``format_table(...)`` to standard output."""
    print(format_table(headers, rows, decimals=decimals, align=align))


# ----------------------------------------------------------------------------- sumy

_SUMY_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class PlainTokenizer:
    """A sumy tokenizer (``to_sentences`` / ``to_words``) that needs no NLTK data."""

    language = "english"

    def __init__(self, split_spans: Callable[[str], list[tuple[int, int]]]) -> None:
        self._split_spans = split_spans

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        spans = self._split_spans(paragraph)
        return tuple(s for s in (paragraph[a:b].strip() for a, b in spans) if s)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        words = (w.removesuffix("'s").removesuffix("’s") for w in _SUMY_WORD.findall(sentence))
        return tuple(words)


def make_sumy_summarizer(path: str) -> Any:
    from importlib import import_module

    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    module_name, class_name = path.split(":")
    summarizer = getattr(import_module(module_name), class_name)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer
