"""Shared helpers of the benchmark scripts in ``bench/``.

The benchmark data live outside the repository, in ``<repo root>/../shared/bench/<set>``
(see that folder's README). They are for local measurement only: nothing here copies them
into the repository. This module only reads them:

- ``resolve_data_dir``: the data folder from ``--data`` or the default location;
- ``load_clusters``: ``clusters.jsonl`` as ``Cluster`` objects;
- ``load_peers``: the published system summaries of ``peers/<SYSTEM>.jsonl``;
- ``format_table`` / ``print_table``: a plain-text table in aligned columns;
- ``Server``: a real ``lexdigest-server`` on loopback, for the benchmarks that call one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0  # seconds a benchmark server may take to start serving
STOP_TIMEOUT = 60.0  # seconds it may take to drain and stop
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


# ----------------------------------------------------------------------------- a server


def children(pid: int) -> list[int]:
    """Process ids of the children of process ``pid`` (every thread's)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    out, todo = [pid], [pid]
    while todo:
        kids = children(todo.pop())
        out += kids
        todo += kids
    return out


class Server:
    """A ``lexdigest-server`` subprocess on 127.0.0.1 with a port it picked itself."""

    def __init__(self, *args: str) -> None:
        fd, name = tempfile.mkstemp(prefix="lexdigest-bench-", suffix=".log")
        os.close(fd)
        self.log = Path(name)
        argv = [sys.executable, "-m", "lexdigest.serve.main", "--host", "127.0.0.1",
                "--port", "0", "--log-format", "json", *args]
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=subprocess.STDOUT, env=env)
        self.port = 0
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _wait_ready(self) -> None:
        import grpc
        from grpc_health.v1 import health_pb2, health_pb2_grpc

        end = time.monotonic() + START_TIMEOUT
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"lexdigest-server exited with {self.proc.returncode}; "
                                   f"log: {self.log}")
            if not self.port:
                for line in self.log.read_text(errors="replace").splitlines():
                    if line.startswith("{") and '"port"' in line:
                        self.port = int(json.loads(line)["port"])
            if self.port:
                try:
                    with grpc.insecure_channel(self.target) as channel:
                        resp = health_pb2_grpc.HealthStub(channel).Check(
                            health_pb2.HealthCheckRequest(), timeout=1)
                    if resp.status == health_pb2.HealthCheckResponse.SERVING:
                        return
                except grpc.RpcError:
                    pass
            time.sleep(0.1)
        raise RuntimeError(f"lexdigest-server not SERVING after {START_TIMEOUT:.0f}s")

    def stop(self) -> int | None:
        tree = process_tree(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        time.sleep(0.2)
        for pid in tree[1:]:  # workers leave with the server; make sure
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        self.log.unlink(missing_ok=True)
        return self.proc.returncode


def tree_cpu_seconds(pids: Sequence[int]) -> float:
    """CPU seconds (user + system) the processes ``pids`` have used so far (gone ones: 0),
    read as the server's metrics read them (``lexdigest.serve.proc``)."""
    from lexdigest.serve.proc import proc_usage

    return sum(usage[1] for usage in map(proc_usage, pids) if usage is not None)
