"""The ``lexdigest`` command: summarize files, run JSONL batches, check a server's health.

Exit codes: 0 ok, 2 usage error, 3 server unreachable or unavailable, 4 invalid input
(including the server's INVALID_ARGUMENT), 5 any other server error. Errors print as one line
(plus the server's field details); ``--verbose`` adds more.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from importlib import metadata
from typing import Any, TextIO

from ._client import DEFAULT_TIMEOUT, BatchResult, DigestClient
from ._errors import InvalidInputError, LexdigestError, UnavailableError
from ._inputs import read_documents
from ._render import FORMATS, render, render_explanations

EXIT_OK, EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_INVALID, EXIT_SERVER = 0, 2, 3, 4, 5


def _version() -> str:
    try:
        return metadata.version("lexdigest-client")
    except metadata.PackageNotFoundError:
        return "unknown"


def _add_connection(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("connection")
    g.add_argument("--target", default=os.environ.get("LEXDIGEST_TARGET"),
                   help="server address HOST:PORT, dns:///name:port or ipv4:a:p,b:q "
                   "($LEXDIGEST_TARGET); without one, an embedded server is started when "
                   "lexdigest-server is installed")
    g.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="deadline of each call in seconds (default %(default)s)")
    g.add_argument("--token", default=os.environ.get("LEXDIGEST_TOKEN"),
                   help="bearer token ($LEXDIGEST_TOKEN)")
    g.add_argument("--tls", action="store_true", help="use TLS with the system's CAs")
    g.add_argument("--ca", help="PEM CA bundle to verify the server (implies --tls)")
    g.add_argument("--cert", help="PEM client certificate for mutual TLS")
    g.add_argument("--key", help="PEM private key of --cert")
    g.add_argument("--server-name", help="TLS name to verify instead of the target's host")
    g.add_argument("-v", "--verbose", action="store_true", help="more detail on errors")


def _add_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("digest options")
    g.add_argument("--max-sentences", type=int, help="most sentences (default 5 when no word "
                   "or character budget is given)")
    g.add_argument("--max-words", type=int, help="most words (a hard cap)")
    g.add_argument("--max-chars", type=int, help="most characters (a hard cap)")
    g.add_argument("--query", help="favour sentences about this topic")
    g.add_argument("--language", help="ISO 639-1 code of the documents (default en)")
    g.add_argument("--ordering", choices=["score", "chronological", "source"],
                   help="order of the digest sentences (default score)")
    g.add_argument("--max-similarity", type=float,
                   help="redundancy ceiling: cosine above which a sentence repeats another "
                   "(default 0.5; 1 disables)")
    g.add_argument("--min-sentence-words", type=int, help="shortest selectable sentence")
    g.add_argument("--max-sentence-words", type=int, help="longest selectable sentence")


def build_parser() -> argparse.ArgumentParser:
    """The ``lexdigest`` argument parser."""
    p = argparse.ArgumentParser(
        prog="lexdigest",
        description="Cited extractive digests of several documents about one story.",
        epilog="Exit codes: 0 ok, 2 usage, 3 server unavailable, 4 invalid input, "
        "5 other server error.",
    )
    p.add_argument("--version", action="version", version=f"lexdigest {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("summarize", help="digest files, folders or stdin",
                       description="Digest the documents in PATH... (files, folders, globs, "
                       "'-' for stdin; .txt .md .html .json .jsonl). Each file is one document "
                       "named by its file name.")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--format", choices=FORMATS, default="text", help="(default %(default)s)")
    s.add_argument("-o", "--output", help="write to this file instead of stdout")
    s.add_argument("--explain", action="store_true",
                   help="also show every candidate with its score, rank and fate")
    s.add_argument("--stream", action="store_true",
                   help="send documents in chunks (SummarizeStream) for very large inputs")
    _add_options(s)
    _add_connection(s)

    b = sub.add_parser("batch", help="digest many clusters from JSONL",
                       description="One cluster per line: {\"id\", \"documents\": [{\"id\", "
                       "\"title\", \"text\", ...}], \"query\"?}. Writes one JSON line per "
                       "cluster, in input order: {\"id\", \"summary\", \"digest\"} or "
                       "{\"id\", \"error\"}.")
    b.add_argument("file", metavar="FILE.jsonl", help="input file, or - for stdin")
    b.add_argument("-o", "--output", help="write to this file instead of stdout")
    b.add_argument("--concurrency", type=int, default=4,
                   help="clusters in flight at once (default %(default)s)")
    b.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    _add_options(b)
    _add_connection(b)

    h = sub.add_parser("health", help="check that a server is serving",
                       description="Exit 0 when the server reports SERVING.")
    h.add_argument("--service", default="", help="service name to check (default: the server)")
    _add_connection(h)

    c = sub.add_parser("completion", help="print a shell completion script",
                       description="eval \"$(lexdigest completion bash)\"")
    c.add_argument("shell", choices=["bash", "zsh", "fish"])
    return p


def _options(a: argparse.Namespace) -> dict[str, Any]:
    names = ["max_sentences", "max_words", "max_chars", "query", "language", "ordering",
             "max_similarity", "min_sentence_words", "max_sentence_words"]
    return {n: getattr(a, n) for n in names if getattr(a, n, None) is not None}


@contextlib.contextmanager
def _client(a: argparse.Namespace) -> Iterator[DigestClient]:
    """A client of ``--target``, or of an embedded server started for this command."""
    running = None
    target = a.target
    if not target:
        try:
            from lexdigest.serve.config import Config
            from lexdigest.serve.server import start
        except ImportError:
            raise UnavailableError(
                "no server: pass --target HOST:PORT or set LEXDIGEST_TARGET "
                "(or pip install lexdigest-server to run one in this process)") from None
        running = start(Config(host="127.0.0.1", port=0, workers=-1, grace_seconds=1))
        target = f"127.0.0.1:{running.port}"
    client = DigestClient(target, timeout=a.timeout, token=a.token, tls=a.tls,
                          root_certificates=a.ca, client_cert=a.cert, client_key=a.key,
                          server_name=a.server_name)
    try:
        yield client
    finally:
        client.close()
        if running is not None:
            running.drain(grace=1)


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        f = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InvalidInputError(f"{path}: {exc.strerror or exc}") from None
    with f:
        yield f


def cmd_summarize(a: argparse.Namespace) -> int:
    docs = read_documents(a.paths)
    if not docs:
        raise InvalidInputError("no documents to summarize")
    options = _options(a)
    if a.explain:
        options["explain"] = True
    with _client(a) as client:
        digest = (client.summarize_stream(docs, **options) if a.stream
                  else client.summarize(docs, **options))
    to_tty = not a.output and sys.stdout.isatty()
    width = min(shutil.get_terminal_size().columns, 100) if to_tty else None
    with _output(a.output) as out:
        out.write(render(digest, a.format, width=width))
        if a.explain and a.format in ("text", "markdown"):
            out.write("\n" + render_explanations(digest))
    return EXIT_OK


def _read_clusters(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    stream: TextIO
    if path == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(path, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise InvalidInputError(f"{path}: {exc.strerror or exc}") from None
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInputError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
            if not isinstance(item, dict) or not isinstance(item.get("documents"), list):
                raise InvalidInputError(f"{path}:{n}: expected an object with a "
                                        "\"documents\" list")
            yield n, item


class _Progress:
    """A one-line progress bar with rate and ETA on a terminal's stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.start, self.done, self.failed = enabled, time.monotonic(), 0, 0
        self.total: int | None = None

    def tick(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if not self.enabled:
            return
        rate = self.done / max(time.monotonic() - self.start, 1e-9)
        if self.total:
            frac = self.done / self.total
            bar = "#" * int(frac * 30)
            eta = (self.total - self.done) / rate if rate else 0.0
            msg = f"[{bar:<30}] {self.done}/{self.total} {rate:.1f}/s ETA {eta:.0f}s"
        else:
            msg = f"{self.done} clusters {rate:.1f}/s"
        sys.stderr.write(f"\r{msg} ")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
        elapsed = time.monotonic() - self.start
        sys.stderr.write(f"lexdigest batch: {self.done} clusters, {self.done - self.failed} ok, "
                         f"{self.failed} failed in {elapsed:.1f}s\n")


def cmd_batch(a: argparse.Namespace) -> int:
    if a.concurrency < 1:
        raise InvalidInputError("--concurrency must be at least 1")
    options = _options(a)
    items = list(_read_clusters(a.file))
    progress = _Progress(sys.stderr.isatty() and not a.no_progress)
    progress.total = len(items)
    window = threading.Semaphore(a.concurrency)
    ids = [str(item.get("id") or f"line-{n}") for n, item in items]
    if len(set(ids)) != len(ids):
        ids = [f"{i}:{cid}" for i, cid in enumerate(ids)]  # keep results apart

    def clusters() -> Iterator[tuple[str, list[Any], dict[str, Any]]]:
        for cid, (_, item) in zip(ids, items, strict=True):
            window.acquire()
            extra = {"query": item["query"]} if isinstance(item.get("query"), str) else {}
            yield cid, item["documents"], extra

    results: dict[str, BatchResult] = {}
    worst = EXIT_OK
    with _client(a) as client, _output(a.output) as out:
        next_index = 0
        for result in client.summarize_batch(clusters(), **options):
            window.release()
            results[result.cluster_id] = result
            progress.tick(result.error is not None)
            while next_index < len(ids) and ids[next_index] in results:
                r = results.pop(ids[next_index])
                original = str(items[next_index][1].get("id") or f"line-{items[next_index][0]}")
                out.write(json.dumps(_batch_line(original, r), ensure_ascii=False) + "\n")
                out.flush()
                if r.error is not None:
                    worst = max(worst, r.error.exit_code)
                next_index += 1
    progress.finish()
    return worst


def _batch_line(cluster_id: str, r: BatchResult) -> dict[str, Any]:
    if r.digest is not None:
        return {"id": cluster_id, "summary": r.digest.summary, "digest": r.digest.to_dict()}
    err = r.error
    assert err is not None
    return {"id": cluster_id, "error": {
        "code": err.code.name if err.code else "UNKNOWN", "message": err.message,
        "field_violations": [{"field": v.field, "description": v.description}
                             for v in err.field_violations]}}


def cmd_health(a: argparse.Namespace) -> int:
    with _client(a) as client:
        status = client.health(a.service, timeout=a.timeout)
    print(status)
    return EXIT_OK if status == "SERVING" else EXIT_UNAVAILABLE


def cmd_completion(a: argparse.Namespace) -> int:
    from ._completion import script

    sys.stdout.write(script(a.shell, build_parser()))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``lexdigest``; returns the exit code."""
    parser = build_parser()
    a = parser.parse_args(argv)
    if a.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handler = {"summarize": cmd_summarize, "batch": cmd_batch, "health": cmd_health,
               "completion": cmd_completion}[a.command]
    try:
        return handler(a)
    except LexdigestError as exc:
        print(f"lexdigest: error: {exc.message}", file=sys.stderr)
        for v in exc.field_violations:
            print(f"  {v.field}: {v.description}", file=sys.stderr)
        if getattr(a, "verbose", False) and exc.code is not None:
            print(f"  (status {exc.code.name})", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
